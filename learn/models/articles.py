"""Articles: the news texts that lessons are made from."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from learn.models.base import Base, TimestampMixin


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

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:30]!r}>"
