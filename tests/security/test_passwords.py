"""Guessable passwords are refused with a reason (issue 13, item 6; NIST SP 800-63B): common
passwords, keyboard walks, repeats, and the account's own words, on every path that sets a
password (sign-up, set-up, a teacher creating an account, a password change, the CLI)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from learn.accounts.service import AccountError, validate_new_password
from tests.conftest import csrf_token_from
from tests.security.test_fuzz import row_counts
from tests.web.conftest import PASSWORD, UserInfo, login

GUESSABLE = ["1234567890", "password12", " " * 10, "qwertyuiop", "aaaaaaaaaaaa", "iloveyou123"]
STRONG = [PASSWORD, "k4tib-wa-qalam", "new secret phrase", "Tr4vel-Kettle-9"]


@pytest.mark.parametrize("password", GUESSABLE)
def test_guessable_passwords_are_refused_with_a_reason(password: str) -> None:
    with pytest.raises(AccountError) as refused:
        validate_new_password(password)
    assert refused.value.field == "password"
    assert refused.value.message.startswith("This password is too easy to guess: ")
    assert len(refused.value.message) > len("This password is too easy to guess: ") + 20


@pytest.mark.parametrize("password", STRONG)
def test_strong_passwords_pass(password: str) -> None:
    assert validate_new_password(password, password) == password


def test_the_accounts_own_words_count_as_guessable() -> None:
    with pytest.raises(AccountError):
        validate_new_password("sahifa2026!")
    with pytest.raises(AccountError):
        validate_new_password("nadia.karimi99", context=("nadia.karimi", "Nadia Karimi"))
    assert validate_new_password("nadia.karimi99") == "nadia.karimi99"  # someone else's words


def test_a_very_long_password_is_checked_and_passes() -> None:
    long = "the quiet river runs past old stone walls where herons wait for the tide " * 2
    assert len(long) > 140  # zxcvbn (which refuses over 72 characters) sees the first 72
    assert validate_new_password(long) == long


def test_sign_up_shows_why_and_creates_nothing(app: Flask, teacher: UserInfo) -> None:
    client = app.test_client()
    token = csrf_token_from(client.get("/signup").get_data(as_text=True))
    before = row_counts(app)
    response = client.post(
        "/signup",
        data={
            "csrf_token": token,
            "username": "newstudent",
            "password": "password12",
            "confirm": "password12",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "too easy to guess" in html and "common password" in html
    assert row_counts(app) == before


def test_password_change_refuses_a_guessable_one(app: Flask, teacher: UserInfo) -> None:
    client = app.test_client()
    login(client, teacher)
    token = csrf_token_from(client.get("/account/password").get_data(as_text=True))
    response = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": teacher.password,
            "password": teacher.username + "2025",
            "confirm": teacher.username + "2025",
        },
    )
    assert response.status_code == 422
    assert "too easy to guess" in response.get_data(as_text=True)
    login(app.test_client(), teacher)  # the old password still works


def test_cli_refuses_a_guessable_password(
    app: Flask, make_user: Callable[..., UserInfo], tmp_path: object
) -> None:
    from pathlib import Path

    password_file = Path(str(tmp_path)) / "pw"
    password_file.write_text("1234567890\n")
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--role",
            "teacher",
            "--password-file",
            str(password_file),
            "teacher9x",
        ]
    )
    assert result.exit_code != 0
    assert "too easy to guess" in result.output


def test_set_up_refuses_a_guessable_password_and_creates_nothing(app: Flask) -> None:
    client = app.test_client()  # a fresh install: no account yet
    token = csrf_token_from(client.get("/setup").get_data(as_text=True))
    response = client.post(
        "/setup",
        data={
            "csrf_token": token,
            "username": "firstteacher",
            "password": "qwertyuiop",
            "confirm": "qwertyuiop",
        },
    )
    assert response.status_code == 422
    assert "too easy to guess" in response.get_data(as_text=True)
    assert row_counts(app)["users"] == 0


def test_a_teacher_creating_an_account_is_refused_a_guessable_password(
    app: Flask, teacher: UserInfo
) -> None:
    client = app.test_client()
    login(client, teacher)
    token = csrf_token_from(client.get("/accounts/new").get_data(as_text=True))
    before = row_counts(app)
    response = client.post(
        "/accounts/new",
        data={
            "csrf_token": token,
            "username": "colleague7",
            "role": "teacher",
            "display_name": "Layla Haddad",
            "password": "layla haddad",  # the account's own name
            "confirm": "layla haddad",
        },
    )
    assert response.status_code == 422
    assert "too easy to guess" in response.get_data(as_text=True)
    assert row_counts(app) == before
