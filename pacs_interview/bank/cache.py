"""The bundled bank, once checked, kept as JSON so that later commands skip the check.

The strict loader visits every YAML node, and on the bundled bank (well over a hundred
questions, each point with its cues) that is most of a command's own start-up time.
After a load without a problem the questions are stored under a key made from the
bytes of the bank, of the skill vocabulary and of the code that builds questions: an
edit, an upgrade or a change to the loader all miss. A custom bank is never cached;
it is usually small, and it is the one a user edits.

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
FILE_NAME = "bundled-bank.json"
# The modules whose code decides what a loaded question holds.
_BUILDERS = ("cache.py", "loader.py", "model.py", "strict_yaml.py", "vocabulary.py")


def cache_file() -> Path:
    """$PACS_INTERVIEW_HOME/cache/..., else the platform's user cache folder for pacs-interview."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache" / FILE_NAME
    import platformdirs  # only here: a test or a user who set the variable never needs it

    return platformdirs.user_cache_path("pacs-interview", appauthor=False) / FILE_NAME


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


def load(cache_key: str) -> list[Question] | None:
    """The questions stored under `cache_key`, or None when there are none to trust."""
    try:
        data = json.loads(cache_file().read_bytes())
        if not isinstance(data, dict) or data.get("key") != cache_key:
            return None
        return [_question(item) for item in data["questions"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, stale, damaged or from elsewhere: load the bank itself


def store(cache_key: str, questions: Sequence[Question]) -> None:
    """Keep the questions for next time; a folder that cannot be written is no problem."""
    path = cache_file()
    items = [{**q.to_json(), "location": list(q.location)} for q in questions]
    text = json.dumps({"key": cache_key, "questions": items}, ensure_ascii=False)
    from pacs_interview.common.files import write_atomic  # its tempfile import is only needed to write

    with contextlib.suppress(OSError, UserError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, text)


def _question(item: dict[str, Any]) -> Question:
    file, line, column = item["location"]
    location = Location(str(file), int(line), int(column))
    return dataclasses.replace(question_from_json(item, location.file), location=location)
