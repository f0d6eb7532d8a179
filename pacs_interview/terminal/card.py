"""The question card: all the practice session draws before the editor and the store are loaded.

Kept apart from `render` (tables, feedback) so drawing the first card imports as little as possible.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from pacs_interview.bank import Question
from pacs_interview.common.safe_text import show_controls

_REPEATS = {"again": "once more: you rated it Again", "retry": "answer it again"}


def text(value: str, style: str = "") -> Text:
    """Untrusted text as a Text: never markup, emoji codes or raw control characters."""
    return Text(show_controls(value), style=style)


def question_heading(question: Question) -> Text:
    """Level label, type and skills on one line."""
    heading = Text()
    heading.append(question.level.label, style="level")
    heading.append(f" · {question.type.value}", style="muted")
    heading.append("\nSkills: ", style="muted")
    heading.append_text(text(", ".join(question.skills)))
    return heading


def question_card(question: Question, position: tuple[int, int] | None = None, title: str | None = None) -> Panel:
    """The question, with its heading and introduction; `position` is (number, total), or a `title` of its own."""
    if position and title is None:
        title = f"Question {position[0]} of {position[1]}"
    body = Group(
        question_heading(question),
        Text(""),
        text(question.question, style="heading"),
        Text(""),
        text(question.introduction, style="muted"),
    )
    # A Text title: a plain string would be parsed as markup, which loads Rich's emoji table before the first card.
    heading = Text(title) if title else None
    return Panel(body, title=heading, subtitle=text(question.id), title_align="left", subtitle_align="right")


def draw_card(console: Console, question: Question, number: int, total: int, repeat: str | None, keys: bool) -> None:
    """A session's card for one question, titled with its place and why it is asked again; `keys` explains them."""
    title = f"Question {number} of {total}" + (f" · {_REPEATS.get(repeat, repeat)}" if repeat else "")
    console.print()
    console.print(question_card(question, title=title))
    if keys:
        console.print(Text("Type your answer. Esc then Enter submits; an empty answer skips.", style="muted"))
