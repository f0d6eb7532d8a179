"""Whether an answer addresses the question: each reason it may not, and the near misses that still do."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pacs_interview.bank import load_bank
from pacs_interview.feedback import relevance
from pacs_interview.feedback.analysis import analyze

BANK = load_bank()


def reason(question_id: str, answer: str) -> str | None:
    feedback = analyze(BANK.get(question_id), answer)
    if feedback.relevant:
        return None
    (fix,) = feedback.verdict.fixes
    assert fix.signal == "relevant"
    return fix.advice


@pytest.mark.parametrize(
    ("answer", "advice"),
    [
        ("", "Answer the question asked."),
        (
            "Me gustaría hablar de mi experiencia con el sistema PACS en el hospital, donde trabajé tres años.",
            "Answer in English, so the feedback can read it.",
        ),
        ("C-STORE, C-FIND, C-MOVE, C-ECHO, SCU, SCP, AE title, port 104", "Answer in sentences, not a list of terms"),
        ("- C-STORE\n- C-FIND\n- C-MOVE\n- association\n- AE title", "Answer in sentences, not a list of terms"),
        (
            "\n".join(["I am a hard worker and a team player who always gives a hundred percent."] * 18),
            "Say something new in each sentence",
        ),
        (
            "Ha, sorry, bit of a scramble getting here, the traffic was brutal this morning. Lovely to meet you all,"
            " I've heard great things about the team.",
            "Answer the question asked.",
        ),
        # terms read as English prose: short pieces only, the longest three words
        ("Patient, series, study. Tags and elements. UIDs. VR.", "Answer in sentences, not a list of terms"),
        ("Empathy. Honesty. Quick wins. Leading by example.", "Answer in sentences, not a list of terms"),
        # stalling: the question put off
        (
            "Ooh. That's a tricky one, actually. Um, sorry, my mind has gone blank. Can I come back to that one?",
            "Answer the question asked.",
        ),
    ],
)
def test_an_answer_off_the_question_gets_one_fix_naming_the_question(answer: str, advice: str) -> None:
    question = BANK.get("junior-dimse-services-roles")
    found = reason(question.id, answer)
    assert found is not None and found.startswith(advice)
    assert found.endswith(f"The question: {question.question}")


def test_eight_words_unrelated_to_a_user_support_question_are_off_it() -> None:
    question = BANK.get("mid-supporting-clinical-users")
    assert reason(question.id, "I like working with computers and solving puzzles.") == (
        f"Answer the question asked. The question: {question.question}"
    )


def test_another_questions_answer_is_off_the_question() -> None:
    answer = (
        "DICOM is the standard for medical images. A C-STORE sends images from the modality to the PACS, C-FIND"
        " queries the archive and C-MOVE asks the archive to send studies to a destination AE title."
    )
    feedback = analyze(BANK.get("manager-team-morale-recovery"), answer)
    assert (feedback.relevant, feedback.verdict.grade, feedback.covered) == (False, "not-yet", [False] * 5)


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        # a terse bullet list still has its function words
        (
            "senior-new-ct-association-rejected",
            "- check the AE title on both sides\n- run a C-ECHO from the scanner\n- look at the association log",
        ),
        # short, vague, but on the question
        (
            "manager-team-morale-recovery",
            "I noticed morale was low so I had some conversations with people and tried to make some changes to help.",
        ),
        # near miss: three short pieces are not yet a list
        ("senior-new-ct-association-rejected", "Restart the service. Check AE titles. Ping scanner."),
        # near miss: one piece long enough to be a sentence among short ones
        ("junior-dicom-data-model", "Patient, study, series. Instance UIDs and tags."),
        # near miss: terse instructions keep their function words
        (
            "junior-dimse-services-roles",
            "Send with C-STORE. Query with C-FIND. Retrieve with C-MOVE. Test with C-ECHO.",
        ),
        # a single word in another language is too little to judge
        ("junior-what-is-pacs", "Sí."),
        # vague, nothing of the question's own words, but about the work
        (
            "junior-troubleshooting-story",
            "There was a time when a system wasn't working properly and users kept complaining. I looked into it.",
        ),
    ],
)
def test_near_misses_stay_on_the_question(question_id: str, answer: str) -> None:
    assert analyze(BANK.get(question_id), answer).relevant is True


def test_every_example_answer_is_on_its_own_question() -> None:
    off = [q.id for q in BANK.questions if not analyze(q, q.example_answer).relevant]
    assert off == []


def test_a_question_outside_the_bundled_bank_is_judged_against_its_own_words() -> None:
    question = BANK.get("junior-dimse-services-roles")
    custom = replace(question, id="team-dimse", question="Which DIMSE services does a CT scanner use, and why?")
    answer = "The scanner uses C-STORE to send images to the PACS as SCU, and C-ECHO to test the association."
    assert analyze(custom, answer).relevant is True


def test_filler_needs_repetition_not_just_a_short_answer() -> None:
    assert relevance.filler(["perform", "import"] * 10) is True
    assert relevance.filler([f"word{n}" for n in range(20)]) is False
    assert relevance.filler(["perform", "import"] * 5) is False  # too short to call


def test_a_story_for_a_question_asking_for_one_is_never_called_another_questions_answer() -> None:
    # The closest question is the one about C-MOVE destinations; a fault story may be about anything.
    answer = (
        "Last winter our radiologists could search the regional archive but could not retrieve anything from it."
        " I confirmed C-FIND worked and C-MOVE failed with move destination unknown, so I compared the AE title,"
        " IP and port of our workstations with the archive's node list and found the archive had lost our entries"
        " after its upgrade. I re-added them with the vendor, retrieves worked within the hour, and we added a node"
        " check to the upgrade plan."
    )
    feedback = analyze(BANK.get("mid-critical-pacs-issue"), answer)
    assert (feedback.relevant, feedback.form) == (True, "story")
    assert feedback.verdict.grade != "not-yet"


def test_an_answer_closest_to_a_sibling_question_stays_on_its_own() -> None:
    # The UK and EU data-protection question and its subject-access sibling share most of their words.
    answer = (
        "We run PACS for a hospital group in Ireland and the Netherlands, so GDPR is our baseline. We keep a record"
        " of processing for imaging, a data protection impact assessment for each new use of the archive, and we"
        " pseudonymise any dataset before it leaves for research. Subject access requests come to us through the"
        " data protection officer, and we return the images and the access log within ten working days."
    )
    assert analyze(BANK.get("lead-data-regulation-compliance"), answer).relevant is True
