"""The installed program against real standard streams: /dev/full, a reader that leaves, closed streams,
an ASCII-only terminal, Ctrl-C while loading. Every way out is one line and an exit code, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import invoke
from tests.pty_terminal import SCRIPT

QUESTION = "junior-what-is-pacs"
ANSWER = "I kept the PACS running: I checked the DICOM sends from CT every morning.\n"
FULL_DISK = "error: cannot write to standard output: No space left on device\n"


def environment(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PACS_INTERVIEW_HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1", **extra}


def run(
    home: Path, *args: str, stdin: str = "", closing: int | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed script; `closing` is a standard stream (0, 1 or 2) closed as the shell's `<&-` does."""
    return subprocess.run(
        [SCRIPT, *args],
        input=None if closing == 0 else stdin,
        stdin=subprocess.DEVNULL if closing == 0 else None,
        capture_output=True,
        text=True,
        env=environment(home, **extra),
        preexec_fn=None if closing is None else (lambda: os.close(closing)),  # in the child, before it starts
        timeout=60,
    )


@pytest.fixture
def saved(home: Path) -> Path:
    """A history holding one finished session."""
    result = run(home, "practice", "--count", "1", stdin=ANSWER)
    assert result.returncode == 0, result.stderr
    return home


COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["skills"],
    ["show", QUESTION],
    ["feedback", QUESTION, "-"],
    ["validate"],
    ["history"],
    ["history", "--json"],
    ["export"],
    ["practice", "--count", "1", "--no-save"],
    ["--version"],
    ["--help"],
    ["list", "--help"],
]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_on_stdout_is_one_error_line(saved: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [SCRIPT, *args], input=ANSWER, stdout=full, stderr=subprocess.PIPE, text=True, env=environment(saved)
        )
    assert (result.returncode, result.stderr) == (1, FULL_DISK)


@pytest.mark.slow
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED"])
def test_an_export_larger_than_the_pipe_stops_quietly_when_its_reader_leaves(home: Path, unbuffered: str) -> None:
    long_answer = "I checked the AE title, the port and the IP address on both sides. " * 3000
    assert run(home, "practice", "--count", "1", stdin=long_answer).returncode == 0
    reader = subprocess.Popen(["head", "-c", "100"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    env = environment(home, PYTHONUNBUFFERED=unbuffered)  # unbuffered, a write can be cut short in silence
    result = subprocess.run([SCRIPT, "export"], stdout=reader.stdin, stderr=subprocess.PIPE, env=env)
    reader.stdin.close()
    reader.wait()
    assert (result.returncode, result.stderr) == (141, b"")


@pytest.mark.slow
def test_practice_whose_reader_leaves_exits_141_with_what_it_read_saved(home: Path) -> None:
    command = [SCRIPT, "practice", "--count", "3", "--order", "bank"]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(home)
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b"The first answer.\n---\nThe second answer.\n---\n")
    child.stdin.flush()
    _wait_for_answers(home, 2)
    while "Question 3 of 3" not in child.stdout.readline().decode():
        pass
    while not child.stdout.readline().startswith("╰".encode()):
        pass  # the third card is drawn whole: the program now waits for the third answer
    child.stdout.close()  # the reader (`| head`) has gone
    child.stdin.write(b"The third answer.\n---\n")  # read, saved, and then its feedback has no reader
    child.stdin.close()
    assert child.wait(timeout=30) == 141
    assert child.stderr is not None and child.stderr.read() == b""
    child.stderr.close()
    sessions = json.loads(run(home, "history", "--json").stdout)
    assert (sessions[0]["answered"], sessions[0]["status"]) == (3, "interrupted")


def _wait_for_answers(home: Path, count: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sessions = json.loads(run(home, "history", "--json").stdout or "[]")
        if sessions and sessions[0]["answered"] >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{count} answers were never saved")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "closed", "error"),
    [
        (["feedback", QUESTION, "-"], 0, "error: cannot read the answer from stdin: it is closed\n"),
        (
            ["practice", "--count", "1"],
            0,
            "error: standard input is closed; practice reads the answers from it when there is no terminal\n",
        ),
        (
            ["interview", "--level", "junior"],
            0,
            "error: standard input is closed; interview reads the answers from it when there is no terminal\n",
        ),
        (["export"], 1, "error: cannot write to standard output: it is closed\n"),
        (["list", "--json"], 1, "error: cannot write to standard output: it is closed\n"),
    ],
    ids=["feedback <&-", "practice <&-", "interview <&-", "export >&-", "list >&-"],
)
def test_a_closed_standard_stream_is_one_error_line(saved: Path, args: list[str], closed: int, error: str) -> None:
    result = run(saved, *args, closing=closed)
    assert (result.returncode, result.stderr) == (1, error)
    assert len(json.loads(run(saved, "history", "--json").stdout)) == 1  # practice started no session


@pytest.mark.slow
def test_a_closed_stderr_still_gives_the_exit_code(saved: Path) -> None:
    result = run(saved, "show", "no-such-question", closing=2)
    assert (result.returncode, result.stdout) == (1, "")


ASCII_ONLY = [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}]


