"""SVG charts for the results pages, drawn on the server (no script, no library).

Each chart is an image with a <title> and a <desc> that states the numbers (role="img");
the pages also show the same numbers in a table, the alternative for everyone who cannot
see the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 600
HEIGHT = 200
PAD_LEFT = 40
PAD_BOTTOM = 28
PAD_TOP = 12
PLOT_H = HEIGHT - PAD_BOTTOM - PAD_TOP


def _frame(chart_id: str, title: str, desc: str, body: Sequence[str], top_label: str) -> Markup:
    base_y = PAD_TOP + PLOT_H
    axis = (
        f'<line class="axis" x1="{PAD_LEFT}" y1="{base_y}" x2="{WIDTH}" y2="{base_y}"/>'
        f'<text class="tick" x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" text-anchor="end">'
        f"{escape(top_label)}</text>"
        f'<text class="tick" x="{PAD_LEFT - 4}" y="{base_y}" text-anchor="end">0</text>'
    )
    return Markup(
        f'<svg class="chart results-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{axis}{"".join(body)}</svg>'
    )


def _bar(x: float, width: float, height: float, tooltip: str) -> str:
    return (
        f'<rect class="bar" x="{x:.1f}" y="{PAD_TOP + PLOT_H - height:.1f}" '
        f'width="{width:.1f}" height="{height:.1f}"><title>{escape(tooltip)}</title></rect>'
    )


def _label(x: float, text: str) -> str:
    return (
        f'<text class="tick" x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
        f"{escape(text)}</text>"
    )


def bin_label(index: int, bins: int) -> str:
    low, high = 100 * index // bins, 100 * (index + 1) // bins
    return f"{low}–{high}%"


def histogram_chart(chart_id: str, title: str, counts: Sequence[int]) -> Markup:
    """Bars of attempts per score band (0–10%, ..., 90–100%)."""
    top = max([*counts, 1])
    slot = (WIDTH - PAD_LEFT) / max(len(counts), 1)
    body = []
    for i, count in enumerate(counts):
        label = bin_label(i, len(counts))
        noun = "attempt" if count == 1 else "attempts"
        x = PAD_LEFT + slot * i
        body.append(
            _bar(x + slot * 0.1, slot * 0.8, PLOT_H * count / top, f"{label}: {count} {noun}")
        )
        if i % 2 == 0:  # every other band label fits under the axis
            body.append(_label(x + slot / 2, label))
    desc = "; ".join(f"{bin_label(i, len(counts))}: {c}" for i, c in enumerate(counts))
    return _frame(chart_id, title, f"Attempts per score band. {desc}", body, str(top))


def progress_chart(chart_id: str, title: str, points: Sequence[tuple[str, float | None]]) -> Markup:
    """The class's mean score (0–1) per quiz, as bars in the order the quizzes were set."""
    slot = (WIDTH - PAD_LEFT) / max(len(points), 1)
    body = []
    for i, (label, mean) in enumerate(points):
        x = PAD_LEFT + slot * i
        shown = "n/a" if mean is None else f"{round(mean * 100)}%"
        body.append(_bar(x + slot * 0.15, slot * 0.7, PLOT_H * (mean or 0.0), f"{label}: {shown}"))
        body.append(_label(x + slot / 2, str(i + 1)))
    desc = "; ".join(
        f"{i + 1}. {label}: {'n/a' if mean is None else f'{round(mean * 100)}%'}"
        for i, (label, mean) in enumerate(points)
    )
    return _frame(chart_id, title, f"Mean score per quiz, numbered in order. {desc}", body, "100%")
