"""The review queue in a real terminal: rating, Again at the end, retry and compare, drafts, short screens."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.pty_terminal import SCRIPT, Terminal

ESC_ENTER = "\x1b\r"
pytestmark = pytest.mark.slow


def cli(home: Path, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "PACS_INTERVIEW_HOME": str(home)}
    result = subprocess.run([SCRIPT, *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def exported(home: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(cli(home, "export", "--format", "json"))  # type: ignore[no-any-return]


def start(home: Path, count: int = 2, rows: int = 60) -> Terminal:
    args = ["practice", "--level", "junior", "--order", "bank", "--count", str(count), "--time-limit", "90"]
    term = Terminal(args, home, rows=rows)
    term.wait_for("Question 1 of")
    term.wait_for("limit 01:30")  # the editor is ready
    return term


def answer(term: Terminal, text: str) -> None:
    term.send(text + ESC_ENTER)
    term.wait_for("Rate it")


def test_ratings_and_again_at_the_end_feed_the_review_queue(tmp_path: Path) -> None:
    term = start(tmp_path)
    answer(term, "PACS stores images.")
    term.send("1")
    term.wait_for("Question 2 of 2")
    term.wait_for("limit 01:30")
    answer(term, "I checked the AE title and port.")
    term.send("3")
    screen = term.wait_for("Question 1 of 2 · once more: you rated it Again")
    term.wait_for("limit 01:30")
    answer(term, "PACS stores, archives and distributes images from the modalities.")
    term.send("3")
    term.wait_for("Export it:")
    assert term.finish() == 0
    assert "Resume it" not in term.text
    first = exported(tmp_path)["questions"][0]
    assert [a["text"] for a in first["earlier_attempts"]] == ["PACS stores images."]
    assert first["answer"]["rating_label"] == "good" and first["answer"]["attempt"] == 2
    cards = json.loads(cli(tmp_path, "due", "--json"))["cards"]
    assert sorted((c["last_rating"], c["rating_inferred"]) for c in cards) == [("good", False), ("good", False)]
    assert "once more" in screen


def test_r_answers_again_and_the_new_feedback_opens_with_what_changed(tmp_path: Path) -> None:
    term = start(tmp_path, count=1)
    answer(term, "Stuff happened with the system and they broke it.")
    term.send("r")
    term.wait_for("Question 1 of 1 · answer it again")
    term.wait_for("limit 01:30")
    term.send("I restarted the DICOM router myself, checked the AE title, and images flowed within 10 minutes.")
    term.send(ESC_ENTER)
    term.wait_for_output("Attempt 2: what changed")  # first of the new feedback, above the guidance
    term.wait_for_output("Rate it", after="Attempt 2: what changed")
    term.send("4")
    term.wait_for("Export it:")
    assert term.finish() == 0
    question = exported(tmp_path)["questions"][0]
    assert question["earlier_attempts"][0]["text"] == "Stuff happened with the system and they broke it."
    assert question["answer"]["attempt"] == 2 and question["answer"]["rating_label"] == "easy"


def test_ctrl_c_keeps_a_draft_that_resume_reopens_in_the_editor(tmp_path: Path) -> None:
    term = start(tmp_path)
    term.send("Half an answer about the archive")
    term.wait_for("6 words")
    term.send("\x03")
    term.wait_for("Resume it:")
    assert term.finish() == 130
    assert exported(tmp_path)["questions"][0]["state"] == "draft"
    assert "Draft, never submitted" in cli(tmp_path, "export")

    resumed = Terminal(["practice", "--resume"], tmp_path)
    screen = resumed.wait_for("Half an answer about the archive")
    assert "Resuming session 1: 0 answered, 2 left, from your draft of question 1." in screen
    resumed.wait_for("limit")
    resumed.send(" and how it ended." + ESC_ENTER)
    resumed.wait_for("Rate it")
    resumed.send("q")
    resumed.wait_for("Resume it:")
    assert resumed.finish() == 0
    first = exported(tmp_path)["questions"][0]
    assert (first["state"], first["answer"]["text"]) == (
        "answered",
        "Half an answer about the archive and how it ended.",
    )


def test_a_killed_terminal_loses_at_most_a_second_of_typing(tmp_path: Path) -> None:
    term = start(tmp_path)
    term.send("Typed before the kill")
    term.wait_for("4 words")
    time.sleep(2.5)  # the editor keeps a draft every second
    os.kill(term.child.pid, signal.SIGKILL)
    term.child.wait()
    history = json.loads(cli(tmp_path, "history", "--json"))
    assert (history[0]["drafts"], history[0]["resumable"]) == (1, True)
    resumed = Terminal(["practice", "--resume"], tmp_path)
    resumed.wait_for("Typed before the kill")
    resumed.send("\x03")
    assert resumed.finish() == 130


def test_in_a_short_terminal_the_guidance_waits_for_a_key(tmp_path: Path) -> None:
    term = start(tmp_path, count=1, rows=30)
    term.send("I checked the AE title." + ESC_ENTER)
    screen = term.wait_for("Press any key for how to answer")
    assert "Feedback" in screen and "Example answer" not in screen
    term.send(" ")
    term.wait_for("Example answer")
    term.wait_for("Rate it")
    term.send("3")
    term.wait_for("Export it:")
    assert term.finish() == 0


def test_a_session_ended_at_its_last_rating_prompt_is_not_offered_for_resuming(tmp_path: Path) -> None:
    term = start(tmp_path, count=1)
    answer(term, "I checked the AE title.")
    term.send("q")
    term.wait_for("Export it:")
    assert term.finish() == 0
    assert "1 of 1 question answered (quit)." in term.text and "Resume it" not in term.text
    history = json.loads(cli(tmp_path, "history", "--json"))[0]
    assert (history["status"], history["resumable"]) == ("quit", False)
    cards = json.loads(cli(tmp_path, "due", "--json"))["cards"]
    assert [card["rating_inferred"] for card in cards] == [True]  # quit unrated: the feedback stands in
