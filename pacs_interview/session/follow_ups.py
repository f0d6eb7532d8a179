"""The interviewer's follow-up question: where the answer was thin, or else one from the bank. Pure.

It reads the answer's feedback in its JSON form (what the store keeps), so the choice is the same
for an answer given now and one read back from history.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank import Question
from pacs_interview.session.records import FollowUpRecord

# What an answer lacked, and what an interviewer asks about it, in the order an interviewer presses:
# an answer with nothing concrete in it gives nothing else to build on; blame is the warning sign a
# panel most wants to see handled; then the missing ending, the missing "I", and the missing number.
VAGUE, BLAME, NO_RESULT, ONLY_WE, NO_SCALE, BANK = "vague", "blame", "no-result", "only-we", "no-scale", "bank"
PROBES: dict[str, str] = {
    VAGUE: "Can you give me a concrete example: a time it happened, the system involved, and what you did?",
    BLAME: "Looking back, what would you do differently yourself?",
    NO_RESULT: "And how did it turn out in the end?",
    ONLY_WE: "You said “we” throughout. What was your own part in it?",
    NO_SCALE: "Can you put a number on that: how many, how long, or how much better?",
}
REASONS = (*PROBES, BANK)
# Why a follow-up was asked, as transcripts say it.
WHY_ASKED = {
    VAGUE: "the answer named nothing concrete",
    BLAME: "the answer blamed others",
    NO_RESULT: "the answer did not say how it ended",
    ONLY_WE: "the answer said only “we”",
    NO_SCALE: "the answer put no number on the outcome",
    BANK: "one of the question's own follow-ups",
}


@dataclass(frozen=True)
class FollowUp:
    """The question the interviewer asks next, and why: a gap in the answer, or `bank`."""

    reason: str
    text: str


def lacks(feedback: Mapping[str, Any]) -> str | None:
    """The first gap an interviewer would press on, from the answer's feedback; None when it has none."""
    flags = {flag.get("kind") for flag in feedback.get("red_flags") or () if isinstance(flag, Mapping)}
    if VAGUE in flags:
        return VAGUE
    if BLAME in flags:
        return BLAME
    # An ending the feedback is unsure of is asked about in its fixes rather than flagged: an interviewer asks too.
    if NO_RESULT in flags or "result" in _fix_signals(feedback):
        return NO_RESULT
    if feedback.get("ownership") == "we":
        return ONLY_WE
    if _ended_without_a_number(feedback):
        return NO_SCALE
    return None


def _fix_signals(feedback: Mapping[str, Any]) -> set[str]:
    """The signals the verdict's fixes name ("result" for an ending missing or in doubt)."""
    verdict = feedback.get("verdict")
    fixes = verdict.get("fixes") if isinstance(verdict, Mapping) else None
    return {str(fix.get("signal")) for fix in fixes or () if isinstance(fix, Mapping)}


def _ended_without_a_number(feedback: Mapping[str, Any]) -> bool:
    """A story that says how it ended but puts no number on it; an explanation needs no scale."""
    star = feedback.get("star")
    if not isinstance(star, Mapping) or not star.get("result") or feedback.get("quantified"):
        return False
    # `form` says outright whether the answer is a story; feedback without it counts a scene and steps as one.
    form = feedback.get("form")
    return form == "story" if form is not None else bool(star.get("situation") and star.get("action"))


def choose_follow_up(
    question: Question, feedback: Mapping[str, Any], rng: random.Random, *, time_left: bool = True
) -> FollowUp | None:
    """At most one follow-up: on the answer's first gap, or else one of the question's own `follow_ups`.

    A question's own follow-ups are for an answer with nothing missing, and only while its time has
    not run out: a panel short of time moves on, but still presses on a gap.
    """
    gap = lacks(feedback)
    if gap is not None:
        return FollowUp(gap, PROBES[gap])
    if question.follow_ups and time_left:
        return FollowUp(BANK, rng.choice(question.follow_ups))
    return None


def with_reply(answer: str, follow_up: FollowUpRecord | None) -> str:
    """The text a question's feedback reads: the answer, and the reply to its follow-up when there is one."""
    if follow_up is None or follow_up.skipped:
        return answer
    return f"{answer}\n\n{follow_up.answer}"
