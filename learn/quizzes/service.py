"""Building quizzes from approved questions and assigning them to a teacher's classes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from learn.classes.service import class_for_teacher, teacher_classes
from learn.extensions import Row, db, get_by_id
from learn.models import (
    Answer,
    Article,
    Assignment,
    Attempt,
    Classroom,
    Enrollment,
    Question,
    Quiz,
    QuizQuestion,
    User,
)
from learn.quizzes.errors import Conflict, InvalidInput, NotFound
from learn.quizzes.grading import CHOICE_FORMATS
from learn.quizzes.questions import article_questions, current_version, get_article

FEEDBACK_MODES = ("immediate", "end")
MAX_TIME_LIMIT_MINUTES = 600
MAX_ATTEMPTS = 20
MAX_QUESTIONS = 100


@dataclass(frozen=True)
class QuizSettings:
    title: str
    question_ids: list[int]
    shuffle_options: bool
    feedback: str
    time_limit_minutes: int | None


# -- small shared helpers -------------------------------------------------------------------


def insert_ignoring_conflict(model: type[Any], values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on the unique `keys`; True if a row was inserted.

    Used where two tabs or a retried request may race to create the same row: the unique
    constraint decides, and neither request fails.
    """
    statement = (
        _dialect_insert()(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        .returning(model.id)
    )
    # RETURNING, not rowcount: psycopg reports -1 rows for this statement either way.
    return db.session.execute(statement).first() is not None


def insert_returning_row(model: type[Row], values: dict[str, Any], keys: list[str]) -> Row | None:
    """`insert_ignoring_conflict` that hands back the new row as a model object (None if the
    unique `keys` already had one): one statement, no second query to read what it wrote."""
    statement = (
        _dialect_insert()(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        .returning(model)
    )
    return db.session.scalars(statement).first()


def _dialect_insert() -> Any:
    dialect = db.session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _int_or_none(value: Any, field: str, errors: dict[str, str], message: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        errors[field] = message
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        errors[field] = message
        return None


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


# -- quizzes --------------------------------------------------------------------------------


def validate_quiz_settings(data: Mapping[str, Any]) -> QuizSettings:
    errors: dict[str, str] = {}
    title = str(data.get("title") or "").strip()
    if not title:
        errors["title"] = "Give the quiz a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    question_ids = _question_ids(data.get("question_ids"), errors)
    feedback = str(data.get("feedback") or "immediate")
    if feedback not in FEEDBACK_MODES:
        errors["feedback"] = "Feedback is 'immediate' (one at a time) or 'end' (all at once)."
    limit_message = f"The time limit is a whole number of minutes, 1 to {MAX_TIME_LIMIT_MINUTES}."
    time_limit = _int_or_none(data.get("time_limit_minutes"), "time_limit", errors, limit_message)
    if time_limit is not None and not 1 <= time_limit <= MAX_TIME_LIMIT_MINUTES:
        errors["time_limit"] = limit_message
    if errors:
        raise InvalidInput("Please correct the quiz settings.", errors)
    return QuizSettings(
        title=title,
        question_ids=question_ids,
        shuffle_options=parse_bool(data.get("shuffle_options", True)),
        feedback=feedback,
        time_limit_minutes=time_limit,
    )


def _question_ids(value: Any, errors: dict[str, str]) -> list[int]:
    if not isinstance(value, list | tuple) or not value:
        errors["question_ids"] = "Choose at least one approved question."
        return []
    try:
        ids = [int(v) for v in value if not isinstance(v, bool)]
    except (TypeError, ValueError):
        errors["question_ids"] = "Question ids are numbers."
        return []
    if len(ids) != len(value):
        errors["question_ids"] = "Question ids are numbers."
    elif len(set(ids)) != len(ids):
        errors["question_ids"] = "Each question can be in the quiz only once."
    elif len(ids) > MAX_QUESTIONS:
        errors["question_ids"] = f"A quiz has at most {MAX_QUESTIONS} questions."
    return ids


def approved_questions(teacher: User, article: Article) -> list[Question]:
    return article_questions(teacher, article, status="approved")


def create_quiz(teacher: User, article_id: int, data: Mapping[str, Any]) -> tuple[Quiz, bool]:
    """Build a quiz in the order given; returns (quiz, created).

    Sending the same quiz again (same title for the same article) returns the first one when
    its content is the same, and is refused when it differs.
    """
    article = get_article(article_id)
    settings = validate_quiz_settings(data)
    _check_questions(teacher, article, settings.question_ids)
    existing = _find_quiz(teacher, article, settings.title)
    if existing is None:
        try:
            return _insert_quiz(teacher, article, settings), True
        except IntegrityError:  # the same request, twice at the same moment
            db.session.rollback()
            existing = _find_quiz(teacher, article, settings.title)
    if existing is None or not _same_quiz(existing, settings):
        raise Conflict(
            f"You already have a quiz called “{settings.title}” for this article (or an "
            "earlier version of one); choose another title.",
            {"title": "You already have a quiz with this title for this article."},
        )
    return existing, False


def _check_questions(teacher: User, article: Article, ids: list[int]) -> None:
    usable = {q.id for q in approved_questions(teacher, article)}
    unusable = [str(i) for i in ids if i not in usable]
    if unusable:
        raise InvalidInput(
            "Only approved questions of this article can go in the quiz "
            f"(not: {', '.join(unusable)}).",
            {"question_ids": "Only approved questions of this article can go in the quiz."},
        )


def _find_quiz(teacher: User, article: Article, title: str) -> Quiz | None:
    """The teacher's quiz of this title for the article (the current version first)."""
    return db.session.scalar(
        select(Quiz)
        .where(Quiz.teacher_id == teacher.id, Quiz.article_id == article.id, Quiz.title == title)
        .order_by(Quiz.replaced_by_id.is_not(None), Quiz.version.desc())
        .limit(1)
    )


def _insert_quiz(teacher: User, article: Article, settings: QuizSettings) -> Quiz:
    quiz = Quiz(
        article_id=article.id,
        teacher_id=teacher.id,
        title=settings.title,
        shuffle_options=settings.shuffle_options,
        feedback=settings.feedback,
        time_limit_minutes=settings.time_limit_minutes,
    )
    quiz.items = [
        QuizQuestion(question_id=question_id, position=position)
        for position, question_id in enumerate(settings.question_ids, start=1)
    ]
    db.session.add(quiz)
    db.session.commit()
    return quiz


def _same_quiz(quiz: Quiz, settings: QuizSettings) -> bool:
    return (
        [item.question_id for item in quiz.items] == settings.question_ids
        and quiz.shuffle_options == settings.shuffle_options
        and quiz.feedback == settings.feedback
        and quiz.time_limit_minutes == settings.time_limit_minutes
    )


def teacher_quizzes(teacher: User) -> list[Quiz]:
    """The teacher's quizzes, current versions only (earlier ones are linked from them)."""
    return list(
        db.session.scalars(
            select(Quiz)
            .where(Quiz.teacher_id == teacher.id, Quiz.replaced_by_id.is_(None))
            .order_by(Quiz.created_at.desc())
        )
    )


# -- editing: in place until attempts exist, then a new version --------------------------------


def has_attempts(quiz: Quiz) -> bool:
    """Has any student started this quiz (through any of its assignments)?"""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Attempt.assignment_id == Assignment.id, Assignment.quiz_id == quiz.id
                )
            )
        )
    )


