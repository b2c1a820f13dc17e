"""Importing an article from a file: a saved web page, a Word .docx, a PDF with a text layer.

The reading (learn/articles/extract.py) is tested alone on files built in code
(tests/web/article_files.py); the two-step form (upload → check the text → import) through the
test client on both databases, with the real analysis.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject
from sqlalchemy import select

from learn.articles.extract import extract_article, file_size_limit
from learn.articles.validation import ArticleInputError
from learn.extensions import db
from learn.models import Article
from tests.conftest import csrf_token_from
from tests.web.article_files import Line, text_pdf, web_page, word_file, zip_bomb_docx
from tests.web.test_articles_import import SHORT_TEXT
from tests.web.test_articles_pages import counts, post_confirm, post_import

LIMIT = 200_000
FIRST, SECOND = SHORT_TEXT.split("\n")
HEADLINE = "لقاء في القاهرة"


def extract(name: str, data: bytes, limit: int = LIMIT) -> tuple[str, str, str, str]:
    article = extract_article(name, data, limit)
    published = article.published.isoformat() if article.published else ""
    return article.text, article.title, article.source, published


def refused(name: str, data: bytes, limit: int = LIMIT) -> str:
    with pytest.raises(ArticleInputError) as caught:
        extract_article(name, data, limit)
    assert caught.value.field == "file"
    return str(caught.value)


# --------------------------------------------------------------------------- reading files


def test_web_page_gives_the_article_without_navigation_and_its_metadata() -> None:
    page = web_page(HEADLINE, [FIRST, SECOND], site="وكالة الأنباء", published="2025-02-02")
    text, title, source, published = extract("news.html", page)
    assert text == SHORT_TEXT  # headline, menu and footer left out
    assert (title, source, published) == (HEADLINE, "وكالة الأنباء", "2025-02-02")


def test_web_page_in_windows_1256_is_decoded_by_its_charset() -> None:
    page = web_page(HEADLINE, [FIRST, SECOND]).replace(
        b'charset="utf-8"', b'charset="windows-1256"'
    )
    page = page.decode("utf-8").encode("cp1256")
    text, title, _, published = extract("news.htm", page)
    assert text == SHORT_TEXT and title == HEADLINE and published == ""


def test_word_file_gives_its_paragraphs_and_its_heading_as_title() -> None:
    text, title, _, _ = extract("news.docx", word_file([FIRST, "", SECOND], heading=HEADLINE))
    assert text == SHORT_TEXT
    assert title == HEADLINE
    _, title, _, _ = extract("news.docx", word_file([FIRST], core_title="عنوان الملف"))
    assert title == "عنوان الملف"


def test_pdf_right_to_left_lines_come_back_in_reading_order() -> None:
    lines: list[Line] = [
        "وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني",  # a sentence over two lines
        ["اتفاقية شراكة في (موسكو) يوم الجمعة ", "17", " يناير ", "2025", "."],
        ["وتشمل التعاون مع منظمة ", "OPEC Plus", " لمدة ", "٢٠", " عاما."],
    ]
    pdf = text_pdf([lines, ["صفحة ثانية: «الطاقة» ﻻ تكفي."]], title="معاهدة الشراكة")
    text, title, _, _ = extract("treaty.pdf", pdf)
    assert text.split("\n") == [
        "وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني اتفاقية شراكة في (موسكو) يوم الجمعة "
        "17 يناير 2025.",
        "وتشمل التعاون مع منظمة OPEC Plus لمدة ٢٠ عاما.",
        "صفحة ثانية: «الطاقة» لا تكفي.",  # the lam-alef ligature is two letters again
    ]
    assert title == "معاهدة الشراكة"


def test_pdf_title_that_is_a_file_name_is_not_used() -> None:
    _, title, _, _ = extract("a.pdf", text_pdf([[FIRST]], title="Microsoft Word - news.docx"))
    assert title == ""


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", text_pdf([[], []]), "probably scanned pages"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "cannot be read; it may be damaged"),
        ("renamed.pdf", "نص عادي".encode(), "cannot be read; it may be damaged"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97–2003 .doc files"),
        ("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not a Word document (.docx)"),
        ("empty.docx", word_file([]), "contains no text"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "“photo.jpg” is none of these"),
        (
            "photos.html",
            b"<html><head><script>var a = 1;</script></head><body><img src=a.jpg></body></html>",
            "No article text was found",
        ),
        (
            "english.html",
            b"<html><head><title>News</title></head><body><article><p>Only English words "
            b"in this article.</p></article></body></html>",
            "no Arabic",
        ),
        ("english.pdf", text_pdf([["Only English words here."]]), "no Arabic"),
    ],
    ids=[
        "scanned-pdf",
        "truncated-pdf",
        "text-named-pdf",
        "doc",
        "doc-named-docx",
        "empty-docx",
        "image",
        "html-without-text",
        "html-english",
        "pdf-english",
    ],
)
def test_bad_files_are_refused_with_a_message_about_the_file(
    name: str, data: bytes, message: str
) -> None:
    assert message in refused(name, data)


def test_damaged_docx_part_is_refused() -> None:
    good = io.BytesIO(word_file([FIRST]))
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else body)
    assert "The Word file cannot be read" in refused("news.docx", damaged.getvalue())


def test_decompression_bomb_docx_is_refused_before_it_is_unpacked() -> None:
    bomb = zip_bomb_docx(100_000_000)  # 100 MB of blanks in a 100 KB file
    assert len(bomb) < file_size_limit("x.docx", LIMIT, None)  # small enough to upload
    assert "unpacks to more than 6,400,000 bytes" in refused("bomb.docx", bomb)  # 4 × 8 × limit


def rewritten_pdf(change: Callable[[PdfWriter], None]) -> bytes:
    """A text PDF passed through pypdf's writer, changed on the way."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([[FIRST]]))))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_locked_by_a_password_is_refused_and_one_locked_only_for_editing_is_read() -> None:
    locked = rewritten_pdf(lambda w: w.encrypt("secret", "owner", algorithm="RC4-128"))
    assert "protected by a password" in refused("locked.pdf", locked)
    restricted = rewritten_pdf(lambda w: w.encrypt("", "owner", algorithm="RC4-128"))
    assert extract("restricted.pdf", restricted)[0] == FIRST


