"""Progress figures for the learner dashboard and the article list.

The arithmetic is in pure functions over plain records (`ReviewRecord`, `StatusEvent`) so
it can be checked by hand; `dashboard` and `known_share` fetch the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Article, StudyCard, StudyReview, User, VocabEntry
from learn.study import service
from learn.study.session import DueNow, due_now
from learn.study.timezones import local_date, local_day_bounds

REVIEW_STATE = 2  # fsrs.State.Review
AGAIN = 1
CHART_DAYS = 30
FORECAST_DAYS = 7
RETENTION_DAYS = 30


@dataclass(frozen=True)
class ReviewRecord:
    card_id: int
    reviewed_at: datetime
    rating: int
    state_before: int | None


@dataclass(frozen=True)
class StatusEvent:
    """From `at` on, the card's status was `status` (a review's result or a learner's mark)."""

    card_id: int
    at: datetime
    status: str


@dataclass(frozen=True)
class Retention:
    passed: int
    total: int

    @property
    def ratio(self) -> float | None:
        return self.passed / self.total if self.total else None


# --------------------------------------------------------------------------- pure figures


def streak(review_times: Iterable[datetime], zone_name: str, now: datetime) -> int:
    """Consecutive local days with at least one review, ending today — or yesterday, since
    a streak is not broken before the learner's day is over."""
    days = {local_date(t, zone_name) for t in review_times}
    day = local_date(now, zone_name)
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def true_retention(reviews: Iterable[ReviewRecord], since: datetime) -> Retention:
    """Anki's true retention: of the reviews of cards in review state (not new, not in
    (re)learning steps) since `since`, the share answered other than Again."""
    relevant = [r for r in reviews if r.state_before == REVIEW_STATE and r.reviewed_at >= since]
    return Retention(sum(1 for r in relevant if r.rating != AGAIN), len(relevant))


def day_range(last: date, days: int) -> list[date]:
    return [last - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def reviews_per_day(
    review_times: Iterable[datetime], zone_name: str, today: date, days: int = CHART_DAYS
) -> list[tuple[date, int]]:
    counts = Counter(local_date(t, zone_name) for t in review_times)
    return [(day, counts.get(day, 0)) for day in day_range(today, days)]


def due_forecast(
    due_times: Iterable[datetime], zone_name: str, today: date, days: int = FORECAST_DAYS
) -> list[tuple[date, int]]:
    """Cards due on each of the next `days` local days; overdue cards count for today."""
    counts = Counter(max(local_date(t, zone_name), today) for t in due_times)
    return [
        (today + timedelta(days=offset), counts.get(today + timedelta(days=offset), 0))
        for offset in range(days)
    ]


def known_over_time(
    events: Sequence[StatusEvent], zone_name: str, today: date, days: int = CHART_DAYS
) -> list[tuple[date, int]]:
    """Known words at the end of each local day: each card's latest status up to then."""
    ordered = sorted(events, key=lambda e: e.at)
    result: list[tuple[date, int]] = []
    status: dict[int, str] = {}
    index = 0
    for day in day_range(today, days):
        while index < len(ordered) and local_date(ordered[index].at, zone_name) <= day:
            status[ordered[index].card_id] = ordered[index].status
            index += 1
        result.append((day, sum(1 for s in status.values() if s == "known")))
    return result


def share(known: int, total: int) -> float | None:
    return known / total if total else None


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]  # new, learning, known, ignored, due (by the end of today)
    forecast: list[tuple[date, int]]
    retention: Retention
    streak: int
    reviews_per_day: list[tuple[date, int]]
    known_over_time: list[tuple[date, int]]
    articles: list[tuple[Article, float | None]]
    today: date
    due_now: DueNow  # the same figures as the study session's header


