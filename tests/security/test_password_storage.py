"""How passwords are stored (docs/security.md, "Password storage"): Argon2id with OWASP's
minimum, and accounts made under the earlier scrypt hash keep signing in, their hash
replaced by an Argon2id one at the first sign-in, without ending their sessions."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from learn.accounts import service
from learn.accounts.hash_threads import HASH_THREADS, NICENESS, THREAD_NAME
from learn.accounts.service import PASSWORD_METHOD, password_matches
from learn.extensions import db
from learn.models import User
from tests.conftest import csrf_token_from
from tests.web.conftest import PASSWORD, UserInfo

ARGON2ID_OWASP_MINIMUM = "$argon2id$v=19$m=19456,t=2,p=1$"


def stored_hash(app: Flask, user_id: int) -> tuple[str, int]:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.id == user_id)).one()
        return user.password_hash, user.session_epoch


def give_scrypt_hash(app: Flask, user_id: int) -> str:
    """The hash an account made before Argon2id has (werkzeug's scrypt default)."""
    old = generate_password_hash(PASSWORD, method="scrypt")
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        user.password_hash = old
        db.session.commit()
    return old


def sign_in(app: Flask, username: str, password: str) -> int:
    client = app.test_client()
    token = csrf_token_from(client.get("/signin").get_data(as_text=True))
    form = {"csrf_token": token, "username": username, "password": password}
    return client.post("/signin", data=form).status_code


def test_an_scrypt_account_signs_in_and_is_moved_to_argon2id(app: Flask, student: UserInfo) -> None:
    app.config["PASSWORD_HASH_METHOD"] = PASSWORD_METHOD  # as in production
    old = give_scrypt_hash(app, student.id)
    _, epoch = stored_hash(app, student.id)
    assert sign_in(app, student.username, PASSWORD) == 302
    new, epoch_after = stored_hash(app, student.id)
    assert new != old and new.startswith(ARGON2ID_OWASP_MINIMUM)
    assert epoch_after == epoch  # the same password: nobody's session ends
    assert password_matches(new, PASSWORD) and not password_matches(new, PASSWORD + "!")
    assert sign_in(app, student.username, PASSWORD) == 302
    assert stored_hash(app, student.id)[0] == new  # current already: not hashed again


def test_a_wrong_password_leaves_the_old_hash_alone(app: Flask, student: UserInfo) -> None:
    app.config["PASSWORD_HASH_METHOD"] = PASSWORD_METHOD
    old = give_scrypt_hash(app, student.id)
    assert sign_in(app, student.username, "not the password at all") == 401
    assert stored_hash(app, student.id)[0] == old


def test_a_damaged_hash_matches_nothing() -> None:
    assert not password_matches("$argon2id$v=19$m=19456,t=2,p=1$garbage", PASSWORD)
    assert not password_matches("$argon2id$", "")


def test_hashes_are_worked_out_on_their_own_threads_below_the_pages_priority() -> None:
    """learn/accounts/hash_threads.py: the pages of a class signing in are served first."""

    def where_am_i() -> tuple[str, int | None]:
        niceness = None
        if sys.platform.startswith("linux"):
            niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return threading.current_thread().name, niceness

    name, niceness = HASH_THREADS.run(where_am_i)
    assert name.startswith(THREAD_NAME) and name != threading.current_thread().name
    if sys.platform.startswith("linux"):
        assert niceness == NICENESS
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < NICENESS
    assert password_matches(generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"), PASSWORD)
    with pytest.raises(ZeroDivisionError):  # its exception comes back to the caller
        HASH_THREADS.run(divmod, 1, 0)


def test_no_database_connection_is_held_while_a_password_is_checked(
    app: Flask, student: UserInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def checking(stored: str, password: str) -> bool:
        seen.append(db.session().in_transaction())
        return real_check(stored, password)

    real_check = service.password_matches
    monkeypatch.setattr(service, "password_matches", checking)
    assert sign_in(app, student.username, PASSWORD) == 302
    assert sign_in(app, student.username, "not the password at all") == 401
    assert sign_in(app, "nobody-of-that-name", PASSWORD) == 401
    assert seen == [False, False, False]
