"""GET /api/v1/me: who the token belongs to (shapes declared once: learn/api/shapes.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from flask.typing import ResponseReturnValue
from pydantic import Field

from learn.api.core import api_auth, api_user, bp
from learn.api.shapes import Response, Shape, api_spec


class User(Shape):
    """An account as its owner sees it."""

    id: int
    username: str
    display_name: str
    role: Literal["teacher", "student"]
    timezone: Annotated[str, Field(description="IANA time zone name.")]


@bp.get("/me")
@api_auth()
@api_spec.validate(resp=Response(HTTP_200=User), tags=["accounts"], operation_id="getMe")
def me() -> ResponseReturnValue:
    """The account the token belongs to"""
    return User.model_validate(api_user())  # type: ignore[return-value]
