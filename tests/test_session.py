"""The practice loop as plain logic, driven by fakes: no terminal involved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from pacs_interview.bank import Level, Location, Order, Question, QuestionType
from pacs_interview.session.loop import Answer, DraftKeeper, Plan, RatingChoice, Session, choose_questions
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
    drafts_given: list[str] = field(default_factory=list)
    keepers: list[DraftKeeper | None] = field(default_factory=list)

    def read_answer(
        self, question: Question, number: int, total: int, draft: str = "", keep_draft: DraftKeeper | None = None
    ) -> Answer | None:
        self.drafts_given.append(draft)
        self.keepers.append(keep_draft)
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

    def show_question(self, question: Question, number: int, total: int, repeat: str | None = None) -> None:
        self.events.append(f"question {number}/{total} {question.id}" + (f" ({repeat})" if repeat else ""))

    def show_feedback(
        self, question: Question, record: AnswerRecord, feedback: Any, changed: Sequence[str] | None = None
    ) -> None:
        self.events.append(f"feedback {question.id} {feedback.to_json()}" + (f" changed {changed}" if changed else ""))

    def show_skipped(self, question: Question) -> None:
        self.events.append(f"skipped {question.id}")


@dataclass
class MemoryRecorder:
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def start(
        self, settings: SessionSettings, questions: list[Mapping[str, Any]], kind: str = "practice"
    ) -> int | None:
        self.calls.append(("start", [q["id"] for q in questions]) + ((kind,) if kind != "practice" else ()))
        return 7

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        self.calls.append(("answer", session_id, answer.position, answer.answer, answer.skipped, answer.feedback))

    def record_answers(self, session_id: int | None, answers: list[AnswerRecord]) -> None:
        for answer in answers:
            self.record_answer(session_id, answer)

    def record_draft(self, session_id: int | None, draft: AnswerRecord) -> None:
        self.calls.append(("draft", session_id, draft.position, draft.attempt, draft.answer))

    def record_feedback(
        self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None, attempt: int = 1
    ) -> None:
        self.calls.append(("feedback", session_id, position, feedback))

    def record_rating(self, session_id: int | None, position: int, rating: Rating, attempt: int = 1) -> None:
        self.calls.append(("rating", session_id, position, rating))

    def schedule(self, question_id: str, rating: Rating, inferred: bool) -> None:
        self.calls.append(("schedule", question_id, rating.name, "inferred" if inferred else "rated"))

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
        ("schedule", "junior-q1", "good", "rated"),
        ("answer", 7, 1, "", True, None),
        ("schedule", "junior-q2", "again", "inferred"),
        ("answer", 7, 2, "third", False, None),
        ("feedback", 7, 2, {"word_count": 1}),
        ("rating", 7, 2, Rating.easy),
        ("schedule", "junior-q3", "easy", "rated"),
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
    assert recorder.calls[-3:] == [
        ("feedback", 7, 0, {"word_count": 1}),
        ("schedule", "junior-q1", "good", "inferred"),  # no red flag in the fake feedback
        ("finish", 7, SessionStatus.quit),
    ]


def test_skip_rating_goes_on_without_recording_a_rating() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("a", 1), Answer("b", 1), None], [RatingChoice.skip] * 2))
    calls = [c[0] for c in recorder.calls]
    assert calls == ["start", "answer", "feedback", "schedule", "answer", "feedback", "schedule", "finish"]
    assert outcome.status is SessionStatus.input_ended


def test_ctrl_c_at_the_editor_ends_as_interrupted_keeping_earlier_answers() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("one", 1), KeyboardInterrupt], [Rating.hard]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[-1] == ("finish", 7, SessionStatus.interrupted)
    assert list(outcome.records) == [0]


def test_ctrl_c_while_typing_keeps_the_text_typed_so_far_as_a_draft() -> None:
    outcome, view, recorder = run(ScriptedSource([Answer("half an answer", 4, interrupted=True)]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1:] == [
        ("draft", 7, 0, 1, "half an answer"),  # not analysed, not scheduled: it was never submitted
        ("finish", 7, SessionStatus.interrupted),
    ]
    assert view.events == ["question 1/3 junior-q1"]
    assert outcome.records[0].draft and outcome.left == 3


def test_ctrl_c_at_the_rating_keeps_the_answer() -> None:
    outcome, _, recorder = run(ScriptedSource([Answer("one", 1)], [KeyboardInterrupt]))
    assert outcome.status is SessionStatus.interrupted
    assert recorder.calls[1][:4] == ("answer", 7, 0, "one")
    assert ("schedule", "junior-q1", "good", "inferred") in recorder.calls  # the answer was complete: it counts


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
    assert recorder.calls[3:] == [
        ("schedule", "junior-q1", "good", "inferred"),
        ("feedback", 7, 1, {"word_count": 1}),
        ("rating", 7, 1, Rating.hard),  # the `--- 2` that came with it, saved with it too
        ("schedule", "junior-q2", "hard", "rated"),
        ("schedule", "junior-q3", "again", "inferred"),
        ("finish", 7, SessionStatus.finished),
    ]
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


def test_retry_asks_the_same_question_again_and_says_what_changed() -> None:
    source = ScriptedSource(
        [Answer("short", 1), Answer("a much longer answer", 2), Answer("x", 1), Answer("y", 1)],
        [RatingChoice.retry, Rating.good, Rating.hard, Rating.hard],
    )
    outcome, view, recorder = run(source)
    assert view.events[:4] == [
        "question 1/3 junior-q1",
        "feedback junior-q1 {'word_count': 1}",
        "question 1/3 junior-q1 (retry)",
        "feedback junior-q1 {'word_count': 4} changed ['no change in what the feedback checks']",
    ]
    # Both attempts are saved; only the last one is rated and scheduled.
    assert recorder.calls[1:6] == [
        ("answer", 7, 0, "short", False, None),
        ("feedback", 7, 0, {"word_count": 1}),
        ("answer", 7, 0, "a much longer answer", False, None),
        ("feedback", 7, 0, {"word_count": 4}),
        ("rating", 7, 0, Rating.good),
    ]
    assert [c for c in recorder.calls if c[0] == "schedule"][0] == ("schedule", "junior-q1", "good", "rated")
    assert sum(c[0] == "schedule" and c[1] == "junior-q1" for c in recorder.calls) == 1
    assert outcome.records[0].attempt == 2 and outcome.records[0].answer == "a much longer answer"


def test_a_question_rated_again_is_asked_once_more_at_the_end() -> None:
    answers = [Answer(text, 1) for text in ("one", "two", "three", "one again", "three again")]
    source = ScriptedSource(list(answers), [Rating.again, Rating.good, Rating.again, Rating.again, Rating.hard])
    outcome, view, recorder = run(source)
    assert [event for event in view.events if event.startswith("question")] == [
        "question 1/3 junior-q1",
        "question 2/3 junior-q2",
        "question 3/3 junior-q3",
        "question 1/3 junior-q1 (again)",  # rated Again once more, but asked only once more
        "question 3/3 junior-q3 (again)",
    ]
    assert outcome.status is SessionStatus.finished and not source.answers
    assert [c[1:3] for c in recorder.calls if c[0] == "schedule"] == [
        ("junior-q1", "again"),
        ("junior-q2", "good"),
        ("junior-q3", "again"),
        ("junior-q1", "again"),
        ("junior-q3", "hard"),
    ]
    assert outcome.records[2].attempt == 2 and outcome.records[2].rating is Rating.hard


def test_the_repeats_at_the_end_stop_quietly_when_piped_input_ends() -> None:
    source = ScriptedSource(
        [Answer("one", 1, rating=Rating.again), Answer("two", 1), Answer("three", 1), None],
        [RatingChoice.skip, RatingChoice.skip],  # only the two answers without a `--- N` ask
    )
    outcome, view, recorder = run(source)
    assert view.events[-1] == "question 1/3 junior-q1 (again)"
    assert outcome.status is SessionStatus.finished  # every question was reached
    assert ("rating", 7, 0, Rating.again) in recorder.calls


def test_a_draft_is_reopened_and_completed_in_place() -> None:
    draft = AnswerRecord(1, "junior-q2", "half typed", 9.0, 2, False, draft=True)
    done = AnswerRecord(0, "junior-q1", "old", 5.0, 1, False, feedback={}, rating=Rating.good)
    source = ScriptedSource([Answer("half typed, now whole", 3), Answer("three", 1)], [Rating.good, Rating.good])
    view, recorder = ListView(), MemoryRecorder()
    outcome = Session(source, view, recorder, fake_analyze).run(
        Plan(QUESTIONS, SETTINGS, session_id=3, start=1), {0: done, 1: draft}
    )
    assert source.drafts_given == ["half typed", ""]
    assert recorder.calls[0] == ("answer", 3, 1, "half typed, now whole", False, None)
    assert outcome.records[1].attempt == 1 and not outcome.records[1].draft  # the draft's attempt, completed
    assert outcome.left == 0 and outcome.status is SessionStatus.finished


def test_the_editor_keeps_drafts_through_the_session_without_replacing_a_submitted_answer() -> None:
    source = ScriptedSource([Answer("first", 1), Answer("second", 1), None], [RatingChoice.retry, Rating.good])
    outcome, _, recorder = run(source)
    keep_first, keep_retry = source.keepers[0], source.keepers[1]
    assert keep_first is not None and keep_retry is not None
    keep_retry("typed during the retry", 3.0)
    keep_retry("   ", 4.0)  # nothing worth keeping
    assert ("draft", 7, 0, 2, "typed during the retry") in recorder.calls
    assert sum(c[0] == "draft" for c in recorder.calls) == 1
    assert not outcome.records[0].draft  # the submitted attempt still counts


def test_an_interview_plan_starts_a_session_of_its_kind() -> None:
    recorder = MemoryRecorder()
    source = ScriptedSource([Answer("one", 1), None], [Rating.good])
    Session(source, ListView(), recorder, fake_analyze).run(Plan(QUESTIONS, SETTINGS, kind="interview"))
    assert recorder.calls[0] == ("start", ["junior-q1", "junior-q2", "junior-q3"], "interview")
