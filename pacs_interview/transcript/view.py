"""What a transcript says, as plain text, shared by every format; each format only adds its markup.

Values here are untrusted (bank and user text) and unescaped; `visible` has made control characters
visible, and each formatter escapes for its own syntax.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank import LEVEL_LABELS, Level
from pacs_interview.common.safe_text import show_controls
from pacs_interview.session.records import AnswerRecord, Rating, SessionRecord
from pacs_interview.session.summary import (
    Summary,
    describe_filters,
    format_rating,
    format_seconds,
    local_time,
    status_text,
    summarize,
)

ANSWERED, SKIPPED, NOT_REACHED, DRAFT = "answered", "skipped", "not reached", "draft"
# Shown elsewhere in the transcript (the answer line), so not repeated among the feedback signals.
_FEEDBACK_SHOWN_ELSEWHERE = frozenset({"question_id", "word_count"})
Describer = Callable[[Any], tuple[str, list[str]]]


@dataclass(frozen=True)
class Item:
    """One question of the session with its answer, if it was reached."""

    number: int  # 1-based
    question: Mapping[str, Any]  # the snapshot, with the bank's key names
    answer: AnswerRecord | None  # the attempt that counts (the last submitted one), else a draft
    earlier: tuple[AnswerRecord, ...] = ()  # every other attempt, in order

    @property
    def state(self) -> str:
        if self.answer is None:
            return NOT_REACHED
        if self.answer.draft:
            return DRAFT
        return SKIPPED if self.answer.skipped else ANSWERED

    @property
    def attempts(self) -> list[AnswerRecord]:
        """Every attempt, first to last, the one that counts included."""
        return sorted([*self.earlier, *([self.answer] if self.answer else [])], key=lambda a: a.attempt)

    def text(self, key: str) -> str:
        """A text field of the question ('' when the snapshot lacks it)."""
        return visible(str(self.question.get(key, "")))

    def texts(self, key: str) -> list[str]:
        """A list field of the question, such as how_to_answer (a point with cues shows as its text)."""
        return [visible(str(_text_of(value))) for value in self.question.get(key) or ()]


visible = show_controls


def _text_of(value: object) -> object:
    """A how_to_answer point saved as {"point": ..., "look_for": [...]} reads as its point."""
    return value.get("point", "") if isinstance(value, dict) else value


def items(session: SessionRecord) -> list[Item]:
    """Every question of the session in order, each with its answer or None."""
    by_position = {answer.position: answer for answer in session.answers}
    return [
        Item(n + 1, question, by_position.get(n), tuple(a for a in session.attempts(n) if a is not by_position.get(n)))
        for n, question in enumerate(session.questions)
    ]


def title(session: SessionRecord) -> str:
    return f"PACS interview practice: session {session.id}"


def header_facts(session: SessionRecord) -> list[tuple[str, str]]:
    """Label and value pairs for the transcript's header."""
    summary = summarize(session)
    return [
        ("Started", local_time(session.started_at, offset=True)),
        ("Ended", local_time(session.ended_at, offset=True) if session.ended_at else "-"),
        ("Status", status_text(summary)),
        ("Filters", visible(describe_filters(session.settings.filters))),
        ("Bank", visible(session.settings.bank)),
        ("Questions", _question_counts(summary)),
        ("Time answering", format_seconds(summary.answer_seconds)),
        ("Duration", format_seconds(summary.duration_seconds)),
        ("Average rating", "-" if summary.average_rating is None else f"{format_rating(summary.average_rating)} of 4"),
    ]


def _question_counts(summary: Summary) -> str:
    drafts = f" ({summary.drafts} of them drafts)" if summary.drafts else ""
    return (
        f"{summary.total} ({summary.answered} answered, {summary.skipped} skipped,"
        f" {summary.not_reached} not reached{drafts})"
    )


def question_meta(item: Item) -> str:
    """Level (with its label), type and id on one line."""
    return f"{level_text(item.text('level'))} · {item.text('type')} · {item.text('id')}"


def level_text(level: str) -> str:
    """`Junior PACS Administrator (junior)`; an unknown level as it is."""
    try:
        return f"{LEVEL_LABELS[Level(level)]} ({level})"
    except ValueError:
        return level


