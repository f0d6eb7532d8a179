"""Session history in SQLite: every answer is committed the moment it is given.

Standard library only and no terminal: the CLI renders what this returns. The
file is opened in WAL mode with a busy timeout so that two practice sessions in
two terminals both keep everything, and it is never replaced or deleted when it
turns out to be damaged or foreign: the user is told how to move it aside.

A session records the process running it (pid and host) until it ends, so that
another terminal neither resumes nor deletes a session that is still going.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import socket
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from pacs_interview.errors import UserError
from pacs_interview.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus
from pacs_interview.store_rows import Damaged, session_record

HOME_ENV = "PACS_INTERVIEW_HOME"
FILE_NAME = "history.db"
# "PACS" in ASCII: marks the file as ours, so another program's SQLite file is recognised and left alone.
APPLICATION_ID = 0x50414353
BUSY_TIMEOUT_SECONDS = 10.0  # a writer holds the lock for milliseconds; this only has to outlast a slow disk

# MIGRATIONS[n] takes the schema from version n to n + 1; PRAGMA user_version holds the version reached.
# Append, never edit: a user's file may be at any earlier version. Review scheduling (spaced repetition
# by question id) will be the next entry, e.g. a `reviews(question_id PRIMARY KEY, due_at, interval,
# ease, ...)` table filled from answers.rating; the answers_by_question index is there for it.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a deleted id is never reused
            started_at TEXT NOT NULL,              -- ISO 8601, UTC
            ended_at TEXT,
            status TEXT NOT NULL,
            settings TEXT NOT NULL,                -- JSON of SessionSettings
            owner_pid INTEGER,                     -- the process running the session; NULL once it ended
            owner_host TEXT                        -- the host that process runs on
        )""",
        """CREATE TABLE session_questions (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,             -- 0-based, the order the questions are asked in
            question_id TEXT NOT NULL,
            question TEXT NOT NULL,                -- JSON snapshot, so a later bank edit cannot change history
            PRIMARY KEY (session_id, position)
        )""",
        """CREATE TABLE answers (
            session_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,                  -- exactly as typed (a BLOB of UTF-8 when it has lone surrogates)
            seconds REAL NOT NULL,
            word_count INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            feedback TEXT,                         -- JSON of the feedback signals
            rating INTEGER,
            submitted_at TEXT NOT NULL,
            PRIMARY KEY (session_id, position),
            FOREIGN KEY (session_id, position)
                REFERENCES session_questions(session_id, position) ON DELETE CASCADE
        )""",
        "CREATE INDEX answers_by_question ON answers(question_id, submitted_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
TABLES = frozenset({"sessions", "session_questions", "answers"})
# SQLite's own files beside the history file: replacing one would damage the history as surely.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
LARGEST_INTEGER = 2**63 - 1  # SQLite's INTEGER, and so the largest session id
_BUG = "(this is a bug in pacs-interview: please report it)"
# What the practice loop adds to an answer it has already saved.
_UPDATE_ANSWER = {
    column: f"UPDATE answers SET {column} = ? WHERE session_id = ? AND position = ?"
    for column in ("feedback", "rating")
}

P = ParamSpec("P")
R = TypeVar("R")


