"""Security headers, request-size limit and rate limits, set up by one `init_app(app)` call.

- Every response carries a Content-Security-Policy that allows only the app's own scripts,
  styles, fonts and images (no inline scripts: the templates have none by design), and the
  usual companions (nosniff, Referrer-Policy, frame-ancestors 'none', Permissions-Policy).
- Request bodies are capped by MAX_CONTENT_LENGTH (413 with a clear message).
- Text no database column can hold (a NUL character; a lone surrogate in JSON, see
  learn/api/core.py) is refused with 400 before any view runs; ids in URLs beyond the
  database's INTEGER range match no route (404) instead of overflowing in a query.
- The SQLite database file (password and token hashes) is readable by its owner only.
- Sign-in, sign-up, joining a class and token creation are rate limited per client address
  with Flask-Limiter. This complements `learn.accounts.throttle`, which counts *failed*
  sign-ins per username: the limiter counts *all* attempts, so it also brakes sign-up spam,
  join-code guessing and password spraying across many usernames. Counts live in memory
  (one process), or in Redis when REDIS_URL is set (shared by every worker and server).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, request
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from sqlalchemy.engine import make_url
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge, TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wrappers import Response

from learn.config import ConfigError
from learn.extensions import MAX_ID

API_PREFIX = "/api/v1"

# 'self' only. Styles: app.css and the vendored fonts; templates use no style="" attributes
# and htmx's own inline indicator <style> is switched off (htmx-config meta in base.html is
# not needed: app.css styles the indicators and htmx.config.includeIndicatorStyles=false is
# set in static/js/app.js) so style-src needs no 'unsafe-inline'. Images may be data: URIs
# (SVG icons in CSS). form-action/base-uri stop injected markup from redirecting forms.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",  # for browsers that predate frame-ancestors
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"

# Per client address. Generous on purpose: a whole class signs in (or up) at once from one
# school network address; the per-username lockout is the tight brake on guessing.
DEFAULT_RATE_LIMITS: Mapping[str, str] = {
    "SAHIFA_LIMIT_SIGN_IN": "120 per minute; 1200 per hour",
    "SAHIFA_LIMIT_SIGN_UP": "40 per minute; 300 per hour",
    "SAHIFA_LIMIT_JOIN": "60 per minute",
    "SAHIFA_LIMIT_TOKENS": "20 per minute; 200 per hour",
}
# endpoint → which limit applies (to its POST only: reading the form is free).
LIMITED_ENDPOINTS: Mapping[str, str] = {
    "accounts.sign_in_submit": "SAHIFA_LIMIT_SIGN_IN",
    "accounts.setup": "SAHIFA_LIMIT_SIGN_UP",
    "accounts.sign_up": "SAHIFA_LIMIT_SIGN_UP",
    "classes.join": "SAHIFA_LIMIT_JOIN",
    "api.join_class": "SAHIFA_LIMIT_JOIN",
    "accounts.create_api_token": "SAHIFA_LIMIT_TOKENS",
    "api.create_token": "SAHIFA_LIMIT_TOKENS",
}
REDIS_SCHEMES = ("redis://", "rediss://", "unix://", "redis+sentinel://", "redis+cluster://")
# Form posts of an article percent-encode every UTF-8 byte (x3), plus the other fields.
MIN_REQUEST_BYTES = 1024 * 1024
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def init_routing(app: Flask) -> None:
    """Call before the blueprints are registered: `<int:...>` in their rules is bounded."""
    app.url_map.converters["int"] = RowIdConverter


def init_app(app: Flask) -> None:
    """Call after the blueprints are registered (rate limits wrap their views)."""
    configure_proxy(app)
    configure_request_size(app)
    protect_sqlite_file(app)
    init_limiter(app)
    app.before_request(refuse_unstorable_text)
    app.after_request(add_security_headers)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.register_error_handler(TooManyRequests, too_many_requests)


# --- headers ----------------------------------------------------------------------------------


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:  # only over HTTPS: HSTS on plain HTTP would be ignored anyway
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


# --- input no column can store -----------------------------------------------------------


class RowIdConverter(IntegerConverter):
    """`<int:...>` that matches only numbers a primary key can hold (0 … 2**31 - 1; 0 for
    positions, which count from it): a larger id names nothing, so it is a 404 like any
    unknown id, not an overflow.

    The range is in the regex, not only in `max`: werkzeug picks 404 or 405 before it
    converts, so with `max` alone `PATCH /classes/2147483648` answered 405 naming GET."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
        self.regex = digits_up_to(MAX_ID)


