"""Data kept only for the teacher's results pages: which words students look up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from learn.models.base import Base, UTCDateTime, utcnow


class WordLookup(Base):
    """A student opened the word panel for `lemma` while reading `article_id`.

    One row per opening (not per word): how often a class needs a word is the signal.
    Written by `learn.results.service.record_lookup`.
    """

    __tablename__ = "word_lookups"
    __table_args__ = (Index("ix_word_lookups_user_lemma", "user_id", "lemma"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    lemma: Mapped[str] = mapped_column(String(100))
    looked_up_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
