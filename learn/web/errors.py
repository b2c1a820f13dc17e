"""Every error answer of the app, from one place, registered once by `init_app(app)`.

- A service's refusal, an `AppError` (learn/errors.py: `QuizError`, `ClassError`,
  `ArticleInputError`, `TooManyAttempts`, the API's `ApiError`, …), is answered by
  `answer_refusal` with its status, message, field errors and headers.
- An HTTP error (`abort(404)`, an unknown URL, a wrong method, a failed CSRF check) by
  `answer_http_error`; an unexpected failure by `answer_server_error`, after undoing the
  request's unfinished writes.

Each answers JSON in the API's error shape
`{"error": {"status": 422, "message": "...", "fields": {"name": "..."}}}` (`fields` only
when a field is named) to API requests (under /api/v1, or asking for JSON first in
`Accept`), and otherwise the site's error page: its layout and navigation, what happened
and where to go next, with the field errors listed. So a view never catches an error only
to translate it; it catches one only to show it beside a form's field, with the input the
user typed (the form page re-rendered with 422 or 409).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from learn.accounts.auth import current_user, load_current_user, safe_next
from learn.errors import AppError
from learn.extensions import db
from learn.security import is_api_request

# The page's title and what it says, for HTTP errors; a refusal says its own message.
PAGES = {
    403: ("Not allowed", "Your account cannot open this page."),
    404: ("Page not found", "There is nothing at this address, or it is not yours to see."),
    405: ("Not allowed here", "This address does not accept that kind of request."),
    500: (
        "Something went wrong",
        "The server could not finish this request; the error is logged and nothing was "
        "half-saved. Please try again in a moment.",
    ),
}
CSRF_PAGE = (
    "Please try again",
    "This form was open for too long, or it was sent from another site, so it was not "
    "accepted and nothing changed. Go back, reload the page and send it again.",
)
REFUSAL_TITLES = {
    400: "Please check what you sent",
    404: "Page not found",
    409: "Not possible now",
    422: "Please check what you sent",
    429: "Too many attempts",
}
SERVER_ERROR_MESSAGE = "Something went wrong on the server; the error is logged."
# What a refusal's `points_to` kind links to: the API's resource, and the page.
RESOURCE_ENDPOINTS = {"article": ("api.get_article", "articles.read", "article_id")}


def init_app(app: Flask) -> None:
    app.register_error_handler(AppError, answer_refusal)
    app.register_error_handler(HTTPException, answer_http_error)
    app.register_error_handler(InternalServerError, answer_server_error)


def wants_json() -> bool:
    """An API request, or one that asks for JSON before HTML (`Accept: application/json`)."""
    if is_api_request():
        return True
    best = request.accept_mimetypes.best_match(("text/html", "application/json"))
    return best == "application/json"


# --- the three handlers --------------------------------------------------------------------


def answer_refusal(error: AppError) -> ResponseReturnValue:
    """A service's refusal: JSON with its fields, or the error page listing them."""
    headers = dict(error.headers)
    as_json = wants_json()
    link = _link_to(error.points_to, as_json)
    if as_json:
        if link:
            headers["Location"] = link
        if error.status == 401:
            headers.setdefault("WWW-Authenticate", "Bearer")
        return json_error(error.status, error.message, error.fields), error.status, headers
    title = REFUSAL_TITLES.get(error.status, "This did not work")
    opens = (f"Open the {error.points_to[0]}", link) if link and error.points_to else None
    page = render_error_page(error.status, title, error.message, error.fields, opens)
    return page, error.status, headers


def answer_http_error(error: HTTPException) -> ResponseReturnValue:
    """`abort(…)`, routing errors and CSRF failures, keeping their headers (Allow on 405)."""
    status = error.code or 500
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if wants_json():
        return json_error(status, error.description or error.name), status, headers
    if isinstance(error, CSRFError):
        title, message = CSRF_PAGE
    else:
        title, message = PAGES.get(status, (error.name, error.description or ""))
    return render_error_page(status, title, message), status, headers


def answer_server_error(error: InternalServerError) -> ResponseReturnValue:
    """An unexpected failure: undo the request's unfinished writes, then answer like any
    other error. (Flask has logged the exception with its traceback already.)"""
    db.session.rollback()
    current_app.logger.error("unhandled error on %s %s", request.method, request.path)
    if wants_json():
        return json_error(500, SERVER_ERROR_MESSAGE), 500
    title, message = PAGES[500]
    return render_error_page(500, title, message), 500


# --- the two forms of an answer ------------------------------------------------------------


def json_error(status: int, message: str, fields: Mapping[str, str] | None = None) -> Response:
    """The API's error body (`Error` in the OpenAPI document)."""
    body: dict[str, Any] = {"status": status, "message": message}
    if fields:
        body["fields"] = dict(fields)
    return jsonify({"error": body})


def render_error_page(
    status: int,
    title: str,
    message: str,
    fields: Mapping[str, str] | None = None,
    link: tuple[str, str] | None = None,
) -> str:
    """The error page; `link` is (its text, URL) of the thing a refusal names."""
    if "user" not in g:  # CSRF is checked before the user is loaded
        load_current_user()
    return render_template(
        "accounts/error.html",
        status=status,
        title=title,
        message=message,
        # A field's message that repeats the refusal's own would be said twice.
        field_errors=[text for text in (fields or {}).values() if text != message],
        link=link,
        back=same_site_referrer(),
        home=url_for("core.home"),
        signed_in=current_user() is not None,
    )


def same_site_referrer() -> str | None:
    """Where the visitor came from, if it was a page of this site (for a 'Go back' link).

    The path goes through the same check as `next=` after sign-in: a Referer such as
    http://this-site//evil.example would otherwise give a protocol-relative link off-site."""
    referrer = request.referrer or ""
    root = request.host_url
    if referrer.startswith(root):
        return safe_next("/" + referrer[len(root) :])
    return None


def _link_to(points_to: tuple[str, int] | None, as_json: bool) -> str | None:
    if points_to is None or points_to[0] not in RESOURCE_ENDPOINTS:
        return None
    kind, row_id = points_to
    api_endpoint, page_endpoint, argument = RESOURCE_ENDPOINTS[kind]
    endpoint = api_endpoint if as_json else page_endpoint
    if endpoint not in current_app.view_functions:
        return None
    values: dict[str, Any] = {argument: row_id}
    return url_for(endpoint, **values)
