"""`validate --strict`: each editorial check fires, and the bundled bank meets them all."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.bank import Level, Location, Question, QuestionType, check, load_bank
from pacs_interview.bank.check import breadth_problems, check_banks

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
        "domain": "imaging-informatics",
        "follow_ups": "[And if that fails?]",
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
        "mid-thin: skills has 1 skill; at least 2 wanted",
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
    path = write_bank("version: 1\nquestions:\n" + first + second + different)
    messages = [problem.message for problem in check_banks([path], strict=True).problems]
    assert messages == [f"mid-two: wording nearly the same as 'mid-one' at {path}:3:5"]


def _brute_force_near_duplicates(questions: list[Question]) -> list[str]:
    """What the check must find: every pair compared, the first earlier match named."""
    words = [frozenset(re.findall(r"[a-z0-9]+", q.question.casefold())) for q in questions]
    found = []
    for later in range(len(questions)):
        for earlier in range(later):
            a, b = words[earlier], words[later]
            if a and b and len(a & b) / len(a | b) >= check.NEAR_DUPLICATE_SIMILARITY:
                found.append(f"{questions[later].id}: wording nearly the same as {questions[earlier].id!r}")
                break
    return found


def _reworded(rng: random.Random, words: list[str], stock: list[str]) -> list[str]:
    changed = list(words)
    for _ in range(rng.randint(0, 4)):
        action = rng.choice(("drop", "add", "swap"))
        if action == "drop" and len(changed) > 1:
            changed.pop(rng.randrange(len(changed)))
        elif action == "add":
            changed.insert(rng.randrange(len(changed) + 1), rng.choice(stock))
        else:
            changed[rng.randrange(len(changed))] = rng.choice(stock)
    return changed


@pytest.mark.parametrize("seed", range(5))
def test_near_duplicates_found_without_comparing_every_pair_are_those_every_pair_finds(seed: int) -> None:
    rng = random.Random(seed)
    stock = [f"w{n}" for n in range(60)] + ["how", "do", "you", "the", "pacs", "a"]
    originals = [[rng.choice(stock) for _ in range(rng.randint(1, 12))] for _ in range(60)]
    wordings = originals + [_reworded(rng, rng.choice(originals), stock) for _ in range(140)]
    rng.shuffle(wordings)
    questions = [_question(f"q-{n}", " ".join(words)) for n, words in enumerate(wordings)]
    found = [p.message.split(" at ")[0] for p in check._near_duplicates(questions)]
    assert found == _brute_force_near_duplicates(questions)
    assert len(found) > 20  # the data does hold near-duplicates, or the comparison proves nothing


def test_near_duplicates_compare_few_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 distinct questions: a check comparing every pair would make about two million comparisons."""
    rng = random.Random(1)
    common = "how would you handle a the in of to and for your with when what describe explain".split()
    questions = [
        _question(f"q-{n}", " ".join(rng.sample(common, 6) + [f"x{rng.randrange(10**6)}" for _ in range(6)]))
        for n in range(2000)
    ]
    compared = []
    real_similarity = check._similarity
    monkeypatch.setattr(check, "_similarity", lambda a, b: compared.append(1) or real_similarity(a, b))
    assert check._near_duplicates(questions) == []
    assert len(compared) < 20 * len(questions)


def _question(qid: str, wording: str) -> Question:
    return Question(
        id=qid,
        level=Level.mid,
        type=QuestionType.technical,
        question=wording,
        introduction="Why.",
        how_to_answer=("One",),
        what_not_to_say=("None",),
        example_answer="Example.",
        skills=("Communication",),
        location=Location("bank.yaml", 1, 1),
    )


def test_domain_and_follow_ups_are_wanted(write_bank: Callable[..., Path]) -> None:
    bare = strict_question("mid-bare", "How do you test a DICOM link?")
    bare = "\n".join(line for line in bare.splitlines() if "domain:" not in line and "follow_ups:" not in line)
    assert strict_messages(write_bank, bare + "\n") == [
        "mid-bare: no domain; give the CIIP domain it belongs to, such as 'imaging-informatics'",
        "mid-bare: no follow_ups; give 1 to 3 questions an interviewer would ask next",
    ]


