"""Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a
browser that signed in as an account before is recognised at the next sign-in, so other
people's failed guesses never lock its owner out (learn/accounts/throttle.py).

One cookie holds the entries of the last MAX_ENTRIES accounts signed in on this browser
(a classroom computer is shared), each `[username key, random nonce]`, signed with the
app's secret key and dated: it cannot be forged or altered, and it expires after MAX_AGE
without a sign-in. It carries no secret about the account; it only proves "this browser
signed in as this username before".
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from learn.accounts import service
from learn.models import User

COOKIE_NAME = "sahifa_device"
MAX_ENTRIES = 10
MAX_AGE_SECONDS = 365 * 24 * 3600
SALT = "sahifa.device-cookie"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt=SALT)


def _entries() -> list[list[str]]:
    raw = request.cookies.get(COOKIE_NAME)
    if not raw:
        return []
    try:
        value: Any = _serializer().loads(raw, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # forged, altered, expired (SignatureExpired is a BadSignature)
        return []
    if not isinstance(value, list):
        return []
    return [
        entry
        for entry in value
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(p, str) for p in entry)
    ][:MAX_ENTRIES]


def device_for(username: str) -> str | None:
    """This browser's device nonce for `username`, or None if it never signed in as them."""
    key = service.username_key(username)
    return next((nonce for name, nonce in _entries() if name == key), None)


def remember(response: Response, user: User) -> Response:
    """After a successful sign-in: a fresh nonce for this account, first in the cookie."""
    key = user.username_key
    kept = [entry for entry in _entries() if entry[0] != key]
    entries = [[key, secrets.token_urlsafe(16)], *kept][:MAX_ENTRIES]
    config = current_app.config
    response.set_cookie(
        COOKIE_NAME,
        _serializer().dumps(entries),
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        secure=bool(config.get("SESSION_COOKIE_SECURE")),
        samesite="Lax",
        path=url_for("accounts.sign_in_submit"),  # sent to the sign-in form only
    )
    return response
