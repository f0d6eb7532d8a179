"""The review queue as `due` lists it: one row per card, soonest due first. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from pacs_interview.review.scheduling import CardState

QUESTION_WIDTH = 60  # characters of the question kept in a row


@dataclass(frozen=True)
class QueueRow:
    """One card as `due` shows it."""

    question_id: str
    question: str  # shortened to QUESTION_WIDTH characters
    state: str
    due: datetime  # UTC
    last_rating: str  # again, hard, good or easy
    inferred: bool  # the last rating came from the feedback (or a skip), not from the candidate
    interval_days: float
    retrievability: float
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        """Stable keys for `due --json`."""
        return {
            "id": self.question_id,
            "question": self.question,
            "state": self.state,
            "due": self.due.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "due_now": self.overdue,
            "last_rating": self.last_rating,
            "rating_inferred": self.inferred,
            "interval_days": round(self.interval_days, 1),
            "retrievability": round(self.retrievability, 3),
        }


def queue(cards: Mapping[str, CardState], questions: Mapping[str, str], now: datetime) -> list[QueueRow]:
    """The cards of `questions` (id to question text), soonest due first."""
    rows = [_row(card, questions[card.question_id], now) for card in cards.values() if card.question_id in questions]
    return sorted(rows, key=lambda row: (row.due, row.question_id))


def _row(card: CardState, question: str, now: datetime) -> QueueRow:
    return QueueRow(
        question_id=card.question_id,
        question=shorten(question),
        state=card.state,
        due=card.due,
        last_rating=card.last_rating.name,
        inferred=card.inferred,
        interval_days=card.interval_days,
        retrievability=card.retrievability(now),
        overdue=card.due <= now,
    )


def shorten(text: str, width: int = QUESTION_WIDTH) -> str:
    """`text` on one line, cut at a word with `…` when longer than `width`."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0] or line[: width - 1]
    return cut + "…"


def due_counts(rows: list[QueueRow], now: datetime) -> tuple[int, int]:
    """How many cards are due now, and how many by the end of today (the local day)."""
    end_of_day = now.astimezone().replace(hour=23, minute=59, second=59, microsecond=999999)
    return sum(row.due <= now for row in rows), sum(row.due <= end_of_day for row in rows)
