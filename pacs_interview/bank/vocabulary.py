"""Canonical names with aliases: the skill vocabulary and the glossary of PACS terms."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pacs_interview.bank.strict_yaml import MappingNode, ScalarNode, SequenceNode, read_yaml
from pacs_interview.common.resources import data_file

_FOLD = re.compile(r"[\s_\-]+")


def fold(name: str) -> str:
    """The form two spellings of one name share: case, hyphens and spaces folded."""
    return _FOLD.sub(" ", name).strip().casefold()


@dataclass(frozen=True)
class Vocabulary:
    """Canonical names and the aliases that map onto them."""

    canonical: dict[str, str]  # folded name or alias -> canonical name

    def canonical_name(self, name: str) -> str | None:
        """The canonical name for `name` or one of its aliases, or None."""
        return self.canonical.get(fold(name))

    @property
    def names(self) -> list[str]:
        return sorted(set(self.canonical.values()), key=str.casefold)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, Iterable[str]]]) -> Vocabulary:
        canonical: dict[str, str] = {}
        for name, aliases in entries:
            for spelling in (name, *aliases):
                canonical[fold(spelling)] = name
        return cls(canonical)


class Entry(NamedTuple):
    """One name of a bundled list, its aliases, whether it is an everyday word and the jurisdictions it
    belongs to (the glossary marks some of each)."""

    name: str
    aliases: list[str]
    everyday: bool
    region: tuple[str, ...] = ()


def load_entries(path: Path, list_key: str) -> list[Entry]:
    """Read a bundled `name`/`aliases` list; the file is ours, so problems are bugs."""
    root, problems = read_yaml(path)
    if problems or not isinstance(root, MappingNode):
        raise ValueError(f"{path} is damaged: {'; '.join(map(str, problems))}")
    for key, value in root.pairs:
        if isinstance(key, ScalarNode) and key.value == list_key and isinstance(value, SequenceNode):
            return [_entry(item) for item in value.items if isinstance(item, MappingNode)]
    return []


def load_vocabulary(path: Path, list_key: str) -> Vocabulary:
    """A bundled list as a vocabulary: each name and alias mapped to its name."""
    return Vocabulary.from_entries((entry.name, entry.aliases) for entry in load_entries(path, list_key))


def _entry(node: MappingNode) -> Entry:
    fields = {k.value: v for k, v in node.pairs if isinstance(k, ScalarNode)}
    name = fields["name"]
    aliases = fields.get("aliases")
    alias_values = (
        [a.value for a in aliases.items if isinstance(a, ScalarNode)] if isinstance(aliases, SequenceNode) else []
    )
    everyday = fields.get("everyday")
    is_everyday = isinstance(everyday, ScalarNode) and everyday.value == "true"
    region = fields.get("region")
    regions = (
        tuple(r.value for r in region.items if isinstance(r, ScalarNode)) if isinstance(region, SequenceNode) else ()
    )
    return Entry(name.value if isinstance(name, ScalarNode) else "", alias_values, is_everyday, regions)


@functools.lru_cache(maxsize=1)
def skill_vocabulary() -> Vocabulary:
    """The bundled skill vocabulary (data/skills.yaml)."""
    return load_vocabulary(data_file("skills.yaml"), "skills")
