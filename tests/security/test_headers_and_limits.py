"""Security headers on every response, request ids, the request-size limit (413) and the
per-address rate limits (429: a page for browsers, JSON under /api/v1)."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from learn import create_app
from learn.config import ConfigError
from tests.conftest import _test_config, csrf_token_from
from tests.web.conftest import PASSWORD, UserInfo, auth_header, freeze_sign_in_clock, login


def limited_app(database_url: str, tmp_path: Path, **config: object) -> Flask:
    settings = {"WTF_CSRF_ENABLED": False, **config}  # rate limits, not CSRF, are tested here
    return create_app(_test_config(database_url, **settings), instance_path=str(tmp_path / "i"))


# --- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/signin", "/healthz", "/api/v1/me", "/no-such-page"])
def test_every_response_carries_the_security_headers(
    client: FlaskClient, teacher: UserInfo, path: str
) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_hsts_only_over_https(client: FlaskClient, teacher: UserInfo) -> None:
    response = client.get("/signin", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_templates_use_no_inline_styles_or_scripts() -> None:
    # The CSP forbids both; a template that adds one would break silently in browsers.
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for template in templates.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if " style=" in text or "<style" in text or " on" in text.replace(" one", ""):
            for line_number, line in enumerate(text.splitlines(), 1):
                if " style=" in line or "<style" in line or _has_event_handler(line):
                    offenders.append(f"{template.name}:{line_number}: {line.strip()}")
        for line_number, line in enumerate(text.splitlines(), 1):
            if "<script" in line and "src=" not in line:
                offenders.append(f"{template.name}:{line_number}: {line.strip()}")
    assert offenders == []


def _has_event_handler(line: str) -> bool:
    import re

    return re.search(r"\son[a-z]+\s*=", line) is not None


def test_session_cookie_is_httponly_samesite_and_secure_when_asked(
    database_url: str, tmp_path: Path, teacher: UserInfo
) -> None:
    app = limited_app(database_url, tmp_path, SAHIFA_SECURE_COOKIES="true")
    client = app.test_client()
    login(client, teacher)
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.http_only and cookie.secure and cookie.same_site == "Lax"


# --- request ids ------------------------------------------------------------------------------


def test_request_id_is_echoed_when_sane_and_generated_otherwise(client: FlaskClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "nginx-4f2a.9"})
    assert given.headers["X-Request-ID"] == "nginx-4f2a.9"
    made = client.get("/healthz")
    other = client.get("/healthz")
    assert len(made.headers["X-Request-ID"]) == 32
    assert made.headers["X-Request-ID"] != other.headers["X-Request-ID"]
    hostile = client.get("/healthz", headers={"X-Request-ID": 'x" injected\tlog'})
    assert hostile.headers["X-Request-ID"] != 'x" injected\tlog'
    assert len(hostile.headers["X-Request-ID"]) == 32


def test_json_logs_carry_the_request_id(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = limited_app(database_url, tmp_path, SAHIFA_LOG_FORMAT="json")
    try:
        app.test_client().get("/healthz", headers={"X-Request-ID": "trace-123"})
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
        access = [entry for entry in lines if entry["logger"] == "sahifa.access"]
        assert access, lines
        assert access[-1]["request_id"] == "trace-123"
        assert access[-1]["path"] == "/healthz"
        assert access[-1]["status"] == 200
        assert access[-1]["method"] == "GET"
    finally:
        for name in ("learn", "sahifa", "flask-limiter", "sqlalchemy"):
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.propagate = True


def test_a_bad_log_format_names_the_variable(database_url: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SAHIFA_LOG_FORMAT"):
        limited_app(database_url, tmp_path, SAHIFA_LOG_FORMAT="yaml")


# --- request size -----------------------------------------------------------------------------


def test_an_oversized_form_gets_a_413_page_with_a_clear_message(
    client: FlaskClient, teacher: UserInfo
) -> None:
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    response = client.post("/signin", data={"username": "x" * (limit + 1), "password": "p"})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The request is too large" in page and "KB" in page
    assert "<html" in page


def test_an_oversized_api_body_gets_a_413_json_error(
    client: FlaskClient, teacher: UserInfo
) -> None:
    body = json.dumps({"username": "x" * 5_000_000, "password": "p"})
    response = client.post("/api/v1/tokens", data=body, content_type="application/json")
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["status"] == 413
    assert error["message"].startswith("The request is too large")


# --- rate limits ------------------------------------------------------------------------------


def test_sign_in_attempts_from_one_address_are_limited_with_a_friendly_page(
    database_url: str, tmp_path: Path, teacher: UserInfo, make_user
) -> None:
    app = limited_app(database_url, tmp_path, SAHIFA_LIMIT_SIGN_IN="3 per minute")
    client = app.test_client()
    # Different usernames each time: the per-username lockout never triggers, this does.
    statuses = []
    for number in range(4):
        statuses.append(
            client.post("/signin", data={"username": f"nobody{number}", "password": "x"})
        )
    wrong_password = statuses[0].status_code
    assert wrong_password in (200, 401, 422)
    assert [r.status_code for r in statuses] == [wrong_password] * 3 + [429]
    refused = statuses[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    page = refused.get_data(as_text=True)
    assert "Too many attempts from your network" in page and "<html" in page
    # Reading the form is never limited.
    assert client.get("/signin").status_code == 200
    # Another address has its own budget.
    other = client.post(
        "/signin",
        data={"username": teacher.username, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert other.status_code == 302


def test_token_creation_is_limited_with_a_json_429(
    database_url: str, tmp_path: Path, teacher: UserInfo
) -> None:
    app = limited_app(database_url, tmp_path, SAHIFA_LIMIT_TOKENS="2 per hour")
    client = app.test_client()
    body = {"username": teacher.username, "password": PASSWORD}
    statuses = [client.post("/api/v1/tokens", json=body).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    refused = client.post("/api/v1/tokens", json=body)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["message"].startswith("Too many attempts")
    assert int(refused.headers["Retry-After"]) > 60  # the hour's window


def test_sign_up_and_join_are_limited(database_url: str, tmp_path: Path, teacher: UserInfo) -> None:
    app = limited_app(
        database_url,
        tmp_path,
        SAHIFA_LIMIT_SIGN_UP="1 per minute",
        SAHIFA_LIMIT_JOIN="1 per minute",
    )
    client = app.test_client()
    assert client.post("/signup", data={"username": "a"}).status_code != 429
    assert client.post("/signup", data={"username": "b"}).status_code == 429
    assert client.post("/join", data={"code": "AAAA"}).status_code != 429
    assert client.post("/join", data={"code": "BBBB"}).status_code == 429


def test_limits_can_be_switched_off(database_url: str, tmp_path: Path, teacher: UserInfo) -> None:
    app = limited_app(
        database_url, tmp_path, SAHIFA_LIMIT_SIGN_IN="1 per minute", SAHIFA_RATE_LIMITS="off"
    )
    client = app.test_client()
    for number in range(3):
        response = client.post("/signin", data={"username": f"n{number}", "password": "x"})
        assert response.status_code in (200, 401, 422)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("SAHIFA_LIMIT_SIGN_IN", "lots"),
        ("SAHIFA_RATE_LIMITS", "maybe"),
        ("SAHIFA_MAX_REQUEST_BYTES", "big"),
        ("SAHIFA_PROXY_COUNT", "-1"),
    ],
)
def test_bad_settings_name_the_variable(
    database_url: str, tmp_path: Path, setting: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=setting):
        limited_app(database_url, tmp_path, **{setting: value})


def test_redis_storage_is_shared_between_app_instances(
    database_url: str, tmp_path: Path, teacher: UserInfo
) -> None:
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis not reachable at 127.0.0.1:6379")
    config = {
        "REDIS_URL": url,
        "SAHIFA_LIMIT_SIGN_IN": "2 per minute",
        # A prefix of its own: other runs (and other apps) on this Redis keep their counts.
        "RATELIMIT_KEY_PREFIX": f"sahifa-test-{uuid.uuid4().hex}",
    }
    first = limited_app(database_url, tmp_path / "a", **config).test_client()
    second = limited_app(database_url, tmp_path / "b", **config).test_client()
    # Two "servers" behind one load balancer share the count.
    assert first.post("/signin", data={"username": "a", "password": "x"}).status_code == 401
    assert second.post("/signin", data={"username": "b", "password": "x"}).status_code == 401
    assert first.post("/signin", data={"username": "c", "password": "x"}).status_code == 429


def test_the_account_lockout_still_answers_for_one_username(
    app: Flask, client: FlaskClient, teacher: UserInfo
) -> None:
    freeze_sign_in_clock(app)
    # The limiter's per-address budget (60/min) is far above the lockout's 5 failures.
    page = client.get("/signin")
    token = csrf_token_from(page.get_data(as_text=True))
    statuses = [
        client.post(
            "/signin", data={"csrf_token": token, "username": teacher.username, "password": "no"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[-1] == 429
    assert "Too many failed sign-ins" in client.post(
        "/signin", data={"csrf_token": token, "username": teacher.username, "password": "no"}
    ).get_data(as_text=True)


def test_authenticated_api_calls_are_not_limited(
    client: FlaskClient, teacher: UserInfo, api_token
) -> None:
    token = api_token(teacher)
    statuses = {client.get("/api/v1/me", headers=auth_header(token)).status_code for _ in range(5)}
    assert statuses == {200}
