"""The verdict's thresholds on both sides of their edges, and every fix word for word."""

from __future__ import annotations

import pytest

from pacs_interview.feedback.relevance import FILLER, KEYWORDS, LANGUAGE
from pacs_interview.feedback.verdict import BRIEF_ADVICE, Fix, headline
from tests.test_verdict import STORY_QUESTION, TECHNICAL_QUESTION, verdict

FIVE = 5


def covering(count: int) -> list[bool]:
    return [True] * count + [False] * (FIVE - count)


@pytest.mark.parametrize(
    ("changes", "grade"),
    [
        ({"words": 44}, "not-yet"),  # thin: fewer than 45 words
        ({"words": 45}, "close"),  # not thin, but brief
        ({"words": 169}, "close"),  # brief: fewer than 170 words
        ({"words": 170}, "strong"),
        ({"covered": covering(0), "situation": False}, "not-yet"),  # under a fifth of the points, no whole story
        ({"covered": covering(1), "situation": False}, "close"),  # a fifth
        ({"covered": covering(0)}, "close"),  # no point, but a whole story
        ({"covered": covering(1), "flags": frozenset({"deflection"})}, "not-yet"),  # flagged: under two fifths
        ({"covered": covering(2), "flags": frozenset({"blame"})}, "close"),  # two fifths
        ({"covered": covering(2)}, "close"),  # under three fifths
        ({"covered": covering(3)}, "strong"),  # three fifths
        ({"action": False}, "close"),  # a story without its steps
        ({"result": False}, "close"),  # ... or its ending
        ({"flags": frozenset({"no-result"})}, "close"),
    ],
)
def test_grade_edges(changes: dict[str, object], grade: str) -> None:
    assert verdict(**changes).grade == grade


def test_brevity_alone_keeping_an_answer_from_strong_is_the_fix_it_gets() -> None:
    brief = verdict(words=150, length="good")
    assert (brief.grade, brief.fixes) == ("close", (Fix("length", BRIEF_ADVICE),))
    # a short answer already hears "say more"; a close one for another reason is not told to lengthen
    assert [fix.advice for fix in verdict(words=150, length="short").fixes] == [
        "Say more: give the detail behind each step, aiming for one to three minutes."
    ]
    assert [fix.signal for fix in verdict(words=150, covered=covering(2)).fixes] == ["guidance"]
    # the one thing between it and "strong" comes before the polish
    assert [fix.signal for fix in verdict(words=150, quantified=False).fixes] == ["length", "quantified"]


PLAN = {"story": False, "situation": False, "action": False, "result": False}


@pytest.mark.parametrize(("covered", "grade"), [(3, "close"), (4, "strong")])
def test_a_plan_for_a_story_question_needs_four_fifths(covered: int, grade: str) -> None:
    assert verdict(**PLAN, covered=covering(covered)).grade == grade


def test_a_plan_for_a_leadership_question_is_held_to_it_too() -> None:
    from pacs_interview.bank import QuestionType
    from tests.test_feedback import make_question

    leadership = make_question(QuestionType.leadership, points=("A", "B", "C", "D", "E"))
    assert verdict(leadership, **PLAN, covered=covering(3)).grade == "close"
    situational = make_question(QuestionType.situational, points=("A", "B", "C", "D", "E"))
    assert verdict(situational, **PLAN, covered=covering(3)).grade == "strong"


