"""Banks once checked, kept as JSON so that later commands skip the check.

The strict loader visits every YAML node. On the bundled bank (well over a hundred
questions, each point with its cues) that is most of a command's own start-up
time, and a 2,000-question bank takes longer than a whole command may. After a
load without a problem the questions are stored under a key made from the bytes
of the bank's files, of the skill vocabulary and of the code that builds
questions: an edit, an upgrade or a change to the loader all miss. One file per
bank (by its resolved path), the least recently written dropped past `MAX_FILES`.
`validate` never reads the cache: it always checks the files themselves.

The cache is only a shortcut: one that cannot be read, written or understood is
ignored, and the bank is loaded the strict way as before, with nothing reported.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pacs_interview.bank.model import Location, Question, question_from_json
from pacs_interview.common.errors import UserError

FORMAT = 1  # the layout of the cache file; the key already covers the code that fills it
HOME_ENV = "PACS_INTERVIEW_HOME"  # the history's home: with it set, everything stays inside it
MAX_FILES = 20  # banks remembered; a trainer's handful fits, a folder of experiments does not grow forever
# The modules whose code decides what a loaded question holds.
_BUILDERS = ("cache.py", "loader.py", "model.py", "strict_yaml.py", "vocabulary.py")


def cache_folder() -> Path:
    """$PACS_INTERVIEW_HOME/cache, else the platform's user cache folder for pacs-interview."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache"
    import platformdirs  # only here: a test or a user who set the variable never needs it

    return platformdirs.user_cache_path("pacs-interview", appauthor=False)


def cache_file(bank: Path) -> Path:
    """Where the questions of the bank file or folder `bank` are kept."""
    where = str(bank.resolve()).encode("utf-8", "surrogateescape")
    return cache_folder() / f"bank-{zlib.crc32(where):08x}.json"


def key(sources: Sequence[Path]) -> str | None:
    """The sources' names, sizes and checksums, and the builders' code; None if one cannot be read.

    A CRC rather than a cryptographic hash: it only has to notice an edit or an
    upgrade, and hashlib would cost more start-up time than the cache saves.
    """
    here = Path(__file__).parent
    parts = [f"format {FORMAT}"]
    try:
        for path in (*sources, *(here / name for name in _BUILDERS)):
            data = path.read_bytes()
            parts.append(f"{path}:{len(data)}:{zlib.crc32(data):08x}")
    except OSError:
        return None
    return "\n".join(parts)


def load(bank: Path, cache_key: str) -> list[Question] | None:
    """The questions stored for `bank` under `cache_key`, or None when there are none to trust."""
    try:
        data = json.loads(cache_file(bank).read_bytes())
        if not isinstance(data, dict) or data.get("key") != cache_key:
            return None
        return [_question(item) for item in data["questions"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, stale, damaged or from elsewhere: load the bank itself


def store(bank: Path, cache_key: str, questions: Sequence[Question]) -> None:
    """Keep the questions for next time; a folder that cannot be written is no problem."""
    path = cache_file(bank)
    items = [{**q.to_json(), "location": list(q.location)} for q in questions]
    text = json.dumps({"key": cache_key, "questions": items}, ensure_ascii=False)
    from pacs_interview.common.files import write_atomic  # its tempfile import is only needed to write

    with contextlib.suppress(OSError, UserError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, text)
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Drop the least recently written cache files past MAX_FILES."""
    files = sorted(folder.glob("bank-*.json"), key=lambda file: file.stat().st_mtime_ns, reverse=True)
    for stale in files[MAX_FILES:]:
        stale.unlink(missing_ok=True)


def _question(item: dict[str, Any]) -> Question:
    file, line, column = item["location"]
    location = Location(str(file), int(line), int(column))
    return dataclasses.replace(question_from_json(item, location.file), location=location)
