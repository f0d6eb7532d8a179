"""The practice loop as plain logic.

The session asks an answer source for answers and tells a view what happened;
both are handed in, so tests drive it with fakes and no terminal. Every answer
goes to the recorder the moment it is given, before any feedback is shown, so
a session that dies at any point keeps everything answered so far; what is
typed but not yet submitted goes to it as a draft. Answers that arrive together
(a burst of piped input) are saved together, before the first is analysed.

A question's turn ends when the candidate rates the answer (or leaves it
unrated) and moves on: then, and only then, the answer counts in the review
queue, so of several attempts (`r`) the last one counts. A question rated
Again is asked once more at the end of the session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Protocol

from pacs_interview.bank import Question
from pacs_interview.feedback.words import count_words
from pacs_interview.review.compare import changes
from pacs_interview.review.grades import inferred_grade
from pacs_interview.session.plan import Plan, choose_questions
from pacs_interview.session.records import AnswerRecord, Rating, Recorder, SessionStatus

__all__ = ["Answer", "AnswerSource", "Outcome", "Plan", "RatingChoice", "Session", "SessionView", "choose_questions"]


@dataclass(frozen=True)
class Answer:
    """What the user gave for one question."""

    text: str
    seconds: float
    interrupted: bool = False  # Ctrl-C while typing: keep the text as a draft, then end the session
    rating: Rating | None = None  # given with the answer (`--- N` in piped input)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


class RatingChoice(str, Enum):
    skip = "skip"  # no rating: the feedback's verdict stands in for one
    quit = "quit"
    retry = "retry"  # answer the same question again


# keep_draft(text, seconds): what the editor calls, now and then, with what is typed so far.
DraftKeeper = Callable[[str, float], None]


class AnswerSource(Protocol):
    """Where answers come from: the terminal editor, or lines from a pipe."""

    def read_answer(
        self, question: Question, number: int, total: int, draft: str = "", keep_draft: DraftKeeper | None = None
    ) -> Answer | None:
        """The next answer, starting from `draft`; None when the input has ended. Ctrl-C raises KeyboardInterrupt."""
        ...

    def waiting_answers(self, most: int) -> list[Answer]:
        """Up to `most` further answers the source already holds whole, without waiting for more input."""
        ...

    def read_rating(self) -> Rating | RatingChoice:
        """A rating, or skip / retry / quit. Ctrl-C raises KeyboardInterrupt."""
        ...


class SessionView(Protocol):
    """Where the session says what happened."""

    def show_question(self, question: Question, number: int, total: int, repeat: str | None = None) -> None:
        """The question's card; `repeat` says why it is asked again ("again", "retry")."""
        ...

    def show_feedback(
        self, question: Question, record: AnswerRecord, feedback: Any, changed: Sequence[str] | None = None
    ) -> None:
        """The feedback and guidance; `changed` says what changed since the previous attempt."""
        ...

    def show_skipped(self, question: Question) -> None:
        """A skipped question: its guidance and example answer, the moment they are needed most."""
        ...


# analyze(question, answer) -> an object with to_json(); kept abstract so the
# session does not care how feedback is computed.
Analyzer = Callable[[Question, str], Any]


@dataclass
class Outcome:
    """How the session ended and what it holds, for the summary."""

    session_id: int | None
    status: SessionStatus
    questions: Sequence[Question]
    records: dict[int, AnswerRecord] = field(default_factory=dict)  # per question, the attempt that counts

    @property
    def answered(self) -> int:
        """Questions answered (not skipped, not left as a draft), as the summary counts them."""
        return sum(1 for record in self.records.values() if not record.skipped and not record.draft)

    @property
    def left(self) -> int:
        """Questions not yet answered or skipped: what `--resume` would ask."""
        return sum(1 for n in range(len(self.questions)) if n not in self.records or self.records[n].draft)


