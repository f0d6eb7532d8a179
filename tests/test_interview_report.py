"""The verdict on a stored answer, and the report at the end of a mock interview."""

from __future__ import annotations

from typing import Any

from pacs_interview.bank import QuestionType
from pacs_interview.session.interview_report import WorkOn, build_report, first_things
from pacs_interview.session.records import AnswerRecord, FollowUpRecord
from pacs_interview.session.verdicts import CLOSE, NOT_YET, SKIPPED_FIX, STRONG, Fix, Verdict, verdict_of
from tests.test_panel import make

T = QuestionType
STORY = make("story", T.behavioral, ("Communication", "Leadership"), how_to_answer=("One", "Two"), domain="operations")
EXPLAIN = make(
    "explain", T.technical, ("DICOM", "Communication"), how_to_answer=("One", "Two"), domain="image-management"
)


def verdict(grade: str, *fixes: tuple[str, str]) -> dict[str, Any]:
    """Feedback as the engine saves it, reduced to its verdict."""
    return {"verdict": {"grade": grade, "fixes": [{"signal": s, "advice": a} for s, a in fixes]}}


def test_a_verdict_the_feedback_carries_is_taken_as_it_is_three_fixes_at_most() -> None:
    fixes = [(s, f"Do {s}.") for s in ("result", "action", "situation", "length")]
    stored = {"red_flags": [{"kind": "blame"}], **verdict("close", *fixes)}
    assert verdict_of(STORY, stored) == Verdict(
        CLOSE, (Fix("result", "Do result."), Fix("action", "Do action."), Fix("situation", "Do situation."))
    )


def test_feedback_saved_without_a_readable_verdict_is_judged_again_from_the_text() -> None:
    vague = "I always try my best and work hard on things, and it usually works out fine in the end."
    for feedback in ({"red_flags": []}, {"verdict": {"grade": "excellent"}}, {"verdict": "strong"}):
        judged = verdict_of(STORY, feedback, vague)
        assert judged.grade == NOT_YET and judged.fixes  # what the feedback engine says of it


def test_a_skipped_answer_is_not_yet() -> None:
    assert verdict_of(STORY, None) == Verdict(NOT_YET, (Fix("skipped", SKIPPED_FIX),))


def answer(position: int, question_id: str, feedback: dict[str, Any] | None, seconds: float = 60.0) -> AnswerRecord:
    return AnswerRecord(
        position, question_id, "" if feedback is None else "An answer.", seconds, 2, feedback is None, feedback
    )


def test_the_report_of_an_interview_ended_early() -> None:
    third = make("third", T.situational, ("Storage",), domain="operations")
    follow_up = FollowUpRecord(0, "no-result", "And how did it end?", "Well.", 30.0, 1, False)
    vague = verdict("not-yet", ("vague", "Be specific."))
    report = build_report(
        [STORY, EXPLAIN, third],
        {0: answer(0, "story", verdict("strong"), 100.0), 1: answer(1, "explain", vague)},
        {0: follow_up},
        seconds_per_question=200,
    )
    assert [r.verdict.grade if r.verdict else None for r in report.results] == [STRONG, NOT_YET, None]
    assert report.results[0].follow_up == follow_up
    assert report.seconds_used == 190.0  # the follow-up's reply counts
    assert report.seconds_planned == 600
    assert (report.count(STRONG), report.count(CLOSE), report.count(NOT_YET)) == (1, 0, 1)
    # Communication was tested by one strong and one not-yet answer: neither strong nor weak.
    assert report.skills.strong == ("Leadership",)
    assert report.skills.weak == ("DICOM",)
    assert (report.domains.strong, report.domains.weak) == (("operations",), ("image-management",))
    assert report.work_on == (WorkOn("vague", "Be specific.", (2,)),)


def test_a_draft_is_not_judged_and_its_time_is_not_counted() -> None:
    draft = AnswerRecord(0, "story", "Half typed", 50.0, 2, False, draft=True)
    report = build_report([STORY], {0: draft}, {}, 120)
    assert report.results[0].verdict is None and report.results[0].answer == draft
    assert report.seconds_used == 0 and report.work_on == ()


def test_a_skipped_question_counts_as_not_yet_and_says_so() -> None:
    report = build_report([STORY], {0: answer(0, "story", None)}, {}, 120)
    assert report.results[0].verdict == Verdict(NOT_YET, (Fix("skipped", SKIPPED_FIX),))
    assert report.skills.weak == ("Communication", "Leadership")


def result_with(*verdicts: Verdict) -> list[Any]:
    report = build_report(
        [make(f"q{n}", T.technical, (f"S{n}",)) for n in range(len(verdicts))],
        {
            n: answer(n, f"q{n}", {"verdict": {"grade": v.grade, "fixes": [vars(f) for f in v.fixes]}})
            for n, v in enumerate(verdicts)
        },
        {},
        60,
    )
    return list(report.results)


def test_first_things_are_what_most_answers_need_then_what_ranks_higher() -> None:
    results = result_with(
        Verdict(CLOSE, (Fix("result", "Say how it ended."), Fix("length", "Say more."))),
        Verdict(CLOSE, (Fix("situation", "Set the scene."), Fix("length", "Say more."))),
        Verdict(NOT_YET, (Fix("vague", "Be specific."), Fix("result", "Did you say how it ended?"))),
        Verdict(CLOSE, (Fix("guidance", "Cover this point too: A"),)),
        Verdict(CLOSE, (Fix("guidance", "Cover this point too: B"),)),
    )
    things = first_things(results)
    # result, length and guidance are each called for twice; result ranks first in its verdict, length never does.
    assert [(thing.signal, thing.questions) for thing in things] == [
        ("result", (1, 3)),
        ("guidance", (4, 5)),
        ("length", (1, 2)),
    ]
    assert things[0].advice == "Say how it ended."  # the first answer's wording
    assert things[1].advice.startswith("Cover the points each question is really asking about")  # two points, one line
    assert things[2].advice == "Say more."


def test_nothing_to_work_on_after_strong_answers() -> None:
    assert first_things(result_with(Verdict(STRONG, ()), Verdict(STRONG, ()))) == ()
