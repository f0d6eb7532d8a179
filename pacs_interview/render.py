"""Everything Rich draws. Bank and user text always enters as rich.text.Text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pacs_interview.bank import Level, Question
from pacs_interview.records import AnswerRecord, SessionStatus
from pacs_interview.safe_text import show_controls
from pacs_interview.session import clock
from pacs_interview.summary import Summary, filter_values, format_rating, format_seconds, local_time, status_text


def text(value: str, style: str = "") -> Text:
    """Untrusted text as a Text: never markup, emoji codes or raw control characters."""
    return Text(show_controls(value), style=style)


WIDE_TABLE_COLUMNS = 120


def question_table(questions: Iterable[Question], width: int) -> Table:
    """The `list` table: id, level, type, question, skills; stacked in pairs below `WIDE_TABLE_COLUMNS`."""
    if width >= WIDE_TABLE_COLUMNS:
        return _wide_question_table(questions)
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column(Text("ID\nlevel · type"), no_wrap=True)
    table.add_column(Text("Question\nskills"), ratio=1)
    for question in questions:
        left = text(question.id, style="id")
        left.append(f"\n{question.level.value} · {question.type.value}", style="muted")
        right = text(question.question)
        right.append_text(text("\n" + ", ".join(question.skills), style="muted"))
        table.add_row(left, right)
    return table


def _wide_question_table(questions: Iterable[Question]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("ID", style="id", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    table.add_column("Question", ratio=2)
    table.add_column("Skills", ratio=1)
    for question in questions:
        table.add_row(
            text(question.id),
            question.level.value,
            question.type.value,
            text(question.question),
            text(", ".join(question.skills)),
        )
    return table


def skills_table(counts: dict[str, dict[Level, int]]) -> Table:
    """The `skills` table: a row per skill, a column per level, and a total."""
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Skill", min_width=24)
    for level in Level:
        table.add_column(level.value, justify="right")
    table.add_column("total", justify="right", style="heading")
    for skill, by_level in counts.items():
        cells = [str(by_level.get(level, 0) or "·") for level in Level]
        table.add_row(text(skill), *cells, str(sum(by_level.values())))
    return table


def question_heading(question: Question) -> Text:
    """Level label, type and skills on one line."""
    heading = Text()
    heading.append(question.level.label, style="level")
    heading.append(f" · {question.type.value}", style="muted")
    heading.append("\nSkills: ", style="muted")
    heading.append_text(text(", ".join(question.skills)))
    return heading


def question_card(question: Question, position: tuple[int, int] | None = None) -> Panel:
    """The question, with its heading and introduction; `position` is (number, total)."""
    title = f"Question {position[0]} of {position[1]}" if position else None
    body = Group(
        question_heading(question),
        Text(""),
        text(question.question, style="heading"),
        Text(""),
        text(question.introduction, style="muted"),
    )
    return Panel(body, title=title, subtitle=text(question.id), title_align="left", subtitle_align="right")


def bullet_list(points: Sequence[str], marks: Sequence[bool | None] | None = None) -> Text:
    """Points as a list; with `marks`, a tick for covered and a dot for not covered."""
    lines = Text()
    for index, point in enumerate(points):
        mark = marks[index] if marks else None
        if mark is True:
            lines.append(" ✓ ", style="good")
        elif mark is False:
            lines.append(" · ", style="muted")
        else:
            lines.append(" • ")
        lines.append_text(text(point))
        if index < len(points) - 1:
            lines.append("\n")
    return lines


def guidance_panels(question: Question, covered: Sequence[bool] | None = None) -> list[RenderableType]:
    """How to answer (ticked where covered), what not to say, and the example answer."""
    return [
        Panel(bullet_list(question.how_to_answer, covered), title="How to answer", title_align="left"),
        Panel(bullet_list(question.what_not_to_say), title="What not to say", title_align="left", border_style="bad"),
        Panel(text(question.example_answer), title="Example answer", title_align="left", border_style="good"),
    ]


def full_card(question: Question) -> Group:
    """`show`: the card with all of its guidance."""
    return Group(question_card(question), *guidance_panels(question))


def _status_line(record: AnswerRecord | None) -> tuple[str, str, str]:
    """Words, time and rating cells of the summary for one question."""
    if record is None:
        return "", "", "not reached"
    if record.skipped:
        return "", "", "skipped"
    rating = record.rating.name if record.rating is not None else "not rated"
    return str(record.word_count), clock(record.seconds), rating


def summary_table(questions: Sequence[Question], records: Mapping[int, AnswerRecord]) -> Table:
    """The end-of-session table: question, words, time taken, rating."""
    table = Table(box=box.SIMPLE_HEAD, title="Session summary", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Question", ratio=1)
    table.add_column("Words", justify="right")
    table.add_column("Time", justify="right")
    table.add_column("Rating")
    for position, question in enumerate(questions):
        table.add_row(str(position + 1), text(question.question), *_status_line(records.get(position)))
    return table


def feedback_panel(feedback: Any, record: AnswerRecord) -> Panel:
    """What the answer did well and badly."""
    return Panel(Text(f"{record.word_count} words"), title="Your answer", title_align="left")


class SessionScreen:
    """The practice session as Rich draws it: cards, feedback, guidance."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def show_question(self, question: Question, number: int, total: int) -> None:
        self.console.print()
        self.console.print(question_card(question, (number, total)))
        self.console.print(Text("Type your answer. Esc then Enter submits; an empty answer skips.", style="muted"))

    def show_feedback(self, question: Question, record: AnswerRecord, feedback: Any) -> None:
        self.console.print(feedback_panel(feedback, record))
        covered = [item.covered for item in feedback.guidance] if feedback is not None else None
        for panel in guidance_panels(question, covered):
            self.console.print(panel)

    def show_skipped(self, question: Question) -> None:
        self.console.print(Text("Skipped.", style="muted"))


def history_table(summaries: Iterable[Summary]) -> Table:
    """The `history` table, newest first: one row per session."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("ID", style="id", justify="right", no_wrap=True)
    table.add_column("Started", no_wrap=True)
    table.add_column("Filters", ratio=1)
    table.add_column("Answered", justify="right", no_wrap=True)  # answered / asked
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Rating", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for summary in summaries:
        table.add_row(
            str(summary.id),
            local_time(summary.started_at),
            text(filter_values(summary.settings.filters)),  # values only: the table has little room
            f"{summary.answered}/{summary.asked}",
            format_seconds(summary.duration_seconds),
            format_rating(summary.average_rating),
            Text(status_text(summary), style="good" if summary.status is SessionStatus.finished else "warn"),
        )
    return table
