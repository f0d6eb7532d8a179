"""Small SVG charts drawn as text: bars, stacked bars, a day-by-day column chart, a heatmap.

Our own few lines instead of a charting library: the report stays one file with no scripts.
Every chart scales with its container (viewBox, width 100%) and is coloured by CSS classes, so
the page's stylesheet decides the colours on screen and in print. Labels are escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

WEEKDAY_LETTERS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def _svg(width: float, height: float, label: str, body: str, css: str) -> str:
    return (
        f'<svg class="{css}" viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-label="{html.escape(label)}"'
        f' preserveAspectRatio="none">{body}</svg>'
    )


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def bar(share: float, label: str, css: str = "fill") -> str:
    """A share from 0 to 1 as a horizontal bar on a track."""
    share = max(0.0, min(1.0, share))
    body = f'<rect class="track" width="100" height="8"/><rect class="{css}" width="{_n(share * 100)}" height="8"/>'
    return _svg(100, 8, label, body, "bar")


def stacked(parts: Sequence[tuple[int, str]], total: int, label: str) -> str:
    """Counts side by side on one bar, each as a share of `total`, coloured by its CSS class."""
    body = ['<rect class="track" width="100" height="8"/>']
    x = 0.0
    for count, css in parts:
        width = count / total * 100 if total else 0.0
        if width > 0:
            body.append(f'<rect class="{css}" x="{_n(x)}" width="{_n(width)}" height="8"/>')
        x += width
    return _svg(100, 8, label, "".join(body), "bar")


def columns(values: Sequence[float | None], top: float, label: str) -> str:
    """A column per value (one a day), scaled to `top`; a low mark where there is no value."""
    width, gap, height = 3.0, 1.0, 24.0
    body = []
    for index, value in enumerate(values):
        x = index * (width + gap)
        if value is None or value <= 0 or top <= 0:
            body.append(f'<rect class="none" x="{_n(x)}" y="{_n(height - 1)}" width="{_n(width)}" height="1"/>')
            continue
        tall = max(1.0, min(1.0, value / top) * height)
        body.append(f'<rect class="col" x="{_n(x)}" y="{_n(height - tall)}" width="{_n(width)}" height="{_n(tall)}"/>')
    return _svg(len(values) * (width + gap) - gap, height, label, "".join(body), "spark")


def heatmap(weeks: Sequence[tuple[date, Sequence[int | None]]], label: str) -> str:
    """Answers per day: a column per week (Monday first), a row per weekday, darker for more."""
    cell, gap, left, top = 10.0, 2.0, 22.0, 12.0
    highest = max((n for _, days in weeks for n in days if n), default=0)
    body = []
    for row, name in enumerate(WEEKDAY_LETTERS):
        if name:
            y = top + row * (cell + gap) + cell - 1.5
            body.append(f'<text class="axis" x="0" y="{_n(y)}">{name}</text>')
    for column, (monday, days) in enumerate(weeks):
        x = left + column * (cell + gap)
        month = _month_starting(monday)
        if month:
            body.append(f'<text class="axis" x="{_n(x)}" y="9">{month}</text>')
        for row, count in enumerate(days):
            if count is None:
                continue  # a day still to come
            y = top + row * (cell + gap)
            body.append(
                f'<rect class="h{_shade(count, highest)}" x="{_n(x)}" y="{_n(y)}" width="{_n(cell)}"'
                f' height="{_n(cell)}" rx="2"><title>{monday + timedelta(days=row)}: {count}</title></rect>'
            )
    width = left + len(weeks) * (cell + gap) + 12  # room for a month's name over the last week
    height = top + 7 * (cell + gap) - gap
    return (
        f'<svg class="heatmap" viewBox="0 0 {_n(width)} {_n(height)}" role="img"'
        f' aria-label="{html.escape(label)}">{"".join(body)}</svg>'
    )


def _shade(count: int, highest: int) -> int:
    """0 for none, then 1 to 4 by the share of the busiest day."""
    if count <= 0 or highest <= 0:
        return 0
    return min(4, 1 + (count - 1) * 4 // highest)


def _month_starting(monday: date) -> str:
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day.day == 1:
            return day.strftime("%b")
    return ""
