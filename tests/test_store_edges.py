"""The history file's less travelled paths: where it lives, locks at opening, owners, and what is stored how."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from pacs_interview.common.errors import UserError
from pacs_interview.history import clearing, connection, owner, peek
from pacs_interview.history.connection import Connection
from pacs_interview.history.store import Store
from pacs_interview.session.records import AnswerRecord, SessionSettings
from tests.helpers import question

SETTINGS = SessionSettings(filters={}, count=1, order="bank", seed=1, time_limit=60, bank="the bundled bank")


def test_without_the_variable_the_history_lives_in_the_platforms_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PACS_INTERVIEW_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert connection.default_home() == tmp_path / "data" / "pacs-interview"


def test_a_home_several_folders_deep_is_made_private(tmp_path: Path) -> None:
    home = tmp_path / "new" / "deeper"
    Store.open(home).close()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_an_answer_is_stored_as_text_unless_it_holds_lone_surrogates(home: Path) -> None:
    with Store.open() as store:
        session_id = store.start(
            SETTINGS, [question("q-0", "junior", "technical"), question("q-1", "mid", "technical")]
        )
        store.record_answer(session_id, AnswerRecord(0, "q-0", "Plain words.", 3.0, 2, False))
        store.record_answer(session_id, AnswerRecord(1, "q-1", "caf\udce9", 3.0, 1, False))
        assert [a.answer for a in store.session(session_id).answers] == ["Plain words.", "caf\udce9"]
    db = sqlite3.connect(home / "history.db")
    kinds = db.execute("SELECT typeof(answer) FROM answers ORDER BY position").fetchall()
    db.close()
    assert kinds == [("text",), ("blob",)]  # text stays searchable with SQL; only what text cannot hold is bytes


def test_the_store_refuses_to_record_without_a_session_id() -> None:
    with Store.open() as store, pytest.raises(ValueError) as caught:
        store.record_answer(None, AnswerRecord(0, "q-0", "An answer.", 3.0, 2, False))
    assert str(caught.value) == "the store was given no session id; NullRecorder is the recorder for --no-save"


# -- switching a new file to WAL, which another process may be doing at the same instant ---------------


class LockedAtFirst:
    """A connection whose `PRAGMA journal_mode = WAL` finds the file locked `times` times, then works."""

    def __init__(self, times: int, message: str = "database is locked") -> None:
        self.left = times
        self.message = message
        self.tries = 0

    def execute(self, sql: str, *args: Any) -> None:
        assert sql == "PRAGMA journal_mode = WAL"
        self.tries += 1
        if self.left:
            self.left -= 1
            raise sqlite3.OperationalError(self.message)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """time.monotonic reads the last value in the list; each sleep of `s` seconds appends one `s` later."""
    readings = [1000.0]
    monkeypatch.setattr(connection.time, "monotonic", lambda: readings[-1])
    monkeypatch.setattr(connection.time, "sleep", lambda seconds: readings.append(readings[-1] + seconds))
    return readings


def test_a_locked_file_is_tried_again_every_hundredth_of_a_second(clock: list[float], tmp_path: Path) -> None:
    db = LockedAtFirst(times=3)
    Connection(db, tmp_path / "history.db")._use_wal()  # type: ignore[arg-type]
    assert db.tries == 4
    assert [round(b - a, 3) for a, b in zip(clock, clock[1:], strict=False)] == [0.01, 0.01, 0.01]


def test_a_file_locked_for_the_whole_busy_timeout_is_an_error(clock: list[float], tmp_path: Path) -> None:
    db = LockedAtFirst(times=10_000)
    with pytest.raises(sqlite3.OperationalError):
        Connection(db, tmp_path / "history.db")._use_wal()  # type: ignore[arg-type]
    assert round(clock[-1] - clock[0], 2) == 10.01  # the ten seconds, and not one try more
    assert db.tries == 1002


def spy_on_connect(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every sqlite3.connect call from now on: its target and its keyword arguments."""
    opened: list[tuple[str, dict[str, Any]]] = []
    connect = sqlite3.connect

    def spy(target: str, **options: Any) -> sqlite3.Connection:
        opened.append((target, options))
        return connect(target, **options)

    monkeypatch.setattr(sqlite3, "connect", spy)
    return opened


