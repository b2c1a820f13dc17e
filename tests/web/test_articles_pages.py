"""The import form, the article list and the home page, and who may use them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learn.articles.service import import_seeds
from learn.extensions import db
from learn.models import Article
from tests.conftest import csrf_token_from
from tests.web.conftest import UserInfo
from tests.web.test_articles_import import SHORT_TEXT, first_sense, row_counts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXT = (SEEDS / "russia-iran-treaty.ar.txt").read_text(encoding="utf-8")


def import_form(client: FlaskClient) -> str:
    page = client.get("/articles/new")
    assert page.status_code == 200
    return csrf_token_from(page.get_data(as_text=True))


def post_import(client: FlaskClient, **fields: object) -> tuple[int, str, str]:
    data = {"csrf_token": import_form(client), "title": "", "source": "", "published": ""}
    data.update(fields)  # type: ignore[arg-type]
    response = client.post("/articles/new", data=data, content_type="multipart/form-data")
    return (
        response.status_code,
        response.headers.get("Location", ""),
        response.get_data(as_text=True),
    )


def post_confirm(client: FlaskClient, confirm_page: str, **fields: str) -> tuple[int, str, str]:
    """The confirm page's form sent with ``fields`` (the fields the page shows)."""
    assert 'action="/articles/new/confirm"' in confirm_page
    data = {"csrf_token": csrf_token_from(confirm_page), "source": "", "published": ""}
    data.update(fields)
    response = client.post("/articles/new/confirm", data=data)
    return (
        response.status_code,
        response.headers.get("Location", ""),
        response.get_data(as_text=True),
    )


def counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return row_counts()


def test_teacher_imports_pasted_article_and_lands_on_the_reading_view(
    app: Flask, teacher_client: FlaskClient, teacher: UserInfo
) -> None:
    status, location, _ = post_import(
        teacher_client,
        title="لقاء في القاهرة",
        source="Test desk",
        published="2025-02-02",
        text=SHORT_TEXT.replace("\n", "\r\n"),
    )
    assert status == 302
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert article is not None
        assert location.endswith(f"/articles/{article.id}")
        assert article.created_by_id == teacher.id
        assert article.text == SHORT_TEXT  # CRLF from the browser normalised
        assert article.published.isoformat() == "2025-02-02"
        assert len(article.questions) > 0
    page = teacher_client.get(location).get_data(as_text=True)
    assert "questions await review" in page  # the flash message
    assert "لقاء في القاهرة" in page


