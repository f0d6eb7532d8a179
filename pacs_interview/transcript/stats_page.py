"""`stats --html`: the progress report as one self-contained page to keep, send to a mentor, or print.

Inline CSS and SVG, no scripts, no fonts or images fetched (the Content-Security-Policy forbids
them). On a narrow screen each table row becomes a small card; in print the page is compact
and tables break between rows. Bank text is escaped, and columns with nothing to show are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pacs_interview.common.safe_text import show_controls
from pacs_interview.progress import GRADES, TREND_DAYS, Figures, Group, Progress, percent, rating_text
from pacs_interview.transcript import svg
from pacs_interview.transcript.html import DOCUMENT_START, esc

_TITLES = {"level": "By level", "type": "By type", "domain": "By domain", "skill": "By skill"}
_GRADE_CLASSES = {"strong": "strong", "close": "close", "not-yet": "notyet"}

_HEAD = (
    DOCUMENT_START
    + """\
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
.meta, .note { color: #555; }
.note { font-size: 0.9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.75rem; }
.card b { display: block; font-size: 1.4rem; }
table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e5e5e5; vertical-align: middle; }
th { font-weight: 600; color: #444; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.name { overflow-wrap: anywhere; }
table.groups { table-layout: fixed; }  /* the same columns in every table line up */
table.groups th.num { width: 5rem; }
table.groups th.practised { width: 10rem; }
table.groups th.verdicts { width: 12rem; }
.barcell { min-width: 7rem; white-space: nowrap; }
.barcell svg { display: inline-block; vertical-align: middle; }
.counts { white-space: nowrap; }
svg.bar { width: 5rem; height: 0.6rem; margin-right: 0.4rem; }
svg.spark { width: 100%; max-width: 24rem; height: 2.2rem; }
svg.heatmap { width: 100%; max-width: 26rem; height: auto; }
.track { fill: #e6e6e6; }
.fill { fill: #2f6fbd; }
.flag { fill: #b42318; }
.strong { fill: #1a7f37; }
.close { fill: #c7891a; }
.notyet { fill: #b42318; }
.col { fill: #2f6fbd; }
.none { fill: #bbb; }
.axis { font: 8px system-ui, sans-serif; fill: #666; }
.h0 { fill: #ebedf0; } .h1 { fill: #b6d7f2; } .h2 { fill: #74aee0; } .h3 { fill: #3b82c4; } .h4 { fill: #1d4f8a; }
.key { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px; vertical-align: -0.05rem; }
.key.strong { background: #1a7f37; } .key.close { background: #c7891a; } .key.notyet { background: #b42318; }
.better { color: #1a7f37; } .worse { color: #b42318; }
.better, .worse { white-space: nowrap; }
ol.weak { padding-left: 1.5rem; }
ol.weak li { margin-bottom: 0.5rem; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
@media (max-width: 40rem) {
  main { padding: 0.75rem; }
  .two { grid-template-columns: 1fr; }
  table.groups thead { display: none; }
  table.groups tr { display: grid; grid-template-columns: repeat(6, 1fr); gap: 0.1rem 0.5rem;
                    padding: 0.4rem 0; border-bottom: 1px solid #e5e5e5; }
  table.groups td { border: 0; padding: 0.1rem 0; text-align: left; grid-column: span 2; min-width: 0; }
  table.groups td.barcell { grid-column: span 3; }
  table.groups td.name { grid-column: 1 / -1; font-weight: 600; }
  table.groups td[data-label]::before { content: attr(data-label) ": "; color: #555; font-size: 0.85rem; }
  .barcell { min-width: 0; white-space: normal; }
  svg.bar { width: 3.5rem; }
}
@media print {
  @page { margin: 12mm; }
  body { font-size: 8.5pt; line-height: 1.3; color: #000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 14pt; }
  h2 { font-size: 11pt; margin: 0.9rem 0 0.3rem; break-after: avoid; }
  th, td { padding: 0.05rem 0.35rem; }
  .barcell { min-width: 0; }
  svg.bar { width: 3rem; height: 0.45rem; }
  table.groups th.num { width: 3.6rem; }
  table.groups th.practised { width: 6.5rem; }
  table.groups th.verdicts { width: 9rem; }
  svg.spark { height: 1.6rem; }
  svg.heatmap { max-width: 18rem; }
  .cards { margin: 0.5rem 0; gap: 0.4rem; grid-template-columns: repeat(5, 1fr); }
  .two { grid-template-columns: 3fr 2fr; }
  .card { padding: 0.2rem 0.5rem; }
  .card b { font-size: 12pt; }
  tr, .card, ol.weak li, svg { break-inside: avoid; }
}
</style>
</head>
<body>
<main>
"""
)
_FOOT = "</main>\n</body>\n</html>\n"


def stats_page(progress: Progress, scope: str) -> str:
    """The whole report: headline, where the candidate stands, what to practise next, trends, activity."""
    title = "PACS interview practice: progress"
    parts = [
        _HEAD.replace("{title}", esc(title)),
        f"<h1>{esc(title)}</h1>\n",
        f'<p class="meta">{esc(_meta(progress, scope))}</p>\n',
        _cards(progress),
    ]
    if not progress.overall.answers and not progress.overall.skipped:
        parts.append('<p class="note">No answers yet: <code>pacs-interview practice</code> starts a session.</p>\n')
    for dimension, groups in progress.groups.items():
        if groups:
            parts.append(_group_table(progress, dimension, groups))
    if progress.has_verdicts:
        parts.append(_verdict_key())
    if progress.weakest:
        parts.append(_weakest(progress))
    parts.append('<div class="two">\n' + _trend(progress) + _activity(progress) + "</div>\n")
    if progress.overall.checked:
        parts.append(_red_flags(progress.overall))
    return "".join(parts) + _FOOT


def _text(value: str) -> str:
    """Bank or user text: control characters made visible, then escaped for HTML."""
    return esc(show_controls(value))


def _meta(progress: Progress, scope: str) -> str:
    since = f" · since {progress.since.isoformat()}" if progress.since else ""
    return f"{show_controls(scope)} · as of {progress.today.isoformat()}{since}"


def _cards(progress: Progress) -> str:
    overall = progress.overall
    share = overall.practised / overall.total if overall.total else 0.0
    practised = svg.bar(share, f"{percent(share)} practised")
    last = progress.last_practised.isoformat() if progress.last_practised else "never"
    cards = [
        ("Practised", f"{overall.practised} of {overall.total}", practised),
        ("Answers", f"{overall.answers}", f"{overall.skipped} skipped" if overall.skipped else ""),
        ("Streak", _days(progress.streak), f"longest {_days(progress.longest_streak)}"),
        ("Last practised", last, ""),
    ]
    if progress.has_ratings:
        cards.append(("Mean rating", f"{rating_text(overall.mean_rating)} of 4", f"{overall.rated} rated"))
    if overall.due is not None:
        cards.append(("Due for review", f"{overall.due}", "<code>practice --due</code>"))
    body = "".join(f'<div class="card">{esc(label)}<b>{esc(value)}</b>{extra}</div>\n' for label, value, extra in cards)
    return f'<div class="cards">\n{body}</div>\n'


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _group_table(progress: Progress, dimension: str, groups: Sequence[Group]) -> str:
    columns: list[tuple[str, str, Callable[[Figures], str]]] = [("Practised", "barcell practised", _practised)]
    if progress.has_verdicts:
        columns.append(("Verdicts", "barcell verdicts", _verdicts))
    if progress.has_ratings:
        columns.append(("Rating", "num", lambda f: rating_text(f.mean_rating)))
    if progress.has_stories:
        columns.append(("STAR", "num", lambda f: percent(f.star_parts)))
    if progress.overall.checked:
        columns.append(("Flags", "num", lambda f: percent(f.red_flag_rate)))
    if progress.has_due:
        columns.append(("Due", "num", lambda f: str(f.due)))
    head = "".join(f'<th class="{css}">{esc(name)}</th>' for name, css, _ in columns)
    rows = []
    for group in groups:
        cells = "".join(
            f'<td class="{css}" data-label="{esc(name)}">{cell(group.figures)}</td>' for name, css, cell in columns
        )
        rows.append(f'<tr><td class="name">{_text(group.label)}</td>{cells}</tr>\n')
    return (
        f'<h2>{esc(_TITLES[dimension])}</h2>\n<table class="groups {dimension}">\n'
        f"<thead><tr><th></th>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n"
    )


def _practised(figures: Figures) -> str:
    share = figures.practised / figures.total if figures.total else 0.0
    return svg.bar(share, f"{percent(share)} practised") + f"{figures.practised}/{figures.total}"


def _verdicts(figures: Figures) -> str:
    counts = figures.verdicts or dict.fromkeys(GRADES, 0)
    parts = [(counts[grade], _GRADE_CLASSES[grade]) for grade in GRADES]
    said = ", ".join(f"{counts[grade]} {grade}" for grade in GRADES)
    numbers = esc(" · ".join(str(counts[grade]) for grade in GRADES))
    return svg.stacked(parts, figures.practised, said) + f'<span class="counts">{numbers}</span>'


def _verdict_key() -> str:
    keys = " ".join(f'<span class="key {_GRADE_CLASSES[g]}"></span> {esc(g)}' for g in GRADES)
    return f'<p class="note">Verdicts, the latest of each practised question: {keys}</p>\n'


def _weakest(progress: Progress) -> str:
    items = "".join(
        f"<li><code>{_text(weak.question.id)}</code> · {esc(weak.outcome)}, {weak.last_practised.isoformat()}"
        f"<br>{_text(weak.question.question)}</li>\n"
        for weak in progress.weakest
    )
    hint = '<p class="note"><code>pacs-interview show ID</code> shows a question with its guidance.</p>\n'
    return f'<h2>Practise next</h2>\n<ol class="weak">\n{items}</ol>\n{hint}'


def _trend(progress: Progress) -> str:
    trend = progress.trend
    recent, before = trend.recent, trend.before
    rows = [_trend_row("Answers a week", _number(before.per_week), _number(recent.per_week), "")]
    figures: list[tuple[str, float | None, float | None, Callable[[float | None], str], bool]] = [
        ("Mean rating", before.mean_rating, recent.mean_rating, rating_text, True)
    ]
    if progress.has_verdicts:
        figures.append(("Strong verdicts", before.strong_share, recent.strong_share, percent, True))
    if progress.has_stories:
        figures.append(("STAR parts in stories", before.star_parts, recent.star_parts, percent, True))
    if progress.overall.checked:
        figures.append(("Answers with a red flag", before.red_flag_rate, recent.red_flag_rate, percent, False))
    for label, old, new, shown, higher_is_better in figures:
        rows.append(_trend_row(label, shown(old), shown(new), _change(old, new, higher_is_better)))
    answers = [float(day.answers) for day in trend.daily]
    daily = svg.columns(answers, max(answers, default=0.0), f"answers on each of the last {TREND_DAYS} days")
    charts = f'<p class="note">Answers, day by day</p>\n{daily}\n'
    if progress.has_ratings:
        ratings = svg.columns([day.mean_rating for day in trend.daily], 4.0, "mean rating on each day")
        charts += f'<p class="note">Mean rating, day by day</p>\n{ratings}\n'
    head = f'<tr><th></th><th class="num">Before</th><th class="num">Last {TREND_DAYS} days</th><th></th></tr>'
    return (
        f"<section>\n<h2>Last {TREND_DAYS} days against before</h2>\n"
        f"<table>\n<thead>{head}</thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n{charts}</section>\n"
    )


def _trend_row(label: str, old: str, new: str, change: str) -> str:
    cells = f'<td class="num">{esc(old)}</td><td class="num">{esc(new)}</td>'
    return f"<tr><td>{esc(label)}</td>{cells}<td>{change}</td></tr>\n"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _change(old: float | None, new: float | None, higher_is_better: bool) -> str:
    if old is None or new is None:
        return ""
    if abs(new - old) < 0.005:
        return "steady"
    better = (new > old) == higher_is_better
    arrow = "↑" if new > old else "↓"
    return f'<span class="{"better" if better else "worse"}">{arrow} {"better" if better else "worse"}</span>'


def _activity(progress: Progress) -> str:
    weeks = [(week.start, week.days) for week in progress.heatmap]
    chart = svg.heatmap(weeks, f"answers per day over the last {len(weeks)} weeks")
    return f"<section>\n<h2>Activity, {len(weeks)} weeks</h2>\n{chart}\n</section>\n"


def _red_flags(overall: Figures) -> str:
    rows = "".join(
        f'<tr><td>{_text(kind)}</td><td class="barcell">{svg.bar(share, percent(share), "flag")}'
        f"{percent(share)}</td></tr>\n"
        for kind, share in overall.red_flags.items()
    )
    return (
        f'<h2>Red flags</h2>\n<p class="note">Share of the {overall.checked} answers with feedback'
        f" that raised each kind.</p>\n<table>\n<tbody>\n{rows}</tbody>\n</table>\n"
    )
