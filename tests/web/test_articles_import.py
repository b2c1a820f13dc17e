"""Importing articles through the service: validation, analysis storage, seeds, re-analysis.

Every test runs the real analysis engine and lesson builder on both databases.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from learn.articles.service import (
    DuplicateArticleError,
    import_article,
    import_seeds,
    reanalyse_article,
)
from learn.articles.validation import ArticleInputError
from learn.extensions import db
from learn.models import Article, ArticleToken, Correction, Question, VocabEntry

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TABLES = (Article, ArticleToken, VocabEntry, Question, Correction)

# A short article written for these tests (not a seed): two sentences, a person, a place.
SHORT_TEXT = (
    "القاهرة – التقى وزير الخارجية المصري سامح شكري نظيره الأردني في القاهرة يوم الأحد.\n"
    "وبحث الوزيران التعاون الاقتصادي بين البلدين والأوضاع في المنطقة."
)


def nfc(text: str) -> str:
    """Canonical order of stacked vowel marks (shadda + fatha may come in either order)."""
    return unicodedata.normalize("NFC", text)


def first_sense(gloss: str) -> str:
    return gloss.split(";")[0].strip()


def row_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) or 0
        for model in TABLES
    }


def test_short_article_is_stored_with_tokens_vocab_and_questions(app: Flask) -> None:
    with app.app_context():
        article = import_article("لقاء في القاهرة", "Test desk", "2025-02-02", SHORT_TEXT, None)
        assert article.id is not None and article.analysed_at is not None
        assert article.text == SHORT_TEXT
        tokens = article.tokens
        assert [t.position for t in tokens] == list(range(len(tokens)))
        assert {t.sentence for t in tokens} == {0, 1}
        # Offsets point into the stored text: the reading view relies on it.
        assert all(SHORT_TEXT[t.start : t.end] == t.surface for t in tokens)
        cairo = next(t for t in tokens if t.surface == "القاهرة")
        assert cairo.gloss == "Cairo"
        vocab = [v for v in article.vocabulary if v.list_name == "vocab"]
        assert any(v.gloss.startswith("cooperation") for v in vocab)
        names = [v.lemma for v in article.vocabulary if v.list_name == "people_places"]
        assert "القاهرة" in names


def test_seed_import_stores_the_whole_lesson(app: Flask) -> None:
    with app.app_context():
        (article,) = import_seeds(SEEDS)
        assert import_seeds(SEEDS) == []
        first_sentence = [t for t in article.tokens if t.sentence == 0]
        signed = next(t for t in first_sentence if t.surface == "وقع")
        assert nfc(signed.lemma) == nfc("وَقَّع")
        # The sense that fits comes first: "sign" (a treaty), not "fall" or "happen".
        assert (first_sense(signed.gloss), signed.root, signed.pos) == ("sign", "و.ق.ع", "verb")
        questions = article.questions
        assert len(questions) >= 10
        assert {q.status for q in questions} == {"pending"}
        assert {q.origin for q in questions} == {"generated"}
        who = next(q for q in questions if q.type == "who")
        assert who.answer in who.choices and len(who.choices) == 4
        assert who.evidence_text[who.evidence_start : who.evidence_end]
        assert any(q.lemma for q in questions if q.type == "meaning_ar_en")
        people = {v.lemma for v in article.vocabulary if v.list_name == "people_places"}
        assert "إيران" in people


def test_seed_stored_without_analysis_is_analysed_by_the_next_import(app: Flask) -> None:
    with app.app_context():
        seed_text = (SEEDS / "russia-iran-treaty.ar.txt").read_text(encoding="utf-8").strip()
        from learn.articles.service import text_fingerprint

        bare = Article(
            title="seed",
            text=seed_text,
            text_sha256=text_fingerprint(seed_text),
            seed_name="russia-iran-treaty",
        )
        db.session.add(bare)
        db.session.commit()
        assert import_seeds(SEEDS) == []
        db.session.refresh(bare)
        assert bare.analysed_at is not None and len(bare.tokens) > 100


def test_reanalysis_is_idempotent_and_keeps_reviewed_questions(app: Flask) -> None:
    with app.app_context():
        article = import_article("لقاء", "", None, SHORT_TEXT, None)
        reviewed = article.questions[0] if article.questions else None
        if reviewed is not None:
            reviewed.status = "approved"
            db.session.commit()
        before = row_counts()
        reanalyse_article(article)
        reanalyse_article(article)
        assert row_counts() == before
        if reviewed is not None:
            db.session.refresh(reviewed)
            assert reviewed.status == "approved"


def test_duplicate_text_points_to_the_existing_article(app: Flask) -> None:
    with app.app_context():
        first = import_article("لقاء", "", None, SHORT_TEXT, None)
        before = row_counts()
        # The same text pasted from a browser (CRLF line ends, surrounding blanks) is a duplicate.
        pasted = "  " + SHORT_TEXT.replace("\n", "\r\n") + "\n"
        with pytest.raises(DuplicateArticleError) as caught:
            import_article("another title", "", None, pasted, None)
        assert caught.value.existing.id == first.id
        assert f"article {first.id}" in str(caught.value)
        assert row_counts() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The article text is empty."),
        ("   \n\t ", "The article text is empty."),
        ("The president signed a treaty on Friday.", "contains no Arabic letters"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not plain text"),
        ("موسكو".encode("cp1256"), "not UTF-8"),
        ("وقع " * 30, r"too large: 210 bytes\. The limit \(MAX_ARTICLE_BYTES\) is 100 bytes"),
    ],
    ids=["empty", "blank", "english", "binary", "cp1256", "oversized"],
)
def test_bad_text_is_refused_and_nothing_is_stored(
    app: Flask, text: str | bytes, message: str
) -> None:
    app.config["MAX_ARTICLE_BYTES"] = 100
    with app.app_context():
        import_article("قديم", "", None, "خبر قصير.", None)
        before = row_counts()
        with pytest.raises(ArticleInputError, match=message):
            import_article("عنوان", "", None, text, None)
        assert row_counts() == before


@pytest.mark.parametrize(
    ("title", "published", "field", "message"),
    [
        ("  ", None, "title", "Give the article a title."),
        ("x" * 301, None, "title", "title is too long"),
        ("عنوان", "17/01/2025", "published", "not a date like 2025-01-17"),
    ],
)
def test_bad_metadata_names_its_field(
    app: Flask, title: str, published: str | None, field: str, message: str
) -> None:
    with app.app_context():
        with pytest.raises(ArticleInputError, match=message) as caught:
            import_article(title, "", published, SHORT_TEXT, None)
        assert caught.value.field == field
        assert row_counts()["articles"] == 0


def test_cli_reanalyse_applies_corrections_made_since_the_import(app: Flask) -> None:
    with app.app_context():
        article = import_article("لقاء", "", None, SHORT_TEXT, None)
        article_id = article.id
        db.session.add(Correction(surface="وبحث", lemma="بَحَثَ", gloss="discuss"))
        db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["articles", "reanalyse", str(article_id)])
    assert result.exit_code == 0, result.output
    assert f"re-analysed article {article_id}" in result.output
    with app.app_context():
        token = db.session.scalar(
            select(ArticleToken).where(
                ArticleToken.article_id == article_id, ArticleToken.surface == "وبحث"
            )
        )
        assert token is not None and (token.lemma, token.gloss) == ("بَحَثَ", "discuss")
    missing = runner.invoke(args=["articles", "reanalyse", str(article_id + 1)])
    assert missing.exit_code != 0 and f"no article {article_id + 1}" in missing.output
    neither = runner.invoke(args=["articles", "reanalyse"])
    assert neither.exit_code != 0 and "Give article ids or --all" in neither.output


def test_concurrent_imports_of_one_text_store_it_once(app: Flask) -> None:
    """Two teachers submit the same article at the same moment: one import wins, the other
    is told about the first copy, whichever order the commits land in."""
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def submit(title: str) -> None:
        with app.app_context():
            start.wait()
            try:
                outcomes.append(import_article(title, "", None, SHORT_TEXT, None).id)
            except DuplicateArticleError as exc:
                outcomes.append(exc)

    threads = [threading.Thread(target=submit, args=(name,)) for name in ("أ", "ب")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, DuplicateArticleError)]
    assert len(stored) == 1 and len(refused) == 1
    with app.app_context():
        assert row_counts()["articles"] == 1
        assert refused[0].existing.id == stored[0]


def test_a_word_over_100_characters_is_stored_whole(app: Flask) -> None:
    """`surface` is text[start:end] even for a word longer than any real one (issue 13)."""
    long_word = "ب" * 130
    text = SHORT_TEXT + f"\nوكتب أحدهم {long_word} في الموقع."
    with app.app_context():
        article = import_article("كلمة طويلة", "", None, text, None)
        assert all(text[t.start : t.end] == t.surface for t in article.tokens)
        assert long_word in {t.surface for t in article.tokens}
        db.session.expire_all()
        stored = db.session.scalars(
            select(ArticleToken).where(ArticleToken.article_id == article.id)
        ).all()
        assert long_word in {t.surface for t in stored}
