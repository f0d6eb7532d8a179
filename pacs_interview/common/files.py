"""Writing a file whole or not at all, and only ever in place of a regular file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pacs_interview.common.errors import UserError

# What an output path must not be: replacing one of these with a regular file would break something
# (a pipe's reader, a device, a server's socket) or lose a folder's contents.
_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def output_file(output: Path | None) -> Path | None:
    """The file an `--output` option names; None for standard output (no option, or `-`)."""
    return None if output is None or str(output) == "-" else output


def output_target(path: Path) -> Path:
    """The file that writing `path` replaces: `path`, or where its symlinks lead; UserError if not a file."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target  # a new file
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    for test, kind in _NOT_FILES:
        if test(mode):
            where = f"it leads to {target}, which is" if os.path.islink(path) else "it is"
            raise UserError(f"cannot write {path}: {where} {kind}, not a regular file")
    return target


def write_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 `text` in place of the file `path` leads to, through a temporary file and a rename.

    Returns the file written; UserError if it cannot be written, leaving the old file whole.
    """
    target = output_target(path)
    try:
        _replace(target, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    return target


def _replace(path: Path, data: bytes) -> None:
    # The temporary file sits in the target's folder so that os.replace is a rename on one file
    # system: a reader sees the old file or the new one, never half of it. A symlink was resolved
    # first, so the link stays and the file it points to is the one replaced.
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
