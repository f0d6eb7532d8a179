"""Whether an answer addresses the question at all: the feedback's `relevant`.

An answer is off the question when it is:

- empty, or in a language the English rules cannot read;
- a bare list of keywords, with no sentence in it;
- filler: the same few words over and over;
- about something else: small talk or stock self-praise, words the bank does
  not know, or the answer to another question of the bank far more than to
  this one.

The last test compares word profiles. Each question is a bag of word stems and
glossary terms from its text, points, cues, pitfalls and example answer, each
weighted by how rare it is across the bundled bank (tf-idf), so "PACS" or
"patient", which every question uses, count for little and "IOCM" or "morale"
for much. The answer is scored by cosine against the question asked (its own
bag, so a custom bank's question works too) and against every other question
of the bundled bank.

A weak answer that is on the question is still relevant: precision comes
first, so each test asks for clear evidence before it calls an answer off the
question. Broad questions ("tell me about a critical issue you handled") take
almost any incident story, so "another question" needs a clear winner, a low
score for the question asked, less for a broad question (`breadth`); between
that and a middling score the answer stays relevant and the feedback asks.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pacs_interview.bank import Question, load_bank
from pacs_interview.feedback import answer_rules as rules
from pacs_interview.feedback.form import asks_for_a_story
from pacs_interview.feedback.glossary import Glossary, TermMatch, bundled_glossary
from pacs_interview.feedback.stemming import GENERIC_WORDS, STOP_WORDS, stem, stems_of

# Why an answer is off the question; each reason has its own advice in verdict.py.
EMPTY = "empty"
LANGUAGE = "language"
FILLER = "filler"
KEYWORDS = "keywords"
ANOTHER_QUESTION = "another-question"
UNRELATED = "unrelated"

# Only the opening of a huge answer is profiled: it is representative, and it keeps a pasted log cheap.
_MOST_WORDS = 2000
# Keys in a third or more of the questions tell them apart too little to be worth their cost: the
# similarities sum over the rarer keys only (the vectors are still normalised over every key).
_INFORMATIVE = math.log(3)
# Keys of an answer compared with every other question: its heaviest ones.
_HEAVIEST = 60
# Weight of a question's own words (its text, points and cues) against its example answer and pitfalls.
_CORE_WEIGHT = 2.0


@dataclass(frozen=True)
class Relevance:
    """Whether the answer addresses the question, and if not, why (one of the reasons above)."""

    relevant: bool
    reason: str | None = None
    # The question the answer reads as answering instead: for ANOTHER_QUESTION, or, on a relevant answer,
    # when it may be another question's answer but the evidence is not clear enough to say so.
    instead: str | None = None


ON_THE_QUESTION = Relevance(True)


def answer_keys(words: Sequence[str], terms: Iterable[TermMatch]) -> list[str]:
    """The content keys of a text's folded words: stems of content words, and "=NAME" per glossary term."""
    # (written out rather than through a helper: this runs on every word of every answer)
    keys = [stem(word) for word in words if len(word) > 1 and word not in STOP_WORDS and not word.isdigit()]
    keys += ["=" + match.name for match in terms]
    return keys


# ---------------------------------------------------------------- the reference profiles


@dataclass(frozen=True)
class _Profiles:
    """Every reference question's tf-idf vector, normalised, and an index from key to the questions using it."""

    idf: dict[str, float]
    vectors: dict[str, dict[str, float]]  # question id -> key -> weight
    postings: dict[str, list[tuple[str, float]]]  # key -> (question id, weight)
    texts: dict[str, str]  # question id -> its question, to name it


_WORD = re.compile(r"[^\W_]+")


def _keys_of(text: str, glossary: Glossary) -> list[str]:
    words = [word.casefold() for word in _WORD.findall(text)]
    return answer_keys(words, glossary.matches(words))