class Session:
    """Runs one practice session from a plan to an outcome."""

    def __init__(self, source: AnswerSource, view: SessionView, recorder: Recorder, analyze: Analyzer) -> None:
        self.source = source
        self.view = view
        self.recorder = recorder
        self.analyze = analyze
        self._again: list[int] = []  # positions rated Again in this run, to ask once more at the end
        self._saved_early: dict[int, tuple[Answer, AnswerRecord]] = {}  # saved with an earlier answer, by position

    def run(self, plan: Plan, earlier: Mapping[int, AnswerRecord] | None = None) -> Outcome:
        """Ask each question from `plan.start` on; Ctrl-C ends the session with everything kept."""
        session_id = plan.session_id
        if session_id is None:
            session_id = self.recorder.start(plan.settings, [q.to_json() for q in plan.questions], plan.kind)
        outcome = Outcome(session_id, SessionStatus.in_progress, plan.questions, dict(earlier or {}))
        run_to_an_end(self.recorder, outcome, lambda: self._ask_all(plan, outcome))
        return outcome

    def _ask_all(self, plan: Plan, outcome: Outcome) -> SessionStatus:
        for position in range(plan.start, len(plan.questions)):
            status = self._turn(outcome, position)
            if status is not None:
                return status
        for position in self._again:
            status = self._turn(outcome, position, repeat="again")
            if status is SessionStatus.input_ended:
                break  # every question was reached: the repeats are a bonus
            if status is not None:
                return status
        return SessionStatus.finished

    def _turn(self, outcome: Outcome, position: int, repeat: str | None = None) -> SessionStatus | None:
        """One question, answered once or more (retries); a status when the session ends here, None to go on."""
        question = outcome.questions[position]
        total = len(outcome.questions)
        early = self._saved_early.pop(position, None) if repeat is None else None
        previous = None if early is not None else outcome.records.get(position)
        draft = previous.answer if previous is not None and previous.draft else ""
        while True:
            attempt = _next_attempt(outcome.records.get(position))
            self.view.show_question(question, position + 1, total, repeat)
            if early is not None:  # already given, and saved, with an earlier answer
                (answer, record), early = early, None
                attempt = record.attempt
            else:
                given = self._read(outcome, position, attempt, draft, first_pass=repeat is None)
                if given is None:
                    return SessionStatus.input_ended
                answer, record = given
            if record.skipped:
                self.view.show_skipped(question)
                self.recorder.schedule(question.id, Rating.again, True)
                return None
            feedback = self.analyze(question, answer.text)
            record = outcome.records[position] = replace(record, feedback=feedback.to_json())
            self.recorder.record_feedback(outcome.session_id, position, record.feedback, attempt)
            compared = _submitted(previous)
            changed = changes(compared.feedback, record.feedback) if compared is not None else None
            self.view.show_feedback(question, record, feedback, changed)
            choice = self._rate(outcome, record, answer.rating)
            if choice is not RatingChoice.retry:
                return SessionStatus.quit if choice is RatingChoice.quit else None
            previous, draft, repeat = record, "", "retry"

    def _read(
        self, outcome: Outcome, position: int, attempt: int, draft: str, first_pass: bool
    ) -> tuple[Answer, AnswerRecord] | None:
        """The next answer from the source, saved; None when the input has ended."""
        question = outcome.questions[position]
        keeper = self._draft_keeper(outcome, question, position, attempt)
        answer = self.source.read_answer(question, position + 1, len(outcome.questions), draft, keeper)
        if answer is None:
            return None
        if answer.interrupted:
            keeper(answer.text, answer.seconds)
            raise KeyboardInterrupt
        return answer, self._save(outcome, position, attempt, answer, first_pass)

    def _save(self, outcome: Outcome, position: int, attempt: int, answer: Answer, first_pass: bool) -> AnswerRecord:
        """Save the answer before anything else can go wrong; on the first pass through the questions,
        with it every later one the source already holds, in one go."""
        later = self.source.waiting_answers(len(outcome.questions) - position - 1) if first_pass else []
        batch = [(position, attempt, answer)]
        batch += [(n, _next_attempt(outcome.records.get(n)), given) for n, given in enumerate(later, position + 1)]
        records = [_record(outcome.questions[n], n, number, given) for n, number, given in batch]
        self.recorder.record_answers(outcome.session_id, records)
        for (n, _, given), record in zip(batch, records, strict=True):
            outcome.records[n] = record
            if n != position:
                self._saved_early[n] = (given, record)
        return records[0]

    def _draft_keeper(self, outcome: Outcome, question: Question, position: int, attempt: int) -> DraftKeeper:
        def keep(text: str, seconds: float) -> None:
            if not text.strip():
                return
            draft = AnswerRecord(
                position, question.id, text, round(seconds, 1), count_words(text), False, attempt=attempt, draft=True
            )
            self.recorder.record_draft(outcome.session_id, draft)
            if outcome.records.get(position) is None or outcome.records[position].draft:
                outcome.records[position] = draft

        return keep

    def _rate(self, outcome: Outcome, record: AnswerRecord, given: Rating | None) -> Rating | RatingChoice:
        """Ask for a rating; when the turn ends, count the answer in the review queue (rated or inferred)."""
        try:
            choice = given if given is not None else self.source.read_rating()
        except KeyboardInterrupt:
            self.recorder.schedule(record.question_id, Rating(inferred_grade(record.feedback)), True)
            raise
        if choice is RatingChoice.retry:
            return choice
        if isinstance(choice, Rating):
            self.recorder.record_rating(outcome.session_id, record.position, choice, record.attempt)
            outcome.records[record.position] = replace(record, rating=choice)
            self.recorder.schedule(record.question_id, choice, False)
            if choice is Rating.again and record.position not in self._again:
                self._again.append(record.position)
        else:
            self.recorder.schedule(record.question_id, Rating(inferred_grade(record.feedback)), True)
        return choice


class Ending(Protocol):
    """What a run's ending is written on: the session and how it ended."""

    session_id: int | None
    status: SessionStatus


def run_to_an_end(recorder: Recorder, outcome: Ending, ask_all: Callable[[], SessionStatus]) -> None:
    """Ask the questions and record how the session ended; Ctrl-C ends it as interrupted, with everything kept.

    Whatever else stops it (a closed pipe, a bug), the session is marked as ended early, so it can resume.
    """
    try:
        outcome.status = ask_all()
    except KeyboardInterrupt:
        outcome.status = SessionStatus.interrupted
    finally:
        if outcome.status is SessionStatus.in_progress:
            outcome.status = SessionStatus.interrupted
        recorder.finish(outcome.session_id, outcome.status)


def _record(question: Question, position: int, attempt: int, answer: Answer) -> AnswerRecord:
    return AnswerRecord(
        position=position,
        question_id=question.id,
        answer=answer.text,
        seconds=round(answer.seconds, 1),
        word_count=count_words(answer.text),
        skipped=answer.is_empty,
        rating=None if answer.is_empty else answer.rating,  # `--- N`: kept even if the process dies before rating
        attempt=attempt,
    )


def _next_attempt(record: AnswerRecord | None) -> int:
    """The attempt number of the next answer at a question: a draft is completed, not added to."""
    if record is None:
        return 1
    return record.attempt if record.draft else record.attempt + 1


def _submitted(record: AnswerRecord | None) -> AnswerRecord | None:
    """The attempt to compare a retry with: a submitted answer with feedback."""
    return record if record is not None and not record.draft and record.feedback is not None else None
