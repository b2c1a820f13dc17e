"""Storing study cards and reviews: adding words, rating them, the session queue, settings.

Every write is idempotent: one card per learner and lemma (a unique constraint), one review
per learner and client review id (another), so a retried or doubled request finds the first
row instead of making a second. Concurrent reviews of one card are serialised by the card's
version column (optimistic locking) and retried on the fresh row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from learn.errors import FieldError
from learn.extensions import db, get_by_id
from learn.models import (
    Answer,
    Article,
    ArticleToken,
    Assignment,
    Attempt,
    Enrollment,
    Question,
    Quiz,
    StudyCard,
    StudyReview,
    StudySettings,
    User,
    VocabEntry,
)
from learn.models.base import utcnow
from learn.study import scheduling
from learn.study.timezones import local_day_bounds, timezone_names

# Namespace of the review ids derived from a quiz answer (see `record_quiz_review`).
QUIZ_REVIEW_NAMESPACE = uuid.UUID("6f1d6a4e-3c55-4c1e-9a52-5a1f0e0c7b21")
DEFAULT_NEW_PER_DAY = 10
SETTABLE_STATUSES = ("new", "learning", "known", "ignored")


class StudyInputError(FieldError):
    """Bad input from a learner or client (422); the message is safe to show. Nothing
    changed. `field` names the offending form or JSON field, if any."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(field, message)


@dataclass(frozen=True)
class ReviewOutcome:
    card: StudyCard
    review: StudyReview
    duplicate: bool  # True when this review id had been recorded before (a retry)


@dataclass(frozen=True)
class WordSource:
    """Where a word's gloss, part of speech and example sentence come from."""

    lemma: str
    gloss: str
    pos: str
    article_id: int | None


# --------------------------------------------------------------------------- validation


def parse_rating(value: Any) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if rating not in scheduling.RATING_NAMES:
        raise StudyInputError(
            "The rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).", "rating"
        )
    return rating


def parse_review_uid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise StudyInputError("The review id must be a UUID.", "review_id") from None


def clean_lemma(value: Any) -> str:
    lemma = str(value or "").strip()
    if not lemma or len(lemma) > 100:
        raise StudyInputError("Give the word's lemma (at most 100 characters).", "lemma")
    return lemma


# --------------------------------------------------------------------------- cards


def find_card(user_id: int, lemma: str) -> StudyCard | None:
    return db.session.scalar(
        select(StudyCard).where(StudyCard.user_id == user_id, StudyCard.lemma == lemma)
    )


def word_source(lemma: str, article_id: int | None = None, pos: str | None = None) -> WordSource:
    """The vocabulary entry a new card is made from: this article's if it has the word."""
    query = select(VocabEntry).where(VocabEntry.lemma == lemma)
    if article_id is not None:
        query = query.order_by((VocabEntry.article_id == article_id).desc())
    if pos:
        query = query.order_by((VocabEntry.pos == pos).desc())
    entry = db.session.scalars(query.order_by(VocabEntry.id).limit(1)).first()
    if entry is not None:
        return WordSource(entry.lemma, entry.gloss, entry.pos, entry.article_id)
    # A word the reading view offers but the vocabulary list left out (a name, a rare
    # form): its analysed token still has a gloss and part of speech.
    token = _token_source(lemma, article_id, pos)
    if token is None:
        raise StudyInputError("That word is not in any article's vocabulary.", "lemma")
    return token


def _token_source(lemma: str, article_id: int | None, pos: str | None) -> WordSource | None:
    query = select(ArticleToken).where(ArticleToken.lemma == lemma)
    if article_id is not None:
        query = query.order_by((ArticleToken.article_id == article_id).desc())
    if pos:
        query = query.order_by((ArticleToken.pos == pos).desc())
    token = db.session.scalars(query.order_by(ArticleToken.id).limit(1)).first()
    if token is None:
        return None
    return WordSource(token.lemma, token.gloss, token.pos, token.article_id)


