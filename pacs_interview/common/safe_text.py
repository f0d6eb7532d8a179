"""Make untrusted text safe to show: control characters become visible escapes."""

from __future__ import annotations

import json
import re

# C0 and C1 controls and DEL, except newline and tab, which text legitimately holds: the inside of a
# regular-expression character class, for every pattern that looks for control characters.
CONTROL_CHARACTERS = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
# Besides: the bidirectional marks, overrides and isolates, which can make a line read differently from
# what it holds; the zero-width characters and the byte order mark, which hide text or make two
# equal-looking words differ; and lone surrogates, which piped non-UTF-8 input can leave and which no
# terminal or file encoding can hold.
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_SURROGATES = "\ud800-\udfff"
_UNSHOWABLE = re.compile(f"[{CONTROL_CHARACTERS}{_INVISIBLE}{_SURROGATES}]")
# json.dumps escapes C0 controls itself; the rest only ever occur inside strings,
# so escaping them afterwards keeps the JSON valid and the text exact.
_UNSHOWABLE_IN_JSON = re.compile(f"[\\x7f-\\x9f{_INVISIBLE}{_SURROGATES}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show_controls(text: str) -> str:
    """Replace control characters with escapes such as `\\x1b`, so none reaches a terminal raw."""
    return _UNSHOWABLE.sub(_escape, text.replace("\r\n", "\n"))


def json_text(data: object, ascii_only: bool = False) -> str:
    """Indented JSON that keeps every string exact but holds no character a terminal would act on.

    `ascii_only` escapes every other character too, for an output that can hold only ASCII.
    """
    text = json.dumps(data, ensure_ascii=ascii_only, indent=2)
    return _UNSHOWABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