def quiz_versions(quiz: Quiz) -> list[Quiz]:
    """Every version of the quiz, oldest first (following `replaced_by_id` both ways)."""
    older: list[Quiz] = []
    current = quiz
    while True:
        previous = db.session.scalar(select(Quiz).where(Quiz.replaced_by_id == current.id))
        if previous is None or previous in older:
            break
        older.insert(0, previous)
        current = previous
    newer: list[Quiz] = []
    current = quiz
    while current.replaced_by_id is not None:
        following = db.session.get(Quiz, current.replaced_by_id)
        if following is None or following in newer:
            break
        newer.append(following)
        current = following
    return [*older, quiz, *newer]


def editable_questions(teacher: User, quiz: Quiz) -> tuple[list[Question], list[Question]]:
    """What the quiz editor lists: (the quiz's questions in order — each as its newest
    version, so an edit adopts the edits made since —, the article's other approved
    questions)."""
    in_quiz = list(dict.fromkeys(current_version(item.question) for item in quiz.items))
    chosen = {q.id for q in in_quiz}
    others = [q for q in approved_questions(teacher, quiz.article) if q.id not in chosen]
    return in_quiz, others


def edit_quiz(teacher: User, quiz: Quiz, data: Mapping[str, Any]) -> tuple[Quiz, bool]:
    """Apply the editor's form; returns (the quiz as it now is, whether it is a new version).

    Until students have attempted it, the quiz changes in place (its assignments follow).
    Afterwards it is never changed: the edit becomes version n + 1, unassigned, and the
    attempted version keeps its assignments, attempts and results. Saving without a change
    changes nothing, and makes no version.
    """
    if quiz.teacher_id != teacher.id:
        raise NotFound("No such quiz.")
    if quiz.replaced_by_id is not None:
        raise Conflict(
            f"This is version {quiz.version} of the quiz, and a newer version exists; "
            "edit that one."
        )
    settings = validate_quiz_settings(data)
    in_quiz, others = editable_questions(teacher, quiz)
    usable = {q.id for q in in_quiz + others}
    unusable = [str(i) for i in settings.question_ids if i not in usable]
    if unusable:
        raise InvalidInput(
            "Only this quiz's questions and approved questions of its article can go in "
            f"the quiz (not: {', '.join(unusable)}).",
            {"question_ids": "Only approved questions of this article can go in the quiz."},
        )
    if quiz.title == settings.title and _same_quiz(quiz, settings):
        return quiz, False
    if has_attempts(quiz):
        return _new_quiz_version(quiz, settings), True
    _apply_settings(quiz, settings)
    _commit_title(settings.title)
    return quiz, False


