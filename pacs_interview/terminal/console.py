"""The one place that builds Rich consoles and the theme."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text
from rich.theme import Theme

THEME = Theme(
    {
        "heading": "bold",
        "muted": "dim",
        "good": "green",
        "bad": "red",
        "warn": "yellow",
        "id": "cyan",
        "level": "magenta",
        "error": "bold red",
    }
)


@dataclass(frozen=True)
class Consoles:
    """Data goes to `out` (stdout), chatter and errors to `err` (stderr)."""

    out: Console
    err: Console

    def note(self, line: str) -> None:
        """One line of chatter on stderr, shown as plain text whatever it holds."""
        self.err.print(Text(line))


def make_consoles(plain: bool = False) -> Consoles:
    """Consoles for this process; `plain` writes no escape sequences at all, even to a terminal."""
    return Consoles(out=_console(sys.stdout, plain), err=_console(sys.stderr, plain))


def _console(stream: object, plain: bool) -> Console:
    # Text from banks and users is always passed as rich.text.Text; markup and
    # emoji codes are also off at the console level, as a second guard.
    return Console(
        file=stream,  # type: ignore[arg-type]
        theme=THEME,
        markup=False,
        emoji=False,
        highlight=False,
        safe_box=True,
        soft_wrap=False,
        color_system=None if plain else "auto",
        force_terminal=False if plain else None,
    )
