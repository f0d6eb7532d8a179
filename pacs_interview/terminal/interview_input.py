"""Interview answers from a pipe: the practice reader's stream, a follow-up reply taking its turn in it."""

from __future__ import annotations

from pacs_interview.session.interview import Turn
from pacs_interview.session.loop import Answer
from pacs_interview.terminal.plain_input import PipedAnswers


class PipedTurns:
    """Each turn, question or follow-up, takes the next answer of the stream (answers separated by ---)."""

    def __init__(self, answers: PipedAnswers) -> None:
        self.answers = answers

    def read_answer(self, turn: Turn) -> Answer | None:
        return self.answers.read_answer(turn.question, turn.number, turn.total)