def default_home() -> Path:
    """$PACS_INTERVIEW_HOME, else the platform's user data folder for pacs-interview."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured)
    import platformdirs  # only here: most callers pass a home or set the variable

    return Path(platformdirs.user_data_dir("pacs-interview", appauthor=False))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _move_aside(path: Path) -> str:
    quoted = shlex.quote(str(path))
    return f"move it aside (for example `mv {quoted} {quoted}.old`) and run again to start a new history"


def _translated(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Turn SQLite failures into one-line UserErrors naming the file; integrity errors stay bugs."""

    @functools.wraps(method)
    def run(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except OverflowError:
            # The CLI's options stop such numbers first; this keeps any other caller from a traceback.
            raise UserError(f"a number given is too large for the history file (at most {LARGEST_INTEGER})") from None
        except sqlite3.OperationalError as error:
            raise UserError(f"cannot use history file {self.path}: {error}") from error
        except sqlite3.DatabaseError as error:
            raise UserError(f"history file {self.path} is damaged ({error}); {_move_aside(self.path)}") from error

    return run


class Store:
    """The history file: a Recorder for the practice loop, and what `history` and `export` read."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Callable[[], str] = _now) -> None:
        self._db = db
        self.path = path
        self.clock = clock  # replaceable so tests can pin the timestamps they print

    @classmethod
    def open(cls, home: Path | None = None, *, clock: Callable[[], str] = _now) -> Store:
        """Open (creating if needed) the history in `home`; UserError if it cannot be used."""
        home = home or default_home()
        path = home / FILE_NAME
        _create_private(home, path)
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as error:
            raise UserError(f"cannot open history file {path}: {error}") from error
        store = cls(db, path, clock)
        try:
            store._prepare()
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        """Close the connection; every answer is already committed."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------------------------

    @_translated
    def _prepare(self) -> None:
        # Identify the file before changing anything in it: a foreign file must stay untouched.
        with self._read():
            self._check_identity()
        self._use_wal()
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA secure_delete = ON")  # deleted answers are overwritten, not left in free pages
        self._migrate()

    def _check_identity(self) -> int:
        """The file's schema version (0 for a new, empty file); UserError if it is not a history of ours."""
        # Call inside a transaction: the three reads must see one state of a file another process may be creating.
        try:
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            raise UserError(f"{self.path} is not an SQLite database ({error}); {_move_aside(self.path)}") from error
        app_id = int(self._db.execute("PRAGMA application_id").fetchone()[0])
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if app_id == 0 and version == 0 and not tables:
            return 0
        if app_id != APPLICATION_ID:
            raise UserError(f"{self.path} belongs to another program, not pacs-interview; {_move_aside(self.path)}")
        if version > SCHEMA_VERSION:
            raise UserError(
                f"{self.path} was written by a newer pacs-interview (history schema {version}; this version"
                f" reads up to {SCHEMA_VERSION}); upgrade pacs-interview, or {_move_aside(self.path)}"
            )
        missing = TABLES - tables
        if version == SCHEMA_VERSION and missing:
            names = ", ".join(sorted(missing))
            raise UserError(f"{self.path} is missing tables ({names}); {_move_aside(self.path)}")
        return version

    def _use_wal(self) -> None:
        # WAL lets a reader and a writer work at once. The mode is stored in the file, so this only
        # changes anything when the file is new. The switch needs a moment of exclusive access that
        # SQLite does not wait for with the busy timeout when two processes open a new file at the same
        # instant: it reports "locked" at once, so wait here instead.
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _migrate(self) -> None:
        with self._write() as db:
            # Check again under the write lock: another process may have created the schema meanwhile.
            version = self._check_identity()
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    db.execute(statement)
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout)
        # instead of failing half-way when it tries to upgrade a read lock.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # One read transaction: a concurrent writer cannot change the data between our queries.
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._db.execute("ROLLBACK")  # nothing to keep, and it cannot fail for want of a commit

    # -- Recorder ----------------------------------------------------------------------------------

    @_translated
    def start(self, settings: SessionSettings, questions: list[Mapping[str, Any]]) -> int:
        """Create an in-progress session, owned by this process, with its questions snapshotted; return its id."""
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO sessions (started_at, status, settings, owner_pid, owner_host)
                   VALUES (?, ?, ?, ?, ?)""",
                (self.clock(), SessionStatus.in_progress.value, _json(asdict(settings)), *_this_process()),
            )
            session_id = _row_id(cursor)
            db.executemany(
                "INSERT INTO session_questions (session_id, position, question_id, question) VALUES (?, ?, ?, ?)",
                [(session_id, n, str(q["id"]), _json(q)) for n, q in enumerate(questions)],
            )
        return session_id

    @_translated
    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        """Commit one answer now; each position is answered once (feedback and rating are added later)."""
        session_id = _known(session_id)
        feedback = None if answer.feedback is None else _json(answer.feedback)
        rating = None if answer.rating is None else int(answer.rating)
        submitted = answer.submitted_at or self.clock()
        values = (_exact(answer.answer), answer.seconds, answer.word_count, answer.skipped, feedback, rating, submitted)
        with self._write() as db:
            self._require_not_deleted(session_id, "answer")
            try:
                db.execute(
                    """INSERT INTO answers (session_id, position, question_id, answer, seconds,
                           word_count, skipped, feedback, rating, submitted_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (session_id, answer.position, answer.question_id, *values),
                )
            except sqlite3.IntegrityError:
                raise UserError(self._why_not_inserted(session_id, answer.position)) from None

    @_translated
    def record_feedback(self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None) -> None:
        """Commit the feedback (its JSON form) of an answer already recorded."""
        self._update_answer(session_id, position, "feedback", None if feedback is None else _json(feedback))

    @_translated
    def record_rating(self, session_id: int | None, position: int, rating: Rating) -> None:
        """Commit the rating of an answer already recorded."""
        self._update_answer(session_id, position, "rating", int(rating))

    @_translated
    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        """Mark how the session ended, and when; no process owns it any more."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, owner_pid = NULL, owner_host = NULL WHERE id = ?",
                (status.value, self.clock(), _known(session_id)),
            )

    def _update_answer(self, session_id: int | None, position: int, column: str, value: object) -> None:
        session_id = _known(session_id)
        with self._write() as db:
            cursor = db.execute(_UPDATE_ANSWER[column], (value, session_id, position))
            if cursor.rowcount == 0:
                self._require_not_deleted(session_id, column)
                raise UserError(f"session {session_id} has no saved answer to question {position + 1} {_BUG}")

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
            return f"session {session_id} already has an answer to question {position + 1}; it is saved once {_BUG}"
        return f"session {session_id} has no question {position + 1} {_BUG}"

    # -- reading -----------------------------------------------------------------------------------

    @_translated
    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Sessions newest first; at most `limit` of them when given."""
        with self._read() as db:
            rows = db.execute("SELECT id FROM sessions ORDER BY id DESC LIMIT ?", (-1 if limit is None else limit,))
            return [self._load(row[0]) for row in rows.fetchall()]

    @_translated
    def session(self, session_id: int) -> SessionRecord:
        """One session; UserError when there is none with this id."""
        with self._read():
            self._require(session_id)
            return self._load(session_id)

    @_translated
    def count(self) -> int:
        """How many sessions there are."""
        return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    @_translated
    def latest(self) -> SessionRecord:
        """The newest session; UserError when there is none yet."""
        with self._read() as db:
            row = db.execute("SELECT max(id) FROM sessions").fetchone()
            if row[0] is None:
                raise UserError("no sessions yet; `pacs-interview practice` starts one")
            return self._load(row[0])

    @_translated
    def resumable(self, session_id: int | None = None) -> SessionRecord:
        """The session to resume: `session_id`, or the newest one that ended before its last question.

        A session still running in another terminal is skipped, or refused when asked for by id.
        """
        with self._read():
            if session_id is None:
                return self._latest_unfinished()
            self._require(session_id)
            self._refuse_if_running(session_id, "resuming it here")
            session = self._load(session_id)
        if session.status is SessionStatus.finished or len(session.answers) >= len(session.questions):
            new = "`pacs-interview practice` starts a new one"
            raise UserError(f"session {session_id} is finished: every question was reached; {new}")
        return session

    def _latest_unfinished(self) -> SessionRecord:
        rows = self._db.execute(
            """SELECT s.id, s.owner_pid, s.owner_host FROM sessions s
               WHERE s.status != ?
                 AND (SELECT count(*) FROM answers a WHERE a.session_id = s.id)
                   < (SELECT count(*) FROM session_questions q WHERE q.session_id = s.id)
               ORDER BY s.id DESC""",
            (SessionStatus.finished.value,),
        ).fetchall()
        running = [session_id for session_id, pid, host in rows if _running_elsewhere(pid, host)]
        for session_id, _, _ in rows:
            if session_id not in running:
                return self._load(session_id)
        lists = "`pacs-interview history` lists the sessions"
        if running:
            raise UserError(f"no unfinished session to resume: {_sessions(running)} {_still_running(running)}; {lists}")
        raise UserError(f"no unfinished session to resume; {lists}")

    # -- changing ----------------------------------------------------------------------------------

    @_translated
    def reopen(self, session_id: int) -> None:
        """Put a session back in progress, owned by this process, for `practice --resume`."""
        with self._write() as db:
            self._require(session_id)
            self._refuse_if_running(session_id, "resuming it here")
            db.execute(
                "UPDATE sessions SET status = ?, ended_at = NULL, owner_pid = ?, owner_host = ? WHERE id = ?",
                (SessionStatus.in_progress.value, *_this_process(), session_id),
            )

    @_translated
    def delete(self, session_id: int) -> None:
        """Delete one session with its questions and answers; UserError for an unknown or running one."""
        with self._write() as db:
            self._require(session_id)
            self._refuse_if_running(session_id, "deleting it")
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))  # cascades (foreign_keys is on)

    @_translated
    def clear(self) -> Cleared:
        """Delete every session but those still running in another terminal."""
        with self._write() as db:
            rows = db.execute("SELECT id, owner_pid, owner_host FROM sessions ORDER BY id").fetchall()
            kept = tuple(session_id for session_id, pid, host in rows if _running_elsewhere(pid, host))
            deleted = [(session_id,) for session_id, _, _ in rows if session_id not in kept]
            db.executemany("DELETE FROM sessions WHERE id = ?", deleted)
        # Copy the pages back from the WAL so the old answers do not linger there either.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Cleared(len(deleted), kept)

    # -- helpers -----------------------------------------------------------------------------------

    def holds(self, path: Path) -> bool:
        """Whether `path` is the history file, or one of SQLite's files beside it."""
        own = [self.path, *(self.path.with_name(self.path.name + suffix) for suffix in COMPANION_SUFFIXES)]
        return any(_same_file(path, file) for file in own)

    def _require(self, session_id: int) -> None:
        if self._db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise UserError(f"no session {session_id}; `pacs-interview history` lists the sessions")

    def _refuse_if_running(self, session_id: int, doing: str) -> None:
        pid, host = self._db.execute(
            "SELECT owner_pid, owner_host FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if _running_elsewhere(pid, host):
            raise UserError(
                f"session {session_id} is still running in another terminal (process {pid});"
                f" end it there (q or Ctrl-C) before {doing}"
            )

    def _load(self, session_id: int) -> SessionRecord:
        """A session known to exist; call inside _read so the three queries see one snapshot."""
        row = self._db.execute(
            "SELECT id, started_at, ended_at, status, settings FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        questions = self._db.execute(
            "SELECT question FROM session_questions WHERE session_id = ? ORDER BY position", (session_id,)
        ).fetchall()
        answers = self._db.execute(
            """SELECT position, question_id, answer, seconds, word_count, skipped, feedback, rating, submitted_at
               FROM answers WHERE session_id = ? ORDER BY position""",
            (session_id,),
        ).fetchall()
        try:
            return session_record(row, questions, answers)
        except Damaged as error:
            raise UserError(
                f"history file {self.path} holds a damaged session {session_id} ({error}); {_move_aside(self.path)}"
            ) from None


class Cleared(NamedTuple):
    """What `Store.clear` did."""

    deleted: int
    kept: tuple[int, ...]  # ids of the sessions still running in another terminal


class NullRecorder:
    """The Recorder for `practice --no-save`: keeps nothing and touches no file."""

    def start(self, settings: SessionSettings, questions: list[Mapping[str, Any]]) -> int | None:
        return None

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        return None

    def record_feedback(self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None) -> None:
        return None

    def record_rating(self, session_id: int | None, position: int, rating: Rating) -> None:
        return None

    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        return None


def _create_private(home: Path, path: Path) -> None:
    """Create the folder (0700) and the empty file (0600) ourselves, before SQLite picks the modes."""
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"cannot use history folder {home}: {_reason(error)}; set {HOME_ENV} to a writable folder"
        ) from None
    try:
        # SQLite gives its -wal and -shm files the mode of the database file, so they are private too.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError as error:
        raise UserError(
            f"cannot open history file {path}: {_reason(error)}; set {HOME_ENV} to another folder"
        ) from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


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


def _this_process() -> tuple[int, str]:
    """The owner to record for a session this process runs: its pid and host name."""
    return os.getpid(), socket.gethostname()


def _running_elsewhere(pid: object, host: object) -> bool:
    """Whether a session's owner is another process, alive on this host."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid() or host != socket.gethostname():
        return False  # ended, ours, or on another host where we cannot look
    if sys.platform == "win32":
        return False  # os.kill(pid, 0) would end the process there, not probe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, run by another user
    except (OSError, OverflowError):  # gone, or a pid no process can have
        return False
    return True


def _sessions(ids: list[int]) -> str:
    return f"session{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}"


def _still_running(ids: list[int]) -> str:
    return "is still running in another terminal" if len(ids) == 1 else "are still running in other terminals"


def _same_file(path: Path, other: Path) -> bool:
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:  # either one missing
        return False
