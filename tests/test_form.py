"""Story or explanation: the answer decides, the question's type only breaks a near tie."""

from __future__ import annotations

import pytest

from pacs_interview.bank import QuestionType
from pacs_interview.feedback.answer_rules import steps_told
from pacs_interview.feedback.form import EXPLANATION, STORY, answer_form, tenses


@pytest.mark.parametrize(
    ("answer", "form"),
    [
        (
            "Last March our MR scanner stopped sending. I checked the AE title, fixed the typo and resent the queue.",
            STORY,
        ),
        ("C-FIND queries the archive; C-MOVE asks it to send the studies on to a named destination.", EXPLANATION),
        # a plan, even with a past step in it
        (
            "I'd ping the node first. Then I'd run a C-ECHO, as I did once before, and I'd compare the AE titles.",
            EXPLANATION,
        ),
        # an explanation that closes on an anecdote
        (
            "PACS is where the images live. Modalities send them over DICOM and radiologists read them on a"
            " workstation. The RIS sends the orders, and the reports go back to the EMR. It is what every"
            " department depends on. On my placement I followed one CT from the scanner and watched it reach ED.",
            EXPLANATION,
        ),
        # a war story told for a technical question is a story
        (
            "We hit this last year. The 3D server accepted JPEG 2000 and then failed to open it. I pulled a file,"
            " read its transfer syntax, and set the route to send uncompressed. Every study loaded the next day.",
            STORY,
        ),
    ],
)
def test_the_answer_decides_its_form(answer: str, form: str) -> None:
    assert answer_form(answer, QuestionType.technical) == form


def test_one_step_told_is_a_story_only_where_the_question_asks_for_one() -> None:
    answer = "A C-ECHO is the DICOM ping: it opens an association and closes it. I rang the vendor about one."
    assert answer_form(answer, QuestionType.behavioral) == STORY
    assert answer_form(answer, QuestionType.technical) == EXPLANATION  # near miss: colour in an explanation


def test_a_deed_named_inside_a_clause_is_not_a_step_told() -> None:
    assert steps_told("The ticket says who I told and what I checked.") == 0
    assert steps_told("I told the ward and I checked the queue.") == 2


def test_tenses_count_sentences_not_verbs() -> None:
    assert tenses("It failed. We restarted it and it worked. The archive is a cluster. You can query it.") == (2, 2)
    assert tenses("Typographic apostrophes: it didn’t work.") == (1, 0)
