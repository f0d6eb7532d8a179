"""The mock interview's editor: the practice editor's keys, with a countdown in the toolbar.

The countdown is the question's share of the interview's time, follow-up included. At zero it says,
calmly, that it is time to wrap up; the answer is never cut off.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from prompt_toolkit import PromptSession
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.styles import Style

from pacs_interview.feedback.words import count_words
from pacs_interview.session.interview import Turn
from pacs_interview.session.loop import Answer, DraftKeeper
from pacs_interview.terminal.editor import DraftSaver, clock
from pacs_interview.terminal.prompt_signals import signals_exit_the_prompt

WRAP_UP = "time to wrap up"
KEYS = "│ Esc Enter: submit · Ctrl-C: stop "


def countdown_text(turn: Turn, elapsed: float, words: int) -> FormattedText:
    """The toolbar: which question, the time left on its clock (or that it is time to wrap up), and words."""
    left = turn.seconds_left - elapsed
    where = f" Question {turn.number} of {turn.total}{' · follow-up' if turn.follow_up else ''} "
    parts: list[tuple[str, str]] = [("", where)]
    if left > 0:
        # Rounded up, as a countdown reads: 0.4 s left still shows 00:01, and 00:00 never shows.
        parts.append(("", f"· {clock(math.ceil(left))} left "))
    else:
        parts.append(("class:wrap-up", f"· {WRAP_UP} "))
    parts.append(("", f"· {words} word{'s' if words != 1 else ''} "))
    parts.append(("", KEYS))
    return FormattedText(parts)


class InterviewEditor:
    """Answers typed in the multi-line editor, against the question's clock."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self.now = now
        self._editor: PromptSession[str] = PromptSession(
            multiline=True,
            refresh_interval=1.0,
            prompt_continuation=lambda width, line, wrap: "  ",
            style=Style.from_dict({"wrap-up": "bold"}),  # noticeable, not alarming: the answer goes on
        )

    def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
        started = self.now()

        def toolbar() -> FormattedText:
            return countdown_text(turn, self.now() - started, count_words(self._editor.default_buffer.text))

        def so_far() -> tuple[str, float]:
            return self._editor.default_buffer.text, self.now() - started

        saver = DraftSaver(keep_draft, so_far, turn.draft)  # what is typed is kept every second or so
        try:
            with signals_exit_the_prompt(self._editor.app):
                text = self._editor.prompt("> ", default=turn.draft, bottom_toolbar=toolbar, pre_run=saver.start)
        except KeyboardInterrupt:
            typed = self._editor.default_buffer.text
            if not typed.strip():
                raise
            return Answer(typed, self.now() - started, interrupted=True)  # kept, then the interview ends
        except EOFError:  # Ctrl-D on an empty editor: the candidate is done
            return None
        return Answer(text, self.now() - started)
