"""The practice loop as plain logic, driven by fakes: no terminal involved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from pacs_interview.bank import Level, Location, Order, Question, QuestionType
from pacs_interview.session.loop import Answer, Plan, RatingChoice, Session, choose_questions
from pacs_interview.session.records import AnswerRecord, Rating, SessionSettings, SessionStatus
from pacs_interview.terminal.editor import clock

SETTINGS = SessionSettings(filters={}, count=3, order="bank", seed=1, time_limit=120, bank="test")


def make_question(number: int) -> Question:
    return Question(
        id=f"junior-q{number}",
        level=Level.junior,
        type=QuestionType.technical,
        question=f"Question {number}?",
        introduction="Why.",
        how_to_answer=("Point",),
        what_not_to_say=("Bad",),
        example_answer="Example.",
        skills=("Communication",),
        location=Location("test", number, 1),
    )


QUESTIONS = [make_question(n) for n in range(1, 4)]


@dataclass
class FakeFeedback:
    words: int

    def to_json(self) -> dict[str, Any]:
        return {"word_count": self.words}


def fake_analyze(question: Question, answer: str) -> FakeFeedback:
    return FakeFeedback(len(answer.split()))


@dataclass
class ScriptedSource:
    """Answers and ratings from a script; an exception in the script is raised in its turn."""

    answers: list[Answer | None | type[BaseException]]
    ratings: list[Rating | RatingChoice | type[BaseException]] = field(default_factory=list)

    def read_answer(self, question: Question, number: int, total: int) -> Answer | None:
        item = self.answers.pop(0)
        if isinstance(item, type):
            raise item()
        return item

    def waiting_answers(self, most: int) -> list[Answer]:
        return []

    def read_rating(self) -> Rating | RatingChoice:
        item = self.ratings.pop(0)
        if isinstance(item, type):
            raise item()
        return item


@dataclass
class ListView:
    events: list[str] = field(default_factory=list)

    def show_question(self, question: Question, number: int, total: int) -> None:
        self.events.append(f"question {number}/{total} {question.id}")

    def show_feedback(self, question: Question, record: AnswerRecord, feedback: Any) -> None:
        self.events.append(f"feedback {question.id} {feedback.to_json()}")

    def show_skipped(self, question: Question) -> None:
        self.events.append(f"skipped {question.id}")


@dataclass
class MemoryRecorder:
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def start(self, settings: SessionSettings, questions: list[Mapping[str, Any]]) -> int | None:
        self.calls.append(("start", [q["id"] for q in questions]))
        return 7

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        self.calls.append(("answer", session_id, answer.position, answer.answer, answer.skipped, answer.feedback))

    def record_answers(self, session_id: int | None, answers: list[AnswerRecord]) -> None:
        for answer in answers:
            self.record_answer(session_id, answer)

    def record_feedback(self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None) -> None:
        self.calls.append(("feedback", session_id, position, feedback))

    def record_rating(self, session_id: int | None, position: int, rating: Rating) -> None:
        self.calls.append(("rating", session_id, position, rating))

    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        self.calls.append(("finish", session_id, status))


def run(source: ScriptedSource, plan: Plan | None = None) -> tuple[Any, ListView, MemoryRecorder]:
    view, recorder = ListView(), MemoryRecorder()
    outcome = Session(source, view, recorder, fake_analyze).run(plan or Plan(QUESTIONS, SETTINGS))
    return outcome, view, recorder


def test_full_session_records_each_answer_before_asking_for_its_rating() -> None:
    source = ScriptedSource(
        [Answer("first answer\nsecond line", 12.34), Answer("", 1.0), Answer("third", 3.0)],
        [Rating.good, Rating.easy],
    )
    outcome, view, recorder = run(source)
    assert outcome.status is SessionStatus.finished and outcome.session_id == 7
    assert recorder.calls == [
        ("start", ["junior-q1", "junior-q2", "junior-q3"]),
        ("answer", 7, 0, "first answer\nsecond line", False, None),
        ("feedback", 7, 0, {"word_count": 4}),
        ("rating", 7, 0, Rating.good),
        ("answer", 7, 1, "", True, None),
        ("answer", 7, 2, "third", False, None),
        ("feedback", 7, 2, {"word_count": 1}),
        ("rating", 7, 2, Rating.easy),
        ("finish", 7, SessionStatus.finished),
    ]
    assert view.events == [
        "question 1/3 junior-q1",
        "feedback junior-q1 {'word_count': 4}",
        "question 2/3 junior-q2",
        "skipped junior-q2",
        "question 3/3 junior-q3",
        "feedback junior-q3 {'word_count': 1}",
    ]
    assert outcome.records[0].rating is Rating.good and outcome.records[0].seconds == 12.3
    assert outcome.records[1].skipped and outcome.records[1].rating is None


def test_quit_at_the_rating_ends_the_session_with_the_answer_kept() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("kept", 2.0)], [RatingChoice.quit]))
    assert outcome.status is SessionStatus.quit
    assert recorder.calls[-2:] == [
        ("feedback", 7, 0, {"word_count": 1}),
        ("finish", 7, SessionStatus.quit),
    ]


def test_skip_rating_goes_on_without_recording_a_rating() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("a", 1), Answer("b", 1), None], [RatingChoice.skip] * 2))
    assert [c[0] for c in recorder.calls] == ["start", "answer", "feedback", "answer", "feedback", "finish"]
    assert outcome.status is SessionStatus.input_ended


def test_ctrl_c_at_the_editor_ends_as_interrupted_keeping_earlier_answers() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("one", 1), KeyboardInterrupt], [Rating.hard]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[-1] == ("finish", 7, SessionStatus.interrupted)
    assert list(outcome.records) == [0]


def test_ctrl_c_while_typing_keeps_the_text_typed_so_far() -> None:
    outcome, view, recorder = run(ScriptedSource([Answer("half an answer", 4, interrupted=True)]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1:] == [
        ("answer", 7, 0, "half an answer", False, None),
        ("feedback", 7, 0, {"word_count": 3}),
        ("finish", 7, SessionStatus.interrupted),
    ]
    assert view.events == ["question 1/3 junior-q1"]


def test_ctrl_c_at_the_rating_keeps_the_answer() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("one", 1)], [KeyboardInterrupt]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1][:4] == ("answer", 7, 0, "one")


def test_resume_starts_at_the_first_unreached_question_of_the_same_session() -> None:
    earlier = AnswerRecord(0, "junior-q1", "old", 5.0, 1, False)
    plan = Plan(QUESTIONS, SETTINGS, session_id=3, start=1)
    view, recorder = ListView(), MemoryRecorder()
    source = ScriptedSource([Answer("two", 1), Answer("three", 1)], [RatingChoice.skip] * 2)
    outcome = Session(source, view, recorder, fake_analyze).run(plan, {0: earlier})
    assert recorder.calls[0] == ("answer", 3, 1, "two", False, None)  # no new session started
    assert view.events[0] == "question 2/3 junior-q2"
    assert sorted(outcome.records) == [0, 1, 2] and outcome.status is SessionStatus.finished


def test_same_seed_same_questions_in_the_same_order() -> None:
    many = [make_question(n) for n in range(20)]
    first = choose_questions(many, 5, Order.random, seed=42)
    assert first == choose_questions(many, 5, Order.random, seed=42)
    assert first != choose_questions(many, 5, Order.random, seed=43)
    assert choose_questions(many, 3, Order.bank, seed=42) == many[:3]
    assert len(choose_questions(many, 50, Order.random, seed=1)) == 20


@pytest.mark.parametrize(("seconds", "expected"), [(0, "00:00"), (59.9, "00:59"), (61, "01:01"), (3600, "60:00")])
def test_clock(seconds: float, expected: str) -> None:
    assert clock(seconds) == expected


def test_the_answer_is_saved_before_it_is_analysed() -> None:
    def interrupted_analysis(question: Question, answer: str) -> FakeFeedback:
        raise KeyboardInterrupt  # Ctrl-C while the analysis runs

    view, recorder = ListView(), MemoryRecorder()
    source = ScriptedSource([Answer("precious answer", 30.0)])
    outcome = Session(source, view, recorder, interrupted_analysis).run(Plan(QUESTIONS, SETTINGS))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1:] == [
        ("answer", 7, 0, "precious answer", False, None),
        ("finish", 7, SessionStatus.interrupted),
    ]


def test_any_other_failure_still_marks_the_session_ended_early() -> None:
    def broken_analysis(question: Question, answer: str) -> FakeFeedback:
        raise BrokenPipeError

    recorder = MemoryRecorder()
    with pytest.raises(BrokenPipeError):
        Session(ScriptedSource([Answer("kept", 1.0)]), ListView(), recorder, broken_analysis).run(
            Plan(QUESTIONS, SETTINGS)
        )
    assert recorder.calls[-1] == ("finish", 7, SessionStatus.interrupted)


@dataclass
class BurstSource(ScriptedSource):
    """The first answer arrives with the next ones already behind it, as a burst of piped input does."""

    waiting: list[Answer] = field(default_factory=list)

    def waiting_answers(self, most: int) -> list[Answer]:
        taken, self.waiting = self.waiting[:most], self.waiting[most:]
        return taken


@dataclass
class BatchRecorder(MemoryRecorder):
    def record_answers(self, session_id: int | None, answers: list[AnswerRecord]) -> None:
        self.calls.append(("answers", [(a.position, a.answer, a.rating) for a in answers]))


def test_answers_that_arrived_together_are_saved_together_before_the_first_is_analysed() -> None:
    source = BurstSource([Answer("one", 1.0)], [RatingChoice.skip] * 3)
    source.waiting = [Answer("two", 0.0, rating=Rating.hard), Answer("", 0.0, rating=Rating.easy), Answer("4", 0)]
    view, recorder = ListView(), BatchRecorder()
    outcome = Session(source, view, recorder, fake_analyze).run(Plan(QUESTIONS, SETTINGS))
    assert recorder.calls[:3] == [
        ("start", ["junior-q1", "junior-q2", "junior-q3"]),
        ("answers", [(0, "one", None), (1, "two", Rating.hard), (2, "", None)]),  # no rating for a skip
        ("feedback", 7, 0, {"word_count": 1}),
    ]
    assert [c[0] for c in recorder.calls[3:]] == ["feedback", "finish"]
    assert view.events == [
        "question 1/3 junior-q1",
        "feedback junior-q1 {'word_count': 1}",
        "question 2/3 junior-q2",
        "feedback junior-q2 {'word_count': 1}",
        "question 3/3 junior-q3",
        "skipped junior-q3",
    ]
    assert outcome.status is SessionStatus.finished and outcome.records[1].rating is Rating.hard
    assert source.waiting == [Answer("4", 0)]  # past the last question: left unread


def test_a_kill_during_the_first_analysis_keeps_every_answer_that_had_arrived() -> None:
    def killed(question: Question, answer: str) -> FakeFeedback:
        raise KeyboardInterrupt  # SIGTERM arrives while the first answer is analysed

    source = BurstSource([Answer("one", 1.0)])
    source.waiting = [Answer("two", 0.0), Answer("three", 0.0)]
    recorder = BatchRecorder()
    outcome = Session(source, ListView(), recorder, killed).run(Plan(QUESTIONS, SETTINGS))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1:] == [
        ("answers", [(0, "one", None), (1, "two", None), (2, "three", None)]),
        ("finish", 7, SessionStatus.interrupted),
    ]
