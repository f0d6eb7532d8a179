"""Answer analysis: what a typed answer did well and badly. Pure: data in, data out.

`analyze(question, answer)` reads one answer the way a careful interviewer
would skim it: whether it addresses the question at all (relevance), whether
it is a story or an explanation (form), how long it runs, whether a story has
its STAR parts, whether it has numbers, who did the work ("I" or "we"), which
how-to-answer points it covers (each with the answer's words quoted), which
PACS terms it uses and misses, any red flag with the words that raised it,
and last the verdict: a grade and up to three fixes (verdict). Everything
shown is said only on evidence; when in doubt the engine says nothing, or
asks. The rules are plain phrase patterns and counts (answer_rules, flag_rules),
checked against the dev answers of the
labelled corpus, tests/data/answers/dev*.yaml, written by several people. For
the scene, the task and the ending, a learned sentence scorer (signal_model)
backs the rule up: the part is found when either finds it, and the rule's
phrase is quoted when it has one. For blame and deflection a scorer confirms
a rule whose evidence alone is not sure enough to assert.

A red flag is asserted only on evidence that was right at least nine times
in ten on writers it was not written for (tests/data/answers/README.md "What
is asserted and what is asked"); weaker evidence of blame, deflection or a
missing ending becomes a question among the verdict's fixes, quoting the words.

The only I/O is the bundled glossary and scorer weights, each read once and cached.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pacs_interview.bank import Question, QuestionType
from pacs_interview.common.safe_text import CONTROL_CHARACTERS
from pacs_interview.feedback import answer_rules as rules
from pacs_interview.feedback import flag_rules
from pacs_interview.feedback.form import STORY, answer_form
from pacs_interview.feedback.glossary import WORD, Glossary, TermMatch, bundled_glossary
from pacs_interview.feedback.guidance_match import (
    AnswerFacts,
    PointCoverage,
    StarEvidence,
    cover_points,
    sentence_of_phrase,
)
from pacs_interview.feedback.regions import bundled_regions
from pacs_interview.feedback.relevance import Relevance
from pacs_interview.feedback.relevance import judge as judge_relevance
from pacs_interview.feedback.signal_model import Parsed, Scorer, bundled_scorers, parse
from pacs_interview.feedback.stemming import stems_of
from pacs_interview.feedback.verdict import Signals, Verdict
from pacs_interview.feedback.verdict import judge as judge_verdict
from pacs_interview.feedback.words import count_words

# A common estimate for unhurried interview speech; used to turn words into time.
SPEAKING_RATE_WPM = 130

# Seconds of speech that make a "good" length, per question type.
# - behavioral, situational, leadership: a STAR story needs about a minute to
#   get through scene, task, actions and result; past three minutes the
#   listener loses the thread (the usual coaching advice: one to three minutes).
# - competency: an approach plus one example; it can be complete in 45 seconds
#   and should still stop at three minutes.
# - technical: a plain explanation with one example can be complete in 30
#   seconds; after two and a half minutes it turns into a lecture.
LENGTH_SECONDS: dict[QuestionType, tuple[int, int]] = {
    QuestionType.behavioral: (60, 180),
    QuestionType.situational: (60, 180),
    QuestionType.leadership: (60, 180),
    QuestionType.competency: (45, 180),
    QuestionType.technical: (30, 150),
}

RED_FLAG_KINDS = ("blame", "deflection", "vague", "no-result")

# A story's ending is told in its second half. Earlier, the words of an outcome are a step on the way or a
# time of day ("the page came in at ten past two", "the test study opened fine"), not how it ended.
ENDING_FROM = 0.5


# Terminal escape sequences (CSI, OSC, two-byte ESC) and other control
# characters carry no words; reading past them keeps "\x1b[31m" from looking
# like "31 m" and keeps them out of the phrases quoted back to the user.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(f"[{CONTROL_CHARACTERS}]")
# Word processors and phone keyboards type "isn’t" and “quotes”; the rules are written with plain ones.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})
# A whitespace-separated chunk with no letter or digit in it.

# The phrase rules read at most this many characters from each end of an
# answer. 40,000 characters is about 6,000 words, three-quarters of an hour of
# speech, so no interview answer is cut; a pasted log file or a 1 MB paste is
# still counted in full (words, time, pronouns, terms, guidance) but cannot
# make the phrase rules take seconds. Scenes open a story and results close it,
# so the two ends are what the rules need.
RULE_WINDOW = 40_000


@dataclass(frozen=True)
class Star:
    """Which STAR parts the answer has."""

    situation: bool
    task: bool
    action: bool
    result: bool

    def to_json(self) -> dict[str, bool]:
        return {"situation": self.situation, "task": self.task, "action": self.action, "result": self.result}


@dataclass(frozen=True)
class RedFlag:
    """A warning sign, the answer's words that raised it, and the what-not-to-say point it relates to.

    `point` is None when none of the question's what-not-to-say points shares
    a keyword with the kind: quoting an unrelated point would mislead more
    than quoting none.
    """

    kind: str
    phrase: str
    point: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "phrase": self.phrase, "point": self.point}


@dataclass(frozen=True)
class Feedback:
    """Every signal for one answer to one question."""

    question_id: str
    word_count: int
    speaking_seconds: int
    length: str
    star: Star | None  # None for an explanation: STAR parts are judged only in a story
    quantified: bool
    ownership: str
    guidance: tuple[PointCoverage, ...]
    red_flags: tuple[RedFlag, ...]
    terms_used: tuple[str, ...]
    terms_missing: tuple[str, ...]
    form: str
    relevant: bool
    verdict: Verdict
    # Red flags not sure enough to assert, with the words quoted: asked in the verdict's fixes, not in the JSON.
    asked: tuple[tuple[str, str], ...] = ()

    @property
    def covered(self) -> list[bool]:
        """Per how-to-answer point, whether the answer covers it (for ticking the list)."""
        return [point.covered for point in self.guidance]

    def to_json(self) -> dict[str, object]:
        """The JSON form that `feedback --json`, the history file and transcripts keep: stable keys, fixed order."""
        return {
            "question_id": self.question_id,
            "word_count": self.word_count,
            "speaking_seconds": self.speaking_seconds,
            "length": self.length,
            "star": self.star.to_json() if self.star else None,
            "quantified": self.quantified,
            "ownership": self.ownership,
            "guidance": [point.to_json() for point in self.guidance],
            "red_flags": [flag.to_json() for flag in self.red_flags],
            "terms_used": list(self.terms_used),
            "terms_missing": list(self.terms_missing),
            "form": self.form,
            "relevant": self.relevant,
            "verdict": self.verdict.to_json(),
        }


@dataclass(frozen=True)
class _Reading:
    """The answer prepared once: clean text, folded words, glossary matches, and the shared findings."""

    text: str
    window: str  # what the phrase rules read: the whole answer, or its two ends when it is huge
    words: list[str]
    terms: list[TermMatch]
    quantity: str | None
    english: bool
    vague: bool
    scorers: Mapping[str, Scorer]
    sentences: Parsed

    def found(self, signal: str, by_rule: str | None, *, besides: str | None = None) -> str | None:
        """The rule's phrase for a signal, or else the sentence its learned scorer picks (never the one holding
        the words `besides`, already evidence of another part), or None."""
        scorer = self.scorers.get(signal)
        if by_rule is not None or scorer is None:
            return by_rule
        sentences = (
            self.sentences if besides is None else [found for found in self.sentences if besides not in found[0]]
        )
        return scorer.evidence(sentences)


def analyze(question: Question, answer: str, *, scorers: Mapping[str, Scorer] | None = None) -> Feedback:
    """Every feedback signal for `answer` to `question`.

    `scorers` replaces the bundled learned scorers (signal_model); an empty mapping leaves the phrase
    rules alone. The training script uses it to compare rules, scorers and both.
    """
    glossary = bundled_glossary()
    reading = _read(answer, glossary, bundled_scorers() if scorers is None else scorers)
    words = count_words(reading.text)
    seconds = round(words * 60 / SPEAKING_RATE_WPM)
    form = answer_form(reading.window, question.type)
    story = form == STORY
    on_question = judge_relevance(
        question, reading.words, reading.terms, reading.english, reading.vague, reading.window, story
    )
    evidence = _star_evidence(reading) if story else (None, None, None, None)
    flags, asked = _red_flags(question, reading, evidence, story)
    # Sentences that blame or hand the matter over tick no point, asserted or only asked about.
    disowned = tuple(
        span
        for kind, phrase in [*((flag.kind, flag.phrase) for flag in flags), *asked.items()]
        if kind in ("blame", "deflection") and (span := sentence_of_phrase(reading.text, phrase))
    )
    facts = AnswerFacts(
        reading.window, evidence, reading.quantity, reading.vague, story, on_question.relevant, disowned
    )
    used = glossary.in_order({match.name for match in reading.terms})
    guidance = cover_points(
        question.question, question.how_to_answer, reading.text, reading.terms, facts, question.look_for
    )
    length = _length(question.type, seconds)
    star = Star(*(phrase is not None for phrase in evidence)) if story else None
    signals = Signals(
        relevant=on_question.relevant,
        off_reason=on_question.reason,
        maybe_instead=on_question.instead if on_question.relevant else None,
        story=story,
        words=words,
        length=length,
        covered=[point.covered for point in guidance],
        flags=frozenset(flag.kind for flag in flags),
        asked=asked,
        situation=bool(star and star.situation),
        action=bool(star and star.action),
        result=bool(star and star.result),
        result_doubtful="no-result" in asked,
        quantified=reading.quantity is not None,
        ownership=ownership(reading.text),
    )
    return Feedback(
        question_id=question.id,
        word_count=words,
        speaking_seconds=seconds,
        length=length,
        star=star,
        quantified=reading.quantity is not None,
        ownership=signals.ownership,
        guidance=guidance,
        red_flags=flags,
        terms_used=used,
        terms_missing=_terms_missing(question, reading, used, on_question),
        form=form,
        relevant=on_question.relevant,
        verdict=judge_verdict(question, signals),
        asked=tuple(asked.items()),
    )


def _terms_missing(question: Question, reading: _Reading, used: tuple[str, ...], on: Relevance) -> tuple[str, ...]:
    """The example answer's terms this answer should have used, in the example's order.

    A term qualifies only when the question's own words name it too (its text, its points, their cues):
    a term only the example's own story uses (the MRN of its patient, the teleradiology firm of its
    hospital) is colour, not what the question asks. PACS and words any candidate uses are never
    listed; a law or regulator only where the question or the answer is set.
    """
    if not on.relevant:
        return ()
    candidates = [name for name in _called_for(question) if name not in used]
    regions = bundled_regions()
    if all(name not in regions.terms for name in candidates):
        return tuple(candidates)  # no jurisdiction's term among them: no need to place the answer
    places = frozenset(question.region) or regions.of_answer(reading.words, used)
    return tuple(name for name in candidates if regions.fits(name, places))


@functools.lru_cache(maxsize=256)
def _called_for(question: Question) -> tuple[str, ...]:
    """The example answer's terms that the question's own words name too (its text, its points, their cues),
    in the example's order, leaving out PACS and the words any candidate uses."""
    glossary = bundled_glossary()
    cues = [cue for index in range(len(question.how_to_answer)) for cue in question.cues(index)]
    named = set(glossary.terms_in("\n".join([question.question, *question.how_to_answer, *cues])))
    return tuple(
        name
        for name in glossary.terms_in(question.example_answer)
        if name in named and name not in glossary.everyday and name not in rules.GENERIC_TERMS
    )


