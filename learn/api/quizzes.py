"""Quizzes over the API (teachers): build a quiz from approved questions, assign it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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
from learn.models import Assignment, Quiz
from learn.quizzes import service
from learn.quizzes.errors import QuizError


def api_error(error: QuizError) -> ApiError:
    """The quiz services' errors, as the API's JSON errors (same status and message)."""
    return ApiError(error.status, error.message, error.errors)


def quiz_json(quiz: Quiz) -> dict[str, Any]:
    return {
        "id": quiz.id,
        "article_id": quiz.article_id,
        "title": quiz.title,
        "question_ids": [item.question_id for item in quiz.items],
        "shuffle_options": quiz.shuffle_options,
        "feedback": quiz.feedback,
        "time_limit_minutes": quiz.time_limit_minutes,
        "created_at": iso(quiz.created_at),
    }


def assignment_json(assignment: Assignment) -> dict[str, Any]:
    return {
        "id": assignment.id,
        "quiz_id": assignment.quiz_id,
        "class_id": assignment.class_id,
        "due_at": iso(assignment.due_at),
        "max_attempts": assignment.max_attempts,
    }


NEW_QUIZ_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["article_id", "title", "question_ids"],
    "properties": {
        "article_id": ID_SCHEMA,
        "title": {**NOT_BLANK, "maxLength": 200, "x-message": "Give the quiz a title."},
        "question_ids": {
            "type": "array",
            "items": ID_SCHEMA,
            "minItems": 1,
            "maxItems": service.MAX_QUESTIONS,
            "uniqueItems": True,
            "description": "Approved questions of the article, in quiz order.",
            "x-messages": {
                "minItems": "Choose at least one approved question.",
                "maxItems": f"A quiz has at most {service.MAX_QUESTIONS} questions.",
                "uniqueItems": "Each question can be in the quiz only once.",
            },
        },
        "shuffle_options": {"type": "boolean", "default": True},
        "feedback": {
            "type": "string",
            "enum": list(service.FEEDBACK_MODES),
            "default": "immediate",
        },
        "time_limit_minutes": {
            "type": ["integer", "null"],
            "minimum": 1,
            "maximum": service.MAX_TIME_LIMIT_MINUTES,
        },
    },
}
ASSIGNMENT_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["class_id"],
    "properties": {
        "class_id": ID_SCHEMA,
        "due_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "In the future. Without a UTC offset (2026-12-04T17:00) it is "
            "read in the teacher's time zone.",
        },
        "max_attempts": {
            "type": "integer",
            "minimum": 1,
            "maximum": service.MAX_ATTEMPTS,
            "default": 1,
        },
    },
}


@bp.post("/quizzes")
@api_auth("teacher")
def create_quiz() -> ResponseReturnValue:
    """201 with the new quiz; 200 with the existing one when the same quiz is sent again."""
    body = json_body(NEW_QUIZ_BODY)
    try:
        quiz, created = service.create_quiz(api_user(), body["article_id"], body)
    except QuizError as error:
        raise api_error(error) from None
    return quiz_json(quiz), 201 if created else 200


@bp.post("/quizzes/<int:quiz_id>/assignments")
@api_auth("teacher")
def assign_quiz(quiz_id: int) -> ResponseReturnValue:
    """201 when assigned; 200 when it was assigned to that class already (settings updated)."""
    teacher = api_user()
    body = json_body(ASSIGNMENT_BODY)
    try:
        quiz = service.get_teacher_quiz(teacher, quiz_id)
        assignment, created = service.assign_quiz(teacher, quiz, body, datetime.now(UTC))
    except QuizError as error:
        raise api_error(error) from None
    return assignment_json(assignment), 201 if created else 200


QUIZ_ID_PARAMETER = id_parameter("quiz_id")

OPENAPI_SCHEMAS: dict[str, Any] = {
    "Quiz": {
        "type": "object",
        "required": [
            "id",
            "article_id",
            "title",
            "question_ids",
            "shuffle_options",
            "feedback",
            "time_limit_minutes",
            "created_at",
        ],
        "properties": {
            "id": {"type": "integer"},
            "article_id": {"type": "integer"},
            "title": {"type": "string"},
            "question_ids": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "In the order students see them.",
            },
            "shuffle_options": {"type": "boolean"},
            "feedback": {
                "type": "string",
                "enum": ["immediate", "end"],
                "description": "immediate: one question at a time with feedback after each; "
                "end: all questions at once, feedback after submitting.",
            },
            "time_limit_minutes": {"type": ["integer", "null"]},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "Assignment": {
        "type": "object",
        "required": ["id", "quiz_id", "class_id", "due_at", "max_attempts"],
        "properties": {
            "id": {"type": "integer"},
            "quiz_id": {"type": "integer"},
            "class_id": {"type": "integer"},
            "due_at": {"type": ["string", "null"], "format": "date-time"},
            "max_attempts": {"type": "integer", "minimum": 1},
        },
    },
}

OPENAPI_PATHS: dict[str, Any] = {
    "/quizzes": {
        "post": {
            "operationId": "createQuiz",
            "summary": "Build a quiz from approved questions of an article (teachers)",
            "description": "Sending the same quiz again (same title and article, same content) "
            "returns the first one with 200; the same title with different content is a 409.",
            "tags": ["quizzes"],
            "requestBody": request_body(NEW_QUIZ_BODY),
            "responses": {
                "201": {"description": "The new quiz.", **json_content(schema_ref("Quiz"))},
                "200": {
                    "description": "The same quiz, created by an earlier identical request.",
                    **json_content(schema_ref("Quiz")),
                },
                **error_responses(400, 401, 403, 404, 409, 422),
            },
        }
    },
    "/quizzes/{quiz_id}/assignments": {
        "post": {
            "operationId": "assignQuiz",
            "summary": "Assign your quiz to one of your classes (teachers)",
            "description": "`due_at` is ISO 8601; without a UTC offset it is read in the "
            "teacher's time zone. Assigning again to the same class updates the due date and "
            "attempts (200).",
            "tags": ["quizzes"],
            "parameters": [QUIZ_ID_PARAMETER],
            "requestBody": request_body(ASSIGNMENT_BODY),
            "responses": {
                "201": {"description": "Assigned.", **json_content(schema_ref("Assignment"))},
                "200": {
                    "description": "Already assigned to that class; settings updated.",
                    **json_content(schema_ref("Assignment")),
                },
                "409": {
                    "description": "This quiz has a newer version (made by editing it after "
                    "students took it): new classes get that one; the classes this version "
                    "is assigned to may still be updated.",
                    **json_content(schema_ref("Error")),
                },
                **error_responses(400, 401, 403, 404, 422),
            },
        }
    },
}
