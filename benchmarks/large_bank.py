"""Large banks: `list --json` on 500, 1,000 and 2,000 questions.

Budget: 2,000 questions in under 1 s, and load time growing linearly (the time
per question roughly constant as the bank grows). The banks are made from the
bundled questions under new ids.

    python benchmarks/large_bank.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pacs_interview.bank import bundled_bank_path

SIZES = (500, 1000, 2000)
BUDGET_SECONDS = 1.0


class _NoAliases(yaml.SafeDumper):
    """Banks refuse aliases, so shared lists are written out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_bank(size: int, folder: Path) -> Path:
    """A bank of `size` questions copied from the bundled one, each with its own id."""
    questions = yaml.safe_load(bundled_bank_path().read_text(encoding="utf-8"))["questions"]
    copies = [
        {**questions[n % len(questions)], "id": f"{questions[n % len(questions)]['id']}-{n}"} for n in range(size)
    ]
    path = folder / f"bank-{size}.yaml"
    text = yaml.dump({"version": 1, "questions": copies}, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def time_list(bank: Path) -> float:
    script = Path(sys.executable).with_name("pacs-interview")
    start = time.perf_counter()
    subprocess.run([str(script), "list", "--json", "--bank", str(bank)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size")
    runs = parser.parse_args().runs
    os.environ.setdefault("PACS_INTERVIEW_HOME", tempfile.mkdtemp())
    with tempfile.TemporaryDirectory() as folder:
        banks = {size: write_bank(size, Path(folder)) for size in SIZES}
        medians = {size: statistics.median(time_list(bank) for _ in range(runs)) for size, bank in banks.items()}
    print(f"{'questions':>10} {'list --json':>12}")
    for size, seconds in medians.items():
        print(f"{size:>10} {seconds * 1000:>9.0f} ms")
    growth = (medians[2000] - medians[1000]) / (medians[1000] - medians[500])
    # Adding 1,000 questions should cost about twice what adding 500 did; more would mean worse than linear.
    print(f"cost of the last 1,000 questions over the cost of 500 before them: {growth:.2f} (linear: 2.00)")
    verdict = "ok" if medians[2000] < BUDGET_SECONDS else "OVER BUDGET"
    print(f"2,000 questions: {medians[2000]:.2f} s  budget < {BUDGET_SECONDS:.0f} s  {verdict}")


if __name__ == "__main__":
    main()
