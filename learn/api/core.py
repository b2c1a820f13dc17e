"""The pieces every API module uses: the blueprint, bearer-token auth, request validation
and OpenAPI helpers.

Errors: anything that goes wrong under /api/v1 answers
`{"error": {"status": 422, "message": "...", "fields": {"name": "..."}}}` (`fields` only
for validation problems) with the same HTTP status. Raise `ApiError` (or call
`abort(status)`) from a view, or let a service's own error (an `AppError`) through: the
app's one error handler (learn/web/errors.py) answers them all, and unknown URLs and wrong
methods under /api/v1, in that shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, current_app, g, request
from flask.typing import ResponseReturnValue

from learn.accounts.tokens import user_for_token
from learn.errors import AppError
from learn.extensions import MAX_ID, MIN_ID, csrf
from learn.models import User

API_PREFIX = "/api/v1"
# JSON escapes each Arabic letter as \\uXXXX (6 bytes), so allow well over MAX_ARTICLE_BYTES.
MIN_BODY_LIMIT = 2_000_000

bp = Blueprint("api", __name__, url_prefix=API_PREFIX)
# Bearer tokens, not cookies, authenticate the API: no cross-site request can carry one.
csrf.exempt(bp)

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


class ApiError(AppError):
    """A refusal of the API's own: `raise ApiError(404, "No such class.")`."""

    def __init__(
        self,
        status: int,
        message: str,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, fields, status=status, headers=headers)


@bp.before_request
def _limit_body_size() -> None:
    # Bodies over the limit make Werkzeug raise 413 when the view reads them.
    limit = max(MIN_BODY_LIMIT, 4 * int(current_app.config.get("MAX_ARTICLE_BYTES", 0)))
    request.max_content_length = current_app.config.get("API_MAX_BODY_BYTES", limit)


# --- authentication ----------------------------------------------------------------------


def bearer_token() -> str | None:
    """The token of `Authorization: Bearer <token>`; the scheme in any case (RFC 7235)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message)


def api_auth(role: str | None = None) -> Callable[[View], View]:
    """Require a live bearer token (and, when given, this role); sets `g.api_user`.

    Use as `@api_auth()` or `@api_auth("teacher")`; get the user with `api_user()`.
    Missing/unknown/revoked token → 401, wrong role → 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
            secret = bearer_token()
            if secret is None:
                raise _unauthorized("Send an API token: Authorization: Bearer <token>.")
            found = user_for_token(secret)
            if found is None:
                raise _unauthorized("The API token is unknown or revoked.")
            g.api_user, g.api_token = found
            if role is not None and g.api_user.role != role:
                raise ApiError(403, f"Only a {role} may do this.")
            return view(*args, **kwargs)

        return cast(View, wrapped)

    return decorator


def api_user() -> User:
    """The user the current request's token belongs to (inside an `api_auth` view)."""
    return cast(User, g.api_user)


# --- request validation ------------------------------------------------------------------


# Deep enough for any body this API takes; far below what would exhaust Python's stack.
MAX_JSON_DEPTH = 32


def json_body() -> dict[str, Any]:
    """The request's JSON object; 400 when the body is missing, not JSON, or not an object,
    nests deeper than MAX_JSON_DEPTH, or holds text no column can store (a lone surrogate
    such as "\\ud800", or a NUL character). Routes with a `json=` shape get this before
    their model's checks (learn/api/shapes.py)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # Python's JSON parser gives up at ~1,000 levels
        raise too_deep() from None
    if not isinstance(body, dict):
        raise ApiError(
            400, "The request body must be a JSON object (Content-Type: application/json)."
        )
    check_json_text(body)
    return body


def too_deep() -> ApiError:
    return ApiError(400, f"The JSON body is nested too deeply (at most {MAX_JSON_DEPTH} levels).")


def check_json_text(body: Any) -> None:
    """Walk the parsed body (without recursion) and refuse what would fail in the database."""
    pending: list[tuple[Any, str, int]] = [(body, "", 1)]
    while pending:
        value, where, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise too_deep()
        if isinstance(value, str):
            check_text(value, where or "the body")
        elif isinstance(value, dict):
            for key, member in value.items():
                check_text(key, "a member name")
                pending.append((member, key if not where else f"{where}.{key}", depth + 1))
        elif isinstance(value, list):
            pending.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))


def check_text(text: str, where: str) -> None:
    from learn.security import text_problem

    problem = text_problem(text)
    if problem:
        raise ApiError(400, f"“{where}” {problem}.", {where: problem} if where else None)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC ("…Z")."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- OpenAPI helpers for path fragments ---------------------------------------------------

ERROR_DESCRIPTIONS = {
    400: "The body is not a JSON object, nests deeper than 32 levels, or holds a NUL "
    "character or a lone surrogate (such as \\ud800) in a string.",
    401: "No token, or an unknown or revoked one.",
    403: "The token's user may not do this.",
    404: "No such resource (or not yours).",
    409: "Conflicts with the current state.",
    413: "The request body is too large.",
    422: "A field is missing or invalid; `fields` names it.",
    429: "Too many attempts (wrong passwords for a username, or requests from one address); "
    "`Retry-After` says how many seconds to wait.",
}
ERROR_HEADERS = {
    401: {"WWW-Authenticate": {"required": True, "schema": {"const": "Bearer"}}},
    429: {"Retry-After": {"required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"}}},
}


def error_responses(*statuses: int) -> dict[str, Any]:
    """OpenAPI `responses` entries for these error statuses, all with the Error body."""
    return {
        str(status): {
            "description": ERROR_DESCRIPTIONS.get(status, "Error."),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            **({"headers": ERROR_HEADERS[status]} if status in ERROR_HEADERS else {}),
        }
        for status in statuses
    }


# A primary key: path ids outside this range match no route (404), body ids name no row.
ID_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": MIN_ID, "maximum": MAX_ID}


def not_space_class(extra: str = "") -> str:
    """A regex class for one character that is not white space as `str.split()` sees it
    (nor one of `extra`), spelt out: `\\S` means other sets in ECMA-262, whose regexes
    OpenAPI uses, than in Python (U+001C-U+001F, U+0085, U+FEFF)."""
    spaces = [chr(code) for code in range(0x3001) if chr(code).isspace()] + list(extra)
    return "[^" + "".join(f"\\u{ord(char):04x}" for char in spaces) + "]"


def json_content(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": dict(schema)}}}


# An operation that needs no token overrides the document-wide bearer requirement with this.
NO_AUTH: list[dict[str, list[str]]] = []
