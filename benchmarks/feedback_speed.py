"""Feedback speed: median time of `analyze` on a 400-word answer and on a 1 MB answer.

Budgets: under 10 ms for 400 words, so feedback shows the moment an answer
is submitted; under 2 s for 1 MB, so a pasted log file never seems to hang
the program. The 400-word answer is built from the bundled
bank's example answers; the 1 MB answer repeats them, with a long run of
unique made-up words mixed in so the stemmer's cache cannot hide the cost.
The first (cold) run of each is printed too: it pays for reading the
glossary and for stemming words never seen before.

    python benchmarks/feedback_speed.py [--runs 21]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from collections.abc import Callable

from pacs_interview.bank import Question, load_bank
from pacs_interview.feedback.analysis import analyze

BUDGET_400_WORDS = 0.010
BUDGET_1_MB = 2.0
ONE_MB = 1_000_000


def _words_from(questions: tuple[Question, ...]) -> list[str]:
    return [word for question in questions for word in question.example_answer.split()]


def answer_of_400_words(questions: tuple[Question, ...]) -> str:
    """400 words of realistic answer text (example answers of other questions, so nothing is pre-stemmed)."""
    return " ".join(_words_from(questions[1:])[:400])


def answer_of_1_mb(questions: tuple[Question, ...]) -> str:
    """About 1 MB: the example answers repeated, one in ten words a unique made-up word."""
    pool = _words_from(questions)
    rng = random.Random(5)
    parts: list[str] = []
    size = 0
    while size < ONE_MB:
        word = pool[len(parts) % len(pool)]
        if len(parts) % 10 == 0:
            word = "".join(rng.choices(string.ascii_lowercase, k=8))
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:ONE_MB]


def _timings(run: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _report(label: str, times: list[float], budget: float) -> bool:
    median = statistics.median(times)
    verdict = "ok" if median < budget else "OVER BUDGET"
    first, middle, limit = times[0] * 1000, median * 1000, budget * 1000
    print(f"{label:<30} first {first:8.1f} ms   median {middle:8.1f} ms   budget {limit:6.0f} ms   {verdict}")
    return median < budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per answer (the 1 MB answer uses a third)")
    arguments = parser.parse_args()
    questions = load_bank().questions
    question = questions[0]
    short, huge = answer_of_400_words(questions), answer_of_1_mb(questions)
    ok = _report("400-word answer", _timings(lambda: analyze(question, short), arguments.runs), BUDGET_400_WORDS)
    runs = max(3, arguments.runs // 3)
    ok &= _report(f"1 MB answer ({len(huge):,} chars)", _timings(lambda: analyze(question, huge), runs), BUDGET_1_MB)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
