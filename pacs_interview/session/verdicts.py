"""The verdict on a stored answer: strong, close or not-yet, with at most three fixes. Pure.

The feedback carries its own `verdict` (design.md "Feedback signals"), and that is the one taken.
Feedback saved without one, or with one this version cannot read, is judged again from the text
by the feedback engine, so a report never rests on a guess of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank import Question
from pacs_interview.feedback.grades import CLOSE, GRADES, NOT_YET, STRONG

__all__ = ["CLOSE", "MAX_FIXES", "NOT_YET", "SKIPPED_FIX", "STRONG", "Fix", "Verdict", "verdict_of"]

MAX_FIXES = 3
SKIPPED_FIX = "Say something, even a first step or how you would find out: a partial answer beats none."


@dataclass(frozen=True)
class Fix:
    """One thing to do next time, and the signal that calls for it."""

    signal: str
    advice: str


@dataclass(frozen=True)
class Verdict:
    grade: str
    fixes: tuple[Fix, ...]


def verdict_of(question: Question, feedback: Mapping[str, Any] | None, text: str = "") -> Verdict:
    """The verdict on one answer (`text`): the feedback's own; None feedback is a skipped answer."""
    if feedback is None:
        return Verdict(NOT_YET, (Fix("skipped", SKIPPED_FIX),))
    stored = _stored_verdict(feedback.get("verdict"))
    if stored is not None:
        return stored
    from pacs_interview.feedback.analysis import analyze  # only for feedback saved without a verdict

    judged = _stored_verdict(analyze(question, text).to_json().get("verdict"))
    assert judged is not None  # the engine always gives one
    return judged


def _stored_verdict(value: Any) -> Verdict | None:
    if not isinstance(value, Mapping) or value.get("grade") not in GRADES:
        return None
    fixes = [
        Fix(str(fix.get("signal", "")), str(fix.get("advice", "")))
        for fix in value.get("fixes") or ()
        if isinstance(fix, Mapping)
    ]
    return Verdict(str(value["grade"]), tuple(fixes[:MAX_FIXES]))