def ensure_card(
    user_id: int,
    lemma: str,
    *,
    status: str,
    origin: str,
    article_id: int | None = None,
    pos: str | None = None,
) -> tuple[StudyCard, bool]:
    """The learner's card for `lemma`, created (and committed) if missing; (card, created)."""
    card = find_card(user_id, lemma)
    if card is not None:
        return card, False
    source = word_source(lemma, article_id, pos)
    card = StudyCard(
        user_id=user_id,
        lemma=source.lemma,
        pos=source.pos,
        gloss=source.gloss,
        status=status,
        origin=origin,
        article_id=source.article_id,
        due=utcnow(),
    )
    db.session.add(card)
    try:
        db.session.commit()
    except IntegrityError:  # the same word added by a parallel request: use its card
        db.session.rollback()
        existing = find_card(user_id, lemma)
        if existing is None:
            raise
        return existing, False
    return card, True


def add_word(user_id: int, lemma: Any, article_id: Any = None, pos: Any = None) -> StudyCard:
    """A word the learner picked while reading: it starts as learning, due at once.

    Adding a word again changes nothing, except that a new or ignored word is brought
    back into study.
    """
    clean = clean_lemma(lemma)
    article = _optional_article_id(article_id)
    card, created = ensure_card(
        user_id, clean, status="learning", origin="reading", article_id=article, pos=pos or None
    )
    if not created and card.status in ("new", "ignored"):
        set_status(card, "learning")
    return card


