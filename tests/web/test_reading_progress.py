"""The reading view and the article lists meet the learner's progress: word lookups are
logged for the teacher's insight, and each article shows how much of it the learner knows."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learn.articles.service import import_seeds
from learn.extensions import db
from learn.models import ArticleToken, VocabEntry, WordLookup
from learn.study import service as study
from tests.web.conftest import UserInfo

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_word(app: Flask) -> tuple[int, ArticleToken]:
    """The seed article and the token of its first word with a vocabulary entry."""
    with app.app_context():
        (article,) = import_seeds(SEEDS)
        vocab = set(
            db.session.scalars(
                select(VocabEntry.lemma).where(
                    VocabEntry.article_id == article.id, VocabEntry.list_name == "vocab"
                )
            )
        )
        token = next(t for t in article.tokens if t.lemma in vocab)
        db.session.expunge(token)
        return article.id, token


def lookups(app: Flask) -> list[tuple[int, int, str]]:
    with app.app_context():
        rows = db.session.scalars(select(WordLookup).order_by(WordLookup.id))
        return [(r.user_id, r.article_id, r.lemma) for r in rows]


def test_a_students_word_lookups_are_logged_a_teachers_are_not(
    app: Flask, student: UserInfo, student_client: FlaskClient, teacher_client: FlaskClient
) -> None:
    article_id, token = seed_word(app)
    url = f"/articles/{article_id}/words/{token.position}"

    assert token.lemma in student_client.get(url).get_data(as_text=True)
    teacher_client.get(url)

    assert lookups(app) == [(student.id, article_id, token.lemma)]


def test_article_lists_show_the_share_of_words_the_learner_knows(
    app: Flask, student: UserInfo, student_client: FlaskClient
) -> None:
    article_id, token = seed_word(app)
    before = student_client.get("/articles").get_data(as_text=True)
    assert "You know 0% of the words in this article" in before
    with app.app_context():
        total = (
            db.session.query(VocabEntry.lemma)
            .filter_by(article_id=article_id, list_name="vocab")
            .distinct()
            .count()
        )
        study.set_status(study.add_word(student.id, token.lemma, article_id), "known")
        db.session.commit()
    expected = f"You know {round(100 / total)}% of the words in this article"

    assert expected in student_client.get("/articles").get_data(as_text=True)
    assert expected in student_client.get("/").get_data(as_text=True)
