"""Ticks only on evidence: the bank's cues, the strict fallback, the gates, and the quotes each tick shows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pacs_interview.bank import QuestionType
from pacs_interview.feedback.analysis import analyze
from tests.test_feedback import make_question

POINTS = (
    "Check the rollback plan with the vendor before the night.",
    "Make sure both patients are identified before any merge.",
)
CUED = replace(
    make_question(QuestionType.situational, points=POINTS),
    look_for=(("rollback plan", "back-out plan"), ("two identifiers", "modality worklist")),
)


def ticks(answer: str, question: object = CUED) -> list[tuple[bool, tuple[str, ...]]]:
    return [(point.covered, point.evidence) for point in analyze(question, answer).guidance]  # type: ignore[arg-type]


def test_a_cue_ticks_its_point_and_the_tick_quotes_the_answer() -> None:
    answer = "Before the upgrade I would agree a rollback plan with the vendor and rehearse it on the test system."
    assert ticks(answer)[0] == (True, ("…I would agree a rollback plan with the vendor and…",))


def test_a_cue_matches_with_a_word_between_and_through_a_glossary_synonym() -> None:
    assert ticks("I always check two patient identifiers before I merge anything.")[1][0] is True
    assert ticks("I query the DMWL to see which patient the scanner picked.")[1][0] is True


@pytest.mark.parametrize(
    "answer",
    [
        "I would go ahead without a rollback plan, since the vendor said it was safe.",  # denied
        "I never had a rollback plan for that kind of change, to be honest with you.",
        "A rollback plan is the vendor's job, not mine, so I'd leave that to them.",  # disowned
    ],
)
def test_a_cue_that_is_denied_or_disowned_ticks_nothing(answer: str) -> None:
    assert ticks(answer)[0] == (False, ())


def test_without_cues_generic_words_never_tick_a_point() -> None:
    question = make_question(points=("Tell the patient what went wrong and check the system.",))
    answer = "I told the patient the system was wrong, then I checked the system again and told them."
    assert ticks(answer, question) == [(False, ())]


def test_without_cues_a_distinctive_term_or_two_distinctive_words_in_one_sentence_tick() -> None:
    question = make_question(points=("Say how you restored the archive index from the nightly snapshot.",))
    assert ticks("We restored the index from last night's snapshot within the hour.", question)[0][0] is True
    # near miss: the same words, but in different sentences, show nothing
    assert ticks("We restored it. The index was fine. There was a snapshot.", question)[0][0] is False


def test_without_cues_two_denied_words_in_one_sentence_tick_nothing() -> None:
    question = make_question(points=("Say how you restored the archive index from the nightly snapshot.",))
    answer = "We never restored the index, and there was no snapshot to restore it from anyway."
    assert ticks(answer, question) == [(False, ())]


def test_story_parts_are_never_ticked_in_an_explanation() -> None:
    answer = "A C-ECHO opens an association and closes it; a C-STORE sends the image; C-FIND queries the archive."
    feedback = analyze(make_question(QuestionType.technical), answer)
    assert feedback.form == "explanation"
    assert feedback.guidance[0].covered is False  # the STAR point


def test_an_answer_off_the_question_ticks_nothing_however_many_cues_it_names() -> None:
    assert ticks("rollback plan, back-out plan, two identifiers, modality worklist, DICOM, HL7") == [(False, ())] * 2


def test_a_vague_answer_ticks_nothing() -> None:
    assert ticks("I would look into it and make sure the rollback plan is in place properly.") == [(False, ())] * 2
