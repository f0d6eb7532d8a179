"""The questions to practise next: those whose last attempt went worst."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pacs_interview.bank import Question
from pacs_interview.progress.facts import AnswerFact

WEAKEST = 5
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
# How weak the last attempt at a question was, from its verdict or its rating; 0 is weakest.
_GRADE_LEVEL = {"not-yet": 0, "close": 1, "strong": 2}
_RATING_LEVEL = {1: 0, 2: 1, 3: 2, 4: 3}
_WEAK_BELOW = 2  # strong, good and easy are not weak


@dataclass(frozen=True)
class Weak:
    """A question whose last attempt was weak, so worth practising next."""

    question: Question
    last_practised: date
    skipped: bool
    grade: str | None
    rating: int | None

    @property
    def outcome(self) -> str:
        """The last attempt in words: `skipped`, `not-yet, rated hard`, `rated again`."""
        if self.skipped:
            return "skipped"
        rated = None if self.rating is None else f"rated {RATING_NAMES[self.rating]}"
        return ", ".join(part for part in (self.grade, rated) if part)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "question": self.question.question,
            "level": self.question.level.value,
            "type": self.question.type.value,
            "last_practised": self.last_practised.isoformat(),
            "skipped": self.skipped,
            "grade": self.grade,
            "rating": self.rating,
        }


def weakest(lasts: Iterable[tuple[Question, AnswerFact | None]]) -> tuple[Weak, ...]:
    """Up to WEAKEST questions whose last attempt (skip, verdict or rating) was weak, weakest first."""
    ranked = []
    for question, last in lasts:
        if last is None:
            continue
        level = _weakness(last)
        if level is None or level >= _WEAK_BELOW:
            continue
        # Weakest first; among equals the lower rating, then the one practised longest ago.
        rating = last.rating if last.rating is not None else 2.5
        ranked.append(((level, rating, last.day, question.id), question, last))
    ranked.sort(key=lambda item: item[0])
    return tuple(
        Weak(question, last.day, last.skipped, None if last.skipped else last.grade, last.rating)
        for _, question, last in ranked[:WEAKEST]
    )


def _weakness(last: AnswerFact) -> int | None:
    """0 (weakest) and up, from a skip, the verdict and the rating (the lower of the two); None: unknown."""
    if last.skipped:
        return 0
    levels = []
    if last.grade in _GRADE_LEVEL:
        levels.append(_GRADE_LEVEL[last.grade])
    if last.rating in _RATING_LEVEL:
        levels.append(_RATING_LEVEL[last.rating])
    return min(levels) if levels else None