def dashboard(user: User, now: datetime) -> Dashboard:
    zone_name = user.timezone
    today = local_date(now, zone_name)
    _start, end_of_today = local_day_bounds(now, zone_name)
    cards = service.user_cards(user.id)
    reviews = _review_records(user.id)
    studied = [c for c in cards if service.is_scheduled(c)]
    counts = Counter(c.status for c in cards)
    return Dashboard(
        counts={
            **{s: counts.get(s, 0) for s in ("new", "learning", "known", "ignored")},
            "due": sum(1 for c in studied if c.due < end_of_today),
        },
        forecast=due_forecast([c.due for c in studied], zone_name, today),
        retention=true_retention(reviews, now - timedelta(days=RETENTION_DAYS)),
        streak=streak((r.reviewed_at for r in reviews), zone_name, now),
        reviews_per_day=reviews_per_day((r.reviewed_at for r in reviews), zone_name, today),
        known_over_time=known_over_time(status_events(user.id, cards), zone_name, today),
        articles=article_shares(user.id),
        today=today,
        due_now=due_now(user, now),
    )


def _review_records(user_id: int) -> list[ReviewRecord]:
    rows = db.session.execute(
        select(
            StudyReview.card_id,
            StudyReview.reviewed_at,
            StudyReview.rating,
            StudyReview.state_before,
        ).where(StudyReview.user_id == user_id)
    )
    return [ReviewRecord(*row) for row in rows]


def status_events(user_id: int, cards: Sequence[StudyCard]) -> list[StatusEvent]:
    """Each review's resulting status, plus the current status of cards whose status was
    set by hand after their last review (marked known, ignored, ...)."""
    rows = db.session.execute(
        select(StudyReview.card_id, StudyReview.reviewed_at, StudyReview.status_after).where(
            StudyReview.user_id == user_id
        )
    ).all()
    events = [StatusEvent(card_id, at, status) for card_id, at, status in rows]
    last_review = {c.id: c.last_review for c in cards}
    for card in cards:
        changed = card.status_changed_at
        reviewed = last_review[card.id]
        if reviewed is None or changed > reviewed:
            events.append(StatusEvent(card.id, changed, card.status))
    return events


def known_share(user_id: int, article_id: int) -> float | None:
    """Share (0–1) of the distinct lemmas in the article's vocabulary list that the learner
    knows; None when the article has no vocabulary. For "you know 72% of the words"."""
    return known_shares(user_id, [article_id]).get(article_id)


def known_shares(user_id: int, article_ids: Sequence[int]) -> dict[int, float | None]:
    """`known_share` for many articles in two queries (for article lists)."""
    counts = known_counts(user_id, article_ids)
    return {i: share(*counts[i]) for i in article_ids}


def known_counts(user_id: int, article_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """For each article: (distinct lemmas of its vocabulary list the learner knows, distinct
    lemmas of the list), in two queries. The reading view shows both ("12 of 304")."""
    if not article_ids:
        return {}
    known = select(StudyCard.lemma).where(StudyCard.user_id == user_id, StudyCard.status == "known")
    base = (
        select(VocabEntry.article_id, func.count(VocabEntry.lemma.distinct()))
        .where(VocabEntry.article_id.in_(article_ids), VocabEntry.list_name == "vocab")
        .group_by(VocabEntry.article_id)
    )
    totals: dict[int, int] = {i: n for i, n in db.session.execute(base)}
    knowns: dict[int, int] = {
        i: n for i, n in db.session.execute(base.where(VocabEntry.lemma.in_(known)))
    }
    return {i: (knowns.get(i, 0), totals.get(i, 0)) for i in article_ids}


def article_shares(user_id: int) -> list[tuple[Article, float | None]]:
    ids = service.learner_article_ids(user_id)
    if not ids:
        return []
    shares = known_shares(user_id, ids)
    articles = db.session.scalars(select(Article).where(Article.id.in_(ids))).all()
    return sorted(((a, shares.get(a.id)) for a in articles), key=lambda pair: -pair[0].id)
