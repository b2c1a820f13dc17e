"""The app factory, configuration, seeds, home page and health check."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from learn import create_app
from learn.articles.service import import_seeds, list_seeds
from learn.config import ConfigError, load_config
from learn.extensions import db
from learn.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def count_articles() -> int:
    return db.session.scalar(select(func.count()).select_from(Article)) or 0


def test_seed_import_is_idempotent(app: Flask) -> None:
    with app.app_context():
        first = import_seeds(SEEDS)
        second = import_seeds(SEEDS)
        assert len(first) == len(list_seeds(SEEDS)) >= 1
        assert second == []
        assert count_articles() == len(first)
        article = db.session.scalar(
            select(Article).where(Article.seed_name == "russia-iran-treaty")
        )
        assert article is not None
        assert article.source == "The Associated Press"
        assert article.text.startswith("موسكو (أ ف ب)")


def test_home_lists_seed_article(app: Flask, teacher: object) -> None:
    # `teacher`: with no account at all, every page would lead to first-run setup.
    with app.app_context():
        import_seeds(SEEDS)
    page = app.test_client().get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "روسيا وإيران توقعان معاهدة" in html
    assert 'lang="ar" dir="rtl"' in html
    assert "The Associated Press" in html
    assert 'href="#main"' in html  # skip link
    assert re.search(r"/static/vendor/htmx/htmx\.min\.[0-9a-f]{12}\.js", html)  # fingerprinted


def test_home_empty_state_says_what_to_do(app: Flask, teacher: object) -> None:
    html = app.test_client().get("/").get_data(as_text=True)
    assert "No articles yet" in html


def test_healthz_reports_database_and_version(app: Flask) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "version": "0.1.0"}


def test_healthz_reports_unreachable_database(tmp_path: Path) -> None:
    broken = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"},
        instance_path=str(tmp_path / "instance"),
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_secret_key_generated_once_and_private(tmp_path: Path) -> None:
    first = load_config(str(tmp_path), environ={})["SECRET_KEY"]
    second = load_config(str(tmp_path), environ={})["SECRET_KEY"]
    assert first == second and len(first) == 64
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_default_database_is_sqlite_in_instance(tmp_path: Path) -> None:
    config = load_config(str(tmp_path), environ={})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'sahifa.sqlite3'}"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DATABASE_URL", "not a url", "DATABASE_URL"),
        ("DATABASE_URL", "mysql://root@localhost/x", "DATABASE_URL names an unsupported"),
        ("SECRET_KEY", "short", "SECRET_KEY must be at least 16"),
        ("SAHIFA_MAX_ARTICLE_BYTES", "lots", "SAHIFA_MAX_ARTICLE_BYTES must be a whole number"),
        ("SAHIFA_MAX_ARTICLE_BYTES", "-5", "SAHIFA_MAX_ARTICLE_BYTES must be positive"),
        ("SAHIFA_SEEDS_DIR", "/nonexistent/seeds", "SAHIFA_SEEDS_DIR"),
    ],
)
def test_bad_configuration_names_the_variable(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(str(tmp_path), environ={variable: value})


def test_plain_postgresql_url_uses_psycopg3(tmp_path: Path) -> None:
    config = load_config(str(tmp_path), environ={"DATABASE_URL": "postgresql://u@h/db"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_passwords_are_hashed_with_argon2id_outside_the_tests(tmp_path: Path) -> None:
    from learn.accounts.service import hash_password

    production = create_app({"SECRET_KEY": "x" * 32}, instance_path=str(tmp_path / "instance"))
    with production.app_context():
        # OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane (docs/security.md).
        stored = hash_password("correct horse battery staple")
        assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
