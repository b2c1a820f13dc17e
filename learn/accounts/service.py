"""Creating accounts, checking passwords, changing them.

Only this module hashes or compares passwords. Validation problems are reported as
`AccountError`s that name the form field they belong to, so a page can show the message
next to the right input and an API can return it as a 422.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import exists, func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from learn.accounts.hash_threads import HASH_THREADS
from learn.errors import FieldError
from learn.extensions import db
from learn.models import ROLES, User

MIN_PASSWORD_LENGTH = 10
# zxcvbn's score: 3 means about 10^8 guesses or more ("safely unguessable" for an online
# attacker who meets the sign-in delays); 0–2 are common passwords, keyboard walks,
# repeats, dates, names and dictionary words with digits, found in far fewer.
MIN_PASSWORD_SCORE = 3
SITE_WORDS = ("sahifa", "صحيفة")
ZXCVBN_MAX_LENGTH = 72
GUESSABLE_REASON = (
    "it is made of common words, names, dates or patterns that guessing tools try first"
)
GUESSABLE_HINT = "A few unrelated words, or a longer phrase, make a good password."
# Long enough for passphrases; bounded so a huge body cannot make the KDF burn CPU.
MAX_PASSWORD_LENGTH = 200
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,31}")
USERNAME_RULE = (
    "3–32 characters: letters, digits, dot, dash or underscore, starting with a letter or digit"
)
# Argon2id with OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2 passes,
# 1 lane; RFC 9106's algorithm of choice). About 25 ms of CPU per sign-in on this project's
# 2-core machine, where werkzeug's scrypt (N=2**15, r=8, p=1: a quarter of OWASP's scrypt
# minimum) took 86 ms: docs/security.md ("Password storage") and docs/benchmarks.md.
PASSWORD_METHOD = "argon2id"
ARGON2 = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """A valid hash of a random password: signing in as an unknown user still runs the KDF
    once, so response time does not reveal which usernames exist. Computed on first use,
    not at import, since the KDF is slow by design."""
    return production_password_hash("not-a-real-password-0123456789")


class AccountError(FieldError):
    """Bad account input (422); `field` is the form field the message belongs to."""


def username_key(username: str) -> str:
    return username.strip().lower()


def validate_username(username: str) -> str:
    username = username.strip()
    if not USERNAME_PATTERN.fullmatch(username):
        raise AccountError("username", f"Choose a username of {USERNAME_RULE}.")
    return username


def validate_new_password(
    password: str, confirm: str | None = None, user: User | None = None, context: Sequence[str] = ()
) -> str:
    """Check a new password; `confirm` is checked too when given (forms, CLI prompt).

    Besides its length, a password must not be guessable (NIST SP 800-63B §3.1.1.2: no
    common, repetitive or sequential passwords, none made of the account's own words):
    zxcvbn estimates how many guesses it would take, with the username, display name and the
    site's name as words a guesser would try first (`user`'s, or `context` for a new one).
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "password", f"Use a password of at least {MIN_PASSWORD_LENGTH} characters."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(
            "password", f"Use a password of at most {MAX_PASSWORD_LENGTH} characters."
        )
    words = [*context, *((user.username, user.display_name) if user is not None else ())]
    refuse_guessable(password, words)
    if confirm is not None and confirm != password:
        raise AccountError("confirm", "The two passwords do not match.")
    return password


def refuse_guessable(password: str, words: Sequence[str]) -> None:
    # zxcvbn refuses more than 72 characters (its time grows with the length): the first 72
    # decide, which is no loss, since a password guessable in its first 72 stays guessable.
    estimate = zxcvbn(
        password[:ZXCVBN_MAX_LENGTH], user_inputs=[*SITE_WORDS, *(w for w in words if w)]
    )
    if estimate["score"] >= MIN_PASSWORD_SCORE:
        return
    feedback = estimate["feedback"]
    why = feedback.get("warning") or GUESSABLE_REASON
    hints = " ".join(feedback.get("suggestions") or []) or GUESSABLE_HINT
    raise AccountError(
        "password", f"This password is too easy to guess: {why.rstrip('.')}. {hints}".strip()
    )


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("role", f"Role must be one of: {', '.join(ROLES)}.")
    return role


def _configured_method() -> str:
    # The app may name a cheaper werkzeug method (the test suite does, to stay fast); never
    # set from the environment, so production always uses PASSWORD_METHOD.
    return str(current_app.config.get("PASSWORD_HASH_METHOD", PASSWORD_METHOD))


def hash_password(password: str) -> str:
    method = _configured_method()
    if method == PASSWORD_METHOD:
        return production_password_hash(password)
    return HASH_THREADS.run(generate_password_hash, password, method)


def production_password_hash(password: str) -> str:
    """The hash a real account gets, whatever the app's configuration."""
    return HASH_THREADS.run(ARGON2.hash, password)


