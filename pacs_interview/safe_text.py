"""Make untrusted text safe to show: control characters become visible escapes."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL (except newline and tab, which text legitimately
# holds), and lone surrogates, which piped non-UTF-8 input can leave and which
# no terminal or file encoding can hold.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show_controls(text: str) -> str:
    """Replace control characters with escapes such as `\\x1b`, so none reaches a terminal raw."""
    return _UNSHOWABLE.sub(_escape, text.replace("\r\n", "\n"))
