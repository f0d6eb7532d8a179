"""The learned sentence scorers: how a sentence is read, how a scorer picks its evidence, how analyze uses it.

The scorers' quality on unseen writers is measured by benchmarks/feedback_quality.py, not here; these
tests pin the mechanism, and that the shipped model is exactly what the training script makes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from pacs_interview.bank import load_bank
from pacs_interview.common.resources import data_file
from pacs_interview.feedback.analysis import analyze
from pacs_interview.feedback.signal_model import MODEL_FILE, Scorer, bundled_scorers, parse, sentences, tokens

ROOT = Path(__file__).resolve().parent.parent
QUESTION = load_bank().get("junior-troubleshooting-story")


def test_tokens_split_negation_and_possession_into_words_of_their_own() -> None:
    assert tokens("The supplier’s engineers didn't check") == ["the", "supplier", "'s", "engin", "did", "not", "check"]


def test_sentences_end_at_stops_and_line_breaks() -> None:
    assert sentences("It failed. Why?\n- a bullet\n\n") == ["It failed.", "Why?", "- a bullet"]


def test_parse_marks_the_first_and_last_sentence() -> None:
    (first, first_features), (_, middle), (last, last_features) = parse("One. Two. Three.")
    assert (first, last) == ("One.", "Three.")
    assert "at:first" in first_features and "at:last" in last_features
    assert not {"at:first", "at:last"} & set(middle)
    assert "w:two" in middle
    ((_, pairs),) = parse("Two birds fly.")
    assert {"w:two", "w:bird", "b:two_bird", "b:bird_fli"} <= set(pairs)


def test_a_scorer_quotes_its_best_sentence_above_the_threshold() -> None:
    scorer = Scorer({"w:zorblat": 2.0, "w:fine": -1.0}, bias=-0.5, threshold=0.0)
    parsed = parse("All was fine. The supplier zorblatted the archive. Then we left.")
    assert scorer.evidence(parsed) == "The supplier zorblatted the archive."
    assert Scorer(scorer.weights, scorer.bias, threshold=2.0).evidence(parsed) is None
    assert scorer.evidence(parse("")) is None


def test_a_deflection_only_its_scorer_finds_is_asked_about_not_asserted() -> None:
    answer = "I checked the logs. The supplier zorblatted the archive."
    scorer = Scorer({"w:zorblat": 3.0}, bias=-1.0, threshold=0.5)
    assert analyze(QUESTION, answer, scorers={}).asked == ()
    feedback = analyze(QUESTION, answer, scorers={"deflection": scorer})
    assert [flag for flag in feedback.red_flags if flag.kind == "deflection"] == []
    assert dict(feedback.asked)["deflection"] == "The supplier zorblatted the archive."


def test_the_blame_scorer_alone_neither_asserts_nor_asks() -> None:
    answer = "I checked the logs. The supplier zorblatted the archive."
    feedback = analyze(QUESTION, answer, scorers={"blame": Scorer({"w:zorblat": 3.0}, bias=-1.0)})
    assert "blame" not in {flag.kind for flag in feedback.red_flags} | set(dict(feedback.asked))


def test_a_scorer_agrees_when_some_sentence_scores_above_zero() -> None:
    scorer = Scorer({"w:zorblat": 2.0}, bias=-1.0, threshold=5.0)
    assert scorer.agrees(parse("All fine. It zorblatted."))
    assert not scorer.agrees(parse("All fine."))  # near miss: every sentence at or below zero
    assert not Scorer({"w:zorblat": 1.0}, bias=-1.0).agrees(parse("It zorblatted."))  # exactly zero


def test_the_rule_phrase_wins_over_the_scorer_sentence() -> None:
    answer = "It was the vendor's fault. The supplier zorblatted the archive."
    scorer = Scorer({"w:zorblat": 3.0}, bias=-1.0)
    (flag,) = [f for f in analyze(QUESTION, answer, scorers={"blame": scorer}).red_flags if f.kind == "blame"]
    assert flag.phrase == "the vendor's fault"


def test_the_bundled_model_has_a_scorer_for_each_learned_signal() -> None:
    scorers = bundled_scorers()
    assert set(scorers) == {"situation", "task", "result", "deflection", "blame"}
    # The feature counts of the shipped fit; a refit changes them, and this test with it.
    assert {name: len(scorer.weights) for name, scorer in scorers.items()} == {
        "situation": 9536,
        "task": 7597,
        "result": 10074,
        "deflection": 8468,
        "blame": 10375,
    }


@pytest.mark.slow
def test_the_shipped_model_is_what_the_training_script_fits_from_the_dev_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = importlib.util.spec_from_file_location("train_signal_model", ROOT / "scripts" / "train_signal_model.py")
    assert spec is not None and spec.loader is not None
    training = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, training)  # its dataclasses look themselves up there
    spec.loader.exec_module(training)
    examples = [example for path in training.dev_files() for example in training.load_examples(path)]
    assert all(path.name.startswith("dev") for path in training.dev_files())
    refitted = json.loads(training.model_json(training.fit_all(examples, training.Settings())))
    assert refitted == json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