def password_matches(stored: str, password: str) -> bool:
    """Check a password against its stored hash: Argon2id, or the werkzeug scrypt/PBKDF2
    hashes of accounts made before (they are re-hashed at their next sign-in). On a hashing
    thread, below the pages' priority (learn/accounts/hash_threads.py)."""
    return HASH_THREADS.run(_password_matches, stored, password)


def _password_matches(stored: str, password: str) -> bool:
    if stored.startswith("$argon2"):
        try:
            return ARGON2.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    return check_password_hash(stored, password)


def _hash_is_outdated(stored: str) -> bool:
    if _configured_method() != PASSWORD_METHOD:
        return False  # a cheap test KDF is what the app asked for
    return not stored.startswith("$argon2id$") or ARGON2.check_needs_rehash(stored)


def any_user_exists() -> bool:
    return bool(db.session.scalar(select(exists().where(User.id.is_not(None)))))


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(username)))


def create_user(
    username: str,
    password: str,
    role: str,
    *,
    confirm: str | None = None,
    display_name: str = "",
) -> User:
    """Validate and store a new account; a taken username (even concurrently) is an error."""
    username = validate_username(username)
    validate_role(role)
    validate_new_password(password, confirm, context=(username, display_name))
    if find_user(username) is not None:
        raise AccountError("username", f"The username “{username}” is already taken.")
    user = User(
        username=username,
        username_key=username_key(username),
        display_name=display_name.strip()[:120],
        password_hash=hash_password(password),
        role=role,
    )
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request created the same username between our check and our insert.
        db.session.rollback()
        raise AccountError("username", f"The username “{username}” is already taken.") from None
    return user


class AlreadySetUp(Exception):
    """The first account exists already (perhaps created a moment ago by someone else)."""


def create_first_teacher(
    username: str, password: str, confirm: str, display_name: str = ""
) -> User:
    """The first account of a fresh install; refuses once any account exists.

    Two set-up forms sent at the same moment both pass the first check; whoever then sees
    another account backs off and deletes their own. At worst both back off and the set-up
    page simply shows again: never two first teachers.
    """
    if any_user_exists():
        raise AlreadySetUp
    user = create_user(username, password, "teacher", confirm=confirm, display_name=display_name)
    if db.session.scalar(select(exists().where(User.id != user.id))):
        db.session.delete(user)
        db.session.commit()
        raise AlreadySetUp
    return user


def authenticate(username: str, password: str) -> User | None:
    """The user with these credentials, or None; never says which of the two was wrong."""
    user = find_user(username) if len(password) <= MAX_PASSWORD_LENGTH else None
    # The check takes tens of milliseconds by design (more while a class signs in): the
    # database connection goes back to the pool meanwhile, for the pages of those already
    # signed in, instead of idling in a transaction. The user's loaded row stays readable.
    db.session.close()
    if user is None:
        password_matches(_dummy_hash(), password[:MAX_PASSWORD_LENGTH])
        return None
    if not password_matches(user.password_hash, password):
        return None
    db.session.add(user)  # back into this request's session, without a query
    if _hash_is_outdated(user.password_hash):
        # The same password under the current KDF: no session ends, nothing else changes.
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def end_sessions(user: User) -> None:
    """Every browser session of `user` made so far stops working (auth.load_current_user).

    One UPDATE adding 1 in the database, so two sign-outs at once both count."""
    db.session.execute(
        update(User).where(User.id == user.id).values(session_epoch=User.session_epoch + 1)
    )
    db.session.commit()
    db.session.refresh(user)


def _store_password(user: User, new: str) -> None:
    """The one place a password changes: the new hash, and every session ends."""
    user.password_hash = hash_password(new)
    db.session.commit()
    end_sessions(user)


def change_password(user: User, current: str, new: str, confirm: str) -> None:
    if not password_matches(user.password_hash, current[:MAX_PASSWORD_LENGTH]):
        raise AccountError("current_password", "Your current password is not correct.")
    validate_new_password(new, confirm, user)
    _store_password(user, new)


def set_password(user: User, new: str, confirm: str | None = None) -> None:
    """An administrator's or a teacher's reset: no current password needed."""
    validate_new_password(new, confirm, user)
    _store_password(user, new)


# Easy to read out and type: no 0/O, 1/l/I.
TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def reset_to_temporary_password(user: User) -> str:
    """A random readable password (≈59 bits) replaces the old one; shown once to whoever
    reset it. The user's browser sessions end, as with any password change."""
    groups = (
        "".join(secrets.choice(TEMPORARY_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3)
    )
    password = "-".join(groups)
    set_password(user, password)
    return password


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role.desc(), User.username_key)))


def count_users(role: str | None = None) -> int:
    query = select(func.count()).select_from(User)
    if role is not None:
        query = query.where(User.role == role)
    return db.session.scalar(query) or 0