def _optional_article_id(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        article_id = int(value)
    except (TypeError, ValueError):
        raise StudyInputError("The article id must be a number.", "article_id") from None
    if get_by_id(Article, article_id) is None:
        raise StudyInputError("That article does not exist.", "article_id")
    return article_id


def set_status(card: StudyCard, status: str) -> StudyCard:
    """The learner's own decision about a word (marking it known, ignoring it, ...)."""
    if status not in SETTABLE_STATUSES:
        raise StudyInputError("The status must be new, learning, known or ignored.", "status")
    if card.status != status:
        if status == "new":
            _forget(card)
        card.status = status
        card.status_changed_at = utcnow()
        db.session.commit()
    return card


def mark_word(
    user_id: int, lemma: Any, status: Any, article_id: Any = None, pos: Any = None
) -> StudyCard:
    """The reader's status for a word, set with one click or key in the reading view's word
    panel: new (queued for a study session), learning (on the study list, due at once),
    known, or ignored. A word without a card gets one; a word that has one changes status
    as `set_status` does. Bad input changes nothing."""
    clean = clean_lemma(lemma)
    wanted = str(status or "")
    if wanted not in SETTABLE_STATUSES:
        raise StudyInputError("The status must be new, learning, known or ignored.", "status")
    article = _optional_article_id(article_id)
    card, created = ensure_card(
        user_id, clean, status=wanted, origin="reading", article_id=article, pos=pos or None
    )
    if created:
        return card
    try:
        return set_status(card, wanted)
    except StaleDataError:  # a review of this card landed in between: apply to the fresh row
        db.session.rollback()
        db.session.refresh(card)
        return set_status(card, wanted)


def word_statuses(user_id: int) -> dict[str, str]:
    """The learner's status of each word they have a card for, by lemma (one query)."""
    rows = db.session.execute(
        select(StudyCard.lemma, StudyCard.status).where(StudyCard.user_id == user_id)
    )
    return {lemma: status for lemma, status in rows}


def _forget(card: StudyCard) -> None:
    """Back to new means studying the word from scratch: a fresh FSRS card. The review
    log is kept, so past statistics do not change."""
    card.fsrs_state, card.step = 1, 0
    card.stability = card.difficulty = card.last_review = None
    card.due = utcnow()


def user_cards(user_id: int) -> list[StudyCard]:
    return list(
        db.session.scalars(
            select(StudyCard).where(StudyCard.user_id == user_id).order_by(StudyCard.lemma)
        )
    )


# --------------------------------------------------------------------------- reviews


def submit_review(
    user: User,
    lemma: Any,
    rating: Any,
    review_uid: Any,
    *,
    when: datetime | None = None,
    source: str = "study",
    article_id: Any = None,
    origin: str = "article",
) -> ReviewOutcome:
    """Rate the learner's card for `lemma` (created if the word is new to them).

    The same `review_uid` twice returns the first review (duplicate=True) and changes
    nothing, so a client may retry freely.
    """
    clean = clean_lemma(lemma)
    grade = parse_rating(rating)
    uid = parse_review_uid(review_uid)
    article = _optional_article_id(article_id)
    earlier = _find_review(user.id, uid)
    if earlier is not None:
        return ReviewOutcome(earlier.card, earlier, duplicate=True)
    card, _ = ensure_card(user.id, clean, status="new", origin=origin, article_id=article)
    moment = when or utcnow()
    for attempt in range(3):
        try:
            review = _apply_review(user, card, grade, uid, moment, source)
            db.session.commit()
            return ReviewOutcome(card, review, duplicate=False)
        except IntegrityError:  # a parallel request with the same review id won the race
            db.session.rollback()
            earlier = _find_review(user.id, uid)
            if earlier is None:
                raise
            return ReviewOutcome(earlier.card, earlier, duplicate=True)
        except StaleDataError:  # another review of this card landed first: redo on it
            db.session.rollback()
            if attempt == 2:
                raise
            db.session.refresh(card)
    raise AssertionError("unreachable")


def _find_review(user_id: int, uid: str) -> StudyReview | None:
    return db.session.scalar(
        select(StudyReview).where(StudyReview.user_id == user_id, StudyReview.review_uid == uid)
    )


def _apply_review(
    user: User, card: StudyCard, rating: int, uid: str, when: datetime, source: str
) -> StudyReview:
    moment = scheduling.review_time(card, when)
    updated = scheduling.review(card, rating, moment, user.desired_retention)
    new_status = scheduling.status_after(card.status, rating, updated)
    review = StudyReview(
        user_id=user.id,
        card_id=card.id,
        review_uid=uid,
        rating=rating,
        reviewed_at=moment,
        source=source,
        state_before=card.fsrs_state if card.last_review is not None else None,
        state_after=int(updated.state),
        stability_before=card.stability,
        stability_after=updated.stability,
        difficulty_before=card.difficulty,
        difficulty_after=updated.difficulty,
        due_before=card.due if card.last_review is not None else None,
        due_after=updated.due,
        status_after=new_status,
    )
    scheduling.copy_memory(updated, card)
    card.reps += 1
    if rating == 1 and review.state_before == 2:
        card.lapses += 1  # forgetting a card in review: Anki's lapse
    if new_status != card.status:
        card.status = new_status
        card.status_changed_at = moment
    db.session.add(review)
    return review


def record_quiz_review(
    user_id: int,
    lemma: str | None,
    correct: bool,
    when: datetime,
    answer_key: str | None = None,
) -> ReviewOutcome | None:
    """Count a quiz answer to a vocabulary question as a review (Good if right, else Again).

    Call it after the quiz answer is committed: it commits the session itself. Pass a stable
    `answer_key` (for example f"answer-{answer.id}-{attempt.number}") and the same answer
    recorded twice counts once. Returns None when there is nothing to record (no lemma,
    unknown learner, or a word in no article's vocabulary).
    """
    user = db.session.get(User, user_id)
    if user is None or not (lemma or "").strip():
        return None
    if not settings_for(user_id).quiz_words and find_card(user_id, str(lemma).strip()) is None:
        return None  # the learner keeps quizzes out of their study list
    key = answer_key if answer_key is not None else uuid.uuid4().hex
    review_uid = quiz_review_uid(user_id, key)
    try:
        return submit_review(
            user, lemma, 3 if correct else 1, review_uid, when=when, source="quiz", origin="quiz"
        )
    except StudyInputError:
        return None


def quiz_review_uid(user_id: int, answer_key: str) -> uuid.UUID:
    """The review id a quiz answer is recorded under (stable, so a repeat counts once)."""
    return uuid.uuid5(QUIZ_REVIEW_NAMESPACE, f"{user_id}:{answer_key}")


def _attempt_vocabulary_answers(attempt_id: int) -> list[Any]:
    """(answer id, correct, answered at, lemma, student id) of the attempt's answers to
    vocabulary questions (those with a lemma), in the order they were given."""
    return list(
        db.session.execute(
            select(
                Answer.id, Answer.is_correct, Answer.answered_at, Question.lemma, Attempt.student_id
            )
            .join(Question, Question.id == Answer.question_id)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .where(Answer.attempt_id == attempt_id, Question.lemma.is_not(None))
            .order_by(Answer.answered_at, Answer.id)
        ).all()
    )


def cards_from_attempt(attempt_id: int) -> list[StudyCard]:
    """The study cards this quiz attempt created: words first met in its vocabulary
    questions (the result page announces them)."""
    uids = [
        str(quiz_review_uid(student_id, f"answer-{answer_id}"))
        for answer_id, _correct, _at, _lemma, student_id in _attempt_vocabulary_answers(attempt_id)
    ]
    if not uids:
        return []
    return list(
        db.session.scalars(
            select(StudyCard)
            .join(StudyReview, StudyReview.card_id == StudyCard.id)
            .where(
                StudyReview.review_uid.in_(uids),
                StudyReview.state_before.is_(None),
                StudyCard.origin == "quiz",
            )
            .order_by(StudyCard.lemma)
        )
    )


def record_attempt_reviews(attempt_id: int) -> int:
    """Count every answer of a quiz attempt to a vocabulary question (one with a lemma) as a
    review. Safe to call more than once (e.g. from a repeated submit): each answer is
    keyed by its id. Returns how many answers were recorded for the first time."""
    recorded = 0
    for answer_id, correct, answered_at, lemma, student_id in _attempt_vocabulary_answers(
        attempt_id
    ):
        outcome = record_quiz_review(
            student_id, lemma, bool(correct), answered_at, answer_key=f"answer-{answer_id}"
        )
        recorded += bool(outcome and not outcome.duplicate)
    return recorded


# --------------------------------------------------------------------------- settings


def settings_for(user_id: int) -> StudySettings:
    settings = db.session.get(StudySettings, user_id)
    return settings or StudySettings(
        user_id=user_id, new_per_day=DEFAULT_NEW_PER_DAY, quiz_words=True
    )


def update_settings(
    user: User,
    desired_retention: Any,
    new_per_day: Any,
    timezone: Any = None,
    quiz_words: bool | None = None,
) -> None:
    """Save the learner's study settings; every value is checked first, so bad input
    changes nothing. `timezone` (an IANA name) and `quiz_words` are left as they are when
    None."""
    retention = _parse_retention(desired_retention)
    per_day = _parse_new_per_day(new_per_day)
    zone_name = _parse_timezone(timezone) if timezone is not None else user.timezone

    def apply(settings: StudySettings) -> None:
        settings.new_per_day = per_day
        if quiz_words is not None:
            settings.quiz_words = quiz_words
        user.desired_retention = retention
        user.timezone = zone_name

    settings = db.session.get(StudySettings, user.id)
    if settings is None:
        settings = StudySettings(user_id=user.id, quiz_words=True)
        db.session.add(settings)
    apply(settings)
    try:
        db.session.commit()
    except IntegrityError:  # a parallel save created the row: apply ours to it
        db.session.rollback()
        existing = db.session.get(StudySettings, user.id)
        assert existing is not None
        apply(existing)
        db.session.commit()


def _parse_timezone(value: Any) -> str:
    name = str(value or "").strip()
    if name not in timezone_names():
        raise StudyInputError("Choose a time zone from the list.", "timezone")
    return name


def _parse_retention(value: Any) -> float:
    try:
        retention = float(value)
    except (TypeError, ValueError):
        retention = -1.0
    if retention > 1:  # accept a percentage too: 90 means 0.90
        retention /= 100
    if not scheduling.MIN_RETENTION <= retention <= scheduling.MAX_RETENTION:
        raise StudyInputError("Desired retention must be between 70% and 97%.", "desired_retention")
    return round(retention, 3)


def _parse_new_per_day(value: Any) -> int:
    try:
        per_day = int(value)
    except (TypeError, ValueError):
        per_day = -1
    if not 0 <= per_day <= 200:
        raise StudyInputError(
            "New words per day must be a whole number from 0 to 200.", "new_per_day"
        )
    return per_day


# --------------------------------------------------------------------------- queue


@dataclass(frozen=True)
class NewWord:
    lemma: str
    gloss: str
    pos: str
    article_id: int | None
    origin: str  # "article" (from the learner's articles) or "core" (the political core deck)


def learner_article_ids(user_id: int) -> list[int]:
    """Articles the learner read (added a word from) or was assigned, newest first."""
    assigned = (
        select(Quiz.article_id)
        .join(Assignment, Assignment.quiz_id == Quiz.id)
        .join(Enrollment, Enrollment.class_id == Assignment.class_id)
        .where(Enrollment.student_id == user_id)
    )
    read = select(StudyCard.article_id).where(
        StudyCard.user_id == user_id,
        StudyCard.origin == "reading",
        StudyCard.article_id.is_not(None),
    )
    ids = set(db.session.scalars(assigned)) | set(db.session.scalars(read))
    return sorted((i for i in ids if i is not None), reverse=True)


def new_words(user_id: int, limit: int) -> list[NewWord]:
    """Words to introduce next: the learner's articles' vocabulary (best ranked first),
    then the political core deck. Words the learner already has a card for are skipped."""
    if limit <= 0:
        return []
    words = _article_words(user_id, limit)
    if len(words) < limit:
        seen = {w.lemma for w in words}
        words += [w for w in core_deck(user_id, limit + len(seen)) if w.lemma not in seen]
    return words[:limit]


def _has_card(user_id: int) -> Any:
    return select(StudyCard.lemma).where(StudyCard.user_id == user_id)


def _article_words(user_id: int, limit: int) -> list[NewWord]:
    article_ids = learner_article_ids(user_id)
    if not article_ids:
        return []
    entries = db.session.scalars(
        select(VocabEntry)
        .where(
            VocabEntry.article_id.in_(article_ids),
            VocabEntry.list_name == "vocab",
            VocabEntry.lemma.not_in(_has_card(user_id)),
        )
        .order_by(VocabEntry.article_id.desc(), VocabEntry.rank, VocabEntry.id)
        .limit(limit * 3)  # room for lemmas shared by several articles
    )
    words: dict[str, NewWord] = {}
    for entry in entries:
        words.setdefault(
            entry.lemma,
            NewWord(entry.lemma, entry.gloss, entry.pos, entry.article_id, "article"),
        )
    return list(words.values())[:limit]


def core_deck(user_id: int | None, limit: int) -> list[NewWord]:
    """The political core deck: domain-tagged lemmas (politics, economy, law, military)
    across all imported articles, most frequent first (total occurrences, then articles)."""
    total = func.sum(VocabEntry.count)
    query = (
        select(VocabEntry.lemma, func.min(VocabEntry.id))
        .where(VocabEntry.domain != "general", VocabEntry.list_name == "vocab")
        .group_by(VocabEntry.lemma)
        .order_by(
            total.desc(), func.count(VocabEntry.article_id.distinct()).desc(), VocabEntry.lemma
        )
        .limit(limit)
    )
    if user_id is not None:
        query = query.where(VocabEntry.lemma.not_in(_has_card(user_id)))
    rows = db.session.execute(query).all()
    entries = {
        e.id: e
        for e in db.session.scalars(
            select(VocabEntry).where(VocabEntry.id.in_([entry_id for _, entry_id in rows]))
        )
    }
    return [
        NewWord(lemma, entries[i].gloss, entries[i].pos, entries[i].article_id, "core")
        for lemma, i in rows
    ]


def introduced_today(user: User, now: datetime) -> int:
    """New words the learner started in study sessions since their local midnight."""
    start, _end = local_day_bounds(now, user.timezone)
    return (
        db.session.scalar(
            select(func.count(StudyReview.id)).where(
                StudyReview.user_id == user.id,
                StudyReview.state_before.is_(None),
                StudyReview.source == "study",
                StudyReview.reviewed_at >= start,
            )
        )
        or 0
    )


def scheduled(user_id: int) -> Any:
    """Cards the scheduler owns: words being learnt, and known words once reviewed (a word
    marked known by hand, never reviewed, is not drilled)."""
    return (StudyCard.user_id == user_id) & (
        (StudyCard.status == "learning")
        | ((StudyCard.status == "known") & StudyCard.last_review.is_not(None))
    )


def is_scheduled(card: StudyCard) -> bool:
    return card.status == "learning" or (card.status == "known" and card.last_review is not None)


def due_cards(user_id: int, until: datetime, limit: int | None = None) -> list[StudyCard]:
    query = (
        select(StudyCard)
        .where(scheduled(user_id), StudyCard.due <= until)
        .order_by(StudyCard.due, StudyCard.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def queued_new_cards(user_id: int, limit: int) -> list[StudyCard]:
    return list(
        db.session.scalars(
            select(StudyCard)
            .where(StudyCard.user_id == user_id, StudyCard.status == "new")
            .order_by(StudyCard.created_at, StudyCard.id)
            .limit(limit)
        )
    )
