"""The cache of checked banks: the same questions as a strict load, and never a reason to fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pacs_interview.bank import BankError, bundled_bank_path, cache, load_bank, read_bank
from pacs_interview.common.resources import data_file


def test_a_cached_load_gives_the_questions_of_a_strict_load(home: Path) -> None:
    strict, problems = read_bank(bundled_bank_path())
    assert problems == []
    assert not cache.cache_file(bundled_bank_path()).exists()
    first = load_bank()  # checked, then stored
    assert cache.cache_file(bundled_bank_path()).is_file()
    second = load_bank()  # from the cache
    assert list(first.questions) == list(second.questions) == strict
    assert [q.location for q in second.questions] == [q.location for q in strict]
    assert [q.look_for for q in second.questions] == [q.look_for for q in strict]


def test_the_cache_lives_in_the_home_when_one_is_set(home: Path) -> None:
    assert cache.cache_file(bundled_bank_path()).parent == home / "cache"


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
    path = cache.cache_file(bundled_bank_path())
    path.parent.mkdir(parents=True)
    path.write_bytes(damage.replace(b"KEY", json.dumps(cache_key)[1:-1].encode()))
    assert cache.load(bundled_bank_path(), cache_key) is None
    assert len(load_bank().questions) == len(read_bank(bundled_bank_path())[0])
    assert json.loads(path.read_bytes())["key"] == cache_key


CUSTOM = """version: 1
questions:
  - id: mid-one
    level: mid
    type: technical
    question: What does a C-ECHO prove?
    introduction: Basics.
    how_to_answer: [{point: Name the association, look_for: [association, verification]}]
    what_not_to_say: [That it proves images will arrive]
    example_answer: That two nodes accept each other's association.
    skills: [DICOM Networking]
"""


def test_a_bank_of_ones_own_is_cached_until_it_changes(home: Path, write_bank: Callable[..., Path]) -> None:
    path = write_bank(CUSTOM)
    first = load_bank(path)
    assert cache.cache_file(path).is_file()
    assert load_bank(path) == first  # from the cache
    path.write_text(CUSTOM.replace("What does a C-ECHO prove?", "What does C-ECHO test?"), encoding="utf-8")
    assert load_bank(path).questions[0].question == "What does C-ECHO test?"
    path.write_text(CUSTOM.replace("level: mid", "level: middle"), encoding="utf-8")
    with pytest.raises(BankError):
        load_bank(path)  # never an old copy of a bank that has since broken


def test_only_the_latest_banks_are_kept(home: Path, write_bank: Callable[..., Path]) -> None:
    for number in range(cache.MAX_FILES + 3):
        load_bank(write_bank(CUSTOM, f"bank-{number}.yaml"))
    assert len(list((home / "cache").glob("bank-*.json"))) == cache.MAX_FILES


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
