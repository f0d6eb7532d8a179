"""The one error type for problems the user can fix."""

from __future__ import annotations

from collections.abc import Sequence

# What a shell reports for a program ended by Ctrl-C (SIGINT, 128 + 2); every command exits with it.
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """A problem the user can fix: the CLI prints each line as `error: ...`, exit 1."""

    def __init__(self, *lines: str) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines: Sequence[str] = lines
