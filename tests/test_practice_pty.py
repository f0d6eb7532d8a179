"""End to end: the installed console script in a real pseudo-terminal, read off its screen."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.pty_terminal import SCRIPT, Terminal

ESC_ENTER = "\x1b\r"
pytestmark = pytest.mark.slow


def exported(home: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run(
        [SCRIPT, "export", "--format", "json"],
        env={"PATH": "/usr/bin:/bin", "PACS_INTERVIEW_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def start(home: Path, *extra: str) -> Terminal:
    args = ["practice", "--level", "junior", "--order", "bank", "--count", "2", "--time-limit", "90", *extra]
    return Terminal(args, home)


def test_two_questions_multi_line_answers_rated_then_summary(tmp_path: Path) -> None:
    term = start(tmp_path)
    screen = term.wait_for("Question 1 of 2")
    assert "Junior PACS Administrator" in screen
    term.wait_for("limit 01:30")  # the toolbar is drawn
    term.wait_for("00:01 ·")  # ... and ticks
    term.send("PACS stores images from CT and MRI.\rIt feeds the RIS over HL7.")
    term.wait_for("13 words")
    term.send(ESC_ENTER)
    term.wait_for("Example answer")
    term.wait_for("Rate it")
    shown = term.transcript.decode("utf-8", "replace")  # the panel scrolls past: read what was printed
    assert shown.index("Verdict") < shown.index("Not yet") < shown.index("How to answer")
    term.send("3")
    term.wait_for("Question 2 of 2")
    term.send("I once fixed a DICOM send.\rI checked the AE title." + ESC_ENTER)
    term.wait_for("Rate it")
    term.send("4")
    screen = term.wait_for("Export it:")
    assert term.finish() == 0
    assert "Session summary" in screen and "good" in screen and "easy" in screen
    questions = exported(tmp_path)["questions"]
    # the feedback saved from the terminal carries the verdict the screen opened with
    assert [item["answer"]["feedback"]["verdict"]["grade"] for item in questions] == ["not-yet", "not-yet"]
    answers = [item["answer"]["text"] for item in questions]
    assert answers == [
        "PACS stores images from CT and MRI.\nIt feeds the RIS over HL7.",
        "I once fixed a DICOM send.\nI checked the AE title.",
    ]


def test_ctrl_c_after_one_answer_exits_130_keeping_it(tmp_path: Path) -> None:
    term = start(tmp_path)
    term.wait_for("Question 1 of 2")
    term.wait_for("limit 01:30")
    term.send("Kept answer." + ESC_ENTER)
    term.wait_for("Rate it")
    term.send("2")
    term.wait_for("Question 2 of 2")
    term.wait_for("limit 01:30")
    term.send("\x03")
    term.wait_for("Resume it:")
    assert term.finish() == 130
    transcript = exported(tmp_path)
    assert transcript["questions"][0]["answer"]["text"] == "Kept answer."


def test_at_60_columns_the_bottom_bar_keeps_every_key(tmp_path: Path) -> None:
    term = Terminal(["practice", "--count", "1", "--time-limit", "90"], tmp_path, columns=60)
    term.wait_for("Question 1 of 1")
    screen = term.wait_for("Ctrl-C: end")
    assert "Esc Enter: submit" in screen and "/01:30" in screen
    term.send("\x03")
    assert term.finish() == 130


def test_sigterm_at_the_editor_keeps_the_typed_answer_and_exits_143(tmp_path: Path) -> None:
    term = start(tmp_path)
    term.wait_for("limit 01:30")
    term.send("Half an answer, being typed")
    term.wait_for("5 words")
    term.child.kill(signal.SIGTERM)
    assert term.finish() == 128 + signal.SIGTERM
    assert exported(tmp_path)["questions"][0]["answer"]["text"] == "Half an answer, being typed"
