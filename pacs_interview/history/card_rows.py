"""Review cards in the history file: rows to CardStates and back, and the cards rebuilt from answers.

Standard library and `review` only, so the schema can name `fill_cards` as a migration step.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from pacs_interview.review.grades import Grade, inferred_grade
from pacs_interview.review.scheduling import CardState, review

CARD_COLUMNS = "question_id, stability, difficulty, due_at, last_review_at, last_rating, inferred, reviews, lapses"
SAVE_CARD = f"INSERT OR REPLACE INTO cards ({CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
# The answers that count, oldest first: per question of a session, its last submitted attempt.
_COUNTED = """
    SELECT a.question_id, a.submitted_at, a.skipped, a.rating, a.feedback FROM answers a
    WHERE a.draft = 0 AND a.attempt = (
        SELECT max(b.attempt) FROM answers b
        WHERE b.session_id = a.session_id AND b.position = a.position AND b.draft = 0)
    ORDER BY a.submitted_at, a.session_id, a.position"""


class DamagedCard(ValueError):
    """A card row that does not have the shape this version writes."""


def card_values(card: CardState) -> tuple[Any, ...]:
    """A card as the values of a `cards` row, in CARD_COLUMNS order."""
    return (
        card.question_id,
        card.stability,
        card.difficulty,
        iso(card.due),
        iso(card.last_review),
        int(card.last_rating),
        int(card.inferred),
        card.reviews,
        card.lapses,
    )


def card_from_row(row: Sequence[Any]) -> CardState:
    """A `cards` row (CARD_COLUMNS) as a CardState; DamagedCard names what is wrong."""
    question_id, stability, difficulty, due, last, rating, inferred, reviews, lapses = row
    if not isinstance(question_id, str):
        raise DamagedCard("a card's question_id is not text")
    if not all(_positive(value) for value in (stability, difficulty)):
        raise DamagedCard(f"card {question_id}: stability or difficulty is not a positive number")
    if rating not in (1, 2, 3, 4) or inferred not in (0, 1) or not all(_count(v) for v in (reviews, lapses)):
        raise DamagedCard(f"card {question_id}: rating, inferred, reviews or lapses is out of range")
    return CardState(
        question_id=question_id,
        stability=float(stability),
        difficulty=float(difficulty),
        due=_moment(due, question_id),
        last_review=_moment(last, question_id),
        last_rating=Grade(rating),
        inferred=bool(inferred),
        reviews=reviews,
        lapses=lapses,
    )


def counted_grade(rating: object, skipped: object, feedback: Mapping[str, Any] | None) -> tuple[Grade, bool]:
    """The grade an answer counts as, and whether it was inferred: its rating, Again when skipped, else its feedback."""
    if isinstance(rating, int) and rating in (1, 2, 3, 4):
        return Grade(rating), False
    if skipped:
        return Grade.again, True
    return inferred_grade(feedback), True


def fill_cards(db: sqlite3.Connection) -> None:
    """Build every card from the answers already in the file (the migration to schema 2)."""
    cards: dict[str, CardState] = {}
    for question_id, submitted_at, skipped, rating, feedback in db.execute(_COUNTED).fetchall():
        when = _parsed(submitted_at)
        if not isinstance(question_id, str) or when is None:
            continue  # a damaged row is reported when its session is read; it cannot be scheduled
        grade, inferred = counted_grade(rating, skipped, _feedback(feedback))
        cards[question_id] = review(cards.get(question_id), question_id, grade, when, inferred=inferred)
    db.executemany(SAVE_CARD, [card_values(card) for card in cards.values()])


def refill_cards(db: sqlite3.Connection) -> None:
    """Build every card again from the answers left, after sessions were deleted: no card outlives its answers."""
    db.execute("DELETE FROM cards")
    fill_cards(db)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parsed(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else None


def _moment(value: object, question_id: str) -> datetime:
    moment = _parsed(value)
    if moment is None:
        raise DamagedCard(f"card {question_id}: a time is not ISO 8601 with a zone")
    return moment


def _feedback(value: object) -> Mapping[str, Any] | None:
    if not isinstance(value, (str, bytes)):
        return None
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < math.inf


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
