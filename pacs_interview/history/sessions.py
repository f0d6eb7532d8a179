"""Reading and changing whole sessions: list, load, resume, delete, clear."""

from __future__ import annotations

from typing import NamedTuple

from pacs_interview.common.errors import UserError
from pacs_interview.history.card_rows import refill_cards
from pacs_interview.history.connection import Connection, move_aside, translated
from pacs_interview.history.owner import running_elsewhere, session_list, still_running, this_process
from pacs_interview.history.rows import Damaged, session_record
from pacs_interview.session.records import SessionRecord, SessionStatus

# What each kind of session is called where it must be told apart from the other kind.
_KIND_NAMES = {"practice": "practice session", "interview": "mock interview"}


class Cleared(NamedTuple):
    """What `Store.clear` did."""

    deleted: int
    kept: tuple[int, ...]  # ids of the sessions still running in another terminal


class SessionReader(Connection):
    """What `history`, `export` and `practice --resume` read and change."""

    @translated
    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Sessions newest first; at most `limit` of them when given."""
        with self._read() as db:
            rows = db.execute("SELECT id FROM sessions ORDER BY id DESC LIMIT ?", (-1 if limit is None else limit,))
            return [self._load(row[0]) for row in rows.fetchall()]

    @translated
    def session(self, session_id: int) -> SessionRecord:
        """One session; UserError when there is none with this id."""
        with self._read():
            self._require(session_id)
            return self._load(session_id)

    @translated
    def count(self) -> int:
        """How many sessions there are."""
        return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    @translated
    def latest(self) -> SessionRecord:
        """The newest session; UserError when there is none yet."""
        with self._read() as db:
            row = db.execute("SELECT max(id) FROM sessions").fetchone()
            if row[0] is None:
                raise UserError("no sessions yet; `pacs-interview practice` starts one")
            return self._load(row[0])

    @translated
    def resumable(self, session_id: int | None = None, kind: str = "practice") -> SessionRecord:
        """The session of `kind` to resume: `session_id`, or the newest one that ended before its last question.

        A session still running in another terminal is skipped, or refused when asked for by id.
        """
        with self._read():
            if session_id is None:
                return self._latest_unfinished(kind)
            self._require(session_id)
            self._refuse_if_running(session_id, "resuming it here")
            session = self._load(session_id)
        if session.kind != kind:
            name = _KIND_NAMES.get(session.kind, session.kind)
            raise UserError(
                f"session {session_id} is a {name}; `pacs-interview {session.kind} --resume {session_id}` continues it"
            )
        submitted = sum(not answer.draft for answer in session.answers)
        if session.status is SessionStatus.finished or submitted >= len(session.questions):
            new = f"`pacs-interview {kind}` starts a new one"
            raise UserError(f"session {session_id} is finished: every question was reached; {new}")
        return session

    def _latest_unfinished(self, kind: str) -> SessionRecord:
        rows = self._db.execute(
            """SELECT s.id, s.owner_pid, s.owner_host, s.owner_started FROM sessions s
               WHERE s.status != ? AND s.kind = ?
                 AND (SELECT count(DISTINCT a.position) FROM answers a WHERE a.session_id = s.id AND a.draft = 0)
                   < (SELECT count(*) FROM session_questions q WHERE q.session_id = s.id)
               ORDER BY s.id DESC""",
            (SessionStatus.finished.value, kind),
        ).fetchall()
        running = [row[0] for row in rows if running_elsewhere(*row[1:])]
        for session_id, *_ in rows:
            if session_id not in running:
                return self._load(session_id)
        lists = "`pacs-interview history` lists the sessions"
        what = "session" if kind == "practice" else _KIND_NAMES.get(kind, kind)
        if running:
            running_now = f"{session_list(running)} {still_running(running)}"
            raise UserError(f"no unfinished {what} to resume: {running_now}; {lists}")
        raise UserError(f"no unfinished {what} to resume; {lists}")

    # -- changing ----------------------------------------------------------------------------------

    @translated
    def reopen(self, session_id: int) -> None:
        """Put a session back in progress, owned by this process, for `practice --resume`."""
        with self._write() as db:
            self._require(session_id)
            self._refuse_if_running(session_id, "resuming it here")
            db.execute(
                """UPDATE sessions SET status = ?, ended_at = NULL, owner_pid = ?, owner_host = ?, owner_started = ?
                   WHERE id = ?""",
                (SessionStatus.in_progress.value, *this_process(), session_id),
            )

    @translated
    def delete(self, session_id: int) -> None:
        """Delete one session with its questions and answers; UserError for an unknown or running one."""
        with self._write() as db:
            self._require(session_id)
            self._refuse_if_running(session_id, "deleting it")
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))  # cascades (foreign_keys is on)
            refill_cards(db)
        self._forget_deleted()

    @translated
    def clear(self) -> Cleared:
        """Delete every session but those still running in another terminal."""
        with self._write() as db:
            rows = db.execute("SELECT id, owner_pid, owner_host, owner_started FROM sessions ORDER BY id").fetchall()
            kept = tuple(row[0] for row in rows if running_elsewhere(*row[1:]))
            deleted = [(row[0],) for row in rows if row[0] not in kept]
            db.executemany("DELETE FROM sessions WHERE id = ?", deleted)
            refill_cards(db)
        self._forget_deleted()
        return Cleared(len(deleted), kept)

    def _forget_deleted(self) -> None:
        # secure_delete zeroes deleted rows in the pages it writes, but the log still holds the pages as they
        # were: copy the new ones back and empty the log, so the old answers linger in neither file. Closing
        # the last connection would do this too, but another terminal may keep the file open for hours.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _refuse_if_running(self, session_id: int, doing: str) -> None:
        pid, host, started = self._db.execute(
            "SELECT owner_pid, owner_host, owner_started FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if running_elsewhere(pid, host, started):
            raise UserError(
                f"session {session_id} is still running in another terminal (process {pid});"
                f" end it there (q or Ctrl-C) before {doing}"
            )

    def _load(self, session_id: int) -> SessionRecord:
        """A session known to exist; call inside _read so the queries see one snapshot."""
        row = self._db.execute(
            "SELECT id, started_at, ended_at, status, settings, kind FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        questions = self._db.execute(
            "SELECT question FROM session_questions WHERE session_id = ? ORDER BY position", (session_id,)
        ).fetchall()
        answers = self._db.execute(
            """SELECT position, question_id, answer, seconds, word_count, skipped, feedback, rating, submitted_at,
                   attempt, draft
               FROM answers WHERE session_id = ? ORDER BY position, attempt""",
            (session_id,),
        ).fetchall()
        follow_ups = self._db.execute(
            """SELECT position, reason, question, answer, seconds, word_count, skipped, submitted_at
               FROM follow_ups WHERE session_id = ? ORDER BY position""",
            (session_id,),
        ).fetchall()
        try:
            return session_record(row, questions, answers, follow_ups)
        except Damaged as error:
            raise UserError(
                f"history file {self.path} holds a damaged session {session_id} ({error}); {move_aside(self.path)}"
            ) from None
