"""API tokens: create one with username and password (shown once), list, revoke.

Shapes declared once with pydantic and spectree (learn/api/shapes.py)."""

from __future__ import annotations

from typing import Annotated

from flask.typing import ResponseReturnValue
from pydantic import Field

from learn.accounts import service as accounts
from learn.accounts.throttle import authenticate_throttled
from learn.accounts.tokens import MAX_TOKEN_NAME_LENGTH, issue_token, revoke_token, tokens_of
from learn.api.core import ApiError, api_auth, api_user, bp
from learn.api.me import User
from learn.api.shapes import Error, Response, Shape, UtcDateTime, api_spec, declared_body


class NewTokenRequest(Shape):
    username: Annotated[str, Field(max_length=64)]
    password: Annotated[str, Field(max_length=accounts.MAX_PASSWORD_LENGTH)]
    name: Annotated[
        str | None,
        Field(max_length=MAX_TOKEN_NAME_LENGTH, description="A label to recognise the token by."),
    ] = None


class Token(Shape):
    id: int
    name: str
    created_at: UtcDateTime
    last_used_at: UtcDateTime | None


class NewToken(Token):
    token: Annotated[str, Field(description="The secret; shown only in this answer.")]
    user: User


class TokenList(Shape):
    tokens: list[Token]


@bp.post("/tokens")
@api_spec.validate(
    json=NewTokenRequest,
    resp=Response(
        HTTP_201=(NewToken, "The token; its secret is never shown again."),
        HTTP_401=(Error, "Wrong username or password."),
        HTTP_429=(
            Error,
            "Too many wrong passwords for this username, or tokens asked from "
            "this address; `Retry-After` says how many seconds to wait.",
        ),
    ),
    tags=["tokens"],
    security={},
    operation_id="createToken",
)
def create_token() -> ResponseReturnValue:
    """Create an API token from a username and password"""
    body: NewTokenRequest = declared_body()
    user = authenticate_throttled(body.username, body.password)
    if user is None:
        raise ApiError(401, "Wrong username or password.")
    issued = issue_token(user, body.name or "")
    answer = NewToken.model_validate(
        {
            **Token.model_validate(issued.record).model_dump(),
            "token": issued.secret,
            "user": User.model_validate(user),
        }
    )
    return answer, 201  # type: ignore[return-value]


@bp.get("/tokens")
@api_auth()
@api_spec.validate(resp=Response(HTTP_200=TokenList), tags=["tokens"], operation_id="listTokens")
def list_tokens() -> ResponseReturnValue:
    """Your live (unrevoked) tokens, without their secrets"""
    return TokenList(tokens=[Token.model_validate(t) for t in tokens_of(api_user())])  # type: ignore[return-value]


@bp.delete("/tokens/<int:token_id>")
@api_auth()
@api_spec.validate(
    resp=Response(HTTP_204=None, HTTP_404=Error), tags=["tokens"], operation_id="revokeToken"
)
def delete_token(token_id: int) -> ResponseReturnValue:
    """Revoke one of your tokens

    The one in use too: it then stops working at once."""
    if not revoke_token(api_user(), token_id):
        raise ApiError(404, "You have no live token with this id.")
    return "", 204
