"""The study session: which card comes next, and what its face shows.

Order (as in Anki): cards due now first, then new words up to the learner's daily limit,
then — with nothing else left — learning cards due within the learn-ahead window.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from learn.extensions import db
from learn.models import Article, StudyCard, User, VocabEntry
from learn.study import scheduling, service
from learn.study.timezones import local_day_bounds

FACES = ("recognition", "production", "cloze")


@dataclass(frozen=True)
class Example:
    """The article sentence a word came from, split around the word for the cloze face."""

    before: str
    word: str
    after: str


@dataclass(frozen=True)
class StudyItem:
    lemma: str
    gloss: str
    pos: str
    kind: str  # due | new | ahead
    face: str  # recognition (Arabic → meaning) | production (meaning → Arabic) | cloze
    origin: str
    article_id: int | None
    article_title: str | None
    example: Example | None
    intervals: dict[int, str]  # rating → label of the next interval, e.g. {3: "10 min"}
    review_uid: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class DueNow:
    """What a study session has for the learner now — the one count that the session's
    header and the dashboard both show, so they never disagree."""

    reviews: int  # words studied before, due now
    new_words: int  # words never studied that a session shows now (see `due_now`)
    later_today: int  # studied words that fall due later in the learner's day
    new_left: int  # how many more new words the daily limit allows today

    @property
    def total(self) -> int:
        return self.reviews + self.new_words


def due_now(user: User, now: datetime) -> DueNow:
    """Reviews due now; new words: those added while reading (due at once) and, up to the
    daily limit, the queue's and the learner's articles' new words; and what comes due
    later today."""
    due = service.due_cards(user.id, now)
    never_studied = sum(1 for card in due if _never_studied(card))
    new_left = max(
        0, service.settings_for(user.id).new_per_day - service.introduced_today(user, now)
    )
    waiting = 0
    if new_left:
        queued = service.queued_new_cards(user.id, new_left)
        waiting = len(queued) + len(service.new_words(user.id, new_left - len(queued)))
    _start, end_of_day = local_day_bounds(now, user.timezone)
    later = service.due_cards(user.id, end_of_day)
    return DueNow(
        reviews=len(due) - never_studied,
        new_words=never_studied + min(waiting, new_left),
        later_today=sum(1 for card in later if card.due > now),
        new_left=new_left,
    )


def _never_studied(card: StudyCard) -> bool:
    return card.last_review is None and not card.reps


@dataclass(frozen=True)
class SessionState:
    item: StudyItem | None
    due: DueNow
    next_due: datetime | None  # when the next card falls due, if the session is over

    @property
    def new_left(self) -> int:
        return self.due.new_left


def next_item(user: User, now: datetime) -> SessionState:
    counts = due_now(user, now)
    due = service.due_cards(user.id, now, limit=1)
    if due:
        return SessionState(_card_item(user, due[0], "due", now), counts, None)
    if counts.new_left:
        item = _next_new_item(user, now)
        if item is not None:
            return SessionState(item, counts, None)
    ahead = service.due_cards(user.id, now + scheduling.LEARN_AHEAD, limit=1)
    if ahead and ahead[0].fsrs_state != 2:  # only (re)learning steps are shown early
        return SessionState(_card_item(user, ahead[0], "ahead", now), counts, None)
    return SessionState(None, counts, _next_due(user.id))


def _next_new_item(user: User, now: datetime) -> StudyItem | None:
    queued = service.queued_new_cards(user.id, 1)
    if queued:
        return _card_item(user, queued[0], "new", now)
    words = service.new_words(user.id, 1)
    if not words:
        return None
    word = words[0]
    fresh = StudyCard(lemma=word.lemma, status="new", fsrs_state=1, step=0, due=now, reps=0)
    return _item(user, fresh, word.gloss, word.pos, word.article_id, "new", word.origin, now)


def _card_item(user: User, card: StudyCard, kind: str, now: datetime) -> StudyItem:
    """A card of the learner's; one never studied (added while reading) is a new word, not
    a review, whatever brought it up."""
    if _never_studied(card):
        kind = "new"
    return _item(user, card, card.gloss, card.pos, card.article_id, kind, card.origin, now)


def _item(
    user: User,
    card: StudyCard,
    gloss: str,
    pos: str,
    article_id: int | None,
    kind: str,
    origin: str,
    now: datetime,
) -> StudyItem:
    example = example_for(card.lemma, article_id)
    article = db.session.get(Article, article_id) if article_id is not None else None
    intervals = scheduling.preview_intervals(card, now, user.desired_retention)
    return StudyItem(
        lemma=card.lemma,
        gloss=gloss,
        pos=pos,
        kind=kind,
        face=choose_face(card.reps or 0, example is not None),
        origin=origin,
        article_id=article_id,
        article_title=article.title if article else None,
        example=example,
        intervals={r: scheduling.format_interval(d) for r, d in intervals.items()},
    )


def choose_face(reps: int, has_example: bool) -> str:
    """A word is first met Arabic → meaning; later reviews rotate through the faces."""
    if reps == 0:
        return "recognition"
    faces = FACES if has_example else FACES[:2]
    return faces[reps % len(faces)]


def example_for(lemma: str, article_id: int | None) -> Example | None:
    entry = db.session.scalars(
        select(VocabEntry)
        .where(VocabEntry.lemma == lemma)
        .order_by((VocabEntry.article_id == article_id).desc(), VocabEntry.id)
        .limit(1)
    ).first()
    if entry is None:
        return None
    return split_example((entry.data or {}).get("examples") or [])


def split_example(examples: list[Any]) -> Example | None:
    for example in examples:
        try:
            text, start, end = str(example["text"]), int(example["start"]), int(example["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            return Example(text[:start], text[start:end], text[end:])
    return None


def _next_due(user_id: int) -> datetime | None:
    upcoming = db.session.scalar(select(func.min(StudyCard.due)).where(service.scheduled(user_id)))
    return upcoming


def remaining_label(moment: datetime, now: datetime) -> str:
    return scheduling.format_interval(max(moment - now, timedelta(0)))
