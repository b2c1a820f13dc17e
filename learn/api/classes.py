"""Classes over the API: a teacher lists and creates classes, a student joins by code.

Shapes declared once with pydantic and spectree (learn/api/shapes.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Annotated

from flask.typing import ResponseReturnValue
from pydantic import ConfigDict, Field, RootModel

from learn.api.core import (
    ApiError,
    api_auth,
    api_user,
    bp,
    not_space_class,
)
from learn.api.shapes import (
    Error,
    Response,
    Shape,
    UserSummary,
    UtcDateTime,
    api_spec,
    declared_body,
)
from learn.classes import service
from learn.models import Classroom, User

# --- shapes -------------------------------------------------------------------------------


class ClassName(Shape):
    name: Annotated[
        str,
        Field(
            max_length=service.MAX_CLASS_NAME_LENGTH,
            pattern=not_space_class(),
            description="Spaces are trimmed and runs of spaces become one.",
            json_schema_extra={
                "x-message": "Give the class a name, for example “Arabic 2, autumn term”."
            },
        ),
    ]


class JoinRequest(Shape):
    code: Annotated[
        str,
        Field(
            max_length=64,
            # Spaces and dashes between groups are ignored, and so is letter case.
            pattern=not_space_class("-"),
            examples=["K7P2QX9M"],
            json_schema_extra={"x-message": "Enter the join code your teacher gave you."},
        ),
    ]


class Class(Shape):
    """A class as an enrolled student sees it."""

    id: int
    name: str
    teacher: UserSummary
    created_at: UtcDateTime


class TaughtClass(Class):
    """A class as its teacher sees it: with its join code."""

    join_code: str
    student_count: int


class TaughtClassWithStudents(TaughtClass):
    students: list[UserSummary]


class ClassList(Shape):
    classes: list[TaughtClass | Class]


class ClassDetail(RootModel[TaughtClassWithStudents | Class]):
    """A class as its teacher (with the students) or an enrolled student sees it."""


class JoinAnswer(Shape):
    model_config = ConfigDict(**Shape.model_config, serialize_by_alias=True)

    class_: Annotated[Class, Field(alias="class")]
    joined: Annotated[bool, Field(description="False when already enrolled.")]


def class_shape(classroom: Classroom, viewer: User) -> Class:
    """The class as this viewer may see it (the join code only for its teacher)."""
    if viewer.id != classroom.teacher_id:
        return Class.model_validate(classroom)
    return TaughtClass.model_validate(
        {**Class.model_validate(classroom).model_dump(), **_teacher_fields(classroom)}
    )


def _teacher_fields(classroom: Classroom) -> dict[str, object]:
    return {"join_code": classroom.join_code, "student_count": len(classroom.enrollments)}


# --- routes -------------------------------------------------------------------------------

CLASS_NOT_FOUND = (Error, "No such class among yours.")


@bp.get("/classes")
@api_auth()
@api_spec.validate(resp=Response(HTTP_200=ClassList), tags=["classes"], operation_id="listClasses")
def list_classes() -> ResponseReturnValue:
    """Your classes (taught, or enrolled in)

    Teachers: the classes they run. Students: the classes they are enrolled in."""
    user = api_user()
    if user.is_teacher:
        classes = service.classes_taught_by(user)
    else:
        classes = service.classes_of_student(user)
    return ClassList(classes=[class_shape(c, user) for c in classes])  # type: ignore[return-value]


@bp.post("/classes")
@api_auth("teacher")
@api_spec.validate(
    json=ClassName,
    resp=Response(HTTP_201=(TaughtClass, "The new class, with its join code."), HTTP_403=Error),
    tags=["classes"],
    operation_id="createClass",
)
def create_class() -> ResponseReturnValue:
    """Create a class (teachers)"""
    classroom = service.create_class(api_user(), declared_body().name)
    return class_shape(classroom, api_user()), 201  # type: ignore[return-value]


@bp.get("/classes/<int:class_id>")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_200=ClassDetail, HTTP_404=CLASS_NOT_FOUND),
    tags=["classes"],
    operation_id="getClass",
)
def get_class(class_id: int) -> ResponseReturnValue:
    """One of your classes; its teacher also gets the students"""
    user = api_user()
    classroom = service.class_for_member(user, class_id)
    if classroom is None:
        raise ApiError(404, "No such class among yours.")
    shape = class_shape(classroom, user)
    if isinstance(shape, TaughtClass):
        students = [UserSummary.model_validate(s) for s in service.enrolled_students(classroom)]
        shape = TaughtClassWithStudents.model_validate({**shape.model_dump(), "students": students})
    return ClassDetail(shape)  # type: ignore[return-value]


@bp.post("/classes/join")
@api_auth("student")
@api_spec.validate(
    json=JoinRequest,
    resp=Response(
        HTTP_201=(JoinAnswer, "Enrolled now."),
        HTTP_200=(JoinAnswer, "Was already enrolled; nothing changed."),
        HTTP_403=Error,
        HTTP_404=(Error, "No class has this code."),
        HTTP_429=(Error, "Too many join attempts from this address."),
    ),
    tags=["classes"],
    operation_id="joinClass",
)
def join_class() -> ResponseReturnValue:
    """Join a class with its code (students); repeating it is harmless

    201 when newly enrolled, 200 when already enrolled (a repeat changes nothing)."""
    result = service.join_class(api_user(), declared_body().code)
    answer = JoinAnswer.model_validate(
        {"class": class_shape(result.classroom, api_user()), "joined": result.created}
    )
    return answer, 201 if result.created else 200  # type: ignore[return-value]


def owned_class(class_id: int) -> Classroom:
    classroom = service.class_for_teacher(api_user(), class_id)
    if classroom is None:
        raise ApiError(404, "No such class among yours.")
    return classroom


def teacher_owns_class(
    view: Callable[..., ResponseReturnValue],
) -> Callable[..., ResponseReturnValue]:
    """404 unless the class of the URL is the signed-in teacher's, checked before the body
    (another teacher learns nothing from a 422); the view gets `classroom`."""

    @wraps(view)
    def wrapped(class_id: int, **kwargs: object) -> ResponseReturnValue:
        return view(classroom=owned_class(class_id), **kwargs)

    return wrapped


@bp.patch("/classes/<int:class_id>")
@api_auth("teacher")
@teacher_owns_class
@api_spec.validate(
    json=ClassName,
    resp=Response(
        HTTP_200=(TaughtClass, "The renamed class."), HTTP_403=Error, HTTP_404=CLASS_NOT_FOUND
    ),
    tags=["classes"],
    operation_id="renameClass",
)
def rename_class(classroom: Classroom) -> ResponseReturnValue:
    """Rename your class"""
    service.rename_class(classroom, declared_body().name)
    return class_shape(classroom, api_user())  # type: ignore[return-value]


@bp.post("/classes/<int:class_id>/code")
@api_auth("teacher")
@api_spec.validate(
    resp=Response(
        HTTP_200=(TaughtClass, "The class with its new code."),
        HTTP_403=Error,
        HTTP_404=CLASS_NOT_FOUND,
    ),
    tags=["classes"],
    operation_id="replaceJoinCode",
)
def replace_code(class_id: int) -> ResponseReturnValue:
    """Give your class a new join code (the old one stops working)

    Enrolled students stay."""
    classroom = owned_class(class_id)
    service.replace_join_code(classroom)
    return class_shape(classroom, api_user())  # type: ignore[return-value]


@bp.delete("/classes/<int:class_id>/students/<int:student_id>")
@api_auth("teacher")
@api_spec.validate(
    resp=Response(HTTP_204=None, HTTP_403=Error, HTTP_404=(Error, "No such class, or not in it.")),
    tags=["classes"],
    operation_id="removeStudent",
)
def remove_student(class_id: int, student_id: int) -> ResponseReturnValue:
    """Remove a student from your class"""
    if not service.remove_student(owned_class(class_id), student_id):
        raise ApiError(404, "That student is not in this class.")
    return "", 204
