"""Whether an answer is a story or an explanation (design.md "Feedback signals": `form`).

A story is told as something that happened: a past event, steps the speaker
took, usually in the past tense. An explanation sets out a concept, a
procedure or an approach ("I would...", "it works like this") without
recounting one event. The answer decides, whatever the question asked: a
technical question answered with a war story is a story, and a "tell me about
a time" question answered with a plan is an explanation. The question's type
only breaks a near tie: one past step in a technical answer ("when I shadowed
the team, I saw ...") is colour in an explanation, not a story.

Only stories are judged on their STAR parts and on how they ended.
"""

from __future__ import annotations

import re

from pacs_interview.bank import QuestionType
from pacs_interview.feedback import answer_rules as rules

STORY = "story"
EXPLANATION = "explanation"
FORMS = (STORY, EXPLANATION)

# Questions whose natural answer is an account of an event: a lone past step there is the story.
_STORY_TYPES = frozenset({QuestionType.behavioral, QuestionType.leadership})


def answer_form(text: str, kind: QuestionType) -> str:
    """`story` or `explanation` for an answer (its rule window) to a question of type `kind`."""
    told, planned = rules.steps_told(text), rules.steps_planned(text)
    if told == 0 or told < planned:
        return EXPLANATION
    # An explanation may end on an anecdote ("on my placement I watched a CT reach the ward"); a story
    # is told mostly in the past.
    past, present = tenses(text)
    if past < present:
        return EXPLANATION
    if told >= 2 or kind in _STORY_TYPES:
        return STORY
    # One step told and nothing planned: a story only if it also sets a scene of its own.
    return STORY if rules.situation(text) is not None else EXPLANATION


# Verbs in the past: the common irregular ones, and regular ones in -ed that are not adjectives in
# disguise ("the called AE title", "a dedicated link", "a shared login").
_PAST = re.compile(
    r"\b(?:was|were|had|did|didn't|wasn't|weren't|went|came|got|took|made|found|sent|told|ran|rang|kept|led|spoke|"
    r"wrote|began|brought|built|caught|chose|gave|held|left|paid|sat|spent|stood|taught|won|drew|drove|saw|knew|"
    r"thought|felt|heard|lost|fell|broke|became|said|\w{3,}ed)\b",
    re.IGNORECASE,
)
_NOT_PAST = re.compile(
    r"need|based|called|related|required|needed|used|shared|dedicated|advanced|automated|detailed|experienced|"
    r"expected|limited|named|fixed|connected|affected|agreed|allowed|approved|assigned|associated|booked|compressed|"
    r"configured|encrypted|logged|mapped|networked|qualified|signed|stored|supported|tested|trusted|updated|"
    r"unexpected|indeed|speed|feed|embed|exceed|proceed|succeed|seed|bed|red|shed|hundred|wed",
    re.IGNORECASE,
)
# The present, a plan, or the listener: how an explanation talks.
_PRESENT = re.compile(
    r"\b(?:is|are|am|isn't|aren't|do|does|don't|doesn't|can|can't|will|won't|would|wouldn't|should|must|I'd|we'd|"
    r"I'll|we'll|it's|that's|there's|they're|we're|I'm|you're|you|your)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def tenses(text: str) -> tuple[int, int]:
    """Sentences told mostly in the past, and sentences mostly in the present (or planned, or addressed)."""
    leanings = [_leaning(sentence) for sentence in _SENTENCE.split(text)]
    return sum(lean > 0 for lean in leanings), sum(lean < 0 for lean in leanings)


def _leaning(sentence: str) -> int:
    """Past-tense verbs less present-tense ones: above 0, the sentence recounts."""
    before = sum(1 for verb in _PAST.findall(sentence) if not _NOT_PAST.fullmatch(verb))
    return before - len(_PRESENT.findall(sentence))
