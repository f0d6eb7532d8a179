"""Which how-to-answer points an answer covers, and the answer's words that show it.

A point is ticked only on evidence a careful reader would accept, and the
evidence is quoted back: a few words of the answer around what was found. A
point is judged in one of three ways, the first that applies:

- By its shape. Some points ask for a part of the answer rather than for
  words: the STAR structure, how it ended, figures, the steps taken, who was
  told, who was brought in, what was learned (`FACETS`). Such a point is
  covered when the answer has every part it asks for, found by the same rules
  as the other signals. Parts of a story (scene, ending, figures) are only
  looked for in a story: an explanation has no ending to tell.
- By its cues. The bank may give a point `look_for` phrases, any one of which
  shows the point is made ("storage commitment", "rollback plan"). A cue is
  matched on word stems, with at most two other words between its own, and
  a glossary term in a cue also matches the term's other names ("MWL" for
  "modality worklist"). A cue just after a negation ("without a rollback
  plan") does not count.
- By its own words, strictly, when it has no cues. The point's distinctive
  parts are its glossary terms, its two-word phrases and its single content
  words, leaving out words that instruct ("describe", "example"), words every
  point uses (tell, check, wrong, patient, system) and the question's own
  words. One distinctive term, or one phrase, or two distinctive words in one
  sentence of the answer, cover the point. A single everyday word never does.

An answer that is off the question or vague covers no point, whatever words it echoes.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pacs_interview.feedback import answer_rules as rules
from pacs_interview.feedback.glossary import WORD, TermMatch, bundled_glossary, folded_words
from pacs_interview.feedback.sentences import sentence_starts
from pacs_interview.feedback.stemming import GENERIC_WORDS, STOP_WORDS, stem, stems_of

# Words of how-to-answer points that instruct rather than name content: an
# answer saying "for example" has not covered "give an example of ...".
INSTRUCTION_WORDS = frozenset(
    """say saying tell describe describing explain explaining show give mention name naming add include
    including example examples such like instance way ways part parts something thing things point
    answer listener interviewer story strong first finish start end use using well what who which how
    whether often usually clear clearly plain short own one would work works working""".split()
)
StarEvidence = tuple[str | None, str | None, str | None, str | None]

# At most this many words of context either side of what was found, within its sentence.
QUOTE_CONTEXT = 4
# Quotes kept per point: enough to show the point, few enough to read.
MAX_QUOTES = 2
# Words allowed between two words of a cue or a phrase ("two patient identifiers" for "two identifiers").
MAX_GAP = 2


@dataclass(frozen=True)
class AnswerFacts:
    """What the other signals already found in the answer, for the shape rules and the gates."""

    text: str  # the text the phrase rules read
    star: StarEvidence  # all None for an explanation
    quantity: str | None
    vague: bool
    story: bool = True
    relevant: bool = True
    # Character spans of sentences that disown or blame ("the printer is not my area"): words there show
    # nothing the speaker would do.
    disowned: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PointCoverage:
    """One how-to-answer point, whether the answer covers it, and quotes of the answer that show it."""

    point: str
    covered: bool
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"point": self.point, "covered": self.covered, "evidence": list(self.evidence)}


# ---------------------------------------------------------------- shape points


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
# Facets that are parts of a story: an explanation never covers them.
_STORY_FACETS: frozenset[Facet] = frozenset({_star, _result, _figures, _before_after, _scene})

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

# ---------------------------------------------------------------- the answer, indexed once


@dataclass
class _Answer:
    """The answer's words with where they sit, and where each wanted key occurs (word indexes)."""

    text: str
    spans: list[tuple[int, int]]
    keys: dict[str, list[tuple[int, int]]]  # key -> (first word, word after the last) of each occurrence
    sentence_starts: list[int]  # character offsets where sentences start
    disowned: tuple[tuple[int, int], ...] = ()

    def sentence_of(self, word: int) -> int:
        return bisect.bisect_right(self.sentence_starts, self.spans[word][0])

    def quote(self, first: int, last: int) -> str:
        """The words first..last-1 with a little context, within their sentence, "…" where cut."""
        sentence = self.sentence_of(first)
        start = first
        while start > 0 and first - start < QUOTE_CONTEXT and self.sentence_of(start - 1) == sentence:
            start -= 1
        end = last
        while end < len(self.spans) and end - last < QUOTE_CONTEXT and self.sentence_of(end) == sentence:
            end += 1
        body = " ".join(self.text[self.spans[start][0] : self.spans[end - 1][1]].split())
        before = "…" if start > 0 and self.sentence_of(start - 1) == sentence else ""
        after = "…" if end < len(self.spans) and self.sentence_of(end) == sentence else ""
        return before + body + after