def test_the_history_is_opened_to_wait_ten_seconds_for_a_lock_and_to_read_only_when_asked(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two terminals practising at once: a writer waits out the other's lock (milliseconds) rather than
    # fail; the transactions are the store's own (BEGIN IMMEDIATE), never the driver's.
    Store.open().close()
    opened = spy_on_connect(monkeypatch)
    Store.open().close()
    access = os.access  # made to answer as for a user who may not write the folder
    monkeypatch.setattr(os, "access", lambda path, mode: access(path, mode) and not (mode & os.W_OK and path == home))
    Store.open(read_only=True).close()
    path = home / "history.db"
    assert opened == [
        (str(path), {"timeout": 10.0, "isolation_level": None, "uri": False}),
        (f"{path.as_uri()}?mode=ro", {"timeout": 10.0, "isolation_level": None, "uri": True}),
    ]


def test_a_try_that_falls_exactly_on_the_deadline_is_still_made(
    clock: list[float], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(connection.time, "sleep", lambda seconds: clock.append(clock[-1] + 5.0))
    db = LockedAtFirst(times=10_000)
    with pytest.raises(sqlite3.OperationalError):
        Connection(db, tmp_path / "history.db")._use_wal()  # type: ignore[arg-type]
    assert clock == [1000.0, 1005.0, 1010.0, 1015.0]  # tried at 1010.0, the deadline, then given up
    assert db.tries == 4


def test_any_other_error_switching_to_wal_is_not_retried(clock: list[float], tmp_path: Path) -> None:
    db = LockedAtFirst(times=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        Connection(db, tmp_path / "history.db")._use_wal()  # type: ignore[arg-type]
    assert (db.tries, clock) == (1, [1000.0])


# -- who owns a running session ----------------------------------------------------------------------------


def test_pid_0_and_below_are_no_owner() -> None:
    # os.kill(0, 0) would probe this process's own group and say "alive".
    assert owner.running_elsewhere(0, socket.gethostname()) is False
    assert owner.running_elsewhere(-5, socket.gethostname()) is False


def test_a_live_process_of_this_host_is_an_owner() -> None:
    assert os.getpid() != 1
    assert owner.running_elsewhere(1, socket.gethostname()) is True  # process 1 is always alive
    assert owner.running_elsewhere(1, "another-host") is False
    assert owner.running_elsewhere(os.getpid(), socket.gethostname()) is False  # ours, not another terminal's
    assert owner.running_elsewhere("1", socket.gethostname()) is False


def fake_proc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stat_line: str) -> None:
    """A /proc telling boot id `boot-7` and, for process 42, `stat_line` as its stat file."""
    (tmp_path / "sys/kernel/random").mkdir(parents=True)
    (tmp_path / "sys/kernel/random/boot_id").write_text("boot-7\n")
    (tmp_path / "42").mkdir()
    (tmp_path / "42/stat").write_text(stat_line)
    monkeypatch.setattr(owner, "_PROC", tmp_path)


# Fields 3 to 21 of a stat line (state, parent pid, ...), then field 22, the start time: 98765.
STAT_FIELDS = "S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 98765"


def test_a_process_start_is_the_boot_id_and_field_22_of_its_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command name may hold spaces and parentheses: the fields start after the last ")".
    fake_proc(tmp_path, monkeypatch, f"42 (my (odd) name) {STAT_FIELDS} 4 5 6\n")
    assert owner.started(42) == "boot-7:98765"


def test_a_stat_line_that_ends_at_field_22_still_tells_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_proc(tmp_path, monkeypatch, f"42 (sh) {STAT_FIELDS}\n")
    assert owner.started(42) == "boot-7:98765"


@pytest.mark.parametrize("stat_line", ["42 (sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n", "42 (sh)\n", ""])
def test_a_stat_line_too_short_to_tell_the_start_gives_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stat_line: str
) -> None:
    fake_proc(tmp_path, monkeypatch, stat_line)
    assert owner.started(42) is None


def test_no_such_process_gives_no_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_proc(tmp_path, monkeypatch, f"42 (sh) {STAT_FIELDS}\n")
    assert owner.started(43) is None


def test_on_windows_no_owner_is_probed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert owner.running_elsewhere(1, socket.gethostname()) is False


@pytest.mark.parametrize(
    ("ids", "listed", "running", "kept"),
    [
        ([4], "session 4", "is still running in another terminal", "1 still running in another terminal (session 4)"),
        (
            [4, 9],
            "sessions 4, 9",
            "are still running in other terminals",
            "2 still running in other terminals (sessions 4, 9)",
        ),
    ],
)
def test_running_sessions_are_named_in_the_singular_or_plural(
    ids: list[int], listed: str, running: str, kept: str
) -> None:
    assert owner.session_list(ids) == listed
    assert owner.still_running(ids) == running
    assert clearing._still_running(tuple(ids)) == kept


@pytest.mark.parametrize("name", ["history.db", "history.db-wal", "history.db-shm", "history.db-journal"])
def test_the_history_file_and_its_companions_are_refused_as_an_output(home: Path, name: str) -> None:
    with Store.open() as store:
        with pytest.raises(UserError) as caught:
            store.refuse_as_output(home / name)
        assert (
            str(caught.value) == f"cannot write {home / name}: it is the history file itself; choose another file name"
        )
        store.refuse_as_output(home / "history.md")  # any other file is fine


@pytest.mark.parametrize(
    ("format_name", "output", "suffix"),
    [(None, None, ".md"), (None, "s.HTML", ".html"), ("json", "s.html", ".json"), (None, "-", ".md")],
)
def test_the_format_is_the_option_else_the_file_name_else_markdown(
    format_name: str | None, output: str | None, suffix: str
) -> None:
    from pacs_interview.transcript import chosen_format

    assert chosen_format(format_name, None if output is None else Path(output)).suffix == suffix


def test_a_dash_or_no_output_is_standard_output() -> None:
    from pacs_interview.common.files import output_file

    assert (output_file(None), output_file("-"), output_file("a.md")) == (None, None, Path("a.md"))


# -- the quick look before the store opens ------------------------------------------------------------------


def answered_ago(home: Path, **ages: timedelta) -> None:
    """A session in which each question id given was answered (or, for ids starting `skip`, skipped) that long ago."""
    now = datetime.now(timezone.utc)
    with Store.open(home) as store:
        session_id = store.start(SETTINGS, [question(qid, "mid", "technical") for qid in ages])
        for position, (qid, age) in enumerate(ages.items()):
            submitted_at = (now - age).isoformat(timespec="seconds")
            skipped = qid.startswith("skip")
            store.record_answer(session_id, AnswerRecord(position, qid, "", 5.0, 0, skipped, submitted_at=submitted_at))


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT-14", "Etc/GMT+12"])
def test_the_peek_names_the_questions_answered_or_skipped_in_the_last_days(
    home: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    answered_ago(home, hour=timedelta(hours=1), skip_day=timedelta(hours=40), old=timedelta(hours=70))
    monkeypatch.setenv("TZ", zone)  # the local zone does not move the window: times are compared in UTC
    time.tzset()
    assert peek.recent_questions(2, home) == {"hour", "skip_day"}


def test_the_peek_reads_no_history_as_nothing_practised(home: Path) -> None:
    assert peek.recent_questions(2, home) == set()
    assert not home.exists()  # and a quick look creates nothing


@pytest.mark.parametrize("contents", [b"not a database at all, just text", b""], ids=["damaged", "empty"])
def test_the_peek_reads_a_file_it_cannot_use_as_nothing_practised(home: Path, contents: bytes) -> None:
    home.mkdir()
    (home / "history.db").write_bytes(contents)
    assert peek.recent_questions(2, home) == set()
    assert (home / "history.db").read_bytes() == contents


def test_the_peek_reads_another_programs_file_as_nothing_practised(home: Path) -> None:
    answered_ago(home, hour=timedelta(hours=1))
    db = sqlite3.connect(home / "history.db")
    db.execute("PRAGMA application_id = 7")
    db.close()
    assert peek.recent_questions(2, home) == set()


def test_the_peek_opens_the_file_read_only_and_waits_a_second_at_most(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A lock held by another terminal must not hold up the first card: a second, not SQLite's default five.
    answered_ago(home, hour=timedelta(hours=1))
    opened = spy_on_connect(monkeypatch)
    assert peek.recent_questions(2, home) == {"hour"}
    assert opened == [(f"{(home / 'history.db').as_uri()}?mode=ro", {"uri": True, "timeout": 1.0})]
