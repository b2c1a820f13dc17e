"""Security headers, request-size limit and rate limits, set up by one `init_app(app)` call.

- Every response carries a Content-Security-Policy that allows only the app's own scripts,
  styles, fonts and images (no inline scripts: the templates have none by design), and the
  usual companions (nosniff, Referrer-Policy, frame-ancestors 'none', Permissions-Policy).
- Request bodies are capped by MAX_CONTENT_LENGTH (413 with a clear message).
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
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from learn.config import ConfigError

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
    "SAHIFA_LIMIT_SIGN_IN": "60 per minute; 600 per hour",
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


def init_app(app: Flask) -> None:
    """Call after the blueprints are registered (rate limits wrap their views)."""
    configure_proxy(app)
    configure_request_size(app)
    init_limiter(app)
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
        limited: Any = limiter.limit(limit, methods=["POST"])(view)
        app.view_functions[endpoint] = limited
    app.extensions["sahifa_limiter"] = limiter
    return limiter


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


def error_reply(error: RequestEntityTooLarge | TooManyRequests) -> ResponseReturnValue:
    """JSON under /api/v1 (the API's error shape), the site's error page elsewhere."""
    status = error.code or 500
    if request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"):
        from learn.api.core import error_response

        return error_response(status, error.description or error.name)
    from learn.accounts.errors import render_error_page

    return render_error_page(error)


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
