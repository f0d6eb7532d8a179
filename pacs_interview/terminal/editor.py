"""Answers typed at a terminal: the prompt-toolkit editor and the one-key rating."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.styles import Style

from pacs_interview.bank import Question
from pacs_interview.common.errors import UserError
from pacs_interview.common.plural import plural
from pacs_interview.feedback.words import count_words
from pacs_interview.session.loop import Answer, DraftKeeper, RatingChoice
from pacs_interview.session.records import Rating
from pacs_interview.terminal.prompt_signals import signals_exit_the_prompt

# The keys and their names come from the ratings themselves: `1 again · 2 hard · 3 good · 4 easy`.
RATING_KEYS = {str(int(rating)): rating for rating in Rating}
_RATINGS = " · ".join(f"{key} {rating.name}" for key, rating in RATING_KEYS.items())
RATING_PROMPT = f"Rate it: {_RATINGS} · Enter no rating · r retry · q end session "
# How often what is typed is kept as a draft: a killed terminal loses at most this many seconds of typing.
DRAFT_SECONDS = 1.0


def clock(seconds: float) -> str:
    """Seconds as mm:ss, as the toolbar's timer shows them."""
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def toolbar_text(elapsed: float, words: int, time_limit: int, width: int | None = None) -> FormattedText:
    """The editor's bottom line: time, words, limit (or how far over it), and the keys.

    In a narrow terminal (`width` columns) it says the same in fewer characters, dropping the word
    count before the keys: a bar cut off at "Ctrl-C:" leaves the user without the way out.
    """
    for parts in _toolbar_forms(elapsed, words, time_limit):
        if width is None or sum(len(fragment) for _, fragment in parts) <= width:
            break
    return FormattedText(parts)


_KEYS = ("", "│ Esc Enter: submit · Ctrl-C: end ")


def _toolbar_forms(elapsed: float, words: int, time_limit: int) -> list[list[tuple[str, str]]]:
    """The bar from the fullest form to the shortest."""
    over = bool(time_limit) and elapsed > time_limit
    counted = ("", f"· {plural(words, 'word')} ")
    if over:
        full_time = [
            ("", f" {clock(elapsed)} "),
            counted,
            ("class:over-time", f"· over time by {clock(elapsed - time_limit)} "),
        ]
        short_time = [("class:over-time", f" {clock(elapsed)} +{clock(elapsed - time_limit)} ")]
    elif time_limit:
        full_time = [("", f" {clock(elapsed)} "), counted, ("", f"· limit {clock(time_limit)} ")]
        short_time = [("", f" {clock(elapsed)}/{clock(time_limit)} ")]
    else:
        full_time = [("", f" {clock(elapsed)} "), counted]
        short_time = [("", f" {clock(elapsed)} ")]
    return [[*full_time, _KEYS], [*short_time, counted, _KEYS], [*short_time, _KEYS], [("", " "), _KEYS]]


class TerminalAnswers:
    """Answers typed in a multi-line editor; ratings read as one key."""

    def __init__(self, time_limit: int, now: Callable[[], float] = time.monotonic) -> None:
        self.time_limit = time_limit
        self.now = now
        self._editor: PromptSession[str] = PromptSession(
            multiline=True,
            refresh_interval=1.0,
            prompt_continuation=lambda width, line, wrap: "  ",
            style=Style.from_dict({"over-time": "bg:ansired fg:ansiwhite bold"}),
        )
        self._rater: PromptSession[str] = PromptSession(key_bindings=_rating_keys())
        self._pager: PromptSession[str] = PromptSession(key_bindings=_any_key())

    def read_answer(
        self, question: Question, number: int, total: int, draft: str = "", keep_draft: DraftKeeper | None = None
    ) -> Answer | None:
        started = self.now()

        def toolbar() -> FormattedText:
            words = count_words(self._editor.default_buffer.text)
            width = get_app().output.get_size().columns
            return toolbar_text(self.now() - started, words, self.time_limit, width)

        def so_far() -> tuple[str, float]:
            return self._editor.default_buffer.text, self.now() - started

        saver = DraftSaver(keep_draft, so_far, draft)
        try:
            with signals_exit_the_prompt(self._editor.app):
                text = self._editor.prompt("> ", default=draft, bottom_toolbar=toolbar, pre_run=saver.start)
        except KeyboardInterrupt:
            # The buffer still holds what was typed: keep it rather than lose it.
            typed = self._editor.default_buffer.text
            if not typed.strip():
                raise
            return Answer(typed, self.now() - started, interrupted=True)
        except EOFError:  # Ctrl-D on an empty editor: the user is done
            return None
        return Answer(text, self.now() - started)

    def waiting_answers(self, most: int) -> list[Answer]:
        return []  # a person types one answer at a time

    def read_rating(self) -> Rating | RatingChoice:
        with signals_exit_the_prompt(self._rater.app):
            key = self._rater.prompt(RATING_PROMPT)
        if key == "q":
            return RatingChoice.quit
        if key == "r":
            return RatingChoice.retry
        return RATING_KEYS.get(key, RatingChoice.skip)

    def wait_for_key(self, message: str) -> None:
        """Show `message` and wait for any key (Ctrl-C raises KeyboardInterrupt)."""
        with signals_exit_the_prompt(self._pager.app):
            self._pager.prompt(message)


class DraftSaver:
    """Keeps what is typed as a draft every DRAFT_SECONDS while it changes, so a kill loses next to nothing."""

    def __init__(self, keep: DraftKeeper | None, typed: Callable[[], tuple[str, float]], kept: str) -> None:
        self.keep = keep
        self.typed = typed
        self.kept = kept

    def start(self) -> None:
        if self.keep is not None:
            get_app().create_background_task(self._every_second())

    async def _every_second(self) -> None:
        while True:
            await asyncio.sleep(DRAFT_SECONDS)
            self.save()

    def save(self) -> None:
        text, seconds = self.typed()
        if self.keep is None or text == self.kept:
            return
        try:
            self.keep(text, seconds)
        except UserError:
            return  # the store says why when the answer is submitted; a draft is only a safety net
        self.kept = text


def _rating_keys() -> KeyBindings:
    keys = KeyBindings()

    def answer_with(key: str) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            event.app.exit(result=key)

        return handler

    for key in (*RATING_KEYS, "q", "Q", "r", "R"):
        keys.add(key)(answer_with(key.lower()))
    keys.add("enter")(answer_with(""))
    keys.add("c-c")(lambda event: event.app.exit(exception=KeyboardInterrupt()))
    keys.add("c-d")(answer_with("q"))
    keys.add("<any>")(lambda event: None)  # every other key is ignored, so nothing half-typed lingers
    return keys


def _any_key() -> KeyBindings:
    keys = KeyBindings()
    keys.add("c-c")(lambda event: event.app.exit(exception=KeyboardInterrupt()))
    keys.add("<any>")(lambda event: event.app.exit(result=""))
    return keys
