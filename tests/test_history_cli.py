"""`history` and `export` through the command line: output, exit codes and error lines, to the word."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from pacs_interview import cli
from pacs_interview.history.store import FILE_NAME, Store
from pacs_interview.session.records import AnswerRecord, Rating, SessionSettings, SessionStatus
from pacs_interview.transcript import FORMATS
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter
from tests.helpers import (
    DAMAGES,
    damage,
    damaged_message,
    invoke,
    known_session,
    record,
    running_session,
    without_overrides,
)
from tests.pty_terminal import SCRIPT, Terminal


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
        "  1  2024-05-01 10:00  junior, mid,           1/3  9m 30s     3.0  quit, 1 left \n"
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
            "kind": "practice",
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
            "drafts": 0,
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
    # The reply is not echoed here: at a terminal, the terminal echoes it (and its newline).
    assert result.stderr == f"Delete all 2 sessions? This cannot be undone. [y/N]: {said}\n"
    assert len(json.loads(invoke("history", "--json").stdout)) == left


@pytest.mark.slow
@pytest.mark.usefixtures("two_sessions")
def test_ctrl_c_at_the_clear_question_exits_130_and_deletes_nothing(home: Path) -> None:
    terminal = Terminal(["history", "--clear"], home)
    terminal.wait_for("Delete all 2 sessions? This cannot be undone. [y/N]:")
    terminal.child.sendintr()
    assert terminal.finish() == 130
    question, said = terminal.text.splitlines()[:2]
    assert question.startswith("Delete all 2 sessions? This cannot be undone. [y/N]: ")  # then the echoed ^C
    assert said == "nothing deleted"
    with Store.open() as store:
        assert [s.id for s in store.sessions()] == [2, 1]


@pytest.mark.usefixtures("two_sessions")
def test_history_clear_keeps_a_session_running_in_another_terminal(home: Path) -> None:
    with running_session(home) as running:
        result = invoke("history", "--clear", "--yes")
        assert result.exit_code == 0, result.output
        assert (result.stdout, result.stderr) == (
            "",
            "deleted 2 sessions; kept 1 still running in another terminal (session 3)\n",
        )
    with Store.open() as store:
        assert [s.id for s in store.sessions()] == [running.session_id]


def test_a_session_running_in_another_terminal_is_not_deleted_or_resumed(home: Path) -> None:
    with running_session(home) as running:
        for command, doing in [
            (["history", "--delete"], "deleting it"),
            (["practice", "--resume"], "resuming it here"),
        ]:
            result = invoke(*command, str(running.session_id))
            assert result.exit_code == 1
            assert (result.stdout, result.stderr) == (
                "",
                f"error: session 1 is still running in another terminal (process {running.pid});"
                f" end it there (q or Ctrl-C) before {doing}\n",
            )
        result = invoke("practice", "--resume")
        assert result.exit_code == 1
        assert result.stderr == (
            "error: no unfinished session to resume: session 1 is still running in another terminal;"
            " `pacs-interview history` lists the sessions\n"
        )
    assert invoke("history", "--delete", "1").stderr == "deleted session 1\n"


def test_history_clear_when_empty() -> None:
    result = invoke("history", "--clear")
    assert result.exit_code == 0, result.output
    assert result.stderr == "no sessions to clear\n"


BIG = "99999999999999999999999"


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (
            ["export", BIG],
            "export [OPTIONS] [SESSION]",
            f"SESSION: {BIG} is too large: give at most 9223372036854775807",
        ),
        (["export", "0"], "export [OPTIONS] [SESSION]", "SESSION: 0 is too small: give 1 or more"),
        (
            ["history", "--delete", BIG],
            "history [OPTIONS]",
            f"--delete: {BIG} is too large: give at most 9223372036854775807",
        ),
        (["history", "--delete", "-1"], "history [OPTIONS]", "--delete: -1 is too small: give 1 or more"),
        (["history", "--limit", "ten"], "history [OPTIONS]", "--limit: give a whole number"),
    ],
)
def test_ids_and_limits_out_of_range_are_usage_errors(args: list[str], usage: str, error: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Usage: pacs-interview {usage}\nerror: {error}\n"


def test_the_largest_id_is_still_an_id() -> None:
    result = invoke("export", "9223372036854775807")
    assert result.exit_code == 1
    assert result.stderr == "error: no session 9223372036854775807; `pacs-interview history` lists the sessions\n"


def test_history_delete_and_clear_together_is_a_usage_error() -> None:
    result = invoke("history", "--delete", "1", "--clear")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "error: --delete / --clear: use --delete ID or --clear, not both"


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


@pytest.mark.parametrize(("sql", "detail"), list(DAMAGES.values()), ids=list(DAMAGES))
@pytest.mark.parametrize("command", [["history"], ["history", "--json"], ["export"], ["export", "1", "-f", "html"]])
def test_a_damaged_session_is_one_error_line(home: Path, command: list[str], sql: str, detail: str) -> None:
    record_known()
    damage(home, sql)
    result = invoke(*command)
    assert result.exit_code == 1
    nothing = "[]\n" if "--json" in command else ""  # --json prints JSON even when it fails
    assert (result.stdout, result.stderr) == (nothing, f"error: {damaged_message(home, detail)}\n")


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


@pytest.mark.usefixtures("two_sessions")
@pytest.mark.parametrize("format_", ["md", "json", "html"])
def test_export_no_examples_gives_the_candidate_s_words_only(format_: str) -> None:
    result = invoke("export", "1", "--format", format_, "--no-examples")
    assert result.exit_code == 0, result.output
    assert result.stdout == FORMATS[format_].render(known_session(), examples=False)
    assert "Radiologists read them" not in result.stdout
    assert "indented" in result.stdout


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
    assert result.stderr.splitlines()[-1] == "error: --last: give a SESSION id or --last, not both"


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


def test_export_format_for_a_name_of_no_format_and_dash_is_stdout(tmp_path: Path) -> None:
    record_known()
    path = tmp_path / "session.txt"
    assert invoke("export", "-o", str(path), "--format", "MD").exit_code == 0
    assert path.read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())
    result = invoke("export", "-o", "-", "-f", "json")
    assert result.stdout == JsonFormatter().render(known_session())


@pytest.mark.parametrize(("name", "format_", "named"), [("x.json", "md", "json"), ("x.HTM", "json", "html")])
def test_export_refuses_a_format_the_file_name_contradicts(tmp_path: Path, name: str, format_: str, named: str) -> None:
    record_known()
    path = tmp_path / name
    result = invoke("export", "1", "-o", str(path), "--format", format_)
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: pacs-interview export [OPTIONS] [SESSION]\n"
        f"error: --format: {format_} does not match {path}, a name for {named};"
        " leave out --format, or change the name\n"
    )
    assert not path.exists()


def test_export_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    record_known()
    path = tmp_path / "session.md"
    path.write_text("old")
    path.chmod(0o644)
    assert invoke("export", "-o", str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())


@pytest.mark.parametrize(
    ("where", "reason"),
    [("missing/session.md", "No such file or directory"), ("folder", "it is a folder, not a regular file")],
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


def test_export_through_a_symlink_replaces_the_file_it_leads_to(tmp_path: Path) -> None:
    record_known()
    (tmp_path / "notes").mkdir()
    target = tmp_path / "notes" / "session.md"
    target.write_text("the previous export")
    target.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(Path("notes") / "session.md")
    result = invoke("export", "--output", str(link))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote session 1 to {link}\n"
    assert link.is_symlink() and os.readlink(link) == str(Path("notes") / "session.md")
    assert target.read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["session.md"]


def test_export_through_a_dangling_symlink_creates_its_file(tmp_path: Path) -> None:
    record_known()
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "new.md")
    assert invoke("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == MarkdownFormatter().render(known_session())


def special_file(tmp_path: Path, kind: str) -> Path:
    """A FIFO, a device or a socket at a short path in tmp_path (socket paths are limited to ~100 bytes)."""
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        return tmp_path / "pipe"
    if kind == "device":
        return Path(os.devnull)  # the test's guard keeps a bug from replacing it
    server = socket.socket(socket.AF_UNIX)
    server.bind("sock")  # relative: the test runs in tmp_path
    server.close()
    return tmp_path / "sock"


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(socket, "AF_UNIX"), reason="POSIX file types")
@pytest.mark.parametrize(
    ("kind", "what"), [("fifo", "a named pipe (FIFO)"), ("device", "a device"), ("socket", "a socket")]
)
@pytest.mark.parametrize("through_a_link", [False, True])
def test_export_never_replaces_a_special_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, what: str, through_a_link: bool
) -> None:
    record_known()
    monkeypatch.chdir(tmp_path)
    real_replace = os.replace

    def guarded_replace(source: str, target: str | Path) -> None:
        # Run as root, a bug here would replace the machine's /dev/null with a regular file.
        assert Path(target).is_relative_to(tmp_path), f"replaced {target}"
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", guarded_replace)
    path = special_file(tmp_path, kind)
    mode = path.lstat().st_mode
    given = path
    if through_a_link:
        given = tmp_path / "link"
        given.symlink_to(path)
    result = invoke("export", "--output", str(given))
    assert result.exit_code == 1
    where = f"it leads to {path}, which is" if through_a_link else "it is"
    stdout = "; leave out --output (or give -) to write to standard output" if kind == "fifo" else ""
    assert (result.stdout, result.stderr) == (
        "",
        f"error: cannot write {given}: {where} {what}, not a regular file{stdout}\n",
    )
    assert path.lstat().st_mode == mode
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", [FILE_NAME, f"{FILE_NAME}-wal", "link"])
def test_export_never_replaces_the_history_file(home: Path, tmp_path: Path, name: str) -> None:
    record_known()
    (tmp_path / "link").symlink_to(home / FILE_NAME)
    path = tmp_path / "link" if name == "link" else home / name
    before = (home / FILE_NAME).read_bytes()
    result = invoke("export", "--output", str(path))
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == (
        "",
        f"error: cannot write {path}: it is the history file itself; choose another file name\n",
    )
    assert (home / FILE_NAME).read_bytes() == before
    with Store.open() as store:
        assert store.session(1) == known_session()


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


@pytest.mark.parametrize(
    ("command", "usage", "summary"),
    [
        (
            "history",
            "Usage: pacs-interview history [OPTIONS]",
            "Past sessions, practice and mock interviews, newest first.",
        ),
        ("export", "Usage: pacs-interview export [OPTIONS] [SESSION]", "Export a session as Markdown, JSON or HTML."),
        ("stats", "Usage: pacs-interview stats [OPTIONS]", "Progress by level, type, skill and domain."),
    ],
)
def test_commands_have_help(command: str, usage: str, summary: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [usage, "", f"  {summary}"]


def test_a_read_only_history_can_be_listed_and_exported(home: Path) -> None:
    """`chmod 400 history.db; pacs-interview history`: commands that only read still work."""
    record_known()
    (home / FILE_NAME).chmod(0o400)
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(without_overrides([SCRIPT, *args]), capture_output=True, text=True, env=env)

    listed, exported = run("history", "--json"), run("export", "1")
    assert (listed.returncode, [s["id"] for s in json.loads(listed.stdout)]) == (0, [1])
    assert (exported.returncode, exported.stdout, exported.stderr) == (
        0,
        MarkdownFormatter().render(known_session()),
        "",
    )


def test_clearing_a_single_session_asks_in_the_singular(monkeypatch: pytest.MonkeyPatch) -> None:
    record_known()
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    result = invoke("history", "--clear", input="y\n")
    assert result.stderr == "Delete the only session? This cannot be undone. [y/N]: deleted 1 session\n"


def test_a_running_session_counts_its_answers_out_of_all_its_questions() -> None:
    """Three questions, one answered, still running: `1/3 ... in-progress, 2 left`, never `1/1`."""
    session = known_session()
    with Store.open() as store:
        store.clock = lambda: session.started_at
        session_id = store.start(session.settings, list(session.questions))
        store.record_answer(session_id, session.answers[0])
    row = invoke("history").stdout.splitlines()[3]
    assert row == "  1  2024-05-01 10:00  junior,         1/3  3m 00s     3.0  in-progress, 2 left "


def test_history_still_reads_when_nothing_more_can_be_written(home: Path) -> None:
    """A file size limit (as a full disk) leaves no room for SQLite's -shm file: reading goes on without it."""
    import resource

    record_known()
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}

    def no_growth() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, resource.RLIM_INFINITY))

    listed = subprocess.run(
        [SCRIPT, "history", "--json"], capture_output=True, text=True, env=env, preexec_fn=no_growth
    )
    assert (listed.returncode, [s["id"] for s in json.loads(listed.stdout)], listed.stderr) == (0, [1], "")
    saved = subprocess.run(
        [SCRIPT, "practice", "--count", "1"],
        input="An answer.\n",
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=no_growth,
    )
    assert saved.returncode == 1
    assert saved.stderr.endswith("; raise the limit and run again; the history in it is unharmed\n")
