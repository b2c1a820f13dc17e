"""Fixtures shared by the whole suite.

Database-backed tests run twice: on SQLite (a temporary file) and on the PostgreSQL
server (a fresh database created for this test run and dropped at its end). Without a
reachable PostgreSQL server, the PostgreSQL half is skipped with a line saying why.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from learn import create_app

POSTGRES_ADMIN_URL = os.environ.get(
    "SAHIFA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_SECRET_KEY = "test-secret-key-not-for-production"
# The analysis engine builds its morphology database once into this folder (git-ignored) and
# reuses it while its inputs are unchanged, so repeated test runs do not rebuild it.
NLP_TEST_DATA_DIR = Path(__file__).resolve().parent.parent / ".cache" / "test-nlp"


def _postgres_unavailable_reason() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure means: skip the PostgreSQL half, say why
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    reason = _postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    name = f"sahifa_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database each DB-backed test runs on, migrated to the newest schema once."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_database_url")
    migrate_to_head(url, tmp_path_factory.mktemp("migrate-instance"))
    return url


def migrate_to_head(url: str, instance_path: Path) -> None:
    from flask_migrate import upgrade

    app = create_app(_test_config(url), instance_path=str(instance_path))
    with app.app_context():
        upgrade()


def _test_config(url: str, **extra: object) -> dict[str, object]:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "SAHIFA_DATA_DIR": str(NLP_TEST_DATA_DIR),
        # Argon2id costs ~25 ms per hash by design; hundreds of test accounts need a cheap
        # KDF. tests/web/test_foundation.py checks that the app itself uses Argon2id.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        **extra,
    }


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on a migrated database that every test leaves empty again."""
    app = create_app(_test_config(database_url), instance_path=str(tmp_path / "instance"))
    yield app
    _empty_all_tables(app)


def _empty_all_tables(app: Flask) -> None:
    from learn.extensions import db

    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token_from(html: str) -> str:
    """The CSRF token the base layout puts in its <meta> tag."""
    match = CSRF_META.search(html)
    assert match, "page has no CSRF meta tag"
    return match.group(1)
