"""The frame every server-rendered chart shares: an accessible SVG image with a baseline,
a top and a zero tick, a <title> and a <desc> stating the numbers (no script, no library)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape


def chart_frame(
    chart_id: str,
    title: str,
    desc: str,
    body: Sequence[str],
    top_label: str,
    *,
    width: int,
    height: int,
    pad_left: int,
    pad_top: int,
    pad_bottom: int,
    css_class: str = "chart",
) -> Markup:
    """Wrap chart marks (`body`, already escaped) in the SVG element and its y axis."""
    base_y = height - pad_bottom
    axis = (
        f'<line class="axis" x1="{pad_left}" y1="{base_y}" x2="{width}" y2="{base_y}"/>'
        f'<text class="tick" x="{pad_left - 4}" y="{pad_top + 4}" text-anchor="end">'
        f"{escape(top_label)}</text>"
        f'<text class="tick" x="{pad_left - 4}" y="{base_y}" text-anchor="end">0</text>'
    )
    return Markup(
        f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{axis}{"".join(body)}</svg>'
    )
