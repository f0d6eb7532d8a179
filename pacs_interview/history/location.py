"""Where the history file lives and how it is marked as ours; standard library only, quick to import."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PACS_INTERVIEW_HOME"
FILE_NAME = "history.db"
# "PACS" in ASCII: marks the file as ours, so another program's SQLite file is recognised and left alone.
APPLICATION_ID = 0x50414353


def default_home() -> Path:
    """$PACS_INTERVIEW_HOME, else the platform's user data folder for pacs-interview."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured)
    import platformdirs  # only here: most callers pass a home or set the variable

    return Path(platformdirs.user_data_dir("pacs-interview", appauthor=False))
