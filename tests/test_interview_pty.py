"""End to end: a mock interview in a real pseudo-terminal, read off its screen, through to the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pty_terminal import Terminal
from tests.test_interview_cli import SPECIFIC, VAGUE_ANSWER
from tests.test_practice_pty import ESC_ENTER, exported

pytestmark = pytest.mark.slow

# Three senior questions without follow-ups of their own: only a gap in an answer brings one.
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
  - id: senior-cmove-routing
    level: senior
    type: technical
    question: A workstation can query the archive but retrieves fail. Why?
    introduction: Checks DICOM networking.
    how_to_answer: [Name the C-MOVE destination, Check the AE title and port]
    what_not_to_say: [Reinstall everything]
    example_answer: The archive does not know the workstation as a C-MOVE destination; add its AE title, IP and port.
    skills: [DICOM Networking]
  - id: senior-router-audit
    level: senior
    type: competency
    question: How do you check that every modality routes its images to the right archive?
    introduction: Checks routine control.
    how_to_answer: [Compare the routing table with the modality list]
    what_not_to_say: [Wait for complaints]
    example_answer: I compare the router's rules with the modality inventory every quarter.
    skills: [Quality Control]
"""


def test_three_questions_with_one_follow_up_through_to_the_report(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    home = tmp_path / "home"
    term = Terminal(["interview", "--level", "senior", "--bank", str(bank), "--minutes", "10", "--seed", "1"], home)
    screen = term.wait_for("Question 1 of 3")
    assert "Tell me about an outage you handled." in screen
    assert "Shows calm under pressure" not in screen  # no hints
    term.wait_for("03:20 left")  # the question's share of ten minutes
    term.wait_for("03:19 left")  # ... counting down
    term.send(VAGUE_ANSWER + ESC_ENTER)
    screen = term.wait_for("Follow-up: Can you give me a concrete example")
    term.wait_for("Question 1 of 3 · follow-up")  # the same question's clock, in the toolbar
    assert "Be specific" not in screen  # no feedback yet
    term.send("Last March the archive went down.\rI failed over to the standby in ten minutes." + ESC_ENTER)
    term.wait_for("Question 2 of 3")
    term.send(SPECIFIC + ESC_ENTER)
    term.wait_for("Question 3 of 3")
    term.send(SPECIFIC + ESC_ENTER)
    screen = term.wait_for("Saved as session 1.")
    assert term.finish() == 0
    report = screen.split("Interview report: Senior PACS Administrator")[1]
    assert "Work on these first" in report and "Time answering:" in report and "of 10m 00s planned" in report
    assert "3 of 3 questions answered (finished)." in report
    assert screen.count("Follow-up: ") == 2  # asked once, and named once in the report
    transcript = exported(home)
    follow_ups = [question["answer"]["follow_up"] for question in transcript["questions"]]
    assert follow_ups[0]["reason"] == "vague"
    assert follow_ups[0]["text"] == "Last March the archive went down.\nI failed over to the standby in ten minutes."
    assert follow_ups[1:] == [None, None]


def test_ctrl_c_ends_the_interview_with_a_report_on_what_was_answered(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    home = tmp_path / "home"
    term = Terminal(["interview", "--level", "senior", "--bank", str(bank), "--no-follow-ups", "--seed", "1"], home)
    term.wait_for("Question 1 of 3")
    term.wait_for("left ·")
    term.send(SPECIFIC + ESC_ENTER)
    term.wait_for("Question 2 of 3")
    term.wait_for("Question 2 of 3 ·")  # its toolbar: the editor is ready
    term.send("\x03")
    screen = term.wait_for("Resume it:  pacs-interview interview --resume 1")
    assert term.finish() == 130
    assert "1 of 3 questions answered (interrupted)." in screen
    assert screen.count("not reached") == 2
    assert exported(home)["questions"][0]["answer"]["text"] == SPECIFIC


def test_an_answer_cut_short_by_ctrl_c_is_a_draft_that_resume_reopens(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    home = tmp_path / "home"
    term = Terminal(["interview", "--level", "senior", "--bank", str(bank), "--no-follow-ups", "--seed", "1"], home)
    term.wait_for("Question 1 of 3 ·")
    term.send("Last March the archive")
    term.wait_for("4 words")
    term.send("\x03")
    screen = term.wait_for("Resume it:  pacs-interview interview --resume 1")
    assert term.finish() == 130
    assert "0 of 3 questions answered (interrupted)." in screen and "draft" in screen

    term = Terminal(["interview", "--resume"], home)
    term.wait_for("Resuming interview 1 at question 1 of 3, from your draft.")
    term.wait_for("> Last March the archive")  # the draft is back in the editor
    term.send(" went down; I failed over to the standby." + ESC_ENTER)
    term.wait_for("Question 2 of 3 ·")
    term.send("\x03")
    term.wait_for("Resume it:")
    assert term.finish() == 130
    first = exported(home)["questions"][0]["answer"]
    assert first["text"] == "Last March the archive went down; I failed over to the standby."
    assert first["draft"] is False
