"""SVG charts for the results pages, drawn on the server (no script, no library).

Each chart is an image with a <title> and a <desc> that states the numbers (role="img");
the pages also show the same numbers in a table, the alternative for everyone who cannot
see the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from learn.web.svg import chart_frame

WIDTH = 600
HEIGHT = 200
PAD_LEFT = 40
PAD_BOTTOM = 28
PAD_TOP = 12
PLOT_H = HEIGHT - PAD_BOTTOM - PAD_TOP


def _frame(chart_id: str, title: str, desc: str, body: Sequence[str], top_label: str) -> Markup:
    return chart_frame(
        chart_id, title, desc, body, top_label,
        width=WIDTH, height=HEIGHT, pad_left=PAD_LEFT, pad_top=PAD_TOP, pad_bottom=PAD_BOTTOM,
        css_class="chart results-chart",
    )  # fmt: skip


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
