"""The YAML reader: positions, refusals, and safety against hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacs_interview.bank import strict_yaml
from pacs_interview.bank.strict_yaml import MappingNode, ScalarNode, SequenceNode, parse_yaml, read_yaml


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_yaml(text, "b.yaml")[1]]


def test_builds_a_tree_with_one_based_positions() -> None:
    root, problems = parse_yaml("a: 1\nb:\n  - x\n  - 'y'\n", "b.yaml")
    assert problems == []
    assert isinstance(root, MappingNode)
    (key_a, value_a), (key_b, value_b) = root.pairs
    assert (key_a.line, key_a.column) == (1, 1)
    assert isinstance(value_a, ScalarNode) and value_a.value == "1" and value_a.plain
    assert isinstance(value_b, SequenceNode)
    quoted = value_b.items[1]
    assert isinstance(quoted, ScalarNode) and (quoted.line, quoted.column, quoted.plain) == (4, 5, False)


def test_syntax_error_names_its_line() -> None:
    assert messages("a: [1, 2\nb: 3\n") == [
        "b.yaml:2:2: YAML syntax error: did not find expected ',' or ']'",
    ]


def test_anchors_and_aliases_give_one_error_at_the_first() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    assert messages(bomb) == ["b.yaml:1:4: anchors and aliases (&name, *name) are not allowed in a bank"]


def test_tags_are_refused_and_never_constructed() -> None:
    hostile = "a: !!python/object/apply:os.system ['touch /tmp/pwned-by-bank']\n"
    assert messages(hostile) == ["b.yaml:1:4: tags such as '!!python/object/apply:os.system' are not allowed in a bank"]


def test_every_control_character_is_reported_with_its_position() -> None:
    assert messages("a: b\x07c\nd: \x1b[31m\n") == [
        "b.yaml:1:5: control character \\x07 is not allowed",
        "b.yaml:2:4: control character \\x1b is not allowed",
    ]


def test_tab_newline_and_carriage_return_are_allowed() -> None:
    assert messages("a: 'x\ty'\r\nb: c\n") == []


def test_many_control_characters_are_summarised() -> None:
    found = messages("a: '" + "\x01" * 25 + "'\n")
    assert found[:2] == [
        "b.yaml:1:5: control character \\x01 is not allowed",
        "b.yaml:1:6: control character \\x01 is not allowed",
    ]
    assert len(found) == 11  # ten named, then one line for the rest
    assert found[-1] == "b.yaml:1:14: ... and 15 more control characters"


def test_empty_file() -> None:
    assert messages("  \n\n") == ["b.yaml:1:1: the file is empty"]


def test_second_document_is_refused() -> None:
    assert messages("a: 1\n---\nb: 2\n") == ["b.yaml:2:1: a bank holds one YAML document; remove the second '---'"]


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"a: caf" + b"\xe9\nb: 2\n")
    assert [str(p) for p in read_yaml(path, "latin.yaml")[1]] == [
        "latin.yaml:1:7: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"
    ]


def test_size_cap_is_checked_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strict_yaml, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 20)
    assert [str(p) for p in read_yaml(path, "big.yaml")[1]] == [
        "big.yaml:1:1: the file is larger than the 0 MB limit for a bank"
    ]


def test_unreadable_path(tmp_path: Path) -> None:
    assert [str(p) for p in read_yaml(tmp_path, "dir")[1]] == [
        "dir:1:1: cannot read the file: it is a folder, not a regular file"
    ]


def test_control_characters_written_as_yaml_escapes_are_refused_too() -> None:
    assert messages('a: "title \\e]0;pwned\\a"\nb: "\\u009b31m"\nc: "tab\\tand\\nnewline"\n') == [
        "b.yaml:1:4: control character \\x1b (written as an escape) is not allowed",
        "b.yaml:2:4: control character \\x9b (written as an escape) is not allowed",
    ]
