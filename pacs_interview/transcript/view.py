"""What a transcript says, as plain text, shared by every format; each format only adds its markup.

Values here are untrusted (bank and user text) and unescaped; `visible` has made control characters
visible, and each formatter escapes for its own syntax.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank import Level
from pacs_interview.common.safe_text import show_controls
from pacs_interview.feedback.grades import GRADE_TEXT
from pacs_interview.session.follow_ups import WHY_ASKED
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, Rating, SessionRecord
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
    follow_up: FollowUpRecord | None = None  # mock interviews: the interviewer's follow-up and the reply

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
    follow_ups = {follow_up.position: follow_up for follow_up in session.follow_ups}
    return [
        Item(
            n + 1,
            question,
            by_position.get(n),
            tuple(a for a in session.attempts(n) if a is not by_position.get(n)),
            follow_ups.get(n),
        )
        for n, question in enumerate(session.questions)
    ]


def is_interview(session: SessionRecord) -> bool:
    """Whether the session is a mock interview."""
    return session.kind == "interview"


def title(session: SessionRecord) -> str:
    if is_interview(session):
        return f"PACS mock interview: session {session.id}"
    return f"PACS interview practice: session {session.id}"


def follow_up_facts(follow_up: FollowUpRecord) -> str:
    """Why the follow-up was asked, and the reply's time and words, on one line."""
    why = WHY_ASKED.get(follow_up.reason, follow_up.reason)
    time_taken = format_seconds(follow_up.seconds)
    return f"Asked because {visible(why)} · Time taken: {time_taken} · Words: {follow_up.word_count}"


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
        *_interview_facts(session),
    ]


@dataclass(frozen=True)
class SummaryRow:
    """One line of the summary table a transcript opens with."""

    number: int
    question_id: str
    question: str  # on one line
    state: str  # ANSWERED, SKIPPED, DRAFT or NOT_REACHED
    verdict: str | None  # the feedback's grade, when it gave one
    flags: list[str]  # the kinds of red flag raised, each once
    rating: str  # a rating's name, `not rated`, `skipped`, `draft` or `not reached`
    seconds: float | None

    @property
    def flags_text(self) -> str:
        return ", ".join(self.flags) if self.flags else "none" if self.state == ANSWERED else "-"

    @property
    def time_text(self) -> str:
        return format_seconds(self.seconds)


def summary_rows(session: SessionRecord) -> list[SummaryRow]:
    """Question, verdict, flags, rating and time for every question of the session."""
    return [_summary_row(item) for item in items(session)]


def has_verdicts(rows: list[SummaryRow]) -> bool:
    """Whether any answer has a verdict: feedback from before verdicts has none, and then the column goes."""
    return any(row.verdict is not None for row in rows)


def _summary_row(item: Item) -> SummaryRow:
    answer = item.answer
    question = " ".join(item.text("question").split())
    if answer is None or answer.skipped or answer.draft:
        return SummaryRow(
            item.number,
            item.text("id"),
            question,
            item.state,
            None,
            [],
            item.state,
            None if answer is None else answer.seconds,
        )
    feedback = answer.feedback or {}
    verdict = feedback.get("verdict")
    grade = verdict.get("grade") if isinstance(verdict, Mapping) else None
    flags = feedback.get("red_flags")
    kinds = (
        [visible(str(f.get("kind", "flag"))) for f in flags if isinstance(f, Mapping)]
        if isinstance(flags, list)
        else []
    )
    rating = "not rated" if answer.rating is None else answer.rating.name
    return SummaryRow(
        item.number,
        item.text("id"),
        question,
        item.state,
        visible(grade) if isinstance(grade, str) else None,
        list(dict.fromkeys(kinds)),
        rating,
        answer.seconds,
    )


def _question_counts(summary: Summary) -> str:
    drafts = f" ({summary.drafts} of them drafts)" if summary.drafts else ""
    return (
        f"{summary.total} ({summary.answered} answered, {summary.skipped} skipped,"
        f" {summary.not_reached} not reached{drafts})"
    )