def _index(text: str, terms: list[TermMatch], wanted: frozenset[str]) -> _Answer:
    spans = [match.span() for match in WORD.finditer(text)]
    keys: dict[str, list[tuple[int, int]]] = {}
    for term in terms:
        key = _term_key(term.name)
        if key in wanted:
            keys.setdefault(key, []).append((term.first, term.last))
    prefixes = {key[:3] for key in wanted}
    for index, (start, end) in enumerate(spans):
        word = text[start:end].casefold()
        # Stemming is the slow part. A Snowball stem keeps its word's first three letters (bar a handful of
        # irregulars such as "skies"), so a word whose opening matches no wanted key is skipped unstemmed.
        if word[:3] in prefixes and word not in STOP_WORDS:
            key = stem(word)
            if key in wanted:
                keys.setdefault(key, []).append((index, index + 1))
    return _Answer(text, spans, keys, sentence_starts(text))


# ---------------------------------------------------------------- points, parsed once


Pattern = tuple[str, ...]  # keys in order: a stem, or "=NAME" for a glossary term


@dataclass(frozen=True)
class _Point:
    facets: tuple[Facet, ...]
    cues: tuple[Pattern, ...]
    terms: tuple[str, ...]  # distinctive glossary terms of the point
    phrases: tuple[Pattern, ...]  # distinctive two-word phrases
    words: frozenset[str]  # distinctive single stems

    @property
    def keys(self) -> set[str]:
        found = {key for pattern in self.cues + self.phrases for key in pattern}
        return found | set(self.terms) | set(self.words)


def _term_key(name: str) -> str:
    return "=" + name


def _pattern(text: str) -> Pattern:
    """A phrase as keys: glossary terms as one key each, other content words as stems."""
    words = folded_words(text)
    keys: list[tuple[int, str]] = []
    covered = [False] * len(words)
    for match in _longest_terms(words):
        keys.append((match.first, _term_key(match.name)))
        covered[match.first : match.last] = [True] * (match.last - match.first)
    for position, word in enumerate(words):
        if not covered[position] and word not in STOP_WORDS:
            keys.append((position, stem(word)))
    return tuple(key for _, key in sorted(keys))


def _longest_terms(words: list[str]) -> list[TermMatch]:
    """The glossary terms of a phrase, a nested term left to the longer one ("modality worklist" is MWL only)."""
    found: list[TermMatch] = []
    for match in sorted(bundled_glossary().matches(words), key=lambda m: (m.first, -(m.last - m.first))):
        if not found or match.first >= found[-1].last:
            found.append(match)
    return found


_CLAUSE = re.compile(r"[,;:()]|\band\b|\bor\b")


@dataclass(frozen=True)
class _Topic:
    """What the question itself names: its content stems and its glossary terms."""

    stems: frozenset[str]
    terms: frozenset[str]


@functools.lru_cache(maxsize=1024)
def _topic(question: str) -> _Topic:
    words = folded_words(question)
    terms = frozenset(_term_key(match.name) for match in bundled_glossary().matches(words))
    return _Topic(stems_of(question), terms)


