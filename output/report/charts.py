"""Small inline SVG charts for the report: horizontal bars (one per site) and columns (per hour
or day). No script, no external style: each chart is one ``<svg>`` element whose labels are
HTML-escaped, with a ``<title>`` per bar so a hover shows the exact figure. Pure.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

__all__ = ["bar_chart", "column_chart"]

_BAR_H, _GAP, _LABEL_W, _BAR_W = 18, 6, 190, 360
_COL_AREA_H = 120


def _svg(width: int, height: int, title: str, body: list[str], chart_id: str) -> str:
    t = html.escape(title)
    return (f'<svg id="{html.escape(chart_id)}" class="chart" role="img" aria-label="{t}" '
            f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{t}</title>{"".join(body)}</svg>')


def bar_chart(items: Sequence[tuple[str, float]], *, title: str, chart_id: str) -> str:
    """One horizontal bar per ``(label, value)``, in the given order, value printed at its end.

    Raises:
        ValueError: on a negative value.
    """
    if any(v < 0 for _, v in items):
        raise ValueError(f"bar values must be 0 or more: {[v for _, v in items if v < 0]!r}")
    top = max((v for _, v in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = i * (_BAR_H + _GAP)
        w = round(_BAR_W * value / top, 1)
        lab, val = html.escape(str(label)), f"{value:g}"
        body.append(
            f'<g class="bar" data-label="{lab}" data-value="{val}">'
            f'<title>{lab}: {val}</title>'
            f'<text x="{_LABEL_W - 6}" y="{y + _BAR_H - 5}" text-anchor="end">{lab}</text>'
            f'<rect x="{_LABEL_W}" y="{y}" width="{w}" height="{_BAR_H}" rx="2"></rect>'
            f'<text x="{_LABEL_W + w + 4}" y="{y + _BAR_H - 5}">{val}</text></g>')
    height = max(len(items) * (_BAR_H + _GAP) - _GAP, _BAR_H)
    return _svg(_LABEL_W + _BAR_W + 50, height, title, body, chart_id)


def column_chart(items: Sequence[tuple[str, float]], *, title: str, chart_id: str,
                 label_every: int = 1) -> str:
    """One column per ``(label, value)``, left to right; every ``label_every``-th label shown.

    Raises:
        ValueError: on a negative value or ``label_every`` below 1.
    """
    if label_every < 1:
        raise ValueError(f"label_every ({label_every!r}) must be 1 or more")
    if any(v < 0 for _, v in items):
        raise ValueError(f"column values must be 0 or more: {[v for _, v in items if v < 0]!r}")
    top = max((v for _, v in items), default=0) or 1
    longest = max((len(str(label)) for label, _ in items), default=1)
    col_w = max(22 if len(items) <= 31 else 10, math.ceil((6.5 * longest + 6) / label_every))
    body = []
    for i, (label, value) in enumerate(items):
        x = 30 + i * col_w
        h = round(_COL_AREA_H * value / top, 1)
        lab, val = html.escape(str(label)), f"{value:g}"
        text = (f'<text x="{x + (col_w - 3) / 2}" y="{_COL_AREA_H + 30}" text-anchor="middle">{lab}</text>'
                if i % label_every == 0 else "")
        top_text = f'<text x="{x + (col_w - 3) / 2}" y="{_COL_AREA_H + 12 - h}" text-anchor="middle">{val}</text>' if value else ""
        body.append(
            f'<g class="col" data-label="{lab}" data-value="{val}"><title>{lab}: {val}</title>'
            f'<rect x="{x}" y="{_COL_AREA_H + 16 - h}" width="{col_w - 3}" height="{h}" rx="1"></rect>'
            f'{top_text}{text}</g>')
    body.append(f'<line x1="28" y1="{_COL_AREA_H + 16}" x2="{30 + len(items) * col_w}" '
                f'y2="{_COL_AREA_H + 16}" class="axis"></line>')
    return _svg(40 + len(items) * col_w, _COL_AREA_H + 40, title, body, chart_id)
