"""The SQLite history: durability, concurrency, file modes, damaged files, and the Recorder contract."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import pacs_interview
from pacs_interview.errors import UserError
from pacs_interview.records import AnswerRecord, Rating, SessionSettings, SessionStatus
from pacs_interview.store import APPLICATION_ID, FILE_NAME, MIGRATIONS, SCHEMA_VERSION, NullRecorder, Store
from tests.helpers import known_session, record

SETTINGS = SessionSettings(filters={}, count=3, order="bank", seed=7, time_limit=120, bank="the bundled bank")
QUESTIONS = [{"id": f"q-{n}", "question": f"Question {n}?"} for n in range(3)]


def answer(position: int, text: str = "An answer.", *, skipped: bool = False) -> AnswerRecord:
    return AnswerRecord(position, f"q-{position}", text, 12.5, len(text.split()), skipped, {"length": "short"})


def move_aside(path: Path) -> str:
    return f"move it aside (for example `mv {path} {path}.old`) and run again to start a new history"


# -- the file ----------------------------------------------------------------------------------------


def test_folder_is_0700_and_files_are_0600(home: Path) -> None:
    with Store.open() as store:
        store.record_answer(store.start(SETTINGS, QUESTIONS), answer(0))
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        files = sorted(p.name for p in home.iterdir())
        assert files == [FILE_NAME, f"{FILE_NAME}-shm", f"{FILE_NAME}-wal"]
        for path in home.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_schema_version_and_owner_are_marked(home: Path) -> None:
    Store.open().close()
    db = sqlite3.connect(home / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_an_empty_file_becomes_a_new_history(home: Path) -> None:
    home.mkdir()
    (home / FILE_NAME).touch()
    with Store.open() as store:
        assert store.sessions() == []


def test_reopening_keeps_the_sessions() -> None:
    with Store.open() as store:
        session_id = record(store, known_session())
    with Store.open() as store:
        assert store.session(session_id) == known_session()


def test_random_bytes_are_refused_and_left_alone(home: Path) -> None:
    home.mkdir()
    path = home / FILE_NAME
    path.write_bytes(random.Random(4).randbytes(4096))
    before = path.read_bytes()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == f"{path} is not an SQLite database (file is not a database); {move_aside(path)}"
    assert path.read_bytes() == before
    assert [p.name for p in home.iterdir()] == [FILE_NAME]


def test_another_programs_database_is_refused_and_left_alone(home: Path) -> None:
    home.mkdir()
    path = home / FILE_NAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (body TEXT)")
    other.execute("INSERT INTO notes VALUES ('keep me')")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == f"{path} belongs to another program, not pacs-interview; {move_aside(path)}"
    assert path.read_bytes() == before
    assert [p.name for p in home.iterdir()] == [FILE_NAME]


def test_a_file_from_a_newer_version_is_refused_and_left_alone(home: Path) -> None:
    Store.open().close()
    path = home / FILE_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == (
        f"{path} was written by a newer pacs-interview (history schema {SCHEMA_VERSION + 1}; this version reads up"
        f" to {SCHEMA_VERSION}); upgrade pacs-interview, or {move_aside(path)}"
    )
    assert path.read_bytes() == before


def test_a_file_missing_tables_is_refused(home: Path) -> None:
    Store.open().close()
    path = home / FILE_NAME
    db = sqlite3.connect(path)
    db.execute("DROP TABLE answers")
    db.close()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == f"{path} is missing tables (answers); {move_aside(path)}"


def test_an_unusable_home_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    home = tmp_path / "a-file" / "home"
    with pytest.raises(UserError) as caught:
        Store.open(home)
    assert str(caught.value) == (
        f"cannot use history folder {home}: Not a directory; set PACS_INTERVIEW_HOME to a writable folder"
    )


def test_a_folder_in_place_of_the_file_is_one_clear_error(home: Path) -> None:
    (home / FILE_NAME).mkdir(parents=True)
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == (
        f"cannot open history file {home / FILE_NAME}: Is a directory; set PACS_INTERVIEW_HOME to another folder"
    )


def test_the_home_defaults_to_the_environment_variable(home: Path) -> None:
    with Store.open() as store:
        assert store.path == home / FILE_NAME


# -- the Recorder contract ---------------------------------------------------------------------------


def test_a_recorded_session_reads_back_as_given() -> None:
    with Store.open() as store:
        session_id = record(store, known_session())
        assert session_id == 1
        assert store.session(1) == known_session()


def test_answers_are_kept_exactly_as_typed() -> None:
    text = "".join(chr(c) for c in range(0x20)) + "\x7f\x9b\r\n\u2028 naïve 😀 [bold] <b> \udcff\udc80"
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(0, text))
    with Store.open() as store:
        assert store.session(session_id).answers[0].answer == text


def test_the_store_stamps_answers_and_endings_with_its_clock() -> None:
    with Store.open(clock=lambda: "2024-05-01T10:00:00+00:00") as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(0))
        store.record_rating(session_id, 0, Rating.hard)
        store.finish(session_id, SessionStatus.interrupted)
        session = store.session(session_id)
    assert (session.started_at, session.ended_at, session.status) == (
        "2024-05-01T10:00:00+00:00",
        "2024-05-01T10:00:00+00:00",
        SessionStatus.interrupted,
    )
    assert session.answers == (
        AnswerRecord(
            0, "q-0", "An answer.", 12.5, 2, False, {"length": "short"}, Rating.hard, "2024-05-01T10:00:00+00:00"
        ),
    )


def test_answering_a_position_again_replaces_the_answer() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(0, "first"))
        store.record_answer(session_id, answer(0, "second"))
        assert [a.answer for a in store.session(session_id).answers] == ["second"]


def test_sessions_are_newest_first_and_limited() -> None:
    with Store.open() as store:
        ids = [store.start(SETTINGS, QUESTIONS) for _ in range(3)]
        assert [s.id for s in store.sessions()] == ids[::-1]
        assert store.count() == 3
        assert [s.id for s in store.sessions(2)] == ids[:0:-1]
        assert store.latest().id == ids[-1]


def test_unknown_and_missing_sessions_are_user_errors() -> None:
    with Store.open() as store:
        with pytest.raises(UserError, match=r"^no sessions yet; `pacs-interview practice` starts one$"):
            store.latest()
        for call in (store.session, store.delete, store.reopen):
            with pytest.raises(UserError, match=r"^no session 42; `pacs-interview history` lists the sessions$"):
                call(42)


def test_resumable_is_the_newest_session_with_questions_left() -> None:
    with Store.open() as store:
        interrupted = store.start(SETTINGS, QUESTIONS)
        store.record_answer(interrupted, answer(0))
        store.finish(interrupted, SessionStatus.interrupted)
        finished = store.start(SETTINGS, QUESTIONS)
        for position in range(3):
            store.record_answer(finished, answer(position, skipped=position == 1))
        store.finish(finished, SessionStatus.finished)
        killed_after_the_last = store.start(SETTINGS, QUESTIONS[:1])
        store.record_answer(killed_after_the_last, answer(0))
        assert store.resumable().id == interrupted
        assert store.resumable(interrupted).answers[0].answer == "An answer."


def test_a_finished_session_cannot_be_resumed() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS[:1])
        store.record_answer(session_id, answer(0))
        with pytest.raises(UserError) as caught:
            store.resumable(session_id)
        assert str(caught.value) == (
            f"session {session_id} is finished: every question was reached; `pacs-interview practice` starts a new one"
        )
        with pytest.raises(UserError, match=r"^no unfinished session to resume; `pacs-interview history` lists"):
            store.resumable()


def test_reopen_puts_a_session_back_in_progress() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.finish(session_id, SessionStatus.quit)
        store.reopen(session_id)
        session = store.session(session_id)
        assert (session.status, session.ended_at) == (SessionStatus.in_progress, None)


def test_delete_and_clear_remove_answers_too(home: Path) -> None:
    with Store.open() as store:
        first, second, third = (record(store, known_session()) for _ in range(3))
        store.delete(second)
        assert [s.id for s in store.sessions()] == [third, first]
        assert store.clear() == 2
        assert store.sessions() == []
        new = store.start(SETTINGS, QUESTIONS)
        assert new == third + 1  # ids are never reused, so an old transcript's id cannot name another session
    db = sqlite3.connect(home / FILE_NAME)
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM session_questions").fetchone() == (len(QUESTIONS),)
    db.close()


def test_the_null_recorder_writes_nothing(home: Path) -> None:
    recorder = NullRecorder()
    session_id = recorder.start(SETTINGS, list(QUESTIONS))
    recorder.record_answer(session_id, answer(0))
    recorder.record_rating(session_id, 0, Rating.good)
    recorder.finish(session_id, SessionStatus.finished)
    assert session_id is None
    assert not home.exists()


# -- processes ---------------------------------------------------------------------------------------

# A practice session in miniature: records answers one by one, saying on stdout when each is committed.
# With "hold", it then opens a write that never commits, and waits to be killed.
WRITER = """
import sqlite3, sys
from pathlib import Path
from pacs_interview.records import AnswerRecord, SessionSettings
from pacs_interview.store import Store

