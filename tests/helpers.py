"""Shared test data and helpers: a known session, and running the CLI in-process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from typer.testing import CliRunner, Result

import pacs_interview
from pacs_interview.cli import app
from pacs_interview.history.store import Store
from pacs_interview.session.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus


def invoke(*args: str, input: str | None = None) -> Result:
    """Run the CLI in-process; a bug raises instead of hiding in result.exception."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def record(store: Store, session: SessionRecord) -> int:
    """Store `session` through the Recorder calls the practice loop makes; return the new id."""
    store.clock = lambda: session.started_at
    session_id = store.start(session.settings, list(session.questions))
    for answer in session.answers:
        store.record_answer(session_id, answer)
        if answer.rating is not None:
            store.record_rating(session_id, answer.position, answer.rating)
    if session.ended_at is not None:
        store.clock = lambda: str(session.ended_at)
        store.finish(session_id, session.status)
    return session_id


def question(qid: str, level: str, kind: str, **text: object) -> dict[str, object]:
    """A question snapshot with the bank's keys; `text` overrides the plain defaults."""
    return {
        "id": qid,
        "level": level,
        "type": kind,
        "question": f"Question {qid}?",
        "introduction": f"Why {qid} is asked.",
        "how_to_answer": [f"Point one of {qid}", f"Point two of {qid}"],
        "what_not_to_say": [f"A mistake in {qid}"],
        "example_answer": f"An example answer to {qid}.",
        "skills": ["Communication"],
        **text,
    }


# Text that must stay text everywhere: HTML, Rich markup, an emoji code, an ANSI escape sequence,
# Markdown syntax, a line starting with a list marker, an indented line.
TRICKY_ANSWER = "<script>x</script> [bold]b[/bold] :heart:\n\x1b[31mred\x1b[0m & *done*\n\n    4. indented"

FEEDBACK = {
    "question_id": "junior-what-is-pacs",
    "word_count": 17,
    "speaking_seconds": 8,
    "length": "short",
    "star": {"situation": True, "task": False, "action": True, "result": False},
    "quantified": True,
    "ownership": "I",
    "guidance": [
        {"point": "Name the parts: modalities, archive, viewers", "covered": True, "evidence": ["the <b>archive</b>…"]},
        {"point": "Give one number, e.g. 99.9% uptime", "covered": False, "evidence": []},
    ],
    "red_flags": [
        {"kind": "blame", "phrase": "their <fault>", "point": "- It's *just* storage"},
        {"kind": "vague", "phrase": "stuff", "point": ""},
    ],
    "terms_used": ["DICOM"],
    "terms_missing": ["modality worklist", "RIS"],
    "form": "story",
    "relevant": True,
    "verdict": {
        "grade": "close",
        "fixes": [{"signal": "result", "advice": "Say how it *ended*: <i>what</i> changed."}],
    },
}


def known_session() -> SessionRecord:
    """Three questions: one answered with tricky text, one skipped, one never reached."""
    return SessionRecord(
        id=1,
        started_at="2024-05-01T10:00:00+00:00",
        ended_at="2024-05-01T10:09:30+00:00",
        status=SessionStatus.quit,
        settings=SessionSettings(
            filters={"levels": ["junior", "mid"], "types": [], "skills": ["Modality worklist"]},
            count=3,
            order="bank",
            seed=None,
            time_limit=180,
            bank="banks/<team>.yaml",
        ),
        questions=(
            question(
                "junior-what-is-pacs",
                "junior",
                "technical",
                question="What does a PACS do, and where does <b>DICOM</b> fit?",
                introduction="Checks the *basics* [bold]first[/bold].",
                how_to_answer=["Name the parts: modalities, archive, viewers", "Give one number, e.g. 99.9% uptime"],
                what_not_to_say=["- It's *just* storage"],
                example_answer="A PACS stores images.\n\n1. Modalities send DICOM.\n2. Radiologists read them.",
                skills=["DICOM", "Communication"],
            ),
            question("mid-downtime", "mid", "behavioral"),
            question("senior-migration", "senior", "situational"),
        ),
        answers=(
            AnswerRecord(
                position=0,
                question_id="junior-what-is-pacs",
                answer=TRICKY_ANSWER,
                seconds=95.4,
                word_count=17,
                skipped=False,
                feedback=FEEDBACK,
                rating=Rating.good,
                submitted_at="2024-05-01T10:03:00+00:00",
            ),
            AnswerRecord(
                position=1,
                question_id="mid-downtime",
                answer="",
                seconds=4.0,
                word_count=0,
                skipped=True,
                submitted_at="2024-05-01T10:04:00+00:00",
            ),
        ),
    )


