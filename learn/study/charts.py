"""Small SVG charts drawn on the server: no script, no external library.

Each chart is an accessible image (role="img" with <title> and <desc>); the numbers are
also in the <desc>, since a screen reader cannot read bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from learn.web.svg import chart_frame

WIDTH = 600
HEIGHT = 180
PAD_LEFT = 36
PAD_BOTTOM = 24
PAD_TOP = 10


def _scale(values: Sequence[int]) -> int:
    """A round top for the y axis (at least 1 so that an empty chart still draws)."""
    top = max([*values, 1])
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if top <= step * 4:
            return step * ((top + step - 1) // step)
    return top


def _frame(chart_id: str, title: str, desc: str, body: list[str], top: int) -> Markup:
    return chart_frame(
        chart_id, title, desc, body, str(top),
        width=WIDTH, height=HEIGHT, pad_left=PAD_LEFT, pad_top=PAD_TOP, pad_bottom=PAD_BOTTOM,
    )  # fmt: skip


def _describe(series: Sequence[tuple[date, int]], unit: str) -> str:
    return "; ".join(f"{day.isoformat()}: {value} {unit}" for day, value in series)


def _x_labels(series: Sequence[tuple[date, int]], slot: float) -> list[str]:
    """First, middle and last dates under the axis (every label would not fit); the outer
    ones are anchored inwards so that they are not cut off at the edges."""
    if not series:
        return []
    last = len(series) - 1
    placed: dict[int, tuple[float, str]] = {0: (PAD_LEFT, "start"), last: (WIDTH, "end")}
    if len(series) > 2:
        placed[last // 2] = (PAD_LEFT + slot * (last // 2 + 0.5), "middle")
    return [
        f'<text class="tick" x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
        f"{series[i][0].strftime('%d %b')}</text>"
        for i, (x, anchor) in sorted(placed.items())
    ]


def bar_chart(chart_id: str, title: str, series: Sequence[tuple[date, int]], unit: str) -> Markup:
    values = [v for _, v in series]
    top = _scale(values)
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = (WIDTH - PAD_LEFT) / max(len(series), 1)
    bars = []
    for i, (day, value) in enumerate(series):
        height = plot_h * value / top
        bars.append(
            f'<rect class="bar" x="{PAD_LEFT + slot * i + slot * 0.15:.1f}" '
            f'y="{PAD_TOP + plot_h - height:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}"><title>{day.isoformat()}: {value} {escape(unit)}</title></rect>'
        )
    return _frame(chart_id, title, _describe(series, unit), bars + _x_labels(series, slot), top)


def line_chart(chart_id: str, title: str, series: Sequence[tuple[date, int]], unit: str) -> Markup:
    values = [v for _, v in series]
    top = _scale(values)
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = (WIDTH - PAD_LEFT) / max(len(series), 1)
    points = " ".join(
        f"{PAD_LEFT + slot * (i + 0.5):.1f},{PAD_TOP + plot_h - plot_h * v / top:.1f}"
        for i, v in enumerate(values)
    )
    line = [f'<polyline class="line" fill="none" points="{points}"/>'] if series else []
    return _frame(chart_id, title, _describe(series, unit), line + _x_labels(series, slot), top)
