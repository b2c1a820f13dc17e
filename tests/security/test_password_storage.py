"""How passwords are stored (docs/security.md, "Password storage"): Argon2id with OWASP's
minimum, and accounts made under the earlier scrypt hash keep signing in, their hash
replaced by an Argon2id one at the first sign-in, without ending their sessions."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select
from werkzeug.security import generate_password_hash

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
