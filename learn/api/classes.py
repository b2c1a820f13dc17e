"""Classes over the API: a teacher lists and creates classes, a student joins by code."""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue

from learn.api.core import (
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
    not_space_class,
    request_body,
    schema_ref,
    validation_error,
)
from learn.classes import service
from learn.classes.service import ClassError, UnknownJoinCode
from learn.models import Classroom, User


def class_json(classroom: Classroom, viewer: User) -> dict[str, Any]:
    """A class as its teacher sees it (with join code) or as an enrolled student does."""
    data: dict[str, Any] = {
        "id": classroom.id,
        "name": classroom.name,
        "teacher": {
            "id": classroom.teacher.id,
            "username": classroom.teacher.username,
            "display_name": classroom.teacher.display_name,
        },
        "created_at": iso(classroom.created_at),
    }
    if viewer.id == classroom.teacher_id:
        data["join_code"] = classroom.join_code
        data["student_count"] = len(classroom.enrollments)
    return data


def student_json(student: User) -> dict[str, Any]:
    return {"id": student.id, "username": student.username, "display_name": student.display_name}


CLASS_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {
            **NOT_BLANK,
            "maxLength": service.MAX_CLASS_NAME_LENGTH,
            "description": "Spaces are trimmed and runs of spaces become one.",
            "x-message": "Give the class a name, for example “Arabic 2, autumn term”.",
        }
    },
}
JOIN_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["code"],
    "properties": {
        "code": {
            "type": "string",
            "maxLength": 64,
            # Spaces and dashes between groups are ignored, and so is letter case.
            "pattern": not_space_class("-"),
            "x-message": "Enter the join code your teacher gave you.",
            "examples": ["K7P2QX9M"],
        }
    },
}


@bp.get("/classes")
@api_auth()
def list_classes() -> ResponseReturnValue:
    """Teachers: the classes they run. Students: the classes they are enrolled in."""
    user = api_user()
    if user.is_teacher:
        classes = service.classes_taught_by(user)
    else:
        classes = service.classes_of_student(user)
    return {"classes": [class_json(classroom, user) for classroom in classes]}


@bp.post("/classes")
@api_auth("teacher")
def create_class() -> ResponseReturnValue:
    name = json_body(CLASS_BODY)["name"]
    try:
        classroom = service.create_class(api_user(), name)
    except ClassError as error:
        raise validation_error(error.field, error.message) from None
    return class_json(classroom, api_user()), 201


@bp.get("/classes/<int:class_id>")
@api_auth()
def get_class(class_id: int) -> ResponseReturnValue:
    user = api_user()
    classroom = service.class_for_member(user, class_id)
    if classroom is None:
        raise ApiError(404, "No such class among yours.")
    data = class_json(classroom, user)
    if user.is_teacher:
        data["students"] = [student_json(s) for s in service.enrolled_students(classroom)]
    return data


@bp.post("/classes/join")
@api_auth("student")
def join_class() -> ResponseReturnValue:
    """201 when newly enrolled, 200 when already enrolled (a repeat changes nothing)."""
    code = json_body(JOIN_BODY)["code"]
    try:
        result = service.join_class(api_user(), code)
    except UnknownJoinCode as error:
        raise ApiError(404, error.message) from None
    except ClassError as error:
        raise validation_error(error.field, error.message) from None
    answer = {"class": class_json(result.classroom, api_user()), "joined": result.created}
    return answer, 201 if result.created else 200


def owned_class(class_id: int) -> Classroom:
    classroom = service.class_for_teacher(api_user(), class_id)
    if classroom is None:
        raise ApiError(404, "No such class among yours.")
    return classroom


@bp.patch("/classes/<int:class_id>")
@api_auth("teacher")
def rename_class(class_id: int) -> ResponseReturnValue:
    classroom = owned_class(class_id)
    name = json_body(CLASS_BODY)["name"]
    try:
        service.rename_class(classroom, name)
    except ClassError as error:
        raise validation_error(error.field, error.message) from None
    return class_json(classroom, api_user())


@bp.post("/classes/<int:class_id>/code")
@api_auth("teacher")
def replace_code(class_id: int) -> ResponseReturnValue:
    """A new join code; the old one stops working, enrolled students stay."""
    classroom = owned_class(class_id)
    service.replace_join_code(classroom)
    return class_json(classroom, api_user())


