"""Hostile text in every field a transcript shows stays text, in every format.

The exact-output tests in test_transcript.py pin the layout; here each text field of a session (bank
text, the user's answer, stored settings and feedback) holds HTML, Markdown and Rich markup, and each
format is read back the way its reader would read it: HTML by an HTML parser, Markdown by a CommonMark
parser, JSON by a JSON parser. A field left unescaped turns into markup, and its text is lost.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from pacs_interview.session.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter


def hostile(field: str) -> str:
    """Text named after its field that an unescaping format would turn into a tag, a link or emphasis."""
    return f"{field} <img src=x onerror=alert(1)> &lt; *{field}* _u_ [b]x[/b] [link](y) `code` |a|b|"


def hostile_lines(field: str) -> str:
    """Several lines, each starting with what would open a block: a list, a heading, a quote, a rule."""
    return f"{hostile(field)}\n- {field} list\n1. {field} ordered\n# {field} heading\n> {field} quote\n***"


POINTS = [hostile("covered point"), hostile("missed point"), hostile("unmarked point")]
FEEDBACK = {
    "question_id": "hostile-id",
    "word_count": 9,
    "speaking_seconds": 4,
    "length": hostile("length"),
    "star": {"situation": True, "task": False, "action": True, "result": False},
    "quantified": True,
    "ownership": hostile("ownership"),
    "guidance": [
        {"point": POINTS[0], "covered": True, "evidence": [hostile("evidence quote")]},
        {"point": POINTS[1], "covered": False, "evidence": []},
    ],
    "red_flags": [{"kind": hostile("flag kind"), "phrase": hostile("flag phrase"), "point": hostile("flag point")}],
    "terms_used": [hostile("term used")],
    "terms_missing": [hostile("term missing")],
    "a_new_signal": hostile("unknown signal"),
    "form": hostile("form"),
    "verdict": {"grade": hostile("grade"), "fixes": [{"signal": "x", "advice": hostile("fix advice")}]},
}


def hostile_session() -> SessionRecord:
    question = {
        "id": hostile("question id"),
        "level": "junior",
        "type": "technical",
        "question": hostile("question"),
        "introduction": hostile_lines("introduction"),
        "how_to_answer": POINTS,
        "what_not_to_say": [hostile_lines("what not to say")],
        "example_answer": hostile_lines("example answer"),
        "skills": [hostile("skill")],
    }
    answer = AnswerRecord(
        0, question["id"], hostile_lines("answer"), 5.0, 9, False, FEEDBACK, Rating.hard, "2024-05-01T10:01:00+00:00"
    )
    settings = SessionSettings({"skills": [hostile("filter")]}, 1, "bank", None, 60, hostile("bank"))
    return SessionRecord(1, "2024-05-01T10:00:00+00:00", None, SessionStatus.quit, settings, (question,), (answer,))


# Every field above, named as hostile() names it: each must reach the reader as the text it is.
FIELDS = [
    "question id",
    "question",
    "introduction",
    "covered point",
    "missed point",
    "unmarked point",
    "what not to say",
    "example answer",
    "skill",
    "answer",
    "length",
    "ownership",
    "flag kind",
    "flag phrase",
    "flag point",
    "term used",
    "term missing",
    "unknown signal",
    "evidence quote",
    "form",
    "grade",
    "fix advice",
    "filter",
    "bank",
]


class Page(HTMLParser):
    """The tags of an HTML page and the text a browser would show, entities decoded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.shown = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "br":
            self.shown += "\n"

    def handle_data(self, data: str) -> None:
        self.shown += data


# What the formatter itself writes; a hostile <img> or <a> means some field went out unescaped.
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "dl", "dt", "dd"}
HTML_TAGS |= {"section", "p", "br", "em", "strong", "blockquote", "ul", "li", "span"}
HTML_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}  # the summary table


def test_html_shows_every_hostile_field_as_text() -> None:
    page = Page(HtmlFormatter().render(hostile_session()))
    assert page.tags <= HTML_TAGS
    for field in FIELDS:
        assert hostile(field) in page.shown, field
    for field in ("introduction", "what not to say", "example answer", "answer"):
        assert hostile_lines(field) in page.shown, field


# What the Markdown formatter writes, as a CommonMark reader renders it: no links, images, code, raw HTML,
# ordered lists or second-level quotes come from the fields.
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "blockquote", "br"}
MARKDOWN_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}  # the summary table


def test_markdown_reads_every_hostile_field_as_text() -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(MarkdownFormatter().render(hostile_session()))
    page = Page(rendered)
    assert page.tags <= MARKDOWN_TAGS
    shown = page.shown.replace("\n\n", "\n")
    for field in FIELDS:
        assert hostile(field) in shown, field
    for field in ("what not to say", "example answer", "answer"):
        lines = hostile_lines(field).splitlines()
        assert "\n".join(lines) in shown, field
    assert rendered.count("<h1>") == 1
    # A `|` left unescaped in a summary cell would split it: every row has as many cells as the heading row.
    rows = rendered.split("<tr>")[1:]
    assert rows and {row.count("<td") + row.count("<th") for row in rows} == {rows[0].count("<th")}


@pytest.mark.parametrize("level", ["h2", "h3"])
def test_markdown_headings_are_only_the_formatters_own(level: str) -> None:
    rendered = MarkdownIt("commonmark").render(MarkdownFormatter().render(hostile_session()))
    headings = [line for line in rendered.splitlines() if line.startswith(f"<{level}>")]
    # The summary and the question; the answer, feedback, how to answer, what not to say, the example.
    expected = {"h2": 2, "h3": 5}[level]
    assert len(headings) == expected, headings


def test_json_keeps_every_hostile_field_exactly() -> None:
    data = json.loads(JsonFormatter().render(hostile_session()))
    (question,) = data["questions"]
    assert question["question"] == hostile("question")
    assert question["how_to_answer"] == POINTS
    assert question["example_answer"] == hostile_lines("example answer")
    assert question["answer"]["text"] == hostile_lines("answer")
    assert question["answer"]["feedback"] == FEEDBACK
    assert data["session"]["settings"]["bank"] == hostile("bank")
