"""A learner's own calendar: their "today", in their IANA time zone (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import groupby
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def zone(name: str | None) -> ZoneInfo:
    """The learner's zone; an unknown or empty name falls back to UTC rather than failing."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(moment: datetime, zone_name: str | None) -> date:
    return moment.astimezone(zone(zone_name)).date()


def day_start(day: date, zone_name: str | None) -> datetime:
    """The UTC instant of local midnight starting `day` (DST-safe: wall clock, then UTC)."""
    return datetime.combine(day, time.min, tzinfo=zone(zone_name)).astimezone(UTC)


def local_day_bounds(now: datetime, zone_name: str | None) -> tuple[datetime, datetime]:
    """[start, end) of the learner's current day, as UTC instants."""
    today = local_date(now, zone_name)
    return day_start(today, zone_name), day_start(today + timedelta(days=1), zone_name)


@cache
def timezone_names() -> frozenset[str]:
    """Every IANA zone name the system's tz database knows (tzdata where there is none)."""
    return frozenset(available_timezones())


@cache
def timezone_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Zone names by region ("Africa", "America", ... ; "Other" for UTC and the like), for
    the settings page's choice; legacy aliases such as "US/Eastern" are left out."""
    regions = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
               "Indian", "Pacific")  # fmt: skip

    def region(name: str) -> str:
        head = name.split("/", 1)[0]
        return head if head in regions and "/" in name else "Other"

    names = sorted(n for n in timezone_names() if region(n) != "Other" or n in ("UTC", "Etc/UTC"))
    return tuple(
        (group, tuple(members)) for group, members in groupby(sorted(names, key=region), region)
    )