def test_cues_that_cannot_show_a_point(write_bank: Callable[..., Path]) -> None:
    points = "[{point: One, look_for: [storage commitment, Patient]}, {point: Two, look_for: [unmerge]}, Three, Four]"
    weak = strict_question("mid-cues", "What does storage commitment do?", how_to_answer=points)
    assert strict_messages(write_bank, weak) == [
        "mid-cues: look_for cue 'Patient' of how_to_answer point 1 is a word any answer may use; "
        "give a phrase that shows the point",
        "mid-cues: how_to_answer point 2 has 1 look_for cue; 2 to 6 wanted",
    ]


def test_another_jurisdictions_law(write_bank: Callable[..., Path]) -> None:
    everywhere = strict_question("mid-everywhere", "How do you keep images private?", what_not_to_say="[HIPAA, B, C]")
    european = strict_question(
        "mid-eu",
        "How do you report a breach?",
        region="[uk, eu]",
        how_to_answer="[{point: Name it, look_for: [45 CFR 164.402, notify]}, B, C, D]",
    )
    american = strict_question(
        "mid-us",
        "How do you report a breach at a US hospital?",
        region="[us]",
        example_answer=FULL_ANSWER + " under the GDPR",
    )
    fine = strict_question("mid-us-ok", "Which HIPAA safeguards touch PACS?", region="[us]")
    assert strict_messages(write_bank, everywhere, european, american, fine) == [
        "mid-everywhere: names HIPAA, a US law, but has no region; a US-only question needs region: [us]",
        "mid-eu: names 45 CFR, a US law, but is written for uk, eu; a US-only question needs region: [us]",
        "mid-us: names the GDPR, a UK and EU law, in a question written for the US alone",
    ]


def test_breadth_is_checked_on_the_bundled_bank_only(write_bank: Callable[..., Path]) -> None:
    one = strict_question("mid-a", "How do you test a DICOM link?")
    assert strict_messages(write_bank, one) == []  # a team's bank of one question is fine
    messages = [
        p.message for p in breadth_problems(load_bank(write_bank("version: 1\nquestions:\n" + one)).questions, "b")
    ]
    assert "the bank has 0 junior questions; at least 20 wanted" in messages
    assert "the bank has 1 mid technical question; at least 3 wanted" in messages
    assert "the bank has 0 questions in domain procurement; at least 6 wanted" in messages
    assert len(messages) == 5 + 25 + 10


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
    assert len(questions) >= 110
    assert breadth_problems(questions, "bundled") == []
    assert all(q.domain and 1 <= len(q.follow_ups) <= 3 for q in questions)


def test_bundled_bank_keeps_the_seed_questions_and_their_skills() -> None:
    bank = load_bank()
    assert bank.get("junior-what-is-pacs").skills == (
        "Knowledge of Healthcare Systems",
        "Communication",
        "Understanding of Technology",
    )
    assert bank.get("junior-troubleshooting-story").skills == (
        "Problem Solving",
        "Technical Troubleshooting",
        "Communication",
    )
    assert bank.get("manager-leading-technology-change").type is QuestionType.leadership


def test_counts_of_one_are_said_in_the_singular(write_bank: Callable[..., Path]) -> None:
    thin = strict_question("mid-thin", "Why?", skills="[Communication]", how_to_answer="[One]")
    assert "mid-thin: how_to_answer has 1 point; at least 4 wanted" in strict_messages(write_bank, thin)
    path = write_bank("version: 1\nquestions:\n" + strict_question("mid-one", "Why?"), "one.yaml")
    assert check_banks([path]).lines() == [f"ok: {path}: 1 question"]


def test_no_uk_or_eu_candidate_is_taught_hipaa_as_their_law() -> None:
    """Every question a UK or EU candidate can be given (region uk or eu, or none) is free of US health-privacy law."""
    from pacs_interview.bank import Region, in_region

    for region in (Region.uk, Region.eu):
        for question in (q for q in load_bank().questions if in_region(q, region)):
            guidance = " ".join((question.example_answer, *question.how_to_answer, *question.what_not_to_say))
            assert not re.search(r"HIPAA|HITECH|45 CFR", guidance, re.IGNORECASE), question.id
    us_only = [q for q in load_bank().questions if q.region == ("us",)]
    assert us_only and not any("GDPR" in q.example_answer for q in us_only)


def test_the_readmes_example_bank_passes_strict_validation(write_bank: Callable[..., Path]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```yaml\n(version: 1\n.*?)```", readme, re.DOTALL)
    path = write_bank(example)
    assert check_banks([path], strict=True).problems == []
    assert len(load_bank(path).questions[0].look_for[0]) == 3
