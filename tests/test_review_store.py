"""The review queue in the history file: the migration from schema 1, cards, attempts and drafts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.common.errors import UserError
from pacs_interview.history.connection import APPLICATION_ID
from pacs_interview.history.schema import MIGRATIONS, SCHEMA_VERSION
from pacs_interview.history.store import Store
from pacs_interview.review.grades import Grade
from pacs_interview.review.scheduling import review
from pacs_interview.session.records import AnswerRecord, Rating, SessionSettings
from tests.helpers import known_session, question, record

Run = Callable[..., Result]
SETTINGS = SessionSettings(filters={}, count=3, order="bank", seed=7, time_limit=120, bank="the bundled bank")
QUESTIONS = [question(f"q-{n}", "junior", "technical") for n in range(3)]
MAY_1 = "2024-05-01T10:00:00+00:00"


def version_1_file(home: Path) -> Path:
    """A history file as the first release wrote it: schema 1, one session of four answers."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "history.db"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        assert isinstance(statement, str)
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    settings = json.dumps({"filters": {}, "count": 4, "order": "bank", "seed": 1, "time_limit": 60, "bank": "b"})
    db.execute(
        "INSERT INTO sessions (started_at, ended_at, status, settings) VALUES (?, ?, 'finished', ?)",
        (MAY_1, "2024-05-01T10:30:00+00:00", settings),
    )
    rows = [
        ("rated", '{"red_flags": []}', 4, 0),
        ("flagged", '{"red_flags": [{"kind": "blame", "phrase": "them"}]}', None, 0),
        ("judged", '{"red_flags": [], "verdict": {"grade": "not-yet"}}', None, 0),
        ("skipped", None, None, 1),
    ]
    for position, (qid, feedback, rating, skipped) in enumerate(rows):
        db.execute(
            "INSERT INTO session_questions VALUES (1, ?, ?, ?)",
            (position, qid, json.dumps(question(qid, "mid", "technical"))),
        )
        db.execute(
            "INSERT INTO answers VALUES (1, ?, ?, ?, 30.0, 3, ?, ?, ?, ?)",
            (position, qid, "" if skipped else f"Answer to {qid}.", skipped, feedback, rating, MAY_1),
        )
    db.commit()
    db.close()
    return path


def test_a_version_1_file_is_migrated_in_place_keeping_every_answer(home: Path) -> None:
    path = version_1_file(home)
    with Store.open(home) as store:
        session = store.session(1)
        cards = store.cards()
    assert [(a.question_id, a.answer, a.attempt, a.draft) for a in session.answers] == [
        ("rated", "Answer to rated.", 1, False),
        ("flagged", "Answer to flagged.", 1, False),
        ("judged", "Answer to judged.", 1, False),
        ("skipped", "", 1, False),
    ]
    assert session.kind == "practice" and session.answers[0].rating is Rating.easy
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4  # through every migration
    db.close()
    # Every answer already given has a card: its rating, else its verdict, else its red flags; a skip is Again.
    assert {qid: (c.last_rating, c.inferred, c.reviews) for qid, c in cards.items()} == {
        "rated": (Grade.easy, False, 1),
        "flagged": (Grade.hard, True, 1),
        "judged": (Grade.again, True, 1),
        "skipped": (Grade.again, True, 1),
    }
    may_1 = datetime.fromisoformat(MAY_1)
    assert cards["rated"] == review(None, "rated", Grade.easy, may_1, inferred=False)


def test_a_migrated_file_goes_on_working(run: Run, home: Path) -> None:
    version_1_file(home)
    assert run("history").exit_code == 0
    exported = json.loads(run("export", "1", "--format", "json").stdout)
    assert [q["state"] for q in exported["questions"]] == ["answered", "answered", "answered", "skipped"]
    assert run("practice", "--count", "1", input="A new answer.\n").exit_code == 0
    with Store.open(home) as store:
        assert len(store.sessions()) == 2


def test_the_known_session_reads_back_after_the_migration_of_an_empty_file(home: Path) -> None:
    with Store.open(home) as store:
        session_id = record(store, known_session())
        assert store.session(session_id).answers == known_session().answers