def clean_text(answer: str) -> str:
    """The answer without escape sequences or control characters, with plain quotes and line ends."""
    return _CONTROLS.sub(" ", _ESCAPES.sub(" ", answer.replace("\r\n", "\n"))).translate(_TYPOGRAPHIC)


def _read(answer: str, glossary: Glossary, scorers: Mapping[str, Scorer]) -> _Reading:
    text = clean_text(answer)
    words = [word.casefold() for word in WORD.findall(text)]
    terms = list(glossary.matches(words))
    window = text if len(text) <= 2 * RULE_WINDOW else text[:RULE_WINDOW] + "\n\n" + text[-RULE_WINDOW:]
    quantity = rules.quantity(window)
    # An answer that is not English cannot be judged by English rules: say nothing rather than "vague".
    english = rules.looks_english(words)
    vague = english and not _specific(terms, quantity, words, window)
    # Sentences are parsed only when some scorer will read them.
    sentences = parse(window) if scorers else []
    return _Reading(text, window, words, terms, quantity, english, vague, scorers, sentences)


def _length(kind: QuestionType, seconds: int) -> str:
    shortest, longest = LENGTH_SECONDS[kind]
    if seconds < shortest:
        return "short"
    return "long" if seconds > longest else "good"


def ownership(text: str) -> str:
    """`I`, `we`, `mixed` or `none` from first-person subject pronouns (two thirds decide)."""
    singular = len(rules.SINGULAR.findall(text))
    plural = len(rules.PLURAL.findall(text))
    total = singular + plural
    if total == 0:
        return "none"
    # Integer comparison, so exactly two thirds (2 of 3, 6 of 9) counts without rounding trouble.
    if 3 * singular >= 2 * total:
        return "I"
    return "we" if 3 * plural >= 2 * total else "mixed"


