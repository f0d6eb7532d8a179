"""The mock interview as plain logic: a clock per question, follow-ups, and no feedback until the end.

Like the practice loop, the interview asks an answer source for answers and tells a view what
happened, both handed in. Every answer and every follow-up reply goes to the recorder the moment
it is given, and what is typed but not yet submitted goes to it as a draft; the feedback is worked
out as the interview goes (it chooses the follow-up) and saved, but nothing of it is shown until
the report. When a question's turn ends, follow-up and all, it counts in the review queue by its
verdict (the one the report shows), as an unrated practice answer does.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from pacs_interview.bank import Question
from pacs_interview.feedback.words import count_words
from pacs_interview.review.grades import inferred_grade
from pacs_interview.session.follow_ups import FollowUp, choose_follow_up, with_reply
from pacs_interview.session.loop import Analyzer, Answer, DraftKeeper, run_to_an_end
from pacs_interview.session.plan import Plan
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, Rating, Recorder, SessionStatus

KIND = "interview"  # the kind of session the history file keeps it as


@dataclass(frozen=True)
class Turn:
    """One thing the candidate answers: a question, or the follow-up to their answer to it."""

    question: Question
    number: int  # 1-based place of the question in the interview
    total: int
    seconds_allowed: float  # the question's share of the interview's time, follow-up included
    seconds_used: float = 0.0  # already spent on this question when the turn starts
    follow_up: str | None = None  # the follow-up question, for a follow-up turn
    draft: str = ""  # what the editor starts with: a draft kept when the interview stopped

    @property
    def seconds_left(self) -> float:
        """Time left on the question's clock when the turn starts; 0 or less: time to wrap up."""
        return self.seconds_allowed - self.seconds_used


class InterviewSource(Protocol):
    """Where answers come from: the terminal editor with its countdown, or a pipe."""

    def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
        """The next answer, starting from `turn.draft`; None when the input has ended.

        Ctrl-C raises KeyboardInterrupt, or gives what was typed as an interrupted answer.
        """
        ...


class InterviewView(Protocol):
    """Where the interview says what is asked. Feedback waits for the report."""

    def show_question(self, turn: Turn) -> None: ...

    def show_follow_up(self, turn: Turn) -> None: ...


class InterviewRecorder(Recorder, Protocol):
    """The practice Recorder, and a place for follow-ups."""

    def record_follow_up(self, session_id: int | None, follow_up: FollowUpRecord) -> None: ...


@dataclass
class InterviewOutcome:
    """How the interview ended and what it holds, for the report."""

    session_id: int | None
    status: SessionStatus
    questions: Sequence[Question]
    seconds_per_question: float
    records: dict[int, AnswerRecord] = field(default_factory=dict)  # per question: the answer, or a draft
    follow_ups: dict[int, FollowUpRecord] = field(default_factory=dict)

    @property
    def left(self) -> int:
        """Questions not yet answered or skipped: what `--resume` would ask."""
        return sum(1 for n in range(len(self.questions)) if n not in self.records or self.records[n].draft)