def test_attempts_are_all_kept_and_the_last_submitted_one_counts(home: Path) -> None:
    with Store.open(home) as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, AnswerRecord(0, "q-0", "first try", 5.0, 2, False, {"red_flags": []}))
        store.record_answer(session_id, AnswerRecord(0, "q-0", "second try", 6.0, 2, False, attempt=2))
        store.record_rating(session_id, 0, Rating.good, attempt=2)
        store.record_draft(session_id, AnswerRecord(0, "q-0", "a third, half", 2.0, 3, False, attempt=3))
        session = store.session(session_id)
    assert [(a.answer, a.attempt, a.rating) for a in session.answers] == [("second try", 2, Rating.good)]
    assert [(a.answer, a.attempt, a.draft) for a in session.earlier] == [
        ("first try", 1, False),
        ("a third, half", 3, True),
    ]
    assert [a.attempt for a in session.attempts(0)] == [1, 2, 3]


def test_a_draft_is_replaced_by_later_drafts_and_then_by_the_answer(home: Path) -> None:
    with Store.open(home) as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, AnswerRecord(0, "q-0", "done", 5.0, 1, False))
        for text in ("half", "half an answer"):
            store.record_draft(session_id, AnswerRecord(1, "q-1", text, 3.0, len(text.split()), False))
        drafted = store.session(session_id)
        resumable = store.resumable()
        store.record_answer(session_id, AnswerRecord(1, "q-1", "half an answer, finished", 9.0, 4, False))
        finished = store.session(session_id)
    assert [(a.answer, a.draft) for a in drafted.answers] == [("done", False), ("half an answer", True)]
    assert resumable.id == session_id  # a draft is not an answer: the session can resume there
    assert [(a.answer, a.draft) for a in finished.answers] == [("done", False), ("half an answer, finished", False)]
    assert finished.earlier == ()


def test_scheduling_moves_a_card_on_with_the_store_clock(home: Path) -> None:
    clock = iter(["2024-05-01T10:00:00+00:00", "2024-05-04T10:00:00+00:00"])
    with Store.open(home, clock=lambda: next(clock)) as store:
        store.schedule("q-0", Rating.good, False)
        store.schedule("q-0", Rating.again, True)
        card = store.cards()["q-0"]
    first = review(None, "q-0", Grade.good, datetime(2024, 5, 1, 10, tzinfo=timezone.utc), inferred=False)
    expected = review(first, "q-0", Grade.again, datetime(2024, 5, 4, 10, tzinfo=timezone.utc), inferred=True)
    assert card == expected and (card.reviews, card.lapses) == (2, 1)


def test_a_damaged_card_is_one_clear_error(home: Path) -> None:
    with Store.open(home) as store:
        store.schedule("q-0", Rating.good, False)
    db = sqlite3.connect(home / "history.db")
    db.execute("UPDATE cards SET due_at = 'soon'")
    db.commit()
    db.close()
    with Store.open(home) as store, pytest.raises(UserError) as error:
        store.cards()
    path = home / "history.db"
    assert str(error.value) == (
        f"history file {path} holds a damaged card (card q-0: a time is not ISO 8601 with a zone);"
        f" move it aside (for example `mv {path} {path}.old`) and run again to start a new history"
    )


def test_deleting_sessions_takes_their_answers_out_of_the_review_queue(home: Path) -> None:
    with Store.open(home) as store:
        for text in ("kept", "deleted"):
            session_id = store.start(SETTINGS, QUESTIONS)
            store.record_answer(session_id, AnswerRecord(0, f"q-{text}", text, 5.0, 1, False, rating=Rating.good))
            store.schedule(f"q-{text}", Rating.good, False)
        store.delete(2)
        assert set(store.cards()) == {"q-kept"}
        store.clear()
        assert store.cards() == {}


def test_a_session_keeps_its_kind(home: Path) -> None:
    with Store.open(home) as store:
        practice, interview = store.start(SETTINGS, QUESTIONS), store.start(SETTINGS, QUESTIONS, "interview")
        assert (store.session(practice).kind, store.session(interview).kind) == ("practice", "interview")
