"""The verdict: one grade a candidate reads first, and at most three things to do next time.

`strong`: an interviewer would be satisfied. `close`: sound and on the
question, but missing something that matters. `not-yet`: would not pass. The
grade follows how a hiring panel reads an answer (tests/data/answers
README "grade"): an answer off the question, one that blames or deflects, a
vague one or a thin one does not pass; a story needs its scene, its steps and
its ending; most of the question's points must be there for "strong".

Each fix names the signal that calls for it and says what to do next time.
Where the engine is not sure of a flag it asks rather than asserts, quoting
the words ("Is anyone blamed here? You said ...", "Did you say how it
ended?"): a question about the answer, never a judgement of the person. A
question may lower "strong" to "close", never to "not-yet" on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pacs_interview.bank import Question, QuestionType
from pacs_interview.feedback import relevance as why
from pacs_interview.feedback.grades import CLOSE, NOT_YET, STRONG

MAX_FIXES = 3

# Questions whose answer should be a real event: a plan in its place misses what they ask.
_STORY_QUESTIONS = frozenset({QuestionType.behavioral, QuestionType.leadership})
# An answer this short cannot cover what any question asks (about twenty seconds of speech).
THIN_WORDS = 45
# Share of the question's points an answer must cover to be strong, and at least to be close; an answer
# that blames or deflects needs more to stay close; a plan told for a story question needs nearly all.
STRONG_SHARE = 0.6
CLOSE_SHARE = 0.2
FLAGGED_CLOSE_SHARE = 0.4
ALMOST_ALL = 0.8
# Fewer words than this rarely carry the detail a panel wants for "strong": about 80 seconds of speech.
# Writers graded answers of 120 to 170 words that covered most points "close" far more often than "strong".
STRONG_WORDS = 170


@dataclass(frozen=True)
class Fix:
    """One thing to do next time, and the signal that calls for it."""

    signal: str
    advice: str

    def to_json(self) -> dict[str, str]:
        return {"signal": self.signal, "advice": self.advice}


@dataclass(frozen=True)
class Verdict:
    """The grade and the fixes, most important first."""

    grade: str
    fixes: tuple[Fix, ...]

    def to_json(self) -> dict[str, object]:
        return {"grade": self.grade, "fixes": [fix.to_json() for fix in self.fixes]}


@dataclass(frozen=True)
class Signals:
    """What the verdict reads: the other signals, already judged."""

    relevant: bool
    off_reason: str | None
    maybe_instead: str | None  # another question the answer may be answering instead
    story: bool
    words: int
    length: str
    covered: Sequence[bool]
    flags: frozenset[str]  # red flags asserted
    situation: bool
    action: bool
    result: bool
    result_doubtful: bool  # a story whose ending the rules could not find, but which may have one
    quantified: bool
    ownership: str
    # Flags the evidence was not sure enough to assert, by kind, with the words to quote in a question.
    asked: Mapping[str, str] = field(default_factory=dict)


def judge(question: Question, signals: Signals) -> Verdict:
    """The grade and the fixes for one answer."""
    if not signals.relevant:
        return Verdict(NOT_YET, (_off_question(question, signals.off_reason),))
    fixes = _fixes(question, signals)
    grade = _grade(question, signals)
    if (
        grade == CLOSE
        and signals.words < STRONG_WORDS
        and _grade(question, replace(signals, words=STRONG_WORDS)) == STRONG
    ):
        # Brevity is all that keeps it from "strong", so it is the first thing to fix, unless the
        # short-answer fix already says it.
        if signals.length != "short":
            fixes.insert(0, Fix("length", BRIEF_ADVICE))
    # A doubt about blame or deflection keeps a strong answer from "strong", and does no more.
    if grade == STRONG and signals.asked.keys() & {"blame", "deflection"}:
        grade = CLOSE
    return Verdict(grade, tuple(fixes[:MAX_FIXES]))


def _grade(question: Question, signals: Signals) -> str:
    covered = sum(signals.covered)
    share = covered / len(signals.covered) if signals.covered else 0.0
    if "vague" in signals.flags or signals.words < THIN_WORDS:
        return NOT_YET
    story_complete = signals.situation and signals.action and signals.result
    if share < CLOSE_SHARE and not (signals.story and story_complete):
        return NOT_YET
    # Blame or deflection in an otherwise sound answer is a mild flag; in a thin one it sinks it.
    if signals.flags & {"blame", "deflection"}:
        return CLOSE if share >= FLAGGED_CLOSE_SHARE else NOT_YET
    if signals.story and not story_complete or "no-result" in signals.flags:
        return CLOSE
    # A plan where the question asks for a time it happened misses the point, unless it covers nearly all.
    if not signals.story and question.type in _STORY_QUESTIONS and share < ALMOST_ALL:
        return CLOSE
    return STRONG if share >= STRONG_SHARE and signals.words >= STRONG_WORDS else CLOSE


BRIEF_ADVICE = "Add the detail behind your main steps and the outcome: strong answers usually run past a minute."


_OFF_ADVICE = {
    why.KEYWORDS: "Answer in sentences, not a list of terms: say what you would do or what happened.",
    why.LANGUAGE: "Answer in English, so the feedback can read it.",
    why.FILLER: "Say something new in each sentence; repeated lines do not answer the question.",
}


def _off_question(question: Question, reason: str | None) -> Fix:
    lead = _OFF_ADVICE.get(reason or "", "Answer the question asked.")
    return Fix("relevant", f"{lead} The question: {question.question}")


def _fixes(question: Question, signals: Signals) -> list[Fix]:
    fixes: list[Fix] = []
    covers_most = sum(signals.covered) >= STRONG_SHARE * len(signals.covered)
    # An answer covering most of the question's points answers it, whatever else it resembles.
    if signals.maybe_instead and not covers_most:
        fixes.append(
            Fix(
                "relevant",
                f"Did you answer the question asked? This reads more like an answer to “{signals.maybe_instead}”"
                f" The question: {question.question}",
            )
        )
    if "blame" in signals.flags:
        fixes.append(
            Fix("blame", "Own your part: say what you did and what you would do differently, not who was at fault.")
        )
    elif "blame" in signals.asked:
        fixes.append(
            Fix(
                "blame",
                f"Is anyone blamed here? You said “{_quoted(signals.asked['blame'])}”. If that reads as fault-finding,"
                " say what you did about it instead.",
            )
        )
    if "deflection" in signals.flags:
        fixes.append(
            Fix(
                "deflection",
                "Keep hold of the problem: say what you would do yourself, even where another team owns a piece of it.",
            )
        )
    elif "deflection" in signals.asked:
        fixes.append(
            Fix(
                "deflection",
                f"Does this hand the problem to someone else? You said “{_quoted(signals.asked['deflection'])}”."
                " If you kept hold of it, say what you did yourself.",
            )
        )
    if "vague" in signals.flags:
        fixes.append(Fix("vague", "Be specific: name the system, the standard, the steps you took and a number."))
    if not signals.story and question.type in _STORY_QUESTIONS:
        fixes.append(Fix("form", "Tell one real time it happened: where you were, what you did and how it ended."))
    if signals.story:
        fixes += _story_fixes(signals)
    missed = [point for point, covered in zip(question.how_to_answer, signals.covered, strict=True) if not covered]
    if missed and not covers_most:
        fixes.append(Fix("guidance", f"Cover this point too: {headline(missed[0])}."))
    if signals.length == "short" and signals.words >= 1:
        fixes.append(Fix("length", "Say more: give the detail behind each step, aiming for one to three minutes."))
    if signals.length == "long":
        fixes.append(Fix("length", "Keep it shorter: lead with what matters and stop after the outcome."))
    return fixes


# A quoted phrase longer than this is cut, so a question stays one line on the panel.
_QUOTE_WORDS = 16


def _quoted(phrase: str) -> str:
    """The answer's words for a question: cut to a line, without the stop that ends the sentence around them."""
    words = phrase.split()
    if len(words) > _QUOTE_WORDS:
        return " ".join(words[:_QUOTE_WORDS]) + " ..."
    return " ".join(words).rstrip(".!?;:, ")


