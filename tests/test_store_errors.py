"""Why the history file could not be used, read from SQLite's error and the file's surroundings."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest

from pacs_interview.history import connection
from pacs_interview.history.connection import cannot_use, is_damage


def error(message: str, name: str = "") -> sqlite3.Error:
    found = sqlite3.OperationalError(message)
    if name:
        found.sqlite_errorname = name  # type: ignore[attr-defined]
    return found


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history file in a writable folder on a disk with room, with no file size limit."""
    monkeypatch.setattr(connection, "_disk_full", lambda folder: False)
    monkeypatch.setattr(connection, "_file_size_limited", lambda: False)
    path = tmp_path / "history.db"
    path.write_bytes(b"")
    return path


def cause(path: Path, found: sqlite3.Error) -> str:
    prefix = f"cannot use history file {path}: {found}: "
    said = cannot_use(path, found)
    assert said.startswith(prefix) and said.endswith("; the history in it is unharmed")
    return said[len(prefix) : -len("; the history in it is unharmed")]


@pytest.mark.parametrize(
    ("found", "why"),
    [
        (
            error("database or disk is full", "SQLITE_FULL"),
            "the disk holding {folder} is full; free some space and run again",
        ),
        (error("database or disk is full"), "the disk holding {folder} is full; free some space and run again"),
        (
            error("attempt to write a readonly database", "SQLITE_READONLY_DIRECTORY"),
            "it or its folder is read-only for you; make {folder} and the files in it writable",
        ),
        (
            error("attempt to write a readonly database"),
            "it or its folder is read-only for you; make {folder} and the files in it writable",
        ),
        (error("database is locked", "SQLITE_BUSY_TIMEOUT"), "another pacs-interview kept it busy too long; try again"),
        (error("database is locked"), "another pacs-interview kept it busy too long; try again"),
        (error("disk I/O error", "SQLITE_IOERR_WRITE"), "the disk could not be read or written"),
        # SQLite's name for the error is enough, whatever its message says.
        (error("write failed", "SQLITE_FULL"), "the disk holding {folder} is full; free some space and run again"),
        (
            error("write failed", "SQLITE_READONLY_DBMOVED"),
            "it or its folder is read-only for you; make {folder} and the files in it writable",
        ),
        (error("write failed", "SQLITE_BUSY_SNAPSHOT"), "another pacs-interview kept it busy too long; try again"),
    ],
)
def test_the_likely_cause_is_named(history: Path, found: sqlite3.Error, why: str) -> None:
    assert cause(history, found) == why.format(folder=history.parent)


def test_a_full_disk_is_seen_even_when_sqlite_does_not_say_so(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "_disk_full", lambda folder: folder == history.parent)
    assert (
        cause(history, error("disk I/O error"))
        == f"the disk holding {history.parent} is full; free some space and run again"
    )


def test_a_file_size_limit_is_named(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "_file_size_limited", lambda: True)
    assert cause(history, error("disk I/O error")) == (
        "a file size limit (ulimit -f) stops it from growing; raise the limit and run again"
    )


def test_a_folder_in_place_of_the_log_is_named(history: Path) -> None:
    (history.parent / "history.db-wal").mkdir()
    assert cause(history, error("disk I/O error")) == (
        f"{history.parent / 'history.db-wal'} is not a file, and SQLite keeps its own data there; move it aside"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read and write anything")
def test_an_unreadable_file_and_a_read_only_folder_are_named(history: Path) -> None:
    history.chmod(0)
    assert cause(history, error("disk I/O error")) == "you may not read it; check its owner and mode"
    history.chmod(0o600)
    history.parent.chmod(0o500)
    try:
        assert (
            cause(history, error("disk I/O error"))
            == f"the folder {history.parent} is read-only for you; make it writable"
        )
    finally:
        history.parent.chmod(0o700)


def test_an_unreadable_file_and_a_read_only_folder_as_root_sees_them(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.access answers for the user running the program; made to answer as another user would.
    monkeypatch.setattr(connection.os, "access", lambda path, mode: Path(path) != history)
    assert cause(history, error("disk I/O error")) == "you may not read it; check its owner and mode"
    monkeypatch.setattr(connection.os, "access", lambda path, mode: Path(path) != history.parent)
    assert (
        cause(history, error("disk I/O error")) == f"the folder {history.parent} is read-only for you; make it writable"
    )


@pytest.mark.parametrize(
    ("found", "damage"),
    [
        (error("file is not a database", "SQLITE_NOTADB"), True),
        (error("database disk image is malformed", "SQLITE_CORRUPT"), True),
        (error("file is not a database"), True),  # no error names before Python 3.11: the message says it
        (error("database disk image is malformed"), True),
        (error("disk I/O error", "SQLITE_IOERR"), False),
        (error("database or disk is full"), False),
        (error("file is not a database", "SQLITE_IOERR"), False),  # the name decides when there is one
    ],
)
def test_damage_is_told_from_a_passing_failure(found: sqlite3.Error, damage: bool) -> None:
    assert is_damage(found) is damage


class DiskSpace(NamedTuple):
    f_bavail: int  # blocks free for an unprivileged user


@pytest.mark.parametrize(("free", "full"), [(0, True), (1, False), (5000, False)])
def test_a_disk_is_full_when_no_block_is_left_for_a_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, full: bool
) -> None:
    monkeypatch.setattr(connection.os, "statvfs", lambda folder: DiskSpace(free))
    assert connection._disk_full(tmp_path) is full


def test_a_folder_that_cannot_be_asked_about_is_not_a_full_disk(tmp_path: Path) -> None:
    assert connection._disk_full(tmp_path / "missing") is False


def test_a_file_size_limit_is_seen_only_when_one_is_set() -> None:
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, hard))
        assert connection._file_size_limited() is False
        resource.setrlimit(resource.RLIMIT_FSIZE, (2**40, hard))  # a terabyte: nothing here comes near it
        assert connection._file_size_limited() is True
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.parametrize(
    ("log", "none"), [(None, True), (b"", True), (b"x", False)], ids=["no -wal", "empty", "one byte"]
)
def test_a_write_ahead_log_counts_only_when_it_holds_something(history: Path, log: bytes | None, none: bool) -> None:
    if log is not None:
        (history.parent / "history.db-wal").write_bytes(log)
    (history.parent / "history.db-journal").write_bytes(b"x")  # another companion, not the log
    assert connection._no_write_ahead_log(history) is none
