"""Review-card rows read back: every value checked, and the grade each stored answer counts as."""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime, timezone
from typing import Any

import pytest

from pacs_interview.history.card_rows import DamagedCard, card_from_row, card_values, counted_grade, fill_cards
from pacs_interview.history.schema import MIGRATIONS
from pacs_interview.review.grades import Grade

ROW = ("q-1", 2.5, 5.0, "2024-05-03T09:00:00+00:00", "2024-05-01T09:00:00+02:00", 3, 0, 2, 0)


def row(**changes: Any) -> tuple[Any, ...]:
    names = ["question_id", "stability", "difficulty", "due", "last", "rating", "inferred", "reviews", "lapses"]
    values = dict(zip(names, ROW, strict=True)) | changes
    return tuple(values[name] for name in names)


def test_a_card_row_reads_back_and_writes_out_the_same() -> None:
    card = card_from_row(ROW)
    assert card.last_review == datetime(2024, 5, 1, 7, 0, tzinfo=timezone.utc)  # read in UTC
    assert (card.last_rating, card.inferred, card.reviews, card.lapses) == (Grade.good, False, 2, 0)
    assert card_values(card) == ("q-1", 2.5, 5.0, "2024-05-03T09:00:00+00:00", "2024-05-01T07:00:00+00:00", 3, 0, 2, 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question_id": 7}, "a card's question_id is not text"),
        ({"stability": 0}, "card q-1: stability or difficulty is not a positive number"),
        ({"difficulty": math.inf}, "card q-1: stability or difficulty is not a positive number"),
        ({"stability": True}, "card q-1: stability or difficulty is not a positive number"),
        ({"difficulty": "5"}, "card q-1: stability or difficulty is not a positive number"),
        ({"rating": 5}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"rating": 0}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"inferred": 2}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"reviews": -1}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"lapses": 1.5}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"lapses": False}, "card q-1: rating, inferred, reviews or lapses is out of range"),
        ({"due": "soon"}, "card q-1: a time is not ISO 8601 with a zone"),
        ({"last": "2024-05-01T09:00:00"}, "card q-1: a time is not ISO 8601 with a zone"),
        ({"last": None}, "card q-1: a time is not ISO 8601 with a zone"),
    ],
)
def test_a_damaged_card_names_what_is_wrong(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(DamagedCard) as caught:
        card_from_row(row(**changes))
    assert str(caught.value) == message


def test_the_smallest_values_a_card_may_hold() -> None:
    card = card_from_row(row(stability=1e-9, rating=1, inferred=1, reviews=0, lapses=0))
    assert (card.stability, card.last_rating, card.inferred) == (1e-9, Grade.again, True)


@pytest.mark.parametrize(
    ("rating", "skipped", "feedback", "counted"),
    [
        (1, False, None, (Grade.again, False)),
        (4, True, None, (Grade.easy, False)),  # a rating wins over everything
        (None, True, {"verdict": {"grade": "strong"}}, (Grade.again, True)),  # skipped: Again
        (None, False, {"verdict": {"grade": "strong"}}, (Grade.good, True)),
        (None, False, {"verdict": {"grade": "not-yet"}}, (Grade.again, True)),
        (None, False, {"red_flags": [{"kind": "blame"}]}, (Grade.hard, True)),
        (None, False, None, (Grade.good, True)),
        (0, False, None, (Grade.good, True)),  # not a rating
        (5, False, None, (Grade.good, True)),
        (True, False, None, (Grade.again, False)),  # bool is an int in Python: True is 1, as SQLite stores it
    ],
)
def test_the_grade_an_answer_counts_as(
    rating: object, skipped: bool, feedback: Any, counted: tuple[Grade, bool]
) -> None:
    assert counted_grade(rating, skipped, feedback) == counted


def history_with(rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    for steps in MIGRATIONS:
        for step in steps:
            db.execute(step) if isinstance(step, str) else step(db)
    db.execute("INSERT INTO sessions (id, started_at, status, settings) VALUES (1, 't', 'finished', '{}')")
    for position, (question_id, submitted_at, rating, feedback) in enumerate(rows):
        db.execute(
            "INSERT INTO session_questions (session_id, position, question_id, question) VALUES (1, ?, ?, '{}')",
            (position, str(question_id)),
        )
        db.execute(
            """INSERT INTO answers (session_id, position, question_id, answer, seconds, word_count, skipped,
                   feedback, rating, submitted_at, attempt, draft) VALUES (1, ?, ?, 'a', 1, 1, 0, ?, ?, ?, 1, 0)""",
            (position, question_id, feedback, rating, submitted_at),
        )
    db.execute("DELETE FROM cards")
    return db


def test_cards_are_filled_from_every_answer_that_can_be_scheduled() -> None:
    db = history_with(
        [
            ("q-1", "2024-05-01T09:00:00+00:00", 1, None),
            ("q-2", "not a time", 4, None),  # cannot be scheduled: left out, and the rest still counted
            ("q-1", "2024-05-02T09:00:00+00:00", 4, None),  # the same question again: one card, reviewed twice
            ("q-3", "2024-05-02T10:00:00+00:00", None, '{"verdict": {"grade": "close"}}'),
            ("q-4", "2024-05-02T11:00:00+00:00", None, "[1, 2]"),  # feedback not an object: no verdict
        ]
    )
    fill_cards(db)
    cards = {card.question_id: card for card in map(card_from_row, db.execute("SELECT * FROM cards").fetchall())}
    assert sorted(cards) == ["q-1", "q-3", "q-4"]
    assert (cards["q-1"].reviews, cards["q-1"].last_rating) == (2, Grade.easy)
    assert (cards["q-3"].last_rating, cards["q-3"].inferred) == (Grade.hard, True)
    assert (cards["q-4"].last_rating, cards["q-4"].inferred) == (Grade.good, True)
