"""The history file's schema: every migration since the first release, applied in order."""

from __future__ import annotations

# MIGRATIONS[n] takes the schema from version n to n + 1; PRAGMA user_version holds the version reached.
# Append, never edit: a user's file may be at any earlier version. Review scheduling (spaced repetition
# by question id) will be a later entry, e.g. a `reviews(question_id PRIMARY KEY, due_at, interval,
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
    (
        # When the owning process started: with the pid alone, a session killed in a container (or before
        # the pids wrapped round) would look alive forever once another process got its pid.
        "ALTER TABLE sessions ADD COLUMN owner_started TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = frozenset({"sessions", "session_questions", "answers"})
