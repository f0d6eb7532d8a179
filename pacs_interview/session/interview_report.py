"""The report at the end of a mock interview: how each answer did, where the candidate is strong and
weak, the three things to work on first, and the time taken against the plan. Pure.

A question's verdict reads its answer together with the reply to its follow-up. Skills and domains
are scored by the verdicts of the questions that test them (strong 1, close ½, not-yet 0): strong
at ¾ or more, weak at ¼ or less. Skipped questions count as not-yet; questions never reached count
for nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from pacs_interview.bank import Question
from pacs_interview.session.follow_ups import with_reply
from pacs_interview.session.records import AnswerRecord, FollowUpRecord
from pacs_interview.session.verdicts import CLOSE, STRONG, Fix, Verdict, verdict_of

SCORES = {STRONG: 1.0, CLOSE: 0.5}  # not-yet: 0
STRONG_SCORE, WEAK_SCORE = 0.75, 0.25
FIRST_THINGS = 3
# Fixes whose advice names one question's own point; several of them read as this one line.
# What a question's skills or domain are, for `standing`.
Names = Callable[[Question], Iterable[str]]
_GENERAL_ADVICE = {
    "guidance": "Cover the points each question is really asking about; the export lists them under How to answer.",
    "relevant": "Answer the question that was asked; if you are unsure what it means, ask before you start.",
}


@dataclass(frozen=True)
class QuestionResult:
    """One question of the interview: its answer and follow-up, if reached, and the verdict on them."""

    number: int
    question: Question
    answer: AnswerRecord | None  # None: not reached; a draft: typed, never submitted
    follow_up: FollowUpRecord | None
    verdict: Verdict | None  # None: not reached, or only a draft

    @property
    def seconds(self) -> float:
        """Time spent on the submitted answer, follow-up included."""
        spent = self.answer.seconds if self.answer and not self.answer.draft else 0.0
        return spent + (self.follow_up.seconds if self.follow_up else 0.0)


@dataclass(frozen=True)
class WorkOn:
    """One of the things to work on first, and the questions that call for it (1-based)."""

    signal: str
    advice: str
    questions: tuple[int, ...]


@dataclass(frozen=True)
class Standing:
    """Names that did well and badly: skills, or domains."""

    strong: tuple[str, ...]
    weak: tuple[str, ...]


@dataclass(frozen=True)
class InterviewReport:
    results: tuple[QuestionResult, ...]
    skills: Standing
    domains: Standing
    work_on: tuple[WorkOn, ...]
    seconds_used: float
    seconds_planned: float

    @property
    def reached(self) -> list[QuestionResult]:
        return [result for result in self.results if result.verdict is not None]

    def count(self, grade: str) -> int:
        """How many questions got this grade."""
        return sum(result.verdict is not None and result.verdict.grade == grade for result in self.results)


def build_report(
    questions: Sequence[Question],
    answers: Mapping[int, AnswerRecord],
    follow_ups: Mapping[int, FollowUpRecord],
    seconds_per_question: float,
) -> InterviewReport:
    """The report on an interview from what it asked and what was answered (keys are 0-based positions)."""
    results = tuple(_result(n, question, answers.get(n), follow_ups.get(n)) for n, question in enumerate(questions))
    reached = [result for result in results if result.verdict is not None]
    return InterviewReport(
        results=results,
        skills=standing(reached, lambda question: question.skills),
        domains=standing(reached, lambda question: (question.domain,) if question.domain else ()),
        work_on=first_things(reached),
        seconds_used=sum(result.seconds for result in results),
        seconds_planned=seconds_per_question * len(questions),
    )


def _result(
    position: int, question: Question, answer: AnswerRecord | None, follow_up: FollowUpRecord | None
) -> QuestionResult:
    if answer is None or answer.draft:
        return QuestionResult(position + 1, question, answer, None, None)
    feedback = None if answer.skipped else answer.feedback or {}
    verdict = verdict_of(question, feedback, with_reply(answer.answer, follow_up))
    return QuestionResult(position + 1, question, answer, follow_up, verdict)


def standing(results: Iterable[QuestionResult], names_of: Names) -> Standing:
    """The names (skills or domains) whose questions scored well, and badly; best and worst first."""
    scores: dict[str, list[float]] = {}
    for result in results:
        assert result.verdict is not None
        for name in names_of(result.question):
            scores.setdefault(name, []).append(SCORES.get(result.verdict.grade, 0.0))
    means = {name: sum(values) / len(values) for name, values in scores.items()}

    def ranked(sign: int) -> list[str]:
        # Most questions first among equals: a skill tested three times says more than one tested once.
        return sorted(means, key=lambda name: (sign * means[name], -len(scores[name]), name.casefold()))

    return Standing(
        strong=tuple(name for name in ranked(-1) if means[name] >= STRONG_SCORE),
        weak=tuple(name for name in ranked(1) if means[name] <= WEAK_SCORE),
    )


def first_things(results: Iterable[QuestionResult]) -> tuple[WorkOn, ...]:
    """The three fixes to work on first: those most questions call for, then those ranked higher in their verdicts."""
    found: dict[str, list[tuple[int, int, Fix]]] = {}
    for result in results:
        assert result.verdict is not None
        for rank, fix in enumerate(result.verdict.fixes):
            found.setdefault(fix.signal, []).append((result.number, rank, fix))
    ordered = sorted(found.values(), key=lambda hits: (-len(hits), min(rank for _, rank, _ in hits), hits[0][0]))
    return tuple(_work_on(hits) for hits in ordered[:FIRST_THINGS])


def _work_on(hits: list[tuple[int, int, Fix]]) -> WorkOn:
    signal = hits[0][2].signal
    advices = {fix.advice for _, _, fix in hits}
    advice = hits[0][2].advice if len(advices) == 1 else _GENERAL_ADVICE.get(signal, hits[0][2].advice)
    return WorkOn(signal, advice, tuple(sorted({number for number, _, _ in hits})))
