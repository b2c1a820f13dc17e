"""GET /api/v1/me: who the token belongs to."""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue

from learn.api.core import api_auth, api_user, bp, error_responses, json_content, schema_ref
from learn.models import User


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "timezone": user.timezone,
    }


@bp.get("/me")
@api_auth()
def me() -> ResponseReturnValue:
    return user_json(api_user())


OPENAPI_SCHEMAS: dict[str, Any] = {
    "User": {
        "type": "object",
        "required": ["id", "username", "display_name", "role", "timezone"],
        "properties": {
            "id": {"type": "integer"},
            "username": {"type": "string"},
            "display_name": {"type": "string"},
            "role": {"type": "string", "enum": ["teacher", "student"]},
            "timezone": {"type": "string", "description": "IANA time zone name."},
        },
    }
}

OPENAPI_PATHS: dict[str, Any] = {
    "/me": {
        "get": {
            "operationId": "getMe",
            "summary": "The account the token belongs to",
            "tags": ["accounts"],
            "responses": {
                "200": {"description": "The user.", **json_content(schema_ref("User"))},
                **error_responses(401),
            },
        }
    }
}
