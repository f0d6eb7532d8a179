"""Mutation testing: how many small changes to the code the fast suite notices.

mutmut makes one-line changes ("mutants") to the modules listed under [tool.mutmut] in pyproject.toml
(escaping, transcripts, the history store, the plain input reader, the verdict), and runs the fast
suite's tests that reach each changed function. A mutant the tests notice is killed; one they miss
survived, and shows a test that cannot fail where it should. Goal: at least 90% killed per module.

    python benchmarks/mutation.py                      # every mutant (about 25 minutes on 2 cores)
    python benchmarks/mutation.py "pacs_interview.history.*"   # a bounded set: mutant names, globs allowed
    python benchmarks/mutation.py --report             # the figures of the last run, without running
    mutmut show NAME                                   # what a surviving mutant changed

Results are kept in mutants/ (ignored by git); a later run tests only functions changed since, with
the tests found again to reach them (a minute's test run). A mutant of an unchanged function keeps its
old result even if a new test would kill it: delete mutants/ for figures that count every test anew.
Some survivors are equivalent mutants, changes that cannot alter behaviour (`code < 0x100` made
`code <= 0x100` where no character between them is ever escaped); they count against the rate.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.90
# mutmut's names: module, then x_function or xǁClassǁmethod, then __mutmut_N.
_NAME = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+)\.x[_ǁ]\S+__mutmut_\d+): (?P<status>.+)$")
# Statuses that say a test failed on the mutant; "not checked" and "skipped" were never run.
_KILLED = {"killed", "timeout", "caught by type check", "segfault"}
_NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}


def mutmut(*args: str, log: Path | None = None) -> str:
    command = [str(Path(sys.executable).with_name("mutmut")), *args]
    if log is None:
        return subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    with log.open("w", encoding="utf-8") as output:  # the progress line redraws itself thousands of times
        finished = subprocess.run(command, cwd=ROOT, check=False, stdout=output, stderr=subprocess.STDOUT)
    if finished.returncode != 0:
        sys.exit(f"mutmut failed (exit code {finished.returncode}); its output is in {log.relative_to(ROOT)}")
    return ""


def statuses() -> dict[str, dict[str, str]]:
    """Each module's mutants with their status, from mutmut's saved results."""
    by_module: dict[str, dict[str, str]] = defaultdict(dict)
    for line in mutmut("results", "--all", "true").splitlines():
        match = _NAME.match(line)
        if match:
            by_module[match["module"]][match["name"]] = match["status"]
    return dict(sorted(by_module.items()))


def _outcome(status: str) -> str:
    return "killed" if status in _KILLED else "not run" if status in _NOT_RUN else "missed"


def report(by_module: dict[str, dict[str, str]], patterns: list[str], show_survivors: bool) -> bool:
    """Print the kill rate per module and in all; whether every module reaches the goal."""
    print(f"mutants run: {' '.join(patterns) if patterns else 'all'} (modules under [tool.mutmut] only_mutate)")
    print(f"{'module':<44} {'mutants':>7} {'killed':>7} {'missed':>7} {'rate':>7}")
    total: Counter[str] = Counter()
    all_met = True
    for module, mutants in by_module.items():
        counts = Counter(_outcome(status) for status in mutants.values())
        total += counts
        tested = counts["killed"] + counts["missed"]
        if not tested:
            continue
        rate = counts["killed"] / tested
        all_met &= rate >= GOAL
        print(f"{module:<44} {tested:>7} {counts['killed']:>7} {counts['missed']:>7} {rate:>6.1%}")
    tested = total["killed"] + total["missed"]
    if tested:
        print(f"{'all':<44} {tested:>7} {total['killed']:>7} {total['missed']:>7} {total['killed'] / tested:>6.1%}")
    print(f"goal: {GOAL:.0%} killed in every module: {'met' if all_met else 'NOT MET'}")
    if show_survivors:
        for mutants in by_module.values():
            for name, status in mutants.items():
                if _outcome(status) == "missed":
                    print(f"  {status}: {name}")
    return all_met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="mutant names to run, such as 'pacs_interview.history.*'")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--report", action="store_true", help="only print the figures of the last run")
    parser.add_argument("--survivors", action="store_true", help="also list every mutant the tests missed")
    options = parser.parse_args()
    if not options.report:
        (ROOT / "mutants").mkdir(exist_ok=True)
        # mutmut keeps which tests reach each function from its first run and tests a mutant with those
        # alone: a changed function's mutants would miss the tests written since.
        (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        log = ROOT / "mutants" / "run.log"
        print(f"running mutmut; progress in {log.relative_to(ROOT)}", file=sys.stderr)
        mutmut("run", "--max-children", str(options.jobs), *options.patterns, log=log)
    by_module = statuses()
    if options.patterns:
        wanted = [re.compile(_glob(pattern)) for pattern in options.patterns]
        by_module = {
            module: {name: status for name, status in mutants.items() if any(w.match(name) for w in wanted)}
            for module, mutants in by_module.items()
        }
    report(by_module, options.patterns, options.survivors)


def _glob(pattern: str) -> str:
    return "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"


if __name__ == "__main__":
    main()
