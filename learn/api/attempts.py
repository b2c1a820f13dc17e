"""Taking quizzes over the API (students): assignments, attempts, answers, submitting.

The rules are those of the pages (learn/quizzes/attempts.py): starting resumes the open
attempt; an answer is stored once per question (a repeat returns it, a different answer after
immediate feedback is a 409); nothing is accepted after the due date, the time limit or
submitting (409, with the reason).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from learn.api.core import (
    ID_SCHEMA,
    NOT_BLANK,
    ApiError,
    api_auth,
    api_user,
    bp,
    error_responses,
    id_parameter,
    iso,
    json_body,
    json_content,
    request_body,
    schema_ref,
)
from learn.api.quizzes import api_error
from learn.models import Assignment, Attempt
from learn.quizzes import attempts
from learn.quizzes.attempts import AssignmentStatus
from learn.quizzes.errors import QuizError
from learn.quizzes.grading import CHOICE_FORMATS


def _now() -> datetime:
    return datetime.now(UTC)


def _status_name(row: AssignmentStatus) -> str:
    if row.in_progress is not None:
        return "in_progress"
    if row.done:
        return "done"
    return "missed" if row.closed_reason else "not_started"


def assignment_status_json(row: AssignmentStatus) -> dict[str, Any]:
    assignment = row.assignment
    quiz = assignment.quiz
    return {
        "id": assignment.id,
        "quiz": {
            "id": quiz.id,
            "title": quiz.title,
            "article_id": quiz.article_id,
            "feedback": quiz.feedback,
            "time_limit_minutes": quiz.time_limit_minutes,
            "question_count": len(quiz.items),
        },
        "class": {"id": assignment.classroom.id, "name": assignment.classroom.name},
        "due_at": iso(assignment.due_at),
        "max_attempts": assignment.max_attempts,
        "attempts_used": row.attempts_used,
        "attempts_left": row.attempts_left,
        "status": _status_name(row),
        "in_progress_attempt_id": row.in_progress.id if row.in_progress else None,
        "last_score": row.last_submitted.score if row.last_submitted else None,
        "best_score": row.best_score,
        "closed_reason": row.closed_reason,
    }


def attempt_json(attempt: Attempt) -> dict[str, Any]:
    """The attempt as the student sees it: feedback only where the quiz shows it by now."""
    quiz = attempt.assignment.quiz
    submitted = attempt.submitted_at is not None
    show_feedback = submitted or quiz.feedback == "immediate"
    answers = attempts.answers_by_question(attempt)
    questions = []
    for question in attempts.attempt_questions(attempt):
        answer = answers.get(question.id)
        item: dict[str, Any] = {
            "id": question.id,
            "format": question.format,
            "prompt_ar": question.prompt_ar,
            "prompt_en": question.prompt_en,
            "options": attempts.options_for(attempt, question)
            if question.format in CHOICE_FORMATS
            else None,
            "response": answer.response if answer else None,
            "feedback": attempts.feedback_for(question, answer).to_dict()
            if answer and show_feedback
            else None,
        }
        questions.append(item)
    return {
        "id": attempt.id,
        "assignment_id": attempt.assignment_id,
        "quiz_id": quiz.id,
        "number": attempt.number,
        "feedback_mode": quiz.feedback,
        "started_at": iso(attempt.started_at),
        "deadline": iso(attempts.deadline(attempt)),
        "submitted_at": iso(attempt.submitted_at),
        "score": attempt.score,
        "questions": questions,
    }


START_BODY: dict[str, Any] = {
    "type": "object",
    "properties": {
        "assignment_id": {
            **ID_SCHEMA,
            "description": "Only needed if the quiz is assigned to several of your classes.",
        }
    },
}
ANSWER_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["response"],
    "properties": {
        "response": {
            **NOT_BLANK,
            "maxLength": attempts.MAX_RESPONSE,
            "x-message": "Choose or type an answer first.",
            "description": "One of the options, or the typed short answer.",
        }
    },
}


def _assignment_for(quiz_id: int, body: dict[str, Any]) -> Assignment:
    """The assignment to take the quiz through: the one named, else the student's only one."""
    student = api_user()
    assignment_id = body.get("assignment_id")
    if assignment_id is None:
        return attempts.student_assignment_for_quiz(student, quiz_id)
    assignment = attempts.get_student_assignment(student, assignment_id)
    if assignment.quiz_id != quiz_id:
        raise ApiError(404, "No such quiz assigned to you.")
    return assignment


@bp.get("/me/assignments")
@api_auth("student")
def my_assignments() -> ResponseReturnValue:
    rows = attempts.student_assignments(api_user(), _now())
    return {"assignments": [assignment_status_json(row) for row in rows]}


