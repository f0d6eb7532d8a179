"""Where the rules' sentences end: one definition, shared by the rules, the form and the guidance quotes."""

from __future__ import annotations

from pacs_interview.feedback.answer_rules import first_sentence, last_sentence
from pacs_interview.feedback.sentences import sentence_starts, sentences


def test_a_sentence_ends_at_a_mark_before_a_space_or_at_a_line_break() -> None:
    text = "It took 3.5 hours on v2.1. Then I left!\n- a bullet\nno mark"
    assert list(sentences(text)) == ["It took 3.5 hours on v2.1.", " Then I left!", "\n", "- a bullet\n", "no mark"]
    assert sentence_starts(text) == [0, 26, 39, 40, 51]


def test_blank_text_has_no_sentence() -> None:
    assert list(sentences("")) == []
    assert list(sentences("   ")) == []
    assert sentence_starts("") == [0]


def test_quoted_sentences_keep_their_decimals() -> None:
    answer = "The archive took 3.5 hours to fail over. We measured it."
    assert first_sentence(answer) == "The archive took 3.5 hours to fail over."
    assert last_sentence(answer) == "We measured it."
