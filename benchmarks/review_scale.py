"""The review queue at scale: `due --json` and `practice --due` (to the first card) on long histories.

Builds histories of 10,000, 25,000 and 50,000 answers spread over two years (five
questions a session, from the bundled bank, rated, inferred and skipped in a fixed
random mix), with their review cards, then times each command. Budget: under 1 s
each at 50,000 answers, and growing no faster than linearly.

    python benchmarks/review_scale.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect

from pacs_interview.bank import load_bank
from pacs_interview.history.card_rows import fill_cards
from pacs_interview.history.store import Store
from pacs_interview.session.records import SessionSettings, SessionStatus

SIZES = (10_000, 25_000, 50_000)
PER_SESSION = 5
BUDGET_SECONDS = 1.0
SCRIPT = str(Path(sys.executable).with_name("pacs-interview"))
FEEDBACK = [
    json.dumps({"red_flags": [], "verdict": {"grade": "strong"}}),
    json.dumps({"red_flags": [{"kind": "blame", "phrase": "they"}]}),
    json.dumps({"red_flags": []}),
]


def build_history(home: Path, answers: int) -> None:
    """A history of `answers` answers over the two years before now, with the cards they make."""
    questions = [q.to_json() for q in load_bank(None).questions]
    randomness = random.Random(answers)
    start = datetime.now(timezone.utc) - timedelta(days=730)
    sessions = answers // PER_SESSION
    settings = json.dumps(asdict(SessionSettings({}, PER_SESSION, "random", 1, 120, "bundled")))
    with Store.open(home) as store:
        db = store._db  # bulk rows straight in: building through the Recorder would take minutes
        db.execute("BEGIN")
        for n in range(sessions):
            when = start + timedelta(days=730 * n / sessions)
            db.execute(
                "INSERT INTO sessions (id, started_at, ended_at, status, settings) VALUES (?, ?, ?, ?, ?)",
                (n + 1, when.isoformat(), when.isoformat(), SessionStatus.finished.value, settings),
            )
            for position, question in enumerate(randomness.sample(questions, PER_SESSION)):
                db.execute(
                    "INSERT INTO session_questions VALUES (?, ?, ?, ?)",
                    (n + 1, position, question["id"], json.dumps(question)),
                )
                skipped = randomness.random() < 0.05
                rating = None if skipped or randomness.random() < 0.3 else randomness.randint(1, 4)
                db.execute(
                    """INSERT INTO answers (session_id, position, attempt, question_id, answer, seconds, word_count,
                           skipped, feedback, rating, submitted_at)
                       VALUES (?, ?, 1, ?, ?, 60.0, 120, ?, ?, ?, ?)""",
                    (
                        n + 1,
                        position,
                        question["id"],
                        "" if skipped else "An answer of some length. " * 20,
                        skipped,
                        None if skipped else randomness.choice(FEEDBACK),
                        rating,
                        (when + timedelta(minutes=position * 3)).isoformat(timespec="seconds"),
                    ),
                )
        fill_cards(db)
        db.execute("COMMIT")


def time_due(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([SCRIPT, "due", "--json"], env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def time_practice_due(env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(SCRIPT, ["practice", "--due", "--no-save", "--count", "3"], env=env, dimensions=(50, 100))
    child.expect("Question 1 of", timeout=30)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size and command")
    runs = parser.parse_args().runs
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            home = Path(folder) / str(size)
            build_history(home, size)
            env = {**os.environ, "PACS_INTERVIEW_HOME": str(home), "TERM": "xterm"}
            time_due(env), time_practice_due(env)  # warm the file cache
            due = statistics.median(time_due(env) for _ in range(runs))
            practice = statistics.median(time_practice_due(env) for _ in range(runs))
            results[size] = (due, practice)
    print(f"{'answers':>8} {'due --json':>11} {'practice --due':>15}")
    for size, (due, practice) in results.items():
        print(f"{size:>8} {due * 1000:>8.0f} ms {practice * 1000:>12.0f} ms")
    for index, name in enumerate(("due --json", "practice --due")):
        small, large = results[SIZES[0]][index], results[SIZES[-1]][index]
        verdict = "ok" if large < BUDGET_SECONDS else "OVER BUDGET"
        print(f"{name}: {large:.2f} s at 50,000 answers, budget < {BUDGET_SECONDS:.0f} s  {verdict}")
        # Five times the answers: linear growth would take up to five times as long (start-up costs make it less).
        print(f"  50,000 over 10,000 answers: {large / small:.2f}x the time (linear: at most 5.00x)")


if __name__ == "__main__":
    main()
