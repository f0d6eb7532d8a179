"""Every test gets its own data directory, no colour and an 80-column terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pacs_interview.cli import app


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("PACS_INTERVIEW_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("PACS_INTERVIEW_BANK", raising=False)
    monkeypatch.delenv("PACS_INTERVIEW_DEBUG", raising=False)
    return home


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
