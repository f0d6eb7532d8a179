"""What changed between two attempts at one question, read from their feedback (its JSON form).

The JSON form is read, not the feedback objects, so attempts saved by an earlier version compare
too, and a key the feedback lacks is simply not compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_STAR_GAINED = {
    "situation": "now sets the scene",
    "task": "now says what was at stake",
    "action": "now says what you did",
    "result": "now says how it ended",
}
_STAR_LOST = {
    "situation": "no longer sets the scene",
    "task": "no longer says what was at stake",
    "action": "no longer says what you did",
    "result": "no longer says how it ended",
}
_FLAG_GONE = {
    "blame": "the blame is gone",
    "deflection": "the deflection is gone",
    "vague": "no longer vague",
    "no-result": "the missing ending is fixed",
}
_FLAG_NEW = {
    "blame": "new red flag: blames others",
    "deflection": "new red flag: deflects to someone else",
    "vague": "new red flag: vague",
    "no-result": "new red flag: never says how it ended",
}


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    """Short phrases, most telling first: ["now says how it ended", "the blame is gone", "2 more points covered"]."""
    before, after = before or {}, after or {}
    found = [
        *_verdict(before, after),
        *_star(before, after),
        *_flags(before, after),
        *_points(before, after),
        *_numbers(before, after),
        *_ownership(before, after),
        *_terms(before, after),
    ]
    return found or ["no change in what the feedback checks"]


def _verdict(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = _grade(before), _grade(after)
    return [f"verdict {old} → {new}"] if old and new and old != new else []


def _grade(feedback: Mapping[str, Any]) -> str | None:
    verdict = feedback.get("verdict")
    grade = verdict.get("grade") if isinstance(verdict, Mapping) else None
    return grade if isinstance(grade, str) else None


def _star(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = _parts(before.get("star")), _parts(after.get("star"))
    if old is None or new is None:
        return []
    found = [_STAR_GAINED[part] for part in _STAR_GAINED if new.get(part) and not old.get(part)]
    return found + [_STAR_LOST[part] for part in _STAR_LOST if old.get(part) and not new.get(part)]


def _parts(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def _flags(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = _kinds(before.get("red_flags")), _kinds(after.get("red_flags"))
    gone = [_FLAG_GONE.get(kind, f"the {kind} flag is gone") for kind in old if kind not in new]
    return gone + [_FLAG_NEW.get(kind, f"new red flag: {kind}") for kind in new if kind not in old]


def _kinds(value: Any) -> list[str]:
    kinds = [str(flag.get("kind")) for flag in value if isinstance(flag, Mapping)] if isinstance(value, list) else []
    return list(dict.fromkeys(kinds))


def _points(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    difference = _covered(after) - _covered(before)
    if not difference:
        return []
    noun = "point" if abs(difference) == 1 else "points"
    return [f"{difference} more {noun} covered" if difference > 0 else f"{-difference} {noun} fewer covered"]


def _covered(feedback: Mapping[str, Any]) -> int:
    points = feedback.get("guidance")
    if not isinstance(points, list):
        return 0
    return sum(1 for point in points if isinstance(point, Mapping) and point.get("covered"))


def _numbers(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = before.get("quantified"), after.get("quantified")
    if old is False and new is True:
        return ["now puts a number on it"]
    if old is True and new is False:
        return ["no longer puts a number on it"]
    return []


def _ownership(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = before.get("ownership"), after.get("ownership")
    if old != "I" and new == "I":
        return ["now tells it as your own work"]
    if old == "I" and new in ("we", "none"):
        return ["no longer says what you yourself did"]
    return []


def _terms(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = before.get("terms_used"), after.get("terms_used")
    if not isinstance(old, list) or not isinstance(new, list):
        return []
    added = len(set(map(str, new)) - set(map(str, old)))
    return [f"{added} more PACS term{'s' if added != 1 else ''} used"] if added else []