class Interview:
    """Runs one mock interview from a plan to an outcome."""

    def __init__(
        self,
        source: InterviewSource,
        view: InterviewView,
        recorder: InterviewRecorder,
        analyze: Analyzer,
        *,
        follow_ups: bool = True,
    ) -> None:
        self.source = source
        self.view = view
        self.recorder = recorder
        self.analyze = analyze
        self.follow_ups = follow_ups

    def run(
        self,
        plan: Plan,
        earlier: Mapping[int, AnswerRecord] | None = None,
        earlier_follow_ups: Mapping[int, FollowUpRecord] | None = None,
    ) -> InterviewOutcome:
        """Ask each question from `plan.start` on; Ctrl-C ends the interview with everything kept."""
        session_id = plan.session_id
        if session_id is None:
            session_id = self.recorder.start(plan.settings, [q.to_json() for q in plan.questions], KIND)
        outcome = InterviewOutcome(
            session_id,
            SessionStatus.in_progress,
            plan.questions,
            float(plan.settings.time_limit),
            dict(earlier or {}),
            dict(earlier_follow_ups or {}),
        )
        run_to_an_end(self.recorder, outcome, lambda: self._ask_all(plan, outcome))
        return outcome

    def _ask_all(self, plan: Plan, outcome: InterviewOutcome) -> SessionStatus:
        total = len(plan.questions)
        for position in range(plan.start, total):
            earlier = outcome.records.get(position)
            draft = earlier.answer if earlier is not None and earlier.draft else ""
            turn = Turn(plan.questions[position], position + 1, total, outcome.seconds_per_question, draft=draft)
            if not self._ask(turn, outcome, _rng(plan.settings.seed, position)):
                return SessionStatus.input_ended
        return SessionStatus.finished

    def _ask(self, turn: Turn, outcome: InterviewOutcome, rng: random.Random) -> bool:
        """One question and its follow-up; False when the input ended. Ctrl-C raises KeyboardInterrupt."""
        self.view.show_question(turn)
        keeper = self._draft_keeper(outcome, turn)
        answer = self.source.read_answer(turn, keeper)
        if answer is None:
            return False
        if answer.interrupted:  # Ctrl-C while typing: kept as a draft, for --resume to reopen
            keeper(answer.text, answer.seconds)
            raise KeyboardInterrupt
        record = _answer_record(turn, answer)
        self.recorder.record_answer(outcome.session_id, record)  # saved before anything else can go wrong
        outcome.records[record.position] = record
        if record.skipped:
            self.recorder.schedule(record.question_id, Rating.again, True)
            return True
        feedback = self._save_feedback(outcome, record, answer.text)
        asked = self._follow_up_to(turn, feedback, answer, rng)
        try:
            if asked is None:
                return True
            return self._ask_follow_up(replace(turn, seconds_used=answer.seconds, follow_up=asked.text), asked, outcome)
        finally:  # the turn is over, however it ended: the answer (with any reply) counts in the review queue
            counted = outcome.records[record.position].feedback  # its verdict is the report's
            self.recorder.schedule(record.question_id, Rating(inferred_grade(counted)), True)

    def _draft_keeper(self, outcome: InterviewOutcome, turn: Turn) -> DraftKeeper:
        position = turn.number - 1

        def keep(text: str, seconds: float) -> None:
            if not text.strip():
                return
            draft = AnswerRecord(
                position, turn.question.id, text, round(seconds, 1), count_words(text), False, draft=True
            )
            self.recorder.record_draft(outcome.session_id, draft)
            outcome.records[position] = draft

        return keep

    def _follow_up_to(
        self, turn: Turn, feedback: Mapping[str, Any], answer: Answer, rng: random.Random
    ) -> FollowUp | None:
        if not self.follow_ups:
            return None
        return choose_follow_up(turn.question, feedback, rng, time_left=answer.seconds < turn.seconds_allowed)

    def _ask_follow_up(self, turn: Turn, asked: FollowUp, outcome: InterviewOutcome) -> bool:
        """The follow-up and its reply; the reply counts toward the question's feedback."""
        self.view.show_follow_up(turn)
        reply = self.source.read_answer(turn)  # no draft: a reply cut short by Ctrl-C is kept as the reply
        if reply is None:
            return False
        position = turn.number - 1
        record = FollowUpRecord(
            position=position,
            reason=asked.reason,
            question=asked.text,
            answer=reply.text,
            seconds=round(reply.seconds, 1),
            word_count=count_words(reply.text),
            skipped=reply.is_empty,
        )
        self.recorder.record_follow_up(outcome.session_id, record)
        outcome.follow_ups[position] = record
        if not record.skipped:
            self._save_feedback(
                outcome, outcome.records[position], with_reply(outcome.records[position].answer, record)
            )
        if reply.interrupted:  # Ctrl-C while typing the reply: it is saved, and the interview ends here
            raise KeyboardInterrupt
        return True

    def _save_feedback(self, outcome: InterviewOutcome, record: AnswerRecord, text: str) -> Mapping[str, Any]:
        question = outcome.questions[record.position]
        feedback: Mapping[str, Any] = self.analyze(question, text).to_json()
        self.recorder.record_feedback(outcome.session_id, record.position, feedback)
        outcome.records[record.position] = replace(record, feedback=feedback)
        return feedback


def _rng(seed: int | None, position: int) -> random.Random:
    """The same bank follow-up for the same question of the same interview, resumed or not."""
    return random.Random(f"{seed}:{position}")


def _answer_record(turn: Turn, answer: Answer) -> AnswerRecord:
    return AnswerRecord(
        position=turn.number - 1,
        question_id=turn.question.id,
        answer=answer.text,
        seconds=round(answer.seconds, 1),
        word_count=count_words(answer.text),
        skipped=answer.is_empty,
    )