def _specific(terms: list[TermMatch], quantity: str | None, words: list[str], text: str) -> bool:
    """The answer names a system, standard, concrete thing or number.

    Logs and settings named only to be tried until something works ("look at the logs, try some things
    until it works, else it's the network") are not specific: nothing is named that a check would find.
    It takes a number, or two terms of the trade, to make such an answer specific.
    """
    if quantity is not None:
        return True
    named = {match.name for match in terms if match.name not in rules.GENERIC_TERMS}
    if rules.trial_and_error(text) is not None:
        return len(named) >= 2
    return bool(named) or rules.concrete_noun(words)


def _star_evidence(reading: _Reading) -> StarEvidence:
    """The phrase that shows each STAR part, or None.

    A vague answer sets no particular scene, takes no concrete step and reaches no concrete end,
    whatever stock phrase it uses ("we had an outage once", "it started working again").
    """
    text = reading.window
    task = reading.found("task", rules.task(text))
    if reading.vague:
        return None, task, None, None
    return (
        reading.found("situation", rules.situation(text)),
        task,
        rules.action(text),
        # The sentence that states the goal ("My job was to get images flowing again") is not its ending.
        reading.found("result", rules.result(text, from_share=ENDING_FROM), besides=task),
    )


def _red_flags(
    question: Question, reading: _Reading, star: StarEvidence, story: bool
) -> tuple[tuple[RedFlag, ...], dict[str, str]]:
    """The red flags asserted, each with the words that raised it, and the ones only asked about.

    Asserted: evidence right at least nine times in ten on writers it was not written for. Asked: the
    rest, each with the words a question about it quotes.
    """
    found = {
        "blame": _blame(reading),
        "deflection": _deflection(reading),
        "vague": (rules.vague_phrase(reading.window), True) if reading.vague else None,
        # An explanation has no ending to tell.
        "no-result": _no_result(reading, star) if story else None,
    }
    flags = tuple(
        RedFlag(kind, evidence[0], related_point(kind, question.what_not_to_say))
        for kind in RED_FLAG_KINDS
        if (evidence := found[kind]) is not None and evidence[1]
    )
    asked = {kind: evidence[0] for kind, evidence in found.items() if evidence is not None and not evidence[1]}
    return flags, asked


