"""`validate`: every problem in one or more banks, and the stricter editorial checks."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pacs_interview.bank.loader import bundled_bank_path, read_bank
from pacs_interview.bank.model import Question, did_you_mean
from pacs_interview.bank.strict_yaml import MAX_LISTED_PROBLEMS, Problem, listed
from pacs_interview.bank.vocabulary import Vocabulary, skill_vocabulary
from pacs_interview.common.plural import plural

# The completeness bar of the bundled bank (`validate --strict`).
MIN_HOW_TO_ANSWER = 4
MIN_WHAT_NOT_TO_SAY = 3
MIN_SKILLS = 2
EXAMPLE_WORDS = (90, 260)
# Two questions sharing this much of their wording are the same question twice.
NEAR_DUPLICATE_SIMILARITY = 0.7
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class CheckedBank:
    path: str
    questions: int
    problems: list[Problem]


@dataclass(frozen=True)
class Report:
    banks: list[CheckedBank]

    @property
    def problems(self) -> list[Problem]:
        return [p for bank in self.banks for p in bank.problems]

    def lines(self) -> list[str]:
        """A line per problem (the first few, when there are many), then a line per clean bank."""
        lines = listed(self.problems)
        lines += [f"ok: {b.path}: {plural(b.questions, 'question')}" for b in self.banks if not b.problems]
        return lines

    def summary(self) -> str:
        failing = [b.path for b in self.banks if b.problems]
        return f"{plural(len(self.problems), 'problem')} in {', '.join(failing)}"

    def to_json(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "banks": [{"path": b.path, "questions": b.questions, "problems": len(b.problems)} for b in self.banks],
            "problems": [
                {"file": p.file, "line": p.line, "column": p.column, "message": p.message}
                for p in self.problems[:MAX_LISTED_PROBLEMS]
            ],
            "problems_not_listed": max(0, len(self.problems) - MAX_LISTED_PROBLEMS),
        }


def check_banks(paths: Sequence[Path | None], strict: bool = False) -> Report:
    """Check each bank (None: the bundled one); with `strict`, the editorial checks too."""
    vocabulary = skill_vocabulary()
    banks = []
    for path in paths:
        target = path or bundled_bank_path()
        questions, problems = read_bank(target, vocabulary)
        if strict:
            problems += strict_problems(questions, vocabulary)
        banks.append(CheckedBank(str(path or "bundled bank"), len(questions), problems))
    return Report(banks)


def strict_problems(questions: Sequence[Question], vocabulary: Vocabulary) -> list[Problem]:
    """Questions below the completeness bar, unknown skills, and near-duplicate wording."""
    problems = []
    for question in questions:
        problems += [_at(question, message) for message in _completeness(question)]
        problems += [_at(question, message) for message in _unknown_skills(question, vocabulary)]
    problems += _near_duplicates(questions)
    return problems


def _completeness(question: Question) -> Iterable[str]:
    counts = (
        ("how_to_answer", len(question.how_to_answer), MIN_HOW_TO_ANSWER, "point"),
        ("what_not_to_say", len(question.what_not_to_say), MIN_WHAT_NOT_TO_SAY, "point"),
        ("skills", len(question.skills), MIN_SKILLS, "skill"),
    )
    for key, count, minimum, unit in counts:
        if count < minimum:
            yield f"{question.id}: {key} has {plural(count, unit)}; at least {minimum} wanted"
    words = len(question.example_answer.split())
    low, high = EXAMPLE_WORDS
    if not low <= words <= high:
        yield f"{question.id}: example_answer has {plural(words, 'word')}; {low} to {high} wanted"


def _unknown_skills(question: Question, vocabulary: Vocabulary) -> Iterable[str]:
    for skill in question.skills:
        if vocabulary.canonical_name(skill) is None:
            hint = did_you_mean(skill, vocabulary.names)
            yield f"{question.id}: skill {skill!r} is not in the skill vocabulary{hint}"


def _near_duplicates(questions: Sequence[Question]) -> list[Problem]:
    """Each question worded nearly as an earlier one, named with the first such earlier question.

    Comparing every pair would take minutes for a large bank, so only candidates are compared: two word
    sets this similar must share one of their rarer words (prefix filtering), and an index of those finds them.
    """
    words = [frozenset(_WORD.findall(q.question.casefold())) for q in questions]
    frequency = Counter(word for question_words in words for word in question_words)
    by_rare_word: dict[str, list[int]] = defaultdict(list)  # a word to the earlier questions it is rare in
    problems = []
    for later, question_words in enumerate(words):
        rare = _rarest(question_words, frequency)
        match = next((n for n in _candidates(rare, by_rare_word) if _near(words[n], question_words)), None)
        if match is not None:
            first, second = questions[match], questions[later]
            message = f"{second.id}: wording nearly the same as {first.id!r} at {first.location}"
            problems.append(_at(second, message))
        for word in rare:
            by_rare_word[word].append(later)
    return problems


def _rarest(words: frozenset[str], frequency: Counter[str]) -> list[str]:
    """The words two sets at NEAR_DUPLICATE_SIMILARITY must share at least one of: the rarest few."""
    # Sharing a fraction s of the words means sharing ceil(s * n) of these n; so one of the rarest
    # n - ceil(s * n) + 1 is shared. A hair is taken off before rounding so that a float error can only
    # lengthen the list, never shorten it.
    needed = math.ceil(NEAR_DUPLICATE_SIMILARITY * len(words) - 1e-9)
    return sorted(words, key=lambda word: (frequency[word], word))[: len(words) - needed + 1]


def _candidates(rare: list[str], by_rare_word: dict[str, list[int]]) -> Iterator[int]:
    """Earlier questions sharing a rare word, lowest first, each once."""
    previous = -1
    for index in heapq.merge(*(by_rare_word.get(word, ()) for word in rare)):
        if index != previous:
            yield index
            previous = index


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    return _similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words (Jaccard)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _at(question: Question, message: str) -> Problem:
    where = question.location
    return Problem(where.file, where.line, where.column, message)