def test_pdf_stream_that_decompresses_past_the_limit_is_refused() -> None:
    def bomb(writer: PdfWriter) -> None:
        blanks = DecodedStreamObject()
        blanks.set_data(b" " * 5_000_000)  # past 4 × 1 MiB, the limit for a 1,000-byte article
        writer.pages[0].replace_contents(blanks.flate_encode(level=9))

    data = rewritten_pdf(bomb)
    assert len(data) < 20_000
    assert "unpacks to more than 4,194,304 bytes" in refused("bomb.pdf", data, 1_000)


def test_text_read_from_a_file_must_fit_the_article_limit() -> None:
    many = [f"الفقرة {i}: {SECOND}" for i in range(20)]
    assert "The limit (MAX_ARTICLE_BYTES) is 1,000 bytes" in refused(
        "long.html", web_page(HEADLINE, many), 1_000
    )
    assert "The PDF's text is too large" in refused("long.pdf", text_pdf([many] * 3), 1_000)
    assert "too large" in refused("long.docx", word_file(many), 1_000)


def test_file_limits() -> None:
    assert file_size_limit("a.txt", 1_000, None) == 1_000  # a .txt is the text itself
    assert file_size_limit("a.PDF", 200_000, None) == 1_600_000
    assert file_size_limit("a.docx", 1_000, None) == 1_048_576  # room for styles and scripts
    assert file_size_limit("a.pdf", 200_000, 1_048_576) == 1_048_576 - 16_384  # fits a request


# --------------------------------------------------------------------------- the two-step form


@pytest.mark.parametrize(
    ("name", "data", "expected_title"),
    [
        ("news.html", web_page(HEADLINE, [FIRST, SECOND], published="2025-02-02"), HEADLINE),
        ("news.docx", word_file([FIRST, SECOND], heading=HEADLINE), HEADLINE),
        ("news.pdf", text_pdf([[FIRST, SECOND]], title=HEADLINE), HEADLINE),
    ],
    ids=["html", "docx", "pdf"],
)
def test_uploaded_file_is_shown_for_checking_then_imported_as_confirmed(
    app: Flask, teacher_client: FlaskClient, name: str, data: bytes, expected_title: str
) -> None:
    status, _, page = post_import(teacher_client, file=(io.BytesIO(data), name))
    assert status == 200
    assert "Check the article's text" in page and name in page
    assert f'value="{expected_title}"' in page  # the file's own title fills the field
    assert f">{SHORT_TEXT}</textarea>" in page
    if name.endswith(".html"):
        assert 'value="2025-02-02"' in page
    assert counts(app)["articles"] == 0  # nothing stored before the teacher confirms
    # The teacher corrects the text before importing: what is stored is what they confirmed.
    corrected = SHORT_TEXT.replace("يوم الأحد", "يوم الاثنين")
    status, location, _ = post_confirm(
        teacher_client, page, title=expected_title, source="Test desk", text=corrected
    )
    assert status == 302
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert article is not None and location.endswith(f"/articles/{article.id}")
        assert (article.title, article.source, article.text) == (
            expected_title,
            "Test desk",
            corrected,
        )
        assert any(t.surface == "الاثنين" for t in article.tokens)
        assert article.questions