def test_teacher_uploads_the_seed_as_a_utf8_file_and_confirms_its_text(
    app: Flask, teacher_client: FlaskClient
) -> None:
    upload = (io.BytesIO(b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8")), "treaty.txt")
    status, _, html = post_import(teacher_client, title="معاهدة", file=upload)
    assert status == 200  # the confirm page: nothing stored yet
    assert "Check the article's text" in html
    assert 'read from the text file <strong dir="auto">treaty.txt</strong>' in html
    assert counts(app)["articles"] == 0
    status, location, _ = post_confirm(teacher_client, html, title="معاهدة", text=SEED_TEXT)
    assert status == 302
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert article is not None
        assert location.endswith(f"/articles/{article.id}")
        assert article.text == SEED_TEXT.strip()  # byte-order mark dropped
        assert any(t.surface == "وقع" and first_sense(t.gloss) == "sign" for t in article.tokens)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "عنوان", "text": ""}, "The article text is empty."),
        ({"title": "عنوان", "text": "Only English here."}, "contains no Arabic letters"),
        ({"title": "", "text": SHORT_TEXT}, "Give the article a title."),
        ({"title": "عنوان", "text": "نص", "published": "yesterday"}, "not a date like 2025-01-17"),
        (
            {"title": "عنوان", "file": ("خبر".encode("cp1256"), "a.txt")},
            "not UTF-8 text",
        ),
        (
            {"title": "عنوان", "file": (b"GIF89a\x00\x01\x00", "a.txt")},
            "not plain text",
        ),
        (
            {"title": "عنوان", "file": (b"\x89PNG\r\n", "photo.png")},
            "“photo.png” is none of these",
        ),
        (
            {"title": "عنوان", "text": "خبر", "file": ("خبر".encode(), "a.txt")},
            "not both",
        ),
        (
            {"title": "عنوان", "text": "خبر " * 40},
            "The limit (MAX_ARTICLE_BYTES) is 100 bytes",
        ),
        (
            {"title": "عنوان", "file": (("خبر " * 40).encode(), "a.txt")},
            "The limit (MAX_ARTICLE_BYTES) is 100 bytes",
        ),
    ],
    ids=[
        "empty",
        "english",
        "no-title",
        "bad-date",
        "cp1256",
        "binary",
        "not-txt",
        "both",
        "oversized-text",
        "oversized-file",
    ],
)
def test_bad_input_shows_its_message_keeps_the_input_and_stores_nothing(
    app: Flask, teacher_client: FlaskClient, fields: dict[str, object], message: str
) -> None:
    app.config["MAX_ARTICLE_BYTES"] = 100
    if "file" in fields:  # a fresh stream per run: the test runs once per database
        content, name = fields["file"]  # type: ignore[misc]
        fields = {**fields, "file": (io.BytesIO(content), name)}
    before = counts(app)
    status, _, html = post_import(teacher_client, source="Kept source", **fields)
    assert status == 422
    assert message in html.replace("&#39;", "'")
    assert 'value="Kept source"' in html  # the form keeps what was typed
    assert 'aria-invalid="true"' in html
    assert "100 bytes of UTF-8 text" in html  # the limit is stated in the form's hint
    assert counts(app) == before


def test_duplicate_import_links_to_the_existing_article(
    app: Flask, teacher_client: FlaskClient
) -> None:
    with app.app_context():
        (seed,) = import_seeds(SEEDS)
        seed_id = seed.id
    before = counts(app)
    status, _, html = post_import(teacher_client, title="نسخة", text=SEED_TEXT)
    assert status == 409
    assert f"already been imported as article {seed_id}" in html
    assert f'href="/articles/{seed_id}"' in html
    assert counts(app) == before


def test_students_cannot_import(app: Flask, student_client: FlaskClient) -> None:
    assert student_client.get("/articles/new").status_code == 403
    token = csrf_token_from(student_client.get("/articles").get_data(as_text=True))
    response = student_client.post(
        "/articles/new", data={"csrf_token": token, "title": "x", "text": SHORT_TEXT}
    )
    assert response.status_code == 403
    assert counts(app)["articles"] == 0


def test_anonymous_visitors_are_sent_to_sign_in(app: Flask, teacher: UserInfo) -> None:
    client = app.test_client()
    for path in ("/articles", "/articles/new", "/articles/1", "/articles/1/words/0"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/signin" in response.headers["Location"], path


def test_article_list_and_home_show_the_articles(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    with app.app_context():
        (seed,) = import_seeds(SEEDS)
        seed_id = seed.id
    for client in (teacher_client, student_client):
        for path in ("/", "/articles"):
            html = client.get(path).get_data(as_text=True)
            assert f'href="/articles/{seed_id}"' in html, path
            assert "روسيا وإيران توقعان معاهدة" in html
    assert "Import an article" in teacher_client.get("/articles").get_data(as_text=True)
    assert "Import an article" not in student_client.get("/articles").get_data(as_text=True)
    anonymous = app.test_client().get("/").get_data(as_text=True)
    assert "Sign in to read" in anonymous


def test_empty_import_form_names_each_missing_field(
    app: Flask, teacher_client: FlaskClient
) -> None:
    status, _, html = post_import(teacher_client, title=" ", text="", published="soon")
    assert status == 422
    assert "Please correct the problems below." in html
    assert '<p class="field-error" id="title-error">Give the article a title.</p>' in html
    assert '<p class="field-error" id="text-error">The article text is empty.</p>' in html
    assert '<p class="field-error" id="published-error">' in html
    assert html.count('aria-invalid="true"') == 3
    assert counts(app)["articles"] == 0