@bp.post("/quizzes/<int:quiz_id>/attempts")
@api_auth("student")
def start_attempt(quiz_id: int) -> ResponseReturnValue:
    """201 with a new attempt, or 200 with the open one (resumed, same order)."""
    student = api_user()
    body = json_body(START_BODY) if request.get_data() else {}
    try:
        assignment = _assignment_for(quiz_id, body)
        attempt, created = attempts.start_or_resume(student, assignment, _now())
    except QuizError as error:
        raise api_error(error) from None
    return attempt_json(attempt), 201 if created else 200


def _own_attempt(attempt_id: int) -> Attempt:
    try:
        return attempts.get_student_attempt(api_user(), attempt_id)
    except QuizError as error:
        raise api_error(error) from None


@bp.get("/attempts/<int:attempt_id>")
@api_auth("student")
def get_attempt(attempt_id: int) -> ResponseReturnValue:
    attempt = _own_attempt(attempt_id)
    attempts.close_if_expired(attempt, _now())
    return attempt_json(attempt)


@bp.put("/attempts/<int:attempt_id>/answers/<int:question_id>")
@api_auth("student")
def put_answer(attempt_id: int, question_id: int) -> ResponseReturnValue:
    """201 when stored, 200 when the same answer was already there (or, in end mode,
    replaced). Feedback is included when the quiz gives immediate feedback."""
    attempt = _own_attempt(attempt_id)
    response = json_body(ANSWER_BODY)["response"]
    try:
        outcome = attempts.record_answer(attempt, question_id, response, _now())
    except QuizError as error:
        raise api_error(error) from None
    answer = outcome.answer
    body = {
        "attempt_id": attempt.id,
        "question_id": answer.question_id,
        "response": answer.response,
        "answered_at": iso(answer.answered_at),
        "feedback": outcome.feedback.to_dict() if outcome.feedback else None,
    }
    return body, 201 if outcome.created else 200


@bp.post("/attempts/<int:attempt_id>/submit")
@api_auth("student")
def submit_attempt(attempt_id: int) -> ResponseReturnValue:
    """Score the attempt (fraction correct). Submitting again returns the same result."""
    attempt = attempts.submit(_own_attempt(attempt_id), _now())
    return attempt_json(attempt)


ATTEMPT_ID = id_parameter("attempt_id")
QUIZ_ID = id_parameter("quiz_id")
QUESTION_ID = id_parameter("question_id")
NULLABLE_NUMBER = {"type": ["number", "null"], "minimum": 0, "maximum": 1}

FEEDBACK_SCHEMA = {
    "type": "object",
    "required": ["correct", "message", "response", "correct_answer", "evidence"],
    "properties": {
        "correct": {"type": "boolean"},
        "message": {"type": "string", "description": "“Correct!” or the right answer."},
        "response": {"type": "string"},
        "correct_answer": {"type": "string"},
        "evidence": {
            "type": ["object", "null"],
            "description": "The article sentence proving the answer; the answer is "
            "text[answer_start:answer_end].",
            "properties": {
                "text": {"type": "string"},
                "answer_start": {"type": ["integer", "null"]},
                "answer_end": {"type": ["integer", "null"]},
            },
        },
    },
}

OPENAPI_SCHEMAS: dict[str, Any] = {
    "AnswerFeedback": FEEDBACK_SCHEMA,
    "AssignmentStatus": {
        "type": "object",
        "required": ["id", "quiz", "class", "due_at", "max_attempts", "attempts_left", "status"],
        "properties": {
            "id": {"type": "integer"},
            "quiz": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "article_id": {"type": "integer"},
                    "feedback": {"type": "string", "enum": ["immediate", "end"]},
                    "time_limit_minutes": {"type": ["integer", "null"]},
                    "question_count": {"type": "integer"},
                },
            },
            "class": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            "due_at": {"type": ["string", "null"], "format": "date-time"},
            "max_attempts": {"type": "integer"},
            "attempts_used": {"type": "integer"},
            "attempts_left": {"type": "integer"},
            "status": {"type": "string", "enum": ["not_started", "in_progress", "done", "missed"]},
            "in_progress_attempt_id": {"type": ["integer", "null"]},
            "last_score": NULLABLE_NUMBER,
            "best_score": NULLABLE_NUMBER,
            "closed_reason": {
                "type": ["string", "null"],
                "description": "Why no new attempt can start.",
            },
        },
    },
    "Attempt": {
        "type": "object",
        "required": ["id", "assignment_id", "quiz_id", "number", "questions", "score"],
        "properties": {
            "id": {"type": "integer"},
            "assignment_id": {"type": "integer"},
            "quiz_id": {"type": "integer"},
            "number": {"type": "integer", "description": "1 for the first attempt, ..."},
            "feedback_mode": {"type": "string", "enum": ["immediate", "end"]},
            "started_at": {"type": "string", "format": "date-time"},
            "deadline": {
                "type": ["string", "null"],
                "format": "date-time",
                "description": "Answers are refused after this (time limit or due date).",
            },
            "submitted_at": {"type": ["string", "null"], "format": "date-time"},
            "score": {**NULLABLE_NUMBER, "description": "Fraction correct, once submitted."},
            "questions": {
                "type": "array",
                "description": "In this attempt's fixed order (options too).",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "format": {
                            "type": "string",
                            "enum": ["multiple_choice", "true_false", "short_answer"],
                        },
                        "prompt_ar": {"type": "string"},
                        "prompt_en": {"type": "string"},
                        "options": {"type": ["array", "null"], "items": {"type": "string"}},
                        "response": {"type": ["string", "null"]},
                        "feedback": {
                            "oneOf": [schema_ref("AnswerFeedback"), {"type": "null"}],
                            "description": "Shown once the quiz shows it (immediate mode, "
                            "or after submitting).",
                        },
                    },
                },
            },
        },
    },
}

