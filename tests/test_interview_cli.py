"""`interview` with piped input (no terminal): the whole command, the report, the store, the transcripts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.bank import question_from_json
from pacs_interview.feedback.analysis import clean_text
from pacs_interview.feedback.words import count_words
from pacs_interview.history.store import Store
from pacs_interview.session.follow_ups import PROBES, VAGUE
from pacs_interview.session.verdicts import verdict_of

Run = Callable[..., Result]

BANK = """version: 1
questions:
  - id: senior-outage-story
    level: senior
    type: behavioral
    question: Tell me about an outage you handled.
    introduction: Shows calm under pressure.
    how_to_answer: [Set the scene, Say what you did, Say how it ended]
    what_not_to_say: [Blaming the vendor]
    example_answer: The archive went down at 7 a.m.; I failed over to the standby in ten minutes.
    skills: [Incident Management]
    domain: operations
    follow_ups: [Who did you tell first?]
  - id: senior-cmove-routing
    level: senior
    type: technical
    question: A workstation can query the archive but retrieves fail. Why?
    introduction: Checks DICOM networking.
    how_to_answer: [Name the C-MOVE destination, Check the AE title and port]
    what_not_to_say: [Reinstall everything]
    example_answer: The archive does not know the workstation as a C-MOVE destination; add its AE title, IP and port.
    skills: [DICOM Networking]
    domain: image-management
  - id: senior-uk-retention
    level: senior
    type: situational
    question: A trust asks you to delete images after eight years. What do you do?
    introduction: Checks records rules.
    how_to_answer: [Check the retention schedule]
    what_not_to_say: [Delete by study date]
    example_answer: I check the NHS records schedule with the records manager first.
    skills: [Data Management]
    domain: operations
    region: [uk]
  - id: senior-us-hipaa
    level: senior
    type: competency
    question: How do you keep PACS access in line with HIPAA?
    introduction: Checks compliance.
    how_to_answer: [Role-based access, Audit the logs]
    what_not_to_say: [Shared logins are fine]
    example_answer: I run role-based access and review the audit log monthly.
    skills: [Compliance Knowledge]
    domain: information-technology
    region: [us]
