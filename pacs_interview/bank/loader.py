"""The strict bank loader: YAML files in, questions and every problem out.

Validation turns the YAML tree into frozen dataclasses once, at the edge; the
rest of the program never sees raw YAML. Every problem is collected, not only
the first, and each node is visited once, so a hostile file cannot make it slow.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from pacs_interview.bank import cache
from pacs_interview.bank.model import (
    DOMAINS,
    REGIONS,
    Bank,
    BankError,
    Level,
    Location,
    Question,
    QuestionType,
    did_you_mean,
)
from pacs_interview.bank.strict_yaml import MappingNode, Node, Problem, RefusedNode, ScalarNode, SequenceNode, read_yaml
from pacs_interview.bank.vocabulary import Vocabulary, skill_vocabulary
from pacs_interview.common.files import not_a_file
from pacs_interview.common.resources import data_file

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
# A custom bank may leave these out; the bundled bank has domain and follow_ups on every question.
OPTIONAL_KEYS = ("domain", "follow_ups", "region")
POINT_KEYS = ("point", "look_for")
MAX_FOLLOW_UPS = 3
TOP_LEVEL_KEYS = ("version", "questions")
SUPPORTED_VERSION = "1"
_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LIST_KEYS = frozenset({"what_not_to_say", "skills", "follow_ups", "region"})
_CHOICES = {
    "level": tuple(Level.__members__),
    "type": tuple(QuestionType.__members__),
    "domain": DOMAINS,
    "region": REGIONS,
}


def bundled_bank_path() -> Path:
    return data_file("questions.yaml")


def load_bank(path: Path | None = None, vocabulary: Vocabulary | None = None) -> Bank:
    """Load a bank file or folder (the bundled bank when None); raise BankError listing every problem."""
    target = path or bundled_bank_path()
    if vocabulary is None:
        questions = _cached_or_checked(target)
    else:
        questions, problems = read_bank(target, vocabulary)
        if problems:
            raise BankError(problems)
    return Bank(tuple(questions), str(path or "the bundled bank"))


def _cached_or_checked(target: Path) -> list[Question]:
    """The bank from the cache when it holds these very files, else checked and then cached."""
    files, missing = _bank_files(target)
    cache_key = None if missing else cache.key([*files, data_file("skills.yaml")])
    questions = cache.load(target, cache_key) if cache_key else None
    if questions is None:
        questions, problems = read_bank(target)
        if problems:
            raise BankError(problems)
        if cache_key:
            cache.store(target, cache_key, questions)
    return questions


def read_bank(path: Path, vocabulary: Vocabulary | None = None) -> tuple[list[Question], list[Problem]]:
    """Every valid question and every problem in a bank file or folder."""
    vocabulary = vocabulary or skill_vocabulary()
    files, problems = _bank_files(path)
    questions: list[Question] = []
    for file in files:
        with _collector_paused():
            file_questions, file_problems = _read_bank_file(file, vocabulary)
        questions += file_questions
        problems += file_problems
    problems += _duplicate_id_problems(questions)
    return questions, sorted(problems, key=lambda p: (p.file, p.line, p.column))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a file is read.

    Reading a bank makes hundreds of thousands of small tuples and lists, none of
    them in a cycle; the collector would only rescan them again and again, which
    is a third of the time a 2,000-question bank takes to load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bank_files(path: Path) -> tuple[list[Path], list[Problem]]:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return [], [Problem(str(path), 1, 1, "no such file or folder")]
    except OSError as error:  # a symlink loop, a folder it may not enter
        return [], [Problem(str(path), 1, 1, f"cannot read it: {error.strerror or error}")]
    if not stat.S_ISDIR(mode):
        kind = not_a_file(mode)  # a FIFO would block the first read (the cache's checksum) forever
        if kind is not None:
            return [], [Problem(str(path), 1, 1, f"cannot read the file: it is {kind}, not a regular file")]
        return [path], []
    entries = sorted(path.glob("*.yaml"))
    files = [entry for entry in entries if entry.is_file()]
    # Named rather than skipped in silence: a bank missing a file it seems to hold would mislead.
    problems = [_not_a_bank_file(entry) for entry in entries if not entry.is_file()]
    if not entries:
        problems.append(Problem(str(path), 1, 1, "the folder holds no *.yaml bank files"))
    return files, problems


def _not_a_bank_file(entry: Path) -> Problem:
    try:
        kind = not_a_file(os.stat(entry).st_mode) or "something else"
    except OSError as error:  # a link that leads nowhere
        return Problem(str(entry), 1, 1, f"cannot read it: {error.strerror or error}")
    return Problem(str(entry), 1, 1, f"it is {kind}, not a regular file; a bank folder may hold only bank files")


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
        fields = self._fields(node, QUESTION_KEYS + OPTIONAL_KEYS, "key")
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
        points: list[tuple[str, tuple[str, ...]]] = text("how_to_answer")  # type: ignore[assignment]
        return Question(
            id=str(text("id")),
            level=Level(text("level")),
            type=QuestionType(text("type")),
            question=str(text("question")),
            introduction=str(text("introduction")),
            how_to_answer=tuple(point for point, _ in points),
            what_not_to_say=tuple(text("what_not_to_say")),  # type: ignore[arg-type]
            example_answer=str(text("example_answer")),
            skills=self._canonical_skills(text("skills")),  # type: ignore[arg-type]
            location=Location(self.file, node.line, node.column),
            look_for=tuple(cues for _, cues in points) if any(cues for _, cues in points) else (),
            domain=text("domain"),  # type: ignore[arg-type]
            follow_ups=tuple(self._optional_list(values, "follow_ups")),
            region=tuple(dict.fromkeys(self._optional_list(values, "region"))),
        )

    @staticmethod
    def _optional_list(values: dict[str, object], key: str) -> list[str]:
        items = values.get(key)
        return items if isinstance(items, list) else []

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
        if key == "how_to_answer":
            return self._points(node)
        if key in _LIST_KEYS:
            items = self._text_list(key, node)
            if items is not None:
                self._check_list(key, node, items)
            return items
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

    def _check_list(self, key: str, node: Node, items: list[str]) -> None:
        if key == "follow_ups" and len(items) > MAX_FOLLOW_UPS:
            self._problem(node, f"'follow_ups' has {len(items)} items; give at most {MAX_FOLLOW_UPS}")
        if key == "region":
            assert isinstance(node, SequenceNode)  # _text_list returned items, so it was a list
            for item_node, item in zip(node.items, items, strict=True):
                self._check_choice("region", item_node, item)

    def _points(self, node: Node) -> list[tuple[str, tuple[str, ...]]] | None:
        """how_to_answer: each point as text, or as {point: ..., look_for: [...]}."""
        if isinstance(node, RefusedNode):
            return None
        if not isinstance(node, SequenceNode):
            self._wrong_type(node, "'how_to_answer'", "a list of text items (one per line, each starting with '- ')")
            return None
        if not node.items:
            self._problem(node, "'how_to_answer' is an empty list")
            return None
        points = [self._point(item) for item in node.items]
        return None if None in points else points  # type: ignore[return-value]

    def _point(self, node: Node) -> tuple[str, tuple[str, ...]] | None:
        if not isinstance(node, MappingNode):
            text = self._text("how_to_answer item", node)
            return None if text is None else (text, ())
        fields = self._fields(node, POINT_KEYS, "how_to_answer key")
        if "point" not in fields:
            self._problem(node, "a how_to_answer mapping needs 'point' (and may give 'look_for')")
            return None
        point = self._text("point", fields["point"])
        cues = self._text_list("look_for", fields["look_for"]) if "look_for" in fields else []
        if point is None or cues is None:
            return None
        return point, tuple(cues)

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
