"""Where a mock interview's answers come from: the editor at a terminal, or the practice reader's pipe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacs_interview.session.interview import Turn
from pacs_interview.session.loop import Answer, DraftKeeper
from pacs_interview.terminal.plain_input import PipedAnswers

if TYPE_CHECKING:
    from pacs_interview.terminal.interview_editor import InterviewEditor


class PipedTurns:
    """Each turn, question or follow-up, takes the next answer of the stream (answers separated by ---)."""

    def __init__(self, answers: PipedAnswers) -> None:
        self.answers = answers

    def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
        return self.answers.read_answer(turn.question, turn.number, turn.total, turn.draft, keep_draft)


class EditorWhenNeeded:
    """The editor with its countdown, loaded for the first answer: the first question is on screen meanwhile."""

    def __init__(self) -> None:
        self._editor: InterviewEditor | None = None

    def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
        if self._editor is None:
            from pacs_interview.terminal.interview_editor import InterviewEditor  # prompt-toolkit takes a moment

            self._editor = InterviewEditor()
        return self._editor.read_answer(turn, keep_draft)
