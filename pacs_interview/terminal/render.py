"""Everything Rich draws. Bank and user text always enters as rich.text.Text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pacs_interview.bank import Level, Question
from pacs_interview.common.plural import plural
from pacs_interview.feedback.grades import GRADE_TEXT
from pacs_interview.terminal.card import draw_card, question_card, question_heading, text

__all__ = ["question_card", "question_heading", "text"]  # also used from here by the other drawing functions

if TYPE_CHECKING:  # for annotations only: `list` and `show` need none of these at run time
    from pacs_interview.feedback.analysis import Feedback
    from pacs_interview.feedback.guidance_match import PointCoverage
    from pacs_interview.review.queue import QueueRow
    from pacs_interview.session.loop import Outcome
    from pacs_interview.session.records import AnswerRecord
    from pacs_interview.session.summary import Summary
    from pacs_interview.terminal.console import Consoles


# Drawing takes Rich time that grows faster than the text: a longer answer is shown in part (it is
# saved and exported whole); bank fields are capped at this length by the loader.
MAX_SHOWN_CHARS = 20_000


def text_in_part(value: str, style: str = "") -> Text:
    """Untrusted text as `text` makes it, cut after MAX_SHOWN_CHARS characters with a note of how many more."""
    if len(value) <= MAX_SHOWN_CHARS:
        return text(value, style)
    shown = text(value[:MAX_SHOWN_CHARS], style)
    shown.append(f"\n... {len(value) - MAX_SHOWN_CHARS:,} more characters, saved in full", style="muted")
    return shown


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


_BULLETS = {True: Text("✓", style="good"), False: Text("·", style="muted"), None: Text("•")}


def bullet_list(points: Sequence[str], marks: Sequence[bool | None] | None = None) -> Table:
    """Points as a list with a hanging indent; with `marks`, a tick for covered and a dot for not."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for index, point in enumerate(points):
        grid.add_row(_BULLETS[marks[index] if marks else None], text(point))
    return grid


def guidance_panels(question: Question, covered: Sequence[bool] | None = None) -> list[RenderableType]:
    """How to answer (ticked where covered), what not to say, and the example answer."""
    return [how_to_answer_panel(bullet_list(question.how_to_answer, covered)), *_pitfalls_and_example(question)]


def how_to_answer_panel(points: RenderableType) -> Panel:
    return Panel(points, title="How to answer", title_align="left")


def _pitfalls_and_example(question: Question) -> list[RenderableType]:
    return [
        Panel(bullet_list(question.what_not_to_say), title="What not to say", title_align="left", border_style="bad"),
        Panel(text(question.example_answer), title="Example answer", title_align="left", border_style="good"),
    ]


