"""Times are stored in UTC and read back timezone-aware in UTC on both databases
(learn/models/base.py UTCDateTime), so no code needs to fix up SQLite's naive values."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError

from learn.extensions import db
from learn.models import Article

AMMAN = ZoneInfo("Asia/Amman")  # UTC+3
MOMENT = datetime(2026, 12, 1, 17, 30, tzinfo=AMMAN)  # 14:30 UTC


def article(analysed_at: datetime | None) -> Article:
    body = f"نص {analysed_at}"
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Article(title="وقت", source="", text=body, text_sha256=sha, analysed_at=analysed_at)


def test_a_time_in_any_zone_comes_back_as_the_same_instant_in_utc(app: Flask) -> None:
    with app.app_context():
        row = article(MOMENT)
        db.session.add(row)
        db.session.commit()
        db.session.expire_all()
        if db.engine.dialect.name == "postgresql":
            # The server would hand back Tokyo's offset; this transaction only.
            db.session.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))
        stored = db.session.get(Article, row.id)
        assert stored is not None and stored.analysed_at is not None
        assert stored.analysed_at == MOMENT
        assert stored.analysed_at.tzinfo is UTC
        assert stored.analysed_at.hour == 14
        # Aggregates carry the column's type, so they come back aware too.
        latest = db.session.scalar(select(func.max(Article.analysed_at)))
        assert latest == MOMENT and latest.tzinfo is UTC


def test_comparisons_in_sql_are_between_instants(app: Flask) -> None:
    with app.app_context():
        db.session.add(article(MOMENT))
        db.session.commit()
        # Thirty minutes before, written in New York's time (UTC-5): 09:00 there.
        before = (MOMENT - timedelta(minutes=30)).astimezone(ZoneInfo("America/New_York"))
        after = (MOMENT + timedelta(minutes=30)).astimezone(ZoneInfo("Asia/Tokyo"))
        assert db.session.scalar(select(func.count()).where(Article.analysed_at > before)) == 1
        assert db.session.scalar(select(func.count()).where(Article.analysed_at > after)) == 0


def test_sqlite_stores_the_utc_digits(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL stores timestamptz, an instant")
        db.session.add(article(MOMENT))
        db.session.commit()
        raw = db.session.scalar(text("SELECT analysed_at FROM articles"))
        assert str(raw).startswith("2026-12-01 14:30:00")


def test_a_naive_time_is_refused(app: Flask) -> None:
    with app.app_context():
        db.session.add(article(datetime(2026, 12, 1, 17, 30)))
        with pytest.raises(StatementError, match="timezone-aware"):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Article)) == 0