@pytest.mark.parametrize(
    ("changes", "fix"),
    [
        (
            {"flags": frozenset({"deflection"})},
            Fix(
                "deflection",
                "Keep hold of the problem: say what you would do yourself, even where another team owns a piece of it.",
            ),
        ),
        (
            {"flags": frozenset({"blame"})},
            Fix(
                "blame",
                "Own your part: say what you did and what you would do differently, not who was at fault.",
            ),
        ),
        (
            {"flags": frozenset({"vague"})},
            Fix("vague", "Be specific: name the system, the standard, the steps you took and a number."),
        ),
        (
            {"situation": False},
            Fix("situation", "Set the scene in a sentence: where you were, when, and what was going wrong."),
        ),
        ({"action": False}, Fix("action", "Say what you did, step by step: the checks and the changes, in order.")),
        (
            {"quantified": False},
            Fix("quantified", "Put a number on the outcome: how long, how many, or how much better."),
        ),
        ({"ownership": "we"}, Fix("ownership", "Say what you yourself did, not only what the team did.")),
        (
            {"length": "short"},
            Fix("length", "Say more: give the detail behind each step, aiming for one to three minutes."),
        ),
        ({"length": "long"}, Fix("length", "Keep it shorter: lead with what matters and stop after the outcome.")),
        (
            {"result": False, "result_doubtful": True},
            Fix("result", "Did you say how it ended? Make the outcome plain: what changed, and by how much."),
        ),
    ],
)
def test_each_fix_word_for_word(changes: dict[str, object], fix: Fix) -> None:
    assert verdict(**changes).fixes == (fix,)


def test_no_fix_for_what_a_story_does_not_lack() -> None:
    assert verdict(ownership="mixed", length="good").fixes == ()
    assert verdict(result=False, quantified=False).fixes == ()  # no ending: nothing to put a number on


def test_an_empty_answer_is_not_told_to_say_more() -> None:
    found = verdict(length="short", words=0)
    assert "length" not in [fix.signal for fix in found.fixes]


def test_explanations_get_no_story_fixes() -> None:
    found = verdict(TECHNICAL_QUESTION, story=False, situation=False, action=False, result=False)
    assert found.fixes == ()


@pytest.mark.parametrize(
    ("reason", "lead"),
    [
        (KEYWORDS, "Answer in sentences, not a list of terms: say what you would do or what happened."),
        (LANGUAGE, "Answer in English, so the feedback can read it."),
        (FILLER, "Say something new in each sentence; repeated lines do not answer the question."),
        (None, "Answer the question asked."),
        ("anything else", "Answer the question asked."),
    ],
)
def test_off_the_question_says_why(reason: str | None, lead: str) -> None:
    found = verdict(relevant=False, off_reason=reason)
    assert (found.grade, found.fixes) == (
        "not-yet",
        (Fix("relevant", f"{lead} The question: {STORY_QUESTION.question}"),),
    )


@pytest.mark.parametrize(("covered", "asks"), [(2, True), (3, False)])
def test_another_question_is_asked_about_only_below_three_fifths(covered: int, asks: bool) -> None:
    found = verdict(maybe_instead="What is a VNA?", covered=covering(covered))
    assert (bool(found.fixes) and found.fixes[0].signal == "relevant") is asks


@pytest.mark.parametrize(("covered", "fixes"), [(2, (Fix("guidance", "Cover this point too: C."),)), (3, ())])
def test_a_missed_point_is_named_only_below_three_fifths(covered: int, fixes: tuple[Fix, ...]) -> None:
    assert verdict(covered=covering(covered)).fixes == fixes


@pytest.mark.parametrize(
    ("words", "quoted"),
    [
        (16, " ".join(["word"] * 15) + " last"),  # sixteen words: all of them, the stop dropped
        (17, " ".join(["word"] * 16) + " ..."),  # seventeen: cut at sixteen
    ],
)
def test_asked_words_are_cut_at_sixteen(words: int, quoted: str) -> None:
    phrase = " ".join(["word"] * (words - 1) + ["last."])
    assert verdict(asked={"blame": phrase}).fixes[0].advice == (
        f"Is anyone blamed here? You said “{quoted}”."
        " If that reads as fault-finding, say what you did about it instead."
    )


@pytest.mark.parametrize(
    ("point", "short"),
    [
        ("One two three, four five", "One two three, four five"),  # three words before the comma: kept whole
        ("One two three four, five six", "One two three four"),  # four words: enough on its own
        ("Name tools such as logs", "Name tools such as logs"),
        ("Name the useful tools such as logs", "Name the useful tools"),
        ("Say it. ", "Say it"),
    ],
)
def test_headline_edges(point: str, short: str) -> None:
    assert headline(point) == short
