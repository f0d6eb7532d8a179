"""Startup budget: `pacs-interview list` against the framework's floor.

The floor is a minimal two-command Typer app that prints a Rich table of the
same rows and columns from data held in the script. Both run under the same
interpreter, alternating run by run; the ratio is taken pair by pair and the
median ratio is the figure. Budget: at most 1.3.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alternate import alternate

BUDGET = 1.3

FLOOR_APP = """
import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

ROWS = {rows!r}
app = typer.Typer()


@app.command("list")
def list_rows() -> None:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column(Text("ID\\nlevel · type"), no_wrap=True)
    table.add_column(Text("Question\\nskills"), ratio=1)
    for row in ROWS:
        left = Text(row["id"], style="cyan")
        left.append("\\n" + row["level"] + " · " + row["type"], style="dim")
        right = Text(row["question"])
        right.append("\\n" + ", ".join(row["skills"]), style="dim")
        table.add_row(left, right)
    Console().print(table)


@app.command()
def other() -> None:
    print("other")


app()
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs of runs (at least 9)")
    runs = max(9, parser.parse_args().runs)
    script = Path(sys.executable).with_name("pacs-interview")
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    rows = json.loads(subprocess.run([str(script), "list", "--json"], env=env, capture_output=True, check=True).stdout)
    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "floor_app.py"
        floor.write_text(
            FLOOR_APP.format(rows=[{k: r[k] for k in ("id", "level", "type", "question", "skills")} for r in rows])
        )
        ours_cmd, floor_cmd = [str(script), "list"], [sys.executable, str(floor), "list"]
        timing = alternate(lambda: _timed(ours_cmd, env), lambda: _timed(floor_cmd, env), runs)
    print(f"rows: {len(rows)}  runs: {runs} pairs, alternating")
    print(f"pacs-interview list   median {timing.ours * 1000:7.1f} ms")
    print(f"floor (Typer + Rich)  median {timing.baseline * 1000:7.1f} ms")
    verdict = "ok" if timing.ratio <= BUDGET else "OVER BUDGET"
    print(f"ratio (median of pairwise ratios): {timing.ratio:.2f}  budget <= {BUDGET}  {verdict}")


if __name__ == "__main__":
    main()