def answer_facts(answer: AnswerRecord) -> str:
    """Time taken, word count and rating on one line."""
    time_taken = format_seconds(answer.seconds)
    if answer.draft:
        return f"Draft, never submitted · Time typing: {time_taken} · Words: {answer.word_count}"
    return f"Time taken: {time_taken} · Words: {answer.word_count} · Rating: {rating_text(answer.rating)}"


def attempt_heading(item: Item, answer: AnswerRecord) -> str:
    """`Your answer`, or with several attempts `Attempt 2 of 3 (counts)`; a draft says so."""
    attempts = item.attempts
    if len(attempts) == 1:
        return "Your answer (a draft: never submitted)" if answer.draft else "Your answer"
    label = f"Attempt {attempts.index(answer) + 1} of {len(attempts)}"
    if answer.draft:
        return f"{label} (a draft: never submitted)"
    return f"{label} (the one that counts)" if answer is item.answer else label


def rating_text(rating: Rating | None) -> str:
    return "not rated" if rating is None else f"{rating.name} ({int(rating)} of 4)"


def covered_points(feedback: Mapping[str, Any] | None) -> dict[str, bool]:
    """How-to-answer point text to whether the answer covered it, from the feedback's guidance."""
    return {
        visible(str(g.get("point"))): bool(g.get("covered")) for g in _guidance_points((feedback or {}).get("guidance"))
    }


def feedback_facts(feedback: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    """The feedback signals as (label, values), in the feedback's own order; unknown keys shown as they are."""
    facts = []
    for key, value in (feedback or {}).items():
        if key not in _FEEDBACK_SHOWN_ELSEWHERE:
            label, values = _DESCRIBERS.get(key, _generic(key))(value)
            facts.append((label, [visible(v) for v in values]))
    return facts


def _star(value: Any) -> tuple[str, list[str]]:
    if not isinstance(value, Mapping):
        return "STAR", [_plain(value)]
    covered = ", ".join(part for part, present in value.items() if present) or "none"
    missing = ", ".join(part for part, present in value.items() if not present) or "none"
    return "STAR", [f"covered {covered}; missing {missing}"]


def _speaking(value: Any) -> tuple[str, list[str]]:
    spoken = isinstance(value, (int, float)) and not isinstance(value, bool)
    return "Speaking time", [f"about {format_seconds(value)}" if spoken else _plain(value)]


def _guidance(value: Any) -> tuple[str, list[str]]:
    points = _guidance_points(value)
    return "How-to-answer points covered", [f"{sum(bool(g.get('covered')) for g in points)} of {len(points)}"]


def _guidance_points(value: Any) -> list[Mapping[str, Any]]:
    # The feedback is stored JSON of any shape; only a list of objects is guidance.
    return [g for g in value if isinstance(g, Mapping)] if isinstance(value, list) else []


def _red_flags(value: Any) -> tuple[str, list[str]]:
    if not isinstance(value, list):
        return "Red flags", [_plain(value)]
    return "Red flags", [_red_flag(flag) for flag in value] or ["none"]


def _red_flag(flag: Any) -> str:
    if not isinstance(flag, Mapping):
        return _plain(flag)
    text = f"{flag.get('kind', 'flag')}: “{flag.get('phrase', '')}”"
    return f"{text} (what not to say: {flag['point']})" if flag.get("point") else text


def _terms(label: str) -> Describer:
    def describe(value: Any) -> tuple[str, list[str]]:
        if not isinstance(value, list):
            return label, [_plain(value)]
        return label, [", ".join(_plain(v) for v in value) or "none"]

    return describe


def _generic(key: str) -> Describer:
    return lambda value: (key.replace("_", " ").capitalize(), [_plain(value)])


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Keys of the feedback's JSON form that read better with their own wording; any other key is shown
# as "Key name: value", so a signal added to the feedback later still reaches the transcript.
_DESCRIBERS: dict[str, Describer] = {
    "speaking_seconds": _speaking,
    "star": _star,
    "guidance": _guidance,
    "red_flags": _red_flags,
    "terms_used": _terms("PACS terms used"),
    "terms_missing": _terms("PACS terms missing"),
}
