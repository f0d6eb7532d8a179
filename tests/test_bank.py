"""The bank loader: the model it builds and every class of bank it refuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pacs_interview.bank import (
    BankError,
    Filters,
    Level,
    QuestionType,
    Region,
    in_region,
    load_bank,
    select,
    skill_counts,
)
from pacs_interview.common.errors import UserError

BankWriter = Callable[..., Path]


def question(qid: str = "junior-one", **overrides: str) -> str:
    """A valid question as YAML list item, with fields replaced by raw YAML lines."""
    fields = {
        "id": qid,
        "level": "junior",
        "type": "technical",
        "question": "What is PACS?",
        "introduction": "Checks the basics.",
        "how_to_answer": "[Define it, Name RIS and EMR links]",
        "what_not_to_say": "[A vague definition]",
        "example_answer": "PACS stores and shows medical images.",
        "skills": "[Communication, problem solving]",
    }
    fields.update(overrides)
    lines = [f"    {key}: {value}" for key, value in fields.items() if value != "<absent>"]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def bank_text(*questions: str) -> str:
    return "version: 1\nquestions:\n" + "".join(questions or (question(),))


def problems(write_bank: BankWriter, text: str) -> list[str]:
    path = write_bank(text)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return [line.replace(str(path), "bank.yaml") for line in caught.value.lines]


def test_loads_a_valid_question(write_bank: BankWriter) -> None:
    bank = load_bank(write_bank(bank_text()))
    (only,) = bank.questions
    assert only.id == "junior-one"
    assert only.level is Level.junior and only.type is QuestionType.technical
    assert only.how_to_answer == ("Define it", "Name RIS and EMR links")
    assert only.skills == ("Communication", "Problem Solving")  # alias mapped to the canonical name
    assert only.location.line == 3
    assert only.to_json()["skills"] == ["Communication", "Problem Solving"]


def test_alias_and_canonical_name_in_one_question_count_once(write_bank: BankWriter) -> None:
    bank = load_bank(write_bank(bank_text(question(skills="[Problem-solving, Problem Solving, Teamwork]"))))
    assert bank.questions[0].skills == ("Problem Solving", "Team Collaboration")


def test_earlier_spellings_of_renamed_skills_still_map(write_bank: BankWriter) -> None:
    # Skills once written "Attention To Detail" read naturally now; history and banks using the old names still match.
    skills = "[Attention To Detail, Knowledge Of Healthcare Systems, Hiring And Staffing, Problem-solving]"
    bank = load_bank(write_bank(bank_text(question(skills=skills))))
    assert bank.questions[0].skills == (
        "Attention to Detail",
        "Knowledge of Healthcare Systems",
        "Hiring and Staffing",
        "Problem Solving",
    )


def test_skill_outside_the_vocabulary_is_kept_as_written(write_bank: BankWriter) -> None:
    bank = load_bank(write_bank(bank_text(question(skills="[Juggling, Communication]"))))
    assert bank.questions[0].skills == ("Juggling", "Communication")


def test_bundled_bank_loads() -> None:
    bank = load_bank()
    assert len(bank.questions) >= 11
    assert {q.level for q in bank.questions} == set(Level)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            bank_text(question(), question()),
            ["bank.yaml:12:5: duplicate id 'junior-one': already used at bank.yaml:3:5"],
            id="duplicate id names both lines",
        ),
        pytest.param(
            bank_text(question(qusetion="Typo?")),
            ["bank.yaml:12:5: unknown key 'qusetion' (did you mean 'question'?)"],
            id="unknown key with suggestion",
        ),
        pytest.param(
            bank_text(question(example_answer="<absent>", skills="<absent>")),
            ["bank.yaml:3:5: question 'junior-one' is missing 'example_answer', 'skills'"],
            id="missing fields",
        ),
        pytest.param(
            bank_text(question(how_to_answer="Just one string")),
            [
                "bank.yaml:8:20: 'how_to_answer' must be a list of text items"
                " (one per line, each starting with '- '), not text"
            ],
            id="string where a list belongs",
        ),
        pytest.param(
            bank_text(question(question="[a, b]")),
            ["bank.yaml:6:15: 'question' must be text, not a list"],
            id="list where text belongs",
        ),
        pytest.param(
            bank_text(question(level="wizard")),
            ["bank.yaml:4:12: unknown level 'wizard'; choose one of: junior, mid, senior, lead, manager"],
            id="unknown level",
        ),
        pytest.param(
            bank_text(question(type="technicl")),
            [
                "bank.yaml:5:11: unknown type 'technicl' (did you mean 'technical'?); "
                "choose one of: technical, behavioral, competency, situational, leadership"
            ],
            id="unknown type with suggestion",
        ),
        pytest.param(
            bank_text(question(introduction="''", what_not_to_say="[]")),
            ["bank.yaml:7:19: 'introduction' is empty", "bank.yaml:9:22: 'what_not_to_say' is an empty list"],
            id="empty string and empty list",
        ),
        pytest.param(
            bank_text(question(how_to_answer="[Fine, '']")),
            ["bank.yaml:8:27: 'how_to_answer item' is empty"],
            id="empty list item",
        ),
        pytest.param(
            bank_text(question(id="Junior_One")),
            ["bank.yaml:3:9: id 'Junior_One' must be lowercase-kebab, such as 'senior-dicom-routing'"],
            id="id not kebab-case",
        ),
        pytest.param(
            bank_text(question(question="What?\n    question: Again?")),
            ["bank.yaml:7:5: duplicate key 'question' (first at line 6)"],
            id="duplicate key",
        ),
        pytest.param(
            "- just\n- a list\n",
            ["bank.yaml:1:1: the top level must be a mapping with 'version' and 'questions'"],
            id="top level not a mapping",
        ),
        pytest.param(
            "version: 1\nquestons: []\n",
            [
                "bank.yaml:1:1: missing 'questions': a bank lists its questions under 'questions:'",
                "bank.yaml:2:1: unknown top-level key 'questons' (did you mean 'questions'?)",
            ],
            id="misspelt questions",
        ),
        pytest.param(
            "version: 2\nquestions: []\n",
            [
                "bank.yaml:1:10: unsupported bank version; this program reads version 1",
                "bank.yaml:2:12: 'questions' is empty",
            ],
            id="version and empty list",
        ),
        pytest.param(
            bank_text(question(question="&q What?"), question("junior-two", question="*q")),
            ["bank.yaml:6:15: anchors and aliases (&name, *name) are not allowed in a bank"],
            id="anchor and alias",
        ),
        pytest.param(
            bank_text(question(question="!!python/object/apply:os.system [echo hi]")),
            [
                "bank.yaml:6:15: tags such as '!!python/object/apply:os.system' are not allowed in a bank",
                "bank.yaml:6:15: 'question' must be text, not a list",
            ],
            id="python tag",
        ),
        pytest.param(
            bank_text(question(question="'Bell \x07 here'")),
            ["bank.yaml:6:21: control character \\x07 is not allowed"],
            id="control character",
        ),
        pytest.param("", ["bank.yaml:1:1: the file is empty"], id="empty file"),
        pytest.param(
            "questions:\n",
            ["bank.yaml:1:1: missing 'version: 1' at the top of the bank", "bank.yaml:1:11: 'questions' is empty"],
            id="no version, questions left empty",
        ),
        pytest.param(
            bank_text(question(level="junior\n    type technical")),
            ["bank.yaml:6:5: YAML syntax error: could not find expected ':'"],
            id="syntax error",
        ),
    ],
)
def test_refused_banks(write_bank: BankWriter, text: str, expected: list[str]) -> None:
    assert problems(write_bank, text) == expected


def test_every_problem_is_reported_not_only_the_first(write_bank: BankWriter) -> None:
    text = bank_text(question(level="wizard"), question("junior-two", type="quiz", skills="Communication"))
    assert len(problems(write_bank, text)) == 3


def test_folder_bank_reads_every_yaml_file_and_names_each(write_bank: BankWriter, tmp_path: Path) -> None:
    write_bank(bank_text(question("junior-one")), "folder/a.yaml")
    write_bank(bank_text(question("junior-one")), "folder/b.yaml")
    write_bank("not: [a bank", "folder/notes.txt")
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path / "folder")
    assert caught.value.lines == (
        f"{tmp_path / 'folder' / 'b.yaml'}:3:5: duplicate id 'junior-one': already used at "
        f"{tmp_path / 'folder' / 'a.yaml'}:3:5",
    )


def test_empty_folder_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BankError, match="the folder holds no \\*.yaml bank files"):
        load_bank(tmp_path / "empty")
    with pytest.raises(BankError, match="no such file or folder"):
        load_bank(tmp_path / "missing.yaml")


def test_aliases_in_many_questions_give_one_error(write_bank: BankWriter) -> None:
    shared = "&points [One, Two]"
    text = bank_text(
        question("junior-a", how_to_answer=shared),
        question("junior-b", how_to_answer="*points"),
        question("junior-c", what_not_to_say="*points"),
    )
    assert problems(write_bank, text) == [
        "bank.yaml:8:20: anchors and aliases (&name, *name) are not allowed in a bank"
    ]


def test_alias_bomb_is_refused_quickly(write_bank: BankWriter) -> None:
    layers = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    layers += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    found = problems(write_bank, "\n".join(layers) + "\n")
    refusals = [line for line in found if "anchors and aliases" in line]
    assert refusals == ["bank.yaml:1:5: anchors and aliases (&name, *name) are not allowed in a bank"]


FILTER_BANK = bank_text(
    question("junior-one", skills="[Communication]"),
    question("mid-two", level="mid", type="behavioral", skills="[DICOM Networking, Troubleshooting]", region="[us]"),
    question("lead-three", level="lead", type="leadership", skills="[Leadership, Communication]", region="[uk, eu]"),
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["junior-one", "mid-two", "lead-three"]),
        (Filters(levels=(Level.junior, Level.lead)), ["junior-one", "lead-three"]),
        (Filters(types=(QuestionType.behavioral,)), ["mid-two"]),
        (Filters(skills=("COMMUN",)), ["junior-one", "lead-three"]),
        (Filters(skills=("dicom", "leader")), ["mid-two", "lead-three"]),
        (Filters(levels=(Level.lead,), skills=("communication",)), ["lead-three"]),
        (Filters(skills=("dicom-networking",)), ["mid-two"]),  # hyphen for space
        (Filters(skills=("Fault Finding",)), ["mid-two"]),  # an alias of Troubleshooting
        (Filters(region=Region.us), ["junior-one", "mid-two"]),  # a question without a region holds everywhere
        (Filters(region=Region.eu), ["junior-one", "lead-three"]),
        (Filters(levels=(Level.mid, Level.lead), region=Region.uk), ["lead-three"]),
    ],
)
def test_filters_or_within_and_across(write_bank: BankWriter, filters: Filters, expected: list[str]) -> None:
    assert [q.id for q in select(load_bank(write_bank(FILTER_BANK)), filters)] == expected


def test_filters_that_match_nothing(write_bank: BankWriter) -> None:
    bank = load_bank(write_bank(FILTER_BANK))
    with pytest.raises(UserError) as caught:
        select(bank, Filters(levels=(Level.junior,), types=(QuestionType.leadership,)))
    assert caught.value.lines == (
        "no questions match --level junior --type leadership; `pacs-interview skills` shows what the bank covers",
    )


def test_region_filter_in_words_and_json() -> None:
    filters = Filters(levels=(Level.mid,), region=Region.uk)
    assert filters.describe() == "--level mid --region uk"
    assert filters.to_json() == {"levels": ["mid"], "types": [], "skills": [], "region": ["uk"]}
    assert Filters().to_json()["region"] == []


def test_the_region_test_other_commands_share(write_bank: BankWriter) -> None:
    one, two, three = load_bank(write_bank(FILTER_BANK)).questions
    assert [in_region(q, None) for q in (one, two, three)] == [True, True, True]
    assert [in_region(q, Region.uk) for q in (one, two, three)] == [True, False, True]
    assert [in_region(q, Region.us) for q in (one, two, three)] == [True, True, False]


def test_unknown_skill_suggests_the_closest(write_bank: BankWriter) -> None:
    bank = load_bank(write_bank(FILTER_BANK))
    with pytest.raises(UserError) as caught:
        select(bank, Filters(skills=("leedership",)))
    assert caught.value.lines == (
        "no skill matches 'leedership' (did you mean 'Leadership'?); `pacs-interview skills` lists them",
    )


def test_an_empty_skill_is_refused(write_bank: BankWriter) -> None:
    with pytest.raises(UserError) as caught:
        select(load_bank(write_bank(FILTER_BANK)), Filters(skills=(" ",)))
    assert caught.value.lines == ("--skill needs some text, such as --skill dicom",)


def test_skill_counts_per_level(write_bank: BankWriter) -> None:
    counts = skill_counts(load_bank(write_bank(FILTER_BANK)).questions)
    assert list(counts) == ["Communication", "DICOM Networking", "Leadership", "Troubleshooting"]
    assert counts["Communication"] == {Level.junior: 1, Level.lead: 1}


MUTATIONS = [
    lambda lines, r: lines[:r] + lines[r + 1 :],  # drop a line
    lambda lines, r: lines[:r] + [lines[r]] + lines[r:],  # repeat a line
    lambda lines, r: lines[:r] + ["  " + lines[r]] + lines[r + 1 :],  # indent it
    lambda lines, r: lines[:r] + [lines[r].lstrip()] + lines[r + 1 :],  # dedent it
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": [", 1)] + lines[r + 1 :],  # open a list
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": &x ", 1)] + lines[r + 1 :],  # an anchor
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": *x #", 1)] + lines[r + 1 :],  # an alias
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": {a: b} #", 1)] + lines[r + 1 :],  # a mapping
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": !!binary ", 1)] + lines[r + 1 :],  # a tag
    lambda lines, r: lines[:r] + [lines[r].replace(": ", ": \x00", 1)] + lines[r + 1 :],  # a NUL
]


def test_mangled_banks_give_problems_never_a_crash(write_bank: BankWriter) -> None:
    """Hundreds of random damages to a valid bank: each loads or reports problems, nothing else."""
    import random

    rng = random.Random(20261127)
    valid = bank_text(question("junior-a"), question("junior-b", level="mid"), question("lead-c", type="leadership"))
    for _ in range(400):
        lines = valid.splitlines()
        for _ in range(rng.randint(1, 3)):
            lines = rng.choice(MUTATIONS)(lines, rng.randrange(len(lines)))
        path = write_bank("\n".join(lines) + "\n")
        try:
            load_bank(path)
        except BankError as error:
            assert error.lines and all(line.startswith(f"{path}:") for line in error.lines)


def test_domain_follow_ups_region_and_cues_are_read(write_bank: BankWriter) -> None:
    text = bank_text(
        question(
            domain="image-management",
            follow_ups="[Now what?, And then?]",
            region="[uk, eu]",
            how_to_answer="[{point: Define it, look_for: [picture archiving, image archive]}, Name RIS links]",
        )
    )
    (only,) = load_bank(write_bank(text)).questions
    assert only.domain == "image-management"
    assert only.follow_ups == ("Now what?", "And then?")
    assert only.region == ("uk", "eu")
    assert only.how_to_answer == ("Define it", "Name RIS links")
    assert only.look_for == (("picture archiving", "image archive"), ())
    assert only.to_json()["how_to_answer"] == [
        {"point": "Define it", "look_for": ["picture archiving", "image archive"]},
        "Name RIS links",
    ]


def test_the_new_fields_may_be_left_out(write_bank: BankWriter) -> None:
    (only,) = load_bank(write_bank(bank_text())).questions
    assert (only.domain, only.follow_ups, only.region, only.look_for) == (None, (), (), ())


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        pytest.param(
            {"domain": "imaging"},
            "bank.yaml:12:13: unknown domain 'imaging'; choose one of: "
            "image-management, information-technology, imaging-informatics, systems-management, "
            "clinical-engineering, operations, communications, project-management, procurement, training-education",
            id="domain",
        ),
        pytest.param(
            {"region": "[uk, usa]"},
            "bank.yaml:12:18: unknown region 'usa' (did you mean 'us'?); choose one of: us, uk, eu",
            id="region",
        ),
        pytest.param(
            {"follow_ups": "[a, b, c, d]"},
            "bank.yaml:12:17: 'follow_ups' has 4 items; give at most 3",
            id="too many follow-ups",
        ),
        pytest.param(
            {"follow_ups": "Why?"},
            "bank.yaml:12:17: 'follow_ups' must be a list of text items (one per line, each starting with '- ')"
            ", not text",
            id="follow-ups not a list",
        ),
        pytest.param(
            {"how_to_answer": "[{look_for: [x]}]"},
            "bank.yaml:8:21: a how_to_answer mapping needs 'point' (and may give 'look_for')",
            id="point missing",
        ),
        pytest.param(
            {"how_to_answer": "[{point: x, lookfor: [y]}]"},
            "bank.yaml:8:32: unknown how_to_answer key 'lookfor' (did you mean 'look_for'?)",
            id="point key misspelt",
        ),
    ],
)
def test_refused_new_fields(write_bank: BankWriter, override: dict[str, str], expected: str) -> None:
    assert problems(write_bank, bank_text(question(**override))) == [expected]


def test_a_field_longer_than_any_real_one_is_refused_with_its_size(write_bank: BankWriter) -> None:
    text = bank_text(question(example_answer="x" * 20_001))
    assert problems(write_bank, text) == ["bank.yaml:10:21: text of 20,001 characters; a field holds at most 20,000"]
    assert load_bank(write_bank(bank_text(question(example_answer="x" * 20_000)))).questions


def test_a_bank_with_thousands_of_problems_lists_the_first_fifty(write_bank: BankWriter) -> None:
    text = bank_text(*(question(f"junior-{n}", level="expert") for n in range(200)))
    lines = problems(write_bank, text)
    assert len(lines) == 51
    assert lines[0].endswith("unknown level 'expert'; choose one of: junior, mid, senior, lead, manager")
    assert lines[-1] == "... and 150 more problems, not listed: fix these first"


def test_validate_sums_up_many_problems_in_text_and_json(write_bank: BankWriter) -> None:
    from tests.helpers import invoke

    path = write_bank(bank_text(*(question(f"junior-{n}", level="expert") for n in range(60))))
    text = invoke("validate", str(path))
    assert text.stdout.splitlines()[-1] == "... and 10 more problems, not listed: fix these first"
    assert text.stderr == f"error: 60 problems in {path}\n"
    data = json.loads(invoke("validate", str(path), "--json").stdout)
    assert (len(data["problems"]), data["problems_not_listed"], data["banks"][0]["problems"]) == (50, 10, 60)
