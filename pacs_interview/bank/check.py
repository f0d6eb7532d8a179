"""`validate`: every problem in one or more banks, and the stricter editorial checks.

`--strict` holds a bank to the bundled bank's bar: complete questions (with domain
and follow-ups), cues that show their point, no law taught to the wrong
jurisdiction, no question twice; and for the bundled bank itself, breadth across
levels, types and domains.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pacs_interview.bank.loader import bundled_bank_path, read_bank
from pacs_interview.bank.model import DOMAINS, Level, Question, QuestionType, Region, did_you_mean
from pacs_interview.bank.strict_yaml import MAX_LISTED_PROBLEMS, Problem, listed
from pacs_interview.bank.vocabulary import Vocabulary, skill_vocabulary
from pacs_interview.common.plural import plural

# The completeness bar of the bundled bank (`validate --strict`).
MIN_HOW_TO_ANSWER = 4
MIN_WHAT_NOT_TO_SAY = 3
MIN_SKILLS = 2
EXAMPLE_WORDS = (90, 260)
CUES_PER_POINT = (2, 6)
# The breadth of the bundled bank as a whole (checked on the bundled bank only: a team's bank may be small).
MIN_PER_LEVEL = 20
MIN_PER_LEVEL_AND_TYPE = 3
MIN_PER_DOMAIN = 6
# Two questions sharing this much of their wording are the same question twice.
NEAR_DUPLICATE_SIMILARITY = 0.7
_WORD = re.compile(r"[a-z0-9]+")
# Words any answer may use whatever it says: a look_for cue that is one of these alone shows nothing.
GENERIC_CUE_WORDS = frozenset(
    """tell told check checked checks checking wrong patient patients system systems issue issues problem problems
    team teams user users data image images study studies look looked fix fixed time work worked people staff
    report reports process change changes result results plan help need make made good new first thing things
    way right error errors test tests log logs call called ask asked pacs dicom hospital network server file files
    record records information question answer example step steps update updates number safe safety risk cost
    vendor vendors training meeting email project support""".split()
)
# A law that is one jurisdiction's own: never taught to a candidate from another (see `_jurisdiction`).
_US_LAW = re.compile(r"\b(?:HIPAA|HITECH|45 CFR)\b")
_EUROPEAN_LAW = re.compile(r"\bGDPR\b")


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
            if path is None:
                problems += breadth_problems(questions, str(target))
        banks.append(CheckedBank(str(path or "bundled bank"), len(questions), problems))
    return Report(banks)


def strict_problems(questions: Sequence[Question], vocabulary: Vocabulary) -> list[Problem]:
    """Questions below the completeness bar, unknown skills, weak cues, another jurisdiction's law, near-duplicates."""
    problems = []
    for question in questions:
        for check in (_completeness, _new_fields, _cues, _jurisdiction):
            problems += [_at(question, message) for message in check(question)]
        problems += [_at(question, message) for message in _unknown_skills(question, vocabulary)]
    problems += _near_duplicates(questions)
    return problems


def breadth_problems(questions: Sequence[Question], file: str) -> list[Problem]:
    """Levels, level-and-type cells and domains with too few questions, reported at the top of the bank."""
    per_level = Counter(q.level for q in questions)
    per_cell = Counter((q.level, q.type) for q in questions)
    per_domain = Counter(q.domain for q in questions)
    messages = [
        f"the bank has {plural(per_level[level], level.value + ' question')}; at least {MIN_PER_LEVEL} wanted"
        for level in Level
        if per_level[level] < MIN_PER_LEVEL
    ]
    messages += [
        f"the bank has {plural(per_cell[level, kind], f'{level.value} {kind.value} question')}; "
        f"at least {MIN_PER_LEVEL_AND_TYPE} wanted"
        for level in Level
        for kind in QuestionType
        if per_cell[level, kind] < MIN_PER_LEVEL_AND_TYPE
    ]
    messages += [
        f"the bank has {plural(per_domain[domain], 'question')} in domain {domain}; at least {MIN_PER_DOMAIN} wanted"
        for domain in DOMAINS
        if per_domain[domain] < MIN_PER_DOMAIN
    ]
    return [Problem(file, 1, 1, message) for message in messages]


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


def _new_fields(question: Question) -> Iterable[str]:
    if question.domain is None:
        yield f"{question.id}: no domain; give the CIIP domain it belongs to, such as 'imaging-informatics'"
    if not question.follow_ups:
        yield f"{question.id}: no follow_ups; give 1 to 3 questions an interviewer would ask next"


def _cues(question: Question) -> Iterable[str]:
    low, high = CUES_PER_POINT
    for number, cues in enumerate(question.look_for, start=1):
        if cues and not low <= len(cues) <= high:
            cue_count = plural(len(cues), "look_for cue")
            yield f"{question.id}: how_to_answer point {number} has {cue_count}; {low} to {high} wanted"
        for cue in cues:
            if cue.casefold() in GENERIC_CUE_WORDS:
                yield (
                    f"{question.id}: look_for cue {cue!r} of how_to_answer point {number} is a word any answer "
                    "may use; give a phrase that shows the point"
                )


def _jurisdiction(question: Question) -> Iterable[str]:
    """A candidate is never taught another jurisdiction's law as their own.

    A question shown to UK or EU candidates (no region, or one that names uk or eu)
    never names HIPAA; a question written for the US alone never names the GDPR.
    """
    text = " ".join((question.question, question.example_answer, *question.how_to_answer, *question.what_not_to_say))
    text += " " + " ".join(cue for cues in question.look_for for cue in cues)
    european = not question.region or bool({Region.uk.value, Region.eu.value} & set(question.region))
    found = _US_LAW.search(text)
    if european and found:
        where = "has no region" if not question.region else f"is written for {', '.join(question.region)}"
        yield f"{question.id}: names {found.group()}, a US law, but {where}; a US-only question needs region: [us]"
    found = _EUROPEAN_LAW.search(text)
    if question.region == (Region.us.value,) and found:
        yield f"{question.id}: names the {found.group()}, a UK and EU law, in a question written for the US alone"


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
