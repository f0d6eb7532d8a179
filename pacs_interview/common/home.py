"""The program's own data folder: the history file and the bundled bank's cache live there."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PACS_INTERVIEW_HOME"


def default_home() -> Path:
    """$PACS_INTERVIEW_HOME, else the platform's user data folder for pacs-interview."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured)
    import platformdirs  # only here: most callers pass a home or set the variable

    return Path(platformdirs.user_data_dir("pacs-interview", appauthor=False))
