"""Untrusted text made safe for a terminal, a file, or JSON."""

from __future__ import annotations

import json

import pytest

from pacs_interview.common.safe_text import json_text, show_controls


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain [bold]text[/bold] :heart: <b>", "plain [bold]text[/bold] :heart: <b>"),
        ("line one\r\nline two\ttabbed", "line one\nline two\ttabbed"),
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("lone\rreturn \x7f \x9b", "lone\\x0dreturn \\x7f \\x9b"),
        ("abc\u202edcba \u2066x\u2069", "abc\\u202edcba \\u2066x\\u2069"),
        ("bad byte \udcff", "bad byte \\udcff"),
        ("zero\u200bwidth \u200c\u200d \u200e\u200f", "zero\\u200bwidth \\u200c\\u200d \\u200e\\u200f"),
        (
            "arabic mark \u061c, byte order mark \ufeff, word joiner \u2060",
            "arabic mark \\u061c, byte order mark \\ufeff, word joiner \\u2060",
        ),
    ],
)
def test_show_controls(raw: str, shown: str) -> None:
    assert show_controls(raw) == shown


def test_json_text_keeps_every_string_exact_with_nothing_raw() -> None:
    data = {"answer": "\x1b[31m red \x9b \u202e rtl \udcff \u200b\ufeff and ü 😀"}
    text = json_text(data)
    assert json.loads(text) == data
    assert not any(char in text for char in "\x1b\x9b\u202e\udcff\u200b\ufeff")
    assert "ü 😀" in text


def test_json_text_for_an_ascii_only_output_escapes_everything_else_and_stays_exact() -> None:
    data = {"answer": "café · 😀 \u202e \udcff"}
    text = json_text(data, ascii_only=True)
    assert text.isascii() and json.loads(text) == data
