"""A long history: `stats --json` on 10,000, 25,000 and 50,000 answers.

Budget: 50,000 answers in under 1 s, and the time growing linearly (each
further answer costing about the same). Each history is two years of sessions
of five questions from the bundled bank, written straight into a history file
of the current schema: every question snapshotted, a rating on most answers,
and feedback of the current shape (with the verdict and form the feedback
reports) made by analysing the bundled example answers and parts of them.

    python benchmarks/stats_scale.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, NamedTuple

from pacs_interview.bank import load_bank
from pacs_interview.feedback.analysis import analyze
from pacs_interview.history.store import Store

SIZES = (10_000, 25_000, 50_000)
BUDGET_SECONDS = 1.0
QUESTIONS_PER_SESSION = 5
DAYS = 730
SETTINGS = {"filters": {}, "count": QUESTIONS_PER_SESSION, "order": "random", "seed": None, "time_limit": 120}


def feedback_pool(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """A few feedback records per question: its example answer whole, and its first half and third."""
    pool: dict[str, list[dict[str, Any]]] = {}
    for question in load_bank(None).questions:
        words = question.example_answer.split()
        records = []
        for part in (words, words[: len(words) // 2], words[: len(words) // 3]):
            feedback = analyze(question, " ".join(part)).to_json()
            # The verdict and form the feedback carries (design.md "Feedback signals").
            feedback.setdefault("form", "story" if question.type.value != "technical" else "explanation")
            feedback.setdefault("relevant", True)
            grade = rng.choice(["strong", "close", "not-yet"])
            feedback.setdefault(
                "verdict", {"grade": grade, "fixes": [{"signal": "result", "advice": "Say how it ended."}]}
            )
            records.append(feedback)
        pool[question.id] = records
    return pool


def build_history(home: Path, answers: int, seed: int = 7, days: int = DAYS) -> None:
    """A history file in `home` holding `answers` answers over the last `days` days."""
    rng = random.Random(seed)
    Store.open(home).close()  # the schema, as the current release makes it
    bank = load_bank(None).questions
    snapshots = {q.id: json.dumps(q.to_json()) for q in bank}
    pool = {qid: [json.dumps(f) for f in records] for qid, records in feedback_pool(rng).items()}
    now = datetime.now(timezone.utc)
    sessions = answers // QUESTIONS_PER_SESSION
    settings = json.dumps({**SETTINGS, "bank": "bundled"})
    db = sqlite3.connect(home / "history.db")
    # Every column by name; a schema that keeps every attempt numbers these the first.
    columns = "session_id, position, question_id, answer, seconds, word_count, skipped, feedback, rating, submitted_at"
    if any(row[1] == "attempt" for row in db.execute("PRAGMA table_info(answers)")):
        columns += ", attempt"
    insert = f"INSERT INTO answers ({columns}) VALUES ({', '.join('?' * len(columns.split(', ')))})"
    with db:
        for number in range(sessions):
            started = now - timedelta(days=days * (sessions - number) / sessions, minutes=30)
            cursor = db.execute(
                "INSERT INTO sessions (started_at, ended_at, status, settings) VALUES (?, ?, 'finished', ?)",
                (started.isoformat(timespec="seconds"), (started + timedelta(minutes=15)).isoformat(), settings),
            )
            session_id = cursor.lastrowid
            chosen = rng.sample(bank, QUESTIONS_PER_SESSION)
            db.executemany(
                "INSERT INTO session_questions VALUES (?, ?, ?, ?)",
                [(session_id, n, q.id, snapshots[q.id]) for n, q in enumerate(chosen)],
            )
            rows = []
            for n, question in enumerate(chosen):
                skipped = rng.random() < 0.05
                submitted = (started + timedelta(minutes=2 * n + 2)).isoformat(timespec="seconds")
                feedback = None if skipped else rng.choice(pool[question.id])
                rating = None if skipped or rng.random() < 0.2 else rng.randint(1, 4)
                text = "" if skipped else "An answer of about two hundred words. " * 30
                rows.append(
                    (
                        session_id,
                        n,
                        question.id,
                        text,
                        95.0,
                        0 if skipped else 210,
                        skipped,
                        feedback,
                        rating,
                        submitted,
                    )
                )
            numbered = [(*row, 1) for row in rows] if columns.endswith("attempt") else rows
            db.executemany(insert, numbered)
    db.close()


class Timed(NamedTuple):
    wall: float
    cpu: float  # user and system time of the process: what a busy machine changes least


def time_command(home: Path, *args: str) -> Timed:
    """Wall and CPU time of one `pacs-interview` run with the history in `home`."""
    script = Path(sys.executable).with_name("pacs-interview")
    environment = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(script), *args], stdout=subprocess.DEVNULL, check=True, env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timed(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        homes = {}
        for size in SIZES:
            homes[size] = Path(folder) / str(size)
            build_history(homes[size], size)
        # The sizes take turns, so a machine that gets busier during the run slows them all alike.
        times: dict[int, list[Timed]] = {size: [] for size in SIZES}
        floor = []
        for _ in range(runs):
            floor.append(time_command(homes[SIZES[0]], "list", "--json"))
            for size, home in homes.items():
                times[size].append(time_command(home, "stats", "--json"))
        medians = {size: statistics.median(t.wall for t in values) for size, values in times.items()}
        cpu = {size: statistics.median(t.cpu for t in values) for size, values in times.items()}
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    floor_wall, floor_cpu = (statistics.median(t.wall for t in floor), statistics.median(t.cpu for t in floor))
    floor_text = f"{floor_wall * 1000:.0f} ms wall, {floor_cpu * 1000:.0f} ms CPU"
    print(f"start-up floor (`list --json`, no history read): {floor_text}")
    print(f"{'answers':>8} {'stats --json':>13} {'CPU':>8}")
    for size, seconds in medians.items():
        print(f"{size:>8} {seconds * 1000:>10.0f} ms {cpu[size] * 1000:>5.0f} ms")
    first, middle, last = SIZES
    growth = (medians[last] - medians[middle]) / (medians[middle] - medians[first])
    expected = (last - middle) / (middle - first)
    # Linear: the last 25,000 answers cost about 25/15 of what the 15,000 before them did.
    print(
        f"cost of the last {last - middle:,} answers over the {middle - first:,} before them: {growth:.2f}"
        f" (linear: {expected:.2f})"
    )
    verdict = "ok" if medians[last] < BUDGET_SECONDS else "OVER BUDGET"
    print(f"{last:,} answers: {medians[last]:.2f} s  budget < {BUDGET_SECONDS:.0f} s  {verdict}")


if __name__ == "__main__":
    main()
