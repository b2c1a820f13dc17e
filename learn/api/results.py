"""Quiz results over the API (teachers): per-student scores and per-question statistics,
the same numbers as the statistics page (learn/results), unrounded.

Shapes declared once with pydantic and spectree (learn/api/shapes.py)."""

from __future__ import annotations

from typing import Annotated, Literal, cast

from flask import request
from flask.typing import ResponseReturnValue
from pydantic import ConfigDict, Field

from learn.api.core import api_auth, api_user, bp
from learn.api.shapes import Error, Response, Shape, UserSummary, api_spec
from learn.quizzes.service import get_teacher_quiz
from learn.results import service

Score = Annotated[float, Field(ge=0, le=1)]
Flag = Literal["low_discrimination", "too_easy", "too_hard"]

# --- shapes -------------------------------------------------------------------------------


class ResultsQuery(Shape):
    model_config = ConfigDict(**Shape.model_config | {"strict": False})

    attempts: Annotated[
        Literal["first", "all"],
        Field(json_schema_extra={"x-message": "attempts is 'first' or 'all'."}),
    ] = "first"


class QuizName(Shape):
    id: int
    title: str


class Summary(Shape):
    count: Annotated[int, Field(description="Attempts counted.")]
    mean: Score | None
    median: Score | None
    sd: Annotated[float | None, Field(description="Sample standard deviation of scores.")]
    alpha: Annotated[float | None, Field(description="Cronbach's alpha (KR-20).")]


class AttemptScore(Shape):
    attempt_id: int
    student_id: int
    number: int
    score: Score


class StudentResult(Shape):
    student: UserSummary
    class_id: int
    assignment_id: int
    attempts: int
    submitted: int
    best_score: Score | None
    last_score: Score | None
    late: Annotated[bool, Field(description="An attempt was submitted after the due date.")]


class OptionCount(Shape):
    text: str
    count: int
    correct: bool


class QuestionStatistics(Shape):
    question_id: int
    position: int
    facility: Score | None
    discrimination: Annotated[float, Field(ge=-1, le=1)] | None
    flags: list[Flag]
    answered: int
    options: list[OptionCount]


class QuizResults(Shape):
    """Statistics on each student's first submitted attempt (attempts=first, the default)
    or on every submitted attempt (attempts=all); a statistic the data leave undefined
    (one attempt, an item everyone got right, equal scores) is null. See docs/results.md."""

    quiz: QuizName
    attempts: Literal["first", "all"]
    summary: Summary
    scores: Annotated[
        list[AttemptScore], Field(description="The attempts counted in the statistics.")
    ]
    students: Annotated[
        list[StudentResult],
        Field(description="Every student of every class the quiz is assigned to."),
    ]
    questions: list[QuestionStatistics]


def _student(row: service.StudentQuizResult) -> StudentResult:
    cell = row.cell
    return StudentResult(
        student=UserSummary.model_validate(row.student),
        class_id=row.assignment.class_id,
        assignment_id=row.assignment.id,
        attempts=cell.attempts,
        submitted=cell.submitted,
        best_score=cell.best,
        last_score=cell.last,
        late=cell.late,
    )


def _question(row: service.QuestionReport) -> QuestionStatistics:
    return QuestionStatistics(
        question_id=row.question.id,
        position=row.position,
        facility=row.item.facility,
        discrimination=row.item.discrimination,
        flags=cast(list[Flag], list(row.item.flags)),
        answered=row.answered,
        options=[OptionCount(text=o.text, count=o.count, correct=o.correct) for o in row.options],
    )


# --- route --------------------------------------------------------------------------------


@bp.get("/quizzes/<int:quiz_id>/results")
@api_auth("teacher")
@api_spec.validate(
    query=ResultsQuery,
    resp=Response(HTTP_200=(QuizResults, "The quiz's results."), HTTP_403=Error, HTTP_404=Error),
    tags=["results"],
    operation_id="getQuizResults",
)
def quiz_results(quiz_id: int) -> ResponseReturnValue:
    """Scores and question statistics of one of your quizzes (teachers)"""
    scope = request.context.query.attempts  # type: ignore[attr-defined]
    quiz = get_teacher_quiz(api_user(), quiz_id)
    report = service.quiz_report(quiz, scope)
    summary = report.summary
    return QuizResults(  # type: ignore[return-value]
        quiz=QuizName(id=quiz.id, title=quiz.title),
        attempts=scope,
        summary=Summary(
            count=summary.count,
            mean=summary.mean,
            median=summary.median,
            sd=summary.sd,
            alpha=summary.alpha,
        ),
        scores=[
            AttemptScore(
                attempt_id=attempt.id,
                student_id=attempt.student_id,
                number=attempt.number,
                score=score,
            )
            for attempt, score in zip(report.attempts, report.scores, strict=True)
        ],
        students=[_student(row) for row in service.quiz_student_results(quiz)],
        questions=[_question(row) for row in report.questions],
    )
