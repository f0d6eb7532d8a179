"""The SQLite history: durability, concurrency, file modes, damaged files, and the Recorder contract."""

from __future__ import annotations

import errno
import os
import random
import signal
import socket
import sqlite3
import stat
import subprocess
import time
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import pytest

from pacs_interview.bank.loader import QUESTION_KEYS
from pacs_interview.common.errors import UserError
from pacs_interview.history.owner import started
from pacs_interview.history.rows import OPTIONAL_SETTINGS, QUESTION_FIELDS, SETTINGS_FIELDS, Damaged, session_record
from pacs_interview.history.store import (
    APPLICATION_ID,
    FILE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    Cleared,
    NullRecorder,
    Store,
)
from pacs_interview.session.records import AnswerRecord, Rating, SessionSettings, SessionStatus
from tests.helpers import (
    DAMAGES,
    damage,
    damaged_message,
    known_session,
    python_child,
    question,
    record,
    run_without_overrides,
    running_session,
)

SETTINGS = SessionSettings(filters={}, count=3, order="bank", seed=7, time_limit=120, bank="the bundled bank")
QUESTIONS = [question(f"q-{n}", "junior", "technical") for n in range(3)]


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
        assert files == ["history.db", "history.db-shm", "history.db-wal"]
        for path in home.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_schema_version_and_owner_are_marked(home: Path) -> None:
    Store.open().close()
    db = sqlite3.connect(home / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS) == 4
    # "PACS" in ASCII: a different mark would make every history file already written look foreign.
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x50414353
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
    db.execute("DROP TABLE session_questions")
    db.close()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == f"{path} is missing tables (answers, session_questions); {move_aside(path)}"


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


def test_a_second_answer_to_one_question_is_refused_and_keeps_the_first() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(0, "first"))
        with pytest.raises(UserError) as caught:
            store.record_answer(session_id, answer(0, "second"))
        assert str(caught.value) == (
            "session 1 already has an answer to question 1; it is saved once"
            " (this is a bug in pacs-interview: please report it)"
        )
        assert [a.answer for a in store.session(session_id).answers] == ["first"]


def test_an_answer_to_a_question_the_session_lacks_is_refused() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        with pytest.raises(UserError) as caught:
            store.record_answer(session_id, answer(3))
        assert str(caught.value) == "session 1 has no question 4 (this is a bug in pacs-interview: please report it)"


def test_feedback_is_added_to_an_answer_saved_without_it() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, replace(answer(0), feedback=None))
        assert store.session(session_id).answers[0].feedback is None
        store.record_feedback(session_id, 0, {"length": "long", "star": {"situation": True}})
        assert store.session(session_id).answers[0].feedback == {"length": "long", "star": {"situation": True}}
        store.record_feedback(session_id, 0, None)
        assert store.session(session_id).answers[0].feedback is None


@pytest.mark.parametrize("add", ["feedback", "rating"])
def test_feedback_or_a_rating_for_an_answer_never_saved_is_refused(add: str) -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        with pytest.raises(UserError) as caught:
            if add == "feedback":
                store.record_feedback(session_id, 1, {"length": "short"})
            else:
                store.record_rating(session_id, 1, Rating.good)
        assert str(caught.value) == (
            "session 1 has no saved answer to question 2 (this is a bug in pacs-interview: please report it)"
        )


def test_feedback_that_is_not_json_is_refused_before_it_is_stored() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(0))
        with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
            store.record_feedback(session_id, 0, {"speaking_seconds": float("inf")})
        assert store.session(session_id).answers[0].feedback == {"length": "short"}


@pytest.mark.parametrize("call", ["answer", "feedback", "rating"])
def test_saving_into_a_session_deleted_underneath_is_one_error(home: Path, call: str) -> None:
    with Store.open() as running, Store.open() as other:
        session_id = running.start(SETTINGS, QUESTIONS)
        running.record_answer(session_id, answer(0))
        other.delete(session_id)  # the owner is this process, so nothing stops it here
        with pytest.raises(UserError) as caught:
            if call == "answer":
                running.record_answer(session_id, answer(1))
            elif call == "feedback":
                running.record_feedback(session_id, 0, None)
            else:
                running.record_rating(session_id, 0, Rating.easy)
    assert str(caught.value) == (
        f"session 1 is no longer in {home / FILE_NAME}: it was deleted while it was running; the {call} was not saved"
    )


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
        assert store.clear() == Cleared(2, ())
        assert store.sessions() == []
        new = store.start(SETTINGS, QUESTIONS)
        assert new == third + 1  # ids are never reused, so an old transcript's id cannot name another session
    db = sqlite3.connect(home / FILE_NAME)
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM session_questions").fetchone() == (len(QUESTIONS),)
    db.close()


