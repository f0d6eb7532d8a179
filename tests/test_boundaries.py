"""Every threshold tested on both sides of its edge, with the numbers written out.

A test far from an edge passes whether the code says `<` or `<=`; these fail on either mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pacs_interview.bank import QuestionType
from pacs_interview.bank.check import check_banks
from pacs_interview.feedback.analysis import analyze, related_point
from pacs_interview.feedback.answer_rules import looks_english
from pacs_interview.session.summary import format_seconds
from tests.test_bank_check import strict_question
from tests.test_feedback import make_question

# ---------------------------------------------------------------- answer length per question type

# Speaking time is words at 130 a minute, rounded: 128 words are 59 s, 129 are 60 s, 391 are 180 s,
# 392 are 181 s; 96 words are 44 s, 97 are 45 s; 63 are 29 s, 64 are 30 s; 326 are 150 s, 327 are 151 s.


@pytest.mark.parametrize(
    ("kind", "words", "length"),
    [
        (QuestionType.behavioral, 128, "short"),
        (QuestionType.behavioral, 129, "good"),
        (QuestionType.behavioral, 391, "good"),
        (QuestionType.behavioral, 392, "long"),
        (QuestionType.situational, 128, "short"),
        (QuestionType.situational, 129, "good"),
        (QuestionType.situational, 391, "good"),
        (QuestionType.situational, 392, "long"),
        (QuestionType.leadership, 128, "short"),
        (QuestionType.leadership, 129, "good"),
        (QuestionType.leadership, 391, "good"),
        (QuestionType.leadership, 392, "long"),
        (QuestionType.competency, 96, "short"),
        (QuestionType.competency, 97, "good"),
        (QuestionType.competency, 391, "good"),
        (QuestionType.competency, 392, "long"),
        (QuestionType.technical, 63, "short"),
        (QuestionType.technical, 64, "good"),
        (QuestionType.technical, 326, "good"),
        (QuestionType.technical, 327, "long"),
    ],
)
def test_length_edges_per_question_type(kind: QuestionType, words: int, length: str) -> None:
    assert analyze(make_question(kind), "word " * words).length == length


# ---------------------------------------------------------------- the example answer's length (validate --strict)


@pytest.mark.parametrize(
    ("words", "problems"),
    [
        (89, ["mid-edge: example_answer has 89 words; 90 to 260 wanted"]),
        (90, []),
        (260, []),
        (261, ["mid-edge: example_answer has 261 words; 90 to 260 wanted"]),
    ],
)
def test_example_answer_length_edges(write_bank: Callable[..., Path], words: int, problems: list[str]) -> None:
    question = strict_question("mid-edge", "How do you test a DICOM link?", example_answer=" ".join(["word"] * words))
    report = check_banks([write_bank("version: 1\nquestions:\n" + question)], strict=True)
    assert [problem.message for problem in report.problems] == problems


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, "-"),
        (0, "0s"),
        (59.4, "59s"),
        (59.5, "1m 00s"),  # rounded first, then formatted
        (60, "1m 00s"),
        (61, "1m 01s"),
        (3599, "59m 59s"),
        (3600, "1h 00m"),
        (3659, "1h 00m"),
        (3660, "1h 01m"),
        (36000 + 7 * 60, "10h 07m"),
    ],
)
def test_duration_edges(seconds: float | None, shown: str) -> None:
    assert format_seconds(seconds) == shown


# ---------------------------------------------------------------- English or not


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ([], False),
        (["the"] + ["dicom"] * 9, True),  # one function word in ten
        (["the"] + ["dicom"] * 10, False),  # one in eleven
        (["the", "of"] + ["dicom"] * 18, True),
        (["the", "of"] + ["dicom"] * 19, False),
    ],
)
def test_english_edge_is_one_function_word_in_ten(words: list[str], english: bool) -> None:
    assert looks_english(words) is english


def test_english_reads_only_the_first_2000_words() -> None:
    opening = ["dicom"] * 1800 + ["the"] * 200  # exactly one in ten
    assert looks_english(opening + ["dicom"] * 5000) is True  # what follows is not read
    assert looks_english(["dicom"] + opening) is False  # the last "the" is pushed past the sample


# ---------------------------------------------------------------- the what-not-to-say point a flag relates to


def test_the_first_of_two_equally_related_points_wins() -> None:
    points = ["Blaming the vendor.", "Blaming the vendor's team."]  # blame and vendor in both; team only in one
    assert related_point("blame", points) == points[1]
    tied = ["Blaming the vendor.", "Blaming the vendor, always."]
    assert related_point("blame", tied) == tied[0]
    assert related_point("blame", list(reversed(tied))) == tied[1]


def test_a_point_sharing_no_keyword_is_never_related() -> None:
    assert related_point("blame", ["Using jargon without explaining it."]) is None
    assert related_point("blame", []) is None


# ---------------------------------------------------------------- a how-to-answer point covered by its words


def coverage(answer: str) -> tuple[bool, tuple[str, ...]]:
    """Whether `answer` covers a point with two words of its own (rota, handover), and the quotes shown."""
    from pacs_interview.feedback.guidance_match import AnswerFacts, cover_points

    point = "Say who keeps the rota and when the handover happens."
    facts = AnswerFacts(answer, (None, None, None, None), None, vague=False)
    (covered,) = cover_points("How do you run a night shift?", [point], answer, [], facts)
    return covered.covered, covered.evidence


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The handover was quick.", (False, ())),  # one of the point's words: not enough
        ("The handover was quick. My rota too.", (False, ())),  # two, but in two sentences
        ("The handover follows my rota.", (True, ("The handover follows my rota",))),  # two in one sentence
        ("handover " + "x " * 10 + "rota", (True, ("handover x x x x x x x x x x rota",))),  # one quote: 12 words
        ("handover " + "x " * 11 + "rota", (True, ("handover x x x x…",))),  # 13 words: the first word's quote
    ],
)
def test_two_words_of_a_point_in_one_sentence_cover_it(answer: str, expected: tuple[bool, tuple[str, ...]]) -> None:
    assert coverage(answer) == expected
