"""`validate --strict`: each editorial check fires, and the bundled bank meets them all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from pacs_interview.bank import Level, QuestionType, load_bank
from pacs_interview.bank.check import check_banks

FULL_ANSWER = " ".join(["word"] * 120)


def strict_question(qid: str, question: str, skills: str = "[Communication, Problem Solving]", **extra: str) -> str:
    fields = {
        "id": qid,
        "level": "mid",
        "type": "technical",
        "question": question,
        "introduction": "Why it is asked.",
        "how_to_answer": "[One, Two, Three, Four]",
        "what_not_to_say": "[One, Two, Three]",
        "example_answer": FULL_ANSWER,
        "skills": skills,
        **extra,
    }
    lines = [f"    {key}: {value}" for key, value in fields.items()]
    return "  - " + "\n".join(lines).lstrip() + "\n"


def strict_messages(write_bank: Callable[..., Path], *questions: str) -> list[str]:
    path = write_bank("version: 1\nquestions:\n" + "".join(questions))
    report = check_banks([path], strict=True)
    return [p.message for p in report.problems]


def test_a_complete_question_passes(write_bank: Callable[..., Path]) -> None:
    assert strict_messages(write_bank, strict_question("mid-a", "How do you test a DICOM link?")) == []


def test_completeness_thresholds(write_bank: Callable[..., Path]) -> None:
    thin = strict_question(
        "mid-thin",
        "What is an accession number?",
        skills="[Communication]",
        how_to_answer="[One, Two, Three]",
        what_not_to_say="[One, Two]",
        example_answer="Too short.",
    )
    assert strict_messages(write_bank, thin) == [
        "mid-thin: how_to_answer has 3 points; at least 4 wanted",
        "mid-thin: what_not_to_say has 2 points; at least 3 wanted",
        "mid-thin: skills has 1 skills; at least 2 wanted",
        "mid-thin: example_answer has 2 words; 90 to 260 wanted",
    ]


def test_long_example_answer(write_bank: Callable[..., Path]) -> None:
    long = strict_question("mid-long", "Why prefetch priors?", example_answer=" ".join(["word"] * 261))
    assert strict_messages(write_bank, long) == ["mid-long: example_answer has 261 words; 90 to 260 wanted"]


def test_skill_outside_the_vocabulary(write_bank: Callable[..., Path]) -> None:
    odd = strict_question("mid-odd", "How do you plan storage?", skills="[Communicaton, Juggling]")
    assert strict_messages(write_bank, odd) == [
        "mid-odd: skill 'Communicaton' is not in the skill vocabulary (did you mean 'Communication'?)",
        "mid-odd: skill 'Juggling' is not in the skill vocabulary",
    ]


def test_near_duplicate_wording(write_bank: Callable[..., Path]) -> None:
    first = strict_question(
        "mid-one", "How do you ensure compliance with regulations and standards in PACS management?"
    )
    second = strict_question(
        "mid-two", "How do you ensure compliance with industry standards and regulations in managing PACS systems?"
    )
    different = strict_question("mid-three", "How do you ensure a radiologist can read priors quickly?")
    messages = strict_messages(write_bank, first, second, different)
    assert len(messages) == 1
    assert messages[0].startswith("mid-two: wording nearly the same as 'mid-one' at ")


def test_strict_problems_through_the_cli(run: Callable[..., Result], write_bank: Callable[..., Path]) -> None:
    path = write_bank("version: 1\nquestions:\n" + strict_question("mid-odd", "Why?", skills="[Juggling, Leadership]"))
    lenient = run("validate", str(path))
    assert lenient.exit_code == 0, lenient.output
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert strict.stdout == f"{path}:3:5: mid-odd: skill 'Juggling' is not in the skill vocabulary\n"
    assert strict.stderr == f"error: 1 problem in {path}\n"


def test_bundled_bank_breadth() -> None:
    questions = load_bank().questions
    assert len(questions) >= 60
    per_level = Counter(q.level for q in questions)
    per_type = Counter(q.type for q in questions)
    assert all(per_level[level] >= 10 for level in Level), per_level
    assert all(per_type[kind] >= 8 for kind in QuestionType), per_type
    for level in Level:
        assert len({q.type for q in questions if q.level is level}) >= 3, level


def test_bundled_bank_keeps_the_seed_questions_and_their_skills() -> None:
    bank = load_bank()
    assert bank.get("junior-what-is-pacs").skills == (
        "Knowledge Of Healthcare Systems",
        "Communication",
        "Understanding Of Technology",
    )
    assert bank.get("junior-troubleshooting-story").skills == (
        "Problem-solving",
        "Technical Troubleshooting",
        "Communication",
    )
    assert bank.get("manager-leading-technology-change").type is QuestionType.leadership
