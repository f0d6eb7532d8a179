"""SIGTERM and SIGHUP end a session: a KeyboardInterrupt first, and an exit regardless if that is lost."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from pacs_interview.common import signals


def exits_recorded(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], threading.Event]:
    """Replace the hard exit with a note of its code, so the test process lives on."""
    codes: list[int] = []
    called = threading.Event()

    def record(code: int) -> None:
        codes.append(code)
        called.set()

    monkeypatch.setattr(os, "_exit", record)
    monkeypatch.setattr(signals, "WIND_DOWN_SECONDS", 0.2)
    return codes, called


def test_sigterm_raises_keyboard_interrupt_and_names_the_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    codes, _ = exits_recorded(monkeypatch)
    with pytest.raises(KeyboardInterrupt), signals.signals_end_the_session() as received:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # the handler runs between two bytecodes; it raises long before this ends
    assert received == [signal.SIGTERM]
    assert signals.exit_code(received, interrupted=True) == 143
    time.sleep(0.4)  # past the wind-down: the session ended in time, so nothing forces an exit
    assert codes == []


def test_a_session_that_swallows_the_interrupt_is_ended_after_the_wind_down(monkeypatch: pytest.MonkeyPatch) -> None:
    codes, called = exits_recorded(monkeypatch)
    with signals.signals_end_the_session() as received:
        try:
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # lost, as inside an event loop that carries on waiting for keys
        assert called.wait(5)
    assert (received, codes) == ([signal.SIGHUP], [128 + signal.SIGHUP])


def test_the_handlers_before_the_session_are_back_after_it() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with signals.signals_end_the_session():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.parametrize(
    ("received", "interrupted", "code"),
    [([signal.SIGHUP], False, 129), ([], True, 130), ([], False, 0)],
)
def test_exit_code(received: list[int], interrupted: bool, code: int) -> None:
    assert signals.exit_code(received, interrupted) == code
