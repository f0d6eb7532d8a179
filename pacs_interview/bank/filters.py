"""Choosing questions: the shared --level / --type / --skill / --region filters, and skill counts."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pacs_interview.bank.model import Bank, Level, Question, QuestionType, Region, did_you_mean
from pacs_interview.bank.vocabulary import fold, skill_vocabulary
from pacs_interview.common.errors import UserError


@dataclass(frozen=True)
class Filters:
    """Which questions a command works on: OR within an option, AND across options."""

    levels: tuple[Level, ...] = ()
    types: tuple[QuestionType, ...] = ()
    skills: tuple[str, ...] = ()
    region: Region | None = None

    def matches(self, question: Question) -> bool:
        return (
            (not self.levels or question.level in self.levels)
            and (not self.types or question.type in self.types)
            and (not self.skills or any(_skill_matches(s, question.skills) for s in self.skills))
            and in_region(question, self.region)
        )

    def describe(self) -> str:
        """The filters as the user would type them."""
        return as_options(self.to_json()) or "no filters"

    def to_json(self) -> dict[str, list[str]]:
        return {
            "levels": [v.value for v in self.levels],
            "types": [v.value for v in self.types],
            "skills": list(self.skills),
            "region": [self.region.value] if self.region else [],  # a list, like a question's region
        }


# The option each key of the JSON form comes from.
_OPTIONS = {"levels": "--level", "types": "--type", "skills": "--skill", "region": "--region"}


def as_options(filters: Mapping[str, Sequence[str]]) -> str:
    """Filters in their JSON form (as sessions store them) as options a shell takes back as they are:
    `--level junior --skill 'Modality worklist'`; '' for none."""
    return " ".join(
        f"{_OPTIONS.get(key, '--' + key)} {shlex.quote(value)}" for key, values in filters.items() for value in values
    )


def in_region(question: Question, region: Region | None) -> bool:
    """Whether a candidate preparing for `region` should see the question (None: any region will do).

    A question without a region holds everywhere; one written for other jurisdictions'
    rules (a US-only HIPAA question for a UK candidate) is left out.
    """
    return region is None or not question.region or region.value in question.region


def _skill_matches(wanted: str, skills: tuple[str, ...]) -> bool:
    """A part of a skill's name, in any case, spacing or hyphenation, or one of its aliases."""
    canonical = skill_vocabulary().canonical_name(wanted)
    folded = fold(wanted)
    return any(skill == canonical or folded in fold(skill) for skill in skills)


def select(bank: Bank, filters: Filters) -> list[Question]:
    """The questions matching `filters`, in bank order; a UserError when none do."""
    _check_skills_exist(bank, filters.skills)
    chosen = [q for q in bank.questions if filters.matches(q)]
    if not chosen:
        raise UserError(f"no questions match {filters.describe()}; `pacs-interview skills` shows what the bank covers")
    return chosen


def _check_skills_exist(bank: Bank, wanted: tuple[str, ...]) -> None:
    known = bank.skills
    for skill in wanted:
        if not skill.strip():
            raise UserError("--skill needs some text, such as --skill dicom")
        if not any(_skill_matches(skill, (name,)) for name in known):
            hint = did_you_mean(skill, known) or ""
            raise UserError(f"no skill matches {skill!r}{hint}; `pacs-interview skills` lists them")


def skill_counts(questions: Iterable[Question]) -> dict[str, dict[Level, int]]:
    """How many questions test each skill, per level; skills in alphabetical order."""
    counts: dict[str, dict[Level, int]] = {}
    for question in questions:
        for skill in question.skills:
            by_level = counts.setdefault(skill, {})
            by_level[question.level] = by_level.get(question.level, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))


def skill_counts_json(counts: dict[str, dict[Level, int]]) -> list[dict[str, Any]]:
    """`skills --json`: each skill with its count per level (zeros included) and in total."""
    return [
        {
            "skill": skill,
            "levels": {level.value: by_level.get(level, 0) for level in Level},
            "total": sum(by_level.values()),
        }
        for skill, by_level in counts.items()
    ]