def _question_counts(question: Question, with_example: bool = True) -> dict[str, float]:
    """A question's keys, its own words (text, points, cues) counting double."""
    glossary = bundled_glossary()
    counts: dict[str, float] = {}
    core = [question.question, question.introduction, *question.how_to_answer]
    core += [cue for index in range(len(question.how_to_answer)) for cue in question.cues(index)]
    rest = [*question.what_not_to_say, *([question.example_answer] if with_example else [])]
    for text, weight in [(text, _CORE_WEIGHT) for text in core] + [(text, 1.0) for text in rest]:
        for key in _keys_of(text, glossary):
            counts[key] = counts.get(key, 0.0) + weight
    return counts


def _vector(counts: Mapping[str, float], idf: dict[str, float]) -> dict[str, float]:
    weights = {key: (1 + math.log(count)) * idf[key] for key, count in counts.items() if idf.get(key)}
    length = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
    return {key: weight / length for key, weight in weights.items()}


def build_profiles(questions: Sequence[Question]) -> _Profiles:
    """The profiles of a reference bank (a later question with an id replaces an earlier one)."""
    by_id = {question.id: question for question in questions}
    counts = {qid: _question_counts(question) for qid, question in by_id.items()}
    frequency = Counter(key for bag in counts.values() for key in bag)
    idf = {key: math.log(len(counts) / n) for key, n in frequency.items()}
    vectors = {qid: _vector(bag, idf) for qid, bag in counts.items()}
    postings: dict[str, list[tuple[str, float]]] = {}
    for qid, vector in vectors.items():
        for key, weight in vector.items():
            if idf[key] >= _INFORMATIVE:
                postings.setdefault(key, []).append((qid, weight))
    return _Profiles(idf, vectors, postings, {qid: question.question for qid, question in by_id.items()})


@functools.lru_cache(maxsize=1)
def _bundled_questions() -> tuple[Question, ...]:
    """The bundled bank, read on the first answer judged: the reference every answer is compared with."""
    return load_bank().questions


@functools.lru_cache(maxsize=1)
def bundled_profiles() -> _Profiles:
    """The bundled bank's profiles: the reference every answer is compared with."""
    return build_profiles(_bundled_questions())


@functools.lru_cache(maxsize=256)
def _own_vector(question: Question, with_example: bool = True) -> dict[str, float]:
    """The question's own profile: the bundled one when the question is bundled, else built from its words."""
    profiles = bundled_profiles()
    if with_example and profiles.vectors.get(question.id) and question in _bundled_questions():
        return profiles.vectors[question.id]
    return _vector(_question_counts(question, with_example), profiles.idf)


# ---------------------------------------------------------------- the judgement


@dataclass(frozen=True)
class Similarity:
    """The answer's cosine with the question asked, and the best other question with its cosine."""

    own: float
    best: float
    best_id: str | None


def similarity(
    question: Question, keys: Sequence[str], own: Mapping[str, float] | None = None, enough: float | None = None
) -> Similarity:
    """How closely keys match the question asked (or `own`, its vector), and the other question they match best.

    With `enough`, an answer at least that close to its own question is not compared with the others
    (best 0.0): they cannot change the judgement, and comparing is most of the cost.
    """
    profiles = bundled_profiles()
    answer = _vector(Counter(keys[:_MOST_WORDS]), profiles.idf)
    informative = [(key, weight) for key, weight in answer.items() if key in profiles.postings]
    vector = _own_vector(question) if own is None else own
    mine = sum(weight * vector.get(key, 0.0) for key, weight in informative)
    if enough is not None and mine >= enough:
        return Similarity(mine, 0.0, None)
    scores: dict[str, float] = {}
    # The heaviest keys decide which question an answer is closest to; the long tail only adds cost.
    for key, weight in sorted(informative, key=lambda item: -item[1])[:_HEAVIEST]:
        for qid, other in profiles.postings[key]:
            scores[qid] = scores.get(qid, 0.0) + weight * other
    scores.pop(question.id, None)
    best_id = max(scores, key=scores.__getitem__, default=None)
    return Similarity(mine, scores[best_id] if best_id else 0.0, best_id)


