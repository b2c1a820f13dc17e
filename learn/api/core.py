"""The pieces every API module uses: the blueprint, bearer-token auth, JSON errors,
request validation and OpenAPI helpers.

Errors: anything that goes wrong under /api/v1 answers
`{"error": {"status": 422, "message": "...", "fields": {"name": "..."}}}` (`fields` only
for validation problems) with the same HTTP status. Raise `ApiError` (or call
`abort(status)`) from a view; unknown URLs and wrong methods under /api/v1 answer the same
way. App-wide HTTP error handlers (403/404/405 and CSRF failures) are registered here only:
they answer JSON under /api/v1 and friendly pages (learn/accounts/errors.py) elsewhere, so
do not register other app-wide handlers for those codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, Response, current_app, g, jsonify, request
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from learn.accounts.errors import render_error_page
from learn.accounts.tokens import user_for_token
from learn.extensions import MAX_ID, MIN_ID, csrf, db
from learn.models import User

API_PREFIX = "/api/v1"
# JSON escapes each Arabic letter as \\uXXXX (6 bytes), so allow well over MAX_ARTICLE_BYTES.
MIN_BODY_LIMIT = 2_000_000

bp = Blueprint("api", __name__, url_prefix=API_PREFIX)
# Bearer tokens, not cookies, authenticate the API: no cross-site request can carry one.
csrf.exempt(bp)

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


class ApiError(Exception):
    """An error answer: `raise ApiError(404, "No such class.")`."""

    def __init__(
        self,
        status: int,
        message: str,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = dict(fields or {})
        self.headers = dict(headers or {})


def validation_error(field: str, message: str) -> ApiError:
    """A 422 naming the offending field, e.g. from a service's `(field, message)` error."""
    return ApiError(422, message, {field: message})


def error_response(
    status: int, message: str, fields: Mapping[str, str] | None = None
) -> tuple[Response, int]:
    error: dict[str, Any] = {"status": status, "message": message}
    if fields:
        error["fields"] = dict(fields)
    return jsonify({"error": error}), status


def answer_api_error(error: ApiError) -> ResponseReturnValue:
    body, status = error_response(error.status, error.message, error.fields)
    headers = dict(error.headers)
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    return body, status, headers


def _http_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    response = jsonify({"error": {"status": status, "message": error.description or error.name}})
    response.status_code = status
    for name, value in error.get_headers():
        if name.lower() != "content-type":  # keeps Allow (405), WWW-Authenticate (401)
            response.headers[name] = value
    return response


def _server_error(error: InternalServerError) -> ResponseReturnValue:
    db.session.rollback()
    return error_response(500, "Something went wrong on the server; the error is logged.")


def _app_http_error(error: HTTPException) -> ResponseReturnValue:
    """App-wide: JSON under /api/v1 (routing errors happen outside any blueprint, and an
    app handler for a status code outranks a blueprint's class handler), pages elsewhere."""
    if request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"):
        return _http_error(error)
    return render_error_page(error)


def _app_server_error(error: InternalServerError) -> ResponseReturnValue:
    """An unexpected failure: undo the request's unfinished writes, then answer like any
    other error (JSON under /api/v1, a page with the site's navigation elsewhere)."""
    db.session.rollback()
    current_app.logger.error("unhandled error on %s %s", request.method, request.path)
    if request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"):
        return _server_error(error)
    return render_error_page(error)


@bp.record_once
def _register_app_handlers(state: BlueprintSetupState) -> None:
    # The single place that registers app-wide HTTP error handlers; extend it here.
    for code in (403, 404, 405):
        state.app.register_error_handler(code, _app_http_error)
    state.app.register_error_handler(CSRFError, _app_http_error)
    state.app.register_error_handler(InternalServerError, _app_server_error)


bp.register_error_handler(ApiError, answer_api_error)
bp.register_error_handler(HTTPException, _http_error)
bp.register_error_handler(InternalServerError, _server_error)


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
