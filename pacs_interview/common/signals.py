"""SIGTERM and SIGHUP end a session as Ctrl-C does: everything is saved, the session marked, and the
process exits with 128 plus the signal's number, as a shell reports a process the signal ended."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pacs_interview.common.errors import EXIT_INTERRUPTED

# A `kill`, and a terminal closed under the session.
ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
# How long the session has to wind down after such a signal before the process ends regardless. The
# KeyboardInterrupt the signal raises can land inside the editor's event loop at a moment that swallows
# it, leaving a killed session waiting for keys nobody will type; the editor has kept the typed words as
# a draft every second, so ending then loses nothing the candidate would miss.
WIND_DOWN_SECONDS = 10.0


@contextmanager
def signals_end_the_session() -> Iterator[list[int]]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt; the list gets the signal's number.

    The block then has WIND_DOWN_SECONDS to end, or the process exits with 128 plus the signal's number.
    """
    received: list[int] = []
    deadlines: list[threading.Timer] = []

    def end_session(signum: int, frame: object) -> None:
        received.append(signum)
        for number in ENDING_SIGNALS:
            signal.signal(number, signal.SIG_DFL)  # a second one ends the process at once
        deadline = threading.Timer(WIND_DOWN_SECONDS, os._exit, args=(128 + signum,))
        deadline.daemon = True
        deadline.start()
        deadlines.append(deadline)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, end_session) for number in ENDING_SIGNALS}
    try:
        yield received
    finally:
        for deadline in deadlines:
            deadline.cancel()
        for number, handler in previous.items():
            signal.signal(number, handler)


def exit_code(received: list[int], interrupted: bool) -> int:
    """128 + the signal that ended the session; else 130 when Ctrl-C did, 0 when it ran its course."""
    if received:
        return 128 + received[0]
    return EXIT_INTERRUPTED if interrupted else 0
