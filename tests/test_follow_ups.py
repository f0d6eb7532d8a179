"""The interviewer's follow-up: each gap that triggers one, the near misses that do not, then the bank's own."""

from __future__ import annotations

import random
from typing import Any

import pytest

from pacs_interview.bank import QuestionType, load_bank
from pacs_interview.feedback.analysis import analyze
from pacs_interview.session.follow_ups import (
    BANK,
    BLAME,
    NO_RESULT,
    NO_SCALE,
    ONLY_WE,
    PROBES,
    REASONS,
    VAGUE,
    WHY_ASKED,
    FollowUp,
    choose_follow_up,
    lacks,
)
from tests.test_panel import make


def feedback(**signals: Any) -> dict[str, Any]:
    """Feedback of a complete, owned, quantified story; `signals` take parts of it away."""
    return {
        "star": {"situation": True, "task": True, "action": True, "result": True},
        "quantified": True,
        "ownership": "I",
        "red_flags": [],
        **signals,
    }


def flags(*kinds: str) -> list[dict[str, str]]:
    return [{"kind": kind, "phrase": "…", "point": ""} for kind in kinds]


NO_ENDING = {"situation": True, "task": True, "action": True, "result": False}
SCENE_AND_STEPS_ONLY = {"situation": True, "task": False, "action": True, "result": True}


@pytest.mark.parametrize(
    ("signals", "gap"),
    [
        ({"red_flags": flags("vague")}, VAGUE),
        ({"red_flags": flags("blame")}, BLAME),
        ({"red_flags": flags("no-result"), "star": NO_ENDING}, NO_RESULT),
        ({"ownership": "we"}, ONLY_WE),
        ({"quantified": False}, NO_SCALE),
        ({"quantified": False, "star": SCENE_AND_STEPS_ONLY}, NO_SCALE),  # the task is not needed for a story
        ({"quantified": False, "form": "story"}, NO_SCALE),
        # Several gaps: the one an interviewer presses first.
        ({"red_flags": flags("no-result", "blame", "vague"), "ownership": "we"}, VAGUE),
        ({"red_flags": flags("no-result", "blame"), "ownership": "we"}, BLAME),
        ({"red_flags": flags("no-result"), "ownership": "we", "quantified": False}, NO_RESULT),
        ({"ownership": "we", "quantified": False}, ONLY_WE),
        # An ending the feedback only asks about ("Did you say how it ended?") is pressed on too.
        ({"star": NO_ENDING, "verdict": {"grade": "close", "fixes": [{"signal": "result", "advice": "?"}]}}, NO_RESULT),
    ],
)
def test_each_gap_triggers_its_follow_up(signals: dict[str, Any], gap: str) -> None:
    assert lacks(feedback(**signals)) == gap


@pytest.mark.parametrize(
    "signals",
    [
        pytest.param({}, id="nothing missing"),
        pytest.param({"red_flags": flags("deflection")}, id="deflection is not blame"),
        pytest.param({"star": NO_ENDING}, id="no ending found, but no no-result flag raised"),
        pytest.param({"ownership": "mixed"}, id="mixed is not only we"),
        pytest.param({"ownership": "none"}, id="no pronouns at all is not only we"),
        pytest.param({"quantified": False, "star": NO_ENDING}, id="no number, but no ending to put one on"),
        pytest.param(
            {"quantified": False, "star": {"situation": False, "task": False, "action": True, "result": True}},
            id="no number in an explanation without a scene",
        ),
        pytest.param({"quantified": False, "form": "explanation"}, id="no number in an explanation"),
        pytest.param({"red_flags": [{"phrase": "no kind"}, "not an object"]}, id="flags of the wrong shape"),
        pytest.param({"star": "not an object", "quantified": False}, id="star of the wrong shape"),
        pytest.param(
            {"verdict": {"grade": "close", "fixes": [{"signal": "situation", "advice": "Set the scene."}]}},
            id="a fix about something other than the ending",
        ),
        pytest.param({"verdict": {"grade": "close", "fixes": "not a list"}}, id="fixes of the wrong shape"),
    ],
)
def test_near_misses_trigger_nothing(signals: dict[str, Any]) -> None:
    assert lacks(feedback(**signals)) is None


QUESTION = make("q", QuestionType.behavioral, ("A",), follow_ups=("What would you automate?", "Who else was involved?"))
NO_FOLLOW_UPS = make("q", QuestionType.behavioral, ("A",))


def test_a_gap_asks_its_probe_even_when_the_time_is_up_or_the_bank_has_its_own() -> None:
    chosen = choose_follow_up(QUESTION, feedback(ownership="we"), random.Random(1), time_left=False)
    assert chosen == FollowUp(ONLY_WE, PROBES[ONLY_WE])


def test_without_a_gap_one_of_the_question_s_own_follow_ups() -> None:
    asked = {choose_follow_up(QUESTION, feedback(), random.Random(seed)) for seed in range(20)}
    assert asked == {FollowUp(BANK, "What would you automate?"), FollowUp(BANK, "Who else was involved?")}


def test_nothing_when_there_is_no_gap_and_no_follow_up_of_its_own_or_no_time() -> None:
    assert choose_follow_up(NO_FOLLOW_UPS, feedback(), random.Random(1)) is None
    assert choose_follow_up(QUESTION, feedback(), random.Random(1), time_left=False) is None


def test_every_reason_says_why_it_was_asked() -> None:
    assert set(WHY_ASKED) == set(REASONS) == {*PROBES, BANK}


BUNDLED = load_bank(None)
STORY_QUESTION = BUNDLED.get("mid-saying-no-to-clinician")


@pytest.mark.parametrize(
    ("answer", "gap"),
    [
        ("I always try my best and work hard on things, and it usually works out fine in the end.", VAGUE),
        (
            "Last spring a consultant asked me to give a registrar his login. It was the vendor's fault really: their"
            " training never covered delegated access, so I set him up with a proper account of his own that day.",
            BLAME,
        ),
        (
            "Last year a consultant asked me for direct archive access for his research team. I checked the"
            " governance rules with the privacy officer, then I wrote to him and offered a de-identified export"
            " through our research pathway instead.",
            NO_RESULT,
        ),
        (
            "Last year a consultant asked us for direct archive access for his research team. We checked the"
            " information governance rules, we met the privacy officer, and we offered a de-identified export instead.",
            ONLY_WE,
        ),
        (
            "Last year a consultant asked me for direct archive access for his research team. I checked the"
            " governance rules, met the privacy officer and offered a de-identified export instead. He agreed, and"
            " the study went ahead without any breach.",
            NO_SCALE,
        ),
        (
            "Last year a consultant asked me for direct archive access for his research team. I checked the"
            " governance rules, met the privacy officer and offered a de-identified export of 400 studies instead."
            " He agreed, and the study went ahead two weeks later without any breach.",
            None,
        ),
    ],
    ids=["vague", "blame", "no ending", "only we", "no scale", "complete"],
)
def test_real_answers_reach_the_follow_up_they_call_for(answer: str, gap: str | None) -> None:
    assert lacks(analyze(STORY_QUESTION, answer).to_json()) == gap
