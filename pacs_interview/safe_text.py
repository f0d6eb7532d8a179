"""Make untrusted text safe to show: control characters become visible escapes."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, except newline and tab, which text legitimately holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def show_controls(text: str) -> str:
    """Replace control characters with escapes such as `\\x1b`, so none reaches a terminal raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\r\n", "\n"))
