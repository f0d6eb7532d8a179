"""What the figures need to know about one answer, read from the history file once and kept small."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

# The red-flag kinds the feedback raises, in the order figures list them; any other kind found in
# a history (from a newer or older feedback) is listed after these, by name.
FLAG_KINDS = ("blame", "deflection", "vague", "no-result")


class AnswerFact(NamedTuple):
    """One answer (or skip), reduced to what progress is measured on.

    A NamedTuple rather than a dataclass: a long history holds tens of thousands of them.
    """

    question_id: str
    day: date  # the local calendar day it was given on
    skipped: bool
    rating: int | None  # 1 again, 2 hard, 3 good, 4 easy
    grade: str | None  # the feedback's verdict: strong, close or not-yet (None before verdicts existed)
    form: str | None  # story or explanation (None before the feedback judged form)
    star_parts: int | None  # how many of situation, task, action, result the answer has (None: no STAR)
    flags: tuple[str, ...]  # the kinds of red flag raised, each once
    has_feedback: bool
