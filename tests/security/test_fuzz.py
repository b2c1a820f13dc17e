"""Hypothesis throws odd input at the article import, the account and class forms, the
quiz answers and the API's JSON: never a 500, and a refused request writes nothing (every
table keeps its row count)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.quiz_fixtures import make_assigned_quiz
from tests.web.conftest import UserInfo, auth_header, issue_api_token, login

FUZZ = settings(
    max_examples=30,
    deadline=None,
    # The app and its database persist across examples on purpose: counts are compared
    # before and after each example, so earlier examples cannot hide a partial write.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ODD = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"), exclude_characters="\x00"
)
TEXT = st.text(st.one_of(ARABIC, ODD, st.sampled_from(" \n\t.،؟!")), max_size=300)
SHORT = st.text(ODD, max_size=80)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | SHORT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(SHORT, children, max_size=4),
    max_leaves=10,
)


def row_counts(app: Flask) -> dict[str, int]:
    from sqlalchemy import func, select

    from learn.extensions import db

    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
            for table in db.metadata.sorted_tables
        }


def check(app: Flask, before: dict[str, int], status: int, what: str) -> None:
    assert status < 500, what
    if status >= 400:
        assert row_counts(app) == before, f"a refused request wrote rows: {what}"


@pytest.fixture
def form_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = False  # the input is under test, not the CSRF token
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions["sahifa_limiter"].enabled = False
    return app


@FUZZ
@given(title=SHORT, text=TEXT)
def test_article_import_api(form_app: Flask, teacher: UserInfo, title: str, text: str) -> None:
    token = issue_api_token(form_app, teacher)
    client = form_app.test_client()
    before = row_counts(form_app)
    response = client.post(
        "/api/v1/articles", json={"title": title, "text": text}, headers=auth_header(token)
    )
    check(form_app, before, response.status_code, f"{title!r} {text!r}")
    if response.status_code == 201:
        assert response.get_json()["title"]


@FUZZ
@given(title=SHORT, text=TEXT, published=SHORT)
def test_article_import_form(
    form_app: Flask, teacher: UserInfo, title: str, text: str, published: str
) -> None:
    client = form_app.test_client()
    login(client, teacher)
    before = row_counts(form_app)
    response = client.post(
        "/articles/new", data={"title": title, "text": text, "published": published}
    )
    check(form_app, before, response.status_code, f"{title!r} {text!r} {published!r}")


@FUZZ
@given(username=SHORT, password=SHORT, confirm=SHORT, display_name=SHORT)
def test_sign_up_form(
    form_app: Flask, username: str, password: str, confirm: str, display_name: str
) -> None:
    client = form_app.test_client()
    before = row_counts(form_app)
    response = client.post(
        "/signup",
        data={
            "username": username,
            "password": password,
            "confirm": confirm,
            "display_name": display_name,
        },
    )
    check(form_app, before, response.status_code, f"{username!r} {password!r}")


@FUZZ
@given(code=SHORT)
def test_join_code_form(form_app: Flask, student: UserInfo, code: str) -> None:
    client = form_app.test_client()
    login(client, student)
    before = row_counts(form_app)
    response = client.post("/join", data={"code": code})
    check(form_app, before, response.status_code, repr(code))


@pytest.fixture
def quiz_taker(form_app: Flask, teacher: UserInfo, student: UserInfo) -> dict[str, Any]:
    quiz = make_assigned_quiz(form_app, teacher.id, [student.id])
    client = form_app.test_client()
    login(client, student)
    token = issue_api_token(form_app, student)
    started = client.post(
        f"/api/v1/quizzes/{quiz.quiz_id}/attempts", headers=auth_header(token), json={}
    )
    assert started.status_code == 201
    return {"quiz": quiz, "client": client, "token": token, "attempt": started.get_json()["id"]}


@FUZZ
@given(question=st.one_of(st.integers(-5, 10**6), SHORT), response=SHORT)
def test_answer_form(
    form_app: Flask, quiz_taker: dict[str, Any], question: int | str, response: str
) -> None:
    client: FlaskClient = quiz_taker["client"]
    before = row_counts(form_app)
    answered = client.post(
        f"/quizzes/attempts/{quiz_taker['attempt']}/answer",
        data={"question_id": str(question), "response": response},
    )
    check(form_app, before, answered.status_code, f"{question!r} {response!r}")


@FUZZ
@given(body=JSON_VALUES, question_index=st.integers(0, 3))
def test_api_answer_json(
    form_app: Flask, quiz_taker: dict[str, Any], body: Any, question_index: int
) -> None:
    quiz = quiz_taker["quiz"]
    ids = [quiz.data.mcq_id, quiz.data.tf_id, quiz.data.short_id, 10**6]
    before = row_counts(form_app)
    response = form_app.test_client().put(
        f"/api/v1/attempts/{quiz_taker['attempt']}/answers/{ids[question_index]}",
        data=json.dumps(body),
        content_type="application/json",
        headers=auth_header(quiz_taker["token"]),
    )
    check(form_app, before, response.status_code, repr(body))
    if response.status_code >= 400:
        assert response.get_json()["error"]["status"] == response.status_code


@FUZZ
@given(
    path=st.sampled_from(
        ["/api/v1/classes", "/api/v1/quizzes", "/api/v1/me/reviews", "/api/v1/classes/join"]
    ),
    body=JSON_VALUES,
)
def test_api_json_bodies(
    form_app: Flask, teacher: UserInfo, student: UserInfo, path: str, body: Any
) -> None:
    user = student if path.endswith(("join", "reviews")) else teacher
    token = issue_api_token(form_app, user)
    before = row_counts(form_app)
    response = form_app.test_client().post(
        path, data=json.dumps(body), content_type="application/json", headers=auth_header(token)
    )
    # Issuing the token above wrote a row; `before` was taken after it.
    check(form_app, before, response.status_code, f"{path} {body!r}")
    if response.status_code >= 400:
        assert response.get_json()["error"]["status"] == response.status_code


@FUZZ
@given(raw=st.binary(max_size=200))
def test_api_malformed_bodies(form_app: Flask, teacher: UserInfo, raw: bytes) -> None:
    token = issue_api_token(form_app, teacher)
    before = row_counts(form_app)
    response = form_app.test_client().post(
        "/api/v1/classes", data=raw, content_type="application/json", headers=auth_header(token)
    )
    check(form_app, before, response.status_code, repr(raw))
