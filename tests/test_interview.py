"""The mock interview loop as plain logic, driven by fakes: no terminal involved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pacs_interview.bank import Question, QuestionType
from pacs_interview.session.follow_ups import PROBES, VAGUE
from pacs_interview.session.interview import Interview, InterviewOutcome, Turn
from pacs_interview.session.loop import Answer, DraftKeeper
from pacs_interview.session.plan import Plan
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, Rating, SessionSettings, SessionStatus
from tests.test_panel import make

SETTINGS = SessionSettings({"levels": ["senior"]}, 3, "panel", 11, 100, "test", follow_ups=True)
QUESTIONS = [
    make("q1", QuestionType.behavioral, ("A",)),
    make("q2", QuestionType.technical, ("B",), follow_ups=("And the port?",)),
    make("q3", QuestionType.situational, ("C",)),
]


@dataclass
class VagueWhenShort:
    """Feedback that calls an answer of fewer than five words vague, and not yet good enough."""

    text: str

    def to_json(self) -> dict[str, Any]:
        vague = len(self.text.split()) < 5
        flags = [{"kind": "vague", "phrase": self.text}] if vague else []
        return {"text": self.text, "red_flags": flags, "verdict": {"grade": "not-yet" if vague else "strong"}}


def analyze(question: Question, text: str) -> VagueWhenShort:
    return VagueWhenShort(text)


@dataclass
class Script:
    """Answers in order; an exception class in the list is raised in its turn."""

    answers: list[Answer | None | type[BaseException]]
    turns: list[Turn] = field(default_factory=list)
    keepers: list[DraftKeeper | None] = field(default_factory=list)

    def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
        self.turns.append(turn)
        self.keepers.append(keep_draft)
        item = self.answers.pop(0)
        if isinstance(item, type):
            raise item()
        return item


@dataclass
class Seen:
    events: list[str] = field(default_factory=list)

    def show_question(self, turn: Turn) -> None:
        self.events.append(f"question {turn.number}/{turn.total}")

    def show_follow_up(self, turn: Turn) -> None:
        self.events.append(f"follow-up {turn.number}: {turn.follow_up}")


@dataclass
class Kept:
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def start(
        self, settings: SessionSettings, questions: list[Mapping[str, Any]], kind: str = "practice"
    ) -> int | None:
        self.calls.append(("start", [q["id"] for q in questions], kind))
        return 5

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None:
        self.calls.append(("answer", answer.position, answer.answer))

    def record_draft(self, session_id: int | None, draft: AnswerRecord) -> None:
        self.calls.append(("draft", draft.position, draft.answer))

    def record_feedback(
        self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None, attempt: int = 1
    ) -> None:
        self.calls.append(("feedback", position, (feedback or {}).get("text")))

    def record_rating(self, session_id: int | None, position: int, rating: Rating, attempt: int = 1) -> None:
        raise AssertionError("an interview asks for no rating")

    def schedule(self, question_id: str, rating: Rating, inferred: bool) -> None:
        self.calls.append(("review", question_id, rating, inferred))

    def record_follow_up(self, session_id: int | None, follow_up: FollowUpRecord) -> None:
        self.calls.append(("follow-up", follow_up.position, follow_up.reason, follow_up.answer))

    def finish(self, session_id: int | None, status: SessionStatus) -> None:
        self.calls.append(("finish", status))


SPECIFIC = "I restarted the DICOM listener on the archive."


def run(
    answers: list[Answer | None | type[BaseException]], plan: Plan | None = None, **options: Any
) -> tuple[InterviewOutcome, Script, Seen, Kept]:
    script, seen, kept = Script(answers), Seen(), Kept()
    outcome = Interview(script, seen, kept, analyze, **options).run(plan or Plan(QUESTIONS, SETTINGS))
    return outcome, script, seen, kept


def test_a_gap_and_a_bank_follow_up_each_answered_in_turn_and_counted_with_their_answer() -> None:
    outcome, script, seen, kept = run(
        [
            Answer("It broke.", 40.0),
            Answer(SPECIFIC, 20.0),
            Answer(SPECIFIC, 30.0),
            Answer("Port 104.", 5.0),
            Answer(SPECIFIC, 150.0),
        ]
    )
    assert outcome.status is SessionStatus.finished and outcome.session_id == 5
    assert seen.events == [
        "question 1/3",
        f"follow-up 1: {PROBES[VAGUE]}",
        "question 2/3",
        "follow-up 2: And the port?",
        "question 3/3",  # a question without follow-ups of its own, answered without a gap: none
    ]
    assert kept.calls == [
        ("start", ["q1", "q2", "q3"], "interview"),
        ("answer", 0, "It broke."),
        ("feedback", 0, "It broke."),  # worked out (it chose the follow-up) and saved, never shown
        ("follow-up", 0, "vague", SPECIFIC),
        ("feedback", 0, f"It broke.\n\n{SPECIFIC}"),  # the reply counts toward the question
        ("review", "q1", Rating.good, True),  # by the verdict that counts: with the reply, strong
        ("answer", 1, SPECIFIC),
        ("feedback", 1, SPECIFIC),
        ("follow-up", 1, "bank", "Port 104."),
        ("feedback", 1, f"{SPECIFIC}\n\nPort 104."),
        ("review", "q2", Rating.good, True),
        ("answer", 2, SPECIFIC),
        ("feedback", 2, SPECIFIC),
        ("review", "q3", Rating.good, True),
        ("finish", SessionStatus.finished),
    ]
    assert outcome.records[0].feedback == analyze(QUESTIONS[0], f"It broke.\n\n{SPECIFIC}").to_json()
    assert set(outcome.follow_ups) == {0, 1}
    # The follow-up runs on the question's clock: what the answer used is gone from it.
    assert [(t.number, t.seconds_left, t.follow_up is not None) for t in script.turns] == [
        (1, 100.0, False),
        (1, 60.0, True),
        (2, 100.0, False),
        (2, 70.0, True),
        (3, 100.0, False),
    ]


def test_a_bank_follow_up_waits_when_the_question_s_time_is_up_but_a_gap_is_still_pressed() -> None:
    _, _, seen, kept = run([Answer("It broke.", 120.0), Answer(SPECIFIC, 1.0), Answer(SPECIFIC, 100.0), None])
    assert seen.events == ["question 1/3", f"follow-up 1: {PROBES[VAGUE]}", "question 2/3", "question 3/3"]
    assert kept.calls[-1] == ("finish", SessionStatus.input_ended)


def test_no_follow_ups_when_turned_off() -> None:
    outcome, _, seen, _ = run(
        [Answer("It broke.", 1.0), Answer(SPECIFIC, 1.0), Answer(SPECIFIC, 1.0)], follow_ups=False
    )
    assert seen.events == ["question 1/3", "question 2/3", "question 3/3"]
    assert outcome.follow_ups == {} and outcome.status is SessionStatus.finished


def test_a_skipped_answer_gets_no_follow_up_and_no_feedback_and_counts_as_again() -> None:
    outcome, _, seen, kept = run([Answer("  ", 3.0), None])
    assert seen.events == ["question 1/3", "question 2/3"]
    assert kept.calls[1:3] == [("answer", 0, "  "), ("review", "q1", Rating.again, True)]
    assert outcome.records[0].skipped and outcome.records[0].feedback is None


def test_an_empty_reply_to_a_follow_up_is_kept_and_leaves_the_feedback_alone() -> None:
    outcome, _, _, kept = run([Answer("It broke.", 1.0), Answer("", 2.0), None])
    assert ("follow-up", 0, "vague", "") in kept.calls
    assert outcome.follow_ups[0].skipped
    assert [call for call in kept.calls if call[0] == "feedback"] == [("feedback", 0, "It broke.")]
    assert ("review", "q1", Rating.again, True) in kept.calls  # still not yet: Again


def test_input_ending_at_a_follow_up_ends_the_interview_with_the_answer_kept_and_counted() -> None:
    outcome, _, _, kept = run([Answer("It broke.", 1.0), None])
    assert outcome.status is SessionStatus.input_ended
    assert list(outcome.records) == [0] and outcome.follow_ups == {}
    assert kept.calls[-2:] == [("review", "q1", Rating.again, True), ("finish", SessionStatus.input_ended)]


def test_ctrl_c_while_typing_a_reply_keeps_it_then_ends() -> None:
    outcome, script, seen, kept = run([Answer("It broke.", 1.0), Answer(f"half {SPECIFIC}", 2.0, interrupted=True)])
    assert outcome.status is SessionStatus.interrupted
    assert kept.calls[-4:] == [
        ("follow-up", 0, "vague", f"half {SPECIFIC}"),
        ("feedback", 0, f"It broke.\n\nhalf {SPECIFIC}"),
        ("review", "q1", Rating.good, True),
        ("finish", SessionStatus.interrupted),
    ]
    assert seen.events == ["question 1/3", f"follow-up 1: {PROBES[VAGUE]}"]
    assert script.keepers[1] is None  # a reply is never a draft


def test_ctrl_c_while_typing_an_answer_keeps_it_as_a_draft_that_does_not_count() -> None:
    outcome, _, seen, kept = run([Answer("It broke.", 1.0, interrupted=True)])
    assert outcome.status is SessionStatus.interrupted
    assert seen.events == ["question 1/3"]
    assert kept.calls[1:] == [("draft", 0, "It broke."), ("finish", SessionStatus.interrupted)]
    assert outcome.records[0].draft and outcome.left == 3


def test_ctrl_c_on_an_empty_editor_ends_with_everything_before_kept() -> None:
    outcome, _, _, kept = run([Answer(SPECIFIC, 1.0), KeyboardInterrupt])
    assert outcome.status is SessionStatus.interrupted
    assert list(outcome.records) == [0]
    assert kept.calls[-1] == ("finish", SessionStatus.interrupted)


def test_the_editor_keeps_drafts_as_it_goes_and_the_answer_replaces_them() -> None:
    class Typing(Script):
        def read_answer(self, turn: Turn, keep_draft: DraftKeeper | None = None) -> Answer | None:
            assert keep_draft is not None
            keep_draft("   ", 1.0)  # nothing typed yet: nothing kept
            keep_draft("I restarted", 2.0)
            return super().read_answer(turn, keep_draft)

    script, kept = Typing([Answer(SPECIFIC, 3.0), None]), Kept()
    outcome = Interview(script, Seen(), kept, analyze, follow_ups=False).run(Plan(QUESTIONS, SETTINGS))
    assert kept.calls[1:3] == [("draft", 0, "I restarted"), ("answer", 0, SPECIFIC)]
    assert not outcome.records[0].draft


def test_a_resumed_interview_starts_where_it_stopped_and_keeps_what_came_before() -> None:
    earlier = {0: AnswerRecord(0, "q1", SPECIFIC, 10.0, 8, False, {"text": SPECIFIC})}
    earlier_follow_ups = {0: FollowUpRecord(0, "bank", "Why?", "Because.", 5.0, 1, False)}
    script, seen, kept = Script([Answer(SPECIFIC, 1.0), None]), Seen(), Kept()
    plan = Plan(QUESTIONS, SETTINGS, session_id=9, start=1)
    outcome = Interview(script, seen, kept, analyze, follow_ups=False).run(plan, earlier, earlier_follow_ups)
    assert seen.events == ["question 2/3", "question 3/3"]
    assert kept.calls[0] == ("answer", 1, SPECIFIC)  # no new session
    assert set(outcome.records) == {0, 1} and outcome.follow_ups == earlier_follow_ups
    assert outcome.session_id == 9


def test_a_resumed_draft_is_reopened_in_the_editor() -> None:
    earlier = {0: AnswerRecord(0, "q1", "Half typed", 10.0, 2, False, draft=True)}
    script = Script([Answer("Half typed, now done with the DICOM log.", 1.0), None])
    plan = Plan(QUESTIONS, SETTINGS, session_id=9, start=0)
    outcome = Interview(script, Seen(), Kept(), analyze, follow_ups=False).run(plan, earlier)
    assert [turn.draft for turn in script.turns] == ["Half typed", ""]
    assert not outcome.records[0].draft
