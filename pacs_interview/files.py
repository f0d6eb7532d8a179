"""Writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pacs_interview.errors import UserError


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` through a temporary file and a rename; UserError if it cannot."""
    try:
        _replace(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None


def _replace(path: Path, data: bytes) -> None:
    # The temporary file sits in the target's folder so that os.replace is a rename on one file
    # system: a reader sees the old file or the new one, never half of it.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_mode(path: Path, temporary: str) -> None:
    # mkstemp makes the file 0600, which suits a new transcript; a file being replaced keeps its mode.
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
