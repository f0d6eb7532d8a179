"""The history file's schema: every migration since the first release, applied in order."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from pacs_interview.history.card_rows import fill_cards

# A step of a migration: an SQL statement, or a function doing what SQL alone cannot (FSRS arithmetic).
Step = str | Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] takes the schema from version n to n + 1; PRAGMA user_version holds the version reached.
# Append, never edit: a user's file may be at any earlier version.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
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
    # 2: the review queue. Every attempt at a question is kept (`attempt`), typed-but-unsent answers
    # are kept as drafts, sessions say what kind they are, and each question has an FSRS card.
    (
        "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'practice'",  # practice or interview
        """CREATE TABLE answers_by_attempt (
            session_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            attempt INTEGER NOT NULL,              -- 1, then 2 for a retry (r) or the repeat of an Again, ...
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            seconds REAL NOT NULL,
            word_count INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            feedback TEXT,
            rating INTEGER,
            submitted_at TEXT NOT NULL,            -- for a draft: when it was last kept
            draft INTEGER NOT NULL DEFAULT 0,      -- 1: typed, never submitted
            PRIMARY KEY (session_id, position, attempt),
            FOREIGN KEY (session_id, position)
                REFERENCES session_questions(session_id, position) ON DELETE CASCADE
        )""",
        """INSERT INTO answers_by_attempt (session_id, position, attempt, question_id, answer, seconds,
               word_count, skipped, feedback, rating, submitted_at)
           SELECT session_id, position, 1, question_id, answer, seconds, word_count, skipped, feedback, rating,
               submitted_at
           FROM answers""",
        "DROP TABLE answers",
        "ALTER TABLE answers_by_attempt RENAME TO answers",
        "CREATE INDEX answers_by_question ON answers(question_id, submitted_at)",
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            stability REAL NOT NULL,               -- FSRS: days until recall is 90% likely
            difficulty REAL NOT NULL,              -- FSRS: 1 to 10
            due_at TEXT NOT NULL,                  -- ISO 8601, UTC
            last_review_at TEXT NOT NULL,
            last_rating INTEGER NOT NULL,          -- 1 again ... 4 easy
            inferred INTEGER NOT NULL,             -- 1: the last rating came from the feedback
            reviews INTEGER NOT NULL,
            lapses INTEGER NOT NULL
        )""",
        "CREATE INDEX cards_by_due ON cards(due_at)",
        fill_cards,
    ),
    # 3: mock interviews. The interviewer's follow-up to an answer, and the reply, kept beside that answer.
    (
        """CREATE TABLE follow_ups (
            session_id INTEGER NOT NULL,
            position INTEGER NOT NULL,             -- the question whose answer it follows
            reason TEXT NOT NULL,                  -- what the answer lacked, or 'bank' (one of the question's own)
            question TEXT NOT NULL,                -- as the interviewer asked it
            answer TEXT NOT NULL,                  -- exactly as typed, like answers.answer
            seconds REAL NOT NULL,
            word_count INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            submitted_at TEXT NOT NULL,
            PRIMARY KEY (session_id, position),
            FOREIGN KEY (session_id, position)
                REFERENCES session_questions(session_id, position) ON DELETE CASCADE
        )""",
    ),
    # 4: when the owning process started. With the pid alone, a session killed in a container (or before
    # the pids wrapped round) would look alive forever once another process got its pid.
    ("ALTER TABLE sessions ADD COLUMN owner_started TEXT",),
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = frozenset({"sessions", "session_questions", "answers", "cards", "follow_ups"})