def _interview_facts(session: SessionRecord) -> list[tuple[str, str]]:
    if not is_interview(session):
        return []
    asked = len(session.follow_ups)
    follow_ups = f"{asked} asked" if session.settings.follow_ups else "off"
    return [("Time per question", format_seconds(session.settings.time_limit)), ("Follow-ups", follow_ups)]


def question_meta(item: Item) -> str:
    """Level (with its label), type and id on one line."""
    return f"{level_text(item.text('level'))} · {item.text('type')} · {item.text('id')}"


def level_text(level: str) -> str:
    """`Junior PACS Administrator (junior)`; an unknown level as it is."""
    try:
        return f"{Level(level).label} ({level})"
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


@dataclass(frozen=True)
class Mark:
    """Whether the answer covered a how-to-answer point, and the quotes of the answer that show it."""

    covered: bool
    evidence: list[str]


def point_marks(feedback: Mapping[str, Any] | None) -> dict[str, Mark]:
    """How-to-answer point text to its mark, from the feedback's guidance."""
    return {
        visible(str(g.get("point"))): Mark(
            bool(g.get("covered")), _evidence(g.get("evidence")) if g.get("covered") else []
        )
        for g in _guidance_points((feedback or {}).get("guidance"))
    }


def _evidence(value: Any) -> list[str]:
    return [visible(str(quote)) for quote in value] if isinstance(value, list) else []


def quoted(evidence: list[str]) -> str:
    """Quotes of the answer on one line: “ran a C-ECHO” · “compared the AE titles”."""
    return " · ".join(f"“{quote}”" for quote in evidence)


def feedback_facts(feedback: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    """The feedback signals as (label, values): the verdict and its fixes first, then the rest in the
    feedback's own order; unknown keys shown as they are."""
    feedback = feedback or {}
    facts = _verdict_facts(feedback.get("verdict")) if "verdict" in feedback else []
    for key, value in feedback.items():
        if key not in _FEEDBACK_SHOWN_ELSEWHERE and key != "verdict":
            label, values = _DESCRIBERS.get(key, _generic(key))(value)
            if key == "red_flags" and values == ["none"] and _asks_about_a_flag(feedback.get("verdict")):
                values = ["none asserted; see the question under Next time"]
            facts.append((label, [visible(v) for v in values]))
    return facts


# Fixes that only a red flag, asserted or asked about, calls for. With no flag asserted, such a fix is a
# question ("Is anyone blamed here?"), and "none" beside it would contradict it.
_FLAG_FIXES = frozenset({"blame", "deflection", "result"})


def _asks_about_a_flag(verdict: Any) -> bool:
    fixes = verdict.get("fixes") if isinstance(verdict, Mapping) else None
    return isinstance(fixes, list) and any(
        isinstance(fix, Mapping) and fix.get("signal") in _FLAG_FIXES for fix in fixes
    )


def _verdict_facts(value: Any) -> list[tuple[str, list[str]]]:
    if not isinstance(value, Mapping):
        return [("Verdict", [visible(_plain(value))])]
    grade = value.get("grade")
    facts = [("Verdict", [visible(GRADE_TEXT.get(grade, _plain(grade)) if isinstance(grade, str) else _plain(grade))])]
    fixes = value.get("fixes")
    advice = [_fix(fix) for fix in fixes] if isinstance(fixes, list) else [] if fixes is None else [_plain(fixes)]
    if advice:
        facts.append(("Next time", [visible(text) for text in advice]))
    return facts


def _fix(fix: Any) -> str:
    return str(fix.get("advice", "")) if isinstance(fix, Mapping) else _plain(fix)


def _star(value: Any) -> tuple[str, list[str]]:
    if value is None:
        return "STAR", ["not judged: an explanation"]
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
    if value is None:  # JSON's null: a value left out
        return "none"
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
    "form": lambda value: ("Form", [_plain(value)]),
    "relevant": lambda value: ("On the question", ["no: no point is ticked" if value is False else _plain(value)]),
}