@functools.lru_cache(maxsize=4096)
def _kinship(question: Question, other_id: str) -> float:
    """The cosine of the question's profile with another bundled question's."""
    other = bundled_profiles().vectors.get(other_id, {})
    return sum(weight * other.get(key, 0.0) for key, weight in _own_vector(question).items())


@functools.lru_cache(maxsize=256)
def breadth(question: Question) -> float:
    """How readily a question takes answers about anything: 1 for most, less for broad ones.

    The question's example answer is scored against the question without it, and against every other
    question. A specific question ("how does C-MOVE find its destination?") wins clearly; a broad one
    ("tell me about a challenging situation") loses to whichever question the example's story is about,
    and by that share its answers may look like other questions' answers and still be on it.
    """
    keys = _keys_of(question.example_answer, bundled_glossary())
    found = similarity(question, keys, own=_own_vector(question, with_example=False))
    return min(1.0, found.own / found.best) if found.best else 1.0


# An answer this close to the question asked is on it, whatever else it resembles.
CLEARLY_ON = 0.12
# Below this share of the best other question's score (less for a broad question), with that question a
# clear match, the answer reads as another question's answer; below the second, it may be, and the
# feedback asks rather than says so.
ANOTHER_SHARE = 0.25
MAYBE_ANOTHER_SHARE = 0.4
# A story for a question that asks for one, or an answer closest to a sibling question (one whose profile has
# at least SIBLING in common with the question's, where two questions of the bank share about 0.05), is
# another question's answer only below this: nothing shared with the question asked.
NOTHING_SHARED = 0.01
SIBLING = 0.07
ANOTHER_AT_LEAST = 0.1
# An answer of some length that shares this little with every question is about something else.
UNRELATED_BELOW = 0.02
UNRELATED_WORDS = 12
# A vague answer with this many content words, none of them the question's, is small talk; so is one with
# the phrases of small talk and less than this similarity to the question.
SMALL_TALK_WORDS = 3
SMALL_TALK_BELOW = 0.08


def judge(
    question: Question,
    words: Sequence[str],
    terms: Sequence[TermMatch],
    english: bool,
    vague: bool = False,
    text: str | None = None,
    story: bool = False,
) -> Relevance:
    """Whether the answer is on the question: its folded words, its glossary terms, whether it reads as
    English, whether it is vague (a vague answer names nothing, so it cannot be another question's answer),
    its text, for the phrases of small talk, and whether it is told as a story.
    """
    if not words:
        return Relevance(False, EMPTY)
    keys = answer_keys(words[:_MOST_WORDS], [term for term in terms if term.last <= _MOST_WORDS])
    profiles = bundled_profiles()
    # A keyword list has fewer function words than English prose, so only a text not read as English can be one.
    if not english:
        if keyword_list(words, terms, keys, profiles.idf):
            return Relevance(False, KEYWORDS)
        return Relevance(False, LANGUAGE) if len(words) >= 3 else ON_THE_QUESTION
    if filler(keys):
        return Relevance(False, FILLER)
    if text is not None and fragments_only(text, words):
        return Relevance(False, KEYWORDS)
    found = similarity(question, keys, enough=CLEARLY_ON)
    if found.own >= CLEARLY_ON:
        return ON_THE_QUESTION
    if not vague and found.best_id and found.best >= ANOTHER_AT_LEAST:
        # A question whose own example shares nothing with it (breadth 0) takes any answer. A story told for
        # a question that asks for one may be about anything, so it is called another question's answer only
        # when it shares nothing with the question; otherwise the feedback asks.
        # Nor is an answer closer to a sibling of the question (the same subject for another jurisdiction,
        # another step of the same task) called off it: it asks.
        expected = breadth(question) * found.best
        any_story_will_do = story and asks_for_a_story(question)
        sibling = _kinship(question, found.best_id) >= SIBLING
        limit = NOTHING_SHARED if any_story_will_do or sibling else ANOTHER_SHARE * expected
        if expected > 0 and found.own < limit:
            return Relevance(False, ANOTHER_QUESTION, profiles.texts[found.best_id])
        if found.own < MAYBE_ANOTHER_SHARE * expected:
            return Relevance(True, instead=profiles.texts[found.best_id])
    if found.own < UNRELATED_BELOW and found.best < UNRELATED_BELOW and len(keys) >= UNRELATED_WORDS:
        return Relevance(False, UNRELATED)  # nothing the bank knows of: not this question, not any other
    if vague and not terms and len(keys) >= SMALL_TALK_WORDS:
        if not set(keys) & (_own_words(question) | _WORKPLACE):
            return Relevance(False, UNRELATED)  # no term, nothing specific, no word of the question or the work
        if found.own < SMALL_TALK_BELOW and text is not None and rules.small_talk(text):
            return Relevance(False, UNRELATED)  # pleasantries or stock self-praise, and little of the question
    return ON_THE_QUESTION


