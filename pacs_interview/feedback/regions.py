"""Jurisdictions: which terms belong to one country's law, and where an answer is set.

A glossary term may carry a `region` (data/glossary.yaml: HIPAA is us, the
GDPR uk and eu). "Terms missed" suggests such a term only to an answer set
where it applies: the question's `region` when the bank gives one, else the
places the answer itself names, through its regional terms and the marker
words of data/region_markers.yaml (the NHS, Medicare). When neither says, no
jurisdiction's term is suggested: precision first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pacs_interview.bank.model import REGIONS
from pacs_interview.bank.strict_yaml import MappingNode, ScalarNode, SequenceNode, read_yaml
from pacs_interview.common.resources import data_file
from pacs_interview.feedback.glossary import bundled_glossary, folded_words

MARKERS_FILE = "region_markers.yaml"


@dataclass(frozen=True)
class Regions:
    """Each regional term's jurisdictions, and the marker phrases (as folded words) that place an answer."""

    terms: Mapping[str, frozenset[str]]
    markers: Mapping[tuple[str, ...], frozenset[str]]

    def of_answer(self, words: list[str], term_names: Iterable[str]) -> frozenset[str]:
        """The jurisdictions an answer names, through its regional terms and its marker phrases."""
        found: set[str] = set()
        for name in term_names:
            found |= self.terms.get(name, frozenset())
        longest = self.longest
        for index, word in enumerate(words):
            # Most words start no marker: one dictionary look-up each.
            for size in range(1, min(longest.get(word, 0), len(words) - index) + 1):
                found |= self.markers.get(tuple(words[index : index + size]), frozenset())
        return frozenset(found)

    @functools.cached_property
    def longest(self) -> dict[str, int]:
        """First word of each marker -> the most words in a marker starting with it."""
        longest: dict[str, int] = {}
        for marker in self.markers:
            longest[marker[0]] = max(longest.get(marker[0], 0), len(marker))
        return longest

    def fits(self, term: str, places: frozenset[str]) -> bool:
        """A term may be suggested where the answer is set: anywhere for a term of no jurisdiction."""
        regions = self.terms.get(term)
        return regions is None or bool(regions & places)


@functools.lru_cache(maxsize=1)
def bundled_regions() -> Regions:
    """The glossary's regional terms and the bundled marker words, read once per process."""
    root, problems = read_yaml(data_file(MARKERS_FILE))
    if problems or not isinstance(root, MappingNode):
        raise ValueError(f"bundled {MARKERS_FILE} is damaged: {'; '.join(map(str, problems))}")
    sections = {key.value: value for key, value in root.pairs if isinstance(key, ScalarNode)}
    markers = {tuple(folded_words(name)): regions for name, regions in _region_lists(sections.get("markers"))}
    return Regions(bundled_glossary().regions, markers)


def _region_lists(node: object) -> list[tuple[str, frozenset[str]]]:
    if not isinstance(node, MappingNode):
        return []
    found = []
    for key, value in node.pairs:
        if isinstance(key, ScalarNode) and isinstance(value, SequenceNode):
            regions = frozenset(item.value for item in value.items if isinstance(item, ScalarNode))
            if regions <= set(REGIONS):
                found.append((key.value, regions))
    return found
