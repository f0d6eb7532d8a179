"""English stemming for matching an answer against guidance points.

Snowball's English stemmer maps "checked", "checking" and "checks" to one
stem. Stems are cached per word: an answer repeats its words, and the same
process analyses many answers, so most look-ups never reach the stemmer.
"""

from __future__ import annotations

import functools

import snowballstemmer  # type: ignore[import-untyped]  # the package ships no type information

from pacs_interview.feedback.glossary import folded_words

# Common English function words: they carry no content for matching, and the
# share of them in an answer tells English text from other languages.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves s t d ll m ve re
    don didn doesn isn wasn weren won wouldn couldn shouldn aren hasn haven hadn us let may might must shall via
    e g eg ie etc""".split()
)

_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one folded word."""
    return str(_STEMMER.stemWord(word))


def stems_of(text: str) -> frozenset[str]:
    """Stems of the content words of `text` (stop words dropped)."""
    return frozenset(stem(word) for word in folded_words(text) if word not in STOP_WORDS)


# Everyday words of this trade that any answer uses: never evidence for a point on their own.
GENERIC_WORDS: frozenset[str] = stems_of(
    """tell told check checked checking wrong patient patients system systems issue issues problem problems
    team teams user users data image images study studies look fix fixed time times need needs make made get
    got know good right new able sure help people staff case cases way question change changes process step
    steps also really just well go went come came take took keep kept put set see saw call called ask asked
    want wanted try tried think thought happen happened thing lot next back day days week hour hours minute
    minutes hospital department clinical clinician clinicians radiology imaging pacs service services
    different every each first last both other others same whole part place site sites work works working
    worked like"""
)
