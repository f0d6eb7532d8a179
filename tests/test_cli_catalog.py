"""`list`, `skills`, `show`, `validate`, and the options they share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview import __version__
from pacs_interview.cli import app

Run = Callable[..., Result]

BANK = """version: 1
questions:
  - id: junior-basics
    level: junior
    type: technical
    question: "What is [bold]PACS[/bold] :heart: \\u202e?"
    introduction: Checks the basics.
    how_to_answer: [Define it, Link it to RIS]
    what_not_to_say: [A vague definition]
    example_answer: PACS stores and shows images.
    skills: [Communication]
  - id: lead-outage
    level: lead
    type: leadership
    question: How did you lead your team through an outage?
    introduction: Leadership under pressure.
    how_to_answer: [Say what you decided]
    what_not_to_say: [Blaming others]
    example_answer: I ran the bridge call.
    skills: [Leadership, Crisis Management]
    domain: operations
    follow_ups: [What would you do differently?, How did the team take it?]
    region: [uk, eu]
"""


@pytest.fixture
def bank(write_bank: Callable[..., Path]) -> Path:
    return write_bank(BANK)


def test_every_command_and_option_has_help(run: Run) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name} has no help"


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"pacs-interview {__version__}\n"


def test_list_json_uses_the_bank_keys(run: Run, bank: Path) -> None:
    result = run("list", "--bank", str(bank), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [q["id"] for q in data] == ["junior-basics", "lead-outage"]
    assert list(data[1]) == [
        "id",
        "level",
        "type",
        "question",
        "introduction",
        "how_to_answer",
        "what_not_to_say",
        "example_answer",
        "skills",
        "domain",
        "follow_ups",
        "region",
    ]
    assert data[0]["question"] == "What is [bold]PACS[/bold] :heart: \u202e?"
    assert "\u202e" not in result.stdout  # kept exact, but as a JSON escape: it would reorder the line


def test_list_table_shows_bank_text_as_text(run: Run, bank: Path) -> None:
    result = run("list", "--bank", str(bank))
    assert result.exit_code == 0, result.output
    assert "[bold]PACS[/bold] :heart: \\u202e?" in result.stdout
    assert "\u202e" not in result.stdout
    assert "junior · technical" in result.stdout
    assert result.stderr == "2 questions\n"


def test_list_filters_combine(run: Run, bank: Path) -> None:
    result = run("list", "--bank", str(bank), "--json", "-l", "JUNIOR", "--level", "lead", "--skill", "crisis")
    assert result.exit_code == 0, result.output
    assert [q["id"] for q in json.loads(result.stdout)] == ["lead-outage"]


def test_bank_from_environment(run: Run, bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACS_INTERVIEW_BANK", str(bank))
    result = run("list", "--json")
    assert [q["id"] for q in json.loads(result.stdout)] == ["junior-basics", "lead-outage"]


def test_unknown_level_is_a_usage_error_said_once_and_plainly(run: Run) -> None:
    result = run("list", "--level", "expert")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: pacs-interview list [OPTIONS]\n"
        "error: --level: 'expert' is not one of junior, mid, senior, lead, manager\n"
    )


def test_filters_matching_nothing(run: Run, bank: Path) -> None:
    result = run("list", "--bank", str(bank), "--level", "mid")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no questions match --level mid; `pacs-interview skills` shows what the bank covers\n"
    )
    assert result.stdout == ""


def test_unknown_skill_suggests(run: Run, bank: Path) -> None:
    result = run("list", "--bank", str(bank), "--skill", "leadershp")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no skill matches 'leadershp' (did you mean 'Leadership'?); `pacs-interview skills` lists them\n"
    )


def test_skills_json_counts_per_level(run: Run, bank: Path) -> None:
    result = run("skills", "--bank", str(bank), "--json")
    assert result.exit_code == 0, result.output
    rows = {row["skill"]: row for row in json.loads(result.stdout)}
    assert list(rows) == ["Communication", "Crisis Management", "Leadership"]
    assert rows["Leadership"] == {
        "skill": "Leadership",
        "levels": {"junior": 0, "mid": 0, "senior": 0, "lead": 1, "manager": 0},
        "total": 1,
    }


def test_skills_table(run: Run, bank: Path) -> None:
    result = run("skills", "--bank", str(bank), "--level", "lead")
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].split() == ["Skill", "junior", "mid", "senior", "lead", "manager", "total"]
    assert lines[2].split() == ["Crisis", "Management", "·", "·", "·", "1", "·", "1"]


def test_show_prints_the_whole_card(run: Run, bank: Path) -> None:
    result = run("show", "lead-outage", "--bank", str(bank))
    assert result.exit_code == 0, result.output
    for expected in (
        "Lead PACS Administrator · leadership",
        "Skills: Leadership, Crisis Management",
        "How did you lead your team through an outage?",
        "How to answer",
        "• Say what you decided",
        "What not to say",
        "• Blaming others",
        "Example answer",
        "I ran the bridge call.",
        "Domain: operations  ·  Region: uk, eu",
        "Follow-ups",
        "• What would you do differently?",
        "• How did the team take it?",
    ):
        assert expected in result.stdout


def test_show_a_question_without_the_new_fields(run: Run, bank: Path) -> None:
    result = run("show", "junior-basics", "--bank", str(bank))
    assert result.exit_code == 0, result.output
    assert "Domain: not given  ·  Region: any" in result.stdout
    assert "Follow-ups" not in result.stdout


def test_list_by_region_keeps_questions_without_one(run: Run, bank: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = run("list", "--bank", str(bank), "--json", *args)
        assert result.exit_code == 0, result.output
        return [q["id"] for q in json.loads(result.stdout)]

    assert ids() == ["junior-basics", "lead-outage"]
    assert ids("--region", "uk") == ids("--region", "EU") == ["junior-basics", "lead-outage"]
    assert ids("--region", "us") == ["junior-basics"]
    nothing = run("list", "--bank", str(bank), "--region", "us", "--level", "lead")
    assert nothing.exit_code == 1
    assert nothing.stderr == (
        "error: no questions match --level lead --region us; `pacs-interview skills` shows what the bank covers\n"
    )


def test_unknown_region_is_a_usage_error(run: Run) -> None:
    result = run("list", "--region", "usa")
    assert result.exit_code == 2
    assert result.stderr == "Usage: pacs-interview list [OPTIONS]\nerror: --region: 'usa' is not one of us, uk, eu\n"


def test_show_json(run: Run, bank: Path) -> None:
    result = run("show", "junior-basics", "--bank", str(bank), "--json")
    assert json.loads(result.stdout)["how_to_answer"] == ["Define it", "Link it to RIS"]


def test_show_unknown_id_suggests(run: Run, bank: Path) -> None:
    result = run("show", "lead-outages", "--bank", str(bank))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no question with id 'lead-outages' in {bank} (did you mean 'lead-outage'?); "
        "`pacs-interview list` shows the ids\n"
    )


def test_bad_bank_gives_one_line_per_problem(run: Run, write_bank: Callable[..., Path]) -> None:
    path = write_bank(BANK.replace("level: lead", "level: boss").replace("type: technical", "type: techy"))
    result = run("list", "--bank", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}:5:11: unknown type 'techy'; choose one of: "
        "technical, behavioral, competency, situational, leadership",
        f"error: {path}:13:12: unknown level 'boss'; choose one of: junior, mid, senior, lead, manager",
    ]


def test_validate_ok(run: Run, bank: Path) -> None:
    result = run("validate", str(bank))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {bank}: 2 questions\n"


def test_validate_reports_every_problem_of_every_bank(run: Run, bank: Path, write_bank: Callable[..., Path]) -> None:
    broken = write_bank("version: 1\nquestions: [1, 2]\n", "broken.yaml")
    result = run("validate", str(bank), str(broken))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{broken}:2:13: each question must be a mapping of keys such as 'id' and 'question', not text",
        f"{broken}:2:16: each question must be a mapping of keys such as 'id' and 'question', not text",
        f"ok: {bank}: 2 questions",
    ]
    assert result.stderr == f"error: 2 problems in {broken}\n"


def test_validate_json(run: Run, write_bank: Callable[..., Path]) -> None:
    broken = write_bank("questions: {}\n")
    result = run("validate", str(broken), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "banks": [{"path": str(broken), "questions": 0, "problems": 2}],
        "problems": [
            {"file": str(broken), "line": 1, "column": 1, "message": "missing 'version: 1' at the top of the bank"},
            {
                "file": str(broken),
                "line": 1,
                "column": 12,
                "message": "'questions' must be a list of questions, not a mapping",
            },
        ],
        "problems_not_listed": 0,
    }


def test_validate_without_path_checks_the_bank_in_use(run: Run, bank: Path) -> None:
    result = run("validate", "--bank", str(bank))
    assert result.stdout == f"ok: {bank}: 2 questions\n"


def test_bundled_bank_passes_strict_validation(run: Run) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: bundled bank: 120 questions\n"  # every question of the bundled bank


NO_EDITOR_SCRIPT = """
import sys
from pacs_interview.cli import main