def digits_up_to(limit: int) -> str:
    """A regex for the whole numbers 0 … `limit` as written in a URL (no leading zeros)."""
    top = str(limit)
    choices = ["0", rf"[1-9]\d{{0,{len(top) - 2}}}"] if len(top) > 1 else ["0"]
    for i, digit in enumerate(top):
        lowest = "1" if i == 0 else "0"
        if digit > lowest:
            rest = len(top) - i - 1
            below = f"[{lowest}-{int(digit) - 1}]"
            choices.append(top[:i] + below + (rf"\d{{{rest}}}" if rest else ""))
    choices.append(top)
    return "(?:" + "|".join(choices) + ")"


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored as text (PostgreSQL refuses NUL; neither database nor
    UTF-8 can hold a lone UTF-16 surrogate), or None."""
    if "\x00" in text:
        return "contains a NUL character (U+0000), which text cannot hold"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (like \\ud800), which is not a character"
    return None


def refuse_unstorable_text() -> ResponseReturnValue | None:
    """400 for a query or form value with a NUL character, before any view reads it.

    (Werkzeug decodes form and query bytes as UTF-8 with replacement, so they cannot carry
    a lone surrogate; JSON bodies are checked by the API's json_body.)"""
    sources = [request.args]
    if not is_api_request() and request.method in ("POST", "PUT", "PATCH"):
        sources.append(request.form)
    for values in sources:
        for name, value in values.items(multi=True):
            problem = text_problem(name) or text_problem(value)
            if problem:
                return error_reply(BadRequest(description=f"The field “{name}” {problem}."))
    return None


# --- the SQLite file ------------------------------------------------------------------------


def protect_sqlite_file(app: Flask) -> None:
    """Create the SQLite database file 0600 (SQLite would use the umask, often 0644), and
    make an existing one private: it holds password and token hashes. SQLite gives its
    journal and WAL files the database file's permissions."""
    url = make_url(str(app.config.get("SQLALCHEMY_DATABASE_URI", "")))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    if url.database.startswith("file:"):
        return  # a URI filename: its owner chose the options
    path = url.database
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        return  # SQLite will fail to open it, and /healthz says so: nothing to protect
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


# --- reverse proxy ----------------------------------------------------------------------------


def configure_proxy(app: Flask) -> None:
    """SAHIFA_PROXY_COUNT=n trusts n proxies' X-Forwarded-For/-Proto (nginx: 1).

    Without it every request behind nginx seems to come from 127.0.0.1, so all clients would
    share one rate-limit bucket, and request.is_secure would be false behind TLS.
    """
    count = env_int(app, "SAHIFA_PROXY_COUNT", 0, minimum=0)
    if count:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count
        )


# --- request size -----------------------------------------------------------------------------


def configure_request_size(app: Flask) -> None:
    article_bytes = int(app.config.get("MAX_ARTICLE_BYTES", 0))
    default = max(MIN_REQUEST_BYTES, 8 * article_bytes)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = env_int(app, "SAHIFA_MAX_REQUEST_BYTES", default)


def too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
    article_kb = int(current_app.config.get("MAX_ARTICLE_BYTES", 0)) // 1000
    message = f"The request is too large: at most {limit // 1000:,} KB may be sent at once" + (
        f" (an article may be at most {article_kb:,} KB of text)." if article_kb else "."
    )
    return error_reply(RequestEntityTooLarge(description=message))


