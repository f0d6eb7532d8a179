"""Session transcripts: one module per format behind one small interface. No terminal here."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pacs_interview.session.records import SessionRecord
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter


class Formatter(Protocol):
    """Turns a stored session into the text of one file format."""

    suffix: str  # the usual file-name ending, such as `.md`

    # A Protocol's signature: each formatter's own default applies, so mutating this one changes nothing.
    def render(self, session: SessionRecord, *, examples: bool = True) -> str:  # pragma: no mutate
        """The transcript; without `examples`, the bank's guidance and example answers are left out."""
        ...


FORMATS: dict[str, Formatter] = {
    "md": MarkdownFormatter(),
    "json": JsonFormatter(),
    "html": HtmlFormatter(),
}
DEFAULT_FORMAT = "md"
_OTHER_SUFFIXES = {".markdown": "md", ".htm": "html"}


def chosen_format(name: str | None, output: Path | None) -> Formatter:
    """The formatter asked for by name (`--format`), else by the output file's name, else Markdown."""
    return FORMATS[name or format_for(output)]


def format_for(path: Path | None) -> str:
    """The format an output file's name asks for (`notes.html` is HTML), else Markdown."""
    return format_named_by(path) or DEFAULT_FORMAT


def format_named_by(path: Path | None) -> str | None:
    """The format a file name's ending stands for (`.htm` is html), or None for any other name."""
    if path is None:
        return None
    by_suffix = {formatter.suffix: name for name, formatter in FORMATS.items()} | _OTHER_SUFFIXES
    return by_suffix.get(path.suffix.lower())