# Everyday words of the workplace: a vague answer that uses them ("a system wasn't working and users kept
# complaining") is a weak answer about the work, not small talk.
_WORKPLACE = stems_of(
    "system systems user users patient patients image images study studies radiology radiologist radiologists"
    " hospital clinic clinician clinicians scan scans scanner server network archive outage ticket tickets"
)


@functools.lru_cache(maxsize=256)
def _own_words(question: Question) -> frozenset[str]:
    """The distinctive stems of everything the question says: its text, points, cues, pitfalls and example."""
    cues = [cue for index in range(len(question.how_to_answer)) for cue in question.cues(index)]
    parts = [question.question, question.introduction, *question.how_to_answer, *cues, *question.what_not_to_say]
    text = " ".join([*parts, question.example_answer])
    return frozenset(key for key in _keys_of(text, bundled_glossary()) if key not in GENERIC_WORDS)


def filler(keys: Sequence[str]) -> bool:
    """The same few words again and again: in a short answer, fewer than nine content words in twenty are
    new; in a long one, fewer than one in five (a long answer repeats its subject more)."""
    if len(keys) >= 40:
        return len(set(keys)) * 5 < len(keys)
    return len(keys) >= 12 and len(set(keys)) * 20 < len(keys) * 9


# A list of terms read as English ("Patient, study, series. UIDs. VR.", "Communication. Trust. Quick wins."):
# at least this many pieces between stops, commas and line breaks, none longer than a few words, and
# fewer function words than terse instructions have ("Send with C-STORE. Query with C-FIND.").
_PIECES = re.compile(r"[^.,;:!?\n•·*()/]+")
FRAGMENTS_AT_LEAST = 4
FRAGMENT_WORDS = 3
FRAGMENT_FUNCTION_SHARE = 1 / 6


def fragments_only(text: str, words: Sequence[str]) -> bool:
    """Nothing but short pieces with hardly a function word: no piece of the text is a sentence."""
    pieces = [piece.split() for piece in _PIECES.findall(text[:4000])]
    pieces = [found for found in pieces if found and any(word.strip("-–—'\"") for word in found)]
    if len(pieces) < FRAGMENTS_AT_LEAST or any(len(found) > FRAGMENT_WORDS for found in pieces):
        return False
    sample = words[:_MOST_WORDS]
    return sum(word in STOP_WORDS for word in sample) < FRAGMENT_FUNCTION_SHARE * len(sample)


def keyword_list(
    words: Sequence[str], terms: Sequence[TermMatch], keys: Sequence[str], known: dict[str, float]
) -> bool:
    """Terms with hardly a function word between them: a list of keywords, not sentences.

    English prose runs at about four function words in ten; a terse bullet list still has one in six or
    seven ("check the AE title on both sides"). A keyword list has fewer than one in ten (the line below
    which the rules stop reading a text as English), names terms, and its words are the bank's own (text in
    another language has few English function words too, but its words are unknown).
    """
    if len(words) < 4 or not terms:
        return False
    sample = words[:_MOST_WORDS]
    function_words = sum(word in STOP_WORDS for word in sample)
    familiar = sum(key in known for key in keys)
    return function_words * 10 < len(sample) and familiar * 2 >= len(keys)
