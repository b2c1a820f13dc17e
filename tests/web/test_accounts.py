"""Accounts: first-run setup, sign-in/out, sign-up, password change, CSRF, cookies, CLI."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import check_password_hash

from learn.accounts.service import authenticate, count_users
from learn.extensions import db
from learn.models import User
from tests.conftest import csrf_token_from
from tests.web.conftest import PASSWORD, UserInfo, freeze_sign_in_clock, login

NEW_PASSWORD = "a much newer passphrase"


def users_in(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        return [(u.username, u.role) for u in db.session.scalars(select(User).order_by(User.id))]


def post_form(client: FlaskClient, page_url: str, data: dict[str, str], url: str | None = None):
    """GET the page for its CSRF token, then POST the form to `url` (default: the page)."""
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(url or page_url, data={"csrf_token": token, **data})


def field_error(html: str, field: str) -> str | None:
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', html)
    return match.group(1) if match else None


# --- first run -------------------------------------------------------------------------


def test_fresh_install_sends_every_page_to_setup(client: FlaskClient) -> None:
    for path in ("/", "/classes", "/signin", "/signup", "/join"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location == "/setup"
    assert client.get("/healthz").status_code == 200
    api = client.get("/api/v1/classes")
    assert api.status_code == 401 and api.json["error"]["status"] == 401


def test_setup_page_explains_and_has_labelled_inputs(client: FlaskClient) -> None:
    html = client.get("/setup").get_data(as_text=True)
    assert "<h1>Set up Sahifa</h1>" in html
    assert "first <strong>teacher</strong> account" in html
    for name in ("username", "display_name", "password", "confirm"):
        assert f'<label for="{name}">' in html and f'id="{name}"' in html


def test_setup_rejects_bad_input_keeps_it_and_creates_nothing(
    app: Flask, client: FlaskClient
) -> None:
    response = post_form(
        client,
        "/setup",
        {"username": "ms.huda", "password": "short", "confirm": "short", "display_name": "Huda"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "password") == "Use a password of at least 10 characters."
    assert 'aria-describedby="password-hint password-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="ms.huda"' in html and 'value="Huda"' in html  # input kept
    assert 'value="short"' not in html  # passwords are never echoed
    assert users_in(app) == []


def test_setup_creates_signed_in_teacher_then_closes(app: Flask, client: FlaskClient) -> None:
    response = post_form(
        client,
        "/setup",
        {
            "username": "Huda",
            "display_name": "Huda Saleh",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    # The first teacher lands on the home page, greeted by the name they gave.
    assert response.status_code == 302 and response.location == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Welcome, \u2068Huda Saleh\u2069! Your teacher account is ready" in page
    assert "<h1>Articles</h1>" in page and 'href="/articles/new"' in page
    assert users_in(app) == [("Huda", "teacher")]
    with app.app_context():
        stored = db.session.scalar(select(User))
        assert stored is not None
        # Hashed (with the suite's cheap KDF; test_foundation checks the app's is Argon2id).
        assert PASSWORD not in stored.password_hash
        assert check_password_hash(stored.password_hash, PASSWORD)

    # Once an account exists, /setup cannot make another one.
    other = app.test_client()
    assert other.get("/setup").location == "/signin"
    token = csrf_token_from(other.get("/signin").get_data(as_text=True))
    again = other.post(
        "/setup",
        data={
            "csrf_token": token,
            "username": "mallory",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert again.status_code == 302
    assert users_in(app) == [("Huda", "teacher")]


# --- sign in / out -----------------------------------------------------------------------


def test_sign_in_with_wrong_password_says_so_and_keeps_username(
    client: FlaskClient, teacher: UserInfo
) -> None:
    response = post_form(
        client, "/signin", {"username": teacher.username, "password": "not the password"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert field_error(html, "password") == "Wrong username or password."
    assert f'value="{teacher.username}"' in html
    assert "not the password" not in html
    # Not signed in: a protected page still redirects.
    assert client.get("/classes").status_code == 302


def test_sign_in_ignores_username_case(client: FlaskClient, make_user: Callable) -> None:
    make_user("student", username="Omar")
    response = post_form(client, "/signin", {"username": "OMAR", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    assert "My classes" in client.get("/classes").get_data(as_text=True)


def test_protected_page_returns_there_after_sign_in(client: FlaskClient, teacher: UserInfo) -> None:
    first = client.get("/classes")
    assert first.location == "/signin?next=/classes"
    page = client.get(first.location).get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/classes">' in page
    response = client.post(
        "/signin",
        data={
            "csrf_token": csrf_token_from(page),
            "username": teacher.username,
            "password": teacher.password,
            "next": "/classes",
        },
    )
    assert response.location == "/classes"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_sign_in_refuses_offsite_next(client: FlaskClient, teacher: UserInfo, target: str) -> None:
    response = post_form(
        client,
        "/signin",
        {"username": teacher.username, "password": teacher.password, "next": target},
    )
    assert response.status_code == 302
    assert response.location == "/"


def test_sign_out_is_a_post_that_ends_the_session(
    teacher_client: FlaskClient, teacher: UserInfo
) -> None:
    page = teacher_client.get("/classes").get_data(as_text=True)
    assert '<form method="post" action="/signout">' in page
    assert teacher_client.get("/signout").status_code == 405
    response = teacher_client.post("/signout", data={"csrf_token": csrf_token_from(page)})
    assert response.location == "/signin"
    assert "You are signed out." in teacher_client.get("/signin").get_data(as_text=True)
    assert teacher_client.get("/classes").status_code == 302


def test_state_changing_posts_without_csrf_token_are_refused(
    app: Flask, client: FlaskClient, teacher: UserInfo
) -> None:
    refused = client.post("/signin", data={"username": teacher.username, "password": PASSWORD})
    assert refused.status_code == 400
    assert "CSRF" in refused.get_data(as_text=True)
    assert client.get("/classes").status_code == 302  # still anonymous

    login(client, teacher)
    assert client.post("/classes", data={"name": "No token"}).status_code == 400
    assert client.post("/signout").status_code == 400
    assert "No classes yet" in client.get("/classes").get_data(as_text=True)


def test_session_cookie_is_httponly_and_samesite_lax(
    client: FlaskClient, teacher: UserInfo
) -> None:
    cookie = login(client, teacher).headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # testing: plain HTTP


@pytest.mark.parametrize(("setting", "secure"), [("true", True), ("false", False)])
def test_secure_cookie_setting(
    app: Flask, teacher: UserInfo, tmp_path: Path, setting: str, secure: bool
) -> None:
    from learn import create_app

    configured = create_app(
        {**app.config, "SAHIFA_SECURE_COOKIES": setting},
        instance_path=str(tmp_path / "other"),
    )
    assert configured.config["SESSION_COOKIE_SECURE"] is secure
    cookie = login(configured.test_client(), teacher).headers["Set-Cookie"]
    assert ("Secure" in cookie) is secure


# --- sign up ---------------------------------------------------------------------------


def test_student_signs_up_and_lands_on_join(app: Flask, client: FlaskClient, teacher: UserInfo):
    response = post_form(
        client,
        "/signup",
        {"username": "layla", "display_name": "Layla", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.location == "/join"
    page = client.get("/join").get_data(as_text=True)
    assert "Welcome, \u2068Layla\u2069! Join your teacher" in page  # the display name
    assert ("layla", "student") in users_in(app)
    post_form(client, "/join", {}, url="/signout")
    # Without a display name, the greeting uses the username.
    response = post_form(
        client, "/signup", {"username": "sami", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert "Welcome, \u2068sami\u2069!" in client.get("/join").get_data(as_text=True)


EMPTY_NEW_ACCOUNT = {
    "username": "Choose a username.",
    "password": "Choose a password.",
    "confirm": "Type the password again.",
}


@pytest.mark.parametrize(
    ("page_url", "who", "messages"),
    [
        ("/setup", "nobody", EMPTY_NEW_ACCOUNT),
        ("/signup", "anonymous", EMPTY_NEW_ACCOUNT),
        ("/accounts/new", "teacher", EMPTY_NEW_ACCOUNT),
        (
            "/signin",
            "anonymous",
            {"username": "Enter your username.", "password": "Enter your password."},
        ),
        (
            "/account/password",
            "teacher",
            {
                "current_password": "Enter your current password.",
                "password": "Choose a new password.",
                "confirm": "Type the new password again.",
            },
        ),
    ],
)
def test_empty_form_fields_each_get_their_message(
    app: Flask, client: FlaskClient, make_user: Callable, page_url: str, who: str, messages: dict
) -> None:
    if who != "nobody":
        user = make_user("teacher", username="teacher1")
    if who == "teacher":
        login(client, user)
    before = users_in(app)
    response = post_form(client, page_url, dict.fromkeys(messages, " "))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert {field: field_error(html, field) for field in messages} == messages
    assert html.count('aria-invalid="true"') == len(messages)
    assert "Please correct the problems below." in html
    assert users_in(app) == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"username": "TEACHER1", "password": PASSWORD, "confirm": PASSWORD},
            "username",
            "The username “TEACHER1” is already taken.",
        ),
        (
            {"username": "a b", "password": PASSWORD, "confirm": PASSWORD},
            "username",
            "Choose a username of 3–32 characters: letters, digits, dot, dash or underscore, "
            "starting with a letter or digit.",
        ),
        (
            {"username": "sami", "password": PASSWORD, "confirm": PASSWORD + "x"},
            "confirm",
            "The two passwords do not match.",
        ),
    ],
)
def test_sign_up_errors_change_nothing(
    app: Flask, client: FlaskClient, make_user: Callable, data: dict, field: str, message: str
) -> None:
    make_user("teacher", username="teacher1")
    response = post_form(client, "/signup", data)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), field) == message
    assert users_in(app) == [("teacher1", "teacher")]


def test_sign_up_page_cannot_make_a_teacher(app: Flask, client: FlaskClient, teacher: UserInfo):
    post_form(
        client,
        "/signup",
        {"username": "sneaky", "password": PASSWORD, "confirm": PASSWORD, "role": "teacher"},
    )
    assert ("sneaky", "student") in users_in(app)


# --- password change -------------------------------------------------------------------


def test_change_password(app: Flask, teacher_client: FlaskClient, teacher: UserInfo) -> None:
    wrong = post_form(
        teacher_client,
        "/account/password",
        {
            "current_password": "guess guess guess",
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422
    assert (
        field_error(wrong.get_data(as_text=True), "current_password")
        == "Your current password is not correct."
    )
    done = post_form(
        teacher_client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert done.status_code == 302
    with app.app_context():
        assert authenticate(teacher.username, PASSWORD) is None
        assert authenticate(teacher.username, NEW_PASSWORD) is not None


def test_change_password_needs_sign_in(client: FlaskClient, teacher: UserInfo) -> None:
    assert client.get("/account/password").location == "/signin?next=/account/password"


# --- teachers create accounts ------------------------------------------------------------


def test_teacher_creates_a_teacher_account(
    app: Flask, teacher_client: FlaskClient, teacher: UserInfo
) -> None:
    response = post_form(
        teacher_client,
        "/accounts/new",
        {"role": "teacher", "username": "colleague", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.location == "/accounts/new"
    page = teacher_client.get("/accounts/new").get_data(as_text=True)
    assert "Created the teacher account “colleague”." in page
    assert ("colleague", "teacher") in users_in(app)


def test_students_cannot_create_accounts(
    app: Flask, student_client: FlaskClient, student: UserInfo
) -> None:
    assert student_client.get("/accounts/new").status_code == 403
    token = csrf_token_from(student_client.get("/classes").get_data(as_text=True))
    response = student_client.post(
        "/accounts/new",
        data={
            "csrf_token": token,
            "role": "teacher",
            "username": "promoted",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert response.status_code == 403
    assert users_in(app) == [(student.username, "student")]


# --- navigation ------------------------------------------------------------------------


def test_navigation_per_role(teacher_client: FlaskClient, student_client: FlaskClient) -> None:
    teacher_nav = teacher_client.get("/classes").get_data(as_text=True)
    assert '<a href="/classes">Classes</a>' in teacher_nav
    assert '<a href="/accounts/new">Create an account</a>' in teacher_nav
    assert "Join a class" not in teacher_nav
    student_nav = student_client.get("/classes").get_data(as_text=True)
    assert '<a href="/classes">My classes</a>' in student_nav
    assert '<a href="/join">Join a class</a>' in student_nav
    assert "Create an account" not in student_nav


def test_anonymous_navigation_offers_sign_in_and_up(client: FlaskClient, teacher: UserInfo):
    html = client.get("/signin").get_data(as_text=True)
    assert '<a href="/signin">Sign in</a>' in html and '<a href="/signup">Sign up</a>' in html
    assert "Sign out" not in html


# --- CLI -------------------------------------------------------------------------------


def test_cli_creates_user_from_prompt(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "teacher", "Amal"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Created teacher account “Amal”." in result.output
    assert PASSWORD not in result.output  # the prompt hides the input
    with app.app_context():
        assert authenticate("amal", PASSWORD) is not None


def test_cli_password_file_and_errors(app: Flask, tmp_path: Path) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n")
    runner = app.test_cli_runner()
    ok = runner.invoke(
        args=["users", "create", "--role", "student", "--password-file", str(secret), "sara"]
    )
    assert ok.exit_code == 0, ok.output

    duplicate = runner.invoke(
        args=["users", "create", "--role", "teacher", "--password-file", str(secret), "SARA"]
    )
    assert duplicate.exit_code != 0
    assert "The username “SARA” is already taken." in duplicate.output

    bad_role = runner.invoke(args=["users", "create", "--role", "admin", "x1x"])
    assert bad_role.exit_code != 0
    assert "'admin' is not one of 'teacher', 'student'" in bad_role.output

    mismatch = runner.invoke(
        args=["users", "create", "--role", "teacher", "noor"], input=f"{PASSWORD}\nother one!!\n"
    )
    assert mismatch.exit_code != 0
    assert "The two passwords do not match." in mismatch.output
    with app.app_context():
        assert count_users() == 1


def test_concurrent_sign_ups_with_one_username_make_one_account(app: Flask, monkeypatch) -> None:
    from learn.accounts import service
    from learn.accounts.service import AccountError

    with app.app_context():
        monkeypatch.setattr(service, "find_user", lambda _: None)  # both pass the check
        service.create_user("twin", "long enough pw", "student")
        try:
            service.create_user("TWIN", "long enough pw", "student")
        except AccountError as error:
            assert error.message == "The username “TWIN” is already taken."
        else:
            raise AssertionError("the second account was created")
        assert service.count_users() == 1


def test_bad_secure_cookie_setting_stops_the_app(app: Flask, tmp_path: Path) -> None:
    from learn import create_app
    from learn.config import ConfigError

    with pytest.raises(ConfigError, match="SAHIFA_SECURE_COOKIES must be true, false or auto"):
        create_app({**app.config, "SAHIFA_SECURE_COOKIES": "maybe"}, instance_path=str(tmp_path))


def test_navigation_links_installed_features(
    teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    """Quizzes and Study are linked when their blueprints are installed."""
    from flask import url_for

    app = teacher_client.application
    with app.test_request_context():
        quizzes = url_for("quizzes.index")
        study = url_for("study.dashboard")
    assert f'<a href="{quizzes}">Quizzes</a>' in teacher_client.get("/classes").get_data(
        as_text=True
    )
    student_nav = student_client.get("/classes").get_data(as_text=True)
    assert f'<a href="{quizzes}">My quizzes</a>' in student_nav
    assert f'<a href="{study}">Study</a>' in student_nav


# --- error pages -----------------------------------------------------------------------


def test_csrf_failure_page_explains_and_links_back(
    student_client: FlaskClient, student: UserInfo
) -> None:
    response = student_client.post(
        "/join", data={"code": "ABCDEFGH"}, headers={"Referer": "http://localhost/join"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Please try again</h1>" in html
    assert "it was not accepted and nothing changed" in html
    assert '<a href="/join">Go back</a>' in html
    assert "Sign out" in html  # the page keeps the signed-in navigation


def test_forbidden_and_missing_pages_keep_the_layout(
    student_client: FlaskClient, student: UserInfo
) -> None:
    forbidden = student_client.get("/accounts/new")
    assert forbidden.status_code == 403
    assert "<h1>Not allowed</h1>" in forbidden.get_data(as_text=True)
    assert "Your account cannot open this page." in forbidden.get_data(as_text=True)
    missing = student_client.get("/classes/999999")
    assert missing.status_code == 404
    assert "<h1>Page not found</h1>" in missing.get_data(as_text=True)
    assert '<a href="/">Read the articles</a>' in missing.get_data(as_text=True)


# --- password guessing -----------------------------------------------------------------


def test_repeated_wrong_passwords_slow_down_a_new_browser(
    app: Flask, client: FlaskClient, teacher: UserInfo, student: UserInfo
) -> None:
    freeze_sign_in_clock(app)
    for _ in range(5):
        wrong = post_form(client, "/signin", {"username": teacher.username, "password": "guess"})
        assert wrong.status_code == 401
    # A browser that never signed in as this teacher now waits a second, growing with each
    # failure (learn/accounts/throttle.py); even the right password is not checked meanwhile.
    refused = post_form(
        client, "/signin", {"username": teacher.username, "password": teacher.password}
    )
    assert refused.status_code == 429
    assert field_error(refused.get_data(as_text=True), "password") == (
        "Too many failed sign-ins. Please wait 1 second."
    )
    assert refused.headers["Retry-After"] == "1"
    assert client.get("/classes").status_code == 302  # still not signed in
    # Other accounts are not affected.
    assert login(app.test_client(), student).status_code == 302


def test_failure_log_delays_grow_and_age_out() -> None:
    from datetime import UTC, datetime, timedelta

    from learn.accounts.throttle import FailureLog

    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    log = FailureLog(window=timedelta(minutes=15), clock=lambda: now[0])
    longest = timedelta(seconds=30)
    for _ in range(2):
        log.record("user:amal")
    assert log.delay("user:amal", free=3, longest=longest) == 0
    waits = []
    for _ in range(6):
        log.record("user:amal")
        waits.append(log.delay("user:amal", free=3, longest=longest))
    assert waits == [1, 2, 4, 8, 16, 30]  # doubling, capped
    now[0] += timedelta(seconds=10)
    assert log.delay("user:amal", free=3, longest=longest) == 20  # counted from the last
    now[0] += timedelta(minutes=15)
    assert log.delay("user:amal", free=3, longest=longest) == 0  # the failures aged out
    log.record("user:amal")
    log.forget("user:amal")
    assert log.count("user:amal") == 0


def test_password_change_signs_out_other_sessions(
    app: Flask, teacher_client: FlaskClient, teacher: UserInfo
) -> None:
    laptop = app.test_client()
    login(laptop, teacher)
    assert laptop.get("/classes").status_code == 200
    post_form(
        teacher_client,
        "/account/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    page = teacher_client.get("/classes").get_data(as_text=True)
    assert "Other devices signed in as you are signed out." in page  # this one stays in
    assert laptop.get("/classes").location == "/signin?next=/classes"


def test_simultaneous_setups_leave_one_first_teacher(app: Flask, monkeypatch) -> None:
    """A set-up that passed the 'no accounts yet' check while another finished backs off."""
    from learn.accounts import service

    with app.app_context():
        service.create_first_teacher("first", PASSWORD, PASSWORD)
        monkeypatch.setattr(service, "any_user_exists", lambda: False)  # raced past the check
        with pytest.raises(service.AlreadySetUp):
            service.create_first_teacher("second", PASSWORD, PASSWORD)
    assert users_in(app) == [("first", "teacher")]


def test_cli_sets_a_forgotten_password_and_lists_users(
    app: Flask, teacher: UserInfo, student: UserInfo, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    done = runner.invoke(
        args=["users", "set-password", teacher.username.upper()],
        input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n",
    )
    assert done.exit_code == 0, done.output
    assert f"Changed the password of “{teacher.username}”." in done.output
    with app.app_context():
        assert authenticate(teacher.username, NEW_PASSWORD) is not None
        assert authenticate(teacher.username, PASSWORD) is None

    short = tmp_path / "short.txt"
    short.write_text("tiny\n")
    refused = runner.invoke(
        args=["users", "set-password", "--password-file", str(short), student.username]
    )
    assert refused.exit_code != 0
    assert "Use a password of at least 10 characters." in refused.output
    unknown = runner.invoke(args=["users", "set-password", "nobody"])
    assert unknown.exit_code != 0 and "No account is called “nobody”." in unknown.output

    listing = runner.invoke(args=["users", "list"]).output.splitlines()
    assert listing == [f"{teacher.username}\tteacher\t", f"{student.username}\tstudent\t"]


# --- API tokens page -------------------------------------------------------------------


def test_tokens_page_creates_shows_once_and_revokes(
    app: Flask, student_client: FlaskClient, student: UserInfo
) -> None:
    empty = student_client.get("/account/tokens").get_data(as_text=True)
    assert "No tokens yet — create one below" in empty
    assert '<a href="/account/tokens">API tokens</a>' in empty  # in the account menu

    created = post_form(student_client, "/account/tokens", {"name": "flashcards script"})
    html = created.get_data(as_text=True)
    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    secret = re.search(r'<code class="token-secret" id="new-token">([^<]+)</code>', html)
    assert secret and secret.group(1).startswith("sahifa_")
    assert '<h3 class="card-title">flashcards script</h3>' in html
    assert "never used" in html

    api = app.test_client()
    headers = {"Authorization": f"Bearer {secret.group(1)}"}
    assert api.get("/api/v1/me", headers=headers).json["username"] == student.username

    listing = student_client.get("/account/tokens").get_data(as_text=True)
    assert secret.group(1) not in listing  # never shown again
    token_id = re.search(r'action="/account/tokens/(\d+)/revoke"', listing)
    assert token_id
    revoked = post_form(
        student_client, "/account/tokens", {}, url=f"/account/tokens/{token_id.group(1)}/revoke"
    )
    after = student_client.get(revoked.location).get_data(as_text=True)
    assert "The token is revoked" in after and "No tokens yet" in after
    assert api.get("/api/v1/me", headers=headers).status_code == 401


def test_one_cannot_revoke_another_users_token_from_the_page(
    app: Flask, student_client: FlaskClient, teacher: UserInfo, api_token: Callable
) -> None:
    secret = api_token(teacher)
    with app.app_context():
        from learn.models import ApiToken

        token_id = db.session.scalar(select(ApiToken.id))
    post_form(student_client, "/account/tokens", {}, url=f"/account/tokens/{token_id}/revoke")
    headers = {"Authorization": f"Bearer {secret}"}
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 200


def test_tokens_page_needs_sign_in(client: FlaskClient, teacher: UserInfo) -> None:
    assert client.get("/account/tokens").location == "/signin?next=/account/tokens"


def test_pages_show_the_display_name_else_the_username() -> None:
    from learn.models import User

    assert User(username="huda", display_name="Huda Saleh").name == "Huda Saleh"
    assert User(username="huda", display_name="").name == "huda"
