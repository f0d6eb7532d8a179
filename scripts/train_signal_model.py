"""Fit the learned sentence scorers on the dev answers and write data/signal_model.json.

    python scripts/train_signal_model.py           # fit on every dev*.yaml, write the model
    python scripts/train_signal_model.py --check   # leave one writer out; write nothing

Each scorer is a logistic model over one sentence's features
(signal_model.sentence_features); an answer scores what its best sentence
scores, so a positive answer teaches the model from the sentence that looks
most like the signal and a negative answer from its most misleading one.
Fitting is plain stochastic gradient descent in a fixed order from a fixed
seed, so the same dev files always give the same weights; a test refits and
compares with the shipped file.

--check fits on every dev writer but one and scores the one left out, a
writer at a time, for each threshold, so the figures say how a scorer does
on a speaker it was not fitted to. Held-out files are never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from pacs_interview.feedback.analysis import clean_text
from pacs_interview.feedback.signal_model import Scorer, parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "answers"
MODEL = ROOT / "data" / "signal_model.json"

# Each learned signal: where its label sits in the corpus, and the score above which it is raised.
# Situation, task and result: the scorer adds to its rule (analyze finds the part when either does); each
# threshold keeps the scorer's own guesses right 86 to 93 times in 100 on writers it was not fitted to
# (--check), chosen among such by comparing rules alone with rules and scorer on held-out files 1 to 5
# (tests/data/answers/README.md says what that leaves untouched).
# Blame and deflection: a flag is asserted only on evidence right at least nine times in ten on writers the
# evidence was not written for (README.md "What is asserted and what is asked"). The scorers' part there
# is agreement: a phrase rule whose sentence scorer also scores above zero (even odds) is asserted, where
# the rule alone is only asked about. The blame scorer is never read on its own: on the two writers added
# last it raised four false flags and not one the rules had missed. The deflection scorer alone (above
# 0.5) is asked about, never asserted.
SIGNALS: dict[str, tuple[tuple[str, str], float]] = {
    "situation": (("star", "situation"), 0.5),
    "task": (("star", "task"), 0.0),
    "result": (("star", "result"), 1.0),
    "deflection": (("red_flags", "deflection"), 0.5),
    "blame": (("red_flags", "blame"), 0.0),
}
CHECK_THRESHOLDS = (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0)


@dataclass(frozen=True)
class Settings:
    """How hard to fit: passes, step size, weight decay, and the smallest weight worth shipping."""

    epochs: int = 20
    rate: float = 0.2
    decay: float = 0.002
    prune: float = 0.02
    seed: int = 7
    positive_weight: float = 1.0


@dataclass(frozen=True)
class Example:
    """One labelled dev answer: its file (one writer each), its sentences' features, and its labels."""

    file: str
    sentences: tuple[tuple[str, ...], ...]
    labels: dict[str, bool]


def dev_files() -> list[Path]:
    """The dev split, one file per writer. Held-out files are never opened here."""
    return sorted(CORPUS.glob("dev*.yaml"), key=lambda path: (len(path.stem), path.stem))


def load_examples(path: Path) -> list[Example]:
    examples = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]:
        labels = {}
        for signal, ((group, key), _) in SIGNALS.items():
            value = item["labels"].get(group, {}).get(key)
            if isinstance(value, bool):
                labels[signal] = value
        features = tuple(features for _, features in parse(clean_text(item["answer"])))
        examples.append(Example(path.stem, features, labels))
    return examples


def fit(examples: list[Example], signal: str, settings: Settings) -> Scorer:
    """One signal's scorer, fitted to the examples that carry its label."""
    data = [(example.sentences, example.labels[signal]) for example in examples if signal in example.labels]
    data = [(sentences, label) for sentences, label in data if sentences]
    weights: dict[str, float] = defaultdict(float)
    bias = 0.0
    rng = random.Random(settings.seed)
    for epoch in range(settings.epochs):
        rng.shuffle(data)
        step = settings.rate / (1 + epoch / 5)
        for sentences, label in data:
            scores = [bias + sum(weights[feature] for feature in features) for features in sentences]
            best = max(range(len(sentences)), key=scores.__getitem__)
            error = (_sigmoid(scores[best]) - label) * (settings.positive_weight if label else 1.0)
            for feature in sentences[best]:
                weights[feature] -= step * (error + settings.decay * weights[feature])
            bias -= step * error
    kept = {feature: round(weight, 4) for feature, weight in sorted(weights.items()) if abs(weight) >= settings.prune}
    return Scorer(kept, round(bias, 4), SIGNALS[signal][1])


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, value))))


def fit_all(examples: list[Example], settings: Settings) -> dict[str, Scorer]:
    return {signal: fit(examples, signal, settings) for signal in SIGNALS}


def model_json(scorers: dict[str, Scorer]) -> str:
    """The model file: stable key order and rounded weights, so a refit gives the same bytes."""
    signals = {
        name: {"threshold": scorer.threshold, "bias": scorer.bias, "weights": dict(scorer.weights)}
        for name, scorer in scorers.items()
    }
    document = {
        "about": "Learned sentence scorers for pacs-interview feedback, written by scripts/train_signal_model.py "
        "from tests/data/answers/dev*.yaml. Do not edit by hand: refit.",
        "signals": signals,
    }
    return json.dumps(document, indent=0, ensure_ascii=False) + "\n"


def best_score(scorer: Scorer, example: Example) -> float:
    return max(scorer.score(features) for features in example.sentences)


def check(examples: list[Example], settings: Settings) -> None:
    """Leave one writer out: fit on the others, score the one left out; pooled precision and recall per threshold."""
    files = sorted({example.file for example in examples}, key=lambda name: (len(name), name))
    counts = {signal: {threshold: [0, 0, 0] for threshold in CHECK_THRESHOLDS} for signal in SIGNALS}
    for left_out in files:
        scorers = fit_all([example for example in examples if example.file != left_out], settings)
        for example in examples:
            if example.file != left_out or not example.sentences:
                continue
            for signal, scorer in scorers.items():
                if signal not in example.labels:
                    continue
                expected, value = example.labels[signal], best_score(scorer, example)
                for threshold, tally in counts[signal].items():
                    predicted = value > threshold
                    tally[0] += predicted and expected
                    tally[1] += predicted and not expected
                    tally[2] += expected and not predicted
    print("leave one writer out, scorer alone: threshold precision/recall")
    for signal, by_threshold in counts.items():
        cells = [
            f"{threshold:+.1f} {_ratio(tp, tp + fp)}/{_ratio(tp, tp + fn)}"
            for threshold, (tp, fp, fn) in by_threshold.items()
        ]
        print(f"{signal:<11} " + "   ".join(cells))


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else " n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave-one-writer-out figures; write nothing")
    parser.add_argument("--positive-weight", type=float, default=1.0, help="weight of a positive answer's error")
    arguments = parser.parse_args()
    settings = Settings(positive_weight=arguments.positive_weight)
    examples = [example for path in dev_files() for example in load_examples(path)]
    if arguments.check:
        check(examples, settings)
        return 0
    MODEL.write_text(model_json(fit_all(examples, settings)), encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)} from {len(examples)} dev answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
