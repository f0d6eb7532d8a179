"""A quick look into the history file before the session opens it: the questions practised lately.

Choosing the first question needs only this, and the first card should be on screen before the
store is opened and checked. Anything unusual (no file yet, an old schema, a damaged or foreign
file) reads as nothing practised: the store, opened right after, reports it properly.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pacs_interview.history.location import APPLICATION_ID, FILE_NAME, default_home


def recent_questions(days: float, home: Path | None = None) -> set[str]:
    """Ids of the questions answered or skipped in the last `days` days; empty when that cannot be read."""
    path = (home or default_home()) / FILE_NAME
    if not path.is_file():
        return set()
    since = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return set()
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return set()
        rows = db.execute("SELECT DISTINCT question_id FROM answers WHERE submitted_at >= ?", (since,))
        return {row[0] for row in rows if isinstance(row[0], str)}
    except sqlite3.Error:
        return set()
    finally:
        db.close()