# --- rate limits ------------------------------------------------------------------------------


def init_limiter(app: Flask) -> Limiter:
    app.config.setdefault("RATELIMIT_ENABLED", env_bool(app, "SAHIFA_RATE_LIMITS", True))
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    # A Redis outage must not take sign-in down: fall back to per-process memory counts.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "sahifa")
    limiter = Limiter(get_remote_address, app=app)
    for endpoint, setting in LIMITED_ENDPOINTS.items():
        view = app.view_functions.get(endpoint)
        if view is None:  # a feature that is not installed
            continue
        limit = limit_setting(app, setting)
        exempt = signing_in_on_a_known_device if endpoint == "accounts.sign_in_submit" else None
        limited: Any = limiter.limit(limit, methods=["POST"], exempt_when=exempt)(view)
        app.view_functions[endpoint] = limited
    app.extensions["sahifa_limiter"] = limiter
    return limiter


def signing_in_on_a_known_device() -> bool:
    """A browser that signed in as this username before is not braked by its address's
    traffic (others' guesses from the same school network; OWASP's device cookies)."""
    from learn.accounts.devices import device_for
    from learn.accounts.throttle import device_is_trusted

    return device_is_trusted(device_for(request.form.get("username", "")))


def storage_uri(app: Flask) -> str:
    raw = str(app.config.get("REDIS_URL") or os.environ.get("REDIS_URL", "")).strip()
    if not raw:
        return "memory://"
    if not raw.startswith(REDIS_SCHEMES):
        raise ConfigError(f"REDIS_URL must start with redis://, rediss:// or unix://, got {raw!r}")
    return raw


def limit_setting(app: Flask, name: str) -> str:
    """A limit like "60 per minute; 600 per hour" from the app config or environment."""
    from limits import parse_many

    raw = str(app.config.get(name) or os.environ.get(name) or DEFAULT_RATE_LIMITS[name])
    try:
        parse_many(raw)
    except ValueError:
        raise ConfigError(f"{name} is not a rate limit like '60 per minute': {raw!r}") from None
    return raw


def too_many_requests(error: TooManyRequests) -> ResponseReturnValue:
    """Flask-Limiter's 429 (the account lockout answers its own 429s in its views)."""
    wait = retry_after_seconds(error)
    minutes = max(1, math.ceil(wait / 60))
    message = (
        "Too many attempts from your network. "
        f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
    )
    response = error_reply(TooManyRequests(description=message))
    return with_header(response, "Retry-After", str(wait))


def retry_after_seconds(error: TooManyRequests) -> int:
    limiter: Limiter | None = current_app.extensions.get("sahifa_limiter")
    current = limiter.current_limit if limiter is not None else None
    if isinstance(error, RateLimitExceeded) and current is not None:
        # reset_at is rounded up to the next whole second, so it can overshoot the window by
        # one: never ask a client to wait longer than the limit's own window.
        wait = current.reset_at - int(time.time())
        return min(current.limit.get_expiry(), max(1, wait))
    return 60


# --- shared helpers ---------------------------------------------------------------------------


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def error_reply(error: HTTPException) -> ResponseReturnValue:
    """JSON for the API (its error shape), the site's error page elsewhere."""
    from learn.web.errors import answer_http_error

    return answer_http_error(error)


def with_header(reply: ResponseReturnValue, name: str, value: str) -> Response:
    response = current_app.make_response(reply)
    response.headers[name] = value
    return response


def env_int(app: Flask, name: str, default: int, minimum: int = 1) -> int:
    raw = str(app.config.get(name) or os.environ.get(name, "")).strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def env_bool(app: Flask, name: str, default: bool) -> bool:
    raw = str(app.config.get(name, os.environ.get(name, ""))).strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    if raw == "":
        return default
    raise ConfigError(f"{name} must be true or false, got {raw!r}")
