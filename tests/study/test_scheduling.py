"""Scheduling follows FSRS; reviews are idempotent; words enter study the intended ways."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select

from learn.extensions import db
from learn.models import ArticleToken, StudyCard, StudyReview, User
from learn.study import scheduling, service, session
from learn.study.service import StudyInputError
from tests.study.conftest import SENTENCE, store_article, store_learner

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _review(user_id: int, lemma: str, rating: int, when: datetime, uid: str | None = None):
    user = db.session.get(User, user_id)
    return service.submit_review(user, lemma, rating, uid or str(uuid.uuid4()), when=when)


def _review_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(StudyReview.id)).where(StudyReview.user_id == user_id)
    )


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=3), "3 d"),
        (timedelta(days=45), "1.5 mo"),
        (timedelta(days=730), "2 y"),
    ],
)
def test_interval_labels(interval: timedelta, label: str) -> None:
    assert scheduling.format_interval(interval) == label


def test_faces_start_with_recognition_then_rotate() -> None:
    assert session.choose_face(0, True) == "recognition"
    assert [session.choose_face(n, True) for n in (1, 2, 3)] == [
        "production",
        "cloze",
        "recognition",
    ]
    assert session.choose_face(2, False) == "recognition"  # no sentence: no cloze face


def test_split_example_skips_broken_spans() -> None:
    examples = [{"text": "abc", "start": 2, "end": 9}, {"text": SENTENCE, "start": 4, "end": 10}]
    example = session.split_example(examples)
    assert example is not None
    assert (example.before, example.word) == ("قال ", "الرئيس")


# --------------------------------------------------------------------------- FSRS fidelity


HISTORY = [  # (rating, time after the first review)
    (Rating.Good, timedelta(0)),
    (Rating.Good, timedelta(minutes=12)),
    (Rating.Again, timedelta(days=2)),
    (Rating.Good, timedelta(days=2, minutes=15)),
    (Rating.Hard, timedelta(days=6)),
    (Rating.Easy, timedelta(days=20)),
]


@pytest.mark.parametrize("retention", [0.9, 0.8])
def test_next_due_times_equal_fsrs_for_the_same_history(ctx, retention: float) -> None:
    learner = store_learner(retention=retention)
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    reference = Scheduler(desired_retention=retention, enable_fuzzing=False)
    card = Card(card_id=1)
    for rating, offset in HISTORY:
        card, _log = reference.review_card(card, rating, review_datetime=T0 + offset)
        outcome = _review(learner, "رَئِيس", int(rating), T0 + offset)
        assert outcome.review.due_after == card.due
        assert outcome.review.stability_after == pytest.approx(card.stability)
        assert outcome.review.difficulty_after == pytest.approx(card.difficulty)
        assert outcome.review.state_after == int(card.state)
    stored = service.find_card(learner, "رَئِيس")
    assert stored is not None
    assert (stored.reps, stored.lapses) == (6, 1)  # the Again came in review state
    # The state before each review is the state after the previous one.
    reviews = db.session.scalars(select(StudyReview).order_by(StudyReview.reviewed_at)).all()
    assert reviews[0].state_before is None
    assert [r.state_before for r in reviews[1:]] == [r.state_after for r in reviews[:-1]]


def test_rating_buttons_show_the_interval_the_review_then_gives(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "حُكُومَة", "gloss": "government"}])
    _review(learner, "حُكُومَة", 3, T0)
    card = service.find_card(learner, "حُكُومَة")
    assert card is not None
    when = T0 + timedelta(days=1)
    previews = scheduling.preview_intervals(card, when, 0.9)
    outcome = _review(learner, "حُكُومَة", 4, when)
    assert outcome.card.due - when == previews[4]
    assert previews[1] < previews[2] <= previews[3] < previews[4]


def test_a_higher_retention_gives_shorter_intervals(ctx) -> None:
    store_article([{"lemma": "وَزِير", "gloss": "minister"}])
    results = {}
    for retention in (0.8, 0.95):
        learner = store_learner(retention=retention)
        _review(learner, "وَزِير", 3, T0)
        _review(learner, "وَزِير", 3, T0 + timedelta(minutes=10))
        results[retention] = _review(learner, "وَزِير", 3, T0 + timedelta(days=3)).card.due
    assert results[0.95] < results[0.8]


def test_a_word_becomes_known_at_a_mature_interval_and_learning_when_forgotten(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "جَيْش", "gloss": "army"}])
    outcome = _review(learner, "جَيْش", 4, T0)  # Easy on a new card: straight to review
    moment = T0
    while outcome.card.status != "known":
        interval = outcome.card.due - outcome.card.last_review
        assert interval < scheduling.MATURE_INTERVAL
        moment = outcome.card.due
        outcome = _review(learner, "جَيْش", 3, moment)
    due = outcome.card.due
    assert due - moment >= scheduling.MATURE_INTERVAL
    assert _review(learner, "جَيْش", 1, due).card.status == "learning"


# --------------------------------------------------------------------------- idempotency


def test_the_same_review_id_twice_counts_once(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    uid = str(uuid.uuid4())
    first = _review(learner, "رَئِيس", 3, T0, uid)
    again = _review(learner, "رَئِيس", 1, T0 + timedelta(minutes=1), uid.upper())
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.review.id == first.review.id and again.review.rating == 3
    assert _review_count(learner) == 1
    card = service.find_card(learner, "رَئِيس")
    assert card is not None and card.reps == 1


def test_review_ids_are_per_learner(ctx) -> None:
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    uid = str(uuid.uuid4())
    a, b = store_learner(), store_learner()
    assert not _review(a, "رَئِيس", 3, T0, uid).duplicate
    assert not _review(b, "رَئِيس", 3, T0, uid).duplicate
    assert (_review_count(a), _review_count(b)) == (1, 1)


@pytest.mark.parametrize(
    ("lemma", "rating", "uid", "field"),
    [
        ("رَئِيس", 5, None, "rating"),
        ("رَئِيس", "good", None, "rating"),
        ("رَئِيس", 3, "not-a-uuid", "review_id"),
        ("", 3, None, "lemma"),
        ("كَلِمَة", 3, None, "lemma"),  # in no article's vocabulary
    ],
)
def test_bad_reviews_are_refused_and_change_nothing(ctx, lemma, rating, uid, field) -> None:
    learner = store_learner()
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    user = db.session.get(User, learner)
    with pytest.raises(StudyInputError) as error:
        service.submit_review(user, lemma, rating, uid or str(uuid.uuid4()), when=T0)
    assert error.value.field == field
    assert _review_count(learner) == 0
    assert db.session.scalar(select(func.count(StudyCard.id))) == 0


# --------------------------------------------------------------------------- ways in


def test_a_word_added_while_reading_starts_as_learning_and_is_due(ctx) -> None:
    learner = store_learner()
    article = store_article([{"lemma": "اِنْتِخَاب", "gloss": "election", "pos": "noun"}])
    card = service.add_word(learner, "اِنْتِخَاب", str(article), "noun")
    assert (card.status, card.origin, card.article_id, card.gloss) == (
        "learning",
        "reading",
        article,
        "election",
    )
    assert service.add_word(learner, "اِنْتِخَاب", article).id == card.id  # no duplicate
    user = db.session.get(User, learner)
    state = session.next_item(user, datetime.now(UTC) + timedelta(seconds=1))
    assert state.item is not None and state.item.lemma == "اِنْتِخَاب"
    assert state.item.kind == "new"  # due at once, but never studied: a new word, not a review


def test_adding_a_word_checks_its_input(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "اِنْتِخَاب"}])
    with pytest.raises(StudyInputError, match="article"):
        service.add_word(learner, "اِنْتِخَاب", "999999")
    with pytest.raises(StudyInputError, match="vocabulary"):
        service.add_word(learner, "غَيْر مَوْجُود")
    assert db.session.scalar(select(func.count(StudyCard.id))) == 0


def test_quiz_answers_count_as_reviews_once_per_answer(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "سَلَام", "gloss": "peace"}])
    right = service.record_quiz_review(learner, "سَلَام", True, T0, answer_key="answer-7")
    assert right is not None and right.review.rating == 3 and right.review.source == "quiz"
    retry = service.record_quiz_review(learner, "سَلَام", True, T0, answer_key="answer-7")
    assert retry is not None and retry.duplicate
    wrong = service.record_quiz_review(learner, "سَلَام", False, T0 + timedelta(hours=1), "a-8")
    assert wrong is not None and wrong.review.rating == 1
    assert _review_count(learner) == 2
    assert service.record_quiz_review(learner, None, True, T0) is None
    assert service.record_quiz_review(learner, "مَجْهُول", True, T0) is None


def test_new_words_come_from_the_learners_articles_then_the_core_deck(ctx) -> None:
    learner = store_learner()
    # The core deck: domain-tagged lemmas over all articles, most frequent first.
    store_article(
        [
            {"lemma": "بَرْلَمَان", "domain": "politics", "count": 2},
            {"lemma": "اِقْتِصَاد", "domain": "economy", "count": 1},
            {"lemma": "بَيْت", "domain": "general", "count": 9},
        ]
    )
    store_article(
        [
            {"lemma": "اِقْتِصَاد", "domain": "economy", "count": 4},
            {"lemma": "people", "domain": "politics", "count": 9, "list_name": "people_places"},
        ]
    )
    mine = store_article([{"lemma": "صَحِيفَة", "rank": 2}, {"lemma": "خَبَر", "rank": 1}])
    service.add_word(learner, "صَحِيفَة", mine)  # reading this article makes it the learner's
    words = service.new_words(learner, 10)
    assert [(w.lemma, w.origin) for w in words] == [
        ("خَبَر", "article"),
        ("اِقْتِصَاد", "core"),
        ("بَرْلَمَان", "core"),
    ]


def test_new_words_stop_at_the_daily_limit_in_the_learners_day(ctx) -> None:
    learner = store_learner(timezone="Asia/Tokyo")
    store_article([{"lemma": f"كَلِمَة{i}", "domain": "politics", "count": 9 - i} for i in range(5)])
    user = db.session.get(User, learner)
    service.update_settings(user, "90", "2")
    evening = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 23:00 in Tokyo
    for _ in range(2):
        item = session.next_item(user, evening).item
        assert item is not None and item.kind == "new"
        _review(learner, item.lemma, 4, evening)  # Easy: not due again for days
    assert session.next_item(user, evening).item is None
    after_midnight = evening + timedelta(hours=1, minutes=5)  # 00:05 in Tokyo, still 2 March UTC
    state = session.next_item(user, after_midnight)
    assert state.item is not None and state.item.lemma == "كَلِمَة2"
    assert state.new_left == 2


def test_settings_are_validated(ctx) -> None:
    learner = store_learner()
    user = db.session.get(User, learner)
    for retention, per_day in (("50", "10"), ("abc", "10"), ("0.9", "-1"), ("0.9", "x")):
        with pytest.raises(StudyInputError):
            service.update_settings(user, retention, per_day)
        db.session.rollback()
    service.update_settings(user, "85", "15")
    assert user.desired_retention == pytest.approx(0.85)
    assert service.settings_for(learner).new_per_day == 15


def test_a_review_racing_another_on_the_same_card_is_replayed_on_the_fresh_state(ctx, app) -> None:
    learner = store_learner()
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    first_uid, second_uid = str(uuid.uuid4()), str(uuid.uuid4())
    _review(learner, "رَئِيس", 3, T0)
    user = db.session.get(User, learner)
    stale = service.find_card(learner, "رَئِيس")  # this session now holds version 2
    assert stale is not None and stale.reps == 1
    with app.app_context():  # another request, its own session, reviews the card first
        _review(learner, "رَئِيس", 3, T0 + timedelta(minutes=10), first_uid)
    outcome = service.submit_review(user, "رَئِيس", 4, second_uid, when=T0 + timedelta(minutes=11))
    assert outcome.card.reps == 3
    reviews = db.session.scalars(
        select(StudyReview).where(StudyReview.user_id == learner).order_by(StudyReview.id)
    ).all()
    assert [r.review_uid for r in reviews[1:]] == [first_uid, second_uid]
    # The second review started from the state the first one left, not the stale one.
    assert reviews[2].stability_before == pytest.approx(reviews[1].stability_after)
    assert reviews[2].due_before == reviews[1].due_after


def test_a_word_outside_the_vocabulary_list_is_added_from_its_analysed_token(ctx) -> None:
    learner = store_learner()
    article = store_article([{"lemma": "رَئِيس"}])
    db.session.add(
        ArticleToken(
            article_id=article,
            position=0,
            sentence=0,
            index=0,
            start=0,
            end=3,
            surface="قال",
            lemma="قَال",
            pos="verb",
            gloss="say",
        )
    )
    db.session.commit()
    card = service.add_word(learner, "قَال", article, "verb")
    assert (card.gloss, card.pos, card.article_id, card.status) == (
        "say",
        "verb",
        article,
        "learning",
    )


def test_setting_a_word_back_to_new_restarts_it_from_scratch(ctx) -> None:
    learner = store_learner()
    store_article([{"lemma": "رَئِيس", "gloss": "president"}])
    _review(learner, "رَئِيس", 4, T0)
    card = service.find_card(learner, "رَئِيس")
    assert card is not None and card.stability is not None
    service.set_status(card, "new")
    assert (card.status, card.last_review, card.stability, card.fsrs_state) == (
        "new",
        None,
        None,
        1,
    )
    user = db.session.get(User, learner)
    state = session.next_item(user, T0 + timedelta(days=1))
    assert state.item is not None and (state.item.lemma, state.item.kind) == ("رَئِيس", "new")
    outcome = _review(learner, "رَئِيس", 3, T0 + timedelta(days=1))
    assert outcome.review.state_before is None and outcome.card.status == "learning"
    assert _review_count(learner) == 2


def test_the_session_and_the_dashboard_count_what_is_due_the_same_way(ctx) -> None:
    from learn.study import stats

    learner = store_learner(timezone="Asia/Tokyo")
    user = db.session.get(User, learner)
    assert user is not None
    article = store_article([{"lemma": w, "gloss": w} for w in ("اِنْتِخَاب", "حُكُومَة", "رَئِيس", "وَزِير")])
    service.add_word(learner, "اِنْتِخَاب", article)  # learning, never studied: a new word
    studied = service.add_word(learner, "حُكُومَة", article)
    now = datetime.now(UTC) + timedelta(seconds=1)
    # Again in a quiz 5 minutes ago: a 1-minute step, so due now, and a review.
    service.record_quiz_review(learner, studied.lemma, False, now - timedelta(minutes=5))
    service.update_settings(user, 90, 1)  # one new word a day from the articles on top

    counts = session.due_now(user, now)
    assert (counts.reviews, counts.new_words, counts.later_today) == (1, 2, 0)
    state = session.next_item(user, now)
    assert state.due == counts == stats.dashboard(user, now).due_now
    assert state.item is not None and (state.item.lemma, state.item.kind) == ("حُكُومَة", "due")


def test_a_card_due_later_today_is_counted_for_later_not_now(ctx) -> None:
    learner = store_learner(timezone="Europe/Berlin")
    user = db.session.get(User, learner)
    assert user is not None
    article = store_article([{"lemma": "حُكُومَة", "gloss": "government"}])
    card = service.add_word(learner, "حُكُومَة", article)
    now = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    service.submit_review(user, card.lemma, 3, str(uuid.uuid4()), when=now)  # due in 10 min
    counts = session.due_now(user, now)
    assert (counts.reviews, counts.later_today) == (0, 1)
    assert session.due_now(user, now + timedelta(minutes=11)).reviews == 1
