"""`history` and `export` through the command line: output, exit codes and error lines, to the word."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from pacs_interview import cli
from pacs_interview.records import AnswerRecord, Rating, SessionSettings, SessionStatus
from pacs_interview.store import FILE_NAME, Store
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter
from tests.helpers import invoke, known_session, record


@pytest.fixture
def two_sessions() -> None:
    """Session 1 is the known session (quit, a question left); session 2 is a finished one-question session."""
    with Store.open() as store:
        record(store, known_session())
        store.clock = lambda: "2024-05-02T08:30:00+00:00"
        settings = SessionSettings(filters={}, count=1, order="random", seed=3, time_limit=60, bank="the bundled bank")
        session_id = store.start(settings, [known_session().questions[2]])
        done = AnswerRecord(
            0, "senior-migration", "Done.", 30, 1, False, None, Rating.easy, "2024-05-02T08:31:05+00:00"
        )
        store.record_answer(session_id, done)
        store.clock = lambda: "2024-05-02T08:31:10+00:00"
        store.finish(session_id, SessionStatus.finished)


# -- history -----------------------------------------------------------------------------------------


def test_history_when_empty_says_so_on_stderr() -> None:
    result = invoke("history")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "no sessions yet; `pacs-interview practice` starts one\n"


def test_history_json_when_empty_is_an_empty_list() -> None:
    result = invoke("history", "--json")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("[]\n", "")


@pytest.mark.usefixtures("two_sessions")
def test_history_table_is_newest_first() -> None:
    result = invoke("history")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "                                                                                \n"
        " ID  Started           Filters           Answered    Time  Rating  Status       \n"
        " ────────────────────────────────────────────────────────────────────────────── \n"
        "  2  2024-05-02 08:30  all                    1/1  1m 10s     4.0  finished     \n"
        "  1  2024-05-01 10:00  junior, mid,           1/2  9m 30s     3.0  quit, 1 left \n"
        "                       Modality                                                 \n"
        "                       worklist                                                 \n"
        "                                                                                \n"
    )
    assert result.stderr == ""


@pytest.mark.usefixtures("two_sessions")
def test_history_limit_and_json() -> None:
    result = invoke("history", "--limit", "1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": 2,
            "started_at": "2024-05-02T08:30:00+00:00",
            "ended_at": "2024-05-02T08:31:10+00:00",
            "status": "finished",
            "resumable": False,
            "settings": {
                "filters": {},
                "count": 1,
                "order": "random",
                "seed": 3,
                "time_limit": 60,
                "bank": "the bundled bank",
            },
            "total": 1,
            "asked": 1,
            "answered": 1,
            "skipped": 0,
            "not_reached": 0,
            "answer_seconds": 30.0,
            "duration_seconds": 70,
            "average_rating": 4.0,
        }
    ]


@pytest.mark.usefixtures("two_sessions")
def test_history_delete() -> None:
    result = invoke("history", "--delete", "1")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "deleted session 1\n")
    assert [s["id"] for s in json.loads(invoke("history", "--json").stdout)] == [2]


def test_history_delete_an_unknown_session() -> None:
    result = invoke("history", "--delete", "9")
    assert result.exit_code == 1
    assert result.stderr == "error: no session 9; `pacs-interview history` lists the sessions\n"


@pytest.mark.usefixtures("two_sessions")
def test_history_clear_without_a_terminal_needs_yes() -> None:
    result = invoke("history", "--clear")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: history --clear asks before deleting, and stdin is not a terminal; pass --yes to clear\n"
    )
    assert len(json.loads(invoke("history", "--json").stdout)) == 2


@pytest.mark.usefixtures("two_sessions")
def test_history_clear_yes() -> None:
    result = invoke("history", "--clear", "--yes")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "deleted 2 sessions\n")
    assert invoke("history", "--json").stdout == "[]\n"


@pytest.mark.usefixtures("two_sessions")
@pytest.mark.parametrize(("reply", "said", "left"), [("y\n", "deleted 2 sessions", 0), ("\n", "nothing deleted", 2)])
def test_history_clear_asks_at_a_terminal(monkeypatch: pytest.MonkeyPatch, reply: str, said: str, left: int) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    result = invoke("history", "--clear", input=reply)
    assert result.exit_code == 0, result.output
    # The prompt's last space goes out with the echoed reply, on stdout, where the runner types it.
    assert result.stderr == f"Delete all 2 sessions? This cannot be undone. [y/N]:{said}\n"
    assert len(json.loads(invoke("history", "--json").stdout)) == left


def test_history_clear_when_empty() -> None:
    result = invoke("history", "--clear")
    assert result.exit_code == 0, result.output
    assert result.stderr == "no sessions to clear\n"


def test_history_delete_and_clear_together_is_a_usage_error() -> None:
    result = invoke("history", "--delete", "1", "--clear")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--delete' / '--clear': use --delete ID or --clear, not both"
    )


def test_a_damaged_history_file_is_one_error_line(home: Path) -> None:
    home.mkdir()
    path = home / FILE_NAME
    path.write_text("these are my notes, not a database\n" * 200)
    for command in (["history"], ["export"]):
        result = invoke(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: {path} is not an SQLite database (file is not a database); move it aside"
            f" (for example `mv {path} {path}.old`) and run again to start a new history\n"
        )
    assert path.read_text() == "these are my notes, not a database\n" * 200


def test_an_unusable_home_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("PACS_INTERVIEW_HOME", str(tmp_path / "a-file" / "home"))
    result = invoke("history")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot use history folder {tmp_path / 'a-file' / 'home'}: Not a directory;"
        " set PACS_INTERVIEW_HOME to a writable folder\n"
    )


# -- export ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("two_sessions")
@pytest.mark.parametrize("args", [[], ["--last"], ["2"]])
def test_export_defaults_to_markdown_of_the_latest_session(args: list[str]) -> None:
    result = invoke("export", *args)
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        assert result.stdout == MarkdownFormatter().render(store.session(2))
    assert result.stdout.startswith("# PACS interview practice: session 2\n")
    assert result.stderr == ""


@pytest.mark.usefixtures("two_sessions")
def test_export_a_session_as_json() -> None:
    result = invoke("export", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == JsonFormatter().render(known_session())


def test_export_an_unknown_session() -> None:
    record_known()
    result = invoke("export", "42")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", "error: no session 42; `pacs-interview history` lists the sessions\n")


def test_export_with_no_sessions() -> None:
    result = invoke("export")
    assert result.exit_code == 1
    assert result.stderr == "error: no sessions yet; `pacs-interview practice` starts one\n"


def test_export_a_session_and_last_is_a_usage_error() -> None:
    result = invoke("export", "1", "--last")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for '--last': give a SESSION id or --last, not both"


def record_known() -> None:
    with Store.open() as store:
        record(store, known_session())


def test_export_to_a_file_takes_the_format_from_its_name(tmp_path: Path) -> None:
    record_known()
    path = tmp_path / "session.html"
    result = invoke("export", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"wrote session 1 to {path}\n")
    assert path.read_text(encoding="utf-8") == HtmlFormatter().render(known_session())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "session.html"]


def test_export_format_wins_over_the_file_name_and_dash_is_stdout(tmp_path: Path) -> None:
    record_known()
    path = tmp_path / "session.html"
    assert invoke("export", "-o", str(path), "--format", "MD").exit_code == 0
    assert path.read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())
    result = invoke("export", "-o", "-", "-f", "json")
    assert result.stdout == JsonFormatter().render(known_session())


def test_export_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    record_known()
    path = tmp_path / "session.md"
    path.write_text("old")
    path.chmod(0o644)
    assert invoke("export", "-o", str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())


@pytest.mark.parametrize(
    ("where", "reason"), [("missing/session.md", "No such file or directory"), ("folder", "Is a directory")]
)
def test_export_to_an_unwritable_path(tmp_path: Path, where: str, reason: str) -> None:
    record_known()
    (tmp_path / "folder").mkdir()
    path = tmp_path / where
    result = invoke("export", "--output", str(path))
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", f"error: cannot write {path}: {reason}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "home"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_known()
    path = tmp_path / "session.md"
    path.write_text("the previous export")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    result = invoke("export", "--output", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write {path}: No space left on device\n"
    assert path.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "session.md"]


@pytest.mark.parametrize("command", ["history", "export"])
def test_commands_have_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage: pacs-interview" in result.stdout or "Usage: root" in result.stdout
