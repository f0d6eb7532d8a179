"""The tree shows the architecture, and the import direction is checked by import-linter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pacs_interview

PACKAGE = Path(pacs_interview.__file__).parent
ROOT = PACKAGE.parent
WIRING_MODULES = {"__init__.py", "__main__.py", "cli.py", "config.py", "interview.py", "practice.py"}
SUBPACKAGES = {"bank", "common", "feedback", "history", "progress", "review", "session", "terminal", "transcript"}


def lint_imports(source_root: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package found under `source_root`, with its pyproject's contracts."""
    command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
    environment = {"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, cwd=source_root, env=environment, capture_output=True, text=True, check=False)


def copy_of_the_tree(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "pacs_interview", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_package_root_holds_only_the_wiring() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert modules == WIRING_MODULES
    assert folders == SUBPACKAGES


def test_every_subpackage_says_what_it_holds() -> None:
    for name in SUBPACKAGES:
        docstring = (PACKAGE / name / "__init__.py").read_text().split('"""')[1]
        assert len(docstring.split()) >= 8, name


@pytest.mark.slow
def test_the_import_contracts_hold(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        ("bank/model.py", "import pacs_interview.history.store", "Layers: each layer imports only the layers below it"),
        ("feedback/words.py", "import rich.text", "Only the terminal package and the cli use Rich and prompt-toolkit"),
        ("session/loop.py", "import pacs_interview.terminal.render", "Layers"),
        ("review/grades.py", "import pacs_interview.feedback.analysis", "Layers"),
        ("review/scheduling.py", "import pacs_interview.history.store", "Layers"),
        ("review/compare.py", "import rich.text", "Only the terminal package and the cli use Rich and prompt-toolkit"),
    ],
)
def test_a_wrong_import_breaks_a_contract(tmp_path: Path, module: str, wrong_import: str, broken: str) -> None:
    tree = copy_of_the_tree(tmp_path)
    target = tree / "pacs_interview" / module
    target.write_text(target.read_text() + f"\n{wrong_import}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "Contracts: 1 kept, 1 broken." in result.stdout
    assert f"{broken}" in result.stdout.split("Broken contracts")[1]