def _apply_settings(quiz: Quiz, settings: QuizSettings) -> None:
    quiz.title = settings.title
    quiz.shuffle_options = settings.shuffle_options
    quiz.feedback = settings.feedback
    quiz.time_limit_minutes = settings.time_limit_minutes
    # Items kept by question (the unique quiz × question row), renumbered; others removed.
    existing = {item.question_id: item for item in quiz.items}
    items = []
    for position, question_id in enumerate(settings.question_ids, start=1):
        item = existing.pop(question_id, None) or QuizQuestion(question_id=question_id)
        item.position = position
        items.append(item)
    quiz.items = items


def _title_taken(title: str) -> Conflict:
    return Conflict(
        f"You already have a quiz called “{title}” for this article; choose another title.",
        {"title": "You already have a quiz with this title for this article."},
    )


def _commit_title(title: str) -> None:
    """Commit a quiz's change; its title taken (the unique row) is a clear Conflict."""
    try:
        db.session.commit()
    except IntegrityError:  # the (teacher, article, title, version) row
        db.session.rollback()
        raise _title_taken(title) from None


def _new_quiz_version(old: Quiz, settings: QuizSettings) -> Quiz:
    new = Quiz(article_id=old.article_id, teacher_id=old.teacher_id, version=old.version + 1)
    _apply_settings(new, settings)
    db.session.add(new)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise _title_taken(settings.title) from None
    # Claim the old version; two editors at once: the second finds it claimed.
    claimed = db.session.execute(
        update(Quiz)
        .where(Quiz.id == old.id, Quiz.replaced_by_id.is_(None))
        .values(replaced_by_id=new.id)
        .returning(Quiz.id)
    ).first()
    if claimed is None:
        db.session.rollback()
        raise Conflict(
            "Someone else saved a new version of this quiz a moment ago; reload the page "
            "to see it, then edit that."
        )
    _commit_title(settings.title)
    return new


