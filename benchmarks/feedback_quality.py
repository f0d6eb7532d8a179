"""Feedback quality: precision and recall of every signal on the labelled corpus.

Runs `analyze` over the dev split, every tests/data/answers/dev*.yaml (the
rules were tuned on them), and the held-out split, every holdout*.yaml (never
looked at while tuning), and prints one table: a column for the whole dev
split, one for each held-out file, and one for the whole held-out split. A
label missing from an answer means the labeller was not sure: it is not scored.
Budget: every signal at least 0.85 precision and recall on the held-out split.

    python benchmarks/feedback_quality.py [--split dev] [--errors]

--split dev scores the dev split alone (a column per dev file and one for the
whole split), for tuning without seeing held-out figures; --errors lists the
dev answers where a signal disagrees with its label, and never lists held-out
answers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pacs_interview.bank import Bank, load_bank
from pacs_interview.feedback.analysis import OWNERSHIP_KINDS, RED_FLAG_KINDS, Feedback, analyze

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "answers"
SPLITS = ("dev", "holdout")
BUDGET = 0.85
STAR_PARTS = ("situation", "task", "action", "result")

Labels = dict[str, object]


@dataclass
class Score:
    """Counts for one signal on one split; each item is one yes/no decision."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, predicted: bool, expected: bool, where: str) -> None:
        self.tp += predicted and expected
        self.fp += predicted and not expected
        self.fn += expected and not predicted
        if predicted != expected:
            self.misses.append(f"{where}: predicted {predicted}, labelled {expected}")

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


# A check yields (predicted, expected, where) for every labelled decision in one answer.
Check = Callable[[Feedback, Labels, str], Iterator[tuple[bool, bool, str]]]
RETIRED = Path(__file__).resolve().parent.parent / "tests" / "data" / "retired_questions.yaml"


def _boolean(path: tuple[str, ...], predict: Callable[[Feedback], bool]) -> Check:
    def check(feedback: Feedback, labels: Labels, where: str) -> Iterator[tuple[bool, bool, str]]:
        value: object = labels
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, bool):
            yield predict(feedback), value, where

    return check


def _ownership(kind: str) -> Check:
    def check(feedback: Feedback, labels: Labels, where: str) -> Iterator[tuple[bool, bool, str]]:
        if "ownership" in labels:
            yield feedback.ownership == kind, labels["ownership"] == kind, f"{where} ({feedback.ownership})"

    return check


def _terms(feedback: Feedback, labels: Labels, where: str) -> Iterator[tuple[bool, bool, str]]:
    expected = labels.get("terms_used")
    if not isinstance(expected, list):
        return
    predicted = set(feedback.terms_used)
    for term in sorted(predicted | set(expected)):
        yield term in predicted, term in expected, f"{where} {term!r}"


def _guidance(feedback: Feedback, labels: Labels, where: str) -> Iterator[tuple[bool, bool, str]]:
    expected = labels.get("guidance")
    if not isinstance(expected, dict):
        return
    for index, covered in expected.items():
        result = feedback.guidance[int(index)]
        yield result.covered, bool(covered), f"{where} point {index} {list(result.evidence)}"


def _flag(kind: str) -> Callable[[Feedback], bool]:
    return lambda feedback: any(flag.kind == kind for flag in feedback.red_flags)


def _star(part: str) -> Callable[[Feedback], bool]:
    return lambda feedback: bool(getattr(feedback.star, part))


CHECKS: dict[str, Check] = {
    **{f"star.{part}": _boolean(("star", part), _star(part)) for part in STAR_PARTS},
    "quantified": _boolean(("quantified",), lambda feedback: feedback.quantified),
    **{f"ownership={kind}": _ownership(kind) for kind in OWNERSHIP_KINDS},
    **{f"red_flag.{kind}": _boolean(("red_flags", kind), _flag(kind)) for kind in RED_FLAG_KINDS},
    "terms_used": _terms,
    "guidance": _guidance,
}


def split_files(split: str) -> list[Path]:
    """The corpus files of one split, first writer first: dev.yaml, dev-2.yaml, ..."""
    return sorted(CORPUS.glob(f"{split}*.yaml"), key=lambda path: (len(path.stem), path.stem))


def score_file(path: Path, bank: Bank) -> dict[str, Score]:
    """Every signal's counts over one corpus file."""
    scores = {name: Score() for name in CHECKS}
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    for item in answers:
        feedback = analyze(bank.get(item["question_id"]), item["answer"])
        for name, check in CHECKS.items():
            for predicted, expected, where in check(feedback, item["labels"], item["id"]):
                scores[name].add(predicted, expected, where)
    return scores


def combined(parts: list[dict[str, Score]]) -> dict[str, Score]:
    """The counts of several files added up, as one split."""
    total = {name: Score() for name in CHECKS}
    for part in parts:
        for name, score in part.items():
            total[name].tp += score.tp
            total[name].fp += score.fp
            total[name].fn += score.fn
            total[name].misses += score.misses
    return total


def columns(split: str, bank: Bank, per_file: bool) -> dict[str, dict[str, Score]]:
    """The split as a whole (named after it), preceded by one column per file when `per_file` and there are several."""
    by_file = {path.stem: score_file(path, bank) for path in split_files(split)}
    if not by_file:
        raise SystemExit(f"error: no {split}*.yaml in {CORPUS}")
    whole = {f"{split} all" if len(by_file) > 1 else split: combined(list(by_file.values()))}
    return {**by_file, **whole} if per_file and len(by_file) > 1 else whole


def _cell(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.2f}"


def _row(name: str, by_split: dict[str, dict[str, Score]]) -> str:
    cells = []
    for split in by_split:
        score = by_split[split][name]
        width = len(split) + 2
        cells.append(f"{_cell(score.precision):>{width}} {_cell(score.recall):>{width}} {score.tp + score.fn:4d}")
    return f"{name:<22}" + "   ".join(cells)


def _failures(scores: dict[str, Score]) -> list[str]:
    low = []
    for name, score in scores.items():
        values = [v for v in (score.precision, score.recall) if v is not None]
        if any(v < BUDGET for v in values):
            low.append(name)
    return low


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="score one split only")
    parser.add_argument("--errors", action="store_true", help="list disagreements on the dev split")
    arguments = parser.parse_args()
    # Answers written for questions since retired are still scored, against their old wording.
    bank = Bank(load_bank().questions + load_bank(RETIRED).questions, "the bundled bank and the retired questions")
    splits = [arguments.split] if arguments.split else list(SPLITS)
    # Per-file columns for the held-out split always; for the dev split only when it is shown alone,
    # which keeps the full table within a wide terminal.
    scored = {split: columns(split, bank, per_file=split == "holdout" or len(splits) == 1) for split in splits}
    table = {name: scores for by_column in scored.values() for name, scores in by_column.items()}
    header = "   ".join(f"{name + ' P':>{len(name) + 2}} {name + ' R':>{len(name) + 2}} {'pos':>4}" for name in table)
    print(f"{'signal':<22}{header}")
    for name in CHECKS:
        print(_row(name, table))
    failures = _failures(list(scored["holdout"].values())[-1]) if "holdout" in scored else []
    if "holdout" in scored:
        verdict = "every signal within budget" if not failures else "below budget: " + ", ".join(failures)
        print(f"\nholdout budget (precision and recall >= {BUDGET}): {verdict}")
    if arguments.errors and "dev" in scored:
        for name, score in list(scored["dev"].values())[-1].items():
            for miss in score.misses:
                print(f"dev {name}: {miss}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
