"""A learner's own calendar: their "today", in their IANA time zone (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None) -> ZoneInfo:
    """The learner's zone; an unknown or empty name falls back to UTC rather than failing."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: datetime, zone_name: str | None) -> date:
    if moment.tzinfo is None:  # SQLite gives back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name)).date()


def day_start(day: date, zone_name: str | None) -> datetime:
    """The UTC instant of local midnight starting `day` (DST-safe: wall clock, then UTC)."""
    return datetime.combine(day, time.min, tzinfo=zone(zone_name)).astimezone(UTC)


def local_day_bounds(now: datetime, zone_name: str | None) -> tuple[datetime, datetime]:
    """[start, end) of the learner's current day, as UTC instants."""
    today = local_date(now, zone_name)
    return day_start(today, zone_name), day_start(today + timedelta(days=1), zone_name)
