"""Exit codes and the last lines on stderr, in-process: Ctrl-C, user errors, and the debug switch.

The pseudo-terminal tests press a real Ctrl-C too, but they are slow; these run in the fast suite.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import typer.testing

from pacs_interview import cli
from pacs_interview.common.errors import UserError
from pacs_interview.history.store import Store
from pacs_interview.session.records import SessionStatus
from tests.helpers import invoke, known_session, record


class CtrlCAtTheEnd(io.BytesIO):
    """Standard input that holds some bytes, then, where it would end, is interrupted by Ctrl-C."""

    def read(self, size: int | None = -1) -> bytes:
        # A full read waits for all it asked for, so it is interrupted unless the bytes held are enough.
        if size is None or size < 0 or size > len(self.getbuffer()) - self.tell():
            raise KeyboardInterrupt
        return super().read(size)

    def read1(self, size: int | None = -1) -> bytes:
        # A partial read returns what has arrived, and is interrupted only when nothing is left.
        data = super().read1(size)
        if not data and size != 0:  # a read of 0 bytes is a probe, not a wait for input
            raise KeyboardInterrupt
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = super().readline(size)
        if not data.endswith(b"\n"):
            raise KeyboardInterrupt
        return data


@pytest.fixture(autouse=True)
def any_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the test runner take a binary stream as standard input, not only text or bytes."""
    make = typer.testing.make_input_stream
    monkeypatch.setattr(
        typer.testing,
        "make_input_stream",
        lambda data, charset: make(data, charset) if isinstance(data, (str, bytes, type(None))) else data,
    )


def test_ctrl_c_during_practice_exits_130_keeping_the_answers(home: Path) -> None:
    piped = CtrlCAtTheEnd(b"PACS stores images.\n---\nHalf an answ")
    result = invoke("practice", "--level", "junior", "--order", "bank", "--count", "3", input=piped)  # type: ignore[arg-type]
    assert result.exit_code == 130
    assert "1 of 3 questions answered (interrupted). Saved as session 1." in result.stdout
    assert "Resume it:  pacs-interview practice --resume 1" in result.stdout
    with Store.open(home) as store:
        session = store.session(1)
    assert session.status is SessionStatus.interrupted
    assert [answer.answer for answer in session.answers] == ["PACS stores images."]


def test_ctrl_c_at_the_clear_question_exits_130_and_deletes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open() as store:
        record(store, known_session())
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    result = invoke("history", "--clear", input=CtrlCAtTheEnd(b""))  # type: ignore[arg-type]
    assert result.exit_code == 130
    assert (result.stdout, result.stderr) == (
        "",
        "Delete the only session? This cannot be undone. [y/N]: \nnothing deleted\n",
    )
    with Store.open() as store:
        assert store.count() == 1


def test_ctrl_c_anywhere_else_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_bank", interrupted)  # a Ctrl-C while a large bank loads
    result = invoke("list")
    assert result.exit_code == 130
    assert (result.stdout, result.stderr) == ("", "")  # the terminal has shown ^C; nothing more to say


def test_ctrl_c_while_typing_an_answer_for_feedback_exits_130() -> None:
    result = invoke("feedback", "junior-what-is-pacs", "-", input=CtrlCAtTheEnd(b"I typed half"))  # type: ignore[arg-type]
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")


def test_a_user_error_is_one_line_and_exit_1() -> None:
    result = invoke("show", "no-such-question")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == (
        "",
        "error: no question with id 'no-such-question' in the bundled bank; `pacs-interview list` shows the ids\n",
    )


def test_the_debug_switch_lets_the_error_through_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACS_INTERVIEW_DEBUG", "1")
    with pytest.raises(UserError) as caught:
        invoke("show", "no-such-question")
    assert caught.value.lines == (
        "no question with id 'no-such-question' in the bundled bank; `pacs-interview list` shows the ids",
    )


@pytest.mark.parametrize("value", ["0", "", "yes"])
def test_only_debug_1_turns_the_switch_on(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PACS_INTERVIEW_DEBUG", value)
    assert invoke("show", "no-such-question").exit_code == 1
