"""The word panel's analysis: the word in parts, why a root is missing, honest uncertainty;
stored with the article's tokens, and articles analysed before parts were kept still work.

The article is written for this test (no evaluation text)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from learn.articles.service import import_article, reanalyse_article
from learn.extensions import db
from learn.models import Article, ArticleToken
from tests.web.conftest import UserInfo, auth_header, issue_api_token
from tests.web.test_articles_import import nfc

HX = {"HX-Request": "true"}
# "The minister met his counterpart in the capital and they discussed the agreement with
# the delegation of Zarvandistan (a made-up name) on Sunday. The minister said the talks
# were useful. Demand for wheat grew when winter came, and the farmers voiced concern."
TEXT = (
    "التقى الوزير ونظيره في العاصمة وبحثا بالاتفاق مع وفد زرفندستان يوم الأحد.\n"
    "وقال الوزير إن المحادثات كانت مفيدة.\n"
    "وتزايد الطلب على القمح بعد أن حل الشتاء، وعبر المزارعون عن قلقهم."
)


def imported(app: Flask) -> int:
    with app.app_context():
        return import_article("لقاء الوزيرين", "Test desk", "2025-03-02", TEXT, None).id


def token(article_id: int, surface: str) -> ArticleToken:
    found = db.session.scalar(
        select(ArticleToken)
        .where(ArticleToken.article_id == article_id, ArticleToken.surface == surface)
        .order_by(ArticleToken.position)
    )
    assert found is not None, surface
    return found


def panel(client: FlaskClient, article_id: int, position: int) -> str:
    response = client.get(f"/articles/{article_id}/words/{position}", headers=HX)
    assert response.status_code == 200
    return nfc(response.get_data(as_text=True))


def parts_of(page: str) -> list[tuple[str, str, str]]:
    """(kind, Arabic, English) of each part shown, in reading order."""
    return [
        (m.group(1), m.group(2), m.group(3))
        for m in re.finditer(
            r'<li class="word-part word-part-(\w+)"><span class="ar">([^<]*)</span> '
            r'<span class="word-part-gloss" lang="en" dir="ltr">([^<]*)</span></li>',
            page,
        )
    ]


def test_the_panel_shows_proclitics_stem_and_enclitics_with_their_meanings(
    app: Flask, student_client: FlaskClient
) -> None:
    article_id = imported(app)
    with app.app_context():
        counterpart = token(article_id, "ونظيره")
        agreement = token(article_id, "بالاتفاق")
        stored = list(counterpart.parts or [])
        counterpart_at, agreement_at = counterpart.position, agreement.position
    # Stored with the article's tokens: and + counterpart + his.
    assert [p["kind"] for p in stored] == ["proclitic", "stem", "enclitic"]
    assert (stored[0]["gloss"], stored[2]["gloss"]) == ("and", "his; its")

    shown = parts_of(panel(student_client, article_id, counterpart_at))
    assert [(kind, gloss.split(";")[0]) for kind, _, gloss in shown] == [
        ("proclitic", "and"),
        ("stem", "counterpart"),  # the lemma's gloss belongs to the stem
        ("enclitic", "his"),
    ]
    assert shown[0][1] == nfc("وَـ") and shown[2][1] == "ـه"
    assert re.sub("[\u064b-\u0652]", "", shown[1][1]) == "نظير"

    shown = parts_of(panel(student_client, article_id, agreement_at))
    assert [(kind, gloss.split(";")[0]) for kind, _, gloss in shown] == [
        ("proclitic", "with"),
        ("proclitic", "the"),
        ("stem", "agreement"),
    ]


def test_a_word_without_clitics_has_no_parts_row(app: Flask, student_client: FlaskClient) -> None:
    article_id = imported(app)
    with app.app_context():
        minister = token(article_id, "الوزير")
        capital_at = token(article_id, "في").position
    assert minister.parts  # الـ + وزير
    page = panel(student_client, article_id, capital_at)
    assert "<dt>Parts</dt>" not in page


def test_missing_roots_say_why(app: Flask, student_client: FlaskClient) -> None:
    article_id = imported(app)
    with app.app_context():
        in_at = token(article_id, "في").position
        name_at = token(article_id, "زرفندستان").position
        minister_at = token(article_id, "الوزير").position
    assert "none: a function word" in panel(student_client, article_id, in_at)
    name = panel(student_client, article_id, name_at)
    assert "none: a name" in name
    # An unknown word is a guess, or a name read from its sentence: either way not certain.
    assert "A guess." in name or "Read as a name" in name
    assert "و ز ر" in panel(student_client, article_id, minister_at)


def test_a_guessed_word_says_it_is_a_guess(app: Flask, student_client: FlaskClient) -> None:
    article_id = imported(app)
    with app.app_context():
        # A word the analyser did not know and no rule recognised falls back to a guess.
        name = token(article_id, "زرفندستان")
        name.source, name.gloss, name_at = "backoff", "Zrfndstan", name.position
        db.session.commit()
    page = panel(student_client, article_id, name_at)
    assert "A guess." in page and "not in the dictionary" in page
    assert "not known (it reads roughly “Zrfndstan”)" in page  # not a confident gloss


def test_close_calls_show_the_alternatives(app: Flask, student_client: FlaskClient) -> None:
    article_id = imported(app)
    with app.app_context():
        close = db.session.scalars(
            select(ArticleToken).where(ArticleToken.article_id == article_id)
        ).all()
        close = [t for t in close if t.alternatives]
        assert close, "this text has words whose reading is a close call"
        sample = close[0]
        position, alternative = sample.position, sample.alternatives[0]
    page = panel(student_client, article_id, position)
    assert "Not sure." in page and 'class="word-alternatives"' in page
    assert nfc(alternative["gloss"]) in page or "meaning not known" in page
    assert "probably: " in page


def test_the_api_gives_parts_and_alternatives(
    app: Flask, client: FlaskClient, student: UserInfo
) -> None:
    article_id = imported(app)
    headers = auth_header(issue_api_token(app, student))
    article = client.get(f"/api/v1/articles/{article_id}", headers=headers).json
    tokens = [t for s in article["sentences"] for t in s["tokens"]]
    counterpart = next(t for t in tokens if t["surface"] == "ونظيره")
    assert [p["kind"] for p in counterpart["parts"]] == ["proclitic", "stem", "enclitic"]
    assert next(t for t in tokens if t["surface"] == "في")["root_note"] == "function word"
    assert all(isinstance(t["alternatives"], list) for t in tokens)


def test_articles_analysed_before_parts_were_kept_still_work(
    app: Flask, student_client: FlaskClient
) -> None:
    article_id = imported(app)
    with app.app_context():
        # As the rows of an article imported before the migration look: no parts, no
        # alternatives, no reason for a missing root.
        db.session.execute(
            update(ArticleToken)
            .where(ArticleToken.article_id == article_id)
            .values(parts=None, alternatives=None, root_note=None)
        )
        db.session.commit()
        counterpart_at = token(article_id, "ونظيره").position
        in_at = token(article_id, "في").position
    page = panel(student_client, article_id, counterpart_at)
    assert "<dt>Parts</dt>" not in page and "counterpart" in page
    assert "none found" in panel(student_client, article_id, in_at)
    assert student_client.get(f"/articles/{article_id}").status_code == 200

    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article is not None
        reanalyse_article(article)
        assert token(article_id, "ونظيره").parts
    assert parts_of(panel(student_client, article_id, counterpart_at))
    assert "none: a function word" in panel(student_client, article_id, in_at)
