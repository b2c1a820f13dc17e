"""API tokens: created from a password and shown once, stored hashed, used, revoked;
JSON errors for every failure under /api/v1."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learn.extensions import db
from learn.models import ApiToken
from tests.web.conftest import UserInfo, auth_header, freeze_sign_in_clock


def test_token_lifecycle(app: Flask, client: FlaskClient, teacher: UserInfo) -> None:
    created = client.post(
        "/api/v1/tokens",
        json={"username": teacher.username.upper(), "password": teacher.password, "name": "cli"},
    )
    assert created.status_code == 201
    body = created.json
    secret = body["token"]
    assert secret.startswith("sahifa_") and len(secret) > 40
    assert body["name"] == "cli"
    assert body["user"]["username"] == teacher.username and body["user"]["role"] == "teacher"

    # Only the SHA-256 is stored.
    with app.app_context():
        stored = db.session.scalar(select(ApiToken).where(ApiToken.id == body["id"]))
        assert stored is not None
        assert stored.token_sha256 == hashlib.sha256(secret.encode()).hexdigest()
        assert stored.last_used_at is None

    me = client.get("/api/v1/me", headers=auth_header(secret))
    assert me.status_code == 200 and me.json["username"] == teacher.username

    listed = client.get("/api/v1/tokens", headers=auth_header(secret)).json["tokens"]
    assert [t["name"] for t in listed] == ["cli"]
    assert listed[0]["last_used_at"] is not None and "token" not in listed[0]

    revoked = client.delete(f"/api/v1/tokens/{body['id']}", headers=auth_header(secret))
    assert revoked.status_code == 204
    after = client.get("/api/v1/me", headers=auth_header(secret))
    assert after.status_code == 401
    assert after.json == {
        "error": {"status": 401, "message": "The API token is unknown or revoked."}
    }
    assert after.headers["WWW-Authenticate"] == "Bearer"


def test_wrong_password_gets_no_token(app: Flask, client: FlaskClient, teacher: UserInfo):
    response = client.post(
        "/api/v1/tokens", json={"username": teacher.username, "password": "wrong wrong"}
    )
    assert response.status_code == 401
    assert response.json["error"]["message"] == "Wrong username or password."
    with app.app_context():
        assert db.session.scalars(select(ApiToken)).all() == []


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"username": "x"}, 422, "“password” is required."),
        ({"username": 5, "password": "x"}, 422, "“username” must be a string."),
        (["not", "an", "object"], 400, "The request body must be a JSON object"),
    ],
)
def test_token_request_validation(
    client: FlaskClient, teacher: UserInfo, body: object, status: int, message: str
) -> None:
    response = client.post("/api/v1/tokens", json=body)
    assert response.status_code == status
    assert response.json["error"]["status"] == status
    assert response.json["error"]["message"].startswith(message)
    if status == 422:
        assert list(response.json["error"]["fields"]) == [message.split("”")[0][1:]]


def test_non_json_body_is_a_400(client: FlaskClient, teacher: UserInfo) -> None:
    response = client.post("/api/v1/tokens", data="username=a&password=b")
    assert response.status_code == 400
    assert "JSON object" in response.json["error"]["message"]


def test_one_cannot_revoke_someone_elses_token(
    client: FlaskClient, teacher: UserInfo, student: UserInfo, api_token: Callable
) -> None:
    teacher_token = api_token(teacher)
    student_token = api_token(student)
    teacher_tokens = client.get("/api/v1/tokens", headers=auth_header(teacher_token)).json
    token_id = teacher_tokens["tokens"][0]["id"]
    refused = client.delete(f"/api/v1/tokens/{token_id}", headers=auth_header(student_token))
    assert refused.status_code == 404
    assert client.get("/api/v1/me", headers=auth_header(teacher_token)).status_code == 200
    # Revoking twice: the second time there is nothing live to revoke.
    headers = auth_header(student_token)
    own_id = client.get("/api/v1/tokens", headers=headers).json["tokens"][0]["id"]
    other = api_token(student)
    assert client.delete(f"/api/v1/tokens/{own_id}", headers=auth_header(other)).status_code == 204
    assert client.delete(f"/api/v1/tokens/{own_id}", headers=auth_header(other)).status_code == 404


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Basic dXNlcjpwdw==", "Bearer sahifa_forged", "Bearer nonsense"]
)
def test_missing_or_bad_tokens_get_401(client: FlaskClient, teacher: UserInfo, header) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.content_type == "application/json"
    assert response.json["error"]["status"] == 401


def test_api_ignores_session_cookies(teacher_client: FlaskClient, teacher: UserInfo) -> None:
    """The API is CSRF-exempt, so a browser session must not authenticate it."""
    response = teacher_client.get("/api/v1/me")
    assert response.status_code == 401


def test_api_needs_no_csrf_token(client: FlaskClient, teacher: UserInfo) -> None:
    response = client.post(
        "/api/v1/tokens", json={"username": teacher.username, "password": teacher.password}
    )
    assert response.status_code == 201


def test_unknown_urls_and_methods_answer_json(client: FlaskClient, teacher: UserInfo) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json["error"]["status"] == 404
    wrong_method = client.put("/api/v1/tokens", json={})
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["status"] == 405
    assert set(wrong_method.headers["Allow"].split(", ")) >= {"GET", "POST"}
    # Pages outside the API keep their HTML error pages.
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.content_type.startswith("text/html")


def test_oversized_body_is_a_413(app: Flask, client: FlaskClient, teacher: UserInfo) -> None:
    app.config["API_MAX_BODY_BYTES"] = 1000
    response = client.post(
        "/api/v1/tokens",
        data='{"username": "' + "a" * 2000 + '"}',
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json["error"]["status"] == 413


def test_server_errors_answer_json(
    app: Flask, client: FlaskClient, teacher: UserInfo, api_token: Callable, monkeypatch
) -> None:
    import learn.api.me as me_module

    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer as in production instead of raising
    token = api_token(teacher)

    def explode(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(me_module.User, "model_validate", explode)
    response = client.get("/api/v1/me", headers=auth_header(token))
    assert response.status_code == 500
    assert response.json == {
        "error": {
            "status": 500,
            "message": "Something went wrong on the server; the error is logged.",
        }
    }


def test_password_guessing_for_tokens_is_throttled(
    app: Flask, client: FlaskClient, teacher: UserInfo
) -> None:
    freeze_sign_in_clock(app)
    for _ in range(5):
        assert (
            client.post(
                "/api/v1/tokens", json={"username": teacher.username, "password": "guess"}
            ).status_code
            == 401
        )
    refused = client.post(
        "/api/v1/tokens", json={"username": teacher.username, "password": teacher.password}
    )
    assert refused.status_code == 429
    assert refused.json["error"] == {
        "status": 429,
        "message": "Too many failed sign-ins. Please wait 1 second.",
    }
    assert int(refused.headers["Retry-After"]) > 0
    with app.app_context():
        assert db.session.scalars(select(ApiToken)).all() == []
