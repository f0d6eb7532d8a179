"""A headless Chromium driven over the DevTools protocol on a pipe: open a page, measure it, shoot it.

Debian's own Chromium and the standard library: no browser download, no driver package. The
browser reads commands on file descriptor 3 and answers on 4, each message JSON ended by a NUL.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_LAUNCHER = """
import os, sys
read, write = int(sys.argv[1]), int(sys.argv[2])
os.dup2(read, 3)
os.dup2(write, 4)
os.close(read)
os.close(write)
os.execv(sys.argv[3], sys.argv[3:])
"""
NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 30.0
A4_INCHES = (8.27, 11.69)


def find_chromium() -> str | None:
    """The browser to drive: $CHROMIUM, else the first of NAMES on the PATH."""
    found = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, NAMES)), None)
    return shutil.which(found) if found else None


@dataclass
class Measured:
    """What a page showed at one width."""

    width: int
    client_width: int
    scroll_width: int  # wider than client_width: the page scrolls sideways
    height: int
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, blocked loads
    screenshot: bytes = b""


class Browser:
    """One headless Chromium; `with Browser(path) as browser:` closes it however the test ends."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="pacs-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # A small Python launcher puts the two pipe ends where the browser looks for them (3 and 4),
        # closes the originals and becomes the browser. Both are first raised to 10 and above, so
        # placing one cannot overwrite the other.
        high_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
        high_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _LAUNCHER,
                str(high_read),
                str(high_write),
                executable,
                "--headless",
                "--no-sandbox",  # the tests may run as root, where the sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--mute-audio",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(high_read, high_write),
        )
        for fd in (to_browser_read, from_browser_write, high_read, high_write):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._send("Browser.close")
        except (OSError, TimeoutError, RuntimeError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    # -- the protocol ------------------------------------------------------------------------------

    def _send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def _wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return
            self._events.append(self._receive())
        raise TimeoutError(f"no {method}")

    # -- pages -------------------------------------------------------------------------------------

    def _page(self, width: int, height: int) -> str:
        target = self._send("Target.createTarget", url="about:blank")["targetId"]
        session: str = self._send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self._send(f"{domain}.enable", session)
        # mobile: the page's viewport meta applies, as on a phone.
        self._send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        return session

    def open(self, page: Path, width: int, height: int = 900) -> Measured:
        """Load `page` at `width` CSS pixels; measure its widths, gather its errors, shoot it whole."""
        session = self._page(width, height)
        self._events.clear()
        self._send("Page.navigate", session, url=page.resolve().as_uri())
        self._wait_for("Page.loadEventFired", session)
        sizes = self._evaluate(
            session,
            "JSON.stringify([document.documentElement.clientWidth, document.documentElement.scrollWidth,"
            " document.documentElement.scrollHeight])",
        )
        client, scroll, full_height = json.loads(sizes)
        shot = self._send(
            "Page.captureScreenshot",
            session,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": full_height, "scale": 1},
        )
        errors = [_error_text(event) for event in self._events if _is_error(event, session)]
        return Measured(width, client, scroll, full_height, errors, base64.b64decode(shot["data"]))

    def print_pdf(self, page: Path) -> bytes:
        """`page` printed to PDF on A4, as a browser's print dialog would."""
        session = self._page(800, 900)
        self._send("Page.navigate", session, url=page.resolve().as_uri())
        self._wait_for("Page.loadEventFired", session)
        width, height = A4_INCHES
        printed = self._send("Page.printToPDF", session, paperWidth=width, paperHeight=height, printBackground=True)
        return base64.b64decode(printed["data"])

    def print_layout(self, page: Path, script: str) -> Any:
        """The value of `script` evaluated in `page` laid out for print at the width of an A4 page."""
        session = self._page(720, 1000)  # A4 less 12 mm margins, in CSS pixels
        self._send("Emulation.setEmulatedMedia", session, media="print")
        self._send("Page.navigate", session, url=page.resolve().as_uri())
        self._wait_for("Page.loadEventFired", session)
        return json.loads(self._evaluate(session, script))

    def _evaluate(self, session: str, expression: str) -> str:
        result = self._send("Runtime.evaluate", session, expression=expression, returnByValue=True)
        value: str = result["result"]["value"]
        return value


def _is_error(event: dict[str, Any], session: str) -> bool:
    if event.get("sessionId") != session:
        return False
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        return True
    if method == "Runtime.consoleAPICalled":
        return params.get("type") in ("error", "assert")
    if method == "Log.entryAdded":
        return params.get("entry", {}).get("level") == "error"
    return False


def _error_text(event: dict[str, Any]) -> str:
    params = event.get("params", {})
    if "entry" in params:
        return str(params["entry"].get("text"))
    if "exceptionDetails" in params:
        return str(params["exceptionDetails"].get("text"))
    return json.dumps(params.get("args", []))[:300]


def pdf_page_text(pdf: bytes, page: int) -> str:
    """The text of one page of a PDF (1-based), by Poppler's pdftotext, which .ci/run installs with Chromium."""
    command = ["pdftotext", "-f", str(page), "-l", str(page), "-", "-"]
    return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has: its page objects (`/Type /Page`, not `/Pages`)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
