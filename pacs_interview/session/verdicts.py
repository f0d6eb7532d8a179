"""The verdict on a stored answer: strong, close or not-yet, with at most three fixes. Pure.

Feedback that carries its own `verdict` (design.md "Feedback signals") is taken as it is. Feedback
written before the verdict existed is judged here from the signals it has, the same way: an
answer that blames, deflects, stays vague or is too thin does not pass; a story without its
ending, or an answer missing most of its points, is close.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank import Question, QuestionType

STRONG, CLOSE, NOT_YET = "strong", "close", "not-yet"
GRADES = (STRONG, CLOSE, NOT_YET)
MAX_FIXES = 3
# About twenty seconds of speech: too little to cover what any interview question asks.
THIN_WORDS = 45
# Share of a question's how-to-answer points a strong answer covers.
STRONG_SHARE = 0.6
# Questions that ask for something that happened: an answer without the whole story falls short.
_STORY_TYPES = frozenset({QuestionType.behavioral, QuestionType.leadership})
_FAILING_FLAGS = ("blame", "deflection", "vague")

SKIPPED_FIX = "Say something, even a first step or how you would find out: a partial answer beats none."
_ADVICE = {
    "blame": "Own your part: say what you did and what you would do differently, not who was at fault.",
    "deflection": "Keep hold of the problem: say what you would do yourself, even where another team owns part of it.",
    "vague": "Be specific: name the system, the standard, the steps you took and a number.",
    "no-result": "Say how it ended: what changed, with a number if you have one.",
    "situation": "Set the scene in a sentence: where you were, when, and what was going wrong.",
    "action": "Say what you did, step by step: the checks and the changes, in order.",
    "quantified": "Put a number on the outcome: how long, how many, or how much better.",
    "ownership": "Say what you did yourself: “I” for your part, “we” for the team's.",
    "short": "Say more: the detail behind each step, for one to three minutes.",
    "long": "Keep it shorter: lead with what matters and stop after the outcome.",
}


@dataclass(frozen=True)
class Fix:
    """One thing to do next time, and the signal that calls for it."""

    signal: str
    advice: str


@dataclass(frozen=True)
class Verdict:
    grade: str
    fixes: tuple[Fix, ...]


def verdict_of(question: Question, feedback: Mapping[str, Any] | None) -> Verdict:
    """The verdict on one answer: the feedback's own when it has one; None feedback is a skipped answer."""
    if feedback is None:
        return Verdict(NOT_YET, (Fix("skipped", SKIPPED_FIX),))
    stored = _stored_verdict(feedback.get("verdict"))
    return stored if stored is not None else _judged(question, feedback)


def _stored_verdict(value: Any) -> Verdict | None:
    if not isinstance(value, Mapping) or value.get("grade") not in GRADES:
        return None
    fixes = [
        Fix(str(fix.get("signal", "")), str(fix.get("advice", "")))
        for fix in value.get("fixes") or ()
        if isinstance(fix, Mapping)
    ]
    return Verdict(str(value["grade"]), tuple(fixes[:MAX_FIXES]))


def _judged(question: Question, feedback: Mapping[str, Any]) -> Verdict:
    """A verdict from the signals feedback had before it carried one."""
    flags = _flag_kinds(feedback)
    covered = _covered(feedback)
    share = sum(covered) / len(covered) if covered else 1.0
    star = _star(feedback)
    fixes = [Fix(kind, _ADVICE[kind]) for kind in (*_FAILING_FLAGS, "no-result") if kind in flags]
    if question.type in _STORY_TYPES:
        fixes += [Fix(part, _ADVICE[part]) for part in ("situation", "action") if not star.get(part)]
    missed = [point for point, hit in zip(question.how_to_answer, covered, strict=False) if not hit]
    if missed and share < STRONG_SHARE:
        fixes.append(Fix("guidance", f"Cover this point too: {missed[0]}"))
    if star.get("result") and not feedback.get("quantified"):
        fixes.append(Fix("quantified", _ADVICE["quantified"]))
    if feedback.get("ownership") == "we":
        fixes.append(Fix("ownership", _ADVICE["ownership"]))
    if feedback.get("length") in ("short", "long"):
        fixes.append(Fix("length", _ADVICE[str(feedback["length"])]))
    return Verdict(_grade(question, feedback, flags, share, star), tuple(fixes[:MAX_FIXES]))


def _star(feedback: Mapping[str, Any]) -> Mapping[str, Any]:
    star = feedback.get("star")
    return star if isinstance(star, Mapping) else {}


def _grade(
    question: Question, feedback: Mapping[str, Any], flags: set[str], share: float, star: Mapping[str, Any]
) -> str:
    words = feedback.get("word_count")
    thin = isinstance(words, int) and words < THIN_WORDS
    if feedback.get("relevant") is False or flags.intersection(_FAILING_FLAGS) or thin:
        return NOT_YET
    incomplete_story = question.type in _STORY_TYPES and not (star.get("situation") and star.get("action"))
    if "no-result" in flags or incomplete_story or feedback.get("length") == "short" or share < STRONG_SHARE:
        return CLOSE
    return STRONG


def _flag_kinds(feedback: Mapping[str, Any]) -> set[str]:
    return {str(flag.get("kind")) for flag in _objects(feedback.get("red_flags"))}


def _covered(feedback: Mapping[str, Any]) -> list[bool]:
    return [bool(point.get("covered")) for point in _objects(feedback.get("guidance"))]


def _objects(value: Any) -> Sequence[Mapping[str, Any]]:
    # Stored JSON may hold anything; only a list of objects is a list of flags or points.
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []
