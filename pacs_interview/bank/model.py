"""The question model: levels, types, a question and a bank of them, as frozen data."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from pacs_interview.bank.strict_yaml import Problem, listed
from pacs_interview.common.errors import UserError


class Level(str, Enum):
    junior = "junior"
    mid = "mid"
    senior = "senior"
    lead = "lead"
    manager = "manager"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.junior: "Junior PACS Administrator",
    Level.mid: "PACS Administrator",
    Level.senior: "Senior PACS Administrator",
    Level.lead: "Lead PACS Administrator",
    Level.manager: "PACS Manager",
}


class QuestionType(str, Enum):
    technical = "technical"
    behavioral = "behavioral"
    competency = "competency"
    situational = "situational"
    leadership = "leadership"


# The ten domains of the CIIP examination outline: how certification bodies cut the field.
DOMAINS = (
    "image-management",
    "information-technology",
    "imaging-informatics",
    "systems-management",
    "clinical-engineering",
    "operations",
    "communications",
    "project-management",
    "procurement",
    "training-education",
)


class Region(str, Enum):
    """A jurisdiction whose law and regulators a question's content may assume."""

    us = "us"
    uk = "uk"
    eu = "eu"


REGIONS = tuple(Region.__members__)


class Order(str, Enum):
    """The order a session asks its questions in."""

    random = "random"
    bank = "bank"


class Location(NamedTuple):
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Question:
    id: str
    level: Level
    type: QuestionType
    question: str
    introduction: str
    how_to_answer: tuple[str, ...]
    what_not_to_say: tuple[str, ...]
    example_answer: str
    skills: tuple[str, ...]
    location: Location = field(compare=False)
    # Per how_to_answer point (same order): phrases that show an answer covers it; () where the bank gives none.
    look_for: tuple[tuple[str, ...], ...] = ()
    domain: str | None = None
    follow_ups: tuple[str, ...] = ()
    region: tuple[str, ...] = ()  # empty: the content holds in every jurisdiction

    def cues(self, index: int) -> tuple[str, ...]:
        """The look_for phrases of how_to_answer point `index`, or () when it has none."""
        return self.look_for[index] if index < len(self.look_for) else ()

    def to_json(self) -> dict[str, object]:
        """The bank's own key names, for --json output."""
        return {
            "id": self.id,
            "level": self.level.value,
            "type": self.type.value,
            "question": self.question,
            "introduction": self.introduction,
            "how_to_answer": [self._point_json(n, point) for n, point in enumerate(self.how_to_answer)],
            "what_not_to_say": list(self.what_not_to_say),
            "example_answer": self.example_answer,
            "skills": list(self.skills),
            "domain": self.domain,
            "follow_ups": list(self.follow_ups),
            "region": list(self.region),
        }

    def _point_json(self, index: int, point: str) -> str | dict[str, object]:
        cues = self.cues(index)
        return {"point": point, "look_for": list(cues)} if cues else point


@dataclass(frozen=True)
class Bank:
    questions: tuple[Question, ...]
    source: str

    def get(self, question_id: str) -> Question:
        """The question with this id, or a UserError suggesting close ids."""
        for question in self.questions:
            if question.id == question_id:
                return question
        hint = did_you_mean(question_id, [q.id for q in self.questions])
        raise UserError(
            f"no question with id {question_id!r} in {self.source}{hint}; `pacs-interview list` shows the ids"
        )

    @property
    def skills(self) -> list[str]:
        return sorted({s for q in self.questions for s in q.skills}, key=str.casefold)


class BankError(UserError):
    """A bank with problems; each problem is one line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(*listed(problems))
        self.problems = problems


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest choices, or ''."""
    return _closest(word, tuple(choices))


@functools.lru_cache(maxsize=1024)
def _closest(word: str, choices: tuple[str, ...]) -> str:
    # Cached: a bank with the same wrong level in 90,000 questions needs the suggestion worked out once.
    import difflib  # only ever needed on the way to an error

    folded = {choice.casefold(): choice for choice in choices}
    close = [folded[c] for c in difflib.get_close_matches(word.casefold(), list(folded), n=3, cutoff=0.6)]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def question_from_json(data: Mapping[str, Any], origin: str) -> Question:
    """Rebuild a question from its JSON form (a session's snapshot of what was asked)."""
    cues = tuple(_point_cues(item) for item in data["how_to_answer"])
    return Question(
        id=str(data["id"]),
        level=Level(data["level"]),
        type=QuestionType(data["type"]),
        question=str(data["question"]),
        introduction=str(data["introduction"]),
        how_to_answer=tuple(_point_text(item) for item in data["how_to_answer"]),
        what_not_to_say=tuple(data["what_not_to_say"]),
        example_answer=str(data["example_answer"]),
        skills=tuple(data["skills"]),
        location=Location(origin, 1, 1),
        look_for=cues if any(cues) else (),  # as the loader builds it: () when no point has cues
        domain=data.get("domain"),
        follow_ups=tuple(data.get("follow_ups", ())),
        region=tuple(data.get("region", ())),
    )


def _point_cues(item: object) -> tuple[str, ...]:
    return tuple(item.get("look_for", ())) if isinstance(item, dict) else ()


def _point_text(item: object) -> str:
    """A how_to_answer point from JSON: plain text, or the `point` of a {point, look_for} mapping."""
    return str(item["point"]) if isinstance(item, dict) else str(item)
