"""Answers without a terminal: a stream of answers from a pipe, or one answer from a file."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO, Literal, TextIO

from pacs_interview.bank import Question
from pacs_interview.common.errors import UserError
from pacs_interview.session.loop import Answer, DraftKeeper, RatingChoice
from pacs_interview.session.records import Rating

ANSWER_SEPARATOR = "---"
# `--- 3` also separates, and rates the answer before it (1 again ... 4 easy), so scripts can drive the queue.
_RATED_SEPARATOR = re.compile(r"--- ([0-9]+)")
# An answer is a few hundred words; anything past this is a mistake (a disk image, a log archive).
MAX_ANSWER_BYTES = 10_000_000


def text_stream(binary: BinaryIO) -> TextIO:
    """Standard input as UTF-8 text; bytes that are not UTF-8 are kept (as surrogates), never fatal."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape")


class PipedAnswers:
    """Answers read from a stream, separated by lines holding only `---`, or `--- N` to rate the answer.

    The stream is read line by line, so each answer is handed on (and saved) as
    soon as its separator arrives, while the rest of the input is still coming.
    """

    def __init__(self, stream: TextIO, now: Callable[[], float] = time.monotonic) -> None:
        self._answers = _split_answers(stream)
        self.now = now

    def read_answer(
        self, question: Question, number: int, total: int, draft: str = "", keep_draft: DraftKeeper | None = None
    ) -> Answer | None:
        started = self.now()
        item = next(self._answers, None)
        if item is None:
            return None
        text, rating = item
        return Answer(text, self.now() - started, rating=rating)

    def read_rating(self) -> Rating | RatingChoice:
        return RatingChoice.skip  # nobody is there to press a key


def _split_answers(stream: TextIO) -> Iterator[tuple[str, Rating | None]]:
    lines: list[str] = []
    size = 0
    for number, line in enumerate(stream, start=1):
        separator = _separator(line.rstrip("\r\n"), number)
        if separator is not None:
            yield "".join(lines).rstrip("\r\n"), separator or None
            lines, size = [], 0
            continue
        lines.append(line)
        size += len(line)
        if size > MAX_ANSWER_BYTES:
            raise UserError(
                f"an answer on stdin is over {MAX_ANSWER_BYTES // 1_000_000} MB; answers are separated by ---"
            )
    if "".join(lines).strip():
        yield "".join(lines).rstrip("\r\n"), None


def _separator(line: str, number: int) -> Rating | Literal[0] | None:
    """0 for `---`, the rating for `--- N`, None for a line of an answer."""
    if line == ANSWER_SEPARATOR:
        return 0
    rated = _RATED_SEPARATOR.fullmatch(line)
    if rated is None:
        return None
    if rated[1] not in ("1", "2", "3", "4"):
        raise UserError(f"line {number} of stdin: `--- {rated[1]}` rates an answer from 1 (again) to 4 (easy)")
    return Rating(int(rated[1]))


def read_answer_text(source: str | None, stdin: BinaryIO, stdin_is_terminal: bool) -> str:
    """One answer from a file, or from stdin for `-` or when stdin is piped."""
    if source is None and stdin_is_terminal:
        raise UserError("no answer given: name a FILE, or pipe the answer in (use `-` to type it, then Ctrl-D)")
    name = "stdin" if source in (None, "-") else str(source)
    try:
        if name == "stdin":
            data = stdin.read(MAX_ANSWER_BYTES + 1)
        else:
            with open(name, "rb") as file:
                data = file.read(MAX_ANSWER_BYTES + 1)
    except OSError as error:
        raise UserError(f"cannot read the answer from {name}: {error.strerror or error}") from None
    if len(data) > MAX_ANSWER_BYTES:
        raise UserError(
            f"the answer in {name} is over {MAX_ANSWER_BYTES // 1_000_000} MB; an answer is a few hundred words"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"the answer in {name} is not UTF-8 text (byte {error.start + 1}); save it as UTF-8") from None