home, name, count, hold = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "hold"
sys.stdin.readline()  # wait for the test to say go
store = Store.open(home)
settings = SessionSettings({}, count, "bank", None, 60, name)
session_id = store.start(settings, [{"id": f"q-{n}"} for n in range(count + 1)])
for n in range(count):
    store.record_answer(session_id, AnswerRecord(n, f"q-{n}", f"{name} answer {n}", 1.0, 3, False))
    print(f"committed {n}", flush=True)
if hold:
    db = sqlite3.connect(home / "history.db", isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE answers SET answer = 'half-written' WHERE position = 0")
    print("holding a transaction", flush=True)
    sys.stdin.readline()
"""


def start_writer(home: Path, name: str, count: int, hold: bool = False) -> subprocess.Popen[str]:
    """Start a writer process; it opens the store once the test writes a line to its stdin."""
    # The child imports this same source tree, whichever one the test run uses.
    source = str(Path(pacs_interview.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", WRITER, str(home), name, str(count), "hold" if hold else "run"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


def say_go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def read_until(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for got in process.stdout:
        if got.rstrip("\n") == line:
            return
    raise AssertionError(f"the writer ended before printing {line!r} (exit code {process.wait()})")


def finish(process: subprocess.Popen[str]) -> int:
    """Close the pipes and reap the process; its exit code."""
    process.communicate()
    return process.returncode


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_keeps_every_answer_committed_before_it(home: Path) -> None:
    writer = start_writer(home, "killed", 2, hold=True)
    say_go(writer)
    read_until(writer, "committed 1")
    read_until(writer, "holding a transaction")  # the kill lands in the middle of a write
    writer.send_signal(signal.SIGKILL)
    assert finish(writer) == -signal.SIGKILL
    with Store.open() as store:
        session = store.resumable()
    assert session.status is SessionStatus.in_progress
    assert [a.answer for a in session.answers] == ["killed answer 0", "killed answer 1"]


def test_two_sessions_at_once_both_keep_everything(home: Path) -> None:
    writers = [start_writer(home, name, 40) for name in ("left", "right")]
    for writer in writers:  # both go together, and both find no file yet: they also race to create it
        say_go(writer)
    assert [finish(writer) for writer in writers] == [0, 0]
    with Store.open() as store:
        sessions = {s.settings.bank: s for s in store.sessions()}
    assert set(sessions) == {"left", "right"}
    for name, session in sessions.items():
        assert [a.answer for a in session.answers] == [f"{name} answer {n}" for n in range(40)]
