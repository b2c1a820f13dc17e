"""Taking quizzes over the API (students): assignments, attempts, answers, submitting.

The rules are those of the pages (learn/quizzes/attempts.py): starting resumes the open
attempt; an answer is stored once per question (a repeat returns it, a different answer after
immediate feedback is a 409); nothing is accepted after the due date, the time limit or
submitting (409, with the reason).

Shapes declared once with pydantic and spectree (learn/api/shapes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Annotated, Any, Literal, cast

from flask import request
from flask.typing import ResponseReturnValue
from pydantic import ConfigDict, Field

from learn.api.core import ApiError, api_auth, api_user, bp, not_space_class
from learn.api.quizzes import QuizId
from learn.api.shapes import (
    Error,
    Response,
    Shape,
    UtcDateTime,
    api_spec,
    declared_body,
    optional_body,
)
from learn.models import Assignment, Attempt
from learn.quizzes import attempts
from learn.quizzes.attempts import AssignmentStatus
from learn.quizzes.grading import CHOICE_FORMATS

Score = Annotated[float, Field(ge=0, le=1)]
Feedback = Literal["immediate", "end"]
Format = Literal["multiple_choice", "true_false", "short_answer"]


def _now() -> datetime:
    return datetime.now(UTC)


# --- shapes -------------------------------------------------------------------------------


class AssignedQuiz(Shape):
    id: int
    title: str
    article_id: int
    feedback: Feedback
    time_limit_minutes: int | None
    question_count: int


class AssignedClass(Shape):
    id: int
    name: str


class AssignmentStatusShape(Shape):
    model_config = ConfigDict(**Shape.model_config | {"serialize_by_alias": True})

    id: int
    quiz: AssignedQuiz
    class_: Annotated[AssignedClass, Field(alias="class")]
    due_at: UtcDateTime | None
    max_attempts: int
    attempts_used: int
    attempts_left: int
    status: Literal["not_started", "in_progress", "done", "missed"]
    in_progress_attempt_id: int | None
    last_score: Score | None
    best_score: Score | None
    closed_reason: Annotated[str | None, Field(description="Why no new attempt can start.")]


class Assignments(Shape):
    assignments: Annotated[list[AssignmentStatusShape], Field(description="Soonest due first.")]


class Evidence(Shape):
    """The article sentence proving the answer; the answer is text[answer_start:answer_end]."""

    text: str
    answer_start: int | None
    answer_end: int | None


class AnswerFeedback(Shape):
    correct: bool
    message: Annotated[str, Field(description="“Correct!” or the right answer.")]
    response: str
    correct_answer: str
    evidence: Evidence | None


class AttemptQuestion(Shape):
    id: int
    format: Format
    prompt_ar: str
    prompt_en: str
    options: list[str] | None
    response: str | None
    feedback: Annotated[
        AnswerFeedback | None,
        Field(description="Once the quiz shows it (immediate mode, or after submitting)."),
    ]


class AttemptShape(Shape):
    id: int
    assignment_id: int
    quiz_id: int
    number: Annotated[int, Field(description="1 for the first attempt, ...")]
    feedback_mode: Feedback
    started_at: UtcDateTime
    deadline: Annotated[
        UtcDateTime | None,
        Field(description="Answers are refused after this (time limit or due date)."),
    ]
    submitted_at: UtcDateTime | None
    score: Annotated[Score | None, Field(description="Fraction correct, once submitted.")]
    questions: Annotated[
        list[AttemptQuestion], Field(description="In this attempt's fixed order (options too).")
    ]


@optional_body
class StartAttempt(Shape):
    assignment_id: Annotated[
        QuizId | None,
        Field(description="Only needed if the quiz is assigned to several of your classes."),
    ] = None


class NewAnswer(Shape):
    response: Annotated[
        str,
        Field(
            max_length=attempts.MAX_RESPONSE,
            pattern=not_space_class(),
            description="One of the options, or the typed short answer.",
            json_schema_extra={"x-message": "Choose or type an answer first."},
        ),
    ]


class AnswerResult(Shape):
    attempt_id: int
    question_id: int
    response: str
    answered_at: UtcDateTime
    feedback: Annotated[
        AnswerFeedback | None, Field(description="Only when the quiz gives immediate feedback.")
    ]


def _status_name(row: AssignmentStatus) -> str:
    if row.in_progress is not None:
        return "in_progress"
    if row.done:
        return "done"
    return "missed" if row.closed_reason else "not_started"


def assignment_status(row: AssignmentStatus) -> AssignmentStatusShape:
    assignment = row.assignment
    quiz = assignment.quiz
    return AssignmentStatusShape.model_validate(
        {
            "id": assignment.id,
            "quiz": {
                **{k: getattr(quiz, k) for k in ("id", "title", "article_id", "feedback")},
                "time_limit_minutes": quiz.time_limit_minutes,
                "question_count": len(quiz.items),
            },
            "class": AssignedClass.model_validate(assignment.classroom),
            "due_at": assignment.due_at,
            "max_attempts": assignment.max_attempts,
            "attempts_used": row.attempts_used,
            "attempts_left": row.attempts_left,
            "status": _status_name(row),
            "in_progress_attempt_id": row.in_progress.id if row.in_progress else None,
            "last_score": row.last_submitted.score if row.last_submitted else None,
            "best_score": row.best_score,
            "closed_reason": row.closed_reason,
        }
    )


def _feedback(value: dict[str, Any] | None) -> AnswerFeedback | None:
    return AnswerFeedback.model_validate(value) if value is not None else None


def attempt_shape(attempt: Attempt) -> AttemptShape:
    """The attempt as the student sees it: feedback only where the quiz shows it by now."""
    quiz = attempt.assignment.quiz
    show_feedback = attempt.submitted_at is not None or quiz.feedback == "immediate"
    answers = attempts.answers_by_question(attempt)
    questions = []
    for question in attempts.attempt_questions(attempt):
        answer = answers.get(question.id)
        choice = question.format in CHOICE_FORMATS
        shown = (
            attempts.feedback_for(question, answer).to_dict() if answer and show_feedback else None
        )
        questions.append(
            AttemptQuestion(
                id=question.id,
                format=cast(Format, question.format),
                prompt_ar=question.prompt_ar,
                prompt_en=question.prompt_en,
                options=attempts.options_for(attempt, question) if choice else None,
                response=answer.response if answer else None,
                feedback=_feedback(shown),
            )
        )
    return AttemptShape(
        id=attempt.id,
        assignment_id=attempt.assignment_id,
        quiz_id=quiz.id,
        number=attempt.number,
        feedback_mode=cast(Feedback, quiz.feedback),
        started_at=attempt.started_at,
        deadline=attempts.deadline(attempt),
        submitted_at=attempt.submitted_at,
        score=attempt.score,
        questions=questions,
    )


def _assignment_for(quiz_id: int, assignment_id: int | None) -> Assignment:
    """The assignment to take the quiz through: the one named, else the student's only one."""
    student = api_user()
    if assignment_id is None:
        return attempts.student_assignment_for_quiz(student, quiz_id)
    assignment = attempts.get_student_assignment(student, assignment_id)
    if assignment.quiz_id != quiz_id:
        raise ApiError(404, "No such quiz assigned to you.")
    return assignment


