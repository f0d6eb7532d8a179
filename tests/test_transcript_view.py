"""What every transcript says, before any format's markup: stored feedback of any shape, and the gaps.

The history file keeps feedback as JSON written by any version, or edited by hand; each signal reads as
words whatever shape it has, and a missing value reads as a dash or `none`, never as `None`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pacs_interview.session.records import Rating
from pacs_interview.transcript import view
from tests.helpers import known_session


@pytest.mark.parametrize(
    ("feedback", "facts"),
    [
        (None, []),
        ({"question_id": "q", "word_count": 3}, []),  # shown on the answer's own line instead
        ({"star": "partly"}, [("STAR", ["partly"])]),
        ({"star": None}, [("STAR", ["not judged: an explanation"])]),
        ({"verdict": "odd"}, [("Verdict", ["odd"])]),
        ({"verdict": {"grade": 3, "fixes": []}}, [("Verdict", ["3"])]),
        ({"verdict": {"grade": "unheard-of"}}, [("Verdict", ["unheard-of"])]),
        ({"verdict": {"grade": None, "fixes": "later"}}, [("Verdict", ["none"]), ("Next time", ["later"])]),
        (
            {"length": "short", "verdict": {"grade": "close", "fixes": [{"advice": "Say how it ended."}, "Be brief."]}},
            [
                ("Verdict", ["Close: sound, but missing something that matters"]),
                ("Next time", ["Say how it ended.", "Be brief."]),
                ("Length", ["short"]),
            ],
        ),
        ({"star": {"situation": False, "task": False}}, [("STAR", ["covered none; missing situation, task"])]),
        ({"star": {"situation": True, "result": True}}, [("STAR", ["covered situation, result; missing none"])]),
        ({"speaking_seconds": 75}, [("Speaking time", ["about 1m 15s"])]),
        ({"speaking_seconds": "soon"}, [("Speaking time", ["soon"])]),
        ({"speaking_seconds": True}, [("Speaking time", ["yes"])]),  # a flag is not a number of seconds
        ({"red_flags": "several"}, [("Red flags", ["several"])]),
        ({"red_flags": []}, [("Red flags", ["none"])]),
        (  # a flag only asked about: "none" beside the question would contradict it
            {
                "verdict": {"grade": "close", "fixes": [{"signal": "blame", "advice": "Is anyone blamed here?"}]},
                "red_flags": [],
            },
            [
                ("Verdict", ["Close: sound, but missing something that matters"]),
                ("Next time", ["Is anyone blamed here?"]),
                ("Red flags", ["none asserted; see the question under Next time"]),
            ],
        ),
        (  # other fixes ask about no flag
            {"verdict": {"grade": "close", "fixes": [{"signal": "length", "advice": "Say more."}]}, "red_flags": []},
            [
                ("Verdict", ["Close: sound, but missing something that matters"]),
                ("Next time", ["Say more."]),
                ("Red flags", ["none"]),
            ],
        ),
        ({"red_flags": ["odd", False, {}]}, [("Red flags", ["odd", "no", "flag: “”"])]),
        (
            {"red_flags": [{"kind": "blame", "phrase": "their fault", "point": "Blaming others."}]},
            [("Red flags", ["blame: “their fault” (what not to say: Blaming others.)"])],
        ),
        ({"terms_used": 7}, [("PACS terms used", ["7"])]),
        ({"terms_used": []}, [("PACS terms used", ["none"])]),
        ({"terms_missing": ["RIS", True, None]}, [("PACS terms missing", ["RIS, yes, none"])]),
        ({"quantified": False}, [("Quantified", ["no"])]),
        ({"ownership": ["I", "é"]}, [("Ownership", ['["I", "é"]'])]),
        ({"new_signal": {"é": 1}}, [("New signal", ['{"é": 1}'])]),
        ({"guidance": [{"covered": True}, {"covered": 0}, "x"]}, [("How-to-answer points covered", ["1 of 2"])]),
        ({"length": "long\x1b[2J"}, [("Length", ["long\\x1b[2J"])]),
    ],
)
def test_feedback_of_any_shape_reads_as_words(feedback: dict[str, Any] | None, facts: list[Any]) -> None:
    assert view.feedback_facts(feedback) == facts


def test_point_marks_come_from_the_guidance_list_only_with_quotes_only_when_covered() -> None:
    guidance = [
        {"point": "Name it", "covered": True, "evidence": ["ran a \x1b[1mC-ECHO"]},
        {"point": "Say \x07 why", "covered": 0, "evidence": ["stray"]},
        {"covered": True, "evidence": "not a list"},
        "not an object",
    ]
    assert view.point_marks({"guidance": guidance}) == {
        "Name it": view.Mark(True, ["ran a \\x1b[1mC-ECHO"]),
        "Say \\x07 why": view.Mark(False, []),
        "None": view.Mark(True, []),
    }
    assert view.point_marks({"guidance": "all"}) == {}
    assert view.point_marks(None) == {}


def test_a_session_with_no_end_and_no_rating_shows_dashes() -> None:
    session = known_session()
    unrated = tuple(replace(answer, rating=None) for answer in session.answers)
    facts = dict(view.header_facts(replace(session, ended_at=None, answers=unrated)))
    assert (facts["Ended"], facts["Average rating"]) == ("-", "-")
    assert facts["Duration"] == "4m 00s"  # to the last answer saved


def test_ratings_read_as_their_names() -> None:
    assert [view.rating_text(rating) for rating in (None, Rating.again, Rating.easy)] == [
        "not rated",
        "again (1 of 4)",
        "easy (4 of 4)",
    ]


def test_a_question_snapshot_missing_a_field_shows_nothing_for_it() -> None:
    item = view.Item(
        1, {"id": "q-1", "how_to_answer": [{"point": "Say it", "look_for": ["x"]}, {"look_for": []}]}, None
    )
    assert (item.text("question"), item.text("id")) == ("", "q-1")
    assert item.texts("how_to_answer") == ["Say it", ""]
    assert item.texts("skills") == []


def test_filters_read_the_same_in_an_error_as_in_history_and_a_shell_takes_them_back() -> None:
    from pacs_interview.bank import Filters, Level, Region
    from pacs_interview.session.summary import describe_filters

    filters = Filters((Level.junior,), (), ("Modality worklist", "it's", "dicom"), Region.uk)
    typed = "--level junior --skill 'Modality worklist' --skill 'it'\"'\"'s' --skill dicom --region uk"
    assert filters.describe() == describe_filters(filters.to_json()) == typed
    assert (Filters().describe(), describe_filters(Filters().to_json())) == ("no filters", "all questions")


@pytest.mark.parametrize("signal", ["blame", "deflection", "result"])
def test_no_red_flag_beside_a_question_about_one_reads_as_none_asserted(signal: str) -> None:
    feedback = {"verdict": {"grade": "close", "fixes": [{"signal": signal, "advice": "Did you?"}]}, "red_flags": []}
    assert view.feedback_facts(feedback)[-1] == ("Red flags", ["none asserted; see the question under Next time"])
