"""Defaults a user sets once: region, level, count, time limit and bank, in a TOML file.

The file is `config.toml` in the platform's config folder for pacs-interview, or
wherever PACS_INTERVIEW_CONFIG points. Its keys sit at the top level:

    region = "uk"
    level = ["senior", "lead"]
    count = 8
    time_limit = 180
    bank = "~/banks/our-team.yaml"

A command-line option always wins over the file. A file that cannot be used is a
UserError of one line, `FILE:LINE: what is wrong`, like a broken bank. When there is
no file, nothing but a stat is spent: the TOML parser is imported only to read one.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pacs_interview.bank.model import Level, Region, did_you_mean
from pacs_interview.common.errors import UserError

CONFIG_ENV = "PACS_INTERVIEW_CONFIG"
FILE_NAME = "config.toml"
KEYS = ("region", "level", "count", "time_limit", "bank")
MAX_FILE_BYTES = 64 * 1024  # a handful of lines; anything near this is not a config file
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


@dataclass(frozen=True)
class Defaults:
    """What the config file sets; None or () where it says nothing."""

    region: Region | None = None
    levels: tuple[Level, ...] = ()
    count: int | None = None
    time_limit: int | None = None
    bank: Path | None = None


def config_path() -> Path:
    """$PACS_INTERVIEW_CONFIG, else config.toml in the platform's user config folder."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when the variable is unset

    return platformdirs.user_config_path("pacs-interview", appauthor=False) / FILE_NAME


def load_defaults(path: Path | None = None) -> Defaults:
    """The defaults in the config file; none when the platform's file does not exist."""
    explicit = path is not None or bool(os.environ.get(CONFIG_ENV))
    path = path or config_path()
    text = _read(path, explicit)
    if text is None:
        return Defaults()
    return _Reader(path, text).defaults(_parse(path, text))


def _read(path: Path, explicit: bool) -> str | None:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        if not explicit:
            return None  # most people never write one
        raise UserError(f"{path}: no such config file; fix {CONFIG_ENV} or create the file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read the config file: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"{path}:1: larger than {MAX_FILE_BYTES // 1024} KB; is this really the config file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _TOML_POSITION.search(message)
        last_line = len(text.rstrip().splitlines()) or 1  # "at end of document": the last line written
        line = int(found.group(1)) if found and found.group(1) else last_line
        reason = _TOML_POSITION.sub("", message).strip().rstrip(".")
        raise UserError(f"{path}:{line}: not valid TOML: {reason[:1].lower()}{reason[1:]}") from None


class _Reader:
    """Checks each key of a parsed file, naming the line it sits on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def defaults(self, data: dict[str, Any]) -> Defaults:
        for key in data:
            if key not in KEYS:
                self._unknown(key, data[key])
        return Defaults(
            region=self._region(data.get("region")),
            levels=self._levels(data.get("level")),
            count=self._whole("count", data.get("count"), least=1),
            time_limit=self._whole("time_limit", data.get("time_limit"), least=0),
            bank=self._bank(data.get("bank")),
        )

    def _unknown(self, key: str, value: object) -> None:
        if isinstance(value, dict):
            raise self._error(
                key, f"unknown table [{key}]; the keys sit at the top of the file: {', '.join(KEYS)}", table=True
            )
        hint = did_you_mean(key, list(KEYS))
        raise self._error(key, f"unknown key {key!r}{hint}; the keys are: {', '.join(KEYS)}")

    def _region(self, value: object) -> Region | None:
        if value is None:
            return None
        return Region(self._choice("region", value, tuple(Region.__members__)))

    def _levels(self, value: object) -> tuple[Level, ...]:
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if not items:
            raise self._error("level", "'level' is an empty list; give a level, or leave the key out")
        names = tuple(Level.__members__)
        return tuple(dict.fromkeys(Level(self._choice("level", item, names)) for item in items))

    def _choice(self, key: str, value: object, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str):
            raise self._error(key, f'{key!r} must be text such as "{choices[0]}", not {_kind(value)}')
        if value not in choices:
            hint = did_you_mean(value, list(choices))
            raise self._error(key, f"unknown {key} {value!r}{hint}; choose one of: {', '.join(choices)}")
        return value

    def _whole(self, key: str, value: object, least: int) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise self._error(key, f"{key!r} must be a whole number, {least} or more, not {_shown(value)}")
        return value

    def _bank(self, value: object) -> Path | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self._error("bank", f"'bank' must be the path of a bank file or folder, not {_shown(value)}")
        bank = Path(value).expanduser()
        # A relative path means the same bank wherever the command is run: it is taken from the file's folder.
        return bank if bank.is_absolute() else self.path.parent / bank

    def _error(self, key: str, message: str, table: bool = False) -> UserError:
        return UserError(f"{self.path}:{self._line(key, table)}: {message}")

    def _line(self, key: str, table: bool) -> int:
        name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
        pattern = re.compile(rf"\s*\[\s*{name}\s*\]" if table else rf"\s*{name}\s*[=.]")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return 1


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else _kind(value)