# A word that nothing else in the history file holds.
SECRET = "kestrel-zebra-0042"


def history_bytes(home: Path) -> bytes:
    """Every byte of the history file and SQLite's files beside it (the write-ahead log above all)."""
    return b"".join(path.read_bytes() for path in sorted(home.iterdir()) if path.name.startswith(FILE_NAME))


@pytest.mark.parametrize("how", ["delete", "clear"])
def test_deleted_answers_are_gone_from_the_files_while_another_terminal_has_them_open(home: Path, how: str) -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, [question("q-0", "junior", "technical", question=f"Name {SECRET}?")])
        store.record_answer(session_id, answer(0, f"My answer names {SECRET} twice: {SECRET}."))
        # Another process with the file open: closing this store then copies nothing back and deletes no log,
        # so only the store's own care keeps the old answer from lingering in the log or in free pages.
        other = sqlite3.connect(home / FILE_NAME)
        try:
            assert other.execute("SELECT count(*) FROM answers").fetchone() == (1,)
            assert SECRET.encode() in history_bytes(home)
            if how == "delete":
                store.delete(session_id)
            else:
                assert store.clear() == Cleared(1, ())
            store.close()
            assert SECRET.encode() not in history_bytes(home)
        finally:
            other.close()


def test_the_null_recorder_writes_nothing(home: Path) -> None:
    recorder = NullRecorder()
    session_id = recorder.start(SETTINGS, list(QUESTIONS))
    recorder.record_answer(session_id, answer(0))
    recorder.record_feedback(session_id, 0, {"length": "short"})
    recorder.record_rating(session_id, 0, Rating.good)
    recorder.finish(session_id, SessionStatus.finished)
    assert session_id is None
    assert not home.exists()


# -- sessions running in another terminal ------------------------------------------------------------


def owner(home: Path, session_id: int) -> tuple[object, object, object]:
    db = sqlite3.connect(home / FILE_NAME)
    row = db.execute("SELECT owner_pid, owner_host, owner_started FROM sessions WHERE id = ?", (session_id,)).fetchone()
    db.close()
    return tuple(row)  # type: ignore[return-value]


def set_owner(home: Path, session_id: int, pid: int, host: str) -> None:
    damage(home, f"UPDATE sessions SET owner_pid = {pid}, owner_host = '{host}' WHERE id = {session_id}")


def still_running(session_id: int, pid: int, doing: str) -> str:
    return (
        f"session {session_id} is still running in another terminal (process {pid});"
        f" end it there (q or Ctrl-C) before {doing}"
    )


def test_a_session_records_the_process_running_it_until_it_ends(home: Path) -> None:
    this_process = (os.getpid(), socket.gethostname(), started(os.getpid()))
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        assert owner(home, session_id) == this_process
        store.finish(session_id, SessionStatus.quit)
        assert owner(home, session_id) == (None, None, None)
        store.reopen(session_id)
        assert owner(home, session_id) == this_process


def test_a_session_running_in_another_process_is_not_resumed_or_deleted(home: Path) -> None:
    with Store.open() as store:
        earlier = record(store, known_session())  # quit with a question left: resumable
        with running_session(home) as running:
            assert store.resumable().id == earlier  # the newer one, still running, is skipped
            for call, doing in [(store.resumable, "resuming it here"), (store.reopen, "resuming it here")]:
                with pytest.raises(UserError) as caught:
                    call(running.session_id)
                assert str(caught.value) == still_running(running.session_id, running.pid, doing)
            with pytest.raises(UserError) as caught:
                store.delete(running.session_id)
            assert str(caught.value) == still_running(running.session_id, running.pid, "deleting it")
            assert store.clear() == Cleared(1, (running.session_id,))
            with pytest.raises(UserError) as caught:
                store.resumable()
            assert str(caught.value) == (
                f"no unfinished session to resume: session {running.session_id} is still running in another"
                " terminal; `pacs-interview history` lists the sessions"
            )
        # The other process ended without saying how (as after a kill): now it can be resumed, and deleted.
        assert store.resumable().id == running.session_id
        store.delete(running.session_id)
        assert store.count() == 0