def _agrees(reading: _Reading, signal: str) -> bool:
    scorer = reading.scorers.get(signal)
    return scorer is not None and scorer.agrees(reading.sentences)


def _blame(reading: _Reading) -> tuple[str, bool] | None:
    """The blaming words and whether to assert them.

    A fault named as a party's ("the vendor's fault", "IT got the settings wrong") is asserted; a reproach
    ("honestly, they never tested it") only when the blame scorer agrees, else asked about.
    """
    found = flag_rules.blame_evidence(reading.window)
    if found is None:
        return None
    phrase, family = found
    return phrase, family == flag_rules.FAULT or _agrees(reading, "blame")


def _deflection(reading: _Reading) -> tuple[str, bool] | None:
    """The words that hand the matter over and whether to assert them.

    Disowning it ("not my job") is asserted; putting it in another party's keeping ("that sits with IT")
    only when the deflection scorer agrees. The scorer's sentence alone is asked about, never asserted.
    """
    found = flag_rules.deflection_evidence(reading.window)
    if found is not None:
        phrase, family = found
        return phrase, family == flag_rules.DISOWNED or _agrees(reading, "deflection")
    by_scorer = reading.found("deflection", None)
    return (by_scorer, False) if by_scorer is not None else None


def _no_result(reading: _Reading, star: StarEvidence) -> tuple[str, bool] | None:
    """The last sentence of a story (see form.answer_form) that never says how it ended, and whether to assert it.

    Asserted only when the ending is clearly absent: no word of an ending or a change in the closing
    sentence. Otherwise the story may have ended in words the rules do not know, so the feedback asks.
    A vague answer gets no STAR result, yet "and that was the end of it" still says how it ended,
    so the ending is looked for again in its words.
    """
    if star[3] is not None:
        return None
    if reading.vague and rules.result(reading.window) is not None:
        return None
    return rules.last_sentence(reading.window), rules.ending_clearly_absent(reading.window)


def related_point(kind: str, points: Sequence[str]) -> str | None:
    """The what-not-to-say point sharing most keywords with the flag's kind; the first wins a tie."""
    keywords = rules.FLAG_KEYWORDS[kind]
    best, best_score = None, 0
    for point in points:
        score = len(keywords & stems_of(point))
        if score > best_score:
            best, best_score = point, score
    return best