def get_teacher_quiz(teacher: User, quiz_id: int) -> Quiz:
    """THE rule of whose quiz it is (building, assigning, results, regrading): another
    teacher's quiz is not found, so its id leaks nothing."""
    quiz = get_by_id(Quiz, quiz_id)
    if quiz is None or quiz.teacher_id != teacher.id:
        raise NotFound("No such quiz among yours.")
    return quiz


# -- assignments ----------------------------------------------------------------------------


def _teacher_class(teacher: User, class_id: Any) -> Classroom:
    try:
        classroom = class_for_teacher(teacher, int(class_id))  # a form sends text
    except (TypeError, ValueError):
        classroom = None
    if classroom is None:
        raise NotFound("No such class among yours.", {"class_id": "Choose one of your classes."})
    return classroom


def parse_due(value: Any, timezone: str) -> datetime | None:
    """A due date as the teacher typed it, in UTC.

    ISO 8601 with an offset is taken as is; without one (an HTML datetime-local field) it is
    the teacher's local time, in the time zone of their profile.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            "The due date is not a date and time (like 2026-12-01T17:00).",
            {"due_at": "Enter a date and time."},
        ) from None
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(timezone or "UTC"))
        except (ZoneInfoNotFoundError, ValueError):
            moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def assign_quiz(
    teacher: User, quiz: Quiz, data: Mapping[str, Any], now: datetime
) -> tuple[Assignment, bool]:
    """Assign a quiz to one of the teacher's classes; returns (assignment, created).

    A quiz is assigned to a class once: assigning it again updates the due date and the
    number of attempts of that assignment, so a repeated request changes nothing more.
    """
    errors: dict[str, str] = {}
    classroom = _teacher_class(teacher, data.get("class_id"))
    due_at = parse_due(data.get("due_at"), teacher.timezone)
    if due_at is not None and due_at <= now:
        errors["due_at"] = "The due date is in the past."
    attempts_message = f"Allowed attempts is a whole number from 1 to {MAX_ATTEMPTS}."
    attempts = _int_or_none(data.get("max_attempts"), "max_attempts", errors, attempts_message)
    if attempts is None and "max_attempts" not in errors:
        attempts = 1
    if attempts is not None and not 1 <= attempts <= MAX_ATTEMPTS:
        errors["max_attempts"] = attempts_message
    if errors:
        raise InvalidInput("Please correct the assignment.", errors)
    if quiz.replaced_by_id is not None and not _is_assigned(quiz, classroom):
        # An older version still serves the classes that took it (their due date and
        # attempts may change), but new classes get the newest version.
        raise Conflict(
            f"This is version {quiz.version} of the quiz, and a newer version exists; "
            "assign that one.",
            {"class_id": "Assign the newest version to a new class."},
        )
    values = {"quiz_id": quiz.id, "class_id": classroom.id, "due_at": due_at}
    created = insert_ignoring_conflict(
        Assignment, {**values, "max_attempts": attempts, "created_at": now}, ["quiz_id", "class_id"]
    )
    assignment = db.session.scalars(
        select(Assignment)
        .where(Assignment.quiz_id == quiz.id, Assignment.class_id == classroom.id)
        .execution_options(populate_existing=True)
    ).one()
    assignment.due_at, assignment.max_attempts = due_at, attempts or 1
    db.session.commit()
    return assignment, created


def _is_assigned(quiz: Quiz, classroom: Classroom) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(Assignment.quiz_id == quiz.id, Assignment.class_id == classroom.id)
            )
        )
    )


def assignable_classes(teacher: User, quiz: Quiz) -> list[Classroom]:
    """The classes the quiz page offers: any of the teacher's for the current version; for
    an older one, only those it is assigned to (to change their due date or attempts)."""
    if quiz.replaced_by_id is None:
        return teacher_classes(teacher)
    return sorted((a.classroom for a in quiz.assignments), key=lambda c: c.name)


@dataclass(frozen=True)
class ClassQuiz:
    """One quiz assigned to a class, as its class page lists it."""

    assignment: Assignment
    submitted: int  # students with at least one submitted attempt


def class_assignments(classroom: Classroom) -> list[ClassQuiz]:
    """The quizzes assigned to a class, soonest due first (no due date last), in two
    queries whatever their number."""
    assignments = list(
        db.session.scalars(
            select(Assignment)
            .options(joinedload(Assignment.quiz))
            .where(Assignment.class_id == classroom.id)
            .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)
        )
    )
    counts = db.session.execute(
        select(Attempt.assignment_id, func.count(func.distinct(Attempt.student_id)))
        .where(
            Attempt.assignment_id.in_([a.id for a in assignments]),
            Attempt.submitted_at.is_not(None),
        )
        .group_by(Attempt.assignment_id)
    )
    submitted = {assignment_id: count for assignment_id, count in counts}
    return [ClassQuiz(a, submitted.get(a.id, 0)) for a in assignments]


# -- results for the teacher ------------------------------------------------------------------


@dataclass(frozen=True)
class StudentResult:
    student: User
    attempts: int
    submitted: int
    best_score: float | None


def assignment_results(assignment: Assignment) -> list[StudentResult]:
    """Every student of the class with their attempts on this assignment (none: 0)."""
    students = db.session.scalars(
        select(User)
        .join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.class_id == assignment.class_id)
        .order_by(User.display_name, User.username)
    ).all()
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.assignment_id == assignment.id)
    ).all()
    results = []
    for student in students:
        own = [a for a in attempts if a.student_id == student.id]
        scores = [a.score for a in own if a.submitted_at is not None and a.score is not None]
        results.append(
            StudentResult(
                student=student,
                attempts=len(own),
                submitted=len(scores),
                best_score=max(scores) if scores else None,
            )
        )
    return results


# -- newer versions of a live quiz's questions ----------------------------------------------


@dataclass(frozen=True)
class NewerVersion:
    position: int
    used: Question  # the version the quiz's students were given
    current: Question  # the newest version, edited since


def newer_versions(quiz: Quiz) -> list[NewerVersion]:
    """The quiz's questions that were edited after the quiz froze them."""
    found = []
    for item in quiz.items:
        current = current_version(item.question)
        if current.id != item.question_id:
            found.append(NewerVersion(item.position, item.question, current))
    return found


