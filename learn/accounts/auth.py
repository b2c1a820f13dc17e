"""Who is signed in, and route guards for the browser pages.

The signed-in user's id lives in Flask's signed session cookie, with the user's session epoch
at sign-in; `load_current_user` puts the `User` on `g.user` before every request when the
epoch still matches. Signing out and changing a password move the epoch on
(`service.end_sessions`), so a copy of an older cookie stops working everywhere at once:
the server, not the browser, decides when a session ends. Pages use `login_required` /
`role_required`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from werkzeug.routing import BuildError

from learn.accounts import service
from learn.config import ConfigError
from learn.extensions import get_by_id
from learn.models import User

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def current_user() -> User | None:
    return cast(User | None, g.get("user"))


def load_current_user() -> None:
    user_id = session.get("user_id")
    user = get_by_id(User, user_id)
    if user is not None and session.get("epoch") != user.session_epoch:
        session.clear()  # signed out, or the password changed, since: sign in again
        user = None
    g.user = user


def signed_in_user() -> User:
    """The user of a view behind a sign-in guard (`login_required`, `teacher_required`, …)."""
    user = current_user()
    assert user is not None  # the guard sent everyone else to sign in
    return user


def sign_in(user: User) -> None:
    session.clear()  # a new session on sign-in defeats session fixation
    session["user_id"] = user.id
    session["epoch"] = user.session_epoch
    session.permanent = True


def sign_out() -> None:
    """End this session on the server too: every session of the user made so far stops
    working, so a copied cookie is worthless after signing out."""
    user = current_user()
    if user is not None:
        service.end_sessions(user)
    session.clear()


def here() -> str:
    """This request's path and query, for `next=` (Werkzeug adds a bare "?" to full_path)."""
    return request.full_path.rstrip("?")


def safe_next(target: str | None) -> str | None:
    """A same-site path to return to after sign-in, or None (no open redirects)."""
    if not target:
        return None
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    return target.rstrip("?") or "/"


def login_required(view: View) -> View:
    """Anonymous visitors are sent to the sign-in page, then back here."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
        if current_user() is None:
            return redirect(url_for("accounts.sign_in_page", next=here()))
        return view(*args, **kwargs)

    return cast(View, wrapped)


def role_required(role: str) -> Callable[[View], View]:
    """Signed-in users of another role get 403; anonymous ones are sent to sign in."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
            user = current_user()
            if user is None:
                return redirect(url_for("accounts.sign_in_page", next=here()))
            if user.role != role:
                abort(403)
            return view(*args, **kwargs)

        return cast(View, wrapped)

    return decorator


teacher_required = role_required("teacher")
student_required = role_required("student")


def nav_url(endpoint: str) -> str | None:
    """The URL of `endpoint`, or None while the feature that provides it is not installed."""
    try:
        return url_for(endpoint)
    except BuildError:
        return None


def secure_cookies_wanted(app: Flask) -> bool:
    """SAHIFA_SECURE_COOKIES=true/false decides; unset/auto: Secure unless debugging/testing.

    A Secure cookie is never sent over plain HTTP, so a classroom install served without
    TLS on a LAN must set SAHIFA_SECURE_COOKIES=false, or nobody could stay signed in.
    """
    raw = str(app.config.get("SAHIFA_SECURE_COOKIES", os.environ.get("SAHIFA_SECURE_COOKIES", "")))
    raw = raw.strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    if raw not in ("", "auto"):
        raise ConfigError(f"SAHIFA_SECURE_COOKIES must be true, false or auto, got {raw!r}")
    return not (app.debug or app.testing)


def configure_session_cookie(app: Flask) -> None:
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    # Lax: the cookie is not sent on cross-site POSTs (a second line behind CSRF tokens).
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies_wanted(app)


def init_app(app: Flask) -> None:
    configure_session_cookie(app)
    app.before_request(load_current_user)

    @app.context_processor
    def inject_user() -> dict[str, object]:
        return {"current_user": current_user(), "nav_url": nav_url}
