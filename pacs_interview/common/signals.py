"""SIGTERM and SIGHUP end a session as Ctrl-C does: everything is saved, the session marked, and the
process exits with 128 plus the signal's number, as a shell reports a process the signal ended."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from pacs_interview.common.errors import EXIT_INTERRUPTED

# A `kill`, and a terminal closed under the session.
ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def signals_end_the_session() -> Iterator[list[int]]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt; the list gets the signal's number."""
    received: list[int] = []

    def end_session(signum: int, frame: object) -> None:
        received.append(signum)
        for number in ENDING_SIGNALS:
            signal.signal(number, signal.SIG_DFL)  # a second one ends the process at once
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, end_session) for number in ENDING_SIGNALS}
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def exit_code(received: list[int], interrupted: bool) -> int:
    """128 + the signal that ended the session; else 130 when Ctrl-C did, 0 when it ran its course."""
    if received:
        return 128 + received[0]
    return EXIT_INTERRUPTED if interrupted else 0