# `practice` in another terminal, in miniature: starts a session of two questions, answers the first,
# says its session id, then runs until its stdin closes, and ends without saying how it ended (a kill).
RUNNING = """
import sys
from pathlib import Path
from pacs_interview.session.records import AnswerRecord, SessionSettings
from pacs_interview.history.store import Store
from tests.helpers import question

with Store.open(Path(sys.argv[1]), clock=lambda: "2024-05-03T09:00:00+00:00") as store:
    settings = SessionSettings({}, 2, "bank", None, 60, "elsewhere")
    session_id = store.start(settings, [question("q-1", "mid", "technical"), question("q-2", "lead", "leadership")])
    store.record_answer(session_id, AnswerRecord(0, "q-1", "An answer.", 5.0, 2, False))
print(session_id, flush=True)
sys.stdin.readline()
"""


class Running(NamedTuple):
    session_id: int
    pid: int


def python_child(code: str, *args: str) -> subprocess.Popen[str]:
    """Run Python `code` in a child process that imports this same source tree, tests included."""
    source = str(Path(pacs_interview.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", code, *args]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


@contextmanager
def running_session(home: Path) -> Iterator[Running]:
    """A session still running in another process while the block runs; the process is gone after it."""
    process = python_child(RUNNING, str(home))
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.strip().isdigit(), f"the other process failed (exit code {process.poll()})"
        yield Running(int(line), process.pid)
    finally:
        process.communicate()  # closes its stdin: it ends, and is reaped


# Damage done to the known session (see record_known) with direct SQL, and the part of the error naming it.
DAMAGES = {
    "settings not an object": ("UPDATE sessions SET settings = '[1,2]'", "settings is not a JSON object"),
    "a day as a word": ("UPDATE sessions SET started_at = 'yesterday'", "started_at is not an ISO 8601 time"),
    "seconds as text": (
        "UPDATE answers SET seconds = 'abc' WHERE position = 0",
        "answer to question 1: seconds is not a number, 0 or more",
    ),
    "question not an object": (
        "UPDATE session_questions SET question = '[]' WHERE position = 0",
        "question 1 is not a JSON object",
    ),
    "unknown level": (
        "UPDATE session_questions SET question = json_set(question, '$.level', 'nope') WHERE position = 1",
        "question 2: level is not one of junior, mid, senior, lead, manager",
    ),
    "filters as a list": (
        "UPDATE sessions SET settings = json_set(settings, '$.filters', json('[\"junior\"]'))",
        "settings: filters is not an object of text lists",
    ),
}


def damage(home: Path, sql: str) -> None:
    """Change the history file behind the store's back, as another tool or a hand edit would."""
    db = sqlite3.connect(home / "history.db")
    db.execute(sql)
    db.commit()
    db.close()


def damaged_message(home: Path, detail: str, session_id: int = 1) -> str:
    path = home / "history.db"
    return (
        f"history file {path} holds a damaged session {session_id} ({detail}); move it aside"
        f" (for example `mv {path} {path}.old`) and run again to start a new history"
    )


def without_overrides(command: list[str]) -> list[str]:
    """`command`, run so that file permissions apply to it even when the tests run as root.

    Root normally passes every permission check; with the two capabilities that allow that dropped
    (util-linux `setpriv`), a 0400 file is read-only and a 0555 folder closed to it, as for any user.
    """
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]


def run_without_overrides(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python `code` (this source tree importable) as `without_overrides` does; its output as text."""
    source = str(Path(pacs_interview.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    command = without_overrides([sys.executable, "-c", code, *args])
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
