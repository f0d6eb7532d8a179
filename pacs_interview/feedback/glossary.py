"""PACS terms in free text: the glossary (data/glossary.yaml) as a phrase index.

Text is cut into words (runs of letters and digits, in any script), so
"C-ECHO", "c echo" and "C_ECHO" are the same two words and "HL7/DICOM" is two
terms. Aliases are cut the same way, which keeps the two sides comparable.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pacs_interview.bank.vocabulary import Vocabulary, load_entries
from pacs_interview.common.resources import data_file

# Underscore counts as a separator, unlike in \w, because fold() treats it as one.
WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> list[str]:
    """The words of `text`, case-folded."""
    return [word.casefold() for word in WORD.findall(text)]


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found at words[first:last] of a text."""

    name: str
    first: int
    last: int


@dataclass(frozen=True)
class Glossary:
    """Every alias as a tuple of folded words, mapped to its term's name."""

    phrases: dict[tuple[str, ...], str]
    longest: dict[str, int]  # first word -> most words in a phrase starting with it
    names: tuple[str, ...]  # every term's name, in the glossary's order
    # Words any candidate uses (CT, radiologist, vendor): credited when used, never listed as missed.
    everyday: frozenset[str] = frozenset()
    # Terms of one jurisdiction's law or programmes (HIPAA: us) -> the jurisdictions.
    regions: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_vocabulary(
        cls,
        vocabulary: Vocabulary,
        everyday: frozenset[str] = frozenset(),
        regions: Mapping[str, frozenset[str]] | None = None,
    ) -> Glossary:
        phrases: dict[tuple[str, ...], str] = {}
        longest: dict[str, int] = {}
        for spelling, name in vocabulary.canonical.items():
            key = tuple(folded_words(spelling))
            if key:
                phrases[key] = name
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
        names = tuple(dict.fromkeys(vocabulary.canonical.values()))
        return cls(phrases, longest, names, everyday, dict(regions or {}))

    def matches(self, words: list[str]) -> Iterator[TermMatch]:
        """Every term in a list of folded words, nested ones included.

        "modality worklist" is MWL, and it also names a modality and a
        worklist: a reader credits all three, so the engine does too.
        """
        for index, word in enumerate(words):
            # Near the end a slice is shorter than asked, and would match a shorter phrase a second time.
            for size in range(1, min(self.longest.get(word, 0), len(words) - index) + 1):
                name = self.phrases.get(tuple(words[index : index + size]))
                if name is not None:
                    yield TermMatch(name, index, index + size)

    def in_order(self, names: set[str]) -> tuple[str, ...]:
        """`names` in the glossary's order, which groups related terms and is stable for scripts."""
        return tuple(name for name in self.names if name in names)

    def terms_in(self, text: str) -> tuple[str, ...]:
        """Glossary names used in `text`, in the glossary's order."""
        return self.in_order({match.name for match in self.matches(folded_words(text))})


@functools.lru_cache(maxsize=1)
def bundled_glossary() -> Glossary:
    """The bundled glossary, read once per process."""
    entries = load_entries(data_file("glossary.yaml"), "terms")
    vocabulary = Vocabulary.from_entries((entry.name, entry.aliases) for entry in entries)
    everyday = frozenset(entry.name for entry in entries if entry.everyday)
    return Glossary.from_vocabulary(vocabulary, everyday, {e.name: frozenset(e.region) for e in entries if e.region})