"""
# No gap in it for any question of BANK: no follow-up, unless the question has one of its own.
SPECIFIC = (
    "I check that the archive knows the workstation as a C-MOVE destination: its AE title, IP address and port 104."
    " I add the node on the archive, then I test with a C-ECHO and retrieve one study, which takes about two minutes."
)
VAGUE_ANSWER = "I always try my best and work hard on things, and it usually works out fine in the end."
REPLY = "It was the night shift [bold]in March[/bold] \x1b[31m; I called the on-call engineer."


@pytest.fixture
def bank(write_bank: Callable[..., Path]) -> Path:
    return write_bank(BANK)


def interview(run: Run, bank: Path, *args: str, answers: list[str]) -> Result:
    piped = "".join(f"{answer}\n---\n" for answer in answers)
    return run("interview", "--level", "senior", "--bank", str(bank), "--seed", "3", *args, input=piped)


def test_a_piped_interview_prints_the_follow_up_as_asked_then_the_report(run: Run, bank: Path, home: Path) -> None:
    result = interview(run, bank, "--region", "uk", answers=[VAGUE_ANSWER, REPLY, SPECIFIC, SPECIFIC])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Mock interview: Senior PACS Administrator\n3 questions, about 3 min 20 s each; no feedback until the report"
    )
    lines = " ".join(out.split())  # long lines wrap at 80 columns
    assert lines.index("Question 1 of 3") < lines.index(f"Follow-up: {PROBES[VAGUE]}") < lines.index("Question 2 of 3")
    assert out.count("Follow-up: ") == 2  # asked once, and named once in the report
    assert "Shows calm under pressure" not in out  # no hints while it runs
    assert "Interview report: Senior PACS Administrator" in out
    assert "Work on these first" in out
    assert "Time answering:" in out and "of 10m 00s planned" in out
    assert "3 of 3 questions answered (finished). Saved as session 1." in out
    assert "\x1b" not in out and "Rate it" not in out
    with Store.open(home) as store:
        session = store.session(1)
    assert [q["id"] for q in session.questions][0] == "senior-outage-story"  # the story question opens
    assert "senior-us-hipaa" not in [q["id"] for q in session.questions]  # another jurisdiction's
    assert [(f.position, f.reason, f.answer) for f in session.follow_ups] == [(0, "vague", REPLY)]
    assert session.settings.follow_ups is True and session.settings.time_limit == 200
    assert session.settings.filters == {"levels": ["senior"], "types": [], "skills": [], "region": ["uk"]}
    first = session.answers[0]
    assert first.answer == VAGUE_ANSWER and first.feedback is not None
    assert first.feedback["word_count"] == count_words(clean_text(f"{VAGUE_ANSWER} {REPLY}"))


def test_the_follow_up_is_exported_in_every_format(run: Run, bank: Path) -> None:
    assert interview(run, bank, "--region", "uk", answers=[VAGUE_ANSWER, REPLY, SPECIFIC, SPECIFIC]).exit_code == 0
    markdown = run("export", "1").stdout
    assert "# PACS mock interview: session 1" in markdown
    assert f"### Follow-up\n\n**{PROBES[VAGUE]}**\n\n> It was the night shift \\[bold\\]in March" in markdown
    assert "Asked because the answer named nothing concrete" in markdown
    assert "- **Follow-ups:** 1 asked" in markdown
    page = run("export", "1", "--format", "html").stdout
    assert f'<h3>Follow-up</h3>\n<p class="text"><strong>{PROBES[VAGUE]}</strong></p>' in page
    assert "[bold]in March[/bold] \\x1b[31m" in page and "\x1b" not in page
    data = json.loads(run("export", "1", "--format", "json").stdout)
    follow_up = data["questions"][0]["answer"]["follow_up"]
    assert follow_up["question"] == PROBES[VAGUE] and follow_up["text"] == REPLY and follow_up["reason"] == "vague"
    assert [q["answer"]["follow_up"] for q in data["questions"][1:]] == [None, None]


def test_no_follow_ups(run: Run, bank: Path, home: Path) -> None:
    result = interview(run, bank, "--no-follow-ups", "--region", "us", answers=[VAGUE_ANSWER, SPECIFIC, SPECIFIC])
    assert result.exit_code == 0, result.output
    assert "Follow-up" not in result.stdout
    assert "3 of 3 questions answered (finished)." in result.stdout
    with Store.open(home) as store:
        session = store.session(1)
    assert session.follow_ups == () and session.settings.follow_ups is False
    assert "senior-uk-retention" not in [q["id"] for q in session.questions]


def test_the_question_s_own_follow_up_when_nothing_is_missing(run: Run, bank: Path, home: Path) -> None:
    result = interview(run, bank, "--questions", "1", answers=[SPECIFIC, "I told the duty radiologist."])
    assert result.exit_code == 0, result.output
    assert "Follow-up: Who did you tell first?" in result.stdout
    with Store.open(home) as store:
        assert [(f.reason, f.answer) for f in store.session(1).follow_ups] == [("bank", "I told the duty radiologist.")]


def test_minutes_spread_over_the_questions(run: Run, bank: Path, home: Path) -> None:
    result = interview(run, bank, "--questions", "2", "--minutes", "7", answers=[SPECIFIC, SPECIFIC, SPECIFIC])
    assert result.exit_code == 0, result.output
    assert "2 questions, about 3 min 30 s each" in result.stdout
    assert "of 7m 00s planned" in result.stdout


def test_more_questions_than_the_bank_has_takes_them_all_with_a_note(run: Run, bank: Path) -> None:
    result = interview(run, bank, "--questions", "9", answers=[])
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: only 4 senior questions are in the bank; asking all of them\n"
    assert "0 of 4 questions answered (input-ended)." in result.stdout


def test_end_of_input_ends_it_and_resume_continues(run: Run, bank: Path, home: Path) -> None:
    first = interview(run, bank, "--region", "uk", answers=[SPECIFIC, "The duty radiologist."])
    assert first.exit_code == 0, first.output
    assert "1 of 3 questions answered (input-ended)." in first.stdout
    assert "Resume it:  pacs-interview interview --resume 1" in first.stdout
    assert "not reached" in first.stdout

    resumed = run("interview", "--resume", "1", input=f"{SPECIFIC}\n---\n{SPECIFIC}\n")
    assert resumed.exit_code == 0, resumed.output
    assert "Question 1 of 3" not in resumed.stdout and "Question 2 of 3" in resumed.stdout
    assert "3 of 3 questions answered (finished). Saved as session 1." in resumed.stdout
    with Store.open(home) as store:
        session = store.session(1)
    assert len(session.answers) == 3 and len(session.follow_ups) == 1


def test_same_seed_same_panel(run: Run, home: Path) -> None:
    for _ in range(2):
        assert run("interview", "--level", "lead", "--seed", "8", input="").exit_code == 0
    with Store.open(home) as store:
        first, second = ([q["id"] for q in store.session(n).questions] for n in (1, 2))
    assert first == second and len(first) == 6


def test_a_level_is_needed(run: Run) -> None:
    result = run("interview", input="")
    assert result.exit_code == 2
    assert "an interview needs a level: junior, mid, senior, lead or manager" in result.stderr


def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PACS_INTERVIEW_CONFIG", str(path))


def test_level_region_and_bank_from_the_config_file(
    run: Run, bank: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(tmp_path, monkeypatch, f'level = "senior"\nregion = "us"\nbank = "{bank}"\n')
    result = run("interview", "--no-follow-ups", input="")
    assert result.exit_code == 0, result.output
    with Store.open(home) as store:
        asked = [q["id"] for q in store.session(1).questions]
    assert len(asked) == 3 and "senior-us-hipaa" in asked and "senior-uk-retention" not in asked
    assert run("interview", "--region", "uk", "--no-follow-ups", input="").exit_code == 0  # the option wins
    with Store.open(home) as store:
        assert "senior-uk-retention" in [q["id"] for q in store.session(2).questions]


def test_a_config_file_with_several_levels_does_not_choose_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(tmp_path, monkeypatch, 'level = ["senior", "lead"]\n')
    result = run("interview", input="")
    assert result.exit_code == 2
    assert "an interview needs a level" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--resume", "--level", "senior"],
            "error: --resume continues an interview with its own questions; leave out --level and --region\n",
        ),
        (
            ["--resume", "--region", "uk"],
            "error: --resume continues an interview with its own questions; leave out --level and --region\n",
        ),
        (["--level", "senior", "4"], "error: a session id (4) is only taken with --resume\n"),
        (
            ["--level", "manager", "--bank", "BANK"],
            "error: no manager questions in BANK; `pacs-interview list` shows them\n",
        ),
    ],
)
def test_errors_are_one_line(run: Run, bank: Path, args: list[str], message: str) -> None:
    result = run("interview", *[str(bank) if arg == "BANK" else arg for arg in args], input="")
    assert result.exit_code == 1
    assert result.stderr == message.replace("BANK", str(bank))


PIPED_SCRIPT = """
import sys
from pacs_interview.cli import main

