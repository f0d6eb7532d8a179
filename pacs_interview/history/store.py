"""Session history in SQLite: every answer is committed the moment it is given.

A session records the process running it (pid and host) until it ends, so that
another terminal neither resumes nor deletes a session that is still going.
The pieces: `connection` (opening, identity, migrations), `answers` (writing as
the session happens), `sessions` (reading, resuming, deleting), `progress` (the facts
`stats` measures).
"""

from __future__ import annotations

from pacs_interview.history.answers import AnswerWriter, NullRecorder
from pacs_interview.history.location import APPLICATION_ID, FILE_NAME, HOME_ENV, LARGEST_ID, default_home
from pacs_interview.history.progress import ProgressReader
from pacs_interview.history.schema import MIGRATIONS, SCHEMA_VERSION
from pacs_interview.history.sessions import Cleared, SessionReader

__all__ = [
    "APPLICATION_ID",
    "FILE_NAME",
    "HOME_ENV",
    "LARGEST_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Cleared",
    "NullRecorder",
    "Store",
    "default_home",
]


class Store(AnswerWriter, SessionReader, ProgressReader):
    """The history file: a Recorder for the practice loop, what `history` and `export` read, and `stats`."""
