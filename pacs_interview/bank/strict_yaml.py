"""Read untrusted YAML into plain nodes that remember where they came from.

Banks are shared between people, so nothing in a file is ever constructed:
we read the parser's event stream (libyaml's when it is installed) and build
our own small tree. Tags are never resolved, so `!!python/object` cannot run
anything; aliases are never expanded, so an alias bomb costs one error.
Every node carries its line and column for error messages.

PyYAML itself is imported only to parse a file: the node types are plain
tuples, and a command served from the cached bundled bank never needs the parser.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from pacs_interview.common.files import read_regular_file
from pacs_interview.common.safe_text import CONTROL_CHARACTERS

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 16 * 1024 * 1024
# One field's text: a real example answer is under 3,000 characters. Far longer text is a mistake (a
# pasted log) that would take minutes to draw; refused with its size, like a file over the cap.
MAX_TEXT_CHARS = 20_000
MAX_REPORTED_CONTROL_CHARACTERS = 10
# Problems listed for one command; a bank of 90,000 broken questions is summed up, not listed whole.
MAX_LISTED_PROBLEMS = 50
# A carriage return is allowed too: it ends every line of a file saved on Windows.
_CONTROL_CHARACTER = re.compile(f"(?!\r)[{CONTROL_CHARACTERS}]")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class Problem(NamedTuple):
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


def listed(problems: list[Problem]) -> list[str]:
    """A line per problem, the first MAX_LISTED_PROBLEMS of them, then one line counting the rest."""
    lines = [str(problem) for problem in problems[:MAX_LISTED_PROBLEMS]]
    rest = len(problems) - MAX_LISTED_PROBLEMS
    if rest > 0:
        lines.append(f"... and {rest:,} more problem{'s' if rest != 1 else ''}, not listed: fix these first")
    return lines


class ScalarNode(NamedTuple):
    value: str
    line: int
    column: int
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULL_WORDS


class SequenceNode(NamedTuple):
    items: list[Node]
    line: int
    column: int


class MappingNode(NamedTuple):
    pairs: list[tuple[Node, Node]]
    line: int
    column: int


class RefusedNode(NamedTuple):
    """Stands where an alias was: already reported, so validation skips it."""

    line: int
    column: int


Node = ScalarNode | SequenceNode | MappingNode | RefusedNode


class _TreeBuilder:
    """Turns parser events into nodes, noting what a bank may not contain."""

    def __init__(self, file: str, problems: list[Problem], events: ModuleType) -> None:
        self.file = file
        self.problems = problems
        self.events = events  # PyYAML, handed in: this module imports it only to parse
        self.root: Node | None = None
        self.documents = 0
        self._stack: list[SequenceNode | MappingNode] = []
        self._pending_key: list[Node | None] = []
        self._reported_alias = False

    def build(self, next_event: Callable[[], yaml.Event | None]) -> None:
        """Take every event; the common ones (plain scalars, ends of lists and mappings) on a short path.

        A bank of 2,000 questions is some 200,000 events, so the cost per event is the
        loader's speed; anything less common goes through `feed`, which reports what it must.
        """
        stack = self._stack
        control = _CONTROL_CHARACTER.search
        scalar, sequence_end, mapping_end = (
            self.events.ScalarEvent,
            self.events.SequenceEndEvent,
            self.events.MappingEndEvent,
        )
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is sequence_end or kind is mapping_end:
                node = self._close()
            elif (
                kind is scalar
                and event.anchor is None  # type: ignore[attr-defined]
                and event.tag is None  # type: ignore[attr-defined]
                and len(event.value) <= MAX_TEXT_CHARS  # type: ignore[attr-defined]
                and not control(event.value)  # type: ignore[attr-defined]
            ):
                node = self._scalar_node(event)  # type: ignore[arg-type]
            else:
                self.feed(event)
                continue
            if stack:
                self._attach(stack[-1], node)
            elif self.documents == 1:
                self.root = node

    def feed(self, event: yaml.Event) -> None:
        events = self.events
        if isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self._report(event, "a bank holds one YAML document; remove the second '---'")
        elif isinstance(event, events.AliasEvent):
            self._refuse_anchor_or_alias(event)
            self._add(RefusedNode(*self._position(event)))
        elif isinstance(event, events.ScalarEvent):
            self._check_node_event(event)
            self._scalar(event)
        elif isinstance(event, (events.SequenceStartEvent, events.MappingStartEvent)):
            self._check_node_event(event)
            self._open(event, isinstance(event, events.SequenceStartEvent))
        elif isinstance(event, (events.SequenceEndEvent, events.MappingEndEvent)):
            self._add(self._close())

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        control = _CONTROL_CHARACTER.search(event.value)
        if control:  # written as an escape such as "\e", so the file itself looked clean
            code = f"\\x{ord(control.group()):02x}"
            self._report(event, f"control character {code} (written as an escape) is not allowed")
        if len(event.value) > MAX_TEXT_CHARS:
            self._report(event, f"text of {len(event.value):,} characters; a field holds at most {MAX_TEXT_CHARS:,}")
        self._add(self._scalar_node(event))

    def _scalar_node(self, event: yaml.ScalarEvent) -> ScalarNode:
        plain = bool(event.implicit[0]) and event.style in (None, "")
        return ScalarNode(event.value, *self._position(event), plain)

    def _open(self, event: yaml.NodeEvent, sequence: bool) -> None:
        line, column = self._position(event)
        if sequence:
            self._stack.append(SequenceNode([], line, column))
        else:
            self._stack.append(MappingNode([], line, column))
            self._pending_key.append(None)

    def _close(self) -> Node:
        node = self._stack.pop()
        if isinstance(node, MappingNode):
            self._pending_key.pop()
        return node

    def _add(self, node: Node) -> None:
        if not self._stack:
            if self.documents == 1:
                self.root = node
            return
        self._attach(self._stack[-1], node)

    def _attach(self, parent: SequenceNode | MappingNode, node: Node) -> None:
        """An item of a list, or a mapping's key, or the value that completes its pair."""
        if type(parent) is SequenceNode:
            parent.items.append(node)
        elif self._pending_key[-1] is None:
            self._pending_key[-1] = node
        else:
            parent.pairs.append((self._pending_key[-1], node))  # type: ignore[union-attr]
            self._pending_key[-1] = None

    def _check_node_event(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self._refuse_anchor_or_alias(event)
        tag = getattr(event, "tag", None)
        if tag is not None:
            self._report(event, f"tags such as {_short_tag(tag)!r} are not allowed in a bank")

    def _refuse_anchor_or_alias(self, event: yaml.Event) -> None:
        # One error for the first: a file of aliases should not give a million lines.
        if not self._reported_alias:
            self._reported_alias = True
            self._report(event, "anchors and aliases (&name, *name) are not allowed in a bank")

    def _report(self, event: yaml.Event, message: str) -> None:
        self.problems.append(Problem(self.file, *self._position(event), message))

    @staticmethod
    def _position(event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def read_yaml(path: Path, display_name: str | None = None) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML file; return its tree (None if unreadable) and every problem found."""
    name = display_name or str(path)
    text, problems = _read_text(path, name)
    if text is None:
        return None, problems
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a tree; never constructs Python objects from tags."""
    import yaml  # here, not at the top: see the module's docstring

    problems = _control_character_problems(text, name)
    if problems:
        return None, problems  # the parser would stop at the first one anyway
    if not text.strip():
        return None, [Problem(name, 1, 1, "the file is empty")]
    builder = _TreeBuilder(name, problems, yaml)
    # libyaml's parser when PyYAML was built with it; events are taken one by one, never composed.
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        builder.build(parser.get_event)
    except yaml.MarkedYAMLError as error:
        problems.append(Problem(name, *_mark_position(error), f"YAML syntax error: {error.problem}"))
        return None, problems
    except yaml.YAMLError as error:
        problems.append(Problem(name, 1, 1, f"YAML error: {error}"))
        return None, problems
    finally:
        parser.dispose()
    return builder.root, problems


def _mark_position(error: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        data = read_regular_file(path, MAX_FILE_BYTES + 1)  # a FIFO is refused, not waited on
    except OSError as error:
        return None, [Problem(name, 1, 1, f"cannot read the file: {error.strerror or error}")]
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, [Problem(name, 1, 1, f"the file is larger than the {limit} MB limit for a bank")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data[: error.start].decode("utf-8", "replace"), None)
        message = f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded; save the file as UTF-8"
        return None, [Problem(name, line, column, message)]


def _control_character_problems(text: str, name: str) -> list[Problem]:
    matches = list(_CONTROL_CHARACTER.finditer(text))
    if not matches:
        return []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    problems = []
    for match in matches[:MAX_REPORTED_CONTROL_CHARACTERS]:
        line, column = _line_and_column(text, match.start(), line_starts)
        code = f"\\x{ord(match.group()):02x}"
        problems.append(Problem(name, line, column, f"control character {code} is not allowed"))
    if len(matches) > MAX_REPORTED_CONTROL_CHARACTERS:
        more = len(matches) - MAX_REPORTED_CONTROL_CHARACTERS
        last = problems[-1]
        problems.append(Problem(name, last.line, last.column, f"... and {more} more control characters"))
    return problems


def _line_and_column(text: str, offset: int | None, line_starts: list[int] | None = None) -> tuple[int, int]:
    """1-based line and column of `offset` in `text` (the end of it when None)."""
    offset = len(text) if offset is None else offset
    if line_starts is None:
        line_starts = [0] + [m.end() for m in re.finditer("\n", text[:offset])]
    index = bisect_right(line_starts, offset) - 1
    return index + 1, offset - line_starts[index] + 1
