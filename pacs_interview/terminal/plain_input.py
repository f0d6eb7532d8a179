"""Answers without a terminal: a stream of answers from a pipe, or one answer from a file."""

from __future__ import annotations

import codecs
import io
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO

from pacs_interview.bank import Question
from pacs_interview.common.errors import UserError
from pacs_interview.common.files import read_regular_file
from pacs_interview.session.loop import Answer, DraftKeeper, RatingChoice
from pacs_interview.session.records import Rating

ANSWER_SEPARATOR = "---"
# A line holding only `---` ends an answer; `--- N` also rates it (1 again ... 4 easy), so scripts can drive
# the review queue. Any other number there is a mistake, said as such.
_SEPARATOR = re.compile(r"---(?: (?P<rating>[0-9]+))?")
# An answer is a few hundred words; a megabyte is some 150,000 of them, and anything past it is a
# mistake (a disk image, a log archive) that would only take memory and minutes to analyse.
MAX_ANSWER_BYTES = 1_000_000
# Read at most this much at a time: whatever has arrived, never waiting to fill it.
CHUNK_BYTES = 64 * 1024


class PipedAnswers:
    """Answers read from a stream, separated by lines holding only `---` (or `--- N`, rating the answer).

    The stream is read in chunks of whatever has arrived, so each answer is handed on
    (and saved) as soon as its separator arrives, while the rest of the input is still
    coming; answers that arrived together are all held, for the session to save at once.
    Line endings are kept as they came (LF or CRLF), so an answer is stored exactly as sent.
    """

    def __init__(self, stream: BinaryIO | Iterable[str], now: Callable[[], float] = time.monotonic) -> None:
        # Standard input comes as bytes; text (a StringIO, lines) is taken as it comes, in pieces of any size.
        self._pieces: Iterator[str]
        if hasattr(stream, "read") and not isinstance(stream, io.TextIOBase):
            self._pieces = _text_pieces(stream)  # type: ignore[arg-type]
        else:
            self._pieces = iter(stream)
        self._splitter = _Splitter()
        self._ended = False
        self.now = now

    def read_answer(
        self, question: Question, number: int, total: int, draft: str = "", keep_draft: DraftKeeper | None = None
    ) -> Answer | None:
        started = self.now()
        while not self._splitter.complete and not self._ended:
            self._read_more()
        if not self._splitter.complete:
            return None
        item = self._splitter.complete.popleft()
        if isinstance(item, UserError):
            raise item  # only now: every answer before the mistake has been handed on, and saved
        text, rating = item
        return Answer(text, self.now() - started, rating=rating)

    def waiting_answers(self, most: int) -> list[Answer]:
        complete = self._splitter.complete
        taken: list[tuple[str, Rating | None]] = []
        while complete and len(taken) < most and not isinstance(complete[0], UserError):
            taken.append(complete.popleft())  # type: ignore[arg-type]
        return [Answer(text, 0.0, rating=rating) for text, rating in taken]  # they came with the one before

    def read_rating(self) -> Rating | RatingChoice:
        return RatingChoice.skip  # nobody is there to press a key; `--- N` came with the answer

    def _read_more(self) -> None:
        try:
            piece = next(self._pieces, None)
        except OSError as error:
            raise UserError(f"cannot read answers from stdin: {error.strerror or error}") from None
        if piece is None:
            self._ended = True
            self._splitter.end()
        else:
            self._splitter.feed(piece)


class _Splitter:
    """Text in pieces of any size; answers out, whole, each checked against the size cap as it grows.

    A mistake in the input (an answer over the cap, a rating out of range) takes its place in the queue
    of answers, after those that came before it, and nothing after it is read.
    """

    def __init__(self) -> None:
        self.complete: deque[tuple[str, Rating | None] | UserError] = deque()
        self._lines: list[str] = []  # the answer so far, in whole lines
        self._partial: list[str] = []  # the line being read, not yet ended
        self._size = 0
        self._line_number = 0
        self.failed = False

    def feed(self, piece: str) -> None:
        if self.failed:
            return
        try:
            self._feed(piece)
        except UserError as error:
            self.complete.append(error)
            self.failed = True

    def _feed(self, piece: str) -> None:
        start = 0
        while (end := piece.find("\n", start)) >= 0:
            self._grow(end + 1 - start)
            self._partial.append(piece[start : end + 1])
            self._end_line("".join(self._partial))
            self._partial = []
            start = end + 1
        if start < len(piece):  # a line not ended yet: held, and counted, without waiting for its end
            self._grow(len(piece) - start)
            self._partial.append(piece[start:])

    def end(self) -> None:
        """The input has ended: what is left is the last answer, unless it is blank."""
        if self.failed:
            return
        if self._partial:
            self.feed("\n")  # the last line, ended by the end of the input
        text = "".join(self._lines)
        if not self.failed and text.strip():
            self.complete.append((text.rstrip("\r\n"), None))

    def _end_line(self, line: str) -> None:
        self._line_number += 1
        separator = _SEPARATOR.fullmatch(line.removesuffix("\n").removesuffix("\r"))
        if separator is None:
            self._lines.append(line)
            return
        rating = separator["rating"]
        if rating is not None and rating not in ("1", "2", "3", "4"):
            raise UserError(
                f"line {self._line_number} of stdin: `--- {rating}` rates an answer from 1 (again) to 4 (easy)"
            )
        self.complete.append(("".join(self._lines).rstrip("\r\n"), Rating(int(rating)) if rating else None))
        self._lines, self._size = [], 0

    def _grow(self, added: int) -> None:
        self._size += added
        if self._size > MAX_ANSWER_BYTES:
            raise UserError(
                f"an answer on stdin is over {MAX_ANSWER_BYTES // 1_000_000} MB; answers are separated by ---"
            )


def _text_pieces(stream: BinaryIO) -> Iterator[str]:
    """UTF-8 text as it arrives; a leading byte order mark dropped, bytes that are not UTF-8 kept as surrogates."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
    read = getattr(stream, "read1", stream.read)  # read1: what has arrived, without waiting for a full chunk
    while chunk := read(CHUNK_BYTES):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def confirm(question: str, stdin: TextIO, stderr: TextIO) -> bool:
    """Ask `question [y/N]` on stderr and read one line: only y or yes agrees; anything else, or no line, is no.

    The reply is not echoed: at a terminal, the terminal echoes it. Ctrl-C raises KeyboardInterrupt.
    """
    stderr.write(f"{question} [y/N]: ")
    stderr.flush()
    return stdin.readline().strip().lower() in ("y", "yes")


def read_answer_text(source: str | None, stdin: BinaryIO, stdin_is_terminal: bool) -> str:
    """One answer from a file, or from stdin for `-` or when stdin is piped."""
    if source is None and stdin_is_terminal:
        raise UserError("no answer given: name a FILE, or pipe the answer in (use `-` to type it, then Ctrl-D)")
    # The switch is the argument itself, never the display name: a file may well be called `stdin`.
    from_stdin = source in (None, "-")
    name = "stdin" if from_stdin else str(source)
    try:
        data = stdin.read(MAX_ANSWER_BYTES + 1) if from_stdin else read_regular_file(name, MAX_ANSWER_BYTES + 1)
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
