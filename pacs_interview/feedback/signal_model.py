"""Learned sentence scorers that back up the phrase rules where wording varies most.

The phrase rules (answer_rules, flag_rules) are precise, but they only know
the wordings someone wrote down, and each new speaker finds new ones. Each
scorer here is a linear model over one sentence's word stems, the pairs of
neighbouring stems, and whether the sentence opens or closes the answer. An
answer's score for a signal is its best sentence's score; above the signal's
threshold, the signal is raised and that sentence is the evidence quoted back.
feedback.analyze finds a STAR part when the rule or the scorer does; for blame
and deflection a scorer is read for its agreement with a phrase rule (see
analysis).

The weights are data (data/signal_model.json), fitted by
scripts/train_signal_model.py on the dev answers of the labelled corpus only;
no held-out answer reaches it. Scoring is a dictionary look-up per feature:
deterministic, offline and cheap.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pacs_interview.common.resources import data_file
from pacs_interview.feedback.stemming import stem

MODEL_FILE = "signal_model.json"

# A sentence ends at . ! ? or a line break: bullet lists put one point per line. Unlike the rules'
# sentences (feedback.sentences), a mark ends one even inside "3.5": the shipped weights were fitted on
# sentences cut this way, so changing it means refitting them (scripts/train_signal_model.py).
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# A word, or a possessive "'s" on its own, so "the supplier's job" keeps its possession.
_TOKEN = re.compile(r"'s|[^\W_]+")
# "didn't" and "isn't" become "did not" and "is not": one negation word whatever the verb.
_NEGATION = re.compile(r"n't\b")
_POSSESSIVE = re.compile(r"'s\b")

# Each sentence with its features in sorted order: a score is a sum of floats, and summing in one fixed
# order (not a set's, which changes from run to run) makes every score, and so every verdict, reproducible.
Parsed = list[tuple[str, tuple[str, ...]]]


def sentences(text: str) -> list[str]:
    """The sentences of `text`, trimmed, empty ones dropped."""
    return [found.strip() for found in _SENTENCE.findall(text) if found.strip()]


def tokens(sentence: str) -> list[str]:
    """Stems of the words of one sentence, negations and possessives made words of their own."""
    text = sentence.casefold().replace("\u2019", "'")
    text = _POSSESSIVE.sub(" 's", _NEGATION.sub(" not", text))
    return [word if word == "'s" else stem(word) for word in _TOKEN.findall(text)]


def sentence_features(sentence: str, position: int, count: int) -> tuple[str, ...]:
    """One sentence's features: its stems, its neighbouring pairs, and whether it opens or closes the answer.

    Position matters for stories: the scene is usually set first and the ending told last.
    """
    words = tokens(sentence)
    features = {f"w:{word}" for word in words}
    features.update(f"b:{first}_{second}" for first, second in zip(words, words[1:], strict=False))
    if position == 0:
        features.add("at:first")
    if position == count - 1:
        features.add("at:last")
    return tuple(sorted(features))


def parse(text: str) -> Parsed:
    """Every sentence of an answer with its features."""
    found = sentences(text)
    return [(sentence, sentence_features(sentence, index, len(found))) for index, sentence in enumerate(found)]


@dataclass(frozen=True)
class Scorer:
    """One signal's sentence model: a weight per feature, a bias, and the score that raises the signal."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.0

    def score(self, features: tuple[str, ...]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in features)

    def agrees(self, parsed: Parsed) -> bool:
        """Some sentence scores above zero: the scorer finds the signal at least as likely as not.

        A phrase rule that the scorer agrees with is surer than either alone (analysis asserts such a flag).
        """
        return any(self.score(features) > 0.0 for _, features in parsed)

    def evidence(self, parsed: Parsed) -> str | None:
        """The best-scoring sentence when it scores above the threshold, else None."""
        best, best_score = None, self.threshold
        for sentence, features in parsed:
            value = self.score(features)
            if value > best_score:
                best, best_score = sentence, value
        return best


@functools.cache
def bundled_scorers() -> dict[str, Scorer]:
    """The scorers shipped with the package, by signal ("blame", "situation", ...)."""
    raw = json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
    return {
        name: Scorer(entry["weights"], float(entry["bias"]), float(entry["threshold"]))
        for name, entry in raw["signals"].items()
    }
