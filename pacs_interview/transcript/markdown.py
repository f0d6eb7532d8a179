"""The Markdown transcript: bank and user text escaped, so it always reads as the text it is."""

from __future__ import annotations

import re

from pacs_interview.session.records import AnswerRecord, FollowUpRecord, SessionRecord
from pacs_interview.transcript import view
from pacs_interview.transcript.view import Item

# Characters that start emphasis, code, links, HTML, entities, GFM tables and strikethrough anywhere
# in a line, and colons (escaped only around an emoji shortcode, below). Escaping only these keeps
# the raw file readable (no `e\.g\.`).
_INLINE = re.compile(r"[\\`*_\[\]<>#|~&:]")
# `:heart:` is an emoji shortcode on GitHub and many other viewers: both of its colons are escaped,
# so it stays text. Group 1 ends where the closing colon is; shortcodes may share a colon (`:a:b:`).
_SHORTCODE = re.compile(r":(?=([\w+-]+):)")
# What starts a block only at the beginning of a line: list items, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n\s*\n\s*")


class MarkdownFormatter:
    """Markdown, the default export: readable raw, and rendered by any Markdown viewer."""

    suffix = ".md"

    def render(self, session: SessionRecord, *, examples: bool = True) -> str:
        lines = [f"# {view.title(session)}", ""]
        lines += [f"- **{label}:** {escape(value)}" for label, value in view.header_facts(session)]
        lines += ["", *_summary(view.summary_rows(session))]
        for item in view.items(session):
            lines += ["", *_item(item, examples)]
        return "\n".join(lines) + "\n"


def _summary(rows: list[view.SummaryRow]) -> list[str]:
    """The table a transcript opens with: a line per question."""
    verdicts = view.has_verdicts(rows)
    head = ["#", "Question", *(["Verdict"] if verdicts else []), "Flags", "Rating", "Time"]
    align = ["--:", "---", *(["---"] if verdicts else []), "---", "---", "--:"]
    lines = ["## Summary", "", _row(head), _row(align)]
    for row in rows:
        verdict = [escape(row.verdict or "-")] if verdicts else []
        cells = [str(row.number), escape(row.question), *verdict, escape(row.flags_text), row.rating, row.time_text]
        lines.append(_row(cells))
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def escape(text: str) -> str:
    """Text placed inside a line (after a label or `## `) as literal Markdown."""
    colons = {at for match in _SHORTCODE.finditer(text) for at in (match.start(), match.end(1))}
    return _INLINE.sub(lambda m: m[0] if m[0] == ":" and m.start() not in colons else f"\\{m[0]}", text)


def escape_line(text: str) -> str:
    """A whole line of text as literal Markdown, including what only matters at the start of a line."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escape(text))


def block(text: str, first: str = "", rest: str = "") -> list[str]:
    """Text as Markdown lines: `first` and `rest` prefix them, line breaks stay (as hard breaks)."""
    out: list[str] = []
    for number, paragraph in enumerate(_PARAGRAPH_BREAK.split(text.strip())):
        if number:
            out.append(rest.rstrip())  # the blank line between paragraphs (`>` inside a quote)
        # Leading whitespace is dropped: four spaces would otherwise turn a line into a code block.
        lines = [escape_line(line.strip()) for line in paragraph.split("\n")]
        for index, line in enumerate(lines):
            prefix = first if number == index == 0 else rest
            out.append(prefix + line + ("\\" if index + 1 < len(lines) else ""))
    return out if text.strip() else []


def _bullets(points: list[str], marks: dict[str, view.Mark] | None = None) -> list[str]:
    lines: list[str] = []
    for point in points:
        mark = marks.get(point) if marks else None
        sign = "" if mark is None else ("✓ " if mark.covered else "✗ ")
        lines += block(point, first=f"- {sign}", rest="  ")
        if mark and mark.evidence:
            lines[-1] += "\\"  # the quotes go on a line of their own, inside the same item
            lines.append("  " + escape(view.quoted(mark.evidence)))
    return lines


def _item(item: Item, examples: bool) -> list[str]:
    lines = [f"## {item.number}. {escape(' '.join(item.text('question').split()))}", ""]
    lines += [escape_line(view.question_meta(item)) + "\\", f"Skills: {escape(', '.join(item.texts('skills')))}", ""]
    lines += block(item.text("introduction"), first="*Why interviewers ask it:* ")
    if item.answer is None:
        return [*lines, "", "*Not reached: the session ended before this question.*"]
    for answer in item.attempts:
        follow_up = item.follow_up if answer is item.answer else None
        lines += ["", f"### {escape(view.attempt_heading(item, answer))}", "", *_answer(answer, follow_up)]
    return [*lines, *_guidance(item)] if examples else lines


def _answer(answer: AnswerRecord, follow_up: FollowUpRecord | None) -> list[str]:
    if answer.skipped and not answer.draft:
        return ["*Skipped.*"]
    lines = block(view.visible(answer.answer), first="> ", rest="> ") or [">"]
    lines += ["", escape_line(view.answer_facts(answer))]
    # The follow-up before the feedback: the feedback reads the answer and the reply together.
    return lines + _follow_up(follow_up) + _feedback(view.feedback_facts(answer.feedback))


def _follow_up(follow_up: FollowUpRecord | None) -> list[str]:
    if follow_up is None:
        return []
    # One line, as the question heading is: emphasis cannot span a paragraph break.
    lines = ["", "### Follow-up", "", f"**{escape(' '.join(view.visible(follow_up.question).split()))}**"]
    if follow_up.skipped:
        lines += ["", "*No reply.*"]
    else:
        lines += ["", *(block(view.visible(follow_up.answer), first="> ", rest="> ") or [">"])]
    return [*lines, "", escape_line(view.follow_up_facts(follow_up))]


def _feedback(facts: list[tuple[str, list[str]]]) -> list[str]:
    if not facts:
        return []
    lines = ["", "### Feedback", ""]
    for label, values in facts:
        if len(values) == 1:
            lines.append(f"- **{escape(label)}:** {escape(values[0])}")
        else:
            lines += [f"- **{escape(label)}:**", *(f"  - {escape(v)}" for v in values)]
    return lines


def _guidance(item: Item) -> list[str]:
    marks = view.point_marks(item.answer.feedback) if item.answer and item.answer.feedback else None
    return [
        *["", "### How to answer", "", *_bullets(item.texts("how_to_answer"), marks)],
        *["", "### What not to say", "", *_bullets(item.texts("what_not_to_say"))],
        *["", "### Example answer", "", *block(item.text("example_answer"))],
    ]
