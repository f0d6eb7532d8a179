"""A kill or a closed terminal ends a prompt the way Ctrl-C does, from inside the prompt's event loop.

The session turns SIGTERM and SIGHUP into a KeyboardInterrupt (common.signals). Raised at whatever line
the process happens to be on, that interrupt can land inside one of the editor's background tasks (the
draft kept every second, the toolbar's clock) instead of the prompt itself: the prompt then carries on,
and the next prompt stops at "Press ENTER to continue" under an unhandled-exception report. While a
prompt runs, the signal is therefore taken by a handler that lets the session note it and then asks the
running application to exit with KeyboardInterrupt, which the event loop does at a safe point.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from prompt_toolkit.application import Application

from pacs_interview.common.signals import ENDING_SIGNALS


@contextmanager
def signals_exit_the_prompt(app: Application[Any]) -> Iterator[None]:
    """While the block runs `app`, SIGTERM and SIGHUP make it exit as Ctrl-C would."""
    previous = {number: signal.getsignal(number) for number in ENDING_SIGNALS}

    def route(signum: int, frame: FrameType | None) -> None:
        handler = previous[signum]
        if not callable(handler):
            _as_before(signum, handler)
            return
        try:
            handler(signum, frame)  # the session notes the signal; it raises KeyboardInterrupt for us
        except KeyboardInterrupt:
            pass
        loop = app.loop
        if not app.is_running or loop is None:
            raise KeyboardInterrupt  # between prompts: the interrupt is safe where it lands
        loop.call_soon_threadsafe(_exit_interrupted, app)

    for number in ENDING_SIGNALS:
        signal.signal(number, route)
    try:
        yield
    finally:
        for number, handler in previous.items():
            # The session's handler, once run, leaves the default in place: a second signal ends at once.
            if signal.getsignal(number) is route:
                signal.signal(number, handler)


def _exit_interrupted(app: Application[Any]) -> None:
    if app.is_running and app.future is not None and not app.future.done():
        app.exit(exception=KeyboardInterrupt())


def _as_before(signum: int, handler: int | Callable[..., Any] | None) -> None:
    """No session is listening: the signal does what it did before (ends the process, or nothing)."""
    if handler == signal.SIG_IGN:
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
