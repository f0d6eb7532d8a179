"""`python -m pacs_interview` and the `pacs-interview` script: Ctrl-C is quiet from the first instruction."""

from __future__ import annotations

import os
import signal


def _quit_quietly(signum: int, frame: object) -> None:
    os._exit(130)  # EXIT_INTERRUPTED, written out: nothing has started yet, not even its module's import


def main() -> None:
    """Run the command line; Ctrl-C while it loads (typer, rich) exits 130 without a traceback."""
    signal.signal(signal.SIGINT, _quit_quietly)
    from pacs_interview.cli import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