def test_typed_title_wins_over_the_files_own(app: Flask, teacher_client: FlaskClient) -> None:
    page_file = web_page(HEADLINE, [FIRST, SECOND], site="وكالة")
    status, _, page = post_import(
        teacher_client, title="عنوان المعلم", file=(io.BytesIO(page_file), "a.html")
    )
    assert status == 200
    assert 'value="عنوان المعلم"' in page and f'value="{HEADLINE}"' not in page
    assert 'value="وكالة"' in page  # the source field was empty: the page's site name


def test_bad_file_shows_its_message_on_the_import_form_and_stores_nothing(
    app: Flask, teacher_client: FlaskClient
) -> None:
    before = counts(app)
    status, _, html = post_import(
        teacher_client, source="Kept", file=(io.BytesIO(text_pdf([[]])), "scan.pdf")
    )
    assert status == 422
    assert 'id="file-error"' in html and "probably scanned pages" in html
    assert 'value="Kept"' in html
    assert counts(app) == before


def test_confirm_step_checks_every_field_again(app: Flask, teacher_client: FlaskClient) -> None:
    _, _, page = post_import(teacher_client, file=(io.BytesIO(word_file([FIRST])), "a.docx"))
    status, _, html = post_confirm(teacher_client, page, title="", text="  ", published="x")
    assert status == 422
    # Each empty or wrong field gets its own message, and the text box keeps what was sent.
    assert "Give the article a title." in html
    assert "The article text is empty." in html
    assert "is not a date like 2025-01-17" in html
    assert counts(app)["articles"] == 0


def test_confirm_step_needs_the_csrf_token_and_a_teacher(
    app: Flask, teacher_client: FlaskClient, student_client: FlaskClient
) -> None:
    fields = {"title": HEADLINE, "text": SHORT_TEXT}
    assert teacher_client.post("/articles/new/confirm", data=fields).status_code == 400
    token = csrf_token_from(student_client.get("/articles").get_data(as_text=True))
    response = student_client.post("/articles/new/confirm", data={**fields, "csrf_token": token})
    assert response.status_code == 403
    assert counts(app)["articles"] == 0


def test_file_already_imported_is_named_at_the_top_of_the_form(
    app: Flask, teacher_client: FlaskClient
) -> None:
    data = word_file([FIRST, SECOND], heading=HEADLINE)
    _, _, page = post_import(teacher_client, file=(io.BytesIO(data), "a.docx"))
    post_confirm(teacher_client, page, title=HEADLINE, text=SHORT_TEXT)
    with app.app_context():
        first_id = db.session.scalar(select(Article.id))
    before = counts(app)
    status, _, html = post_import(teacher_client, file=(io.BytesIO(data), "again.docx"))
    assert status == 409
    alert = html[html.index('class="form-alert"') : html.index('action="/articles/new"')]
    assert f"already been imported as article {first_id}" in alert
    assert f'href="/articles/{first_id}"' in alert
    assert counts(app) == before


def test_file_too_large_to_read_is_refused_by_size(app: Flask, teacher_client: FlaskClient) -> None:
    app.config["MAX_ARTICLE_BYTES"] = 1_000  # a web page may then have 1 MiB
    big = web_page(HEADLINE, [SECOND] * 10_000)
    assert 1_048_576 < len(big) < app.config["MAX_CONTENT_LENGTH"]
    status, _, html = post_import(teacher_client, file=(io.BytesIO(big), "big.html"))
    assert status == 422
    assert "The file is too large: more than 1,048,576 bytes" in html
    assert counts(app)["articles"] == 0


def test_confirming_a_text_imported_meanwhile_names_it_at_the_top(
    app: Flask, teacher_client: FlaskClient
) -> None:
    _, _, page = post_import(teacher_client, file=(io.BytesIO(word_file([FIRST])), "a.docx"))
    status, _, _ = post_import(teacher_client, title=HEADLINE, text=FIRST)  # pasted meanwhile
    assert status == 302
    with app.app_context():
        first_id = db.session.scalar(select(Article.id))
    before = counts(app)
    status, _, html = post_confirm(teacher_client, page, title="نسخة", text=FIRST)
    assert status == 409
    alert = html[html.index('class="form-alert"') : html.index('action="/articles/new/confirm"')]
    assert f"already been imported as article {first_id}" in alert
    assert 'value="نسخة"' in html  # the confirm page keeps what was sent
    assert counts(app) == before
