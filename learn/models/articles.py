"""Articles and the lesson made from each: analysed tokens, vocabulary, questions, corrections."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.models.base import Base, TimestampMixin, UTCDateTime, utcnow


class Article(TimestampMixin, Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="ar")
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # SHA-256 of the text: importing the same article twice finds the first copy.
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # File name of the seed it came from, if any (seeds are imported once).
    seed_name: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # When the analysis and lesson were last generated (None: not analysed yet).
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    tokens: Mapped[list[ArticleToken]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleToken.position"
    )
    vocabulary: Mapped[list[VocabEntry]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="VocabEntry.rank"
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Question.id"
    )

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:30]!r}>"


class ArticleToken(Base):
    """One analysed token of an article, in text order (the reading view's words)."""

    __tablename__ = "article_tokens"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # index in the whole article
    sentence: Mapped[int] = mapped_column(Integer)
    index: Mapped[int] = mapped_column(Integer)  # index in its sentence
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # The word exactly as written, text[start:end], however long (a 150-letter run is odd
    # but valid input): cutting it would break that contract.
    surface: Mapped[str] = mapped_column(Text)
    diac: Mapped[str] = mapped_column(String(150), default="")
    lemma: Mapped[str] = mapped_column(String(100), default="", index=True)
    pos: Mapped[str] = mapped_column(String(20), default="")
    gloss: Mapped[str] = mapped_column(String(300), default="")
    root: Mapped[str | None] = mapped_column(String(20))
    entity: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20), default="lex")
    # The written word in parts: [{"kind": "proclitic"|"stem"|"enclitic", "form", "gloss"}];
    # empty for a word without clitics (and for tokens analysed before parts were kept).
    parts: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=list)
    # Readings that came close to the chosen one: [{"lemma", "pos", "gloss", "diac"}].
    alternatives: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=list)
    # Why the word has no root: function word, name, borrowed word, abbreviation, not found.
    root_note: Mapped[str | None] = mapped_column(String(20))

    article: Mapped[Article] = relationship(back_populates="tokens")


class VocabEntry(Base):
    """One lemma of an article's vocabulary list (or of its people & places list)."""

    __tablename__ = "vocab_entries"
    # A name can be both a vocabulary word and a person or place: unique per list.
    __table_args__ = (UniqueConstraint("article_id", "list_name", "lemma", "pos"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    lemma: Mapped[str] = mapped_column(String(100), index=True)
    pos: Mapped[str] = mapped_column(String(20))
    gloss: Mapped[str] = mapped_column(String(300), default="")
    root: Mapped[str | None] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=1)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    zipf: Mapped[float | None] = mapped_column(Float)
    domain: Mapped[str] = mapped_column(String(40), default="general")
    # "vocab" for the ranked list; "people_places" for names of people, places, organisations.
    list_name: Mapped[str] = mapped_column(String(20), default="vocab")
    # The full entry as the lesson layer produced it (forms, examples with spans, ...).
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    article: Mapped[Article] = relationship(back_populates="vocabulary")


QUESTION_STATUSES = ("pending", "approved", "rejected")
QUESTION_FORMATS = ("multiple_choice", "true_false", "short_answer")


class Question(TimestampMixin, Base):
    """A question about an article: generated (status pending until a teacher reviews it)
    or written by a teacher.

    Versions: a question that an assigned quiz uses is frozen — an edit makes a new row
    (same `uid`, `version` + 1) and the old one points to it with `replaced_by_id`, so live
    quizzes, attempts and answers keep the prompt and key they were given. The current
    version is the row with `replaced_by_id` NULL (learn/quizzes/questions.py)."""

    __tablename__ = "questions"
    __table_args__ = (
        # One row per version; two editors making "version 2" at once: one of them wins.
        UniqueConstraint("article_id", "uid", "version"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        CheckConstraint(
            "format IN ('multiple_choice', 'true_false', 'short_answer')", name="format"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # Stable id: the generator's deterministic id, or "t-<random>" for a teacher's question.
    uid: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(20))  # who, what, how_long, ..., cloze, root, custom
    format: Mapped[str] = mapped_column(String(20), default="multiple_choice")
    prompt_ar: Mapped[str] = mapped_column(Text, default="")
    prompt_en: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text)
    # Multiple choice: the answer and its distractors. Short answer: accepted variants.
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    accepted_answers: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    difficulty: Mapped[float | None] = mapped_column(Float)
    # The lemma a vocabulary question tests (feeds spaced repetition), if any.
    lemma: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    origin: Mapped[str] = mapped_column(String(20), default="generated")  # generated | teacher
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # The generator's full output, kept so an edit can be compared with the original.
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )

    article: Mapped[Article] = relationship(back_populates="questions")


class Correction(TimestampMixin, Base):
    """A teacher's correction of a word's analysis. It applies to its article at once and is
    passed to the analysis engine as an overlay entry for every later import."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The article the teacher corrected it in (where it was first applied).
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # The word as written; one correction per written form (a new one replaces the old).
    surface: Mapped[str] = mapped_column(String(100), unique=True)
    lemma: Mapped[str] = mapped_column(String(100))
    gloss: Mapped[str] = mapped_column(String(300))
    pos: Mapped[str | None] = mapped_column(String(20))
    root: Mapped[str | None] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
