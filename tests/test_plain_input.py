"""Answers without a terminal: one answer from a file or stdin (`feedback`), many from a pipe (`practice`)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.common.errors import UserError
from pacs_interview.terminal import plain_input
from pacs_interview.terminal.plain_input import PipedAnswers, read_answer_text
from tests.test_session import QUESTIONS

Run = Callable[..., Result]
PIPED = "Piped words, four of them."


def test_a_file_named_stdin_is_a_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("stdin").write_text("Two words", encoding="utf-8")
    result = run("feedback", "junior-what-is-pacs", "stdin", "--json", input=PIPED)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["word_count"] == 2


def test_a_missing_file_named_stdin_is_an_error_not_a_read_of_stdin(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("feedback", "junior-what-is-pacs", "stdin", input=PIPED)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: cannot read the answer from stdin: No such file or directory\n"


@pytest.mark.parametrize("source", [None, "-"])
def test_no_file_or_a_dash_reads_stdin(source: str | None) -> None:
    assert read_answer_text(source, io.BytesIO(b"\xef\xbb\xbfFrom the pipe"), False) == "From the pipe"


# ---------------------------------------------------------------- size limits (made small for the test)


@pytest.fixture
def one_mb_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(plain_input, "MAX_ANSWER_BYTES", 1_000_000)
    return 1_000_000


def test_a_file_answer_at_the_limit_is_read(tmp_path: Path, one_mb_limit: int) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"a" * one_mb_limit)
    assert len(read_answer_text(str(path), io.BytesIO(), True)) == 1_000_000


def test_a_file_answer_over_the_limit_is_refused(tmp_path: Path, one_mb_limit: int) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"a" * (one_mb_limit + 1))
    with pytest.raises(UserError) as caught:
        read_answer_text(str(path), io.BytesIO(), True)
    assert caught.value.lines == (f"the answer in {path} is over 1 MB; an answer is a few hundred words",)


def test_a_stdin_answer_over_the_limit_is_refused(run: Run, one_mb_limit: int) -> None:
    result = run("feedback", "junior-what-is-pacs", "-", input="a" * (one_mb_limit + 1))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: the answer in stdin is over 1 MB; an answer is a few hundred words\n"


# 999 lines of a thousand characters, one of 996, and the separator's four: a megabyte to the character.
AT_THE_LIMIT = ("a" * 999 + "\n") * 999 + "a" * 995 + "\n" + "---\n"


def test_a_piped_answer_at_the_limit_is_handed_on(one_mb_limit: int) -> None:
    assert len(AT_THE_LIMIT) == one_mb_limit
    source = PipedAnswers(io.StringIO(AT_THE_LIMIT))
    answer = source.read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and len(answer.text) == 999_995  # the last line's newline is trimmed


def test_a_piped_answer_over_the_limit_is_refused(one_mb_limit: int) -> None:
    source = PipedAnswers(io.StringIO("b" + AT_THE_LIMIT))
    with pytest.raises(UserError) as caught:
        source.read_answer(QUESTIONS[0], 1, 1)
    assert caught.value.lines == ("an answer on stdin is over 1 MB; answers are separated by ---",)


def test_the_piped_limit_counts_each_answer_on_its_own(one_mb_limit: int) -> None:
    half = "a" * 999 + "\n"
    source = PipedAnswers(io.StringIO(half * 600 + "---\n" + half * 600 + "---\n"))
    texts = [answer.text for answer in (source.read_answer(q, 1, 2) for q in QUESTIONS[:2]) if answer]
    assert [len(text) for text in texts] == [599_999, 599_999]


def test_practice_with_a_piped_answer_over_the_limit_is_one_error_line(run: Run, one_mb_limit: int) -> None:
    result = run("practice", "--count", "1", "--no-save", input="a" * (one_mb_limit + 1) + "\n---\n")
    assert result.exit_code == 1
    assert result.stderr == "error: an answer on stdin is over 1 MB; answers are separated by ---\n"


class Endless(io.RawIOBase):
    """A pipe that never ends (`yes | pacs-interview feedback ...`): only a bounded read comes back."""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("an unbounded read of a pipe that never ends")
        return b"y\n" * (size // 2) + b"y" * (size % 2)


def test_an_endless_pipe_is_read_only_up_to_the_limit(one_mb_limit: int) -> None:
    with pytest.raises(UserError) as caught:
        read_answer_text("-", Endless(), False)  # type: ignore[arg-type]
    assert caught.value.lines == ("the answer in stdin is over 1 MB; an answer is a few hundred words",)


def test_piped_text_drops_a_byte_order_mark_and_keeps_bytes_that_are_not_utf8() -> None:
    answer = PipedAnswers(io.BytesIO(b"\xef\xbb\xbfcaf\xe9 \xe2\x82\xac\n---\n")).read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and answer.text == "caf\udce9 €"


def test_a_piped_answer_keeps_its_own_spaces_and_only_loses_its_last_line_break() -> None:
    source = PipedAnswers(io.StringIO("  indented\t \n\n---\r\n  \n \n"))
    first = source.read_answer(QUESTIONS[0], 1, 2)
    assert first is not None and first.text == "  indented\t "
    assert source.read_answer(QUESTIONS[1], 2, 2) is None  # blank lines after the last separator are no answer


def test_a_separator_with_trailing_spaces_is_part_of_the_answer() -> None:
    source = PipedAnswers(io.StringIO("one\n--- \ntwo\n"))
    answer = source.read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and answer.text == "one\n--- \ntwo"


def test_a_piped_answer_takes_the_time_between_asking_and_its_separator() -> None:
    readings = iter([100.0, 102.5])
    source = PipedAnswers(io.StringIO("An answer.\n---\n"), now=lambda: next(readings))
    answer = source.read_answer(QUESTIONS[0], 1, 1)
    assert answer is not None and answer.seconds == 2.5


def test_each_piped_answer_may_reach_the_limit(one_mb_limit: int) -> None:
    source = PipedAnswers(io.StringIO(AT_THE_LIMIT * 2))
    texts = [answer.text for answer in (source.read_answer(q, 1, 2) for q in QUESTIONS[:2]) if answer]
    assert [len(text) for text in texts] == [999_995, 999_995]


@pytest.mark.parametrize(
    ("reply", "agreed"),
    [("y\n", True), ("YES\n", True), ("  yes  \n", True), ("n\n", False), ("\n", False), ("", False), ("yep\n", False)],
)
def test_confirm_takes_only_y_or_yes(reply: str, agreed: bool) -> None:
    stderr = io.StringIO()
    assert plain_input.confirm("Delete all 2 sessions?", io.StringIO(reply), stderr) is agreed
    assert stderr.getvalue() == "Delete all 2 sessions? [y/N]: "
