"""Request ids and structured (JSON) logs.

Every request gets an id: the client's or proxy's `X-Request-ID` when it is a sane token,
else a new random one. It is echoed in the response's `X-Request-ID` header and added to
every log record made while the request runs, so one line in nginx's log, the access line
and any traceback can be matched up.

With SAHIFA_LOG_FORMAT=json (gunicorn.conf.py sets it) the app's loggers write one JSON
object per line to stderr, and each request ends with an access line (method, path,
status, duration, user). Otherwise logging is left as Flask configures it (plain text).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, g, has_request_context, request
from sqlalchemy import inspect
from werkzeug.wrappers import Response

from learn.config import ConfigError

REQUEST_ID_HEADER = "X-Request-ID"
# Accept ids a proxy would make (uuid, hex, nginx's $request_id); anything else could inject
# text into logs, so it is replaced.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
LOG_FORMATS = ("text", "json")
ACCESS_LOGGER = "sahifa.access"
# The loggers whose records are written as JSON (the app's, the access log, SQLAlchemy's
# warnings and the rate limiter's).
JSON_LOGGERS = ("learn", "sahifa", "flask-limiter", "sqlalchemy")
# LogRecord attributes that are not "extra" fields.
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}


def init_app(app: Flask) -> None:
    app.before_request(assign_request_id)
    app.after_request(echo_request_id)
    if log_format(app) == "json":
        install_json_logging()
        app.before_request(start_timer)
        app.after_request(log_access)


def log_format(app: Flask) -> str:
    raw = str(app.config.get("SAHIFA_LOG_FORMAT") or os.environ.get("SAHIFA_LOG_FORMAT", ""))
    value = raw.strip().lower() or "text"
    if value not in LOG_FORMATS:
        raise ConfigError(f"SAHIFA_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, got {raw!r}")
    return value


# --- request ids ------------------------------------------------------------------------------


def assign_request_id() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def echo_request_id(response: Response) -> Response:
    request_id = current_request_id()
    if request_id:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


# --- JSON logs --------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to records made inside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def install_json_logging() -> None:
    """Idempotent: app factories called again (tests, preload) add no second handler."""
    for name in JSON_LOGGERS:
        logger = logging.getLogger(name)
        if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
            continue
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        logger.addHandler(handler)
        logger.propagate = False  # Flask's default handler would print it a second time
        if name in ("learn", "sahifa"):
            logger.setLevel(logging.INFO)


def start_timer() -> None:
    g.request_started = time.perf_counter()


def log_access(response: Response) -> Response:
    started = g.get("request_started")
    duration_ms = (time.perf_counter() - started) * 1000 if started else None
    user = g.get("user") or g.get("api_user")
    logging.getLogger(ACCESS_LOGGER).info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration_ms, 2) if duration_ms is not None else None,
            "user_id": _user_id(user),
            "remote_addr": request.remote_addr,
        },
    )
    return response


def _user_id(user: object) -> object:
    """The signed-in user's id, read without a query: after a request's commit the row is
    expired, and `user.id` would SELECT it again just for this line."""
    state = inspect(user, raiseerr=False) if user is not None else None
    identity = getattr(state, "identity", None)
    return identity[0] if identity else getattr(user, "id", None)
