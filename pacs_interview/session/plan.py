"""What a session will ask: its questions, in order, and where to start. Light, so the first card comes quickly."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from pacs_interview.bank import Order, Question
from pacs_interview.session.records import SessionSettings


@dataclass(frozen=True)
class Plan:
    """The questions of a session and where to start (later than 0 when resuming)."""

    questions: Sequence[Question]
    settings: SessionSettings
    session_id: int | None = None
    start: int = 0
    kind: str = "practice"  # or "interview": the history file keeps which


def choose_questions(questions: Sequence[Question], count: int, order: Order, seed: int | None) -> list[Question]:
    """`count` questions in bank order or shuffled; the same seed gives the same list."""
    chosen = list(questions)
    if order is Order.random:
        random.Random(seed).shuffle(chosen)
    return chosen[:count]
