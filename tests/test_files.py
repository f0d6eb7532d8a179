"""Only regular files are read or replaced: a FIFO, a device, a folder, a loop of links or a file the user
may not write is refused at once, with what it is, and never waited on."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from pacs_interview.common.errors import UserError
from pacs_interview.common.files import output_target, read_regular_file, write_atomic
from tests.helpers import invoke, known_session, record, run_without_overrides
from tests.pty_terminal import SCRIPT

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types")
FIFO = "it is a named pipe (FIFO), not a regular file"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    os.mkfifo(path)
    return path


def test_reading_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    with pytest.raises(OSError) as caught:
        read_regular_file(fifo, 100)
    assert caught.value.strerror == FIFO


def test_reading_a_folder_or_a_device_is_refused(tmp_path: Path) -> None:
    for path, kind in ((tmp_path, "a folder"), (Path(os.devnull), "a device")):
        with pytest.raises(OSError) as caught:
            read_regular_file(path, 100)
        assert caught.value.strerror == f"it is {kind}, not a regular file"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed program, given 20 s: a command that waits on a FIFO fails by timing out."""
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=20, input="")


@pytest.mark.slow
def test_a_fifo_given_as_a_bank_or_an_answer_is_refused_at_once(fifo: Path, home: Path) -> None:
    validated = run("validate", str(fifo), home=home)
    assert (validated.returncode, validated.stdout) == (1, f"{fifo}:1:1: cannot read the file: {FIFO}\n")
    listed = run("list", "--bank", str(fifo), home=home)
    assert (listed.returncode, listed.stderr) == (1, f"error: {fifo}:1:1: cannot read the file: {FIFO}\n")
    answered = run("feedback", "junior-what-is-pacs", str(fifo), home=home)
    assert (answered.returncode, answered.stderr) == (1, f"error: cannot read the answer from {fifo}: {FIFO}\n")


def test_a_folder_bank_names_what_it_cannot_read(tmp_path: Path) -> None:
    from tests.test_cli_catalog import BANK

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "good.yaml").write_text(BANK)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "old.yaml").mkdir()
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = invoke("list", "--bank", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {folder / 'gone.yaml'}:1:1: cannot read it: No such file or directory",
        f"error: {folder / 'old.yaml'}:1:1: it is a folder, not a regular file; a bank folder may hold only bank files",
        f"error: {folder / 'pipe.yaml'}:1:1: {FIFO}; a bank folder may hold only bank files",
    ]


def test_a_loop_of_links_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = invoke("validate", str(tmp_path / "a.yaml"))
    assert result.stdout == f"{tmp_path / 'a.yaml'}:1:1: cannot read it: Too many levels of symbolic links\n"


# -- writing ------------------------------------------------------------------------------------------


def test_a_file_the_user_may_not_write_is_not_replaced(tmp_path: Path) -> None:
    """What the shell's `>` refuses, --output refuses, though renaming into the folder would succeed."""
    path = tmp_path / "read-only.md"
    path.write_text("kept")
    path.chmod(0o444)
    code = f"""
from pathlib import Path
from pacs_interview.common.errors import UserError
from pacs_interview.common.files import write_atomic
try:
    write_atomic(Path({str(path)!r}), "replaced")
except UserError as error:
    print(error)
"""
    result = run_without_overrides(code)
    assert result.stdout == f"cannot write {path}: Permission denied; it is read-only for you\n", result.stderr
    assert path.read_text() == "kept" and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["read-only.md"]


@pytest.mark.slow
def test_output_to_dev_stdout_on_a_pipe_says_what_it_is(home: Path) -> None:
    from pacs_interview.history.store import Store

    with Store.open(home) as store:
        record(store, known_session())
    result = run("export", "-o", "/dev/stdout", home=home)  # stdout is a pipe here, as in `| less`
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: cannot write /dev/stdout: it leads to a pipe, not a regular file;"
        " leave out --output (or give -) to write to standard output\n"
    )


def test_an_output_name_ending_in_a_slash_is_not_taken_as_a_file(tmp_path: Path, home: Path) -> None:
    from pacs_interview.history.store import Store

    with Store.open(home) as store:
        record(store, known_session())
    result = invoke("export", "-o", f"{tmp_path}/new.md/")
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: cannot write {tmp_path}/new.md/: a name ending in / is a folder; give a file name\n",
    )
    assert not (tmp_path / "new.md").exists()


def test_output_target_follows_links_realpath_cannot_name(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="it leads to a pipe, not a regular file"):
        read_end, write_end = os.pipe()
        try:
            output_target(Path(f"/proc/self/fd/{write_end}"))
        finally:
            os.close(read_end)
            os.close(write_end)
    assert write_atomic(tmp_path / "new.md", "text") == tmp_path / "new.md"
