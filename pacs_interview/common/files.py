"""Reading and writing only regular files: a pipe, a device or a folder is refused at once, never waited on.

Writing is whole or not at all, and only where the shell's `>` could write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
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


def output_file(output: str | None) -> Path | None:
    """The file an `--output` option names; None for standard output (no option, or `-`)."""
    if output is None or output == "-":
        return None
    if output.endswith(("/", os.sep)):  # Path() would drop the slash and write a file of that name
        raise UserError(f"cannot write {output}: a name ending in / is a folder; give a file name")
    return Path(output)


def not_a_file(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file (`a folder`, `a named pipe (FIFO)`), else None."""
    return next((kind for test, kind in _NOT_FILES if test(mode)), None)


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """Up to `limit` bytes of the regular file at `path`; OSError if it is anything else, or unreadable."""
    # Opened without blocking: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = not_a_file(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if kind is not None:
        os.close(fd)
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file")
    with os.fdopen(fd, "rb") as file:
        return file.read(limit)


def output_target(path: Path) -> Path:
    """The file that writing `path` replaces: `path`, or where its symlinks lead; UserError if not a file."""
    try:
        mode: int | None = os.stat(path).st_mode  # follows the links, even those realpath cannot name
    except FileNotFoundError:
        mode = None  # a new file
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    target = Path(os.path.realpath(path))
    if mode is None:
        return target
    kind = not_a_file(mode)
    if kind is not None:
        stdout = "; leave out --output (or give -) to write to standard output" if stat.S_ISFIFO(mode) else ""
        raise UserError(f"cannot write {path}: {_what_it_is(path, target, mode, kind)}, not a regular file{stdout}")
    if not os.access(target, os.W_OK):
        # Renaming a new file into place needs only the folder to be writable; the shell's `>` would refuse.
        raise UserError(f"cannot write {path}: {os.strerror(errno.EACCES)}; it is read-only for you")
    return target


def _what_it_is(path: Path, target: Path, mode: int, kind: str) -> str:
    if not os.path.islink(path):
        return f"it is {kind}"
    if not os.path.lexists(target):  # a link to something without a name: /dev/stdout to the shell's pipe
        return "it leads to a pipe" if stat.S_ISFIFO(mode) else f"it leads to {kind}"
    return f"it leads to {target}, which is {kind}"


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
    import tempfile  # here: reading banks uses this module too, and must not pay for it at start-up

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
