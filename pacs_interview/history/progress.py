"""Reading every answer as a small fact for `stats`, fast enough for years of practice.

A long history holds tens of thousands of answers, each with its feedback as JSON. Loading
whole sessions (every question snapshot, every answer's text) would take seconds, so this
asks SQLite for just the fields the figures use: one pass over the answers, the feedback
parsed once per answer inside SQLite, and only its verdict, form, STAR parts and red-flag
kinds handed to Python.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import Any

from pacs_interview.common.errors import UserError
from pacs_interview.history.connection import Connection, move_aside, translated
from pacs_interview.progress import AnswerFact

_GRADES = frozenset({"strong", "close", "not-yet"})
# The day in the local zone, computed by SQLite; one json_extract with several paths parses the
# feedback once and returns the values as a JSON array.
# The history keeps every attempt and unsent drafts: the answer that counts for a question of a
# session is its last submitted attempt, as the review queue reads it. Drafts are left out here;
# earlier attempts, which are few, are left out in Python (a subquery per answer costs more).
_FACTS = """
    SELECT session_id, position, question_id, date(submitted_at, 'localtime'), skipped, rating,
           json_extract(feedback, '$.verdict.grade', '$.form', '$.star.situation', '$.star.task',
                        '$.star.action', '$.star.result', '$.red_flags'),
           attempt
    FROM answers WHERE {where} ORDER BY submitted_at, session_id, position, attempt
"""
_FEEDBACK_IS_JSON = "json_valid(feedback) OR feedback IS NULL"
_RATINGS = (None, 1, 2, 3, 4)
# SQLite writes the array with nothing before it, so the decoder's own scan is enough (json.loads
# also looks for white space around it, which takes longer than the decoding).
_decode = json.JSONDecoder().raw_decode


class ProgressReader(Connection):
    """What `stats` reads: every answer since a day, oldest first."""

    @translated
    def answer_facts(self, since: date | None = None) -> list[AnswerFact]:
        """Every answer (and skip) given on or after `since` (a local day), oldest first."""
        conditions, parameters = ["draft = 0"], []
        if since is not None:
            conditions.append("date(submitted_at, 'localtime') >= ?")
            parameters.append(since.isoformat())
        with self._read() as db:
            try:
                rows = db.execute(_FACTS.format(where=" AND ".join(conditions)), parameters).fetchall()
            except sqlite3.OperationalError as error:
                if "JSON" not in str(error):
                    raise
                raise self._damaged(self._first_bad_feedback(), "feedback is not valid JSON") from None
        return self._facts(rows)

    @translated
    def due_question_ids(self, now: datetime) -> set[str]:
        """The questions whose review card is due at `now`."""
        with self._read() as db:
            rows = db.execute("SELECT question_id, due_at FROM cards").fetchall()
        # A card a question has at most: parsing each time here is cheap, and exact whatever the zone written.
        return {question_id for question_id, due_at in rows if _due(due_at, now)}

    def _facts(self, rows: Sequence[Sequence[Any]]) -> list[AnswerFact]:
        last_attempt = _last_attempts(rows)
        days: dict[str, date] = {}
        facts: list[AnswerFact] = []
        append = facts.append  # tens of thousands of rows: the loop is kept lean
        for session_id, position, question_id, day_text, skipped, rating, extracted, attempt in rows:
            if (
                last_attempt
                and (session_id, position) in last_attempt
                and attempt != last_attempt[session_id, position]
            ):
                continue  # a later attempt at this question of the session counts instead
            day = days.get(day_text)  # pragma: no mutate -- a cache: a miss only parses the day again
            if day is None:
                day = days[day_text] = self._day(day_text, session_id, position)
            if not isinstance(question_id, str) or skipped not in (0, 1) or rating not in _RATINGS:
                raise self._damaged((session_id, position), "its question id, skip or rating is not as written")
            if extracted is None:
                append(AnswerFact(question_id, day, bool(skipped), rating, None, None, None, (), False))
                continue
            grade, form, situation, task, action, result, flags = _decode(extracted)[0]
            star = (
                None
                if situation is task is action is result is None
                else ((situation is True) + (task is True) + (action is True) + (result is True))
            )
            append(
                AnswerFact(
                    question_id,
                    day,
                    bool(skipped),
                    rating,
                    grade if grade in _GRADES else None,
                    form if isinstance(form, str) else None,
                    star,
                    _kinds(flags),
                    True,
                )
            )
        return facts

    def _day(self, text: Any, session_id: int, position: int) -> date:
        try:
            return date.fromisoformat(text)
        except (TypeError, ValueError):
            raise self._damaged((session_id, position), "submitted_at is not an ISO 8601 time") from None

    def _first_bad_feedback(self) -> tuple[int, int]:
        # Called in the read transaction that met the bad feedback: the row is there.
        session_id, position = self._db.execute(
            f"SELECT session_id, position FROM answers WHERE NOT ({_FEEDBACK_IS_JSON}) LIMIT 1"
        ).fetchone()
        return session_id, position

    def _damaged(self, where: tuple[int, int], detail: str) -> UserError:
        session_id, position = where
        return UserError(
            f"history file {self.path} holds a damaged session {session_id}"
            f" (answer to question {position + 1}: {detail}); {move_aside(self.path)}"
        )


def _last_attempts(rows: Sequence[Sequence[Any]]) -> dict[tuple[int, int], int]:
    """The last attempt at each question of a session that was answered more than once."""
    last: dict[tuple[int, int], int] = {}
    for row in rows:
        if isinstance(row[7], int) and row[7] > 1:
            key = (row[0], row[1])
            last[key] = max(last.get(key, 0), row[7])
    return last


def _due(due_at: Any, now: datetime) -> bool:
    try:
        due = datetime.fromisoformat(due_at)
    except (TypeError, ValueError):
        return False  # a damaged card: `due` reports it; here it is simply not counted
    return (due if due.tzinfo else due.replace(tzinfo=timezone.utc)) <= now


def _kinds(flags: Any) -> tuple[str, ...]:
    """The kinds of red flag raised, each once, in the order first raised."""
    if not isinstance(flags, list):
        return ()
    return tuple(dict.fromkeys(f["kind"] for f in flags if isinstance(f, dict) and isinstance(f.get("kind"), str)))
