"""The HTML transcript: one self-contained page, no scripts, no network, readable on a phone, printable."""

from __future__ import annotations

import html

from pacs_interview.session.records import AnswerRecord, FollowUpRecord, SessionRecord
from pacs_interview.transcript import view
from pacs_interview.transcript.view import Item

# The policy forbids scripts and every external fetch even if some text were ever left unescaped.
# Every page we write (transcripts, the stats report) opens with this; `{title}` is replaced, escaped.
DOCUMENT_START = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
"""
_HEAD = (
    DOCUMENT_START
    + """\
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2.5rem; padding-top: 1rem; border-top: 2px solid #ccc; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.meta, .facts { color: #555; }
.text, blockquote, .points > li { white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: 0; padding: 0.5rem 1rem; border-left: 4px solid #4a7bd0; background: #f3f6fb; }
.note { font-style: italic; color: #555; }
.covered { color: #1a7f37; }
.missed { color: #b42318; }
.evidence { color: #555; font-style: italic; }
table.summary { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.summary th, .summary td { text-align: left; padding: 0.25rem 0.4rem; vertical-align: top; }
.summary td { border-top: 1px solid #ddd; }
.summary td.question { overflow-wrap: anywhere; }
.summary .num { text-align: right; white-space: nowrap; }
h2.summary-title { border-top: 0; margin-top: 1.5rem; padding-top: 0; }
@media (max-width: 30rem) {
  table.summary, .summary tbody { display: block; }
  .summary thead { display: none; }
  .summary tr { display: flex; flex-wrap: wrap; gap: 0 0.8rem; padding: 0.4rem 0; border-top: 1px solid #ddd; }
  .summary td { border: 0; padding: 0; }
  .summary td.question { flex: 1 1 80%; }
  .summary td[data-label]::before { content: attr(data-label) " "; color: #555; }
}
@media print {
  @page { margin: 15mm; }
  body { font-size: 10pt; line-height: 1.35; color: #000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin: 0 0 0.5rem; }
  h2 { font-size: 12pt; margin-top: 1.2rem; padding-top: 0.5rem; break-after: avoid; border-top-color: #999; }
  h3 { font-size: 10pt; margin: 0.7rem 0 0.2rem; break-after: avoid; }
  dl { gap: 0 1rem; grid-template-columns: max-content 1fr max-content 1fr; }
  .summary th, .summary td { padding: 0.1rem 0.3rem; }
  .summary tr, li, .meta, .facts { break-inside: avoid; }
  blockquote { background: none; border-left-color: #999; padding: 0.2rem 0.6rem; }
}
</style>
</head>
<body>
<main>
"""
)
_FOOT = "</main>\n</body>\n</html>\n"


class HtmlFormatter:
    """One HTML file, to open in a browser, send, or print."""

    suffix = ".html"

    def render(self, session: SessionRecord, *, examples: bool = True) -> str:
        title = esc(view.title(session))
        parts = [_HEAD.replace("{title}", title), f"<h1>{title}</h1>\n", _facts(view.header_facts(session))]
        parts.append(_summary(view.summary_rows(session)))
        parts += [_item(item, examples) for item in view.items(session)]
        return "".join(parts) + _FOOT


def esc(text: str) -> str:
    """Untrusted text (already made visible) as HTML text."""
    return html.escape(text, quote=True)


def _facts(facts: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>\n" for label, value in facts)
    return f"<dl>\n{rows}</dl>\n"


def _summary(rows: list[view.SummaryRow]) -> str:
    """The table a transcript opens with: a row per question."""
    verdicts = view.has_verdicts(rows)
    head = '<th class="num">#</th><th>Question</th>' + ("<th>Verdict</th>" if verdicts else "")
    head += '<th>Flags</th><th>Rating</th><th class="num">Time</th>'
    lines = []
    for row in rows:
        verdict = f'<td data-label="Verdict">{esc(row.verdict or "-")}</td>' if verdicts else ""
        lines.append(
            f'<tr><td class="num">{row.number}</td><td class="question">{esc(row.question)}</td>\n{verdict}'
            f'<td data-label="Flags">{esc(row.flags_text)}</td>\n<td data-label="Rating">{esc(row.rating)}</td>'
            f'<td class="num" data-label="Time">{esc(row.time_text)}</td></tr>\n'
        )
    return (
        '<h2 class="summary-title">Summary</h2>\n<table class="summary">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(lines)}</tbody>\n</table>\n"
    )


def _item(item: Item, examples: bool) -> str:
    parts = [
        f"<section>\n<h2>{item.number}. {esc(item.text('question'))}</h2>\n",
        f'<p class="meta">{esc(view.question_meta(item))}<br>Skills: {esc(", ".join(item.texts("skills")))}</p>\n',
        f'<p class="text"><em>Why interviewers ask it:</em> {esc(item.text("introduction"))}</p>\n',
    ]
    if item.answer is None:
        parts.append('<p class="note">Not reached: the session ended before this question.</p>\n')
    else:
        parts += [_answer(item, answer) for answer in item.attempts]
        if examples:
            parts.append(_guidance(item))
    return "".join(parts) + "</section>\n"


def _answer(item: Item, answer: AnswerRecord) -> str:
    heading = f"<h3>{esc(view.attempt_heading(item, answer))}</h3>\n"
    if answer.skipped and not answer.draft:
        return heading + '<p class="note">Skipped.</p>\n'
    # The follow-up before the feedback: the feedback reads the answer and the reply together.
    follow_up = _follow_up(item.follow_up) if answer is item.answer else ""
    return (
        f"{heading}<blockquote>{esc(view.visible(answer.answer))}</blockquote>\n"
        f'<p class="facts">{esc(view.answer_facts(answer))}</p>\n'
        + follow_up
        + _feedback(view.feedback_facts(answer.feedback))
    )


def _follow_up(follow_up: FollowUpRecord | None) -> str:
    if follow_up is None:
        return ""
    if follow_up.skipped:
        reply = '<p class="note">No reply.</p>\n'
    else:
        reply = f"<blockquote>{esc(view.visible(follow_up.answer))}</blockquote>\n"
    return (
        f'<h3>Follow-up</h3>\n<p class="text"><strong>{esc(view.visible(follow_up.question))}</strong></p>\n'
        f'{reply}<p class="facts">{esc(view.follow_up_facts(follow_up))}</p>\n'
    )


def _feedback(facts: list[tuple[str, list[str]]]) -> str:
    if not facts:
        return ""
    rows = "".join(f"<li><strong>{esc(label)}:</strong>{_values(values)}</li>\n" for label, values in facts)
    return f"<h3>Feedback</h3>\n<ul>\n{rows}</ul>\n"


def _values(values: list[str]) -> str:
    if len(values) == 1:
        return f" {esc(values[0])}"
    items = "".join(f"<li>{esc(value)}</li>\n" for value in values)
    return f"\n<ul>\n{items}</ul>\n"


def _guidance(item: Item) -> str:
    marks = view.point_marks(item.answer.feedback) if item.answer and item.answer.feedback else {}
    return (
        f"<h3>How to answer</h3>\n{_list(item.texts('how_to_answer'), marks)}"
        f"<h3>What not to say</h3>\n{_list(item.texts('what_not_to_say'), {})}"
        f'<h3>Example answer</h3>\n<p class="text">{esc(item.text("example_answer"))}</p>\n'
    )


def _list(points: list[str], marks: dict[str, view.Mark]) -> str:
    return '<ul class="points">\n' + "".join(_point(point, marks.get(point)) for point in points) + "</ul>\n"


def _point(point: str, mark: view.Mark | None) -> str:
    if mark is None:
        return f"<li>{esc(point)}</li>\n"
    css, sign = ("covered", "✓") if mark.covered else ("missed", "✗")
    # A point's text keeps its line breaks (white-space: pre-wrap), so a line break puts the quotes below it.
    evidence = f'\n<span class="evidence">{esc(view.quoted(mark.evidence))}</span>' if mark.evidence else ""
    return f'<li class="{css}">{sign} {esc(point)}{evidence}</li>\n'
