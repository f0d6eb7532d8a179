"""The HTML transcript: one self-contained page, no scripts, no network, readable on a phone, printable."""

from __future__ import annotations

import html

from pacs_interview.session.records import AnswerRecord, SessionRecord
from pacs_interview.transcript import view
from pacs_interview.transcript.view import Item

# The policy forbids scripts and every external fetch even if some text were ever left unescaped.
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
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
@media print {
  body { font-size: 11pt; color: #000; }
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; break-after: avoid; border-top-color: #999; }
  section { break-inside: avoid-page; }
  blockquote { background: none; border-left-color: #999; }
}
</style>
</head>
<body>
<main>
"""
_FOOT = "</main>\n</body>\n</html>\n"


class HtmlFormatter:
    """One HTML file, to open in a browser, send, or print."""

    suffix = ".html"

    def render(self, session: SessionRecord) -> str:
        title = esc(view.title(session))
        parts = [_HEAD.replace("{title}", title), f"<h1>{title}</h1>\n", _facts(view.header_facts(session))]
        parts += [_item(item) for item in view.items(session)]
        return "".join(parts) + _FOOT


def esc(text: str) -> str:
    """Untrusted text (already made visible) as HTML text."""
    return html.escape(text, quote=True)


def _facts(facts: list[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>\n" for label, value in facts)
    return f"<dl>\n{rows}</dl>\n"


def _item(item: Item) -> str:
    parts = [
        f"<section>\n<h2>{item.number}. {esc(item.text('question'))}</h2>\n",
        f'<p class="meta">{esc(view.question_meta(item))}<br>Skills: {esc(", ".join(item.texts("skills")))}</p>\n',
        f'<p class="text"><em>Why interviewers ask it:</em> {esc(item.text("introduction"))}</p>\n',
    ]
    if item.answer is None:
        parts.append('<p class="note">Not reached: the session ended before this question.</p>\n')
    else:
        parts += [_answer(item, answer) for answer in item.attempts]
        parts.append(_guidance(item))
    return "".join(parts) + "</section>\n"


def _answer(item: Item, answer: AnswerRecord) -> str:
    heading = f"<h3>{esc(view.attempt_heading(item, answer))}</h3>\n"
    if answer.skipped and not answer.draft:
        return heading + '<p class="note">Skipped.</p>\n'
    return (
        f"{heading}<blockquote>{esc(view.visible(answer.answer))}</blockquote>\n"
        f'<p class="facts">{esc(view.answer_facts(answer))}</p>\n' + _feedback(view.feedback_facts(answer.feedback))
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
    marks = view.covered_points(item.answer.feedback) if item.answer and item.answer.feedback else {}
    return (
        f"<h3>How to answer</h3>\n{_list(item.texts('how_to_answer'), marks)}"
        f"<h3>What not to say</h3>\n{_list(item.texts('what_not_to_say'), {})}"
        f'<h3>Example answer</h3>\n<p class="text">{esc(item.text("example_answer"))}</p>\n'
    )


def _list(points: list[str], marks: dict[str, bool]) -> str:
    return '<ul class="points">\n' + "".join(_point(point, marks.get(point)) for point in points) + "</ul>\n"


def _point(point: str, covered: bool | None) -> str:
    if covered is None:
        return f"<li>{esc(point)}</li>\n"
    css, sign = ("covered", "✓") if covered else ("missed", "✗")
    return f'<li class="{css}">{sign} {esc(point)}</li>\n'
