"""Someone else's failed guesses never lock an owner out (issue 13, item 4; OWASP's device
cookies): a browser that signed in as an account before signs in whatever others did, for
the account or from the same school address; elsewhere guesses meet growing delays, per
account and per address, generous enough for a class behind one address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from learn.accounts.devices import COOKIE_NAME
from learn.accounts.throttle import FREE_ADDRESS_FAILURES, MAX_DEVICE_FAILURES
from tests.web.conftest import UserInfo, freeze_sign_in_clock, login

SCHOOL = {"REMOTE_ADDR": "203.0.113.7"}


def sign_in(client: FlaskClient, username: str, password: str) -> int:
    response = client.post(
        "/signin", data={"username": username, "password": password}, environ_base=SCHOOL
    )
    return response.status_code


def known_browser(app: Flask, user: UserInfo) -> FlaskClient:
    """A browser the owner signed in from before (and signed out of)."""
    browser = app.test_client()
    assert sign_in(browser, user.username, user.password) == 302
    assert browser.get_cookie(COOKIE_NAME, path="/signin") is not None
    browser.post("/signout")
    return browser


def test_others_failures_for_the_account_never_lock_out_a_known_browser(
    app: Flask, teacher: UserInfo
) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    freeze_sign_in_clock(app)
    owner = known_browser(app, teacher)
    attacker = app.test_client()
    statuses = [sign_in(attacker, teacher.username, f"guess {n}") for n in range(30)]
    assert statuses[:5] == [401] * 5 and 429 in statuses  # the attacker is slowed down
    assert sign_in(attacker, teacher.username, teacher.password) == 429  # not even checked
    assert sign_in(owner, teacher.username, teacher.password) == 302  # the owner is not


def test_a_class_behind_one_address_is_not_locked_out_by_one_guesser(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions["sahifa_limiter"].enabled = False
    freeze_sign_in_clock(app)
    pupils = [make_user("student") for _ in range(3)]
    browsers = [known_browser(app, pupil) for pupil in pupils]
    guesser = app.test_client()
    for number in range(FREE_ADDRESS_FAILURES + 20):  # spraying many usernames
        sign_in(guesser, f"nobody{number}", "guess")
    assert sign_in(guesser, pupils[0].username, pupils[0].password) == 429
    # Every pupil on their own browser still signs in from the same address.
    for browser, pupil in zip(browsers, pupils, strict=True):
        assert sign_in(browser, pupil.username, pupil.password) == 302


def test_a_known_browser_that_guesses_loses_its_trust(app: Flask, teacher: UserInfo) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    now = freeze_sign_in_clock(app)
    browser = known_browser(app, teacher)
    for _ in range(MAX_DEVICE_FAILURES):
        assert sign_in(browser, teacher.username, "wrong guess") == 401
    # Its own failures count against the cookie: now it is a browser like any other, and
    # the account's failures (none from elsewhere) decide: it may still try.
    assert sign_in(browser, teacher.username, "wrong again") == 401
    for _ in range(5):
        sign_in(browser, teacher.username, "and again")
    assert sign_in(browser, teacher.username, teacher.password) == 429
    now[0] += timedelta(minutes=16)  # the window moves on
    assert sign_in(browser, teacher.username, teacher.password) == 302


def test_delays_grow_then_pass(app: Flask, teacher: UserInfo) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    now = freeze_sign_in_clock(app)
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, teacher.username, "guess") == 401
    waits = []
    for _ in range(4):
        refused = client.post(
            "/signin",
            data={"username": teacher.username, "password": "guess"},
            environ_base=SCHOOL,
        )
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        waits.append(wait)
        now[0] += timedelta(seconds=wait)
        assert sign_in(client, teacher.username, "guess") == 401  # allowed again, and wrong
    assert waits == [1, 2, 4, 8]
    now[0] += timedelta(seconds=16)
    assert sign_in(client, teacher.username, teacher.password) == 302


def test_a_forged_or_foreign_device_cookie_is_not_trusted(
    app: Flask, teacher: UserInfo, student: UserInfo
) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    freeze_sign_in_clock(app)
    student_browser = known_browser(app, student)  # a device cookie, for the student only
    cookie = student_browser.get_cookie(COOKIE_NAME, path="/signin")
    assert cookie is not None
    for _ in range(6):
        sign_in(app.test_client(), teacher.username, "guess")
    assert sign_in(student_browser, teacher.username, teacher.password) == 429
    forged = app.test_client()
    forged.set_cookie(COOKIE_NAME, cookie.value[:-3] + "abc", path="/signin")
    assert sign_in(forged, teacher.username, teacher.password) == 429


def test_the_device_cookie_is_httponly_and_scoped_to_sign_in(
    app: Flask, client: FlaskClient, teacher: UserInfo
) -> None:
    response = login(client, teacher)
    header = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith(COOKIE_NAME)
    )
    assert "HttpOnly" in header and "Path=/signin" in header and "SameSite=Lax" in header
    assert teacher.username not in header and teacher.password not in header


def test_a_class_with_three_typos_each_signs_in_from_new_browsers(
    app: Flask, make_user: Callable[..., UserInfo]
) -> None:
    """30 pupils behind the school's address, each mistyping three times on a browser that
    never signed in before, then typing it right: nobody waits."""
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions["sahifa_limiter"].enabled = False  # the limiter's budget: its own test
    freeze_sign_in_clock(app)
    pupils = [make_user("student") for _ in range(30)]
    for pupil in pupils:
        browser = app.test_client()
        for typo in range(3):
            assert sign_in(browser, pupil.username, f"typo {typo}") == 401
    for pupil in pupils:
        assert sign_in(app.test_client(), pupil.username, pupil.password) == 302, pupil


def test_a_known_browser_is_not_braked_by_its_addresss_sign_in_limit(
    database_url: str, tmp_path: Path, teacher: UserInfo
) -> None:
    from learn import create_app
    from tests.conftest import _test_config

    config = _test_config(database_url, WTF_CSRF_ENABLED=False, SAHIFA_LIMIT_SIGN_IN="3 per minute")
    app = create_app(config, instance_path=str(tmp_path / "limited"))
    freeze_sign_in_clock(app)
    owner = known_browser(app, teacher)  # one of the address's 3 sign-ins this minute
    guesser = app.test_client()
    statuses = [sign_in(guesser, f"nobody{number}", "guess") for number in range(3)]
    assert statuses[-1] == 429  # the address has used up its budget
    assert sign_in(app.test_client(), teacher.username, teacher.password) == 429
    assert sign_in(owner, teacher.username, teacher.password) == 302