def ticked_points(guidance: Sequence[PointCoverage]) -> Table:
    """How-to-answer points, a tick on each covered one with the answer's words that show it, quoted."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for point in guidance:
        body = text(point.point)
        if point.covered and point.evidence:
            body.append("\n")
            body.append_text(text("  ".join(f"“{quote}”" for quote in point.evidence), style="muted"))
        grid.add_row(_BULLETS[point.covered], body)
    return grid


def full_card(question: Question) -> Group:
    """`show`: the card, its domain and region, all of its guidance, and the follow-ups it may lead to."""
    parts: list[RenderableType] = [question_card(question), _placing(question), *guidance_panels(question)]
    if question.follow_ups:
        parts.append(Panel(bullet_list(question.follow_ups), title="Follow-ups", title_align="left"))
    return Group(*parts)


def _placing(question: Question) -> Text:
    """Where the question sits: its domain, and the jurisdictions it was written for."""
    line = Text("Domain: ", style="muted")
    line.append_text(text(question.domain or "not given"))
    line.append("  ·  Region: ", style="muted")
    line.append(", ".join(question.region) or "any")
    return line


def _status_line(record: AnswerRecord | None) -> tuple[str, str, str]:
    from pacs_interview.session.summary import format_seconds

    """Words, time and rating cells of the summary for one question."""
    if record is None:
        return "", "", "not reached"
    if record.draft:
        return str(record.word_count), format_seconds(record.seconds), "draft"
    if record.skipped:
        return "", "", "skipped"
    rating = record.rating.name if record.rating is not None else "not rated"
    return str(record.word_count), format_seconds(record.seconds), rating


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


# Below this many rows the feedback and the guidance do not fit together: the guidance waits for a key.
SHORT_TERMINAL_ROWS = 40


class SessionScreen:
    """The practice session as Rich draws it: cards, feedback, guidance.

    `interactive` is False when answers come from a pipe: then there are no keys
    to explain, and each answer is printed, so the output reads as a transcript.
    `pause(message)` waits for a key; in a short terminal the guidance waits for it,
    so the feedback is read before it scrolls away.
    """

    def __init__(
        self,
        console: Console,
        interactive: bool,
        pause: Callable[[str], None] | None = None,
        drawn: tuple[str, int, str | None] | None = None,
    ) -> None:
        self.console = console
        self.interactive = interactive
        self.pause = pause
        # The card last drawn (question id, number, repeat) with nothing after it; `drawn` when it was drawn ahead.
        self._drawn = drawn

    def show_question(self, question: Question, number: int, total: int, repeat: str | None = None) -> None:
        """The card; drawing the same card twice in a row draws it once (it may be drawn ahead of the session)."""
        if self._drawn == (question.id, number, repeat):
            return
        self._drawn = (question.id, number, repeat)
        draw_card(self.console, question, number, total, repeat, self.interactive)

    def show_feedback(
        self, question: Question, record: AnswerRecord, feedback: Feedback, changed: Sequence[str] | None = None
    ) -> None:
        self._drawn = None
        if not self.interactive:
            self.console.print(Panel(text_in_part(record.answer), title="Your answer", title_align="left"))
        if changed is not None:
            self.console.print(changes_panel(changed, record.attempt))
        self.console.print(feedback_panel(feedback))
        # the ticks, each with the words of the answer that show it, then what not to say and the example
        self._guidance([how_to_answer_panel(ticked_points(feedback.guidance)), *_pitfalls_and_example(question)])

    def show_skipped(self, question: Question) -> None:
        self._drawn = None
        self.console.print(Text("Skipped: it counts as Again in the review queue. Here is how to answer it.", "muted"))
        self._guidance(guidance_panels(question))

    def _guidance(self, panels: list[RenderableType]) -> None:
        if self.interactive and self.pause is not None and self.console.size.height < SHORT_TERMINAL_ROWS:
            self.pause("Press any key for how to answer and the example answer ")
        self.console.print(Group(*panels))


def changes_panel(changed: Sequence[str], attempt: int) -> Panel:
    """What changed since the previous attempt, first of the new feedback."""
    return Panel(bullet_list(list(changed)), title=f"Attempt {attempt}: what changed", title_align="left")


def history_table(summaries: Iterable[Summary]) -> Table:
    """The `history` table, newest first: one row per session."""
    from pacs_interview.session.records import SessionStatus
    from pacs_interview.session.summary import format_rating, format_seconds, local_time, status_text, what_was_asked

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("ID", style="id", justify="right", no_wrap=True)
    table.add_column("Started", no_wrap=True)
    table.add_column("Filters", ratio=1)
    table.add_column("Answered", justify="right", no_wrap=True)  # of all its questions, so "1/3" next to "2 left"
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Rating", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for summary in summaries:
        table.add_row(
            str(summary.id),
            local_time(summary.started_at),
            text(what_was_asked(summary)),  # values only: the table has little room
            f"{summary.answered}/{summary.total}",
            format_seconds(summary.duration_seconds),
            format_rating(summary.average_rating),
            Text(status_text(summary), style="good" if summary.status is SessionStatus.finished else "warn"),
        )
    return table


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
    spoken = speaking_time(feedback.speaking_seconds)
    line.append(f" · {plural(feedback.word_count, 'word')} · about {spoken} spoken", "muted")
    return line


def _terms_line(terms: Sequence[str], style: str) -> Text:
    return text(", ".join(terms), style=style) if terms else Text("none", style="muted")


def _red_flags(feedback: Feedback) -> RenderableType:
    if not feedback.red_flags:
        # A flag only asked about is neither shown nor cleared: "none" would contradict the question above.
        if feedback.asked:
            return Text("none asserted; see the question above", style="muted")
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


_GRADE_STYLES = {"strong": "good", "close": "warn", "not-yet": "bad"}
_FORM_LINES = {
    "story": "a story: judged on its STAR parts, its points and its terms",
    "explanation": "an explanation: judged on the points it covers and the terms it uses",
}


def verdict_grid(feedback: Feedback) -> Table:
    """The verdict line, then the fixes, numbered, most important first."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="heading", no_wrap=True)
    grid.add_column()
    grade = feedback.verdict.grade
    grid.add_row("Verdict", Text(GRADE_TEXT.get(grade, grade), style=_GRADE_STYLES.get(grade, "")))
    fixes = Text()
    for number, fix in enumerate(feedback.verdict.fixes, start=1):
        fixes.append("\n" if number > 1 else "")
        fixes.append_text(text(f"{number}. {fix.advice}"))
    if feedback.verdict.fixes:
        grid.add_row("Next time", fixes)
    return grid