sys.argv = ["pacs-interview", "interview", "--level", "junior", "--questions", "1", "--no-follow-ups"]
try:
    main()
except SystemExit as exit:
    assert exit.code == 0, exit.code
assert "prompt_toolkit" not in sys.modules
"""


def test_a_piped_interview_never_imports_the_editor(home: Path) -> None:
    command = [sys.executable, "-c", PIPED_SCRIPT]
    result = subprocess.run(command, capture_output=True, text=True, input="An answer.\n", env=_env(home))
    assert result.returncode == 0, result.stderr
    assert "1 of 1 questions answered (finished)" in result.stdout


def _env(home: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PACS_INTERVIEW_HOME": str(home)}


def test_each_answered_question_joins_the_review_queue_by_the_report_s_verdict(
    run: Run, bank: Path, home: Path
) -> None:
    result = interview(run, bank, "--no-follow-ups", "--region", "uk", answers=[VAGUE_ANSWER, "", SPECIFIC])
    assert result.exit_code == 0, result.output
    cards = {card["id"]: card for card in json.loads(run("due", "--json", "--bank", str(bank)).stdout)["cards"]}
    with Store.open(home) as store:
        session = store.session(1)
    assert set(cards) == {answer.question_id for answer in session.answers}
    assert all(card["rating_inferred"] for card in cards.values())  # nobody rates in an interview
    as_rating = {"strong": "good", "close": "hard", "not-yet": "again"}
    for answer, snapshot in zip(session.answers, session.questions, strict=True):
        verdict = verdict_of(question_from_json(snapshot, "test"), None if answer.skipped else answer.feedback)
        assert cards[answer.question_id]["last_rating"] == as_rating[verdict.grade], answer.question_id
    assert cards["senior-outage-story"]["last_rating"] == "again"  # vague: not yet in the report, so Again


def test_history_says_which_sessions_are_interviews(run: Run, bank: Path) -> None:
    assert interview(run, bank, "--region", "uk", answers=[SPECIFIC]).exit_code == 0
    assert run("practice", "--bank", str(bank), "--count", "1", input="An answer.\n").exit_code == 0
    listed = run("history").stdout
    assert "interview:" in listed and listed.index("interview:") > listed.index(" 2 ")  # the older row
    kinds = [(session["id"], session["kind"]) for session in json.loads(run("history", "--json").stdout)]
    assert kinds == [(2, "practice"), (1, "interview")]


def test_practice_resume_leaves_an_unfinished_interview_alone(run: Run, bank: Path) -> None:
    assert interview(run, bank, "--region", "uk", answers=[SPECIFIC]).exit_code == 0  # stopped at question 2
    result = run("practice", "--resume", input="")
    assert result.exit_code == 1
    assert result.stderr == "error: no unfinished session to resume; `pacs-interview history` lists the sessions\n"
    by_id = run("practice", "--resume", "1", input="")
    assert by_id.stderr == "error: session 1 is a mock interview; `pacs-interview interview --resume 1` continues it\n"
    resumed = run("interview", "--resume", input="")
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stderr == "Resuming interview 1 at question 2 of 3.\n"
