"""The wheel a user installs: built, installed in a fresh virtualenv, run from elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("pacs_interview-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    script = env_dir / "bin" / "pacs-interview"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(tmp_path / "home"), "COLUMNS": "100"}

    listed = subprocess.run([str(script), "list", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    ids = [q["id"] for q in json.loads(listed.stdout)]
    assert "junior-what-is-pacs" in ids

    shown = subprocess.run(
        [str(script), "show", "junior-what-is-pacs"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert "Junior PACS Administrator" in shown.stdout and "Example answer" in shown.stdout

    table = subprocess.run([str(script), "list"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert table.returncode == 0 and "junior-what-is-pacs" in table.stdout
