"""Time to the first question card: `pacs-interview practice` in a pseudo-terminal.

Measured from launch until "Question 1 of" is on the screen, as a ratio to
`python -c "import typer, rich.console, prompt_toolkit, yaml"` (the libraries'
own import time), alternating run by run; the median of the pairwise ratios.

    python benchmarks/first_card.py [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from alternate import alternate

SCRIPT = str(Path(sys.executable).with_name("pacs-interview"))
IMPORTS = "import typer, rich.console, prompt_toolkit, yaml"


def time_to_first_card(home: str) -> float:
    env = {**os.environ, "TERM": "xterm", "PACS_INTERVIEW_HOME": home}
    start = time.perf_counter()
    child = pexpect.spawn(
        SCRIPT, ["practice", "--no-save", "--count", "1", "--seed", "1"], env=env, dimensions=(50, 100)
    )
    child.expect("Question 1 of", timeout=30)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def time_imports() -> float:
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-c", IMPORTS], dimensions=(50, 100))
    child.expect(pexpect.EOF, timeout=30)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="pairs of runs")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        timing = alternate(lambda: time_to_first_card(home), time_imports, runs)
    print(f"runs: {runs} pairs, alternating")
    print(f"first card on screen   median {timing.ours * 1000:7.1f} ms")
    print(f"imports only           median {timing.baseline * 1000:7.1f} ms")
    print(f"ratio (median of pairwise ratios): {timing.ratio:.2f}")


if __name__ == "__main__":
    main()