def test_an_owner_this_process_may_not_signal_is_alive(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def kill(pid: int, signal_number: int) -> None:
        assert (pid, signal_number) == (4242, 0)
        raise PermissionError(errno.EPERM, "Operation not permitted")

    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        set_owner(home, session_id, 4242, socket.gethostname())
        monkeypatch.setattr(os, "kill", kill)
        with pytest.raises(UserError) as caught:
            store.delete(session_id)
        assert str(caught.value) == still_running(session_id, 4242, "deleting it")


def test_an_owner_that_is_gone_or_on_another_host_does_not_hold_its_session(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_kill = os.kill

    def kill(pid: int, signal_number: int) -> None:
        assert pid != 4343, "a process on another host is not looked for here"
        if pid == 4242:
            raise ProcessLookupError(errno.ESRCH, "No such process")
        real_kill(pid, signal_number)

    monkeypatch.setattr(os, "kill", kill)
    with Store.open() as store:
        gone, impossible, elsewhere = (store.start(SETTINGS, QUESTIONS) for _ in range(3))
        set_owner(home, gone, 4242, socket.gethostname())
        set_owner(home, impossible, 2**62, socket.gethostname())  # too large for os.kill: no process has it
        set_owner(home, elsewhere, 4343, "another-host")
        assert store.resumable().id == elsewhere
        assert store.resumable(impossible).id == impossible
        assert store.resumable(gone).id == gone
        assert store.clear() == Cleared(3, ())


@pytest.mark.skipif(started(os.getpid()) is None, reason="the system does not say when a process started")
def test_a_pid_that_now_belongs_to_another_process_does_not_hold_its_session(home: Path) -> None:
    """As after a container restart: the session's pid is alive, but it is some other program."""
    other = subprocess.Popen(["sleep", "60"])
    try:
        with Store.open() as store:
            reused, running = store.start(SETTINGS, QUESTIONS), store.start(SETTINGS, QUESTIONS)
            for session_id, start in ((reused, "another-boot:12345"), (running, started(other.pid))):
                damage(
                    home,
                    f"UPDATE sessions SET owner_pid = {other.pid}, owner_host = '{socket.gethostname()}',"
                    f" owner_started = '{start}' WHERE id = {session_id}",
                )
            store.delete(reused)  # its owner is provably gone
            with pytest.raises(UserError) as caught:
                store.delete(running)
            assert str(caught.value) == still_running(running, other.pid, "deleting it")
            with pytest.raises(UserError):
                store.resumable(running)
    finally:
        other.kill()
        other.wait()


def test_a_session_from_before_start_times_were_kept_is_judged_by_its_pid(home: Path) -> None:
    with Store.open() as store, running_session(home) as running:
        damage(home, f"UPDATE sessions SET owner_started = NULL WHERE id = {running.session_id}")
        with pytest.raises(UserError):
            store.delete(running.session_id)


# -- damaged rows ------------------------------------------------------------------------------------

MORE_DAMAGES = {
    "unknown status": (
        "UPDATE sessions SET status = 'paused'",
        "status is not one of in-progress, finished, quit, interrupted, input-ended",
    ),
    "ended_at a word": ("UPDATE sessions SET ended_at = 'later'", "ended_at is not an ISO 8601 time"),
    "position as text": (
        "UPDATE answers SET position = 'first' WHERE position = 0",
        "an answer's position is not a whole number",
    ),
    "answer one past the last question": (
        "UPDATE answers SET position = 3 WHERE position = 1",
        "an answer is for question 4, which the session does not have",
    ),
    "question id as bytes": (
        "UPDATE answers SET question_id = x'41' WHERE position = 0",
        "answer to question 1: question_id is not text",
    ),
    "negative word count": (
        "UPDATE answers SET word_count = -1 WHERE position = 0",
        "answer to question 1: word_count is not a whole number, 0 or more",
    ),
    "a time before the year 1 in UTC": (
        "UPDATE sessions SET started_at = '0001-01-01T08:00:00+09:00'",
        "started_at is out of range",
    ),
    "a time after the year 9999 in UTC": (
        "UPDATE answers SET submitted_at = '9999-12-31T20:00:00-05:00' WHERE position = 0",
        "answer to question 1: submitted_at is out of range",
    ),
    "no time zone": (
        "UPDATE answers SET submitted_at = '2024-05-01T10:03:00'",
        "answer to question 1: submitted_at has no time zone",
    ),
    "settings without count": (
        "UPDATE sessions SET settings = json_remove(settings, '$.count')",
        "settings has no count",
    ),
    "seed as text": (
        "UPDATE sessions SET settings = json_set(settings, '$.seed', '7')",
        "settings: seed is not a whole number or null",
    ),
    "question without skills": (
        "UPDATE session_questions SET question = json_remove(question, '$.skills') WHERE position = 0",
        "question 1 has no skills",
    ),
    "skills as text": (
        "UPDATE session_questions SET question = json_set(question, '$.skills', 'DICOM') WHERE position = 2",
        "question 3: skills is not a list of text",
    ),
    "point without its text": (
        "UPDATE session_questions SET question = json_set(question, '$.how_to_answer[0]', json('{\"look_for\": []}'))"
        " WHERE position = 0",
        "question 1: how_to_answer is not a list of points (text, or point and look_for)",
    ),
    "region as text": (
        "UPDATE session_questions SET question = json_set(question, '$.region', 'uk') WHERE position = 0",
        "question 1: region is not a list of text",
    ),
    "domain as a number": (
        "UPDATE session_questions SET question = json_set(question, '$.domain', 3) WHERE position = 0",
        "question 1: domain is not text or null",
    ),
    "question not JSON": (
        "UPDATE session_questions SET question = '{' WHERE position = 0",
        "question 1 is not valid JSON",
    ),
    "answer not UTF-8": (
        "UPDATE answers SET answer = x'ff' WHERE position = 0",
        "answer to question 1: answer is not text",
    ),
    "negative seconds": (
        "UPDATE answers SET seconds = -1 WHERE position = 0",
        "answer to question 1: seconds is not a number, 0 or more",
    ),
    "infinite seconds": (
        "UPDATE answers SET seconds = 1e999 WHERE position = 0",
        "answer to question 1: seconds is not a number, 0 or more",
    ),
    "rating out of range": (
        "UPDATE answers SET rating = 7 WHERE position = 0",
        "answer to question 1: rating is not a rating from 1 to 4",
    ),
    "skipped as text": (
        "UPDATE answers SET skipped = 'no' WHERE position = 1",
        "answer to question 2: skipped is not 0 or 1",
    ),
    "feedback a list": (
        "UPDATE answers SET feedback = '[]' WHERE position = 0",
        "answer to question 1: feedback is not a JSON object",
    ),
    "feedback with NaN": (
        "UPDATE answers SET feedback = '{\"speaking_seconds\": NaN}' WHERE position = 0",
        "answer to question 1: feedback is not valid JSON",
    ),
    "feedback with a huge float": (
        "UPDATE answers SET feedback = '{\"speaking_seconds\": 1e999}' WHERE position = 0",
        "answer to question 1: feedback is not valid JSON",
    ),
    "answer past the last question": (
        "UPDATE answers SET position = 9 WHERE position = 1",
        "an answer is for question 10, which the session does not have",
    ),
    "attempt 0": (
        "UPDATE answers SET attempt = 0 WHERE position = 0",
        "answer to question 1: attempt is not a whole number, 1 or more",
    ),
    "draft neither 0 nor 1": (
        "UPDATE answers SET draft = 2 WHERE position = 1",
        "answer to question 2: draft is not 0 or 1",
    ),
    "kind as bytes": ("UPDATE sessions SET kind = x'01'", "session: kind is not text"),
    "start as bytes": ("UPDATE sessions SET started_at = x'01'", "started_at is not an ISO 8601 time"),
    "a cue not text": (
        "UPDATE session_questions SET question = json_set(question, '$.how_to_answer[0]',"
        ' json(\'{"point": "Name it", "look_for": [1]}\')) WHERE position = 0',
        "question 1: how_to_answer is not a list of points (text, or point and look_for)",
    ),
}


@pytest.mark.parametrize(("sql", "detail"), list(DAMAGES.values()), ids=list(DAMAGES))
@pytest.mark.parametrize("by_id", [False, True], ids=["latest", "by id"])
def test_resuming_a_damaged_session_is_one_error(home: Path, sql: str, detail: str, by_id: bool) -> None:
    with Store.open() as store:
        record(store, known_session())
    damage(home, sql)
    with Store.open() as store, pytest.raises(UserError) as caught:
        store.resumable(1 if by_id else None)
    assert str(caught.value) == damaged_message(home, detail)


@pytest.mark.parametrize(("sql", "detail"), list(MORE_DAMAGES.values()), ids=list(MORE_DAMAGES))
def test_every_damaged_value_is_one_error(home: Path, sql: str, detail: str) -> None:
    with Store.open() as store:
        record(store, known_session())
    damage(home, sql)
    with Store.open() as store, pytest.raises(UserError) as caught:
        store.session(1)
    assert str(caught.value) == damaged_message(home, detail)


def test_a_time_out_of_range_in_utc_is_damaged_whatever_the_local_zone(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Year 1 at 08:00 in Tokyo is still in year 0 in UTC, though in range for a clock 14 hours ahead of UTC.
    with Store.open() as store:
        record(store, known_session())
    damage(home, "UPDATE sessions SET started_at = '0001-01-01T08:00:00+09:00'")
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    time.tzset()
    with Store.open() as store, pytest.raises(UserError) as caught:
        store.session(1)
    assert str(caught.value) == damaged_message(home, "started_at is out of range")


def test_a_session_row_of_any_shape_is_damaged_not_a_crash() -> None:
    # Not from a file (SQLite would store these as text): what a row of another shape would be told.
    with pytest.raises(Damaged, match="^settings is not JSON text$"):
        session_record((1, "2024-05-01T10:00:00+00:00", None, "finished", 5, "practice"), [], [])


def test_a_question_with_cues_domain_follow_ups_and_region_comes_back_whole(home: Path) -> None:
    session = known_session()
    first = {
        **session.questions[0],
        "how_to_answer": [
            {"point": "Name the parts", "look_for": ["archive", "viewer"]},
            {"point": "Say why"},  # a point may leave out its cues
            "Give a number",
        ],
        "domain": "imaging-informatics",
        "follow_ups": ["And then?"],
        "region": ["uk", "eu"],
    }
    session = replace(session, questions=(first, *session.questions[1:]))
    with Store.open() as store:
        session_id = record(store, session)
    with Store.open() as store:
        assert store.session(session_id) == session


def test_rows_are_checked_against_the_keys_this_version_writes() -> None:
    assert list(QUESTION_FIELDS) == list(QUESTION_KEYS)
    assert [*SETTINGS_FIELDS, *OPTIONAL_SETTINGS] == [f.name for f in fields(SessionSettings)]


def test_unknown_keys_from_a_newer_version_are_kept_or_ignored(home: Path) -> None:
    with Store.open() as store:
        record(store, known_session())
    damage(home, "UPDATE sessions SET settings = json_set(settings, '$.pace', 'fast')")
    damage(home, "UPDATE session_questions SET question = json_set(question, '$.tags', json('[1]'))")
    with Store.open() as store:
        session = store.session(1)
    assert session.settings == known_session().settings
    assert session.questions[0] == {**known_session().questions[0], "tags": [1]}


@pytest.mark.parametrize(
    "call",
    [
        lambda store: store.session(2**63),
        lambda store: store.resumable(2**63),
        lambda store: store.reopen(2**63),
        lambda store: store.delete(2**64),
        lambda store: store.sessions(2**63),
    ],
    ids=["session", "resumable", "reopen", "delete", "sessions"],
)
def test_numbers_too_large_for_sqlite_are_one_error(call: Callable[[Store], object]) -> None:
    with Store.open() as store, pytest.raises(UserError) as caught:
        call(store)
    assert str(caught.value) == "a number given is too large for the history file (at most 9223372036854775807)"


# -- processes ---------------------------------------------------------------------------------------

# A practice session in miniature: records answers one by one, saying on stdout when each is committed.
# With "hold", it then opens a write that never commits, and waits to be killed.
WRITER = """
import sqlite3, sys
from pathlib import Path
from pacs_interview.session.records import AnswerRecord, SessionSettings
from pacs_interview.history.store import Store
from tests.helpers import question

home, name, count, hold = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "hold"
sys.stdin.readline()  # wait for the test to say go
store = Store.open(home)
settings = SessionSettings({}, count, "bank", None, 60, name)
session_id = store.start(settings, [question(f"q-{n}", "mid", "technical") for n in range(count + 1)])
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
    return python_child(WRITER, str(home), name, str(count), "hold" if hold else "run")


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


# -- a healthy file that cannot be used right now is never called damaged ----------------------------


def _unharmed(path: Path, error: str, cause: str) -> str:
    return f"cannot use history file {path}: {error}: {cause}; the history in it is unharmed"


def test_a_folder_where_sqlite_keeps_its_log_is_named_and_the_file_not_blamed(home: Path) -> None:
    with Store.open() as store:
        record(store, known_session())
    path = home / FILE_NAME
    (home / f"{FILE_NAME}-wal").mkdir()
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value).startswith(f"cannot use history file {path}: ")
    assert str(caught.value).endswith(
        f": {path}-wal is not a file, and SQLite keeps its own data there; move it aside; the history in it is unharmed"
    )
    assert "move it aside (for example" not in str(caught.value)  # the advice that would lose a good file


def test_a_file_size_limit_is_named_and_the_file_not_blamed(home: Path) -> None:
    # `ulimit -f`: the answer cannot be written, but nothing says the history is damaged.
    code = """
import resource, sys
from pathlib import Path
from pacs_interview.common.errors import UserError
from pacs_interview.history.store import Store
from tests.helpers import question
from pacs_interview.session.records import AnswerRecord, SessionSettings
with Store.open(Path(sys.argv[1])) as store:
    session_id = store.start(SessionSettings({}, 1, "bank", None, 60, "b"), [question("q-0", "mid", "technical")])
    resource.setrlimit(resource.RLIMIT_FSIZE, (store.path.stat().st_size, resource.RLIM_INFINITY))
    try:
        store.record_answer(session_id, AnswerRecord(0, "q-0", "x" * 200_000, 1.0, 1, False))
    except UserError as error:
        print(error)
"""
    child = python_child(code, str(home))
    out, _ = child.communicate(timeout=60)
    path = home / FILE_NAME
    assert out.startswith(f"cannot use history file {path}: ")
    assert out.endswith(
        ": a file size limit (ulimit -f) stops it from growing; raise the limit and run again;"
        " the history in it is unharmed\n"
    )
    with Store.open() as store:
        assert len(store.sessions()) == 1  # and it is indeed fine


# Opens the history in argv[1] to read (its session ids), then to write; prints both outcomes.
READ_THEN_WRITE = """
import sys
from pathlib import Path
from pacs_interview.common.errors import UserError
from pacs_interview.history.store import Store
home = Path(sys.argv[1])
try:
    with Store.open(home, read_only=True) as store:
        print([session.id for session in store.sessions()])
except UserError as error:
    print(error)
try:
    Store.open(home).close()
    print("opened for writing")
except UserError as error:
    print(error)
"""


def read_then_write(home: Path) -> list[str]:
    result = run_without_overrides(READ_THEN_WRITE, str(home))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_a_history_you_may_only_read_is_read_and_not_written(home: Path) -> None:
    with Store.open() as store:
        record(store, known_session())
    path = home / FILE_NAME
    path.chmod(0o400)
    assert read_then_write(home) == [
        "[1]",
        f"cannot open history file {path} for writing: Permission denied; it is read-only for you"
        " (history and export, which only read, still work)",
    ]


KILLED_WRITER = """
import os, sys
from pathlib import Path
from pacs_interview.history.store import Store
from tests.helpers import known_session, record
store = Store.open(Path(sys.argv[1]))
record(store, known_session())
os._exit(0)  # killed before it could fold its log into the file: the newest session is only in -wal
"""


@pytest.mark.parametrize("with_log", [False, True], ids=["checkpointed", "answers still in the -wal file"])
def test_a_history_in_a_read_only_folder_is_read_whole(home: Path, with_log: bool) -> None:
    with Store.open() as store:
        record(store, known_session())
    if with_log:
        child = python_child(KILLED_WRITER, str(home))
        child.communicate(timeout=60)
        assert child.returncode == 0 and (home / f"{FILE_NAME}-wal").stat().st_size > 0
    home.chmod(0o555)
    try:
        lines = read_then_write(home)
    finally:
        home.chmod(0o700)
    read_only = (
        f"cannot use history file {home / FILE_NAME}: attempt to write a readonly database: it or its folder is"
        f" read-only for you; make {home} and the files in it writable; the history in it is unharmed"
    )
    # With its -wal and -shm files already there, SQLite needs to create nothing, so it can even write.
    assert lines == (["[2, 1]", "opened for writing"] if with_log else ["[1]", read_only])


def test_an_empty_read_only_folder_reads_as_no_history(home: Path) -> None:
    home.mkdir(mode=0o555)
    try:
        assert read_then_write(home)[0] == "[]"
    finally:
        home.chmod(0o700)
    assert not (home / FILE_NAME).exists()


# The same, in this process: os.access made to answer as for a user who may not write the folder (the
# tests may run as root, who may), so that the read-only paths are taken while SQLite itself could still write.
PINNED = "2024-06-01T12:00:00+00:00"


@pytest.fixture
def folder_read_only(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: access(path, mode) and not (mode & os.W_OK and path == home))


def test_a_history_in_a_folder_you_may_not_write_is_opened_read_only(home: Path, folder_read_only: None) -> None:
    with Store.open() as store:
        record(store, known_session())
    with Store.open(read_only=True, clock=lambda: PINNED) as store:
        assert [session.id for session in store.sessions()] == [1]
        assert (store.path, store.clock()) == (home / FILE_NAME, PINNED)
        with pytest.raises(UserError) as caught:
            store.delete(1)
    assert str(caught.value) == _unharmed(
        home / FILE_NAME,
        "attempt to write a readonly database",
        f"it or its folder is read-only for you; make {home} and the files in it writable",
    )


def test_no_history_in_a_folder_you_may_not_write_reads_as_empty_and_creates_nothing(
    home: Path, tmp_path: Path, folder_read_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    with Store.open(read_only=True, clock=lambda: PINNED) as store:
        assert store.sessions() == []
        assert (store.path, store.clock()) == (home / FILE_NAME, PINNED)
    assert sorted(tmp_path.rglob("*")) == before  # neither the history nor any other file


def test_an_empty_history_file_in_a_folder_you_may_not_write_reads_as_empty(home: Path, folder_read_only: None) -> None:
    home.mkdir()
    (home / FILE_NAME).write_bytes(b"")
    with Store.open(read_only=True, clock=lambda: PINNED) as store:
        assert store.sessions() == []
        assert (store.path, store.clock()) == (home / FILE_NAME, PINNED)
    assert (home / FILE_NAME).read_bytes() == b""


def test_a_folder_in_place_of_the_history_in_a_read_only_folder_is_named(home: Path, folder_read_only: None) -> None:
    (home / FILE_NAME).mkdir(parents=True)
    with pytest.raises(UserError) as caught:
        Store.open(read_only=True)
    assert str(caught.value) == _unharmed(
        home / FILE_NAME, "disk I/O error", f"the folder {home} is read-only for you; make it writable"
    )


def test_a_history_that_cannot_be_opened_to_write_is_still_read(home: Path) -> None:
    with Store.open() as store:
        record(store, known_session())
    (home / f"{FILE_NAME}-shm").mkdir()  # where SQLite keeps the shared index a writer needs
    with pytest.raises(UserError):
        Store.open()
    with Store.open(read_only=True, clock=lambda: PINNED) as store:
        assert [session.id for session in store.sessions()] == [1]
        assert (store.path, store.clock()) == (home / FILE_NAME, PINNED)


def test_a_symlinked_history_others_can_read_is_refused(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "history.db"
    target.parent.mkdir()
    with Store.open(target.parent) as store:
        record(store, known_session())
    home.mkdir()
    (home / FILE_NAME).symlink_to(target)
    target.chmod(0o644)
    with pytest.raises(UserError) as caught:
        Store.open()
    assert str(caught.value) == (
        f"history file {home / FILE_NAME} leads to {target}, which others can read (mode 0644), and SQLite"
        f" would give its -wal and -shm files the same mode; make it private (`chmod 600 {target}`)"
    )
    target.chmod(0o600)
    with Store.open() as store:
        store.record_answer(store.start(SETTINGS, QUESTIONS), answer(0))
        companions = [p for p in target.parent.iterdir() if p.name != FILE_NAME]
        assert companions and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in companions)


def test_answers_saved_together_are_saved_all_or_none() -> None:
    with Store.open() as store:
        session_id = store.start(SETTINGS, QUESTIONS)
        store.record_answer(session_id, answer(1, "taken"))
        with pytest.raises(UserError):
            store.record_answers(session_id, [answer(0, "first"), answer(1, "again"), answer(2, "third")])
        assert [a.answer for a in store.session(session_id).answers] == ["taken"]
        store.record_answers(session_id, [answer(0, "first"), answer(2, "third")])
        assert [a.answer for a in store.session(session_id).answers] == ["first", "taken", "third"]
