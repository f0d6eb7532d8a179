"""Whether an answer is a story or an explanation: the feedback's `form`.

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

from pacs_interview.bank import Question, QuestionType
from pacs_interview.feedback import answer_rules as rules
from pacs_interview.feedback.sentences import sentences

STORY = "story"
EXPLANATION = "explanation"
FORMS = (STORY, EXPLANATION)

# Questions whose natural answer is an account of an event: a lone past step there is the story.
_STORY_TYPES = frozenset({QuestionType.behavioral, QuestionType.leadership})


# A question asking for something that happened: "Tell me about a time", "Recall an outage", "Walk me through
# a fault you diagnosed", "what was the toughest problem you faced".
_ASKS_FOR_AN_EVENT = re.compile(
    r"^(?:recall|looking back|tell me about|walk me through|give an example|describe a time)\b|"
    r"\b(?:did you|were you|you (?:made|faced|led|had|took|handled|diagnosed|resolved|ran|found|fixed|owned|managed|"
    r"dealt|stopped|postponed|helped|coached|hired|saw))\b",
    re.IGNORECASE,
)


def asks_for_a_story(question: Question) -> bool:
    """The question asks for a time something happened (its type says so, or its words do)."""
    return question.type in _STORY_TYPES or _ASKS_FOR_AN_EVENT.search(question.question) is not None


def answer_form(text: str, kind: QuestionType) -> str:
    """`story` or `explanation` for an answer (its rule window) to a question of type `kind`."""
    told, planned = rules.steps_told(text), rules.steps_planned(text)
    if told == 0 or told < planned:
        return EXPLANATION
    # An explanation may open or end on an anecdote ("on my placement I watched a CT reach the ward"); a
    # story is told mostly in the past. A tie goes to what the question asks for, bar a tie of one
    # sentence each: a short story with its context.
    past, present = tenses(text)
    if past < present or (past == present >= 2 and kind not in _STORY_TYPES):
        return EXPLANATION
    if told >= 2 or kind in _STORY_TYPES:
        return STORY
    # One step told and nothing planned: a story only if it also sets a scene of its own.
    return STORY if rules.situation(text) is not None else EXPLANATION


# Verbs in the past: the common irregular ones, and regular ones in -ed that are not adjectives in
# disguise ("the called AE title", "a dedicated link", "a shared login"). Then the present, a plan, or
# the listener: how an explanation talks. Words are looked up in sets: a regular expression with these
# alternatives tried at every word costs ten times as much.
_IRREGULAR_PAST = frozenset(
    """was were had did didn't wasn't weren't went came got took made found sent told ran rang kept led spoke
    wrote began brought built caught chose gave held left paid sat spent stood taught won drew drove saw knew
    thought felt heard lost fell broke became said""".split()
)
_NOT_PAST = frozenset(
    """need based called related required needed used shared dedicated advanced automated detailed experienced
    expected limited named fixed connected affected agreed allowed approved assigned associated booked
    compressed configured encrypted logged mapped networked qualified signed stored supported tested trusted
    updated unexpected indeed speed feed embed exceed proceed succeed seed bed red shed hundred wed""".split()
)
_PRESENT = frozenset(
    """is are am isn't aren't do does don't doesn't can can't will won't would wouldn't should must i'd we'd
    i'll we'll it's that's there's they're we're i'm you're you your""".split()
)
_WORD = re.compile(r"[\w']+")


# Before a participle, words that make it present ("is configured", "are rostered", "gets logged").
_PASSIVE_BEFORE = frozenset("is are am be been being get gets it's that's they're we're".split())
_SUBJECTS = frozenset("i we you they".split())


def tenses(text: str) -> tuple[int, int]:
    """Sentences told mostly in the past, and sentences mostly in the present (or planned, or addressed).

    A participle after "is" or "are" is the present passive ("retention is configured in the archive");
    a subject with a verb that is not a past form is the present ("I build a timeline", "we sit down").
    """
    past = present = 0
    for sentence in sentences(text.replace("’", "'")):
        lean, before = 0, ""
        for word in _WORD.findall(sentence.casefold()):
            if word in _IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST):
                lean += 0 if before in _PASSIVE_BEFORE else 1
            elif (word in _PRESENT or (before in _SUBJECTS and word not in _NOT_A_VERB)) and not (
                before == "you" and word in _FILLERS
            ):
                lean -= 1
            before = word
        past += lean > 0
        present += lean < 0
    return past, present


# "you know", "you see": fillers in speech, not the listener addressed.
_FILLERS = frozenset({"know", "see", "mean"})
# Words after a subject that are not a present verb: adverbs and auxiliaries counted elsewhere.
_NOT_A_VERB = frozenset(
    """also just then first still only always never really actually both all usually often had have has was were
    did didn't can could would will should must might may 'd 'll 've 're 'm""".split()
)
