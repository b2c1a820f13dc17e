"""Spaced-repetition self-study: one card per learner and lemma, every review logged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.models.accounts import User
from learn.models.articles import Article
from learn.models.base import Base, TimestampMixin, UTCDateTime, utcnow

# new: queued, never studied; learning: being studied; known: mature (or marked known);
# ignored: the learner does not want to study it (never shown, not counted).
STUDY_STATUSES = ("new", "learning", "known", "ignored")


class StudyCard(TimestampMixin, Base):
    """A learner's card for one lemma, with the FSRS memory state (fsrs.Card's fields)."""

    __tablename__ = "study_cards"
    __table_args__ = (
        # One card per learner and lemma: a repeated "add word" finds the first card.
        UniqueConstraint("user_id", "lemma"),
        CheckConstraint("status IN ('new', 'learning', 'known', 'ignored')", name="status"),
        CheckConstraint("fsrs_state IN (1, 2, 3)", name="fsrs_state"),
        Index("ix_study_cards_user_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    lemma: Mapped[str] = mapped_column(String(100))
    pos: Mapped[str] = mapped_column(String(20), default="")
    gloss: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="new")
    # Where the word came from: reading, article, core, quiz, api.
    origin: Mapped[str] = mapped_column(String(16), default="article")
    # The article whose sentence the cloze face uses (and that the card links back to).
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    # fsrs.Card: state 1 Learning, 2 Review, 3 Relearning; step within the learning steps.
    fsrs_state: Mapped[int] = mapped_column(Integer, default=1)
    step: Mapped[int | None] = mapped_column(Integer, default=0)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    # When the status last changed (a word marked known by hand is known from then on).
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Optimistic locking: two reviews of one card at the same moment cannot both apply
    # to the same memory state; the second one is retried on the fresh row.
    version: Mapped[int] = mapped_column(Integer, default=1)

    user: Mapped[User] = relationship()
    article: Mapped[Article | None] = relationship()
    reviews: Mapped[list[StudyReview]] = relationship(
        back_populates="card", cascade="all, delete-orphan", order_by="StudyReview.reviewed_at"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own dict)


class StudyReview(Base):
    """One review of a card: the rating, when, and the memory state before and after."""

    __tablename__ = "study_reviews"
    __table_args__ = (
        # The client's review id: a retried request finds the first review, never a second.
        UniqueConstraint("user_id", "review_uid"),
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating"),
        Index("ix_study_reviews_user_time", "user_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(
        ForeignKey("study_cards.id", ondelete="CASCADE"), index=True
    )
    review_uid: Mapped[str] = mapped_column(String(36))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(16), default="study")  # study | quiz | api
    # State before (None: the card had never been reviewed) and after the review.
    state_before: Mapped[int | None] = mapped_column(Integer)
    state_after: Mapped[int] = mapped_column(Integer)
    stability_before: Mapped[float | None] = mapped_column(Float)
    stability_after: Mapped[float | None] = mapped_column(Float)
    difficulty_before: Mapped[float | None] = mapped_column(Float)
    difficulty_after: Mapped[float | None] = mapped_column(Float)
    due_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_after: Mapped[datetime] = mapped_column(UTCDateTime())
    status_after: Mapped[str] = mapped_column(String(16))

    card: Mapped[StudyCard] = relationship(back_populates="reviews")


class StudySettings(Base):
    """Per-learner study preferences (desired retention itself lives on User)."""

    __tablename__ = "study_settings"
    __table_args__ = (CheckConstraint("new_per_day BETWEEN 0 AND 200", name="new_per_day"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    new_per_day: Mapped[int] = mapped_column(Integer, default=10)
    # Vocabulary questions answered in a quiz add their words to the study list (announced
    # on the quiz's result page); off: quiz answers only count for words already on it.
    quiz_words: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
