"""`stats` in the terminal: tables with bars, sparklines and a twelve-week heatmap, drawn with Rich alone.

Columns with nothing to show (no verdicts, ratings or stories in the history yet) are left
out rather than filled with dashes. Bank text (skills, domains, questions) enters as Text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich import box
from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from pacs_interview.progress import GRADES, TREND_DAYS, Figures, Group, Progress, percent, rating_text
from pacs_interview.terminal.render import text

BAR_WIDTH = 8
SPARKS = "▁▂▃▄▅▆▇█"
# Heatmap shades from one answer upwards; a day with none is a dot, a day still to come is blank.
SHADES = "░▒▓█"
# One character per verdict, so the bar reads without colour too.
VERDICT_MARKS = {"strong": ("█", "good"), "close": ("▒", "warn"), "not-yet": ("░", "bad")}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_TITLES = {"level": "By level", "type": "By type", "domain": "By domain", "skill": "By skill"}


def stats_report(progress: Progress, scope: str) -> Stack:
    """Everything `stats` shows, top to bottom."""
    parts: list[RenderableType] = [_headline(progress, scope)]
    for dimension, groups in progress.groups.items():
        if groups:
            parts += [Text(""), group_table(progress, dimension, groups)]
    if progress.has_verdicts:
        parts.append(_verdict_legend())
    if progress.overall.checked:
        parts += [Text(""), red_flag_table(progress.overall)]
    if progress.weakest:
        parts += [Text(""), weakest_table(progress)]
    parts += [Text(""), trend_table(progress), Text(""), heatmap(progress)]
    return Stack(*parts)


def _headline(progress: Progress, scope: str) -> Text:
    overall = progress.overall
    line = Text()
    line.append("Progress", style="heading")
    line.append_text(text(f" · {scope} · as of {progress.today.isoformat()}", style="muted"))
    if progress.since:
        line.append(f" · since {progress.since.isoformat()}", style="muted")
    line.append(f"\nPractised {overall.practised} of {overall.total} questions · ")
    line.append(f"{overall.answers} answer{'s' if overall.answers != 1 else ''}")
    if overall.skipped:
        line.append(f", {overall.skipped} skipped")
    if overall.due is not None:
        line.append(f" · {overall.due} due for review", style="warn" if overall.due else "")
    line.append(f"\nStreak: {_days(progress.streak)} (longest {_days(progress.longest_streak)})")
    if progress.last_practised:
        line.append(f" · last practised {progress.last_practised.isoformat()}", style="muted")
    return line


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def bar(share: float, width: int = BAR_WIDTH, style: str = "good") -> Text:
    """A share from 0 to 1 as a bar of `width` cells."""
    filled = round(max(0.0, min(1.0, share)) * width)
    line = Text()  # no style of its own: what is appended after the bar stays plain
    line.append("█" * filled, style=style)
    line.append("░" * (width - filled), style="muted")
    return line


def verdict_bar(verdicts: dict[str, int], practised: int, width: int = BAR_WIDTH) -> Text:
    """The latest verdicts of the practised questions: strong, then close, then not-yet."""
    line = Text()
    used = 0
    for grade in GRADES:
        cells = round(verdicts[grade] / practised * width) if practised else 0
        cells = min(cells, width - used)
        mark, style = VERDICT_MARKS[grade]
        line.append(mark * cells, style=style)
        used += cells
    line.append(" " * (width - used))
    line.append(" " + " ".join(str(verdicts[grade]) for grade in GRADES), style="muted")
    return line


def _verdict_legend() -> Text:
    line = Text("Verdicts, the latest of each question: ", style="muted")
    for grade in GRADES:
        mark, style = VERDICT_MARKS[grade]
        line.append(mark, style=style)
        line.append(f" {grade}  ", style="muted")
    return line


def group_table(progress: Progress, dimension: str, groups: Sequence[Group]) -> Table:
    """One row per level, type, domain or skill: practised, verdicts, rating, STAR, red flags."""
    table = _table(_TITLES[dimension])
    table.add_column("", ratio=1, overflow="fold")  # a long name without spaces folds rather than being cut
    table.add_column("Practised", no_wrap=True)
    if progress.has_verdicts:
        table.add_column("Verdicts", no_wrap=True)
    if progress.has_ratings:
        table.add_column("Rating", justify="right", no_wrap=True)
    if progress.has_stories:
        table.add_column("STAR", justify="right", no_wrap=True)
    if progress.overall.checked:
        table.add_column("Flags", justify="right", no_wrap=True)
    if progress.has_due:
        table.add_column("Due", justify="right", no_wrap=True)
    for group in groups:
        # Levels by their short name: the titles would leave the figures too little room.
        table.add_row(text(group.name if dimension == "level" else group.label), *_cells(progress, group.figures))
    return table


def _cells(progress: Progress, figures: Figures) -> list[Text]:
    practised = bar(figures.practised / figures.total if figures.total else 0.0)
    practised.append(f" {figures.practised:>2}/{figures.total}")
    cells = [practised]
    if progress.has_verdicts:
        cells.append(verdict_bar(figures.verdicts or dict.fromkeys(GRADES, 0), figures.practised))
    if progress.has_ratings:
        cells.append(Text(rating_text(figures.mean_rating)))
    if progress.has_stories:
        cells.append(Text(percent(figures.star_parts)))
    if progress.overall.checked:
        cells.append(Text(percent(figures.red_flag_rate)))
    if progress.has_due:
        cells.append(Text(str(figures.due), style="warn" if figures.due else "muted"))
    return cells


def red_flag_table(overall: Figures) -> Table:
    """How often each kind of red flag was raised, over every answer with feedback."""
    table = _table("Red flags", expand=False)
    table.add_column("Kind")
    table.add_column(f"Share of {overall.checked} answers", no_wrap=True)
    for kind, share in overall.red_flags.items():
        line = bar(share, style="bad")
        line.append(f" {percent(share)}")
        table.add_row(text(kind), line)
    return table


def weakest_table(progress: Progress) -> Stack:
    """The questions whose last attempt went worst, with their ids to follow up."""
    table = _table("Practise next")
    table.add_column("Question", ratio=1)
    table.add_column("Last attempt", no_wrap=True)
    for weak in progress.weakest:
        question = text(weak.question.id, style="id")
        question.append_text(text("\n" + weak.question.question, style="muted"))
        outcome = text(weak.outcome)
        outcome.append(f"\n{weak.last_practised.isoformat()}", style="muted")
        table.add_row(question, outcome)
    hint = Text("`pacs-interview show ID` shows a question with its guidance.", style="muted")
    return Stack(table, hint)


def _table(title: str, expand: bool = True) -> Table:
    """A table with its title on the left; full width by default, so the sections line up."""
    return Table(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="heading", pad_edge=False, expand=expand
    )


def sparkline(values: Sequence[float | None], top: float | None = None) -> Text:
    """One character per value, from ▁ to █; a dot where there is no value or none above zero."""
    highest = top if top is not None else max((v for v in values if v is not None), default=0.0)
    line = Text()
    for value in values:
        if value is None or value <= 0 or highest <= 0:
            line.append("·", style="muted")
        else:
            line.append(SPARKS[min(len(SPARKS) - 1, int(value / highest * (len(SPARKS) - 1) + 0.5))], style="good")
    return line


def trend_table(progress: Progress) -> Stack:
    """The last 30 days against the time before: volume, rating, verdicts, STAR, flags; and day by day."""
    trend = progress.trend
    recent, before = trend.recent, trend.before
    table = _table(f"Last {TREND_DAYS} days against before")
    table.add_column("", ratio=1)
    table.add_column("Before", justify="right", no_wrap=True)
    table.add_column(f"Last {TREND_DAYS} days", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=8)
    table.add_row("Answers a week", _number(before.per_week), _number(recent.per_week), "")
    rows: list[tuple[str, float | None, float | None, Callable[[float | None], str], bool]]
    rows = [("Mean rating", before.mean_rating, recent.mean_rating, rating_text, True)]
    if progress.has_verdicts:
        rows.append(("Strong verdicts", before.strong_share, recent.strong_share, percent, True))
    if progress.has_stories:
        rows.append(("STAR parts in stories", before.star_parts, recent.star_parts, percent, True))
    if progress.overall.checked:
        rows.append(("Answers with a red flag", before.red_flag_rate, recent.red_flag_rate, percent, False))
    for label, old, new, shown, higher_is_better in rows:
        table.add_row(label, shown(old), shown(new), change(old, new, higher_is_better))
    days = Table.grid(padding=(0, 2))
    days.add_column(no_wrap=True)
    days.add_column(no_wrap=True)
    days.add_row("Answers, day by day", sparkline([float(day.answers) for day in trend.daily]))
    if progress.has_ratings:
        days.add_row("Rating, day by day", sparkline([day.mean_rating for day in trend.daily], top=4.0))
    return Stack(table, days)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def change(old: float | None, new: float | None, higher_is_better: bool) -> Text:
    """`better`, `worse` or `steady`, by whether the figure moved the good way."""
    if old is None or new is None:
        return Text("")
    if abs(new - old) < 0.005:
        return Text("steady", style="muted")
    better = (new > old) == higher_is_better
    arrow = "↑" if new > old else "↓"
    return Text(f"{arrow} {'better' if better else 'worse'}", style="good" if better else "bad")


def heatmap(progress: Progress) -> Stack:
    """Answers per day over the last twelve weeks: a row per weekday, a column per week."""
    weeks = progress.heatmap
    top = max((n for week in weeks for n in week.days if n), default=0)
    grid = Table.grid(padding=(0, 0))
    grid.add_column(no_wrap=True)
    for _ in weeks:
        grid.add_column(no_wrap=True)
    grid.add_row("    ", *(Text(f"{_month(week.start)}", style="muted") for week in weeks))
    for weekday in range(7):
        cells = [_heat(week.days[weekday], top) for week in weeks]
        grid.add_row(Text(f"{WEEKDAYS[weekday]} ", style="muted"), *cells)
    title = Text("Activity, twelve weeks", style="heading")
    legend = Text("· none  ", style="muted")
    for index, shade in enumerate(SHADES):
        legend.append(shade * 2, style="good")
        legend.append(" fewer  " if index == 0 else " more" if index == len(SHADES) - 1 else " ", style="muted")
    return Stack(title, grid, legend)


def _month(monday: date) -> str:
    """The month that starts in the week from `monday`, as three letters, else three spaces."""
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day.day == 1:
            return day.strftime("%b")[:3]
    return "   "


def _heat(count: int | None, top: int) -> Text:
    if count is None:
        return Text("   ")
    if count == 0 or top == 0:
        return Text("·  ", style="muted")
    shade = SHADES[min(len(SHADES) - 1, (count - 1) * len(SHADES) // top)]
    return Text(shade * 2 + " ", style="good")
