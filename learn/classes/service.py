"""Classes: teachers create them, students join them with a code.

Join codes are short, random and unique across the app; they avoid letters and digits
that look alike (0/O, 1/I/L) because teachers read them aloud or write them on a board.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from learn.errors import FieldError
from learn.extensions import db, is_row_id
from learn.models import Classroom, Enrollment, User

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8
MAX_CLASS_NAME_LENGTH = 120
# A clash among 31**8 codes is rare; a few retries make a failure practically impossible.
CODE_ATTEMPTS = 5


class ClassError(FieldError):
    """Bad class input (422); `field` is the form field the message belongs to."""


class UnknownJoinCode(ClassError):
    """No class has the code given: 404 rather than 422, about no field (the code was
    well formed); the join form still shows the message beside its code field."""

    status = 404

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.fields = {}


@dataclass(frozen=True)
class JoinResult:
    classroom: Classroom
    created: bool  # False when the student was already enrolled


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(raw: str) -> str:
    """Accept what people type: lower case, spaces or dashes between groups."""
    return re.sub(r"[\s-]+", "", raw).upper()


def validate_class_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ClassError("name", "Give the class a name, for example “Arabic 2, autumn term”.")
    if len(name) > MAX_CLASS_NAME_LENGTH:
        raise ClassError("name", f"Use a name of at most {MAX_CLASS_NAME_LENGTH} characters.")
    return name


def create_class(teacher: User, name: str) -> Classroom:
    name = validate_class_name(name)
    for _ in range(CODE_ATTEMPTS):
        classroom = Classroom(name=name, teacher_id=teacher.id, join_code=new_join_code())
        db.session.add(classroom)
        try:
            db.session.commit()
        except IntegrityError:  # the random code was taken: draw another
            db.session.rollback()
            continue
        return classroom
    raise RuntimeError("could not draw an unused join code")


def rename_class(classroom: Classroom, name: str) -> Classroom:
    classroom.name = validate_class_name(name)
    db.session.commit()
    return classroom


def replace_join_code(classroom: Classroom) -> str:
    """A fresh code (e.g. the old one leaked); the old one stops working, nobody is removed."""
    class_id = classroom.id
    for _ in range(CODE_ATTEMPTS):
        classroom.join_code = new_join_code()
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            refreshed = db.session.get(Classroom, class_id)
            assert refreshed is not None
            classroom = refreshed
            continue
        return classroom.join_code
    raise RuntimeError("could not draw an unused join code")


def remove_student(classroom: Classroom, student_id: int) -> bool:
    """Unenrol a student; False when they were not enrolled (a repeat changes nothing)."""
    enrollment = db.session.scalar(
        select(Enrollment).where(
            Enrollment.class_id == classroom.id, Enrollment.student_id == student_id
        )
    )
    if enrollment is None:
        return False
    db.session.delete(enrollment)
    db.session.commit()
    return True


def teacher_classes(teacher: User) -> list[Classroom]:
    """The teacher's classes by name, for the lists that offer them (assigning a quiz, results)."""
    return list(
        db.session.scalars(
            select(Classroom).where(Classroom.teacher_id == teacher.id).order_by(Classroom.name)
        )
    )


def classes_taught_by(teacher: User) -> list[Classroom]:
    return list(
        db.session.scalars(
            select(Classroom)
            .where(Classroom.teacher_id == teacher.id)
            .options(selectinload(Classroom.enrollments))
            .order_by(Classroom.created_at.desc(), Classroom.id.desc())
        )
    )


def classes_of_student(student: User) -> list[Classroom]:
    return list(
        db.session.scalars(
            select(Classroom)
            .join(Enrollment, Enrollment.class_id == Classroom.id)
            .where(Enrollment.student_id == student.id)
            .options(selectinload(Classroom.teacher))
            .order_by(Classroom.name, Classroom.id)
        )
    )


def class_for_teacher(teacher: User, class_id: object) -> Classroom | None:
    """THE rule of whose class it is (pages, the API, assigning, results): the class if
    this teacher runs it; None hides other teachers' classes entirely, and anything that
    cannot be an id."""
    if not is_row_id(class_id):
        return None
    return db.session.scalar(
        select(Classroom).where(Classroom.id == class_id, Classroom.teacher_id == teacher.id)
    )


def class_for_member(user: User, class_id: int) -> Classroom | None:
    """The class if `user` teaches it or is enrolled in it."""
    if user.role == "teacher":
        return class_for_teacher(user, class_id)
    return db.session.scalar(
        select(Classroom)
        .join(Enrollment, Enrollment.class_id == Classroom.id)
        .where(Classroom.id == class_id, Enrollment.student_id == user.id)
    )


def is_enrolled(student: User, classroom: Classroom) -> bool:
    return _enrollment(student, classroom) is not None


def enrolled_students(classroom: Classroom) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Enrollment, Enrollment.student_id == User.id)
            .where(Enrollment.class_id == classroom.id)
            .order_by(User.username_key)
        )
    )


def enrolled_student(classroom: Classroom, student_id: int) -> User | None:
    """The student with this id if enrolled in the class, else None."""
    return db.session.scalar(
        select(User)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.class_id == classroom.id, User.id == student_id)
    )


def _enrollment(student: User, classroom: Classroom) -> Enrollment | None:
    return db.session.scalar(
        select(Enrollment).where(
            Enrollment.class_id == classroom.id, Enrollment.student_id == student.id
        )
    )


def join_class(student: User, code: str) -> JoinResult:
    """Enrol a student by join code; joining twice (even at once) is a no-op."""
    if student.role != "student":
        raise ClassError("code", "Only students join classes; teachers create them.")
    normalized = normalize_join_code(code)
    if not normalized:
        raise ClassError("code", "Enter the join code your teacher gave you.")
    classroom = db.session.scalar(select(Classroom).where(Classroom.join_code == normalized))
    if classroom is None:
        raise UnknownJoinCode(
            "code", f"No class has the code “{normalized}”. Check it with your teacher."
        )
    if _enrollment(student, classroom) is not None:
        return JoinResult(classroom, created=False)
    db.session.add(Enrollment(class_id=classroom.id, student_id=student.id))
    try:
        db.session.commit()
    except IntegrityError:
        # A double submit raced us to the unique (class, student) row: already enrolled.
        db.session.rollback()
        return JoinResult(classroom, created=False)
    return JoinResult(classroom, created=True)
