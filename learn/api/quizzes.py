"""Quizzes over the API (teachers): build a quiz from approved questions, assign it.

Shapes declared once with pydantic and spectree (learn/api/shapes.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Annotated, Literal

from flask.typing import ResponseReturnValue
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from learn.api.core import api_auth, api_user, bp, not_space_class
from learn.api.shapes import (
    WHOLE,
    Error,
    Response,
    Shape,
    UtcDateTime,
    api_spec,
    declared_body,
    unique_items,
)
from learn.extensions import MAX_ID, MIN_ID
from learn.models import Quiz
from learn.quizzes import service

QuizId = Annotated[int, Field(ge=MIN_ID, le=MAX_ID), WHOLE]


class NewQuiz(Shape):
    article_id: QuizId
    title: Annotated[
        str,
        Field(
            max_length=200,
            pattern=not_space_class(),
            json_schema_extra={"x-message": "Give the quiz a title."},
        ),
    ]
    question_ids: Annotated[
        list[QuizId],
        Field(
            min_length=1,
            max_length=service.MAX_QUESTIONS,
            description="Approved questions of the article, in quiz order, each once.",
            json_schema_extra={
                "uniqueItems": True,
                "x-message": "Choose at least one approved question.",
            },
        ),
        unique_items("Each question can be in the quiz only once."),
    ]
    shuffle_options: bool = True
    feedback: Annotated[
        Literal["immediate", "end"],
        Field(
            description="immediate: one question at a time with feedback after each; "
            "end: all questions at once, feedback after submitting."
        ),
    ] = "immediate"
    time_limit_minutes: (
        Annotated[int, Field(ge=1, le=service.MAX_TIME_LIMIT_MINUTES), WHOLE] | None
    ) = None


def _no_blank_date(value: str | None) -> str | None:
    """Null or no member means no due date; a blank string is no date and time."""
    if value is not None and not value.strip():
        raise PydanticCustomError(
            "worded", "The due date is not a date and time (like 2026-12-01T17:00)."
        )
    return value


class NewAssignment(Shape):
    class_id: QuizId
    due_at: Annotated[
        str | None,
        Field(
            description="In the future. Without a UTC offset (2026-12-04T17:00) it is read "
            "in the teacher's time zone.",
            json_schema_extra={"format": "date-time"},
        ),
        AfterValidator(_no_blank_date),
    ] = None
    max_attempts: Annotated[int, Field(ge=1, le=service.MAX_ATTEMPTS), WHOLE] = 1


class QuizShape(Shape):
    id: int
    article_id: int
    title: str
    question_ids: Annotated[list[int], Field(description="In the order students see them.")]
    shuffle_options: bool
    feedback: Literal["immediate", "end"]
    time_limit_minutes: int | None
    created_at: UtcDateTime

    @classmethod
    def of(cls, quiz: Quiz) -> QuizShape:
        return cls.model_validate(
            {
                **{
                    name: getattr(quiz, name) for name in cls.model_fields if name != "question_ids"
                },
                "question_ids": [item.question_id for item in quiz.items],
            }
        )


class AssignmentShape(Shape):
    id: int
    quiz_id: int
    class_id: int
    due_at: UtcDateTime | None
    max_attempts: Annotated[int, Field(ge=1)]


def teacher_owns_quiz(
    view: Callable[..., ResponseReturnValue],
) -> Callable[..., ResponseReturnValue]:
    """404 unless the quiz of the URL is the signed-in teacher's, checked before the body;
    the view gets `quiz`."""

    @wraps(view)
    def wrapped(quiz_id: int, **kwargs: object) -> ResponseReturnValue:
        quiz = service.get_teacher_quiz(api_user(), quiz_id)
        return view(quiz=quiz, **kwargs)

    return wrapped


@bp.post("/quizzes")
@api_auth("teacher")
@api_spec.validate(
    json=NewQuiz,
    resp=Response(
        HTTP_201=(QuizShape, "The new quiz."),
        HTTP_200=(QuizShape, "The same quiz, created by an earlier identical request."),
        HTTP_403=Error,
        HTTP_404=(Error, "No such article."),
        HTTP_409=(Error, "You have a quiz of this title for this article, with other content."),
    ),
    tags=["quizzes"],
    operation_id="createQuiz",
)
def create_quiz() -> ResponseReturnValue:
    """Build a quiz from approved questions of an article (teachers)

    Sending the same quiz again (same title and article, same content) returns the first
    one with 200; the same title with different content is a 409."""
    body: NewQuiz = declared_body()
    quiz, created = service.create_quiz(api_user(), body.article_id, body.model_dump())
    return QuizShape.of(quiz), 201 if created else 200  # type: ignore[return-value]


@bp.post("/quizzes/<int:quiz_id>/assignments")
@api_auth("teacher")
@teacher_owns_quiz
@api_spec.validate(
    json=NewAssignment,
    resp=Response(
        HTTP_201=(AssignmentShape, "Assigned."),
        HTTP_200=(AssignmentShape, "Already assigned to that class; settings updated."),
        HTTP_403=Error,
        HTTP_404=(Error, "No such quiz or class among yours."),
        HTTP_409=(
            Error,
            "This quiz has a newer version (made by editing it after students took it): new "
            "classes get that one; the classes this version is assigned to may still be "
            "updated.",
        ),
    ),
    tags=["quizzes"],
    operation_id="assignQuiz",
)
def assign_quiz(quiz: Quiz) -> ResponseReturnValue:
    """Assign your quiz to one of your classes (teachers)

    `due_at` is ISO 8601; without a UTC offset it is read in the teacher's time zone.
    Assigning again to the same class updates the due date and attempts (200)."""
    body: NewAssignment = declared_body()
    assignment, created = service.assign_quiz(
        api_user(), quiz, body.model_dump(), datetime.now(UTC)
    )
    return AssignmentShape.model_validate(assignment), 201 if created else 200  # type: ignore[return-value]
