"""Accounts for tests: users, signed-in clients and API tokens.

Fixtures (any test under tests/web or tests/api can ask for them):

* `make_user(role="student", username=None, password=PASSWORD, display_name="")` — a
  factory: creates an account through the real service and returns a `UserInfo`
  (id, username, password, role). Usernames default to teacher1, student2, ...
* `teacher`, `student` — one account of each role (`UserInfo`).
* `teacher_client`, `student_client` — test clients already signed in as them.
* `api_token(user)` — a factory: a fresh bearer token (str) for a `UserInfo`.

Plain functions (usable outside pytest fixtures too, e.g. in tests/browser):

* `create_user(app, role, username, password=PASSWORD)` → `UserInfo`
* `login(client, user)` — signs in through the real /signin form, CSRF token included;
  returns the response of the POST (a redirect on success).
* `issue_api_token(app, user)` → str
* `auth_header(token)` → {"Authorization": "Bearer ..."}

`UserInfo` is a plain snapshot, not an ORM object, so it stays usable outside an app
context. Note: while no account exists every page redirects to /setup, so tests of
pages should create a user first (any `teacher`/`student` fixture does).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import csrf_token_from

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    password: str
    role: str


def create_user(
    app: Flask,
    role: str = "student",
    username: str | None = None,
    password: str = PASSWORD,
    display_name: str = "",
) -> UserInfo:
    from learn.accounts.service import create_user as create_account

    username = username or f"{role}{next(_numbers)}"
    with app.app_context():
        user = create_account(username, password, role, display_name=display_name)
        return UserInfo(user.id, user.username, password, user.role)


def login(client: FlaskClient, user: UserInfo) -> TestResponse:
    """Sign in through the real form (GET for the CSRF token, then POST)."""
    page = client.get("/signin")
    assert page.status_code == 200, f"/signin answered {page.status_code}"
    response = client.post(
        "/signin",
        data={
            "csrf_token": csrf_token_from(page.get_data(as_text=True)),
            "username": user.username,
            "password": user.password,
        },
    )
    assert response.status_code == 302, f"sign-in as {user.username} failed"
    return response


def issue_api_token(app: Flask, user: UserInfo, name: str = "tests") -> str:
    from learn.accounts.tokens import issue_token
    from learn.extensions import db
    from learn.models import User

    with app.app_context():
        account = db.session.get(User, user.id)
        assert account is not None
        return issue_token(account, name).secret


def auth_header(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def make_user(app: Flask) -> Callable[..., UserInfo]:
    def make(
        role: str = "student",
        username: str | None = None,
        password: str = PASSWORD,
        display_name: str = "",
    ) -> UserInfo:
        return create_user(app, role, username, password, display_name)

    return make


@pytest.fixture
def teacher(make_user: Callable[..., UserInfo]) -> UserInfo:
    return make_user("teacher")


@pytest.fixture
def student(make_user: Callable[..., UserInfo]) -> UserInfo:
    return make_user("student")


@pytest.fixture
def teacher_client(app: Flask, teacher: UserInfo) -> FlaskClient:
    client = app.test_client()
    login(client, teacher)
    return client


@pytest.fixture
def student_client(app: Flask, student: UserInfo) -> FlaskClient:
    client = app.test_client()
    login(client, student)
    return client


@pytest.fixture
def api_token(app: Flask) -> Callable[[UserInfo], str]:
    return lambda user: issue_api_token(app, user)


def freeze_sign_in_clock(app: Flask) -> list[datetime]:
    """Give the app a sign-in failure log on a clock that moves only when a test moves it
    (`now[0] += timedelta(...)`), so growing delays are tested without waiting."""
    from learn.accounts.throttle import FailureLog

    now = [datetime(2026, 1, 5, 8, 0, tzinfo=UTC)]
    app.extensions["sahifa.signin_failures"] = FailureLog(clock=lambda: now[0])
    return now
