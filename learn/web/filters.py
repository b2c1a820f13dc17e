"""Template filters and tests every feature's pages use, registered on the app once:
`percent`, `local_time` (a time on the viewer's own clock) and the `rtl` test."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from learn.accounts.auth import current_user
from learn.study.timezones import zone
from learn.web.bidi import is_rtl


def percent(fraction: float | None, missing: str = "—") -> str:
    """0.667 → "67%"; `missing` when there is no value (no score yet: "—"; a statistic the
    data leave undefined: "n/a")."""
    return missing if fraction is None else f"{fraction * 100:.0f}%"


def local_time(moment: datetime | None, missing: str = "no due date") -> str:
    """A stored time on the signed-in user's clock (their profile's time zone; UTC without
    one), e.g. "Tue 1 Dec 2026, 17:00 (Asia/Amman)"; `missing` when there is no time."""
    if moment is None:
        return missing
    user = current_user()
    local_zone = zone(user.timezone if user else None)
    local = moment.astimezone(local_zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({local_zone.key})"


def init_app(app: Flask) -> None:
    app.add_template_filter(percent, "percent")
    app.add_template_filter(local_time, "local_time")
    # A user-supplied title is set in its own direction: {% if title is rtl %}
    # (templates/_text.html).
    app.add_template_test(is_rtl, "rtl")
