"""Answers to vocabulary questions in a quiz attempt count as reviews, once each."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from learn.extensions import db
from learn.models import (
    Attempt,
    StudyReview,
    User,
)
from learn.study import service
from tests.study.conftest import T0, store_article, store_attempt_with_answers, store_learner


def test_an_attempts_vocabulary_answers_become_reviews_once(ctx) -> None:
    student = store_learner()
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}, {"lemma": "خَبَر"}])
    attempt = store_attempt_with_answers(student, article)

    assert service.record_attempt_reviews(attempt) == 2
    assert service.record_attempt_reviews(attempt) == 0  # a repeated submit adds nothing

    reviews = db.session.scalars(
        select(StudyReview).where(StudyReview.user_id == student).order_by(StudyReview.id)
    ).all()
    assert [(r.card.lemma, r.rating, r.source) for r in reviews] == [
        ("رَئِيس", 3, "quiz"),
        ("حُكُومَة", 1, "quiz"),
    ]
    assert reviews[0].reviewed_at == T0
    # The assigned article is now one of the learner's: its other word comes up as new.
    assert [w.lemma for w in service.new_words(student, 5)] == ["خَبَر"]


def test_submitting_an_attempt_feeds_its_vocabulary_answers_to_study(ctx) -> None:
    from learn.quizzes import attempts

    student = store_learner()
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}])
    attempt = db.session.get(Attempt, store_attempt_with_answers(student, article))
    assert attempt is not None

    attempts.submit(attempt, T0 + timedelta(minutes=5))
    attempts.submit(attempt, T0 + timedelta(minutes=6))  # a retried submit

    ratings = db.session.scalars(
        select(StudyReview.rating).where(StudyReview.user_id == student).order_by(StudyReview.id)
    ).all()
    assert ratings == [3, 1]  # Good for the right answer, Again for the wrong one


def test_the_attempt_names_the_words_it_put_on_the_study_list(ctx) -> None:
    student = store_learner()
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}])
    service.add_word(student, "حُكُومَة", article)  # already on the list before the quiz
    attempt = store_attempt_with_answers(student, article)
    assert service.cards_from_attempt(attempt) == []  # nothing recorded yet

    service.record_attempt_reviews(attempt)

    assert [c.lemma for c in service.cards_from_attempt(attempt)] == ["رَئِيس"]
    # Another learner's attempt names none of these.
    other = store_learner()
    theirs = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}])
    assert service.cards_from_attempt(store_attempt_with_answers(other, theirs, "STUDY2")) == []


def test_with_quiz_words_off_a_quiz_only_reviews_words_already_on_the_list(ctx) -> None:
    student = store_learner()
    user = db.session.get(User, student)
    assert user is not None
    article = store_article([{"lemma": "رَئِيس"}, {"lemma": "حُكُومَة"}])
    service.add_word(student, "حُكُومَة", article)
    service.update_settings(user, 90, 10, quiz_words=False)
    attempt = store_attempt_with_answers(student, article)

    assert service.record_attempt_reviews(attempt) == 1  # حكومة only

    assert [c.lemma for c in service.user_cards(student)] == ["حُكُومَة"]
    assert service.cards_from_attempt(attempt) == []
    assert service.settings_for(student).quiz_words is False
