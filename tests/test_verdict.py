"""The verdict: how the signals make a grade, and which fixes come first, asked where the engine is unsure."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pacs_interview.bank import QuestionType
from pacs_interview.feedback.relevance import KEYWORDS
from pacs_interview.feedback.verdict import MAX_FIXES, Fix, Signals, Verdict, headline, judge
from tests.test_feedback import make_question

STORY_QUESTION = make_question(QuestionType.behavioral, points=("A", "B", "C", "D", "E"))
TECHNICAL_QUESTION = make_question(QuestionType.technical, points=("A", "B", "C", "D", "E"))

# A complete story: on the question, every STAR part, four points of five, a number, no flag.
STRONG_STORY = Signals(
    relevant=True,
    off_reason=None,
    maybe_instead=None,
    story=True,
    words=220,
    length="good",
    covered=[True, True, True, True, False],
    flags=frozenset(),
    situation=True,
    action=True,
    result=True,
    result_doubtful=False,
    quantified=True,
    ownership="I",
)


def verdict(question: object = STORY_QUESTION, **changes: object) -> Verdict:
    return judge(question, replace(STRONG_STORY, **changes))  # type: ignore[arg-type]


def signals_of(found: Verdict) -> list[str]:
    return [fix.signal for fix in found.fixes]


def test_a_complete_story_covering_most_points_is_strong_with_a_fix_only_for_the_point_left() -> None:
    found = verdict()
    assert (found.grade, signals_of(found)) == ("strong", [])
    assert verdict(covered=[True, True, True, False, False]).grade == "strong"  # three of five is most
    assert verdict(covered=[True, True, False, False, False]).grade == "close"  # near miss: two of five


def test_off_the_question_is_not_yet_with_one_fix_whatever_else_is_true() -> None:
    found = verdict(relevant=False, off_reason=KEYWORDS, flags=frozenset({"blame"}))
    assert found.grade == "not-yet"
    (fix,) = found.fixes
    assert fix.signal == "relevant"
    assert fix.advice == (
        "Answer in sentences, not a list of terms: say what you would do or what happened."
        " The question: Tell me about a technical problem you had to work through on a system."
    )


@pytest.mark.parametrize(
    ("changes", "grade"),
    [
        ({"flags": frozenset({"vague"})}, "not-yet"),
        ({"words": 30}, "not-yet"),  # thin: about fourteen seconds of speech
        ({"covered": [False] * 5, "situation": False}, "not-yet"),
        ({"flags": frozenset({"blame"})}, "close"),  # a mild flag in a sound answer
        ({"flags": frozenset({"blame"}), "covered": [True, False, False, False, False]}, "not-yet"),
        ({"flags": frozenset({"deflection"}), "covered": [True, True, False, False, False]}, "close"),
        ({"flags": frozenset({"no-result"}), "result": False}, "close"),
        ({"situation": False}, "close"),
    ],
)
def test_what_holds_a_story_back(changes: dict[str, object], grade: str) -> None:
    assert verdict(**changes).grade == grade


def test_blame_comes_first_among_the_fixes_and_says_what_to_do() -> None:
    found = verdict(flags=frozenset({"blame", "no-result"}), result=False)
    assert signals_of(found) == ["blame", "result"]
    assert found.fixes[0].advice.startswith("Own your part:")
    assert found.fixes[1].advice == "Say how it ended: what changed, with a number if you have one."


def test_an_ending_the_rules_could_not_find_is_asked_about_not_asserted() -> None:
    found = verdict(result=False, result_doubtful=True)
    assert found.fixes[0].signal == "result"
    assert found.fixes[0].advice.startswith("Did you say how it ended?")
    assert found.grade == "close"


def test_an_unsure_ending_quotes_the_last_words_in_its_question() -> None:
    found = verdict(result=False, result_doubtful=True, asked={"no-result": "Then I logged a ticket."})
    assert found.fixes[0].advice == (
        "Did you say how it ended? Your last words were “Then I logged a ticket”."
        " Make the outcome plain: what changed, and by how much."
    )


def test_unsure_blame_and_deflection_are_asked_about_quoting_the_words() -> None:
    found = verdict(asked={"blame": "Honestly, the vendor engineers are a joke.", "deflection": "sits with IT"})
    assert found.fixes[0] == Fix(
        "blame",
        "Is anyone blamed here? You said “Honestly, the vendor engineers are a joke”."
        " If that reads as fault-finding, say what you did about it instead.",
    )
    assert found.fixes[1] == Fix(
        "deflection",
        "Does this hand the problem to someone else? You said “sits with IT”."
        " If you kept hold of it, say what you did yourself.",
    )
    long = " ".join(["word"] * 30)
    assert "“" + " ".join(["word"] * 16) + " ...”" in verdict(asked={"blame": long}).fixes[0].advice


def test_an_asserted_flag_is_not_asked_about_again() -> None:
    found = verdict(flags=frozenset({"blame"}), asked={"blame": "their fault"})
    assert [fix.advice.split(":")[0] for fix in found.fixes] == ["Own your part"]


@pytest.mark.parametrize("kind", ["blame", "deflection"])
def test_a_question_lowers_strong_to_close_and_never_further(kind: str) -> None:
    assert verdict(asked={kind: "words"}).grade == "close"
    # near misses: it does not sink a close answer, and an asserted flag still counts as before
    assert verdict(asked={kind: "words"}, covered=[True, True, False, False, False]).grade == "close"
    assert verdict(flags=frozenset({kind}), covered=[True, False, False, False, False]).grade == "not-yet"
    assert verdict(asked={kind: "words"}, covered=[True, False, False, False, False]).grade == "close"
    assert verdict(asked={"no-result": "words"}).grade == "strong"  # an ending asked about is judged by its STAR part


def test_a_plan_given_for_a_story_question_is_close_unless_it_covers_nearly_everything() -> None:
    plan = {"story": False, "situation": False, "action": False, "result": False}
    three_of_five = [True, True, True, False, False]
    found = verdict(**plan, covered=three_of_five)
    assert (found.grade, signals_of(found)[0]) == ("close", "form")
    assert verdict(**plan).grade == "strong"  # four of five
    assert verdict(TECHNICAL_QUESTION, **plan, covered=three_of_five).grade == "strong"  # a technical question


def test_another_question_that_may_have_been_answered_is_asked_about_first() -> None:
    found = verdict(maybe_instead="What is a VNA?", covered=[True, True, False, False, False])
    assert found.fixes[0].advice == (
        "Did you answer the question asked? This reads more like an answer to “What is a VNA?”"
        " The question: Tell me about a technical problem you had to work through on a system."
    )
    assert found.grade == "close"  # asking is not judging: the grade is what the points make it
    # near miss: an answer that covers most of the points answers its question, whatever else it resembles
    assert signals_of(verdict(maybe_instead="What is a VNA?")) == []


def test_at_most_three_fixes() -> None:
    found = verdict(
        flags=frozenset({"blame", "deflection", "no-result"}),
        situation=False,
        action=False,
        result=False,
        covered=[True, True, False, False, False],
        length="short",
    )
    assert len(found.fixes) == MAX_FIXES
    assert signals_of(found) == ["blame", "deflection", "result"]


def test_json_form() -> None:
    found = verdict(result=False, result_doubtful=True)
    assert found.to_json() == {
        "grade": "close",
        "fixes": [{"signal": "result", "advice": found.fixes[0].advice}],
    }


@pytest.mark.parametrize(
    ("point", "short"),
    [
        (
            "Start with safety by restricting or flagging the study, telling the radiologist",
            "Start with safety by restricting or flagging the study",
        ),
        ("Name the tools you used, such as logs and a C-ECHO.", "Name the tools you used"),
        (
            "Explain negotiation; the sender proposes presentation contexts (an abstract syntax)",
            "Explain negotiation; the sender proposes presentation contexts",
        ),
        ("Say how it ended.", "Say how it ended"),  # near miss: nothing to cut
    ],
)
def test_a_missed_point_is_named_by_its_first_clause(point: str, short: str) -> None:
    assert headline(point) == short


def test_the_missed_point_fix_names_the_first_point_missed() -> None:
    question = make_question(QuestionType.technical, points=("Explain C-FIND, the query, at study level", "B", "C"))
    found = judge(question, replace(STRONG_STORY, story=False, covered=[False, True, False]))
    assert found.fixes[-1].advice == "Cover this point too: Explain C-FIND, the query."
