"""Which how-to-answer points an answer covers, and the answer's words that show it.

A point is judged in one of two ways:

- By its words. The point is cut into units: each glossary term in it is one unit
  (so "modality worklist", "MWL" and "DMWL" meet the same unit), and each
  remaining content word is one unit, stemmed (so "checked" meets "checks").
  Words that instruct ("describe", "for example") are not units. A unit that
  also appears in the question or in the question's other points is the topic
  of the whole question, not of this point, so it weighs half. The point is
  covered when the met units weigh enough (`_enough`).
- By its shape. Some points ask for a part of the answer rather than for
  words: the STAR structure, how it ended, figures, the steps taken, who was
  told, who was brought in, what was learned. Such a point is covered when
  the answer has every part it asks for (`FACETS`), found by the same rules
  as the other signals; its words are not counted, since "describe the
  outcome" is met by an outcome, not by the word "outcome".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pacs_interview.feedback import answer_rules as rules
from pacs_interview.feedback.glossary import WORD, TermMatch, bundled_glossary, folded_words
from pacs_interview.feedback.stemming import STOP_WORDS, stem, stems_of

# Words of how-to-answer points that instruct rather than name content: an
# answer saying "for example" has not covered "give an example of ...".
INSTRUCTION_WORDS = frozenset(
    """say saying tell describe describing explain explaining show give mention name naming add include
    including example examples such like instance way ways part parts something thing things point
    answer listener interviewer story strong first finish start end use using well what who which how
    whether often usually clear clearly plain short own one would work works working""".split()
)

StarEvidence = tuple[str | None, str | None, str | None, str | None]


@dataclass(frozen=True)
class AnswerFacts:
    """What the other signals already found in the answer, for the shape rules."""

    text: str  # the text the phrase rules read
    star: StarEvidence
    quantity: str | None
    vague: bool


@dataclass(frozen=True)
class PointCoverage:
    """One how-to-answer point, whether the answer covers it, and the answer's words that show it."""

    point: str
    covered: bool
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"point": self.point, "covered": self.covered, "evidence": list(self.evidence)}


def _star(facts: AnswerFacts) -> list[str]:
    situation, _task, action, result = facts.star
    # A good story often leaves its task implicit; scene, steps and ending it cannot.
    return [p for p in facts.star if p] if situation and action and result else []


def _result(facts: AnswerFacts) -> list[str]:
    return [facts.star[3]] if facts.star[3] else []


def _figures(facts: AnswerFacts) -> list[str]:
    return [facts.quantity, facts.star[3]] if facts.quantity and facts.star[3] else []


def _before_after(facts: AnswerFacts) -> list[str]:
    change = rules.measured_change(facts.text)
    return [change] if change else []


def _scene(facts: AnswerFacts) -> list[str]:
    return [facts.star[0]] if facts.star[0] else []


def _found(pattern: Callable[[str], list[str]], least: int = 1) -> Callable[[AnswerFacts], list[str]]:
    def detect(facts: AnswerFacts) -> list[str]:
        phrases = pattern(facts.text)
        return phrases if len(phrases) >= least else []

    return detect


Facet = Callable[[AnswerFacts], list[str]]

# (what the point asks for, in the point's words) -> the part of the answer that satisfies it.
FACETS: tuple[tuple[re.Pattern[str], Facet], ...] = (
    (re.compile(r"\bSTAR\b|situation,? task,? action,? (?:and )?result", re.IGNORECASE), _star),
    (
        re.compile(
            r"^(?:give|end with|finish with)\b.*\b(?:outcome|results?)\b|how (?:it|they) ended|came out of", re.I
        ),
        _result,
    ),
    (re.compile(r"found and closed", re.I), _result),
    (re.compile(r"before and after", re.I), _before_after),
    (re.compile(r"put numbers on|measurable results?", re.I), _figures),
    (re.compile(r"what went wrong|^describe the fault|^define the problem", re.I), _scene),
    (
        re.compile(r"walk through your checks|narrowed down|how you diagnosed|how you analysed", re.I),
        _found(rules.steps, 3),
    ),
    (
        re.compile(r"how you communicated|who you told|kept users and your team up to date", re.I),
        _found(rules.communication),
    ),
    (
        re.compile(r"teams you brought in|how you organised people|alongside .* colleagues|working with", re.I),
        _found(rules.collaboration),
    ),
    (
        re.compile(r"what you learned|lessons? that changed|would not happen again|what you changed", re.I),
        _found(rules.lessons),
    ),
    (re.compile(r"^(?:describe|explain|stress)\b.*\b(?:training|train|teach)\b", re.I), _found(rules.training)),
)


@dataclass(frozen=True)
class _Point:
    units: tuple[tuple[str, float], ...]  # each unit's key ("=MWL" for a term, else a stem) and its weight
    facets: tuple[Facet, ...]


def _term_key(name: str) -> str:
    return "=" + name


