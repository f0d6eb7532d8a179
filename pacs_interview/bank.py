"""The question model and the strict bank loader.

Validation turns the YAML tree into frozen dataclasses once, at the edge; the
rest of the program never sees raw YAML. Every problem is collected, not only
the first, and each node is visited once, so a hostile file cannot make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from pacs_interview.errors import UserError
from pacs_interview.resources import data_file
from pacs_interview.strict_yaml import MappingNode, Node, Problem, RefusedNode, ScalarNode, SequenceNode, read_yaml
from pacs_interview.vocabulary import Vocabulary, fold, skill_vocabulary


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

    def to_json(self) -> dict[str, object]:
        """The bank's own key names, for --json output."""
        return {
            "id": self.id,
            "level": self.level.value,
            "type": self.type.value,
            "question": self.question,
            "introduction": self.introduction,
            "how_to_answer": list(self.how_to_answer),
            "what_not_to_say": list(self.what_not_to_say),
            "example_answer": self.example_answer,
            "skills": list(self.skills),
        }


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
        super().__init__(*(str(p) for p in problems))
        self.problems = problems


QUESTION_KEYS = (
    "id",
    "level",
    "type",
    "question",
    "introduction",
    "how_to_answer",
    "what_not_to_say",
    "example_answer",
    "skills",
)
TOP_LEVEL_KEYS = ("version", "questions")
SUPPORTED_VERSION = "1"
_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LIST_KEYS = frozenset({"how_to_answer", "what_not_to_say", "skills"})
_CHOICES = {"level": tuple(Level.__members__), "type": tuple(QuestionType.__members__)}


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest choices, or ''."""
    import difflib  # only ever needed on the way to an error

    folded = {choice.casefold(): choice for choice in choices}
    close = [folded[c] for c in difflib.get_close_matches(word.casefold(), list(folded), n=3, cutoff=0.6)]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def bundled_bank_path() -> Path:
    return data_file("questions.yaml")


def load_bank(path: Path | None = None, vocabulary: Vocabulary | None = None) -> Bank:
    """Load a bank file or folder (the bundled bank when None); raise BankError listing every problem."""
    questions, problems = read_bank(path or bundled_bank_path(), vocabulary)
    if problems:
        raise BankError(problems)
    return Bank(tuple(questions), str(path or "the bundled bank"))


def read_bank(path: Path, vocabulary: Vocabulary | None = None) -> tuple[list[Question], list[Problem]]:
    """Every valid question and every problem in a bank file or folder."""
    vocabulary = vocabulary or skill_vocabulary()
    files, problems = _bank_files(path)
    questions: list[Question] = []
    for file in files:
        file_questions, file_problems = _read_bank_file(file, vocabulary)
        questions += file_questions
        problems += file_problems
    problems += _duplicate_id_problems(questions)
    return questions, sorted(problems, key=lambda p: (p.file, p.line, p.column))


def _bank_files(path: Path) -> tuple[list[Path], list[Problem]]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.yaml") if p.is_file())
        if not files:
            return [], [Problem(str(path), 1, 1, "the folder holds no *.yaml bank files")]
        return files, []
    if not path.exists():
        return [], [Problem(str(path), 1, 1, "no such file or folder")]
    return [path], []


def _read_bank_file(path: Path, vocabulary: Vocabulary) -> tuple[list[Question], list[Problem]]:
    root, problems = read_yaml(path)
    if root is None:
        return [], problems
    reader = _BankReader(str(path), vocabulary, problems)
    return reader.read(root), problems


def _duplicate_id_problems(questions: list[Question]) -> list[Problem]:
    first_seen: dict[str, Question] = {}
    problems = []
    for question in questions:
        earlier = first_seen.setdefault(question.id, question)
        if earlier is not question:
            where = question.location
            message = f"duplicate id {question.id!r}: already used at {earlier.location}"
            problems.append(Problem(where.file, where.line, where.column, message))
    return problems


class _BankReader:
    """Walks one file's tree once, building questions and noting problems."""

    def __init__(self, file: str, vocabulary: Vocabulary, problems: list[Problem]) -> None:
        self.file = file
        self.vocabulary = vocabulary
        self.problems = problems

    def read(self, root: Node) -> list[Question]:
        if not isinstance(root, MappingNode):
            self._problem(root, "the top level must be a mapping with 'version' and 'questions'")
            return []
        fields = self._fields(root, TOP_LEVEL_KEYS, "top-level key")
        self._check_version(fields.get("version"), root)
        questions_node = fields.get("questions")
        if questions_node is None:
            self._problem(root, "missing 'questions': a bank lists its questions under 'questions:'")
            return []
        if isinstance(questions_node, ScalarNode) and questions_node.is_null:
            self._problem(questions_node, "'questions' is empty")
            return []
        if not isinstance(questions_node, SequenceNode):
            self._wrong_type(questions_node, "'questions'", "a list of questions")
            return []
        if not questions_node.items:
            self._problem(questions_node, "'questions' is empty")
        return [q for item in questions_node.items if (q := self._question(item)) is not None]

    def _check_version(self, node: Node | None, root: MappingNode) -> None:
        if node is None:
            self._problem(root, f"missing 'version: {SUPPORTED_VERSION}' at the top of the bank")
            return
        if isinstance(node, RefusedNode):
            return
        if not isinstance(node, ScalarNode) or node.value != SUPPORTED_VERSION:
            self._problem(node, f"unsupported bank version; this program reads version {SUPPORTED_VERSION}")

    def _question(self, node: Node) -> Question | None:
        if isinstance(node, RefusedNode):
            return None
        if not isinstance(node, MappingNode):
            self._wrong_type(node, "each question", "a mapping of keys such as 'id' and 'question'")
            return None
        before = len(self.problems)
        fields = self._fields(node, QUESTION_KEYS, "key")
        missing = [key for key in QUESTION_KEYS if key not in fields]
        if missing:
            names = ", ".join(repr(k) for k in missing)
            self._problem(node, f"question{self._id_suffix(fields)} is missing {names}")
        values = {key: self._value(key, value) for key, value in fields.items()}
        # None also stands for an alias, reported once for the whole file: no question either way.
        if len(self.problems) > before or None in values.values():
            return None
        return self._build(values, node)

    def _build(self, values: dict[str, object], node: MappingNode) -> Question:
        text = values.get
        return Question(
            id=str(text("id")),
            level=Level(text("level")),
            type=QuestionType(text("type")),
            question=str(text("question")),
            introduction=str(text("introduction")),
            how_to_answer=tuple(text("how_to_answer")),  # type: ignore[arg-type]
            what_not_to_say=tuple(text("what_not_to_say")),  # type: ignore[arg-type]
            example_answer=str(text("example_answer")),
            skills=self._canonical_skills(text("skills")),  # type: ignore[arg-type]
            location=Location(self.file, node.line, node.column),
        )

    def _canonical_skills(self, skills: list[str]) -> tuple[str, ...]:
        names = (self.vocabulary.canonical_name(skill) or skill for skill in skills)
        return tuple(dict.fromkeys(names))  # alias and canonical name in one list count once

    def _fields(self, node: MappingNode, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
        fields: dict[str, Node] = {}
        lines: dict[str, ScalarNode] = {}
        for key, value in node.pairs:
            if isinstance(key, RefusedNode):
                continue
            if not isinstance(key, ScalarNode):
                self._problem(key, f"a {what} must be plain text")
                continue
            if key.value in lines:
                first = lines[key.value]
                self._problem(key, f"duplicate key {key.value!r} (first at line {first.line})")
                continue
            lines[key.value] = key
            if key.value not in allowed:
                hint = did_you_mean(key.value, list(allowed))
                self._problem(key, f"unknown {what} {key.value!r}{hint}")
                continue
            fields[key.value] = value
        return fields

    def _value(self, key: str, node: Node) -> object:
        if key in _LIST_KEYS:
            return self._text_list(key, node)
        text = self._text(key, node)
        if text is not None:
            self._check_choice(key, node, text)
        return text

    def _check_choice(self, key: str, node: Node, text: str) -> None:
        if key == "id" and not _ID_PATTERN.match(text):
            self._problem(node, f"id {text!r} must be lowercase-kebab, such as 'senior-dicom-routing'")
        choices = _CHOICES.get(key)
        if choices is not None and text not in choices:
            hint = did_you_mean(text, list(choices))
            self._problem(node, f"unknown {key} {text!r}{hint}; choose one of: {', '.join(choices)}")

    def _text(self, key: str, node: Node) -> str | None:
        if isinstance(node, RefusedNode):
            return None
        if not isinstance(node, ScalarNode):
            self._wrong_type(node, repr(key), "text")
            return None
        if node.is_null or not node.value.strip():
            self._problem(node, f"{key!r} is empty")
            return None
        return node.value.strip()

    def _text_list(self, key: str, node: Node) -> list[str] | None:
        if isinstance(node, RefusedNode):
            return None
        if not isinstance(node, SequenceNode):
            self._wrong_type(node, repr(key), "a list of text items (one per line, each starting with '- ')")
            return None
        if not node.items:
            self._problem(node, f"{key!r} is an empty list")
            return None
        items = [self._text(f"{key} item", item) for item in node.items]
        return None if None in items else items  # type: ignore[return-value]

    def _wrong_type(self, node: Node, what: str, expected: str) -> None:
        found = {ScalarNode: "text", SequenceNode: "a list", MappingNode: "a mapping"}.get(type(node), "something else")
        self._problem(node, f"{what} must be {expected}, not {found}")

    @staticmethod
    def _id_suffix(fields: dict[str, Node]) -> str:
        node = fields.get("id")
        return f" {node.value!r}" if isinstance(node, ScalarNode) else ""

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.file, node.line, node.column, message))


@dataclass(frozen=True)
class Filters:
    """Which questions a command works on: OR within an option, AND across options."""

    levels: tuple[Level, ...] = ()
    types: tuple[QuestionType, ...] = ()
    skills: tuple[str, ...] = ()

    def matches(self, question: Question) -> bool:
        return (
            (not self.levels or question.level in self.levels)
            and (not self.types or question.type in self.types)
            and (not self.skills or any(_skill_matches(s, question.skills) for s in self.skills))
        )

    def describe(self) -> str:
        """The filters as the user would type them."""
        parts = [f"--level {v.value}" for v in self.levels]
        parts += [f"--type {v.value}" for v in self.types]
        parts += [f"--skill {s!r}" for s in self.skills]
        return " ".join(parts) or "no filters"

    def to_json(self) -> dict[str, list[str]]:
        return {
            "levels": [v.value for v in self.levels],
            "types": [v.value for v in self.types],
            "skills": list(self.skills),
        }


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


def question_from_json(data: Mapping[str, Any], origin: str) -> Question:
    """Rebuild a question from its JSON form (a session's snapshot of what was asked)."""
    return Question(
        id=str(data["id"]),
        level=Level(data["level"]),
        type=QuestionType(data["type"]),
        question=str(data["question"]),
        introduction=str(data["introduction"]),
        how_to_answer=tuple(data["how_to_answer"]),
        what_not_to_say=tuple(data["what_not_to_say"]),
        example_answer=str(data["example_answer"]),
        skills=tuple(data["skills"]),
        location=Location(origin, 1, 1),
    )


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
