"""The bundled bank's cache: the same questions as a strict load, and never a reason to fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacs_interview.bank import bundled_bank_path, cache, load_bank, read_bank
from pacs_interview.common.resources import data_file


def test_a_cached_load_gives_the_questions_of_a_strict_load(home: Path) -> None:
    strict, problems = read_bank(bundled_bank_path())
    assert problems == []
    assert not cache.cache_file().exists()
    first = load_bank()  # checked, then stored
    assert cache.cache_file().is_file()
    second = load_bank()  # from the cache
    assert list(first.questions) == list(second.questions) == strict
    assert [q.location for q in second.questions] == [q.location for q in strict]
    assert [q.look_for for q in second.questions] == [q.look_for for q in strict]


def test_the_cache_lives_in_the_home_when_one_is_set(home: Path) -> None:
    assert cache.cache_file() == home / "cache" / cache.FILE_NAME


@pytest.mark.parametrize(
    "damage",
    [
        b"not json at all",
        b'{"key": "something else", "questions": []}',
        b"[1, 2, 3]",
        b'{"key": "KEY", "questions": [{"id": "junior-x"}]}',
        b'{"key": "KEY", "questions": [{"location": ["f", 1]}]}',
    ],
)
def test_a_damaged_or_stale_cache_is_ignored_and_replaced(home: Path, damage: bytes) -> None:
    cache_key = cache.key([bundled_bank_path(), data_file("skills.yaml")])
    assert cache_key is not None
    path = cache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage.replace(b"KEY", cache_key.encode()))
    assert cache.load(cache_key) is None
    assert len(load_bank().questions) == len(read_bank(bundled_bank_path())[0])
    assert json.loads(path.read_bytes())["key"] == cache_key


def test_any_change_to_a_source_changes_the_key(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("version: 1\n", encoding="utf-8")
    before = cache.key([bank])
    bank.write_text("version: 1 \n", encoding="utf-8")
    assert cache.key([bank]) != before
    assert cache.key([tmp_path / "gone.yaml"]) is None


def test_a_cache_folder_that_cannot_be_made_is_no_problem(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = home.parent / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("PACS_INTERVIEW_HOME", str(blocker))  # cache/ would have to be made inside a file
    assert len(load_bank().questions) == len(read_bank(bundled_bank_path())[0])
    assert blocker.read_text(encoding="utf-8") == "in the way"


NO_PARSER_SCRIPT = """
import sys
from pacs_interview.cli import main
for run in range(2):  # the first run checks the bank and fills the cache; the second is served from it
    sys.argv = ["pacs-interview", "list", "--json"]
    try:
        main()
    except SystemExit as exit:
        assert exit.code == 0, exit.code
    if run == 0:
        assert "yaml" in sys.modules
        for name in [m for m in sys.modules if m == "yaml" or m.startswith(("yaml.", "_yaml"))]:
            del sys.modules[name]
assert "yaml" not in sys.modules, "a cached load parsed YAML"
"""


def test_a_cached_load_never_imports_the_yaml_parser(home: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", NO_PARSER_SCRIPT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
