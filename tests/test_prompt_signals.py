"""A kill during a prompt ends the prompt from its event loop, even when it lands in a background task."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from pacs_interview.common.signals import signals_end_the_session
from pacs_interview.terminal.prompt_signals import signals_exit_the_prompt


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe:
        yield pipe


def killed_from_a_background_task(session: PromptSession[str], tasks: list[asyncio.Task[None]]) -> None:
    """Run the prompt with a task that sends SIGTERM from inside itself, as a kill landing in a draft save."""

    async def save_draft_then_get_killed() -> None:
        await asyncio.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(5)  # the handler runs before this line; it must not end this task with the interrupt

    def start() -> None:
        tasks.append(get_app().create_background_task(save_draft_then_get_killed()))

    with signals_exit_the_prompt(session.app):
        session.prompt("> ", pre_run=start)


def test_a_kill_inside_a_background_task_exits_the_prompt_as_ctrl_c(keys: PipeInput) -> None:
    session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
    tasks: list[asyncio.Task[None]] = []
    with signals_end_the_session() as received:
        with pytest.raises(KeyboardInterrupt):
            killed_from_a_background_task(session, tasks)
    assert received == [signal.SIGTERM]
    assert not session.app.is_running
    # the background task was cancelled by the prompt's ending, not ended by the interrupt
    assert len(tasks) == 1 and tasks[0].cancelled()


def test_the_next_prompt_reads_keys_as_usual_after_a_kill_was_routed(keys: PipeInput) -> None:
    first: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
    with signals_end_the_session(), pytest.raises(KeyboardInterrupt):
        killed_from_a_background_task(first, [])
    second: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
    keys.send_text("kept\r")
    with signals_exit_the_prompt(second.app):
        assert second.prompt("> ") == "kept"


def test_the_handlers_before_the_prompt_are_back_after_it(keys: PipeInput) -> None:
    session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
    with signals_end_the_session():
        before = signal.getsignal(signal.SIGTERM)
        keys.send_text("done\r")
        with signals_exit_the_prompt(session.app):
            assert signal.getsignal(signal.SIGTERM) is not before
            session.prompt("> ")
        assert signal.getsignal(signal.SIGTERM) is before


def test_an_ignored_signal_stays_ignored_during_a_prompt(keys: PipeInput) -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
        keys.send_text("still here\r")
        with signals_exit_the_prompt(session.app):
            assert session.prompt("> ", pre_run=lambda: os.kill(os.getpid(), signal.SIGTERM)) == "still here"
    finally:
        signal.signal(signal.SIGTERM, previous)