@functools.lru_cache(maxsize=4096)
def _parse_point(point: str, cues: tuple[str, ...], topic: _Topic) -> _Point:
    facets = tuple(detect for pattern, detect in FACETS if pattern.search(point))
    glossary = bundled_glossary()
    terms = [
        _term_key(match.name)
        for match in _longest_terms(folded_words(point))
        if match.name not in rules.GENERIC_TERMS
        and match.name not in glossary.everyday
        and _term_key(match.name) not in topic.terms
    ]
    phrases: list[Pattern] = []
    words: set[str] = set()
    for clause in _CLAUSE.split(point):
        content = [key for key in _pattern(clause) if not key.startswith("=") and _distinctive(key)]
        words.update(key for key in content if key not in topic.stems)
        phrases += [(a, b) for a, b in zip(content, content[1:], strict=False) if a != b and not {a, b} <= topic.stems]
    patterns = tuple(pattern for pattern in (_pattern(cue) for cue in cues) if pattern)
    return _Point(facets, patterns, tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(phrases)), frozenset(words))


def _distinctive(key: str) -> bool:
    return len(key) > 1 and not key.isdigit() and key not in GENERIC_WORDS and key not in _INSTRUCTION_STEMS


_INSTRUCTION_STEMS = frozenset(stem(word) for word in INSTRUCTION_WORDS)


# ---------------------------------------------------------------- matching


def _occurrences(answer: _Answer, pattern: Pattern) -> list[tuple[int, int]]:
    """Where the pattern's keys occur in order, each within MAX_GAP words of the one before."""
    found = []
    for first, end in answer.keys.get(pattern[0], ()):
        for key in pattern[1:]:
            following = [o for o in answer.keys.get(key, ()) if end <= o[0] <= end + MAX_GAP]
            if not following:
                break
            end = following[0][1]
        else:
            found.append((first, end))
    return found


def _affirmed(answer: _Answer, first: int) -> bool:
    """The words at `first` are said and owned: not denied ("without a rollback plan", "never did a risk
    assessment"), and not in a sentence that hands the matter to someone else."""
    start = answer.spans[first][0]
    before = answer.text[max(0, start - 12) : start].casefold()
    if rules.negated_before(answer.text, start) or before.rstrip().endswith(("without", "without a")):
        return False
    return not any(low <= start < high for low, high in answer.disowned)


