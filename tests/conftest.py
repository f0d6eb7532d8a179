"""Every test gets its own data folder and an empty config file, no colour, an 80-column terminal, UTC as the
local zone, and unfuzzed review intervals (so due dates can be pinned)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pacs_interview.cli import app
from pacs_interview.review import scheduling


@pytest.fixture(autouse=True)
def environment(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("PACS_INTERVIEW_HOME", str(home))
    # Empty: no defaults, and never the real user's file. Outside tmp_path, which some tests list.
    config = tmp_path_factory.mktemp("config") / "config.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("PACS_INTERVIEW_CONFIG", str(config))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TZ", "UTC")
    for name in ("PACS_INTERVIEW_BANK", "PACS_INTERVIEW_DEBUG", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(scheduling, "FUZZ", False)
    _tzset()
    yield home
    monkeypatch.undo()
    _tzset()  # the machine's own zone again, now that TZ is restored


def _tzset() -> None:
    if hasattr(time, "tzset"):  # POSIX only; elsewhere the tests assume a UTC machine
        time.tzset()


@pytest.fixture
def home(environment: Path) -> Path:
    """The data folder this test's store lives in."""
    return environment


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process; a bug surfaces as its own exception, never as a silent exit code."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text to a bank file and return its path."""

    def write(text: str, name: str = "bank.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