def own_attempt(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    """404 unless the attempt of the URL is the signed-in student's, checked before the
    body; the view gets `attempt`."""

    @wraps(view)
    def wrapped(attempt_id: int, **kwargs: object) -> ResponseReturnValue:
        attempt = attempts.get_student_attempt(api_user(), attempt_id)
        return view(attempt=attempt, **kwargs)

    return wrapped


# --- routes -------------------------------------------------------------------------------

NOT_YOURS = (Error, "No such attempt (or quiz) of yours.")
CLOSED = (
    Error,
    "Closed (due date, time limit, submitted) or already answered after feedback; the "
    "message says which.",
)


@bp.get("/me/assignments")
@api_auth("student")
@api_spec.validate(
    resp=Response(HTTP_200=Assignments, HTTP_403=Error),
    tags=["quizzes"],
    operation_id="listMyAssignments",
)
def my_assignments() -> ResponseReturnValue:
    """Quizzes assigned to your classes, with your progress (students)"""
    rows = attempts.student_assignments(api_user(), _now())
    return Assignments(assignments=[assignment_status(row) for row in rows])  # type: ignore[return-value]


@bp.post("/quizzes/<int:quiz_id>/attempts")
@api_auth("student")
@api_spec.validate(
    json=StartAttempt,
    resp=Response(
        HTTP_201=(AttemptShape, "A new attempt."),
        HTTP_200=(AttemptShape, "The open attempt, resumed."),
        HTTP_403=Error,
        HTTP_404=NOT_YOURS,
        HTTP_409=(Error, "Due date passed or no attempts left (the message says which)."),
    ),
    tags=["quizzes"],
    operation_id="startAttempt",
)
def start_attempt(quiz_id: int) -> ResponseReturnValue:
    """Start an attempt, or resume the open one (students)

    201 with a new attempt, or 200 with the open one (resumed, same order)."""
    body: StartAttempt | None = declared_body() if request.get_data() else None
    assignment = _assignment_for(quiz_id, body.assignment_id if body else None)
    attempt, created = attempts.start_or_resume(api_user(), assignment, _now())
    return attempt_shape(attempt), 201 if created else 200  # type: ignore[return-value]


@bp.get("/attempts/<int:attempt_id>")
@api_auth("student")
@own_attempt
@api_spec.validate(
    resp=Response(HTTP_200=(AttemptShape, "The attempt."), HTTP_403=Error, HTTP_404=NOT_YOURS),
    tags=["quizzes"],
    operation_id="getAttempt",
)
def get_attempt(attempt: Attempt) -> ResponseReturnValue:
    """One of your attempts, with answers and any feedback due (students)"""
    attempts.close_if_expired(attempt, _now())
    return attempt_shape(attempt)  # type: ignore[return-value]


@bp.put("/attempts/<int:attempt_id>/answers/<int:question_id>")
@api_auth("student")
@own_attempt
@api_spec.validate(
    json=NewAnswer,
    resp=Response(
        HTTP_201=(AnswerResult, "Stored."),
        HTTP_200=(AnswerResult, "Already stored (or replaced, in end mode)."),
        HTTP_403=Error,
        HTTP_404=NOT_YOURS,
        HTTP_409=CLOSED,
    ),
    tags=["quizzes"],
    operation_id="putAnswer",
)
def put_answer(attempt: Attempt, question_id: int) -> ResponseReturnValue:
    """Answer one question (idempotent; students)

    One answer per question. Sending the same answer again returns it (200). With
    immediate feedback a different answer is refused (409) because the right answer was
    shown; in end mode it replaces the first until submitting."""
    body: NewAnswer = declared_body()
    outcome = attempts.record_answer(attempt, question_id, body.response, _now())
    answer = outcome.answer
    result = AnswerResult(
        attempt_id=attempt.id,
        question_id=answer.question_id,
        response=answer.response,
        answered_at=answer.answered_at,
        feedback=_feedback(outcome.feedback.to_dict() if outcome.feedback else None),
    )
    return result, 201 if outcome.created else 200  # type: ignore[return-value]


@bp.post("/attempts/<int:attempt_id>/submit")
@api_auth("student")
@own_attempt
@api_spec.validate(
    resp=Response(
        HTTP_200=(AttemptShape, "The scored attempt with feedback."),
        HTTP_403=Error,
        HTTP_404=NOT_YOURS,
    ),
    tags=["quizzes"],
    operation_id="submitAttempt",
)
def submit_attempt(attempt: Attempt) -> ResponseReturnValue:
    """Submit and score the attempt (idempotent; students)

    Score = fraction correct. Submitting again returns the same result."""
    return attempt_shape(attempts.submit(attempt, _now()))  # type: ignore[return-value]
