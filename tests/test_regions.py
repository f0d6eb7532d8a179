"""Terms missed: only what the question's own words call for, never PACS, never another jurisdiction's law."""

from __future__ import annotations

from dataclasses import replace

from pacs_interview.bank import QuestionType
from pacs_interview.bank.model import REGIONS
from pacs_interview.feedback.analysis import analyze
from pacs_interview.feedback.glossary import bundled_glossary
from pacs_interview.feedback.regions import bundled_regions
from tests.test_feedback import make_question

SECURITY = make_question(
    QuestionType.competency,
    points=(
        "Name the rules that apply where you work, such as HIPAA in the US or the GDPR in the UK and EU.",
        "Explain role-based access and the audit trail in the PACS.",
    ),
    example=(
        "Our PACS follows HIPAA and the GDPR where each applies. Access is role-based, every view goes to the"
        " audit trail, and at my last teaching hospital a teleradiology firm read our nights."
    ),
)


def missed(answer: str, question: object = SECURITY) -> tuple[str, ...]:
    return analyze(question, answer).terms_missing  # type: ignore[arg-type]


def test_the_bundled_jurisdictions_are_valid_and_name_the_laws() -> None:
    regions = bundled_regions()
    assert all(places and places <= set(REGIONS) for places in regions.terms.values())
    assert regions.terms["HIPAA"] == {"us"} and regions.terms["GDPR"] == {"uk", "eu"}
    assert regions.terms["DSPT"] == {"uk"} and regions.terms["NIS2"] == {"eu"}
    assert set(regions.terms) <= set(bundled_glossary().names)
    assert all(places and places <= set(REGIONS) for places in regions.markers.values())
    assert regions.markers[("nhs",)] == {"uk"} and regions.markers[("uk", "gdpr")] == {"uk"}


def test_an_answer_set_in_an_nhs_trust_is_not_told_it_missed_hipaa() -> None:
    answer = "In our NHS trust the PACS gives each user a role, and we review who opened what every month."
    assert missed(answer) == ("GDPR", "audit trail")


def test_an_answer_set_in_the_us_is_told_it_missed_hipaa_and_not_the_gdpr() -> None:
    answer = "At our hospital in Ohio, Medicare audits mean each user has a role and access is reviewed."
    assert missed(answer) == ("HIPAA", "audit trail")


def test_an_answer_that_names_no_place_is_told_no_law() -> None:
    assert missed("Each user has a role in the PACS, and access is reviewed monthly.") == ("audit trail",)


def test_a_question_set_in_one_jurisdiction_lists_its_law() -> None:
    assert missed("Each user has a role.", replace(SECURITY, region=("us",))) == ("HIPAA", "audit trail")


def test_terms_only_the_examples_story_uses_are_never_listed_nor_pacs() -> None:
    found = missed("Each user has a role.")
    assert "teleradiology" not in found and "PACS" not in found
