"""The bundled bank's cache: the same bank as the YAML gives, used only while it is up to date."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from pacs_interview.bank import cache as bank_cache
from pacs_interview.bank import load_bank, question_from_json
from pacs_interview.bank.cache import CACHE_FILE, load_bank_quickly
from tests.test_cli_catalog import BANK


@pytest.fixture
def cache_file(home: Path) -> Path:
    return home / "cache" / CACHE_FILE


def test_every_bundled_question_survives_its_json_form() -> None:
    for question in load_bank().questions:
        again = question_from_json(question.to_json(), "")
        assert replace(again, look_for=question.look_for) == question, question.id  # the cache keeps look_for apart
        assert all(again.cues(n) == question.cues(n) for n in range(len(question.how_to_answer)))


def test_the_cached_bank_is_the_bank_the_yaml_gives(cache_file: Path) -> None:
    first = load_bank_quickly()
    assert cache_file.is_file()
    second = load_bank_quickly()
    assert second == first == load_bank()
    assert [q.location for q in second.questions] == [q.location for q in load_bank().questions]
    assert second.source == "the bundled bank"


def test_a_stale_or_broken_cache_is_read_again_from_the_yaml(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_bank_quickly()
    data = json.loads(cache_file.read_text())
    data["questions"][0]["question"]["question"] = "A question from an older bank?"
    cache_file.write_text(json.dumps(data))
    assert load_bank_quickly().questions[0].question == "A question from an older bank?"  # the key still matches
    data["key"][0] = "0.0.0"  # another version wrote it
    cache_file.write_text(json.dumps(data))
    assert load_bank_quickly() == load_bank()
    cache_file.write_text("{not json")
    assert load_bank_quickly() == load_bank()
    assert json.loads(cache_file.read_text())["key"] == bank_cache._key()  # rewritten whole


def test_a_changed_data_file_or_bank_module_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = bank_cache._key()
    watched = [Path(name) for name, _, _ in key[1]]
    assert any(path.name == "questions.yaml" for path in watched)
    assert any(path.name == "loader.py" for path in watched) and any(path.name == "skills.yaml" for path in watched)
    loader = next(path for path in watched if path.name == "loader.py")
    stat = loader.stat()
    try:
        os.utime(loader, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert bank_cache._key() != key
    finally:
        os.utime(loader, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("PACS_INTERVIEW_HOME", str(blocked))
    assert load_bank_quickly() == load_bank()


def test_a_bank_of_ones_own_is_never_cached(cache_file: Path, write_bank: Callable[[str], Path]) -> None:
    bank = load_bank_quickly(write_bank(BANK))
    assert [q.id for q in bank.questions] == [q.id for q in load_bank(write_bank(BANK)).questions]
    assert not cache_file.exists()


def test_the_cache_keeps_the_data_folder_private(home: Path, cache_file: Path) -> None:
    assert not home.exists()
    load_bank_quickly()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache_file.parent.stat().st_mode) == 0o700
