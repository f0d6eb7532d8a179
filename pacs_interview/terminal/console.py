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


# COLUMNS=0 would draw nothing at all, and COLUMNS=1000000000 would pad every line to that width:
# a width below the least is not believed (80, as for a file), one above the most is cut to it.
MIN_COLUMNS, DEFAULT_COLUMNS, MAX_COLUMNS = 20, 80, 1000


def _console(stream: object, plain: bool) -> Console:
    # Text from banks and users is always passed as rich.text.Text; markup and
    # emoji codes are also off at the console level, as a second guard.
    console = Console(
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
    width = min(console.width if console.width >= MIN_COLUMNS else DEFAULT_COLUMNS, MAX_COLUMNS)
    if width != console.width:
        console.size = (width, console.height)  # both, or Rich reads COLUMNS again
    return console
