"""Mock interviews in the history file: follow-ups beside their answers, schema 3, the session's kind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pacs_interview.common.errors import UserError
from pacs_interview.history.connection import APPLICATION_ID
from pacs_interview.history.schema import MIGRATIONS, SCHEMA_VERSION
from pacs_interview.history.store import Store
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, SessionSettings, SessionStatus
from tests.helpers import damage, damaged_message, question

SETTINGS = SessionSettings({"levels": ["senior"]}, 2, "panel", 4, 200, "bundled", follow_ups=True)
QUESTIONS = [question("senior-one", "senior", "behavioral"), question("senior-two", "senior", "technical")]
ANSWER = AnswerRecord(0, "senior-one", "It broke.", 40.0, 2, False)
# The reply keeps its control characters exactly, and a lone surrogate from a pipe that was not UTF-8.
FOLLOW_UP = FollowUpRecord(0, "vague", "Can you give me an example?", "Port 104 \x1b[31m \udcff", 12.5, 3, False)


def interview(store: Store) -> int:
    session_id = store.start(SETTINGS, QUESTIONS, "interview")
    store.record_answer(session_id, ANSWER)
    store.record_follow_up(session_id, FOLLOW_UP)
    return session_id


def test_a_follow_up_is_kept_beside_its_answer_exactly_as_given(home: Path) -> None:
    with Store.open(home, clock=lambda: "2024-05-01T10:00:00+00:00") as store:
        session = store.session(interview(store))
    assert session.kind == "interview"
    assert session.settings == SETTINGS
    assert session.follow_ups == (FollowUpRecord(**{**vars(FOLLOW_UP), "submitted_at": "2024-05-01T10:00:00+00:00"}),)


def test_a_skipped_follow_up_reads_back_skipped(home: Path) -> None:
    skipped = FollowUpRecord(0, "vague", "Can you give me an example?", "", 2.0, 0, True)
    with Store.open(home) as store:
        session_id = store.start(SETTINGS, QUESTIONS, "interview")
        store.record_answer(session_id, ANSWER)
        store.record_follow_up(session_id, skipped)
        assert [follow_up.skipped for follow_up in store.session(session_id).follow_ups] == [True]


def test_an_answer_has_one_follow_up_at_most(home: Path) -> None:
    with Store.open(home) as store:
        session_id = interview(store)
        with pytest.raises(UserError, match="already has a follow-up to question 1"):
            store.record_follow_up(session_id, FOLLOW_UP)


def test_deleting_an_interview_deletes_its_follow_ups(home: Path) -> None:
    with Store.open(home) as store:
        store.finish(interview(store), SessionStatus.finished)
        store.delete(1)
    db = sqlite3.connect(home / "history.db")
    assert db.execute("SELECT count(*) FROM follow_ups").fetchone()[0] == 0


def test_a_follow_up_for_a_deleted_session_is_one_error(home: Path) -> None:
    with Store.open(home) as store:
        session_id = store.start(SETTINGS, QUESTIONS, "interview")
        store.record_answer(session_id, ANSWER)
        damage(home, "DELETE FROM sessions")
        with pytest.raises(UserError, match="it was deleted while it was running; the follow-up was not saved"):
            store.record_follow_up(session_id, FOLLOW_UP)


@pytest.mark.parametrize(
    ("sql", "detail"),
    [
        ("UPDATE follow_ups SET seconds = 'long'", "follow-up to question 1: seconds is not a number, 0 or more"),
        ("UPDATE follow_ups SET reason = x'07'", "follow-up to question 1: reason is not text"),
        ("UPDATE follow_ups SET question = x'ff'", "follow-up to question 1: question is not text"),
        ("UPDATE follow_ups SET answer = x'ff'", "follow-up to question 1: answer is not text"),
        (
            "UPDATE follow_ups SET word_count = -1",
            "follow-up to question 1: word_count is not a whole number, 0 or more",
        ),
        ("UPDATE follow_ups SET skipped = 2", "follow-up to question 1: skipped is not 0 or 1"),
        (
            "UPDATE follow_ups SET submitted_at = 'soon'",
            "follow-up to question 1: submitted_at is not an ISO 8601 time",
        ),
        ("UPDATE follow_ups SET position = 2", "a follow-up is for a question the session does not have"),
        ("UPDATE follow_ups SET position = 'first'", "a follow-up is for a question the session does not have"),
        (
            "UPDATE sessions SET settings = json_set(settings, '$.follow_ups', 1)",
            "settings: follow_ups is not true, false or null",
        ),
    ],
)
def test_a_damaged_follow_up_is_one_error(home: Path, sql: str, detail: str) -> None:
    with Store.open(home) as store:
        interview(store)
    damage(home, sql)
    with Store.open(home) as store, pytest.raises(UserError) as caught:
        store.session(1)
    assert str(caught.value) == damaged_message(home, detail)


def test_a_version_2_file_gains_the_follow_ups_table_keeping_everything(home: Path) -> None:
    home.mkdir(parents=True)
    db = sqlite3.connect(home / "history.db")
    for migration in MIGRATIONS[:2]:
        for step in migration:
            db.execute(step) if isinstance(step, str) else step(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store.open(home) as store:
        session_id = interview(store)
        assert store.session(session_id).follow_ups[0].answer == FOLLOW_UP.answer
    db = sqlite3.connect(home / "history.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_practice_and_interview_resume_only_their_own_kind(home: Path) -> None:
    with Store.open(home) as store:
        practice = store.start(SETTINGS, QUESTIONS)
        store.finish(practice, SessionStatus.quit)
        mock = store.start(SETTINGS, QUESTIONS, "interview")
        store.finish(mock, SessionStatus.quit)
        assert store.resumable(None).id == practice  # the newest practice session, not the newer interview
        assert store.resumable(None, "interview").id == mock
        with pytest.raises(UserError) as caught:
            store.resumable(practice, "interview")
        assert str(caught.value) == (
            f"session {practice} is a practice session; `pacs-interview practice --resume {practice}` continues it"
        )
        with pytest.raises(UserError) as caught:
            store.resumable(mock)
        assert str(caught.value) == (
            f"session {mock} is a mock interview; `pacs-interview interview --resume {mock}` continues it"
        )


def test_no_unfinished_interview_to_resume(home: Path) -> None:
    with Store.open(home) as store:
        store.finish(store.start(SETTINGS, QUESTIONS), SessionStatus.quit)
        with pytest.raises(UserError) as caught:
            store.resumable(None, "interview")
    assert str(caught.value) == "no unfinished mock interview to resume; `pacs-interview history` lists the sessions"
