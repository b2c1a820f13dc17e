"""Friendly error pages for the browser: the site's layout and navigation, what happened,
and where to go next — instead of Werkzeug's bare text. (The API answers JSON instead; see
learn/api/core.py, which registers these handlers app-wide and routes by path.)"""

from __future__ import annotations

from flask import g, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from learn.accounts.auth import current_user, load_current_user, safe_next

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


def same_site_referrer() -> str | None:
    """Where the visitor came from, if it was a page of this site (for a 'Go back' link).

    The path goes through the same check as `next=` after sign-in: a Referer such as
    http://this-site//evil.example would otherwise give a protocol-relative link off-site."""
    referrer = request.referrer or ""
    root = request.host_url
    if referrer.startswith(root):
        return safe_next("/" + referrer[len(root) :])
    return None


def render_error_page(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    if "user" not in g:  # CSRF is checked before the user is loaded
        load_current_user()
    if isinstance(error, CSRFError):
        title, message = CSRF_PAGE
    else:
        title, message = PAGES.get(status, (error.name, error.description or ""))
    page = render_template(
        "accounts/error.html",
        status=status,
        title=title,
        message=message,
        back=same_site_referrer(),
        home=url_for("core.home"),
        signed_in=current_user() is not None,
    )
    response_headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return page, status, response_headers
