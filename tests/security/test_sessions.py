"""Sessions end on the server (issue 13, item 3): a copy of the session cookie taken before
signing out, or before a password change, no longer signs anyone in, and cannot mint an API
token; a password change offers to revoke the user's API tokens, and so does a teacher's
reset of a student's password."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token_from
from tests.quiz_fixtures import make_class
from tests.web.conftest import UserInfo, auth_header, login

NEW_PASSWORD = "a much newer passphrase"


def clone(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of `client`'s session cookie (a stolen cookie)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def is_signed_in(client: FlaskClient) -> bool:
    response = client.get("/account/tokens")
    return response.status_code == 200


def post_form(client: FlaskClient, page: str, action: str, data: dict[str, str]) -> object:
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(action, data={"csrf_token": token, **data})


def test_a_copied_cookie_stops_working_at_sign_out(app: Flask, teacher: UserInfo) -> None:
    app.config["WTF_CSRF_ENABLED"] = False  # the thief would need the session, not the form
    owner = app.test_client()
    login(owner, teacher)
    thief = clone(app, owner)
    assert is_signed_in(thief)  # the copy works while the owner is signed in
    assert owner.post("/signout").status_code == 302
    assert not is_signed_in(owner)
    assert not is_signed_in(thief)
    minted = thief.post("/account/tokens", data={"name": "stolen"})
    assert minted.status_code == 302 and "/signin" in minted.headers["Location"]
    assert "sahifa_" not in minted.get_data(as_text=True)
    # Signing in again makes a new session, which works.
    login(owner, teacher)
    assert is_signed_in(owner) and not is_signed_in(thief)


def test_a_password_change_ends_every_other_session_and_can_revoke_tokens(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    token = api_token(teacher)
    owner = app.test_client()
    login(owner, teacher)
    other_device = app.test_client()
    login(other_device, teacher)
    copy = clone(app, owner)
    page = owner.get("/account/password").get_data(as_text=True)
    assert "Also revoke my API token" in page and "(1)" in page
    changed = post_form(
        owner,
        "/account/password",
        "/account/password",
        {
            "current_password": teacher.password,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "revoke_tokens": "on",
        },
    )
    assert changed.status_code == 302  # type: ignore[attr-defined]
    page = owner.get("/account/tokens")  # the session that changed it goes on
    assert page.status_code == 200 and "1 API token revoked" in page.get_data(as_text=True)
    assert not is_signed_in(other_device) and not is_signed_in(copy)
    me = app.test_client().get("/api/v1/me", headers=auth_header(token))
    assert me.status_code == 401


def test_tokens_are_kept_when_the_owner_says_so(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    token = api_token(teacher)
    owner = app.test_client()
    login(owner, teacher)
    post_form(
        owner,
        "/account/password",
        "/account/password",
        {"current_password": teacher.password, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert app.test_client().get("/api/v1/me", headers=auth_header(token)).status_code == 200


def test_a_teachers_reset_ends_the_students_sessions_and_offers_to_revoke_tokens(
    app: Flask, teacher: UserInfo, student: UserInfo, api_token: Callable[[UserInfo], str]
) -> None:
    class_id = make_class(app, teacher.id, [student.id], code="RESET1")
    student_token = api_token(student)
    pupil = app.test_client()
    login(pupil, student)
    teacher_web = app.test_client()
    login(teacher_web, teacher)
    page = f"/classes/{class_id}"
    reset = post_form(teacher_web, page, f"{page}/students/{student.id}/password", {})
    html = reset.get_data(as_text=True)  # type: ignore[attr-defined]
    assert not is_signed_in(pupil)
    assert "Revoke" in html and "1 API token" in html
    action = re.search(r'action="([^"]+/tokens/revoke)"', html)
    assert action is not None
    revoked = post_form(teacher_web, page, action.group(1), {})
    assert revoked.status_code == 302  # type: ignore[attr-defined]
    me = app.test_client().get("/api/v1/me", headers=auth_header(student_token))
    assert me.status_code == 401


def test_another_teacher_cannot_revoke_a_students_tokens(
    app: Flask,
    make_user: Callable[..., UserInfo],
    student: UserInfo,
    api_token: Callable[[UserInfo], str],
) -> None:
    owner, other = make_user("teacher"), make_user("teacher")
    class_id = make_class(app, owner.id, [student.id], code="RESET2")
    student_token = api_token(student)
    intruder = app.test_client()
    login(intruder, other)
    response = post_form(
        intruder, "/classes", f"/classes/{class_id}/students/{student.id}/tokens/revoke", {}
    )
    assert response.status_code == 404  # type: ignore[attr-defined]
    me = app.test_client().get("/api/v1/me", headers=auth_header(student_token))
    assert me.status_code == 200


def test_cli_reset_ends_sessions_and_can_revoke_tokens(
    app: Flask, teacher: UserInfo, api_token: Callable[[UserInfo], str], tmp_path: object
) -> None:
    from pathlib import Path

    token = api_token(teacher)
    browser = app.test_client()
    login(browser, teacher)
    password_file = Path(str(tmp_path)) / "password.txt"
    password_file.write_text(NEW_PASSWORD + "\n")
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "set-password",
            "--password-file",
            str(password_file),
            "--revoke-tokens",
            teacher.username,
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Revoked 1 API token" in result.output
    assert app.test_client().get("/api/v1/me", headers=auth_header(token)).status_code == 401
    assert not is_signed_in(browser)  # the reset ends every session, as the forms' do
