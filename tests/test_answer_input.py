"""The answer editor (driven through a pipe, as prompt-toolkit's own tests do) and the piped reader."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pacs_interview.common.errors import UserError
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


def test_line_endings_are_kept_as_sent_and_crlf_separators_count() -> None:
    source = PipedAnswers(io.BytesIO(b"first line\r\nsecond line\r\n---\r\nlone\rcarriage return\n---\nlast\r\n"))
    answers = [source.read_answer(q, 1, 3) for q in QUESTIONS]
    assert [a.text if a else None for a in answers] == ["first line\r\nsecond line", "lone\rcarriage return", "last"]


def test_a_separator_with_a_number_rates_the_answer_before_it() -> None:
    source = PipedAnswers(io.BytesIO(b"one\n--- 3\ntwo\n---\nthree\n--- 1\n--- 5\n"))
    answers = [source.read_answer(q, 1, 3) for q in QUESTIONS]
    assert [(a.text, a.rating) for a in answers if a] == [("one", Rating.good), ("two", None), ("three", Rating.again)]
    with pytest.raises(UserError, match=r"line 7 of stdin: `--- 5` rates an answer from 1 \(again\) to 4 \(easy\)"):
        source.read_answer(QUESTIONS[0], 4, 4)


def test_a_mistake_in_the_input_comes_after_every_answer_before_it() -> None:
    """Read in one go, a bad rating or an answer over the cap still lets the answers before it be saved."""
    source = PipedAnswers(io.BytesIO(b"one\n---\ntwo\n--- 9\nthree\n---\n"))
    first = source.read_answer(QUESTIONS[0], 1, 3)
    assert first is not None and first.text == "one"
    assert source.waiting_answers(5) == []  # the mistake is not an answer
    with pytest.raises(UserError, match="line 4 of stdin"):
        source.read_answer(QUESTIONS[1], 2, 3)


def test_answers_that_arrived_together_are_all_handed_over_without_reading_more() -> None:
    class Burst(io.RawIOBase):
        def __init__(self) -> None:
            self.reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            self.reads += 1
            if self.reads > 1:
                raise AssertionError("waited for more input although three answers were already in")
            data = b"a\n---\nb\n--- 4\nc\n---\nd, not finished"
            buffer[: len(data)] = data
            return len(data)

    burst = Burst()
    source = PipedAnswers(io.BufferedReader(burst))
    first = source.read_answer(QUESTIONS[0], 1, 5)
    assert first is not None and first.text == "a"
    assert source.waiting_answers(1) == [Answer("b", 0.0, rating=Rating.easy)]
    assert source.waiting_answers(5) == [Answer("c", 0.0)]
    assert source.waiting_answers(5) == []
    assert burst.reads == 1


def test_an_endless_line_is_refused_once_past_the_cap_not_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from pacs_interview.terminal import plain_input

    monkeypatch.setattr(plain_input, "MAX_ANSWER_BYTES", 1_000_000)

    class Endless(io.RawIOBase):
        read_so_far = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            if self.read_so_far > 3_000_000:  # a reader that never stops would fill the memory instead
                raise AssertionError("read on, far past the cap")
            buffer[:] = b"x" * len(buffer)  # no line break, ever
            self.read_so_far += len(buffer)
            return len(buffer)

    endless = Endless()
    with pytest.raises(UserError, match="an answer on stdin is over 1 MB; answers are separated by ---"):
        PipedAnswers(io.BufferedReader(endless)).read_answer(QUESTIONS[0], 1, 1)
    assert endless.read_so_far < 1_000_000 + 2 * plain_input.CHUNK_BYTES


def test_a_failed_read_is_one_error() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            raise OSError(5, "Input/output error")

    with pytest.raises(UserError, match="cannot read answers from stdin: Input/output error"):
        PipedAnswers(io.BufferedReader(Broken())).read_answer(QUESTIONS[0], 1, 1)


def test_invalid_utf8_split_across_reads_is_kept_byte_for_byte() -> None:
    chunks = [b"caf\xc3", b"\xa9 and \xe9\n---\n"]

    class Split(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            data = chunks.pop(0) if chunks else b""
            buffer[: len(data)] = data
            return len(data)

    answer = PipedAnswers(io.BufferedReader(Split())).read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and answer.text == "caf\u00e9 and \udce9"
