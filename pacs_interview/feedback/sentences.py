"""Where a sentence of an answer ends: one definition for every rule that reads sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at ".", "!" or "?" before a space or the end of the answer ("3.5 GB" and "v2.1" stay
# inside one), or at a line break, since a bullet list puts one point on each line.
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def sentences(text: str) -> Iterator[str]:
    """The sentences of `text` in order, each with its closing mark; a last one without a mark too."""
    start = 0
    for end in SENTENCE_END.finditer(text):
        yield text[start : end.end()]
        start = end.end()
    if text[start:].strip():
        yield text[start:]


def sentence_starts(text: str) -> list[int]:
    """The character offset where each sentence of `text` starts, the first at 0."""
    return [0] + [end.end() for end in SENTENCE_END.finditer(text)]
