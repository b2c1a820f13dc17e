"""Odd but valid input never gives a 500 (issue 13, item 5 and the smaller item 7): a lone
surrogate in a JSON string, JSON nested 100,000 levels, ids above the database's integer
range, NUL characters in text, a `//host` Referer, the `Bearer` scheme in any case. Each
refused request answers 4xx with a message that says why, and writes nothing."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import _test_config, csrf_token_from
from tests.quiz_fixtures import make_assigned_quiz
from tests.security.test_fuzz import row_counts
from tests.web.conftest import UserInfo, auth_header, login

LONE_SURROGATE = '"\\ud800"'
HUGE_IDS = (2**31, 2**63, 10**30)


def post_raw(client: FlaskClient, path: str, body: str, token: str | None = None) -> object:
    headers = {"Content-Type": "application/json", **(auth_header(token) if token else {})}
    return client.post(path, data=body.encode(), headers=headers)


def error_message(response: object) -> str:
    return response.get_json()["error"]["message"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "body",
    [
        '{"username": ' + LONE_SURROGATE + ', "password": "x"}',
        '{"username": "someone", "password": ' + LONE_SURROGATE + "}",
        '{"username": "someone", "password": "x", "name": "a\\udfffb"}',
        '{"\\ud800": 1, "username": "someone", "password": "x"}',
    ],
)
def test_lone_surrogate_in_token_request_is_a_400(app: Flask, teacher: UserInfo, body: str) -> None:
    before = row_counts(app)
    response = post_raw(app.test_client(), "/api/v1/tokens", body)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "surrogate" in error_message(response)
    assert row_counts(app) == before


def test_lone_surrogate_in_an_authenticated_body_is_a_400(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    token = api_token(teacher)
    before = row_counts(app)
    response = post_raw(app.test_client(), "/api/v1/classes", '{"name": "A\\ud83d"}', token)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "surrogate" in error_message(response)
    assert row_counts(app) == before
    # A proper pair (an emoji) is fine.
    ok = post_raw(app.test_client(), "/api/v1/classes", '{"name": "A\\ud83d\\ude00"}', token)
    assert ok.status_code == 201  # type: ignore[attr-defined]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_a_400(app: Flask, teacher: UserInfo, depth: int) -> None:
    body = '{"username": ' + "[" * depth + "]" * depth + ', "password": "x"}'
    before = row_counts(app)
    response = post_raw(app.test_client(), "/api/v1/tokens", body)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "nested" in error_message(response)
    assert row_counts(app) == before


def test_nul_characters_in_json_text_are_a_400(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    token = api_token(teacher)
    before = row_counts(app)
    for path, body in (
        ("/api/v1/classes", '{"name": "Arabic\\u0000 1"}'),
        ("/api/v1/tokens", '{"username": "a\\u0000b", "password": "xxxxxxxxxx"}'),
    ):
        response = post_raw(app.test_client(), path, body, token)
        assert response.status_code == 400, path  # type: ignore[attr-defined]
        assert "NUL" in error_message(response)
    assert row_counts(app) == before


def test_nul_characters_in_forms_are_a_400_page(app: Flask, teacher: UserInfo) -> None:
    client = app.test_client()
    login(client, teacher)
    page = client.get("/classes")
    token = csrf_token_from(page.get_data(as_text=True))
    before = row_counts(app)
    response = client.post("/classes", data={"csrf_token": token, "name": "Arabic\x00 2"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
    assert row_counts(app) == before
    # Sign-up, signed out, with a valid CSRF token: the NUL check answers, not CSRF.
    visitor = app.test_client()
    token = csrf_token_from(visitor.get("/signup").get_data(as_text=True))
    response = visitor.post(
        "/signup",
        data={
            "csrf_token": token,
            "username": "nulstudent",
            "password": "k4tib-wa-qalam",
            "confirm": "k4tib-wa-qalam",
            "display_name": "Nadia\x00",
        },
    )
    assert response.status_code == 400
    assert "display_name" in response.get_data(as_text=True)
    assert "NUL" in response.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_above_the_integer_range_in_paths_are_404(
    app: Flask,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
    huge: int,
) -> None:
    teacher_token, student_token = api_token(teacher), api_token(student)
    client = app.test_client()
    for method, path, token in (
        ("GET", f"/api/v1/articles/{huge}", teacher_token),
        ("GET", f"/api/v1/articles/{huge}/questions", teacher_token),
        ("GET", f"/api/v1/classes/{huge}", teacher_token),
        ("DELETE", f"/api/v1/tokens/{huge}", teacher_token),
        ("GET", f"/api/v1/quizzes/{huge}/results", teacher_token),
        ("POST", f"/api/v1/quizzes/{huge}/attempts", student_token),
        ("GET", f"/api/v1/attempts/{huge}", student_token),
        ("PUT", f"/api/v1/attempts/{huge}/answers/{huge}", student_token),
    ):
        response = client.open(path, method=method, headers=auth_header(token), json={})
        assert response.status_code == 404, f"{method} {path}"
        assert response.get_json()["error"]["message"]
    web = app.test_client()
    login(web, teacher)
    for path in (f"/articles/{huge}", f"/quizzes/{huge}", f"/classes/{huge}"):
        assert web.get(path).status_code == 404, path


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_ids_above_the_integer_range_in_bodies_are_4xx(
    app: Flask,
    teacher: UserInfo,
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
    huge: int,
) -> None:
    quiz = make_assigned_quiz(app, teacher.id, [student.id])
    teacher_token, student_token = api_token(teacher), api_token(student)
    client = app.test_client()
    before = row_counts(app)
    for path, body, token in (
        ("/api/v1/quizzes", {"article_id": huge, "title": "t", "question_ids": [1]}, teacher_token),
        (
            "/api/v1/quizzes",
            {"article_id": quiz.data.article_id, "title": "t", "question_ids": [huge]},
            teacher_token,
        ),
        (f"/api/v1/quizzes/{quiz.quiz_id}/assignments", {"class_id": huge}, teacher_token),
        (f"/api/v1/quizzes/{quiz.quiz_id}/attempts", {"assignment_id": huge}, student_token),
    ):
        response = client.post(path, json=body, headers=auth_header(token))
        assert response.status_code in (404, 422), f"{path} {body}"
        assert response.get_json()["error"]["message"]
    assert row_counts(app) == before
    # The answer form of the pages, too.
    started = client.post(
        f"/api/v1/quizzes/{quiz.quiz_id}/attempts", headers=auth_header(student_token), json={}
    ).get_json()
    web = app.test_client()
    web.application.config["WTF_CSRF_ENABLED"] = False
    login(web, student)
    before = row_counts(app)
    answered = web.post(
        f"/quizzes/attempts/{started['id']}/answer",
        data={"question_id": str(huge), "response": "x"},
    )
    assert answered.status_code == 404
    assert row_counts(app) == before
    # And the assignment form, whose class id the API's schema cannot stop first.
    teacher_web = app.test_client()
    login(teacher_web, teacher)
    assigned = teacher_web.post(
        f"/quizzes/{quiz.quiz_id}/assignments", data={"class_id": str(huge)}
    )
    assert 400 <= assigned.status_code < 500
    assert "No such class among yours." in assigned.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_bearer_scheme_is_case_insensitive(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str], scheme: str
) -> None:
    token = api_token(teacher)
    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"{scheme} {token}"})
    assert response.status_code == 200
    assert response.get_json()["username"] == teacher.username


@pytest.mark.parametrize(
    "referrer", ["//evil.example/x", "/\\evil.example", "//evil.example", "/\t/evil.example"]
)
def test_go_back_never_leads_off_site(
    client: FlaskClient, teacher: UserInfo, referrer: str
) -> None:
    login(client, teacher)
    page = client.get("/no-such-page", headers={"Referer": "http://localhost" + referrer})
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    assert "evil.example" not in html
    same_site = client.get("/no-such-page", headers={"Referer": "http://localhost/classes/"})
    assert 'href="/classes/"' in same_site.get_data(as_text=True)


def test_the_sqlite_database_file_is_private(tmp_path: Path) -> None:
    from learn import create_app
    from learn.extensions import db

    database = tmp_path / "fresh.sqlite3"
    app = create_app(_test_config(f"sqlite:///{database}"), instance_path=str(tmp_path / "i"))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    # An existing file left readable by others is made private at the next start, too.
    database.chmod(0o644)
    create_app(_test_config(f"sqlite:///{database}"), instance_path=str(tmp_path / "i"))
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
