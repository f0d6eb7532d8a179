"""The standard streams, made to fail in one known way.

A full disk, a reader that has gone (`| head`), a stream closed by the shell
(`>&-`) or a terminal that cannot show "·" each surface as one `OutputError`
that the CLI turns into one line and an exit code, whoever was writing:
print(), Rich, Click's help. Standard library only.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

EXIT_BROKEN_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE
CLOSED = "it is closed"
STDOUT, STDERR = "standard output", "standard error"

# Our own separators and marks, and the punctuation bank text uses most, as ASCII for a terminal
# that cannot show them (`LC_ALL=C`, `PYTHONIOENCODING=ascii`); anything else is escaped.
ASCII_FALLBACK = str.maketrans(
    {"·": ".", "•": "*", "✓": "+", "✗": "x", "│": "|", "─": "-", "“": '"', "”": '"', "‘": "'", "’": "'"}
    | {"—": "-", "–": "-", "…": "...", "\u00a0": " "}
)
T = TypeVar("T")


class OutputError(Exception):
    """Writing to standard output (or error) failed; `error` says why."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"cannot write to {name}: {error.strerror or error}")
        self.name = name
        self.error = error

    @property
    def reader_gone(self) -> bool:
        """The other end of a pipe has closed: not a failure to report, as with SIGPIPE."""
        return self.error.errno == errno.EPIPE


class _Guard:
    """What a guarded stream and its binary buffer share: a name, and whether it has been silenced."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.silenced = False  # it failed and was reported: later writes and flushes do nothing

    def run(self, call: Callable[[], T], nothing: T) -> T:
        if self.silenced:
            return nothing
        try:
            return call()
        except OSError as error:
            raise OutputError(self.name, error) from None


class _GuardedBinary:
    """A binary stream whose write errors are OutputErrors."""

    def __init__(self, stream: Any, guard: _Guard) -> None:
        self._stream = stream
        self._guard = guard

    def write(self, data: bytes) -> int:
        return self._guard.run(lambda: self._stream.write(data), len(data))

    def flush(self) -> None:
        self._guard.run(self._stream.flush, None)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)


class GuardedText:
    """A text stream whose write errors are OutputErrors, and which falls back to ASCII when it must."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self.guard = _Guard(name)
        binary = getattr(stream, "buffer", None)
        self.buffer = None if binary is None else _GuardedBinary(binary, self.guard)

    def write(self, text: str) -> int:
        def write() -> int:
            try:
                return self._stream.write(text)  # type: ignore[no-any-return]
            except UnicodeEncodeError:  # nothing was written: encoding comes first
                return self._stream.write(ascii_text(text, self._stream.encoding))  # type: ignore[no-any-return]

        return self.guard.run(write, len(text))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.guard.run(self._stream.flush, None)

    def silence(self) -> None:
        """Write nothing more: what is still buffered goes to /dev/null, so Python's exit flush stays quiet."""
        self.guard.silenced = True
        _discard(self._stream)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)


def ascii_text(text: str, encoding: str | None) -> str:
    """`text` as an encoding without our separators can hold it: ASCII look-alikes, else escapes."""
    simpler = text.translate(ASCII_FALLBACK)
    codec = encoding or "ascii"
    return simpler.encode(codec, "backslashreplace").decode(codec)


def can_encode(stream: object, text: str) -> bool:
    """Whether `stream` can write `text` as it is."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except UnicodeEncodeError:
        return False
    except LookupError:  # an encoding Python does not know: let the stream decide
        return True
    return True


class _Closed(io.RawIOBase):
    """Stands for a standard stream the shell closed (`<&-`, `>&-`): every read or write fails."""

    discard = False  # once the failure is reported, writes vanish instead

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise OSError(errno.EBADF, CLOSED)

    def write(self, data: Any) -> int:
        if self.discard:
            return len(data)
        raise OSError(errno.EBADF, CLOSED)


def is_closed(stream: object) -> bool:
    """Whether `stream` stands for a standard stream that was closed when the program started."""
    return _closed_in(stream) is not None


def _closed_in(stream: object) -> _Closed | None:
    # Down through the layers: guard, text wrapper, buffered reader or writer, raw stream.
    for _ in range(4):
        if isinstance(stream, _Closed):
            return stream
        stream = getattr(stream, "_stream", None) or getattr(stream, "buffer", None) or getattr(stream, "raw", None)
    return None


def install() -> None:
    """Put guarded streams in place of sys.stdout and sys.stderr, and stand-ins for closed ones."""
    if isinstance(sys.stdout, GuardedText):
        return  # already in place (main() run twice in one process)
    for fd in (0, 1, 2):
        _occupy_if_closed(fd)
    if sys.stdin is None:
        sys.stdin = io.TextIOWrapper(io.BufferedReader(_Closed()), encoding="utf-8")
    sys.stdout = GuardedText(_whole_writes(_open_or_closed(sys.stdout)), STDOUT)
    sys.stderr = GuardedText(_whole_writes(_open_or_closed(sys.stderr)), STDERR)


def _whole_writes(stream: Any) -> Any:
    """`stream`, writing through a BufferedWriter, which writes every byte or raises.

    Unbuffered Python (`-u`, PYTHONUNBUFFERED) hands out text streams on a raw file, whose write may
    put part of the bytes into a pipe that is closing, report no error, and drop the rest.
    """
    raw = getattr(stream, "buffer", None)
    if raw is None or isinstance(raw, io.BufferedIOBase):
        return stream
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding=stream.encoding, errors=stream.errors, line_buffering=True)


def _open_or_closed(stream: Any) -> Any:
    if stream is not None:
        return stream
    return io.TextIOWrapper(io.BufferedWriter(_Closed()), encoding="utf-8", line_buffering=True)


def _occupy_if_closed(fd: int) -> None:
    # A file opened later (the history, a bank) must never take the number of a closed standard
    # stream, or writing "to stdout" would write into it: park /dev/null there.
    try:
        os.fstat(fd)
    except OSError:
        parked = os.open(os.devnull, os.O_RDWR)
        if parked != fd:
            os.dup2(parked, fd)
            os.close(parked)


def report(error: OutputError) -> int:
    """Say what failed, once, and return the exit code: 141 for a reader that left, else 1."""
    failed = sys.stderr if error.name == STDERR else sys.stdout
    if isinstance(failed, GuardedText):
        failed.silence()
    else:
        _discard(failed)
    if error.reader_gone:
        return EXIT_BROKEN_PIPE
    try:
        sys.stderr.write(f"error: {error}\n")
        sys.stderr.flush()
    except (OSError, OutputError):
        pass  # standard error is what failed: nowhere left to say it
    return 1


def silence_stdout() -> None:
    """Write nothing more to stdout: its reader has gone."""
    if isinstance(sys.stdout, GuardedText):
        sys.stdout.silence()
    else:
        _discard(sys.stdout)


def _discard(stream: object) -> None:
    """Send what `stream` still buffers to /dev/null, so it cannot fail again when Python exits."""
    closed = _closed_in(stream)
    if closed is not None:
        closed.discard = True
        return
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