def feedback_panel(feedback: Feedback) -> Panel:
    """The verdict and fixes first, then the signals: form, length, STAR, numbers, ownership, red flags, terms."""
    grid = verdict_grid(feedback)
    grid.add_row("", "")
    if not feedback.relevant:
        # Off the question, the other signals would only describe an answer to something else.
        grid.add_row("Relevance", Text("off the question: no point is ticked, no other signal judged", style="bad"))
        grid.add_row("Length", _length_line(feedback))
        return Panel(grid, title="Feedback", title_align="left")
    grid.add_row("Form", Text(_FORM_LINES.get(feedback.form, feedback.form)))
    grid.add_row("Length", _length_line(feedback))
    star = feedback.star
    if star is not None:
        parts = [("situation", star.situation), ("task", star.task), ("action", star.action), ("result", star.result)]
        grid.add_row("STAR", _marks(parts))
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
    """`feedback`: the verdict, fixes and signals, then how to answer, each tick with its evidence quoted."""
    return Group(
        feedback_panel(feedback),
        how_to_answer_panel(ticked_points(feedback.guidance)),
        *_pitfalls_and_example(question),
    )


def print_ending(outcome: Outcome, consoles: Consoles) -> None:
    """The summary table, and where the session went."""
    consoles.out.print()
    consoles.out.print(summary_table(outcome.questions, outcome.records))
    line = f"{outcome.answered} of {plural(len(outcome.questions), 'question')} answered ({outcome.status.value})."
    if outcome.session_id is None:
        consoles.out.print(Text(f"{line} Not saved (--no-save)."))
        return
    consoles.out.print(Text(f"{line} Saved as session {outcome.session_id}."))
    consoles.out.print(Text(f"Export it:  pacs-interview export {outcome.session_id} --format md"))
    if outcome.left:  # a session that reached its last question has nothing to resume, however it ended
        consoles.out.print(Text(f"Resume it:  pacs-interview practice --resume {outcome.session_id}"))


def due_table(rows: Sequence[QueueRow]) -> Table:
    """The `due` table, soonest due first: the question under its id; inferred ratings marked with *."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column(Text("ID\nquestion"), overflow="fold")
    table.add_column("Due", no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column("Recall", justify="right", no_wrap=True)
    for row in rows:
        left = text(row.question_id, style="id")
        left.append_text(text("\n" + row.question, style="muted"))
        table.add_row(
            left,
            Text(row.due.astimezone().strftime("%Y-%m-%d"), style="warn" if row.overdue else ""),
            row.state,
            row.last_rating + ("*" if row.inferred else ""),
            f"{row.interval_days:.0f}",
            f"{row.retrievability:.0%}",
        )
    if any(row.inferred for row in rows):
        table.caption = "* not rated: inferred from the feedback, or Again for a skip"
    return table
