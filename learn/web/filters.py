"""Template filters and tests every feature's pages use, registered on the app once."""

from __future__ import annotations

from flask import Flask

from learn.web.bidi import is_rtl


def percent(fraction: float | None, missing: str = "—") -> str:
    """0.667 → "67%"; `missing` when there is no value (no score yet: "—"; a statistic the
    data leave undefined: "n/a")."""
    return missing if fraction is None else f"{fraction * 100:.0f}%"


def init_app(app: Flask) -> None:
    app.add_template_filter(percent, "percent")
    # A user-supplied title is set in its own direction: {% if title is rtl %}
    # (templates/_text.html).
    app.add_template_test(is_rtl, "rtl")