@functools.lru_cache(maxsize=4096)
def _parse_point(point: str, topic: frozenset[str]) -> _Point:
    words = folded_words(point)
    units: dict[str, float] = {}
    inside_term = [False] * len(words)
    for match in bundled_glossary().matches(words):
        in_topic = any(stem(word) in topic for word in words[match.first : match.last])
        units[_term_key(match.name)] = _weight(TERM_WEIGHT, in_topic, match.name in rules.GENERIC_TERMS)
        inside_term[match.first : match.last] = [True] * (match.last - match.first)
    for word, in_term in zip(words, inside_term, strict=True):
        if not in_term and _is_content(word):
            key = stem(word)
            units.setdefault(key, _weight(WORD_WEIGHT, key in topic, False))
    facets = tuple(detect for pattern, detect in FACETS if pattern.search(point))
    return _Point(tuple(units.items()), facets)


def _weight(base: float, in_topic: bool, generic: bool) -> float:
    if generic:
        return GENERIC_WEIGHT
    return base * TOPIC_FACTOR if in_topic else base


def _is_content(word: str) -> bool:
    return len(word) > 1 and word not in STOP_WORDS and word not in INSTRUCTION_WORDS and not word.isdigit()


@functools.lru_cache(maxsize=1024)
def _topics(question: str, points: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """For each point, the stems shared with the question or with another point."""
    question_stems = stems_of(question)
    point_stems = [stems_of(point) for point in points]
    topics = []
    for index, stems in enumerate(point_stems):
        others = set().union(*(s for i, s in enumerate(point_stems) if i != index))
        topics.append(frozenset(stems & (question_stems | others)))
    return tuple(topics)


def _answer_keys(text: str, terms: list[TermMatch], wanted: frozenset[str]) -> dict[str, list[str]]:
    """Each key of the answer that some point wants, with the answer's words that carry it."""
    spans = list(WORD.finditer(text))
    keys: dict[str, list[str]] = {}
    for term in terms:
        key = _term_key(term.name)
        if key in wanted:
            keys.setdefault(key, []).append(text[spans[term.first].start() : spans[term.last - 1].end()])
    prefixes = {key[:3] for key in wanted}
    for span in spans:
        word = span.group().casefold()
        # Stemming is the slow part. A Snowball stem keeps its word's first three letters (bar a handful of
        # irregulars such as "skies"), so a word whose opening matches no wanted key is skipped unstemmed.
        if word[:3] in prefixes and word not in STOP_WORDS:
            key = stem(word)
            if key in wanted:
                keys.setdefault(key, []).append(span.group())
    return keys


def cover_points(
    question: str, points: Sequence[str], answer: str, terms: list[TermMatch], facts: AnswerFacts
) -> tuple[PointCoverage, ...]:
    """Coverage of every how-to-answer point, in the bank's order; `terms` index the words of `answer`."""
    topics = _topics(question, tuple(points))
    parsed = [_parse_point(point, topic) for point, topic in zip(points, topics, strict=True)]
    wanted = frozenset(key for point in parsed for key, _ in point.units)
    keys = _answer_keys(answer, terms, wanted)
    return tuple(_cover(point, parse, keys, facts) for point, parse in zip(points, parsed, strict=True))


def _cover(point: str, parsed: _Point, keys: dict[str, list[str]], facts: AnswerFacts) -> PointCoverage:
    # A vague answer names no system, step or figure, so it covers no point, whatever words of the point
    # it echoes ("the right stakeholders", "costs and benefits", "kept everyone in the loop").
    if facts.vague:
        return PointCoverage(point, False, ())
    if parsed.facets:
        return _cover_shape(point, parsed.facets, facts)
    met = [(key, weight) for key, weight in parsed.units if key in keys]
    evidence = dict.fromkeys(word for key, _ in met for word in keys[key])
    covered = _enough(sum(weight for _, weight in met), sum(weight for _, weight in parsed.units))
    return PointCoverage(point, covered, tuple(evidence))


def _cover_shape(point: str, facets: tuple[Facet, ...], facts: AnswerFacts) -> PointCoverage:
    # A point asking for several parts ("the outcome and the change you made") needs them all.
    shown = [detect(facts) for detect in facets]
    covered = all(shown)
    return PointCoverage(point, covered, tuple(dict.fromkeys(p for phrases in shown for p in phrases)))


# A glossary term in a point is a named example ("break-the-glass", "C-ECHO"): an answer naming it has
# gone to the point's subject, so it weighs as two plain words. Words the point shares with its
# question or sibling points are the question's topic, not this point's, so they weigh half; a generic
# term ("PACS", "vendor") weighs a quarter.
WORD_WEIGHT = 1.0
TERM_WEIGHT = 2.0
TOPIC_FACTOR = 0.5
GENERIC_WEIGHT = 0.25
MIN_WEIGHT = 1.5
MIN_SHARE = 0.1


def _enough(met: float, total: float) -> bool:
    # One word of the point's own plus one of its topic at least, so a single everyday word ("patients")
    # never covers a point, and a tenth of a long point's weight, so a point that lists many examples
    # needs more than one of them.
    return met >= max(MIN_WEIGHT, MIN_SHARE * total)
