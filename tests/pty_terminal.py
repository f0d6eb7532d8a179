"""A real pseudo-terminal with a screen: pexpect runs the program, pyte draws what it prints.

prompt-toolkit asks the terminal where the cursor is; pyte answers as a real
terminal would, so the editor starts at once and draws its toolbar.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pyte

SCRIPT = str(Path(sys.executable).with_name("pacs-interview"))


class Terminal:
    def __init__(self, args: list[str], home: Path, columns: int = 100, rows: int = 60) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.transcript = b""
        env = {**os.environ, "TERM": "xterm-256color", "PACS_INTERVIEW_HOME": str(home), "NO_COLOR": "1"}
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        self.child = pexpect.spawn(SCRIPT, args, env=env, dimensions=(rows, columns))
        self.screen.write_process_input = self._reply  # type: ignore[method-assign]

    def _reply(self, data: str) -> None:
        self.child.send(data)

    def _pump(self, timeout: float) -> None:
        try:
            chunk = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            raise
        self.transcript += chunk
        self.stream.feed(chunk)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        """Read until `needle` is on the screen; fail with the screen if it never shows."""
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text}")
            try:
                self._pump(0.1)
            except pexpect.EOF:
                if needle not in self.text:
                    raise AssertionError(f"program ended before {needle!r}; the screen:\n{self.text}") from None
        return self.text

    def wait_for_output(self, needle: str, after: str = "", timeout: float = 15.0) -> None:
        """Read until `needle` has been printed (after `after`), even if it has scrolled off the screen since."""
        deadline = time.monotonic() + timeout
        while needle.encode() not in self.transcript[self.transcript.find(after.encode()) :] or (
            after.encode() not in self.transcript
        ):
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} was never printed; the screen:\n{self.text}")
            self._pump(0.1)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, timeout: float = 15.0) -> int:
        """Drain the output until the program exits; its exit code. A program still running at the deadline
        is killed and the test fails with its screen, rather than waiting on it for ever."""
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            try:
                self._pump(0.1)
            except pexpect.EOF:
                break
        if self.child.isalive():
            screen = self.text
            self.child.kill(signal.SIGKILL)
            self.child.wait()
            raise AssertionError(f"the program was still running after {timeout:.0f} s; the screen:\n{screen}")
        self.child.wait()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0))