_CLAUSE_END = re.compile(r"[;:,(]|\s(?:such as|for example|e\.g\.|including)\s")


def headline(point: str) -> str:
    """A how-to-answer point cut to its first clause when that clause says enough on its own (four words)."""
    for found in _CLAUSE_END.finditer(point):
        if len(point[: found.start()].split()) >= 4:
            return point[: found.start()].rstrip(" .")
    return point.rstrip(" .")


def _story_fixes(signals: Signals) -> list[Fix]:
    fixes = []
    if "no-result" in signals.flags:
        fixes.append(Fix("result", "Say how it ended: what changed, with a number if you have one."))
    elif signals.result_doubtful:
        last = signals.asked.get("no-result")
        ending = f" Your last words were “{_quoted(last)}”." if last else ""
        fixes.append(
            Fix("result", f"Did you say how it ended?{ending} Make the outcome plain: what changed, and by how much.")
        )
    if not signals.situation:
        fixes.append(Fix("situation", "Set the scene in a sentence: where you were, when, and what was going wrong."))
    if not signals.action:
        fixes.append(Fix("action", "Say what you did, step by step: the checks and the changes, in order."))
    if signals.result and not signals.quantified:
        fixes.append(Fix("quantified", "Put a number on the outcome: how long, how many, or how much better."))
    if signals.ownership == "we":
        fixes.append(Fix("ownership", "Say what you yourself did, not only what the team did."))
    return fixes
