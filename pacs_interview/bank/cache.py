"""The bundled bank, kept checked and parsed between runs, so the first question card comes sooner.

Reading the bundled YAML with every check takes longer than drawing a card. Once it has loaded
cleanly it is kept as JSON in the program's data folder (cache/, safe to delete), keyed by the
size and modification time of every bundled data file and of the bank code itself: change any of
them and the bank is read and checked again. A cache that is missing, unreadable or stale is
simply not used.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from pacs_interview import __version__
from pacs_interview.bank.loader import bundled_bank_path, load_bank
from pacs_interview.bank.model import Bank, Location, Question, question_from_json
from pacs_interview.common.home import default_home

CACHE_FILE = "bundled-bank.json"
_CODE = Path(__file__).resolve().parent  # the bank package: its modules decide what a loaded bank is


def load_bank_quickly(path: Path | None = None) -> Bank:
    """`load_bank(path)`; for the bundled bank, from the cache when it is up to date."""
    if path is not None:
        return load_bank(path)
    key = _key()
    cache = _cache_folder() / CACHE_FILE
    cached = _read(cache, key)
    if cached is not None:
        return cached
    bank = load_bank(None)
    _write(cache, key, bank)
    return bank


def _key() -> list[Any]:
    watched = [*bundled_bank_path().parent.iterdir(), *_CODE.glob("*.py")]
    stats = [(str(file), file.stat()) for file in sorted(watched) if file.is_file()]
    return [__version__, [[name, stat.st_size, stat.st_mtime_ns] for name, stat in stats]]


def _cache_folder() -> Path:
    return default_home() / "cache"


def _read(cache: Path, key: list[Any]) -> Bank | None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data["key"] != key:
            return None
        questions = tuple(_question(item) for item in data["questions"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not there yet, or written by something else: read the YAML instead
    return Bank(questions, data["source"])


def _question(item: dict[str, Any]) -> Question:
    # The JSON form drops where the question was read and the shape of empty cues: both are kept beside it.
    look_for = tuple(tuple(str(cue) for cue in cues) for cues in item["look_for"])
    return replace(question_from_json(item["question"], ""), location=Location(*item["location"]), look_for=look_for)


def _write(cache: Path, key: list[Any], bank: Bank) -> None:
    data = {
        "key": key,
        "source": bank.source,
        "questions": [
            {"question": q.to_json(), "location": list(q.location), "look_for": [list(c) for c in q.look_for]}
            for q in bank.questions
        ],
    }
    try:
        # The data folder is private (the history file lives there): create it so if the cache comes first.
        cache.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        cache.parent.mkdir(mode=0o700, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent, delete=False) as file:
            try:
                json.dump(data, file)
            except BaseException:
                os.unlink(file.name)
                raise
        os.replace(file.name, cache)  # whole or not at all: a reader never sees half a file
    except OSError:
        pass  # a read-only or full disk: the bank is read from YAML each time, as before