def adopt_newer_versions(owner: User, quiz: Quiz) -> int:
    """The quiz's owner moves it to the newest version of each question: the quiz, every
    attempt's layout and every answer now point to it (ready to be regraded with its key).
    Returns how many questions moved. Only ever the owner's deliberate act."""
    get_teacher_quiz(owner, quiz.id)  # NotFound for anyone else
    moves = {newer.used.id: newer.current for newer in newer_versions(quiz)}
    if not moves:
        return 0
    for item in quiz.items:
        if item.question_id in moves:
            item.question_id = moves[item.question_id].id
    attempt_ids = select(Attempt.id).join(Assignment).where(Assignment.quiz_id == quiz.id)
    for attempt in db.session.scalars(select(Attempt).where(Attempt.id.in_(attempt_ids))):
        attempt.layout = _moved_layout(attempt.layout, moves, quiz.shuffle_options)
    for old_id, current in moves.items():
        db.session.execute(
            update(Answer)
            .where(Answer.question_id == old_id, Answer.attempt_id.in_(attempt_ids))
            .values(question_id=current.id)
        )
    db.session.commit()
    return len(moves)


def _moved_layout(
    layout: dict[str, Any], moves: dict[int, Question], shuffle: bool
) -> dict[str, Any]:
    """The attempt's question order with the moved questions' new ids; a moved choice
    question keeps its old option order where the options are unchanged."""
    order = [moves[q].id if q in moves else q for q in layout.get("questions", [])]
    options = dict(layout.get("options", {}))
    for old_id, current in moves.items():
        before = options.pop(str(old_id), None)
        if current.format in CHOICE_FORMATS:
            kept = [c for c in before or [] if c in current.choices]
            added = [c for c in current.choices if c not in kept]
            if shuffle and current.format == "multiple_choice":
                random.shuffle(added)
            options[str(current.id)] = kept + added
    return {**layout, "questions": order, "options": options}