BANK = sys.argv[1]
RUNS = [
    (["list", "--bank", BANK], 0),
    (["show", "junior-basics", "--bank", BANK], 0),
    (["skills", "--bank", BANK], 0),
    (["validate", BANK], 0),
    (["feedback", "junior-basics", "-", "--bank", BANK], 0),
    (["history"], 0),
    (["stats", "--bank", BANK], 0),
    (["stats", "--json", "--bank", BANK], 0),
    (["export"], 1),  # no session yet
    (["--help"], 0),
]
for args, expected in RUNS:
    sys.argv = ["pacs-interview", *args]
    try:
        main()
    except SystemExit as exit:
        assert exit.code == expected, (args, exit.code)
assert "prompt_toolkit" not in sys.modules
assert "fsrs" not in sys.modules  # scheduling arithmetic: only practice and due need it
"""


def test_only_practice_imports_prompt_toolkit(bank: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-c", NO_EDITOR_SCRIPT, str(bank)]
    result = subprocess.run(command, capture_output=True, text=True, input="An answer.\n")
    assert result.returncode == 0, result.stderr


def test_hostile_file_names_reach_the_terminal_as_text(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "shared-banks"
    folder.mkdir()
    hostile = folder / "a\x1b]0;PWNED\x07\x1b[2J.yaml"
    hostile.write_text("questions: nope\n", encoding="utf-8")
    result = run("list", "--bank", str(folder))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "a\\x1b]0;PWNED\\x07\\x1b[2J.yaml:1:12: 'questions' must be a list of questions, not text" in result.stderr
    validated = run("validate", str(folder))
    assert "\x1b" not in validated.stdout and "\\x1b]0;PWNED" in validated.stdout


def test_a_closed_pipe_ends_quietly(run: Run, bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pacs_interview import cli

    def reader_gone(data: object) -> None:
        raise BrokenPipeError  # what writing to `| head` raises once head has exited

    monkeypatch.setattr(cli, "_print_json", reader_gone)
    result = run("list", "--bank", str(bank), "--json")
    assert result.exit_code == 141
    assert result.stderr == ""


@pytest.mark.parametrize(("columns", "width"), [("0", 80), ("5", 80), ("100000", 1000)])
def test_an_unbelievable_terminal_width_is_not_taken_at_its_word(
    run: Run, bank: Path, monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run("show", "lead-outage", "--bank", str(bank))
    assert result.exit_code == 0, result.output
    assert "How did you lead your team through an outage?" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) == width


def test_invisible_characters_in_bank_text_are_shown_as_escapes(run: Run, write_bank: Callable[..., Path]) -> None:
    path = write_bank(BANK.replace("How did you lead", "How did\u200b you\ufeff lead\u200f"))
    result = run("show", "lead-outage", "--bank", str(path))
    assert "How did\\u200b you\\ufeff lead\\u200f your team" in result.stdout
    assert not any(char in result.stdout for char in "\u200b\ufeff\u200f")


def test_help_reads_plainly(run: Run) -> None:
    """Whole one-line summaries, and metavars a person reads: no `<int range>`, `[1<=x<=...]` or `[[PATH]...]`."""
    import typer.main

    top = run("--help").stdout
    assert "..." not in top.split("Commands:")[1]
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        text = run(name, "--help").stdout
        for unreadable in ("<", "<=", "[[", "]...]", "{"):
            assert unreadable not in text, (name, unreadable)
    assert "  -l, --level LEVEL " in run("list", "--help").stdout
    assert run("practice", "--help").stdout.startswith("Usage: pacs-interview practice [OPTIONS] [SESSION]\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("pacs-interview li", ["list"]),
        ("pacs-interview list --lev", ["--level"]),
        ("pacs-interview practice --level s", ["senior"]),
        ("pacs-interview show junior-what-is-p", ["junior-what-is-pacs"]),
    ],
)
def test_the_shell_completes_commands_options_levels_and_question_ids(words: str, offered: list[str]) -> None:
    import os
    import subprocess

    from tests.pty_terminal import SCRIPT

    env = {
        **os.environ,
        "_PACS_INTERVIEW_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = subprocess.run([SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.split()) == (0, offered), result.stderr


def test_completion_can_be_installed(run: Run) -> None:
    top = run("--help").stdout
    assert "--install-completion" in top and "--show-completion" in top
