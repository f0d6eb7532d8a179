"""The four ratings, and the one an unrated answer counts as."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any


class Grade(IntEnum):
    """The four ratings, as FSRS has them: 1 again, 2 hard, 3 good, 4 easy."""

    again = 1
    hard = 2
    good = 3
    easy = 4


# The feedback's verdict, as the rating it stands for when the candidate gave none.
_GRADE_OF_VERDICT = {"strong": Grade.good, "close": Grade.hard, "not-yet": Grade.again}


def inferred_grade(feedback: Mapping[str, Any] | None) -> Grade:
    """The rating an unrated answer counts as: its verdict when the feedback has one, else its red flags.

    strong is Good, close is Hard, not-yet is Again; without a verdict, Hard when the answer
    raised a red flag and Good when it raised none.
    """
    feedback = feedback or {}
    verdict = feedback.get("verdict")
    grade = verdict.get("grade") if isinstance(verdict, Mapping) else None
    if isinstance(grade, str) and grade in _GRADE_OF_VERDICT:
        return _GRADE_OF_VERDICT[grade]
    return Grade.hard if feedback.get("red_flags") else Grade.good
