"""Counting words the one way every part of the program agrees on."""

from __future__ import annotations

import re

# A whitespace-separated chunk with no letter or digit ("—", "🙂", "--") is not a word.
_NOT_A_WORD = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")


def count_words(text: str) -> int:
    """Whitespace-separated chunks holding a letter or digit."""
    return len(text.split()) - len(_NOT_A_WORD.findall(text))
