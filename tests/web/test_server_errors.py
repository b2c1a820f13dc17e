"""An unexpected failure answers with a page in the site's layout (JSON under /api/v1),
and the request's unfinished writes are rolled back."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Article
from tests.web.conftest import UserInfo


def add_failing_routes(app: Flask) -> None:
    def fail_after_a_write() -> str:
        db.session.add(Article(title="half", text="نص", text_sha256="0" * 64))
        db.session.flush()
        raise RuntimeError("boom")

    app.add_url_rule("/test-only/fail", view_func=fail_after_a_write)
    app.add_url_rule("/api/v1/test-only/fail", "api_fail", view_func=fail_after_a_write)
    app.testing = False  # let the error handlers answer instead of re-raising


def test_a_crash_shows_a_page_with_a_way_on_and_saves_nothing(
    app: Flask, teacher: UserInfo
) -> None:
    add_failing_routes(app)
    response = app.test_client().get("/test-only/fail")
    html = response.get_data(as_text=True)

    assert response.status_code == 500
    assert "Something went wrong" in html
    assert 'href="/"' in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Article)) == 0


def test_a_crash_under_the_api_is_json(app: Flask, teacher: UserInfo) -> None:
    add_failing_routes(app)
    response = app.test_client().get("/api/v1/test-only/fail")

    assert response.status_code == 500
    assert response.json == {
        "error": {
            "status": 500,
            "message": "Something went wrong on the server; the error is logged.",
        }
    }
