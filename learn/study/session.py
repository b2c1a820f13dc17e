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
from learn.study.scheduling import as_utc

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
class SessionState:
    item: StudyItem | None
    due_count: int
    new_left: int
    next_due: datetime | None  # when the next card falls due, if the session is over


def next_item(user: User, now: datetime) -> SessionState:
    due = service.due_cards(user.id, now)
    new_left = max(
        0, service.settings_for(user.id).new_per_day - service.introduced_today(user, now)
    )
    if due:
        return SessionState(_card_item(user, due[0], "due", now), len(due), new_left, None)
    if new_left:
        item = _next_new_item(user, now)
        if item is not None:
            return SessionState(item, 0, new_left, None)
    ahead = service.due_cards(user.id, now + scheduling.LEARN_AHEAD, limit=1)
    if ahead and ahead[0].fsrs_state != 2:  # only (re)learning steps are shown early
        return SessionState(_card_item(user, ahead[0], "ahead", now), 0, new_left, None)
    return SessionState(None, 0, new_left, _next_due(user.id))


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
    return as_utc(upcoming) if upcoming else None


def remaining_label(moment: datetime, now: datetime) -> str:
    return scheduling.format_interval(max(as_utc(moment) - now, timedelta(0)))
