"""Rows of the history file turned into records, every value checked once, here.

The history file is the user's own SQLite file: anything may have been written into it
(by hand, by another tool, by a disk fault). Whatever reaches a SessionRecord has the shape
the rest of the code relies on; anything else is a `Damaged` row, which the store reports
as one line naming the session.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from pacs_interview.bank import Level, QuestionType
from pacs_interview.session.records import (
    AnswerRecord,
    FollowUpRecord,
    Rating,
    SessionRecord,
    SessionSettings,
    SessionStatus,
)


class Damaged(ValueError):
    """A row that does not have the shape this version writes; the message says what is wrong."""


class Kind(NamedTuple):
    """What a value must be: a check, and how to say it in an error."""

    name: str
    check: Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _choice(enum: type[Level] | type[QuestionType]) -> Kind:
    # Called only at import, before mutmut switches a mutant in: its mutants would never run. The damaged
    # "unknown level" of tests/helpers.py DAMAGES checks both the test and the message.
    names = [member.value for member in enum]  # pragma: no mutate
    return Kind(f"one of {', '.join(names)}", lambda value: value in names)  # pragma: no mutate


TEXT = Kind("text", lambda value: isinstance(value, str))
TEXT_LIST = Kind("a list of text", _is_text_list)
WHOLE = Kind("a whole number", _is_int)
WHOLE_OR_NULL = Kind("a whole number or null", lambda value: value is None or _is_int(value))
FILTERS = Kind(
    "an object of text lists", lambda value: isinstance(value, dict) and all(map(_is_text_list, value.values()))
)


def _is_point(value: Any) -> bool:
    """A how_to_answer point: text, or {"point": text, "look_for": [text, ...]}."""
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and isinstance(value.get("point"), str)
        and _is_text_list(value.get("look_for", []))
        and set(value) <= {"point", "look_for"}
    )


POINTS = Kind(
    "a list of points (text, or point and look_for)",
    lambda value: isinstance(value, list) and all(map(_is_point, value)),
)

# The bank's keys (bank.QUESTION_KEYS) with the type each holds in a question's JSON form.
QUESTION_FIELDS: dict[str, Kind] = {
    "id": TEXT,
    "level": _choice(Level),
    "type": _choice(QuestionType),
    "question": TEXT,
    "introduction": TEXT,
    "how_to_answer": POINTS,
    "what_not_to_say": TEXT_LIST,
    "example_answer": TEXT,
    "skills": TEXT_LIST,
}
# Keys a session saved before the bank had them lacks; checked only when present.
OPTIONAL_QUESTION_FIELDS: dict[str, Kind] = {
    "domain": Kind("text or null", lambda value: value is None or isinstance(value, str)),
    "follow_ups": TEXT_LIST,
    "region": TEXT_LIST,
}
SETTINGS_FIELDS: dict[str, Kind] = {
    "filters": FILTERS,
    "count": WHOLE,
    "order": TEXT,
    "seed": WHOLE_OR_NULL,
    "time_limit": WHOLE,
    "bank": TEXT,
}
# Settings only some sessions have (interviews: follow-ups on or off).
OPTIONAL_SETTINGS: dict[str, Kind] = {
    "follow_ups": Kind("true, false or null", lambda value: value is None or isinstance(value, bool)),
}


def session_record(
    row: Sequence[Any],
    questions: Sequence[Sequence[Any]],
    answers: Sequence[Any],
    follow_ups: Sequence[Sequence[Any]] = (),
) -> SessionRecord:
    """A session from its row (id, started_at, ended_at, status, settings, kind) and its other rows."""
    snapshots = tuple(_question(n + 1, q[0]) for n, q in enumerate(questions))
    counted, earlier = _split_attempts([_answer(a, len(snapshots)) for a in answers])
    return SessionRecord(
        id=row[0],
        started_at=_time(row[1], "started_at"),
        ended_at=None if row[2] is None else _time(row[2], "ended_at"),
        status=_status(row[3]),
        settings=_settings(row[4]),
        questions=snapshots,
        answers=counted,
        earlier=earlier,
        kind=_checked(row[5], TEXT, "session", "kind"),
        follow_ups=tuple(_follow_up(f, len(snapshots)) for f in follow_ups),
    )


def _split_attempts(attempts: list[AnswerRecord]) -> tuple[tuple[AnswerRecord, ...], tuple[AnswerRecord, ...]]:
    """Per question, the attempt that counts (the last submitted one, else the draft), and all the others."""
    by_position: dict[int, AnswerRecord] = {}
    for attempt in attempts:  # in order of position and attempt
        kept = by_position.get(attempt.position)
        if kept is None or not attempt.draft or kept.draft:
            by_position[attempt.position] = attempt
    counted = tuple(by_position[position] for position in sorted(by_position))
    return counted, tuple(attempt for attempt in attempts if attempt is not by_position[attempt.position])


def _time(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Damaged(f"{what} is not an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Damaged(f"{what} is not an ISO 8601 time") from None
    # Summaries subtract times and show them in the local zone: both need a zone, and a year that
    # stays in range when it moves to another zone. astimezone() goes through UTC, so it checks both.
    if moment.tzinfo is None:
        raise Damaged(f"{what} has no time zone")
    try:
        moment.astimezone()
    except (ValueError, OverflowError):
        raise Damaged(f"{what} is out of range") from None
    return value


def _status(value: Any) -> SessionStatus:
    try:
        return SessionStatus(value)
    except ValueError:
        names = ", ".join(status.value for status in SessionStatus)
        raise Damaged(f"status is not one of {names}") from None


def _settings(value: Any) -> SessionSettings:
    data = _json_object(value, "settings")
    # Keys this version does not know (written by a newer one) are ignored rather than refused.
    optional = {
        key: _checked(data[key], kind, "settings", key) for key, kind in OPTIONAL_SETTINGS.items() if key in data
    }
    return SessionSettings(**_fields(data, SETTINGS_FIELDS, "settings"), **optional)


def _question(number: int, value: Any) -> Mapping[str, Any]:
    where = f"question {number}"
    data = _json_object(value, where)
    _fields(data, QUESTION_FIELDS, where)
    for key, kind in OPTIONAL_QUESTION_FIELDS.items():
        if key in data:
            _checked(data[key], kind, where, key)
    return data


def _answer(row: Sequence[Any], total: int) -> AnswerRecord:
    position = row[0]
    if not _is_int(position):
        raise Damaged("an answer's position is not a whole number")
    if not 0 <= position < total:
        raise Damaged(f"an answer is for question {position + 1}, which the session does not have")
    where = f"answer to question {position + 1}"
    return AnswerRecord(
        position=position,
        question_id=_checked(row[1], TEXT, where, "question_id"),
        answer=_typed_text(row[2], where, "answer"),
        seconds=_checked(row[3], _SECONDS, where, "seconds"),
        word_count=_checked(row[4], _COUNT, where, "word_count"),
        skipped=bool(_checked(row[5], _FLAG, where, "skipped")),
        feedback=None if row[6] is None else _json_object(row[6], f"{where}: feedback"),
        rating=None if row[7] is None else Rating(_checked(row[7], _RATING, where, "rating")),
        submitted_at=_time(row[8], f"{where}: submitted_at"),
        attempt=_checked(row[9], _ATTEMPT, where, "attempt"),
        draft=bool(_checked(row[10], _FLAG, where, "draft")),
    )


def _follow_up(row: Sequence[Any], total: int) -> FollowUpRecord:
    """A follow-up row: (position, reason, question, answer, seconds, word_count, skipped, submitted_at)."""
    position = row[0]
    if not _is_int(position) or not 0 <= position < total:
        raise Damaged("a follow-up is for a question the session does not have")
    where = f"follow-up to question {position + 1}"
    return FollowUpRecord(
        position=position,
        reason=_checked(row[1], TEXT, where, "reason"),
        question=_typed_text(row[2], where, "question"),
        answer=_typed_text(row[3], where, "answer"),
        seconds=_checked(row[4], _SECONDS, where, "seconds"),
        word_count=_checked(row[5], _COUNT, where, "word_count"),
        skipped=bool(_checked(row[6], _FLAG, where, "skipped")),
        submitted_at=_time(row[7], f"{where}: submitted_at"),
    )


_SECONDS = Kind(
    "a number, 0 or more",
    lambda value: isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < math.inf,
)
_COUNT = Kind("a whole number, 0 or more", lambda value: _is_int(value) and value >= 0)
_FLAG = Kind("0 or 1", lambda value: _is_int(value) and value in (0, 1))
_ATTEMPT = Kind("a whole number, 1 or more", lambda value: _is_int(value) and value >= 1)
_RATING = Kind("a rating from 1 to 4", lambda value: _is_int(value) and 1 <= value <= 4)


def _typed_text(value: Any, where: str, key: str) -> str:
    """Text as typed: one with lone surrogates is stored as its UTF-8 bytes (see answers._exact)."""
    if isinstance(value, bytes):
        try:
            return value.decode(errors="surrogatepass")  # UTF-8, as bytes.decode always is by default
        except UnicodeDecodeError:
            pass
    if not isinstance(value, str):
        raise Damaged(f"{where}: {key} is not text")
    return value


def _fields(data: Mapping[str, Any], kinds: Mapping[str, Kind], where: str) -> dict[str, Any]:
    """The values of `kinds`' keys in `data`, each checked; Damaged names the first one missing or wrong."""
    for key in kinds:
        if key not in data:
            raise Damaged(f"{where} has no {key}")
    return {key: _checked(data[key], kind, where, key) for key, kind in kinds.items()}


def _checked(value: Any, kind: Kind, where: str, key: str) -> Any:
    if not kind.check(value):
        raise Damaged(f"{where}: {key} is not {kind.name}")
    return value


def _json_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, (str, bytes)):
        raise Damaged(f"{what} is not JSON text")
    try:
        # Strict JSON: NaN, Infinity and numbers too large for a float would break the summaries.
        data = json.loads(value, parse_constant=_refuse, parse_float=_finite)
    except (ValueError, RecursionError):  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise Damaged(f"{what} is not valid JSON") from None
    if not isinstance(data, dict):
        raise Damaged(f"{what} is not a JSON object")
    return data


def _refuse(constant: str) -> Any:
    raise ValueError  # NaN or Infinity: _json_object says the value is not valid JSON


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError  # too large for a float: _json_object says the value is not valid JSON
    return number
