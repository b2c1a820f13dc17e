"""`flask start` (what `make run` runs) migrates, imports the seeds once, then serves."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from learn import create_app
from learn.extensions import db
from learn.models import Article
from tests.conftest import NLP_TEST_DATA_DIR, TEST_SECRET_KEY


@pytest.fixture
def fresh_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
            "SECRET_KEY": TEST_SECRET_KEY,
            "SAHIFA_DATA_DIR": str(NLP_TEST_DATA_DIR),
        },
        instance_path=str(tmp_path / "instance"),
    )
    served: list[tuple[str, int]] = []
    # Serving would block the test: record where it would serve instead.
    monkeypatch.setattr(
        "learn.cli.start.run_simple",
        lambda host, port, app, **_: served.append((host, port, type(app) is Flask)),
    )
    app.config["served"] = served
    return app


def test_start_migrates_imports_seeds_once_and_serves(fresh_app: Flask) -> None:
    runner = fresh_app.test_cli_runner()

    first = runner.invoke(args=["start", "--port", "5123"])
    second = runner.invoke(args=["start", "--port", "5123"])

    assert first.exit_code == 0, first.output
    assert "imported seed article 1:" in first.output
    assert "Sahifa is serving on http://127.0.0.1:5123" in first.output
    assert "imported seed article" not in second.output
    # The server gets the app itself, not the context-bound proxy (which fails off-context).
    assert fresh_app.config["served"] == [("127.0.0.1", 5123, True), ("127.0.0.1", 5123, True)]
    with fresh_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Article)) == 1
        article = db.session.scalar(select(Article))
        assert article is not None and article.analysed_at is not None and article.tokens