@pytest.mark.slow
@pytest.mark.parametrize("locale", ASCII_ONLY, ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_an_ascii_only_terminal_gets_ascii_separators(home: Path, locale: dict[str, str]) -> None:
    show = run(home, "show", QUESTION, **locale)
    assert show.returncode == 0, show.stderr
    assert "Junior PACS Administrator . technical" in show.stdout
    assert show.stdout.isascii()
    for args in (["list", "--level", "junior"], ["skills"], ["feedback", QUESTION]):
        result = run(home, *args, stdin=ANSWER, **locale)
        assert (result.returncode, result.stdout.isascii()) == (0, True), result.stderr
    practice = run(home, "practice", "--count", "1", stdin="I did it \u2014 twice.\n", **locale)
    assert practice.returncode == 0, practice.stderr
    assert "I did it - twice." in practice.stdout
    as_utf8 = json.loads(run(home, "list", "--json").stdout)
    assert json.loads(run(home, "list", "--json", **locale).stdout) == as_utf8  # escaped, not altered


# Makes `import typer` take two seconds, after saying so: a stand-in for a slow disk, so that the
# signal surely lands while the program loads.
SLOW_IMPORT = """
import sys, time

class SlowTyper:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.stderr.write("loading\\n")
            sys.stderr.flush()
            time.sleep(2)
        return None

sys.meta_path.insert(0, SlowTyper())
"""


@pytest.mark.slow
def test_ctrl_c_while_the_program_loads_exits_130_quietly(home: Path, tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(SLOW_IMPORT)
    env = environment(home, PYTHONPATH=str(tmp_path))
    child = subprocess.Popen([SCRIPT, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    assert child.stderr.readline() == b"loading\n"
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert (child.returncode, out, err) == (130, b"", b"")


def test_usage_errors_show_hidden_characters_as_escapes() -> None:
    result = invoke("list", "--x\u202ey\u200b")
    assert result.exit_code == 2
    assert result.stderr == "Usage: pacs-interview list [OPTIONS]\nerror: No such option: --x\\u202ey\\u200b\n"


@pytest.mark.parametrize(
    ("args", "printed", "error"),
    [
        (
            ["list", "--level", "lead", "--skill", "budget", "--json"],
            [],
            "error: no questions match --level lead --skill budget;",
        ),
        (["skills", "--skill", "juggling", "--json"], [], "error: no skill matches 'juggling';"),
        (["show", "no-such-question", "--json"], None, "error: no question with id 'no-such-question'"),
        (["feedback", "no-such-question", "--json"], None, "error: no question with id 'no-such-question'"),
        (
            ["due", "--skill", "juggling", "--json"],
            {"due_now": 0, "due_today": 0, "cards": []},
            "error: no skill matches 'juggling';",
        ),
    ],
)
def test_json_is_printed_even_when_the_command_fails(args: list[str], printed: object, error: str) -> None:
    result = invoke(*args, input="An answer.\n")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == printed
    assert result.stderr.startswith(error)


@pytest.mark.slow
def test_sigterm_ends_a_piped_interview_as_ctrl_c_does(home: Path) -> None:
    command = [SCRIPT, "interview", "--level", "junior", "--no-follow-ups", "--questions", "3"]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(home)
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b"I checked the AE title and the port on both sides.\n---\n")
    child.stdin.flush()
    _wait_for_answers(home, 1)
    child.send_signal(signal.SIGTERM)
    _, errors = child.communicate(timeout=30)
    assert (child.returncode, errors) == (128 + signal.SIGTERM, b"")
    sessions = json.loads(run(home, "history", "--json").stdout)
    assert (sessions[0]["answered"], sessions[0]["status"]) == (1, "interrupted")
