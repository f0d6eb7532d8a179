"""Counting things in words: `1 question`, `2 questions`."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun, singular for exactly one: `1 point`, `0 points`, `3 analyses` (with `nouns`)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
