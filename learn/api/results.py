"""Quiz results over the API (teachers): per-student scores and per-question statistics,
the same numbers as the statistics page (learn/results), unrounded."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from learn.api.core import (
    ApiError,
    api_auth,
    api_user,
    bp,
    error_responses,
    id_parameter,
    json_content,
    schema_ref,
)
from learn.quizzes.errors import NotFound
from learn.quizzes.service import get_teacher_quiz
from learn.results import service
from learn.results.stats import QuizSummary


def summary_json(summary: QuizSummary) -> dict[str, Any]:
    return {
        "count": summary.count,
        "mean": summary.mean,
        "median": summary.median,
        "sd": summary.sd,
        "alpha": summary.alpha,
    }


def student_json(row: service.StudentQuizResult) -> dict[str, Any]:
    cell = row.cell
    return {
        "student": {
            "id": row.student.id,
            "username": row.student.username,
            "display_name": row.student.display_name,
        },
        "class_id": row.assignment.class_id,
        "assignment_id": row.assignment.id,
        "attempts": cell.attempts,
        "submitted": cell.submitted,
        "best_score": cell.best,
        "last_score": cell.last,
        "late": cell.late,
    }


def question_json(row: service.QuestionReport) -> dict[str, Any]:
    return {
        "question_id": row.question.id,
        "position": row.position,
        "facility": row.item.facility,
        "discrimination": row.item.discrimination,
        "flags": list(row.item.flags),
        "answered": row.answered,
        "options": [{"text": o.text, "count": o.count, "correct": o.correct} for o in row.options],
    }


@bp.get("/quizzes/<int:quiz_id>/results")
@api_auth("teacher")
def quiz_results(quiz_id: int) -> ResponseReturnValue:
    scope = request.args.get("attempts", "first")
    if scope not in service.SCOPES:
        raise ApiError(422, "attempts is 'first' or 'all'.", {"attempts": "first or all"})
    try:
        quiz = get_teacher_quiz(api_user(), quiz_id)
    except NotFound as error:
        raise ApiError(404, error.message) from None
    report = service.quiz_report(quiz, scope)
    return {
        "quiz": {"id": quiz.id, "title": quiz.title},
        "attempts": scope,
        "summary": summary_json(report.summary),
        "scores": [
            {
                "attempt_id": attempt.id,
                "student_id": attempt.student_id,
                "number": attempt.number,
                "score": score,
            }
            for attempt, score in zip(report.attempts, report.scores, strict=True)
        ],
        "students": [student_json(row) for row in service.quiz_student_results(quiz)],
        "questions": [question_json(row) for row in report.questions],
    }


NULLABLE = {"type": ["number", "null"]}
SCORE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}

OPENAPI_PATHS: dict[str, Any] = {
    "/quizzes/{quiz_id}/results": {
        "get": {
            "operationId": "getQuizResults",
            "summary": "Scores and question statistics of one of your quizzes (teachers)",
            "description": "Statistics are computed on each student's first submitted attempt "
            "(attempts=first, the default) or on every submitted attempt (attempts=all). "
            "A statistic the data leave undefined (one attempt, an item everyone got right, "
            "equal scores) is null. See docs/results.md for the formulas.",
            "tags": ["results"],
            "parameters": [
                id_parameter("quiz_id"),
                {
                    "name": "attempts",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["first", "all"], "default": "first"},
                },
            ],
            "responses": {
                "200": {
                    "description": "The quiz's results.",
                    **json_content(schema_ref("QuizResults")),
                },
                **error_responses(401, 403, 404, 422),
            },
        }
    }
}

OPENAPI_SCHEMAS: dict[str, Any] = {
    "QuizResults": {
        "type": "object",
        "required": ["quiz", "attempts", "summary", "scores", "students", "questions"],
        "properties": {
            "quiz": {
                "type": "object",
                "required": ["id", "title"],
                "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
            },
            "attempts": {"type": "string", "enum": ["first", "all"]},
            "summary": {
                "type": "object",
                "required": ["count", "mean", "median", "sd", "alpha"],
                "properties": {
                    "count": {"type": "integer", "description": "Attempts counted."},
                    "mean": SCORE,
                    "median": SCORE,
                    "sd": {**NULLABLE, "description": "Sample standard deviation of scores."},
                    "alpha": {**NULLABLE, "description": "Cronbach's alpha (KR-20)."},
                },
            },
            "scores": {
                "type": "array",
                "description": "The attempts counted in the statistics.",
                "items": {
                    "type": "object",
                    "required": ["attempt_id", "student_id", "number", "score"],
                    "properties": {
                        "attempt_id": {"type": "integer"},
                        "student_id": {"type": "integer"},
                        "number": {"type": "integer"},
                        "score": {"type": "number", "minimum": 0, "maximum": 1},
                    },
                },
            },
            "students": {
                "type": "array",
                "description": "Every student of every class the quiz is assigned to.",
                "items": {
                    "type": "object",
                    "required": [
                        "student",
                        "class_id",
                        "assignment_id",
                        "attempts",
                        "submitted",
                        "best_score",
                        "last_score",
                        "late",
                    ],
                    "properties": {
                        "student": schema_ref("UserSummary"),
                        "class_id": {"type": "integer"},
                        "assignment_id": {"type": "integer"},
                        "attempts": {"type": "integer"},
                        "submitted": {"type": "integer"},
                        "best_score": SCORE,
                        "last_score": SCORE,
                        "late": {
                            "type": "boolean",
                            "description": "An attempt was submitted after the due date.",
                        },
                    },
                },
            },
            "questions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "question_id",
                        "position",
                        "facility",
                        "discrimination",
                        "flags",
                        "answered",
                        "options",
                    ],
                    "properties": {
                        "question_id": {"type": "integer"},
                        "position": {"type": "integer"},
                        "facility": SCORE,
                        "discrimination": {"type": ["number", "null"], "minimum": -1, "maximum": 1},
                        "flags": {
                            "type": "array",
                            "items": {
                                "type": "string",
                                "enum": ["low_discrimination", "too_easy", "too_hard"],
                            },
                        },
                        "answered": {"type": "integer"},
                        "options": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["text", "count", "correct"],
                                "properties": {
                                    "text": {"type": "string"},
                                    "count": {"type": "integer"},
                                    "correct": {"type": "boolean"},
                                },
                            },
                        },
                    },
                },
            },
        },
    }
}
