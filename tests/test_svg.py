"""The report's SVG charts: shapes where the figures put them, labels escaped."""

from __future__ import annotations

import re
from datetime import date

from pacs_interview.transcript import svg


def rects(chart: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<rect ([^>]*?)/?>", chart)]


def test_a_bar_fills_its_share_and_clamps() -> None:
    assert [r["width"] for r in rects(svg.bar(0.42, "42%"))] == ["100", "42"]
    assert rects(svg.bar(1.7, "x"))[1]["width"] == "100"
    assert rects(svg.bar(-1, "x"))[1]["width"] == "0"


def test_a_stacked_bar_places_each_part_after_the_last() -> None:
    parts = rects(svg.stacked([(2, "strong"), (0, "close"), (1, "notyet")], 4, "2 strong"))
    assert [(r["class"], r.get("x"), r["width"]) for r in parts] == [
        ("track", None, "100"),
        ("strong", "0", "50"),
        ("notyet", "50", "25"),  # an empty part draws nothing
    ]


def test_columns_rise_with_their_value_and_mark_days_without_one() -> None:
    shapes = rects(svg.columns([0.0, 2.0, None, 4.0], 4.0, "answers"))
    assert [r["class"] for r in shapes] == ["none", "col", "none", "col"]
    assert [r["height"] for r in shapes] == ["1", "12", "1", "24"]
    assert shapes[3]["x"] == "12" and shapes[3]["y"] == "0"


def test_the_heatmap_shades_by_the_busiest_day_and_skips_days_to_come() -> None:
    weeks = [(date(2024, 4, 29), (0, 1, 2, 4, 8, None, None))]
    chart = svg.heatmap(weeks, "activity")
    cells = rects(chart)
    assert [c["class"] for c in cells] == ["h0", "h1", "h1", "h2", "h4"]
    assert ">May<" in chart  # 1 May falls in that week
    assert "<title>2024-05-03: 8</title>" in chart


def test_labels_are_escaped() -> None:
    chart = svg.bar(0.5, '"><script>alert(1)</script>')
    assert "<script>" not in chart and "&quot;&gt;&lt;script&gt;" in chart