@bp.delete("/classes/<int:class_id>/students/<int:student_id>")
@api_auth("teacher")
def remove_student(class_id: int, student_id: int) -> ResponseReturnValue:
    if not service.remove_student(owned_class(class_id), student_id):
        raise ApiError(404, "That student is not in this class.")
    return "", 204


CLASS_ID_PARAMETER = id_parameter("class_id")

OPENAPI_SCHEMAS: dict[str, Any] = {
    "Class": {
        "type": "object",
        "required": ["id", "name", "teacher", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "teacher": schema_ref("UserSummary"),
            "created_at": {"type": "string", "format": "date-time"},
            "join_code": {"type": "string", "description": "Only for the class's teacher."},
            "student_count": {"type": "integer", "description": "Only for the class's teacher."},
        },
    },
    "ClassStudent": schema_ref("UserSummary"),
}

OPENAPI_PATHS: dict[str, Any] = {
    "/classes": {
        "get": {
            "operationId": "listClasses",
            "summary": "Your classes (taught, or enrolled in)",
            "tags": ["classes"],
            "responses": {
                "200": {
                    "description": "The classes.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["classes"],
                            "properties": {
                                "classes": {"type": "array", "items": schema_ref("Class")}
                            },
                        }
                    ),
                },
                **error_responses(401),
            },
        },
        "post": {
            "operationId": "createClass",
            "summary": "Create a class (teachers)",
            "tags": ["classes"],
            "requestBody": request_body(CLASS_BODY),
            "responses": {
                "201": {
                    "description": "The new class, with its join code.",
                    **json_content(schema_ref("Class")),
                },
                **error_responses(400, 401, 403, 422),
            },
        },
    },
    "/classes/{class_id}": {
        "get": {
            "operationId": "getClass",
            "summary": "One of your classes; its teacher also gets the students",
            "tags": ["classes"],
            "parameters": [CLASS_ID_PARAMETER],
            "responses": {
                "200": {
                    "description": "The class.",
                    **json_content(
                        {
                            "allOf": [
                                schema_ref("Class"),
                                {
                                    "type": "object",
                                    "properties": {
                                        "students": {
                                            "type": "array",
                                            "items": schema_ref("ClassStudent"),
                                        }
                                    },
                                },
                            ]
                        }
                    ),
                },
                **error_responses(401, 404),
            },
        },
        "patch": {
            "operationId": "renameClass",
            "summary": "Rename your class",
            "tags": ["classes"],
            "parameters": [CLASS_ID_PARAMETER],
            "requestBody": request_body(CLASS_BODY),
            "responses": {
                "200": {"description": "The renamed class.", **json_content(schema_ref("Class"))},
                **error_responses(400, 401, 403, 404, 422),
            },
        },
    },
    "/classes/{class_id}/code": {
        "post": {
            "operationId": "replaceJoinCode",
            "summary": "Give your class a new join code (the old one stops working)",
            "tags": ["classes"],
            "parameters": [CLASS_ID_PARAMETER],
            "responses": {
                "200": {
                    "description": "The class with its new code.",
                    **json_content(schema_ref("Class")),
                },
                **error_responses(401, 403, 404),
            },
        }
    },
    "/classes/{class_id}/students/{student_id}": {
        "delete": {
            "operationId": "removeStudent",
            "summary": "Remove a student from your class",
            "tags": ["classes"],
            "parameters": [
                CLASS_ID_PARAMETER,
                id_parameter("student_id"),
            ],
            "responses": {
                "204": {"description": "Removed."},
                **error_responses(401, 403, 404),
            },
        }
    },
    "/classes/join": {
        "post": {
            "operationId": "joinClass",
            "summary": "Join a class with its code (students); repeating it is harmless",
            "tags": ["classes"],
            "requestBody": request_body(JOIN_BODY),
            "responses": {
                "201": {
                    "description": "Enrolled now.",
                    **json_content(schema_ref("JoinAnswer")),
                },
                "200": {
                    "description": "Was already enrolled; nothing changed.",
                    **json_content(schema_ref("JoinAnswer")),
                },
                **error_responses(400, 401, 403, 404, 422, 429),
            },
        }
    },
}

OPENAPI_SCHEMAS["JoinAnswer"] = {
    "type": "object",
    "required": ["class", "joined"],
    "properties": {
        "class": schema_ref("Class"),
        "joined": {"type": "boolean", "description": "False when already enrolled."},
    },
}
