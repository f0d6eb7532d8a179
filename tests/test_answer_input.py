"""The answer editor (driven through a pipe, as prompt-toolkit's own tests do) and the piped reader."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pacs_interview.session.loop import Answer, RatingChoice
from pacs_interview.session.records import Rating
from pacs_interview.terminal.editor import TerminalAnswers, toolbar_text
from pacs_interview.terminal.plain_input import PipedAnswers
from tests.test_session import QUESTIONS

ESC_ENTER = "\x1b\r"
CTRL_C = "\x03"


class FakeClock:
    """Reads 100.0 once (the start), then 112.5 ever after, however often the toolbar asks."""

    def __init__(self) -> None:
        self.readings = iter([100.0])

    def __call__(self) -> float:
        return next(self.readings, 112.5)


def type_answer(keys: str) -> Answer | None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return TerminalAnswers(time_limit=120, now=FakeClock()).read_answer(QUESTIONS[0], 1, 3)


def press_rating(keys: str) -> Rating | RatingChoice:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return TerminalAnswers(time_limit=0).read_rating()


def test_enter_inserts_a_new_line_and_esc_enter_submits() -> None:
    answer = type_answer("First line\rsecond line" + ESC_ENTER)
    assert answer == Answer("First line\nsecond line", 12.5)


def test_empty_submission() -> None:
    answer = type_answer(ESC_ENTER)
    assert answer is not None and answer.is_empty


def test_ctrl_c_while_typing_keeps_the_text() -> None:
    assert type_answer("half typed" + CTRL_C) == Answer("half typed", 12.5, interrupted=True)


def test_ctrl_c_on_an_empty_editor_interrupts() -> None:
    with pytest.raises(KeyboardInterrupt):
        type_answer(CTRL_C)


def test_ctrl_d_on_an_empty_editor_ends_the_input() -> None:
    assert type_answer("\x04") is None


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("1", Rating.again),
        ("2", Rating.hard),
        ("3", Rating.good),
        ("4", Rating.easy),
        ("\r", RatingChoice.skip),
        ("q", RatingChoice.quit),
        ("Q", RatingChoice.quit),
        ("x9 4", Rating.easy),  # other keys are ignored until a real choice
    ],
)
def test_rating_takes_one_key(keys: str, expected: Rating | RatingChoice) -> None:
    assert press_rating(keys) is expected


def test_ctrl_c_at_the_rating_interrupts() -> None:
    with pytest.raises(KeyboardInterrupt):
        press_rating(CTRL_C)


def toolbar(elapsed: float, words: int, limit: int) -> str:
    return "".join(fragment for _, fragment in toolbar_text(elapsed, words, limit))


def test_toolbar_shows_time_words_limit_and_keys() -> None:
    assert toolbar(65, 1, 120) == (" 01:05 · 1 word · limit 02:00 │ Esc Enter: submit · Ctrl-C: end ")


def test_toolbar_says_over_time_without_cutting_anything_off() -> None:
    fragments = toolbar_text(150, 42, 120)
    assert ("class:over-time", "· over time by 00:30 ") in fragments
    assert toolbar(150, 42, 0) == " 02:30 · 42 words │ Esc Enter: submit · Ctrl-C: end "


def test_piped_answers_split_on_separator_lines() -> None:
    source = PipedAnswers(io.StringIO("one\ntwo lines\n---\n\n---\nlast without separator\n"))
    answers = [source.read_answer(q, 1, 3) for q in QUESTIONS]
    assert [a.text if a else None for a in answers] == ["one\ntwo lines", "", "last without separator"]
    assert source.read_answer(QUESTIONS[0], 1, 1) is None
    assert source.read_rating() is RatingChoice.skip


def test_piped_answers_are_handed_on_before_the_rest_of_the_input_arrives() -> None:
    def stream() -> Iterator[str]:
        yield "first\n"
        yield "---\n"
        raise AssertionError("read past the first answer's separator")

    source = PipedAnswers(stream())  # type: ignore[arg-type]
    first = source.read_answer(QUESTIONS[0], 1, 2)
    assert first is not None and first.text == "first"


def test_piped_answers_keep_text_exactly_even_hostile_text() -> None:
    hostile = "[bold]x[/bold] :heart: \x1b]0;title\x07 \x1b[31mred\r\n"
    source = PipedAnswers(io.StringIO(hostile + "---\n"))
    answer = source.read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and answer.text == hostile.rstrip("\r\n")


def test_the_rating_prompt_names_each_key() -> None:
    from pacs_interview.terminal.editor import RATING_PROMPT

    assert RATING_PROMPT == "Rate it: 1 again · 2 hard · 3 good · 4 easy · Enter no rating · r retry · q end session "
