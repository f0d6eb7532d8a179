"""Everything Rich draws. Bank and user text always enters as rich.text.Text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pacs_interview.bank import Level, Question
from pacs_interview.safe_text import show_controls

if TYPE_CHECKING:  # only for annotations: `list` and `show` must not pay for compiling the feedback rules
    from pacs_interview.feedback import Feedback


def text(value: str, style: str = "") -> Text:
    """Untrusted text as a Text: never markup, emoji codes or raw control characters."""
    return Text(show_controls(value), style=style)


def question_table(questions: Iterable[Question]) -> Table:
    """The `list` table: id, level, type, question, skills."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False)
    table.add_column("ID", style="id", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    table.add_column("Question", ratio=3)
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
    table.add_column("Skill")
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


_FLAG_LABELS = {
    "blame": "Blames others",
    "deflection": "Deflects: someone else's job",
    "vague": "Vague: nothing specific",
    "no-result": "No result: never says how it ended",
}


def speaking_time(seconds: int) -> str:
    """Seconds as spoken time: "45 s", "1 min 38 s"."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _marks(pairs: Iterable[tuple[str, bool]]) -> Text:
    line = Text()
    for index, (label, present) in enumerate(pairs):
        if index:
            line.append("  ")
        line.append("✓ " if present else "· ", style="good" if present else "muted")
        line.append(label, style="" if present else "muted")
    return line


def _length_line(feedback: Feedback) -> Text:
    style = "good" if feedback.length == "good" else "warn"
    line = Text(feedback.length, style=style)
    line.append(f" · {feedback.word_count} words · about {speaking_time(feedback.speaking_seconds)} spoken", "muted")
    return line


def _terms_line(terms: Sequence[str], style: str) -> Text:
    return text(", ".join(terms), style=style) if terms else Text("none", style="muted")


def _red_flags(feedback: Feedback) -> RenderableType:
    if not feedback.red_flags:
        return Text("none", style="good")
    flags = Table.grid(padding=(0, 1))
    flags.add_column(style="bad", no_wrap=True)
    flags.add_column()
    for flag in feedback.red_flags:
        body = Text(f"{_FLAG_LABELS.get(flag.kind, flag.kind)}: ", style="bad")
        body.append_text(text(f"“{flag.phrase}”"))
        if flag.point:
            body.append("\n")
            body.append_text(text(f"What not to say: {flag.point}", style="muted"))
        flags.add_row("✗", body)
    return flags


def feedback_panel(feedback: Feedback) -> Panel:
    """The feedback signals for one answer: length, STAR, numbers, ownership, red flags, terms."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="heading", no_wrap=True)
    grid.add_column()
    grid.add_row("Length", _length_line(feedback))
    star = feedback.star
    grid.add_row(
        "STAR",
        _marks([("situation", star.situation), ("task", star.task), ("action", star.action), ("result", star.result)]),
    )
    grid.add_row("Numbers", _marks([("a measurable outcome or scale", feedback.quantified)]))
    grid.add_row("Ownership", Text(_OWNERSHIP_LABELS.get(feedback.ownership, feedback.ownership)))
    grid.add_row("Red flags", _red_flags(feedback))
    grid.add_row("Terms used", _terms_line(feedback.terms_used, "good"))
    grid.add_row("Terms missed", _terms_line(feedback.terms_missing, "warn"))
    return Panel(grid, title="Feedback", title_align="left")


_OWNERSHIP_LABELS = {
    "I": "I: you tell it as your own work",
    "we": "we: say what you yourself did, too",
    "mixed": "mixed: both I and we",
    "none": "none: no I or we",
}


def feedback_report(question: Question, feedback: Feedback) -> Group:
    """`feedback`: the feedback panel, then the guidance with covered how-to-answer points ticked."""
    return Group(feedback_panel(feedback), *guidance_panels(question, feedback.covered))
