"""FSRS scheduling on top of the `fsrs` package (v6): no Flask, no database session.

A `StudyCard` row holds exactly the fields of an `fsrs.Card`; these functions convert
between the two, review a card, and preview the next interval of each rating. Fuzzing is
off so that the interval a rating button shows is the interval the review then gives,
and so that a learner's history always replays to the same schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from learn.models.study import StudyCard

# Anki calls a card "mature" once its interval reaches 21 days; Sahifa calls the word known.
MATURE_INTERVAL = timedelta(days=21)
# Anki's "learn ahead limit": with nothing else to do, learning cards due this soon are shown.
LEARN_AHEAD = timedelta(minutes=20)
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def scheduler_for(desired_retention: float) -> Scheduler:
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def to_fsrs(card: StudyCard) -> Card:
    return Card(
        card_id=card.id or 1,
        state=State(card.fsrs_state or State.Learning),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def copy_memory(source: Card, target: StudyCard) -> None:
    target.fsrs_state = int(source.state)
    target.step = source.step
    target.stability = source.stability
    target.difficulty = source.difficulty
    target.due = source.due
    target.last_review = source.last_review


def review_time(card: StudyCard, when: datetime) -> datetime:
    """Reviews arriving out of order (a quiz answer sent late) count as of the last review,
    since FSRS cannot review a card in its past."""
    if card.last_review is not None:
        return max(when, card.last_review)
    return when


def review(card: StudyCard, rating: int, when: datetime, desired_retention: float) -> Card:
    """The card's memory state after `rating` at `when` (the row is not changed)."""
    updated, _log = scheduler_for(desired_retention).review_card(
        to_fsrs(card), Rating(rating), review_datetime=review_time(card, when)
    )
    return updated


def preview_intervals(
    card: StudyCard, when: datetime, desired_retention: float
) -> dict[int, timedelta]:
    """For each rating 1–4, how long until the card would be due again."""
    moment = review_time(card, when)
    return {
        rating: review(card, rating, moment, desired_retention).due - moment
        for rating in RATING_NAMES
    }


def status_after(current_status: str, rating: int, updated: Card) -> str:
    """A word is known once its interval is mature, and stays known until it is forgotten."""
    if current_status == "ignored":
        return "ignored"  # the learner's choice outlives any review
    if rating == Rating.Again:
        return "learning"
    if current_status == "known":
        return "known"
    if updated.state == State.Review and is_mature(updated):
        return "known"
    return "learning"


def is_mature(card: Card) -> bool:
    if card.last_review is None:
        return False
    return card.due - card.last_review >= MATURE_INTERVAL


@dataclass(frozen=True)
class IntervalUnit:
    limit: timedelta
    size: timedelta
    suffix: str


_UNITS = (
    IntervalUnit(timedelta(hours=1), timedelta(minutes=1), "min"),
    IntervalUnit(timedelta(days=1), timedelta(hours=1), "h"),
    IntervalUnit(timedelta(days=30), timedelta(days=1), "d"),
    IntervalUnit(timedelta(days=365), timedelta(days=30), "mo"),
)


def format_interval(interval: timedelta) -> str:
    """Anki-style short label: 1 min, 10 min, 3 h, 4 d, 2.5 mo, 1.2 y."""
    interval = max(interval, timedelta(minutes=1))
    for unit in _UNITS:
        if interval < unit.limit:
            return _label(interval / unit.size, unit.suffix)
    return _label(interval / timedelta(days=365), "y")


def _label(amount: float, suffix: str) -> str:
    if suffix in ("mo", "y") and amount < 10:
        text = f"{amount:.1f}".removesuffix(".0")
    else:
        text = str(round(amount))
    return f"{text} {suffix}"
