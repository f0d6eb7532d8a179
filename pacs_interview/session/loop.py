"""The practice loop as plain logic.

The session asks an answer source for answers and tells a view what happened;
both are handed in, so tests drive it with fakes and no terminal. Every answer
goes to the recorder the moment it is given, before any feedback is shown, so
a session that dies at any point keeps everything answered so far; answers that
arrive together (a burst of piped input) are saved together, before the first
of them is analysed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Protocol

from pacs_interview.bank import Order, Question
from pacs_interview.feedback.words import count_words
from pacs_interview.session.records import AnswerRecord, Rating, Recorder, SessionSettings, SessionStatus


@dataclass(frozen=True)
class Answer:
    """What the user gave for one question."""

    text: str
    seconds: float
    interrupted: bool = False  # Ctrl-C while typing: keep the text, then end the session
    rating: Rating | None = None  # given with the answer (piped `--- N`), not asked for after it

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


class RatingChoice(str, Enum):
    skip = "skip"
    quit = "quit"


class AnswerSource(Protocol):
    """Where answers come from: the terminal editor, or lines from a pipe."""

    def read_answer(self, question: Question, number: int, total: int) -> Answer | None:
        """The next answer; None when the input has ended. Ctrl-C raises KeyboardInterrupt."""
        ...

    def waiting_answers(self, most: int) -> list[Answer]:
        """Up to `most` further answers the source already holds whole, without waiting for more input."""
        ...

    def read_rating(self) -> Rating | RatingChoice:
        """A rating, or skip / quit. Ctrl-C raises KeyboardInterrupt."""
        ...


class SessionView(Protocol):
    """Where the session says what happened."""

    def show_question(self, question: Question, number: int, total: int) -> None: ...

    def show_feedback(self, question: Question, record: AnswerRecord, feedback: Any) -> None: ...

    def show_skipped(self, question: Question) -> None: ...


# analyze(question, answer) -> an object with to_json(); kept abstract so the
# session does not care how feedback is computed.
Analyzer = Callable[[Question, str], Any]


@dataclass(frozen=True)
class Plan:
    """The questions of a session and where to start (later than 0 when resuming)."""

    questions: Sequence[Question]
    settings: SessionSettings
    session_id: int | None = None
    start: int = 0


@dataclass
class Outcome:
    """How the session ended and what it holds, for the summary."""

    session_id: int | None
    status: SessionStatus
    questions: Sequence[Question]
    records: dict[int, AnswerRecord] = field(default_factory=dict)


def choose_questions(questions: Sequence[Question], count: int, order: Order, seed: int | None) -> list[Question]:
    """`count` questions in bank order or shuffled; the same seed gives the same list."""
    chosen = list(questions)
    if order is Order.random:
        random.Random(seed).shuffle(chosen)
    return chosen[:count]


class Session:
    """Runs one practice session from a plan to an outcome."""

    def __init__(self, source: AnswerSource, view: SessionView, recorder: Recorder, analyze: Analyzer) -> None:
        self.source = source
        self.view = view
        self.recorder = recorder
        self.analyze = analyze
        self._saved_early: dict[int, Answer] = {}  # answers saved with an earlier one, by position

    def run(self, plan: Plan, earlier: Mapping[int, AnswerRecord] | None = None) -> Outcome:
        """Ask each question from `plan.start` on; Ctrl-C ends the session with everything kept."""
        session_id = plan.session_id
        if session_id is None:
            session_id = self.recorder.start(plan.settings, [q.to_json() for q in plan.questions])
        outcome = Outcome(session_id, SessionStatus.in_progress, plan.questions, dict(earlier or {}))
        try:
            outcome.status = self._ask_all(plan, outcome)
        except KeyboardInterrupt:
            outcome.status = SessionStatus.interrupted
        finally:
            # Whatever stopped it (a closed pipe, a bug), the session is marked as ended early, so it can resume.
            if outcome.status is SessionStatus.in_progress:
                outcome.status = SessionStatus.interrupted
            self.recorder.finish(session_id, outcome.status)
        return outcome

    def _ask_all(self, plan: Plan, outcome: Outcome) -> SessionStatus:
        total = len(plan.questions)
        for position in range(plan.start, total):
            status = self._ask(plan.questions[position], position, total, outcome)
            if status is not None:
                return status
        return SessionStatus.finished

    def _ask(self, question: Question, position: int, total: int, outcome: Outcome) -> SessionStatus | None:
        """One question; a status when the session ends here, None to go on."""
        self.view.show_question(question, position + 1, total)
        early = self._saved_early.pop(position, None)
        answer = early or self.source.read_answer(question, position + 1, total)
        if answer is None:
            return SessionStatus.input_ended
        if early is None:
            self._save(position, answer, outcome)  # before anything else can go wrong
        record = outcome.records[position]
        if record.skipped:
            if answer.interrupted:
                raise KeyboardInterrupt
            self.view.show_skipped(question)
            return None
        feedback = self.analyze(question, answer.text)
        record = outcome.records[position] = replace(record, feedback=feedback.to_json())
        self.recorder.record_feedback(outcome.session_id, position, record.feedback)
        if answer.interrupted:
            raise KeyboardInterrupt
        self.view.show_feedback(question, record, feedback)
        return self._rate(outcome, position)

    def _save(self, position: int, answer: Answer, outcome: Outcome) -> None:
        """Save this answer and every later one the source already holds, in one go."""
        later = self.source.waiting_answers(len(outcome.questions) - position - 1)
        batch = [(position, answer), *enumerate(later, start=position + 1)]
        records = [self._record(outcome.questions[n], n, given) for n, given in batch]
        self.recorder.record_answers(outcome.session_id, records)
        for (n, given), record in zip(batch, records, strict=True):
            outcome.records[n] = record
            if n != position:
                self._saved_early[n] = given

    @staticmethod
    def _record(question: Question, position: int, answer: Answer) -> AnswerRecord:
        return AnswerRecord(
            position=position,
            question_id=question.id,
            answer=answer.text,
            seconds=round(answer.seconds, 1),
            word_count=count_words(answer.text),
            skipped=answer.is_empty,
            rating=None if answer.is_empty else answer.rating,
        )

    def _rate(self, outcome: Outcome, position: int) -> SessionStatus | None:
        choice = self.source.read_rating()
        if choice is RatingChoice.quit:
            return SessionStatus.quit
        if isinstance(choice, Rating):
            self.recorder.record_rating(outcome.session_id, position, choice)
            outcome.records[position] = replace(outcome.records[position], rating=choice)
        return None
