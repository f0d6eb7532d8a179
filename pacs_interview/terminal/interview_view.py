"""The mock interview as Rich draws it: the questions as an interviewer asks them, then the report.

No hints while it runs: a question card holds the question alone (no introduction, no skills), and
nothing is said about an answer until the report. Bank and user text always enters as Text.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pacs_interview.session.interview import InterviewOutcome, Turn
from pacs_interview.session.interview_report import InterviewReport, QuestionResult, Standing, WorkOn
from pacs_interview.session.records import SessionStatus
from pacs_interview.session.summary import format_seconds
from pacs_interview.session.verdicts import CLOSE, NOT_YET, STRONG
from pacs_interview.terminal.console import Consoles
from pacs_interview.terminal.render import speaking_time, text

VERDICT_STYLES = {STRONG: "good", CLOSE: "warn", NOT_YET: "bad"}
# Skills or domains named per line of the report, the best (or worst) first; the rest are counted.
NAMES_SHOWN = 6
VERDICT_WORDS = {STRONG: "strong", CLOSE: "close", NOT_YET: "not yet"}


class InterviewScreen:
    """What the candidate sees while the interview runs.

    `interactive` is False when answers come from a pipe: then there are no keys to explain, and
    the output reads as the interviewer's side of a transcript, follow-ups included.
    """

    def __init__(self, console: Console, interactive: bool) -> None:
        self.console = console
        self.interactive = interactive

    def show_start(self, job: str, questions: int, seconds_per_question: float) -> None:
        each = speaking_time(round(seconds_per_question))
        plan = f"{questions} question{'s' if questions != 1 else ''}, about {each} each"
        self.console.print(Text(f"Mock interview: {job}", style="heading"))
        self.console.print(Text(f"{plan}; no feedback until the report at the end.", style="muted"))

    def show_question(self, turn: Turn) -> None:
        self.console.print()
        self.console.print(
            Panel(
                text(turn.question.question, style="heading"),
                title=f"Question {turn.number} of {turn.total}",
                title_align="left",
            )
        )
        if self.interactive:
            self.console.print(Text("Esc then Enter submits; an empty answer skips.", style="muted"))

    def show_follow_up(self, turn: Turn) -> None:
        line = Text("Follow-up: ", style="heading")
        line.append_text(text(turn.follow_up or ""))
        self.console.print(line)


def report_view(report: InterviewReport, job: str) -> Group:
    """The report: a row per question with its verdict and fixes, then strengths, weaknesses and what to do."""
    parts: list[RenderableType] = [Text(""), Text(f"Interview report: {job}", style="heading"), _results(report)]
    parts += _standings(report.skills, report.domains)
    if report.work_on:
        parts += [Text(""), Text("Work on these first", style="heading"), _work_on(report.work_on)]
    parts += [Text(""), _time_line(report)]
    return Group(*parts)


def _results(report: InterviewReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Question, and what to do next time", ratio=1)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    for result in report.results:
        table.add_row(str(result.number), _question_cell(result), _verdict_cell(result), _time_cell(result))
    return table


def _question_cell(result: QuestionResult) -> Text:
    cell = text(result.question.question)
    if result.follow_up is not None:
        words = result.follow_up.word_count
        reply = "no reply" if result.follow_up.skipped else f"{words} word{'s' if words != 1 else ''}"
        cell.append_text(text(f"\nFollow-up: {result.follow_up.question} ({reply})", style="muted"))
    for fix in result.verdict.fixes if result.verdict else ():
        cell.append("\n→ ", style="warn")
        cell.append_text(text(fix.advice))
    return cell


def _verdict_cell(result: QuestionResult) -> Text:
    if result.verdict is None:
        return Text("draft" if result.answer is not None else "not reached", style="muted")
    if result.answer is not None and result.answer.skipped:
        return Text("skipped", style=VERDICT_STYLES[NOT_YET])
    grade = result.verdict.grade
    return Text(VERDICT_WORDS.get(grade, grade), style=VERDICT_STYLES.get(grade, ""))


def _time_cell(result: QuestionResult) -> str:
    return "" if result.verdict is None else format_seconds(result.seconds)


def _standings(skills: Standing, domains: Standing) -> list[RenderableType]:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="heading", no_wrap=True)
    grid.add_column()
    rows = [
        ("Strong skills", skills.strong),
        ("Weak skills", skills.weak),
        ("Strong domains", domains.strong),
        ("Weak domains", domains.weak),
    ]
    for label, names in rows:
        if names:
            grid.add_row(label, text(_first_names(names)))
    return [Text(""), grid] if grid.row_count else []


def _first_names(names: tuple[str, ...]) -> str:
    """`A, B, C`, or the first NAMES_SHOWN and `and 4 more`."""
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    return f"{', '.join(names[:NAMES_SHOWN])} and {len(names) - NAMES_SHOWN} more"


def _work_on(things: tuple[WorkOn, ...]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, thing in enumerate(things, start=1):
        line = text(thing.advice)
        which = ", ".join(map(str, thing.questions))
        line.append(f" (question{'s' if len(thing.questions) > 1 else ''} {which})", style="muted")
        grid.add_row(f"{number}.", line)
    return grid


def _time_line(report: InterviewReport) -> Text:
    used, planned = report.seconds_used, report.seconds_planned
    line = Text(f"Time answering: {format_seconds(used)} of {format_seconds(planned)} planned")
    if used > planned:
        line.append(f", {format_seconds(used - planned)} over", style="warn")
    counts = [f"{report.count(grade)} {VERDICT_WORDS[grade]}" for grade in (STRONG, CLOSE, NOT_YET)]
    line.append(f". {' · '.join(counts)}.")
    return line


def print_interview_ending(outcome: InterviewOutcome, report: InterviewReport, job: str, consoles: Consoles) -> None:
    """The report, and where the interview went."""
    consoles.out.print(report_view(report, job))
    answered = sum(1 for record in outcome.records.values() if not record.skipped and not record.draft)
    line = f"{answered} of {len(outcome.questions)} questions answered ({outcome.status.value})."
    if outcome.session_id is None:
        consoles.out.print(Text(f"{line} Not saved."))
        return
    consoles.out.print(Text(f"{line} Saved as session {outcome.session_id}."))
    consoles.out.print(Text(f"Export it:  pacs-interview export {outcome.session_id} --format md"))
    if outcome.status is not SessionStatus.finished and outcome.left:
        consoles.out.print(Text(f"Resume it:  pacs-interview interview --resume {outcome.session_id}"))
