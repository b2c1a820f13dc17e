"""Dashboard figures against hand-computed values, and the learner's own calendar."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from learn.extensions import db
from learn.models import User
from learn.study import charts, service, stats
from learn.study.stats import ReviewRecord, StatusEvent
from tests.study.conftest import store_article, store_learner


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --------------------------------------------------------------------------- time zones

# 10 Jan 14:00 UTC is 23:00 in Tokyo and 06:00 in Los Angeles; 16:00 UTC is already 11 Jan
# in Tokyo (01:00) but still 10 Jan in Los Angeles (08:00).
REVIEWS = [utc(2026, 1, 10, 14, 0), utc(2026, 1, 10, 16, 0)]


def test_tokyo_counts_two_days_where_los_angeles_counts_one() -> None:
    now = utc(2026, 1, 10, 16, 30)
    assert stats.streak(REVIEWS, "Asia/Tokyo", now) == 2
    assert stats.streak(REVIEWS, "America/Los_Angeles", now) == 1
    assert stats.streak(REVIEWS, "UTC", now) == 1
    tokyo = stats.reviews_per_day(REVIEWS, "Asia/Tokyo", date(2026, 1, 11), days=2)
    assert tokyo == [(date(2026, 1, 10), 1), (date(2026, 1, 11), 1)]
    la = stats.reviews_per_day(REVIEWS, "America/Los_Angeles", date(2026, 1, 10), days=2)
    assert la == [(date(2026, 1, 9), 0), (date(2026, 1, 10), 2)]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 1, 11, 7, 59), 1),  # 23:59 on 10 Jan in Los Angeles: reviewed today
        (utc(2026, 1, 11, 8, 1), 1),  # 00:01 on 11 Jan: yesterday still counts
        (utc(2026, 1, 12, 7, 59), 1),  # 23:59 on 11 Jan: the day is not over yet
        (utc(2026, 1, 12, 8, 1), 0),  # 00:01 on 12 Jan: a whole day was missed
    ],
)
def test_los_angeles_streak_around_midnight(now: datetime, expected: int) -> None:
    assert stats.streak(REVIEWS, "America/Los_Angeles", now) == expected


def test_tokyo_streak_breaks_at_tokyo_midnight_not_utc_midnight() -> None:
    reviews = [utc(2026, 1, 10, 10, 0)]  # 19:00 on 10 Jan in Tokyo
    assert stats.streak(reviews, "Asia/Tokyo", utc(2026, 1, 11, 14, 59)) == 1  # 23:59 11 Jan
    assert stats.streak(reviews, "Asia/Tokyo", utc(2026, 1, 11, 15, 1)) == 0  # 00:01 12 Jan
    assert stats.streak(reviews, "UTC", utc(2026, 1, 11, 15, 1)) == 1  # still 11 Jan in UTC


def test_a_long_streak_counts_consecutive_days_only() -> None:
    days = [utc(2026, 1, d, 12) for d in (1, 3, 4, 5, 6)]
    assert stats.streak(days, "UTC", utc(2026, 1, 6, 20)) == 4


# --------------------------------------------------------------------------- pure figures


def test_true_retention_counts_review_state_reviews_in_the_period() -> None:
    since = utc(2026, 1, 1)
    reviews = [
        ReviewRecord(1, utc(2026, 1, 2), 3, 2),
        ReviewRecord(1, utc(2026, 1, 3), 1, 2),
        ReviewRecord(2, utc(2026, 1, 3), 4, 2),
        ReviewRecord(2, utc(2026, 1, 4), 2, 2),  # Hard is a pass
        ReviewRecord(3, utc(2026, 1, 4), 1, 2),
        ReviewRecord(3, utc(2026, 1, 4), 1, 3),  # relearning: not counted
        ReviewRecord(4, utc(2026, 1, 4), 1, None),  # new: not counted
        ReviewRecord(4, utc(2026, 1, 5), 3, 1),  # learning: not counted
        ReviewRecord(5, utc(2025, 12, 31), 1, 2),  # before the period
    ]
    retention = stats.true_retention(reviews, since)
    assert (retention.passed, retention.total) == (3, 5)
    assert retention.ratio == pytest.approx(0.6)
    assert stats.true_retention([], since).ratio is None


def test_due_forecast_puts_overdue_cards_on_today() -> None:
    today = date(2026, 1, 10)
    dues = [
        utc(2026, 1, 8, 9),
        utc(2026, 1, 10, 23),
        utc(2026, 1, 11, 1),
        utc(2026, 1, 11, 22),
        utc(2026, 1, 16, 0),
        utc(2026, 1, 18, 0),  # beyond the 7 days
    ]
    forecast = stats.due_forecast(dues, "UTC", today)
    assert [n for _, n in forecast] == [2, 2, 0, 0, 0, 0, 1]
    assert forecast[0][0] == today and forecast[-1][0] == date(2026, 1, 16)
    # In Tokyo (UTC+9), 10 Jan 23:00 UTC is 11 Jan and 11 Jan 22:00 UTC is 12 Jan.
    assert [n for _, n in stats.due_forecast(dues, "Asia/Tokyo", today)][:3] == [1, 2, 1]


def test_known_words_over_time_follow_each_cards_latest_status() -> None:
    events = [
        StatusEvent(1, utc(2026, 1, 2, 9), "learning"),
        StatusEvent(1, utc(2026, 1, 3, 9), "known"),
        StatusEvent(2, utc(2026, 1, 4, 9), "known"),
        StatusEvent(1, utc(2026, 1, 5, 9), "learning"),  # forgotten
        StatusEvent(3, utc(2026, 1, 5, 10), "known"),  # marked known by hand
        StatusEvent(2, utc(2026, 1, 6, 9), "ignored"),
    ]
    series = stats.known_over_time(events, "UTC", date(2026, 1, 6), days=6)
    assert series == [
        (date(2026, 1, 1), 0),
        (date(2026, 1, 2), 0),
        (date(2026, 1, 3), 1),
        (date(2026, 1, 4), 2),
        (date(2026, 1, 5), 2),
        (date(2026, 1, 6), 1),
    ]


def test_charts_are_accessible_images_with_the_numbers_in_words() -> None:
    series = [(date(2026, 1, 1), 3), (date(2026, 1, 2), 0), (date(2026, 1, 3), 7)]
    svg = str(charts.bar_chart("c1", "Reviews <per> day", series, "reviews"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Reviews &lt;per&gt; day</title>' in svg
    assert "2026-01-03: 7 reviews" in svg
    assert svg.count('class="bar"') == 3
    line = str(charts.line_chart("c2", "Known", series, "words"))
    assert "<polyline" in line and "2026-01-01: 3 words" in line


# --------------------------------------------------------------------------- the dashboard


def _review(user: User, lemma: str, rating: int, when: datetime) -> None:
    service.submit_review(user, lemma, rating, str(uuid.uuid4()), when=when)


def test_dashboard_on_a_fixed_history(ctx) -> None:
    learner = store_learner()
    user = db.session.get(User, learner)
    article = store_article([{"lemma": w} for w in ("أ", "ب", "ج", "د", "ه")])
    other = store_article([{"lemma": "ب"}, {"lemma": "و"}])
    day1, day9 = utc(2026, 1, 1, 10), utc(2026, 1, 9, 10)
    _review(user, "أ", 4, day1)  # Easy: review state, due in days
    _review(user, "ب", 4, day1)
    _review(user, "أ", 3, day9)  # review state, passed
    _review(user, "ب", 1, day9 + timedelta(minutes=5))  # review state, forgotten
    _review(user, "ج", 3, day9 + timedelta(minutes=10))  # new card, learning step
    marked = service.add_word(learner, "د", article)
    marked.status, marked.status_changed_at = "known", utc(2026, 1, 5, 12)
    db.session.commit()

    figures = stats.dashboard(user, utc(2026, 1, 9, 12))

    first = service.find_card(learner, "أ")
    assert first is not None
    assert first.status == "known"  # Good after 8 days gives a mature interval
    assert figures.counts == {"new": 0, "learning": 2, "known": 2, "ignored": 0, "due": 2}
    assert figures.streak == 1
    assert (figures.retention.passed, figures.retention.total) == (1, 2)
    assert figures.reviews_per_day[-1] == (date(2026, 1, 9), 3)
    assert figures.reviews_per_day[-9] == (date(2026, 1, 1), 2)
    assert sum(n for _, n in figures.reviews_per_day) == 5
    assert figures.forecast[0] == (date(2026, 1, 9), 2)  # ب relearning, ج learning
    assert figures.known_over_time[-1] == (date(2026, 1, 9), 2)
    assert figures.known_over_time[-5] == (date(2026, 1, 5), 1)  # د, marked on 5 Jan
    assert figures.known_over_time[-6] == (date(2026, 1, 4), 0)
    # أ and د known of five lemmas; of the other article's two (ب, و), none.
    assert stats.known_share(learner, article) == pytest.approx(2 / 5)
    assert stats.known_shares(learner, [article, other]) == {article: 0.4, other: 0.0}
    assert [(a.id, s) for a, s in figures.articles] == [(article, pytest.approx(0.4))]


def test_known_share_is_none_for_an_article_without_vocabulary(ctx) -> None:
    learner = store_learner()
    empty = store_article([])
    assert stats.known_share(learner, empty) is None
