"""Feedback quality: precision and recall of every signal on the labelled corpus.

Runs `analyze` over tests/data/answers/dev.yaml (the rules were tuned on it)
and holdout.yaml (never looked at while tuning) and prints one table. A label
missing from an answer means the labeller was not sure: it is not scored.
Budget: every signal at least 0.85 precision and recall on the held-out split.

    python benchmarks/feedback_quality.py [--split dev] [--errors]

--split dev scores the dev split alone, for tuning without seeing held-out
figures; --errors lists the dev answers where a signal disagrees with its
label, and never lists held-out answers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pacs_interview.bank import Bank, load_bank
from pacs_interview.feedback import OWNERSHIP_KINDS, RED_FLAG_KINDS, Feedback, analyze

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


def score_split(split: str, bank: Bank) -> dict[str, Score]:
    """Every signal's counts over one corpus file."""
    scores = {name: Score() for name in CHECKS}
    answers = yaml.safe_load((CORPUS / f"{split}.yaml").read_text(encoding="utf-8"))["answers"]
    for item in answers:
        feedback = analyze(bank.get(item["question_id"]), item["answer"])
        for name, check in CHECKS.items():
            for predicted, expected, where in check(feedback, item["labels"], item["id"]):
                scores[name].add(predicted, expected, where)
    return scores


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
    bank = load_bank()
    splits = [arguments.split] if arguments.split else list(SPLITS)
    by_split = {split: score_split(split, bank) for split in splits}
    header = "   ".join(
        f"{split + ' P':>{len(split) + 2}} {split + ' R':>{len(split) + 2}} {'pos':>4}" for split in splits
    )
    print(f"{'signal':<22}{header}")
    for name in CHECKS:
        print(_row(name, by_split))
    failures = _failures(by_split["holdout"]) if "holdout" in by_split else []
    if "holdout" in by_split:
        verdict = "every signal within budget" if not failures else "below budget: " + ", ".join(failures)
        print(f"\nholdout budget (precision and recall >= {BUDGET}): {verdict}")
    if arguments.errors and "dev" in by_split:
        for name, score in by_split["dev"].items():
            for miss in score.misses:
                print(f"dev {name}: {miss}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