_ATTEMPT_RESPONSE = json_content(schema_ref("Attempt"))

OPENAPI_PATHS: dict[str, Any] = {
    "/me/assignments": {
        "get": {
            "operationId": "listMyAssignments",
            "summary": "Quizzes assigned to your classes, with your progress (students)",
            "tags": ["quizzes"],
            "responses": {
                "200": {
                    "description": "Assignments, soonest due first.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["assignments"],
                            "properties": {
                                "assignments": {
                                    "type": "array",
                                    "items": schema_ref("AssignmentStatus"),
                                }
                            },
                        }
                    ),
                },
                **error_responses(401, 403),
            },
        }
    },
    "/quizzes/{quiz_id}/attempts": {
        "post": {
            "operationId": "startAttempt",
            "summary": "Start an attempt, or resume the open one (students)",
            "tags": ["quizzes"],
            "parameters": [QUIZ_ID],
            "requestBody": {"required": False, **json_content(START_BODY)},
            "responses": {
                "201": {"description": "A new attempt.", **_ATTEMPT_RESPONSE},
                "200": {"description": "The open attempt, resumed.", **_ATTEMPT_RESPONSE},
                "409": {
                    "description": "Due date passed or no attempts left (message says which).",
                    **json_content(schema_ref("Error")),
                },
                **error_responses(400, 401, 403, 404, 413, 422),
            },
        }
    },
    "/attempts/{attempt_id}": {
        "get": {
            "operationId": "getAttempt",
            "summary": "One of your attempts, with answers and any feedback due (students)",
            "tags": ["quizzes"],
            "parameters": [ATTEMPT_ID],
            "responses": {
                "200": {"description": "The attempt.", **_ATTEMPT_RESPONSE},
                **error_responses(401, 403, 404),
            },
        }
    },
    "/attempts/{attempt_id}/answers/{question_id}": {
        "put": {
            "operationId": "putAnswer",
            "summary": "Answer one question (idempotent; students)",
            "description": "One answer per question. Sending the same answer again returns "
            "it (200). With immediate feedback a different answer is refused (409) because "
            "the right answer was shown; in end mode it replaces the first until submitting.",
            "tags": ["quizzes"],
            "parameters": [ATTEMPT_ID, QUESTION_ID],
            "requestBody": request_body(ANSWER_BODY),
            "responses": {
                "201": {"description": "Stored.", **json_content(schema_ref("AnswerResult"))},
                "200": {
                    "description": "Already stored (or replaced, in end mode).",
                    **json_content(schema_ref("AnswerResult")),
                },
                "409": {
                    "description": "Closed (due date, time limit, submitted) or already "
                    "answered after feedback; the message says which.",
                    **json_content(schema_ref("Error")),
                },
                **error_responses(400, 401, 403, 404, 422),
            },
        }
    },
    "/attempts/{attempt_id}/submit": {
        "post": {
            "operationId": "submitAttempt",
            "summary": "Submit and score the attempt (idempotent; students)",
            "tags": ["quizzes"],
            "parameters": [ATTEMPT_ID],
            "responses": {
                "200": {"description": "The scored attempt with feedback.", **_ATTEMPT_RESPONSE},
                **error_responses(401, 403, 404),
            },
        }
    },
}

OPENAPI_SCHEMAS["AnswerResult"] = {
    "type": "object",
    "required": ["attempt_id", "question_id", "response", "answered_at", "feedback"],
    "properties": {
        "attempt_id": {"type": "integer"},
        "question_id": {"type": "integer"},
        "response": {"type": "string"},
        "answered_at": {"type": "string", "format": "date-time"},
        "feedback": {
            "oneOf": [schema_ref("AnswerFeedback"), {"type": "null"}],
            "description": "Only when the quiz gives immediate feedback.",
        },
    },
}