def _quotes(answer: _Answer, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """One quote per sentence that shows the point, the first MAX_QUOTES of them."""
    by_sentence: dict[int, tuple[int, int]] = {}
    for first, last in sorted(spans):
        sentence = answer.sentence_of(first)
        if sentence in by_sentence:
            start, end = by_sentence[sentence]
            if last - start <= _LONGEST_QUOTE:  # spans near each other make one quote
                by_sentence[sentence] = (start, max(end, last))
        elif len(by_sentence) < MAX_QUOTES:
            by_sentence[sentence] = (first, last)
    return tuple(answer.quote(first, last) for first, last in by_sentence.values())


# Words of the answer a quote may hold between the first and the last word found.
_LONGEST_QUOTE = 12


def _by_cues(point: _Point, answer: _Answer) -> list[tuple[int, int]]:
    return [span for cue in point.cues for span in _occurrences(answer, cue) if _affirmed(answer, span[0])]


def _by_words(point: _Point, answer: _Answer) -> list[tuple[int, int]]:
    strong = [span for key in point.terms for span in answer.keys.get(key, ())]
    strong += [span for phrase in point.phrases for span in _occurrences(answer, phrase)]
    strong = [span for span in strong if _affirmed(answer, span[0])]
    if strong:
        return strong
    # Two different distinctive words of the point in one sentence of the answer.
    by_sentence: dict[int, dict[str, tuple[int, int]]] = {}
    for key in point.words:
        for span in answer.keys.get(key, ()):
            if not _affirmed(answer, span[0]):  # "we never had a rota or a handover" shows neither
                continue
            by_sentence.setdefault(answer.sentence_of(span[0]), {}).setdefault(key, span)
    for found in by_sentence.values():
        if len(found) >= 2:
            spans = sorted(found.values())
            return [(spans[0][0], spans[-1][1])] if spans[-1][1] - spans[0][0] <= 12 else spans[:2]
    return []


def cover_points(
    question: str,
    points: Sequence[str],
    answer: str,
    terms: list[TermMatch],
    facts: AnswerFacts,
    cues: Sequence[tuple[str, ...]] = (),
) -> tuple[PointCoverage, ...]:
    """Coverage of every how-to-answer point, in the bank's order; `terms` index the words of `answer`."""
    # An answer off the question, or vague, covers no point, whatever words of the point it echoes
    # ("the right stakeholders", "costs and benefits", "kept everyone in the loop").
    if not facts.relevant or facts.vague:
        return tuple(PointCoverage(point, False, ()) for point in points)
    topic = _topic(question)
    parsed = [
        _parse_point(point, cues[index] if index < len(cues) else (), topic) for index, point in enumerate(points)
    ]
    wanted = frozenset(key for point in parsed for key in point.keys)
    indexed = _index(answer, terms, wanted)
    indexed.disowned = facts.disowned
    return tuple(_cover(point, parse, indexed, facts) for point, parse in zip(points, parsed, strict=True))


def _cover(point: str, parsed: _Point, answer: _Answer, facts: AnswerFacts) -> PointCoverage:
    if parsed.facets:
        return _cover_shape(point, parsed.facets, facts)
    spans = _by_cues(parsed, answer) if parsed.cues else _by_words(parsed, answer)
    return PointCoverage(point, bool(spans), _quotes(answer, spans))


def _cover_shape(point: str, facets: tuple[Facet, ...], facts: AnswerFacts) -> PointCoverage:
    # A point asking for several parts ("the outcome and the change you made") needs them all.
    if not facts.story and any(facet in _STORY_FACETS for facet in facets):
        return PointCoverage(point, False, ())
    shown = [detect(facts) for detect in facets]
    if not all(shown):
        return PointCoverage(point, False, ())
    phrases = list(dict.fromkeys(phrase for found in shown for phrase in found))
    return PointCoverage(point, True, quote_phrases(facts.text, phrases)[:MAX_SHAPE_QUOTES])


# A shape point quotes one piece of the answer per part it found, up to four (the four parts of STAR).
MAX_SHAPE_QUOTES = 4
_WORDS_AROUND = re.compile(r"\S+")


def quote_phrases(text: str, phrases: Sequence[str]) -> tuple[str, ...]:
    """Phrases the rules found, each with a few words of its sentence either side; one quote per sentence."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # sentence -> the phrases' first start and last end
    for phrase in phrases:
        start = text.find(phrase)
        if start < 0:
            continue
        sentence = _sentence_around(text, start, start + len(phrase))
        first, last = spans.get(sentence, (start, start + len(phrase)))
        spans[sentence] = (min(first, start), max(last, start + len(phrase)))
    return tuple(_in_context(text, sentence, span) for sentence, span in sorted(spans.items()))


def sentence_of_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """The character span of the sentence holding `phrase`, or None when it is not in `text`."""
    start = text.find(phrase)
    return None if start < 0 else _sentence_around(text, start, start + len(phrase))


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    first = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    ends = [found for mark in ".!?\n" if (found := text.find(mark, end)) != -1]
    return first, min(ends) if ends else len(text)


def _in_context(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> str:
    start, end = span
    before = [word.start() for word in _WORDS_AROUND.finditer(text, sentence[0], start)]
    after = [word.end() for word in _WORDS_AROUND.finditer(text, end, sentence[1])]
    first = before[-QUOTE_CONTEXT] if len(before) >= QUOTE_CONTEXT else (before[0] if before else start)
    last = after[QUOTE_CONTEXT - 1] if len(after) >= QUOTE_CONTEXT else (after[-1] if after else end)
    quote = " ".join(text[first:last].split())
    return ("…" if len(before) > QUOTE_CONTEXT else "") + quote + ("…" if len(after) > QUOTE_CONTEXT else "")
