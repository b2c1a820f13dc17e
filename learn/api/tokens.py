"""API tokens: create one with username and password (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue

from learn.accounts import service as accounts
from learn.accounts.throttle import TooManyAttempts, authenticate_throttled
from learn.accounts.tokens import MAX_TOKEN_NAME_LENGTH, issue_token, revoke_token, tokens_of
from learn.api.core import (
    NO_AUTH,
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
from learn.api.me import user_json
from learn.models import ApiToken


def token_json(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "created_at": iso(token.created_at),
        "last_used_at": iso(token.last_used_at),
    }


NEW_TOKEN_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string", "maxLength": 64},
        "password": {"type": "string", "maxLength": accounts.MAX_PASSWORD_LENGTH},
        "name": {
            "type": ["string", "null"],
            "maxLength": MAX_TOKEN_NAME_LENGTH,
            "description": "A label to recognise the token by.",
        },
    },
}


@bp.post("/tokens")
def create_token() -> ResponseReturnValue:
    body = json_body(NEW_TOKEN_BODY)
    username, password, name = body["username"], body["password"], body.get("name") or ""
    try:
        user = authenticate_throttled(username, password)
    except TooManyAttempts as refused:
        raise ApiError(
            429, refused.message, headers={"Retry-After": str(refused.retry_after_seconds)}
        ) from None
    if user is None:
        raise ApiError(401, "Wrong username or password.")
    issued = issue_token(user, name)
    answer = {**token_json(issued.record), "token": issued.secret, "user": user_json(user)}
    return answer, 201


@bp.get("/tokens")
@api_auth()
def list_tokens() -> ResponseReturnValue:
    return {"tokens": [token_json(token) for token in tokens_of(api_user())]}


@bp.delete("/tokens/<int:token_id>")
@api_auth()
def delete_token(token_id: int) -> ResponseReturnValue:
    """Revoke one of your tokens (the one in use too: it then stops working at once)."""
    if not revoke_token(api_user(), token_id):
        raise ApiError(404, "You have no live token with this id.")
    return "", 204


TOKEN_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "created_at", "last_used_at"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "last_used_at": {"type": ["string", "null"], "format": "date-time"},
    },
}

OPENAPI_SCHEMAS: dict[str, Any] = {
    "Token": TOKEN_SCHEMA,
    "NewToken": {
        "allOf": [
            schema_ref("Token"),
            {
                "type": "object",
                "required": ["token", "user"],
                "properties": {
                    "token": {
                        "type": "string",
                        "description": "The secret; shown only in this answer.",
                    },
                    "user": schema_ref("User"),
                },
            },
        ]
    },
}

OPENAPI_PATHS: dict[str, Any] = {
    "/tokens": {
        "post": {
            "operationId": "createToken",
            "summary": "Create an API token from a username and password",
            "tags": ["tokens"],
            "security": NO_AUTH,
            "requestBody": request_body(NEW_TOKEN_BODY),
            "responses": {
                "201": {
                    "description": "The token; its secret is never shown again.",
                    **json_content(schema_ref("NewToken")),
                },
                **error_responses(400, 401, 413, 422, 429),
            },
        },
        "get": {
            "operationId": "listTokens",
            "summary": "Your live (unrevoked) tokens, without their secrets",
            "tags": ["tokens"],
            "responses": {
                "200": {
                    "description": "The tokens.",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["tokens"],
                            "properties": {
                                "tokens": {"type": "array", "items": schema_ref("Token")}
                            },
                        }
                    ),
                },
                **error_responses(401),
            },
        },
    },
    "/tokens/{token_id}": {
        "delete": {
            "operationId": "revokeToken",
            "summary": "Revoke one of your tokens",
            "tags": ["tokens"],
            "parameters": [id_parameter("token_id")],
            "responses": {
                "204": {"description": "Revoked; the token no longer works."},
                **error_responses(401, 404),
            },
        }
    },
}
