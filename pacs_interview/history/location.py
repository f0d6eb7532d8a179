"""Where the history file lives and how it is marked as ours; standard library only, quick to import."""

from __future__ import annotations

from pacs_interview.common.home import HOME_ENV, default_home

__all__ = ["APPLICATION_ID", "FILE_NAME", "HOME_ENV", "LARGEST_ID", "default_home"]

FILE_NAME = "history.db"
# "PACS" in ASCII: marks the file as ours, so another program's SQLite file is recognised and left alone.
APPLICATION_ID = 0x50414353
# SQLite's largest INTEGER, and so the largest session id: the command line refuses a larger id or limit
# as a usage error, rather than the store failing deep inside.
LARGEST_ID = 2**63 - 1
