"""Writing a session as it happens: the Recorder the practice loop saves each answer through."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from pacs_interview.common.errors import UserError
from pacs_interview.history.card_rows import CARD_COLUMNS, SAVE_CARD, card_values
from pacs_interview.history.cards import CardReader
from pacs_interview.history.connection import BUG, translated
from pacs_interview.history.owner import this_process
from pacs_interview.review.grades import Grade
from pacs_interview.review.scheduling import review
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, Rating, SessionSettings, SessionStatus

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What the practice loop adds to an answer it has already saved.
_UPDATE_ANSWER = {
    column: f"UPDATE answers SET {column} = ? WHERE session_id = ? AND position = ? AND attempt = ? AND draft = 0"
    for column in ("feedback", "rating")
}


class AnswerWriter(CardReader):
    """Creates sessions and commits each answer, its feedback and its rating the moment they exist."""

    @translated
    def start(self, settings: SessionSettings, questions: list[Mapping[str, Any]], kind: str = "practice") -> int:
        """Create an in-progress session, owned by this process, with its questions snapshotted; return its id."""
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO sessions (started_at, status, settings, owner_pid, owner_host, owner_started, kind)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (self.clock(), SessionStatus.in_progress.value, _json(settings.to_json()), *this_process(), kind),
            )
            session_id = _row_id(cursor)
            db.executemany(
                "INSERT INTO session_questions (session_id, position, question_id, question) VALUES (?, ?, ?, ?)",
                [(session_id, n, str(q["id"]), _json(q)) for n, q in enumerate(questions)],
            )
        return session_id

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        """Commit one answer now, in place of its draft; each attempt is submitted once (feedback and rating later)."""
        self.record_answers(session_id, [answer])

    @translated
    def record_answers(self, session_id: int | None, answers: Sequence[AnswerRecord]) -> None:
        """Commit several answers in one transaction: a kill keeps all of them or none."""
        session_id = _known(session_id)
        with self._write():
            for answer in answers:
                self._insert(session_id, answer, "answer")

    @translated
    def record_draft(self, session_id: int | None, draft: AnswerRecord) -> None:
        """Keep what is typed so far, in place of the last draft of the same attempt."""
        with self._write():
            self._insert(_known(session_id), replace(draft, draft=True), "draft")

    def _insert(self, session_id: int, answer: AnswerRecord, what: str) -> None:
        """Within a write transaction: the answer, in place of a draft of the same attempt."""
        feedback = None if answer.feedback is None else _json(answer.feedback)
        rating = None if answer.rating is None else int(answer.rating)
        submitted = answer.submitted_at or self.clock()
        values = (_exact(answer.answer), answer.seconds, answer.word_count, answer.skipped, feedback, rating, submitted)
        db = self._db
        self._require_not_deleted(session_id, what)
        where = (session_id, answer.position, answer.attempt)
        db.execute("DELETE FROM answers WHERE session_id = ? AND position = ? AND attempt = ? AND draft = 1", where)
        try:
            db.execute(
                """INSERT INTO answers (session_id, position, attempt, question_id, answer, seconds,
                       word_count, skipped, feedback, rating, submitted_at, draft)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (*where, answer.question_id, *values, answer.draft),
            )
        except sqlite3.IntegrityError:
            raise UserError(self._why_not_inserted(session_id, answer.position)) from None

    @translated
    def record_feedback(
        self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None, attempt: int = 1
    ) -> None:
        """Commit the feedback (its JSON form) of an answer already recorded."""
        value = None if feedback is None else _json(feedback)
        self._update_answer(session_id, position, attempt, "feedback", value)

    @translated
    def record_rating(self, session_id: int | None, position: int, rating: Rating, attempt: int = 1) -> None:
        """Commit the rating of an answer already recorded."""
        self._update_answer(session_id, position, attempt, "rating", int(rating))

    @translated
    def schedule(self, question_id: str, rating: Rating, inferred: bool) -> None:
        """Move the question's review card on by one answer, rated (or inferred) `rating`, now."""
        with self._write() as db:
            row = db.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE question_id = ?", (question_id,)).fetchone()
            card = None if row is None else self._card(row)
            when = datetime.fromisoformat(self.clock())
            db.execute(SAVE_CARD, card_values(review(card, question_id, Grade(rating), when, inferred=inferred)))

    @translated
    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        """Mark how the session ended, and when; no process owns it any more."""
        with self._write() as db:
            db.execute(
                """UPDATE sessions SET status = ?, ended_at = ?, owner_pid = NULL, owner_host = NULL,
                       owner_started = NULL WHERE id = ?""",
                (status.value, self.clock(), _known(session_id)),
            )

    @translated
    def record_follow_up(self, session_id: int | None, follow_up: FollowUpRecord) -> None:
        """Commit a mock interview's follow-up and its reply now, beside the answer it follows."""
        session_id = _known(session_id)
        text = (_exact(follow_up.question), _exact(follow_up.answer))
        values = (follow_up.seconds, follow_up.word_count, follow_up.skipped, follow_up.submitted_at or self.clock())
        with self._write() as db:
            self._require_not_deleted(session_id, "follow-up")
            try:
                db.execute(
                    """INSERT INTO follow_ups (session_id, position, reason, question, answer, seconds,
                           word_count, skipped, submitted_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (session_id, follow_up.position, follow_up.reason, *text, *values),
                )
            except sqlite3.IntegrityError:
                raise UserError(
                    f"session {session_id} already has a follow-up to question {follow_up.position + 1},"
                    f" or no such question {BUG}"
                ) from None

    def _update_answer(self, session_id: int | None, position: int, attempt: int, column: str, value: object) -> None:
        session_id = _known(session_id)
        with self._write() as db:
            cursor = db.execute(_UPDATE_ANSWER[column], (value, session_id, position, attempt))
            if cursor.rowcount == 0:
                self._require_not_deleted(session_id, column)
                raise UserError(f"session {session_id} has no saved answer to question {position + 1} {BUG}")

    def _require_not_deleted(self, session_id: int, what: str) -> None:
        """UserError when the session was deleted while this process was running it."""
        if self._db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise UserError(
                f"session {session_id} is no longer in {self.path}: it was deleted while it was running;"
                f" the {what} was not saved"
            )

    def _why_not_inserted(self, session_id: int, position: int) -> str:
        taken = self._db.execute(
            "SELECT 1 FROM answers WHERE session_id = ? AND position = ?", (session_id, position)
        ).fetchone()
        if taken:
            return f"session {session_id} already has an answer to question {position + 1}; it is saved once {BUG}"
        return f"session {session_id} has no question {position + 1} {BUG}"


class NullRecorder:
    """The Recorder for `practice --no-save`: keeps nothing and touches no file."""

    def start(
        self, settings: SessionSettings, questions: list[Mapping[str, Any]], kind: str = "practice"
    ) -> int | None:
        return None

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        return None

    def record_answers(self, session_id: int | None, answers: Sequence[AnswerRecord]) -> None:
        return None

    def record_draft(self, session_id: int | None, draft: AnswerRecord) -> None:
        return None

    def record_feedback(
        self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None, attempt: int = 1
    ) -> None:
        return None

    def record_rating(self, session_id: int | None, position: int, rating: Rating, attempt: int = 1) -> None:
        return None

    def schedule(self, question_id: str, rating: Rating, inferred: bool) -> None:
        return None

    def record_follow_up(self, session_id: int | None, follow_up: FollowUpRecord) -> None:
        return None

    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        return None


def _json(value: object) -> str:
    # ASCII escapes keep any string storable, lone surrogates included (SQLite text must be valid UTF-8).
    # NaN and Infinity are not JSON, and reading them back would refuse the session as damaged.
    return json.dumps(value, allow_nan=False)


def _exact(text: str) -> str | bytes:
    """The answer as SQLite can hold it: text, or UTF-8 bytes when it has lone surrogates."""
    # Input read with surrogateescape (a non-UTF-8 pipe) holds lone surrogates, which SQLite text cannot;
    # those answers go in as bytes and come back as the same string.
    return text if not _SURROGATE.search(text) else text.encode("utf-8", "surrogatepass")


def _known(session_id: int | None) -> int:
    if session_id is None:
        raise ValueError("the store was given no session id; NullRecorder is the recorder for --no-save")
    return session_id


def _row_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None  # always set after an INSERT into a rowid table
    return cursor.lastrowid
