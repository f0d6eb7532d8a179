"""`validate --strict` on large banks of distinct questions: the near-duplicate check must stay near-linear.

Each bank holds questions worded from a shared stock of everyday interview words
plus a few words of their own, so no two are near-duplicates and every pair shares
some words, as in a real bank. The time per question should stay roughly constant
as the bank grows (a quadratic check makes it grow with the bank).

    python benchmarks/strict_validate.py [--sizes 2000 8000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMON = (
    "how would you handle a the in of to and for your with when what describe explain tell me about time"
    " you PACS system team hospital users images study"
).split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnpqrstvwz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def write_bank(size: int, folder: Path, seed: int = 7) -> Path:
    """A bank of `size` complete questions whose wordings differ from one another."""
    rng = random.Random(seed)
    example = " ".join(["word"] * 100)
    lines = ["version: 1", "questions:"]
    for n in range(size):
        words = rng.sample(COMMON, 6) + [_word(rng) for _ in range(6)]
        rng.shuffle(words)
        lines += [
            f"  - id: question-{n}",
            "    level: mid",
            "    type: technical",
            f"    question: {' '.join(words).capitalize()}?",
            "    introduction: Checks the basics.",
            "    how_to_answer: [One, Two, Three, Four]",
            "    what_not_to_say: [One, Two, Three]",
            f"    example_answer: {example}",
            "    skills: [Communication, Budgeting]",
            "    domain: operations",
            "    follow_ups: [What would you do next?]",
        ]
    path = folder / f"bank-{size}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def time_validate(bank: Path) -> float:
    script = Path(sys.executable).with_name("pacs-interview")
    start = time.perf_counter()
    subprocess.run([str(script), "validate", "--strict", str(bank)], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000], help="bank sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs per size")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        banks = {size: write_bank(size, Path(folder)) for size in arguments.sizes}
        medians = {
            size: statistics.median(time_validate(b) for _ in range(arguments.runs)) for size, b in banks.items()
        }
    print(f"{'questions':>10} {'validate --strict':>18} {'per 1,000':>10}")
    for size, seconds in medians.items():
        print(f"{size:>10} {seconds:>16.2f} s {seconds / size * 1000:>8.2f} s")


if __name__ == "__main__":
    main()
