"""The phrase rules behind the feedback signals: STAR parts, numbers, vague answers, endings and pronouns.

Each rule returns the words of the answer that satisfied it, or None, so the
feedback can quote the answer back instead of only giving a verdict. Each
group says what idea it is meant to catch (a time or place anchor for the
scene, a goal or duty for the task, an ending for the result) and is written
as that idea in general words, then checked against the dev answers of
several writers (tests/data/answers/dev*.yaml) and the bank's example answers.
Each writer's answers were first scored untouched, as a new speaker's would
be, and only then read for wording the rules had missed. Blame
and deflection, which are about other people, live in flag_rules.

Repetition inside a pattern is bounded ("up to three words"), so each
pattern costs a bounded amount per position of the text and a long answer
costs a few passes, never a blow-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pacs_interview.feedback.sentences import sentences
from pacs_interview.feedback.stemming import STOP_WORDS, stems_of

_FLAGS = re.IGNORECASE


def any_word(*alternatives: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """One pattern matching any alternative as whole words."""
    # (?=\w) turns away every position that cannot start a word before the alternatives are tried,
    # which keeps a long run of punctuation or blank lines from costing a pass per alternative.
    return re.compile(r"(?<![\w'’])(?=\w)(?:" + "|".join(alternatives) + r")(?![\w'’])", flags)


# A negation up to two words before a phrase turns it around: "not the vendor's fault", "nobody had asked
# me to", "not everybody was happy", "I'm not going to chase it". A "no" that is an answer ("I told him
# no and that was the end of it") negates nothing after it.
_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\bno(?![\s,]+(?:and|but|or|so|then)\b)|\bnobody|\bno\s+one)\s+(?:[\w'’-]+\s+){0,2}$",
    _FLAGS,
)


def negated_before(text: str, position: int) -> bool:
    """A negation stands just before `position` in `text`."""
    return _NEGATION_BEFORE.search(text, max(0, position - 30), position) is not None


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group() if match else None


# ---------------------------------------------------------------- pronouns

# Ownership counts first-person SUBJECT pronouns ("I checked", "we rolled back"), not "me" or "us": who
# did the work, not who it happened to. "I" is case-sensitive (a
# lower-case "i" is more often a list marker or a typo than a pronoun); the
# look-arounds keep "XDS-I", "I/O" and "I.b" out.
SINGULAR = re.compile(r"(?<![\w'’\-/.])I(?:['’](?:m|ve|d|ll))?(?![\w'’\-/]|\.\w)")
PLURAL = re.compile(r"(?<![\w'’\-])[Ww]e(?:['’](?:re|ve|d|ll))?(?![\w'’\-])")

# ---------------------------------------------------------------- words


def looks_english(words: list[str]) -> bool:
    """At least one word in ten is an English function word (typical English runs at four in ten)."""
    if not words:
        return False
    sample = words[:2000]  # the opening is representative, and this keeps a huge answer cheap
    return sum(word in STOP_WORDS for word in sample) * 10 >= len(sample)


# ---------------------------------------------------------------- specifics and numbers

# Glossary terms so general that naming them shows nothing specific: every
# answer to a PACS question says "PACS", and people, roles and project words
# ("the vendor", "the radiologists", "an upgrade") name no system, standard or
# step. "We had an incident with the vendor after an upgrade" is still vague.
GENERIC_TERMS = frozenset(
    {
        "PACS",
        "vendor",
        "radiologist",
        "radiographer",
        "super user",
        "on-call",
        "service desk",
        "incident",
        "upgrade",
        "migration",
        "go-live",
        "modality",
    }
)

# Concrete things an administrator touches, and concrete steps, which make an
# answer specific even without a glossary term ("I checked the cables and the
# switch logs", "I escalated to their director").
_CONCRETE = frozenset(
    """server servers log logs cable cables switch switches disk disks password passwords account accounts login
    logins queue queues workstation workstations viewer viewers archive archives scanner scanners ticket tickets
    script scripts index indexes certificate certificates router routers node nodes port ports interface
    interfaces backlog configuration dashboard dashboards alert alerts runbook checklist register matrix firmware
    patch patches hotfix hotfixes snapshot snapshots volume volumes cache caches bandwidth latency cpu memory licence
    licences license licenses driver drivers tunnel tunnels vlan subnet hostname hostnames mapping mappings header
    headers tag tags template templates spreadsheet timeout timeouts traceroute duplex endpoint endpoints api sql
    rota replica replicas cd cds dvd dvds disc discs form forms consent link links wan lan circuit circuits
    handover handovers triage appraisal appraisals survey surveys overtime roster rosters retrospective agenda
    budget budgets contract contracts invoice invoices""".split()
)
_CONCRETE_STEP = re.compile(
    r"(?:escalat(?:e|ed|es|ing)|reboot(?:ed|ing|s)?|restart(?:ed|ing|s)?|reinstall(?:ed|ing|s)?|ping(?:ed|ing|s)?|"
    r"replac(?:e|ed|es|ing)|reconfigur(?:e|ed|es|ing)|patch(?:ed|es|ing)?|resen[dt]|resending|quer(?:y|ied|ies|ying)|"
    r"compar(?:e|ed|es|ing)|rebuil[dt]|rebuilding|restor(?:e|ed|es|ing)|configur(?:e|ed|es|ing)|export(?:ed|ing|s)?|"
    r"import(?:ed|ing|s)?|delet(?:e|ed|es|ing)|merg(?:e|ed|es|ing)|rerout(?:e|ed|ing)|redirect(?:ed|ing)?|rollback|"
    r"rolled|tested|retest(?:ed)?|timed|paus(?:e|ed|es|ing)|isolat(?:e|ed|es|ing))"
)


def concrete_noun(words: Iterable[str]) -> bool:
    """The answer names a concrete thing (a server, a log, a queue), or two different concrete steps.

    One step word on its own is how generic answers sound ("it gets tested regularly", "they escalate
    everything"): it names no thing that was tested or escalated. Two different ones ("replaced ...,
    escalated ...") describe a course of action.
    """
    steps = set()
    for word in words:
        if word in _CONCRETE:
            return True
        if _CONCRETE_STEP.fullmatch(word):
            steps.add(word[:5])  # "restart" and "restarted" are one step
    return len(steps) >= 2


_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|"
    r"thousands|dozen|dozens|million|millions|half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth|double|twice\s+as"
)
_UNITS = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|"
    r"ms|tb|gb|mb|kb|pb|bytes?|terabytes?|gigabytes?|megabytes?|percent|per\s*cent"
)
# Numbers that only name something: a port, a version, a tag type, a room.
_IDENTIFIER_BEFORE = (
    r"port|ports|type|version|release|v|level|tier|phase|step|stage|room|ward|bay|code|id|no|number|class|"
    r"profile|option|article|section|part|chapter|page|line|channel|build|iso|hl7|tcp|udp|rad|priority|p|"
    r"windows|server|node|site|table|figure|item|slot|vlan|ip|gdpr|hipaa"
)

# Words after a number that are not what it counts: "often 11112 or 104 rather than ...", "set to 3 and".
_NOT_COUNTED = (
    r"or|and|to|in|on|at|of|is|was|were|are|be|by|for|from|with|the|an|than|rather|if|so|as|but|then|which|that|"
    r"this|it|its|we|they|he|she|when|while|instead|into|onto|via"
)
_QUANTITY = re.compile(
    # a number with a percent sign, a unit, or a counted thing after it ("25 minutes", "14 queued studies",
    # "400-bed", "1.8 million objects", "97%"), unless a word before it says it is an identifier or a time of day
    rf"(?<![\w.:/^-])(?<!\bat\s)(?:(?<=\s)|(?<=^)|(?<=[(\[\"'‘“~≈<>]))"
    rf"(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?(?:\.\d+)?(?!:\d|\s*[ap]\.?m\b|\.\d)"
    rf"(?:\s*%|\s*-?\s*(?:{_UNITS})\b|-[a-z]+|\s+(?:million|thousand|hundred|billion|(?!(?:{_NOT_COUNTED})\b)[a-z]{{2,}}))"
    # a number word with a counted thing after it ("two radiologists", "a fifth of our storage")
    rf"|(?<![\w'’-])zero\s+[a-z]{{2,}}|by\s+(?:half|a\s+(?:third|quarter|fifth|tenth))"
    rf"|(?<![\w'’-])(?:{_NUMBER_WORDS})(?:[\s-]+(?!of\b|or\b|and\b|in\b|on\b|at\b|is\b|was\b|were\b|are\b)"
    rf"[a-z]{{2,}}|\s+of\s+(?:the|our|their|its|a)\b)"
    # a single unit of time that is a duration, not a date ("within a week", "an hour later")
    rf"|(?<![\w'’-])(?:within|after|in|for|over|under|about|around|nearly|almost|than|took|takes|lasted)\s+"
    rf"(?:about\s+|around\s+|nearly\s+|just\s+|only\s+|less\s+than\s+|more\s+than\s+)?(?:a|an|one)\s+"
    rf"(?:minute|hour|day|week|fortnight|month|year)(?![\w'’-])"
    rf"|(?<![\w'’-])(?:a|an|one)\s+(?:minute|hour|day|week|fortnight|month|year)\s+(?:later|earlier|ago|late|behind)\b",
    _FLAGS,
)
_IDENTIFIER = re.compile(rf"(?:^|[^\w'’-])(?:{_IDENTIFIER_BEFORE})\s*[#:]?\s*$", _FLAGS)


def quantity(text: str) -> str | None:
    """The first measurable amount in the text ("25 minutes", "30%", "two radiologists"), or None."""
    for match in _QUANTITY.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if not (match.group()[0].isdigit() and _IDENTIFIER.search(before)):
            return match.group()
    return None


# ---------------------------------------------------------------- STAR

_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PART_OF_DAY = r"morning|afternoon|evening|night|lunchtime|weekend|shift"
_SEASON = r"year|spring|summer|autumn|fall|winter|month|week|quarter|christmas|easter"
_SITUATION = any_word(
    # A time anchor: a particular weekday ("on a busy Thursday", "a Tuesday when", a story opening "Friday,
    # just after five", but not "every Monday" or "by Wednesday"), a part of a particular day, a season or
    # year, "two years ago", a clock time.
    # ("On Monday I'd pull the tickets" is a plan, not a scene)
    rf"(?:on|one|a|that|last|this\s+past)\s+(?:\w+\s+)?(?:{_WEEKDAY})(?!\s*,?\s*(?:I|we)(?:'d|'ll|\s+would|\s+will)\b)|"
    rf"(?:^|(?<=\n))(?:{_WEEKDAY}),",
    # ("wants to manage one day." looks ahead, not back)
    rf"(?:one|that|late\s+one|early\s+one)\s+(?:busy\s+|quiet\s+)?(?:{_PART_OF_DAY}|day(?!\s*[.!?]))\b|"
    rf"a\s+(?:busy\s+|quiet\s+)?(?:{_PART_OF_DAY}|day)\s+(?:when|in|at|last|before)",
    rf"mid-(?:{_PART_OF_DAY})|(?:the|that)\s+(?:{_PART_OF_DAY})\s+before|(?:in|on)\s+the\s+middle\s+of\s+(?:a|the)\s+"
    rf"(?:{_PART_OF_DAY}|night|clinic|list|session)",
    rf"last\s+(?:{_SEASON})|(?:that|one)\s+(?:spring|summer|autumn|winter)|(?:over|during)\s+(?:the\s+)?(?:christmas|"
    r"easter|new\s+year|bank\s+holiday|summer\s+holiday|winter)\b|in\s+the\s+middle\s+of\s+(?:a|an|the|\w+ing)\b",
    # a named month ("in January", "late last October"); "May" is left out, being more often "may"
    r"(?:in|last|early|late|mid-?|one|that|during|this\s+past|back\s+in|since)\s+(?:last\s+)?(?:january|february|march|"
    r"april|june|july|august|september|october|november|december)",
    # a story that opens on the clock: "3 a.m., the archive filled its disk"
    r"(?:^|(?<=\n))\s*\d{1,2}(?::\d\d)?\s*[ap]\.?m\b",
    r"(?:a\s+few|a\s+couple\s+of|two|three|four|five|six|several|\d+)\s+(?:years?|months?|weeks?)\s+(?:ago|back|into)|"
    r"back\s+in\s+(?:19|20)\d\d|in\s+(?:early|late|mid-?)?\s*(?:19|20)\d\d|while\s+I\s+was\s+(?:working|covering|on)",
    r"(?:just\s+)?(?:after|before|at|around|about)\s+(?:\d{1,2}(?::\d\d|\s*[ap]\.?m\.?)|(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+in\s+the\s+(?:morning|afternoon|evening))",
    r"during\s+(?:a|an|the|my|our)\s+(?:\w+\s+){0,4}?(?:week|weekend|shift|night|upgrade|migration|audit|"
    r"placement|apprenticeship|rotation|outage|inspection|go-live|project|year|month)",
    # a stage of the speaker's own career: "in my first few months", "on my second rotation", "in my placement"
    r"(?:in|on|during)\s+my\s+(?:\w+\s+){0,3}?(?:placement|apprenticeship|rotation|internship|training\s+year)",
    r"(?:in|during)\s+my\s+(?:first|second|third|early)\s+(?:few\s+|couple\s+of\s+)?(?:days?|weeks?|months?|years?)",
    # a place: "at my last hospital", "in my previous job", "at a 400-bed teaching hospital", "where I worked"
    r"(?:at|in)\s+my\s+(?:last|previous|current|first|old|former)\s+(?:\w+\s+)?(?:job|role|hospital|trust|site|"
    r"post|employer|position|team|practice|network|centre|center|group|organi[sz]ation|company|system)",
    r"(?:at|in)\s+(?:a|an|the)\s+(?:[\w,-]+\s+){0,4}?(?:hospital|trust|clinic|centre|center|network|practice|"
    r"department|group|system|authority|facility)\s+(?:where|with|of|in|that|about|near|outside)\b",
    # ("at a two-hospital system." names one place; "in the hospital." is anywhere)
    r"(?:at|in)\s+(?:a|an)\s+(?:[\w,-]+\s+){0,4}?(?:hospital|trust|clinic|centre|center|practice|group|system|"
    r"authority|facility)\s*[.,;]",
    # a story labelled as one ("Situation: our PACS was hitting end of support"), or set after an event
    # ("after our EHR go-live", "six weeks after go-live"), or in a span ("four times in one quarter")
    r"(?:^|(?<=[.!?]\s)|(?<=\n))situation\s*:",
    r"(?:after|following)\s+(?:our|the|a|an|that)\s+(?:[\w-]+\s+){0,2}?(?:go-live|upgrade|migration|launch|merger|"
    r"outage|cutover|switchover|incident)\b|(?:^|(?<=[.!?]\s))\w+\s+(?:days|weeks|months)\s+after\s+(?:the\s+)?(?:go-live|upgrade|"
    r"migration|launch|cutover|switchover)",
    r"in\s+(?:one|a\s+single|that|the\s+same)\s+(?:quarter|month|week|night|shift)\b",
    r"(?:in|at)\s+that\s+(?:job|role|post|trust|hospital|site|company|place|department)\b|(?:I|we)\s+inherited\b|"
    r"by\s+the\s+time\s+(?:I|we)\s+(?:arrived|joined|started|took\s+over|got\s+there)|"
    r"where\s+I\s+(?:worked|was\s+working|used\s+to\s+work)|I\s+(?:was\s+working|was\s+based|worked)\s+(?:at|in)\b|"
    r"during\s+my\s+time\s+(?:at|in|as|with|on)",
    # A past event introduced as the scene: "it was a Monday", "it happened on", "we had a case where",
    # "I actually had this last winter", "we had exactly this at a clinic".
    r"it\s+happened\s+(?:on|in|during|at|a|an|one|the)|it\s+was\s+(?:on|in|during|at|a|an|one)\b",
    # "the last time, I checked ..." (but "last time I checked" means "as far as I know"), "a surgeon once asked"
    r"(?:the\s+)?last\s+time\b(?!\s+I\s+(?:checked|looked|heard))|(?:I|we|he|she|they|someone|somebody|[a-z]+)\s+once\s+"
    r"(?:had|asked|rang|called|came|sent|wanted|told|found|got|took|made|lost|tried|turned|phoned|emailed|walked)\b",
    r"(?:we|I)\s+had\s+(?:a|an)\s+(?:\w+\s+){0,3}?(?:case|incident|outage|problem|issue|audit|situation|"
    r"morning|night|day|week)\s+(?:where|when|in|at|due|that)",
    r"(?:we|I)\s+(?:actually\s+|have\s+|'ve\s+)?(?:had|faced|saw|hit|met)\s+(?:exactly\s+|just\s+|precisely\s+)?"
    r"(?:this|that|the\s+same|something\s+(?:similar|like\s+(?:this|that)))\s+(?:\w+\s+)?"
    r"(?:at|in|when|during|last|on|a|one|with)",
    r"(?:when|after|once)\s+(?:the|our|ours|my|a|an|I|we|IT|they|one|two|three|someone|somebody|nobody)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:decided|joined|started|switched|moved|introduced|replaced|upgraded|migrated|became|"
    r"began|went|installed|arrived|failed|stopped|crashed|complained|asked|rang|called|merged|bought|took\s+over|"
    r"changed|launched|opened|lost|kept|ran\s+out|dropped|missed|broke|froze|announced|withdrew|"
    r"retired|pulled\s+out|went\s+(?:bust|under)|filled\s+up|merged|closed)",
    # the story announced as one: "the worst one was", "the one that comes to mind", "the background is"
    r"the\s+(?:biggest|worst|most\s+\w+|hardest|toughest|first|main)\s+(?:\w+\s+){0,2}?(?:I|we)\s+(?:have\s+|had\s+)?"
    r"(?:had|faced|handled|led|dealt|managed|saw|remember)",
    r"the\s+(?:biggest|worst|most\s+\w+|hardest|toughest)\s+(?:\w+\s+){0,3}?(?:was|came|happened|began)",
    r"(?:the\s+)?(?:one|case|time|example|occasion)\s+that\s+(?:comes|springs)\s+to\s+mind|"
    r"the\s+(?:background|context|setting)\s+(?:is|was|here\s+is|here\s+was)\b",
    r"I'?m\s+currently\s+\w+ing",
    flags=_FLAGS,
)
# An opening sentence that tells a past event about someone else ("A surgeon
# needed outside CT images in theatre within 30 minutes") sets a scene too.
_PAST_OPENING = any_word(
    r"needed|wanted|couldn'?t|could\s+not|wasn'?t|weren'?t|stopped|failed|crashed|broke|went\s+down|began|started|"
    r"happened|complained|rang|called|noticed|asked|arrived|reported|lost|froze|hung|disappeared|grew|"
    r"turned\s+up|ran\s+out|escalated|filled|announced|decided|fell|spiked|slowed|died|refused|phoned|emailed|"
    r"got\s+(?:out\s+of\s+hand|worse|stuck)|went\s+wrong|came\s+in",
)


def _near(text: str, start: int, end: int, reach: int = 40) -> str:
    """Up to `reach` characters either side of a match, within its sentence."""
    first = max([text.rfind(mark, 0, start) for mark in ".!?\n"] + [start - reach - 1]) + 1
    ends = [found for mark in ".!?\n" if (found := text.find(mark, end)) != -1]
    return text[first : min([*ends, end + reach])]


# Before a verb, words that make it passive, modal, or an adjective ("the called AE title").
_NOT_AN_EVENT_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|can|may|might|will|would|could|should|the|a|an)\s+$", _FLAGS
)


def _past_event(sentence: str) -> bool:
    """A past-tense event verb that is not passive or modal ("data can be lost" is a definition)."""
    for verb in _PAST_OPENING.finditer(sentence):
        before = sentence[max(0, verb.start() - 12) : verb.start()]
        if not _NOT_AN_EVENT_BEFORE.search(before):
            return True
    return False


# The speaker's plan rather than memory: "I'd go and see him on the Tuesday", "we'll meet on Monday".
# ("I'd already gone home" is "I had": a past participle or an adverb follows.)
_PLAN = re.compile(
    r"\b(?:I|we)(?:'ll|\s+will|\s+would|'d(?!\s+(?:been|already|just|never|had|gone|done|seen|[a-z]+ed)\b))\s|"
    r"\b(?:rules|it|they|this|that)\s+will\s",
    _FLAGS,
)


def situation(text: str) -> str | None:
    """The words that set the scene: when, where, what was going on."""
    for match in _SITUATION.finditer(text):
        if not _PLAN.search(_near(text, match.start(), match.end())):
            return match.group()
    sentence = next(sentences(text.lstrip()), "")
    if re.match(r"\s*(?:I|we)\b", sentence, _FLAGS) or not _past_event(sentence):
        return None
    # An opening that already states the task or the ending ("My job was to ...") is not the scene.
    return None if task(sentence) or result(sentence) else sentence.strip()


_GOAL_NOUN = r"task|goal|aim|brief|priority|objective|remit|mission|plan|target|deadline|focus|mandate"
_TASK = any_word(
    # a goal or duty stated as such: "my job was", "the priority was", "the plan was to", "our aim:"
    # ("my job as the senior on-call was", "our stated targets were")
    rf"(?:my|our)\s+(?:\w+\s+)?(?:job|role|responsibility|duty|{_GOAL_NOUN})(?:\s+(?:as|at|on|in|for)\s+"
    r"(?:[\w-]+\s+){1,4}?)?\s*"
    r"(?:was|is|became|:)",
    rf"(?:my|our|the)\s+(?:\w+\s+)?(?:{_GOAL_NOUN})s\s*(?:were|are|became|:)",
    rf"the\s+(?:\w+\s+)?(?:{_GOAL_NOUN})(?:\s+(?:I|we)\s+(?:was|were)\s+given|\s+(?:I|we)\s+(?:had|set|agreed))?\s*"
    r"(?:was|is|became|:)",
    # work handed to the speaker: "I got a ticket to merge a duplicate record"
    r"(?:I|we)\s+(?:got|was\s+given|were\s+given|received|picked\s+up|was\s+assigned|were\s+assigned)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+)?(?:ticket|request|job|task|call|project)\s+to\b",
    # the duty taken as part of the work ("I treat access as part of my job"), not disowned ("not part of my job")
    r"(?<!not\s)(?<!n't\s)(?<!never\s)part\s+of\s+(?:my|our)\s+(?:job|role|remit|responsibilit(?:y|ies))",
    r"it\s+was\s+(?:my|our)\s+(?:\w+\s+)?(?:job|responsibility|task|role|duty|call)|(?:fell|was\s+down|landed|came\s+down)\s+(?:to|on)\s+"
    r"(?:me|us)|(?:took|take|taking)\s+(?:on\s+)?(?:ownership|responsibility)",
    r"was\s+(?:mine|ours)\s+to|I\s+see\s+my\s+role\s+as",
    # a goal agreed or handed over: "we agreed a goal", "I was given two weeks to", "asked me to"
    r"(?:agreed|set|given|gave|had)\s+(?:me\s+|us\s+|her\s+|him\s+|them\s+)?(?:a|an|the|our|my|one|clear|two|three|four|"
    r"five|some|their|her|his)\s+(?:\w+\s+){0,2}?(?:goal|target|aim|objective|deadline|brief|mandate)s?\b",
    r"(?:I|we)\s+(?:was|were)\s+(?:supposed|meant|expected|required|tasked|charged|told|instructed|trusted|"
    r"brought\s+in|hired|drafted)\s+(?:[\w'’-]+\s+){0,4}?(?:to|with)\b",
    # the duty named after the work: "making it safe was my responsibility" ("wasn't my job" stays out)
    r"(?<![\w'’])(?:was|is|became)\s+(?:my|our)\s+(?:\w+\s+)?(?:job|responsibility|duty|task|call|remit)\b",
    # a request handed to the speaker: "the privacy officer sent me a written request"
    r"(?:sent|gave|handed|passed)\s+(?:me|us)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:request|brief|ticket|task|"
    r"complaint|query|project|problem)",
    r"asked\s+(?:me|us)\s+to|(?:I|we)\s+(?:was|were)\s+given\s+(?:\w+\s+){0,3}?to|(?:I|we)\s+(?:was|were)\s+(?:asked|"
    r"tasked|told|expected)\s+by\s+(?:[\w'’-]+\s+){1,3}?to",
    r"(?:I|we)\s+(?:was|were)\s+the\s+(?:one|ones|person|people)\s+(?:who|that)|(?:I|we)\s+(?:was|were|am|are|'m)\s+"
    r"(?:\w+ly\s+)?leading",
    # a role that carries the duty: "I was the imaging informatics manager, accountable for", "we were the on-call pair"
    r"(?:I|we)\s+(?:was|were|am|are|'m|'re)\s+(?:[\w-]+,?\s+){0,5}?(?:responsible|accountable|in\s+charge|tasked|"
    r"asked\s+to|expected\s+to|there\s+to|on\s+call|on-call|the\s+on-call)",
    # "I was the project lead for ...", "so it was my ticket", "so it's mine"; "Task: ..."
    r"(?:I|we)\s+(?:was|were|am|'m)\s+the\s+(?:[\w-]+\s+){0,2}?(?:lead|owner|manager|coordinator|sponsor)\s+(?:for|of|on)\b",
    r"(?:it|this|that)(?:'s|\s+is|\s+was)\s+(?:mine\b|my\s+(?:ticket|call|problem|incident|shout|job|case)\b)",
    r"(?:^|(?<=[.!?]\s)|(?<=\n))task\s*:",
    # a deadline set by the diary or the clock: "first patients booked for 8 the next morning", "I had perhaps
    # forty minutes before the first incision"; a stake or a goal named: "the worry was", "we made it a goal"
    r"booked\s+(?:in\s+)?for\s+(?:\d|the\s+next|tomorrow|first\s+thing)",
    r"(?:I|we)\s+had\s+(?:perhaps\s+|about\s+|maybe\s+|only\s+|just\s+)?\w+\s+(?:minutes|hours|days|weeks)"
    r"(?:\s+(?:before|to|until)\b|(?=[.,;!]))",
    # a piece of work led or handed over: "I chaired the review", "my senior let me do the connection"
    r"(?:I|we)\s+(?:led|chaired|headed|coordinated)\s+(?:the|our|a|an)\s+(?:[\w-]+\s+){0,3}?(?:review|connection|"
    r"project|migration|rollout|roll-out|upgrade|investigation|response|implementation|installation|go-live|"
    r"programme|program|procurement|replacement|integration|work|team)\b|let\s+me\s+(?:do|run|lead|handle|take)\b",
    r"(?:the\s+)?(?:worry|risk|stake)\s+was\s+(?:simple|clear|that)|what\s+was\s+at\s+stake|the\s+stakes\s+were",
    r"(?:made|set)\s+(?:it|that|this)\s+(?:a|our|the)\s+(?:\w+\s+)?(?:goal|target|priority|aim)",
    r"(?:my|our)\s+part\s+(?:was|is)\s+to\b",
    r"as\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:administrator|admin|lead|manager|engineer|analyst|senior|owner|sponsor)"
    r"(?:\s+on\s+[\w-]+(?:\s+[\w-]+){0,3}?)?,?\s+(?:I|my|it\s+was)\b",
    r"(?:make|made|making)\s+me\s+(?:the\s+)?(?:\w+\s+)?(?:owner|lead|responsible|accountable|coordinator|manager|"
    r"sponsor|point\s+person)|"
    r"I\s+(?:own|owned)\s+(?:the|this|that|it)\b|I'?m\s+(?:currently\s+)?(?:leading|responsible|in\s+charge)",
    # a necessity: "I needed to", "we had to get", "I'd need to" (not "I had to admit", "I had to wait")
    r"(?:I|we)\s+(?:\w+ly\s+|still\s+|first\s+|then\s+|just\s+|also\s+)?(?:had|needed|have|need|'d\s+need|would\s+need)"
    r"\s+to\s+(?!(?:admit|say|confess|laugh|wait|be\s+honest|ask)\b)\w+",
    r"(?:I|we)\s+needed\s+(?:\w+\s+){1,3}?(?:loaded|fixed|done|ready|back|restored|working|running|available|"
    r"in\s+place)",
    # a deadline: "had to be back before the walk-round", "was due at 9", "needed it by the morning"
    r"(?:had|needed|has|have|need|needs|wanted|aimed|planned|promised)\s+to\s+(?:\w+\s+){0,6}?(?:by|before|within)\s+"
    r"(?:the|that|this|\d|a|an|one)",
    r"(?:had|needed)\s+to\s+be\s+(?:\w+\s+){0,2}?(?:back|done|ready|fixed|running|working|live|restored|finished|"
    r"read|reported|available|in\s+place|loaded|complete)",
    r"(?:was|were)\s+due\s+(?:at|by|on|in|before|to)",
    r"deadline|before\s+(?:the|their|our|a|an)\s+(?:\w+\s+){0,2}?(?:audit|inspection|deadline|walk-round|go-live|"
    r"session|list|consultations?|appointments?|clinic|operation|surgery)",
    flags=_FLAGS,
)


def task(text: str) -> str | None:
    """The words that say what the speaker had to achieve: a goal, a duty, a deadline."""
    for match in _TASK.finditer(text):
        # "Nobody had asked me to look", "I was never told to": a duty denied is no task.
        if not negated_before(text, match.start()):
            return match.group()
    return None


# Verbs after "I"/"we" that describe a state of mind or being rather than a step taken.
_NOT_ACTIONS = (
    r"am|was|were|are|be|been|is|have|has|had|think|thought|feel|felt|know|knew|believe|believed|understand|"
    r"understood|hope|hoped|want|wanted|wish|like|liked|love|guess|expect|expected|suppose|can|could|should|might|"
    r"must|may|need|needed|seem|seemed|mean|meant|say|said|remember|would|will|shall|did\s+not|didn'?t|"
    r"don'?t|do\s+not|never|see\s+my"
)
# Activity words that sound like doing but name no step: "I looked into it", "we worked really hard".
_HOLLOW = (
    r"(?:make|made|makes|making)\s+sure|(?:keep|kept)\s+(?:everyone|everybody|people|up|on\s+top|the\s+team)|"
    r"(?:stay|stayed)\s+\w+|(?:look|looked)\s+into|(?:try|tried)\s+(?:a\s+few|different|some|various|everything)|"
    r"(?:work|worked)\s+(?:really\s+|very\s+)?(?:hard|through|together|on\s+it)|(?:pull|pulled)\s+together|"
    r"(?:deal|dealt)\s+with\s+it|(?:handle|handled)\s+it|(?:sort|sorted)\s+it|prioriti[sz]ed?|communicated|"
    r"(?:led|lead)\s+my\s+team|(?:go|went)\s+through\s+all|(?:fix|fixed)\s+it"
)
_ADVERB = (
    r"(?:then|also|first|just|quickly|immediately|finally|next|still|now|always|usually|often|all|both|personally|"
    r"together|again|later|eventually|straight\s+away|at\s+once|\w+ly)"
)
_ADVERBS = rf"(?:{_ADVERB}\s+)*"
_MODALS = r"(?:(?:would|'d|will|'ll|can|could|should|had\s+to|have\s+to|needed\s+to)\s+)?"
# The verb may not itself be an adverb or a modal, or backtracking would let "I really looked into it"
# read "really" as the step.
_ACTION = re.compile(
    rf"(?<![\w'’\-/.])(?:I|[Ww]e)(?:['’](?:d|ll))?\s+{_ADVERBS}{_MODALS}{_ADVERBS}"
    rf"(?!(?:{_NOT_ACTIONS}|{_HOLLOW}|{_ADVERB}|had|have|needed)(?![\w'’]))[a-z][\w'’-]*"
)
# Concrete operations on systems and people, as a procedure names them. Base forms for instructions
# ("check the AE title"), past participles for passive accounts ("the studies are resent").
_OPERATIONS = (
    r"check|get|dump|look\s+at|compare|ping|run|confirm|restart|resend|re-send|reboot|query|open|test|verify|"
    r"search|export|import|move|correct|review|ring|call|escalate|reconcile|pull|trace|capture|clear|reset|rerun|"
    r"re-run|update|add|remove|disable|enable|configure|set\s+up|raise|isolate|stop|pause|roll\s+back|release|"
    r"rebuild|restore|replace|reroute|redirect|apply|patch|measure|monitor|notify|phone|declare|log|find|ask"
)
_DONE_OPERATIONS = (
    r"checked|compared|confirmed|restarted|resent|re-sent|rebooted|queried|tested|verified|searched|exported|"
    r"imported|moved|corrected|reviewed|escalated|reconciled|pulled|traced|cleared|reset|rerun|re-run|updated|"
    r"added|removed|disabled|enabled|configured|raised|isolated|stopped|paused|rolled\s+back|released|rebuilt|"
    r"restored|replaced|rerouted|redirected|applied|patched|measured|monitored|told|informed|notified|pointed|reconfigured|"
    r"killed|switched|fixed"
)
# A passive account of steps, told or prescribed ("the job was paused", "radiologists were told every 20
# minutes", "the affected studies are resent", "the header should also be checked").
_PASSIVE_ACTION = re.compile(
    r"(?<![\w'’])(?:was|were|had\s+been|is|are|gets?|got|(?:should|must|can|will|would)\s+(?:also\s+|then\s+)?be)\s+"
    rf"(?:then\s+|also\s+|first\s+|quickly\s+|immediately\s+|manually\s+)?(?:{_DONE_OPERATIONS})(?![\w'’])",
    _FLAGS,
)
# An instruction at the start of a sentence, clause or list item: "Get both patients' details ...",
# "...: dump the header of a received file", "- On the scanner: check the job queue".
_INSTRUCTION = re.compile(
    r"(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=\n-\s)|(?<=\n\*\s)|(?<=first,\s)|(?<=then\s)|(?<=next,\s)|(?<=finally,\s))"
    rf"(?:{_OPERATIONS})\s+(?:the|a|an|both|each|every|it|them|that|this|in|at|for|whether|from|with|on|their|"
    r"its|all|any)\b",
    _FLAGS,
)


def action(text: str) -> str | None:
    """The words showing a concrete step the speaker took or follows ("I ran a C-ECHO", "check the AE title")."""
    match = _ACTION.search(text) or _PASSIVE_ACTION.search(text) or _INSTRUCTION.search(text)
    return match.group() if match else None


# Watching, learning or joining is not doing: "I shadowed the team and watched a CT reach the
# radiologist" or "I followed one CT from order to report" explains what PACS is; it tells no story
# that needs an ending.
_ONLOOKER = (
    r"watched|saw|shadowed|observed|followed\s+(?:one|a|an)\s+\w+\s+(?:from|through)|noticed|understood|learned|"
    r"learnt|realised|realized|joined|applied|"
    r"started\s+(?:as|my|in|at|working)|wanted|needed|liked|loved|enjoyed|believed|thought|felt|knew|"
    r"used\s+to|moved\s+(?:to|into)\s+(?:this|a|the)\s+(?:role|job|post)"
)
# "what I did" names a deed inside another clause ("a note saying what I did", "who I told"); it recounts nothing.
_PAST_STEP = re.compile(
    rf"(?<![\w'’\-/.])(?<!what\s)(?<!who\s)(?<!how\s)(?:I|[Ww]e)\s+{_ADVERBS}(?!(?:{_ONLOOKER}|{_ADVERB})(?![\w'’]))"
    rf"(?:(?!(?:need|feed|seed|speed|proceed|exceed|succeed|embed)(?![\w'’]))\w+ed|ran|took|made|found|sent|went|got|"
    rf"told|kept|led|spoke|wrote|set|put|cut|met|did|began|brought|built|rebuilt|caught|chose|gave|held|left|paid|"
    rf"rang|sat|spent|stood|taught|won|drew|drove|had)(?![\w'’])"
)


# Steps told in the past passive ("the job was paused"); the present passive prescribes, it does not recount.
_PAST_PASSIVE = re.compile(
    rf"(?<![\w'’])(?:was|were|had\s+been)\s+(?:\w+ly\s+)?(?:{_DONE_OPERATIONS})(?![\w'’])", _FLAGS
)


def told_as_a_story(text: str) -> bool:
    """The answer is mainly a story of what was done, so its listener waits for the ending.

    A plan with a past step in it ("first I'd build a timeline, as I did once before") is still a plan:
    it takes at least as many steps told as steps planned.
    """
    told = steps_told(text)
    return told >= 1 and told >= steps_planned(text)


def steps_told(text: str) -> int:
    """How many past steps the answer recounts ("I rang", "we rebuilt", "the job was paused")."""
    steps = [step for step in _PAST_STEP.findall(text) if not _PRESENT_TOO.search(step)]
    return len(steps) + len(_PAST_PASSIVE.findall(text))


def steps_planned(text: str) -> int:
    """How many times the speaker plans rather than remembers ("I'd", "we will")."""
    return len(_PLAN.findall(text))


# Verbs spelt the same in the present ("I set clear expectations", "I put people first") tell no past deed
# on their own.
_PRESENT_TOO = re.compile(r"(?:set|put|cut|read)$")


_RESULT = any_word(
    # the ending announced as such, even first: "The end result first: ...", "that was the end of it"
    r"(?:the\s+)?(?:end\s+)?(?:result|outcome|upshot)\s*(?:first\s*)?:|(?:that|which)\s+was\s+the\s+end\s+of\s+"
    r"(?:it|that|the\s+\w+)|and\s+that\s+was\s+that",
    # things working again
    # ("got nothing back" from a query and "went back to the upgrade" are not endings)
    r"(?:was|were|is|are|came|got\s+(?:it|them|everything|things|images|studies|service))\s+back(?:\s+(?:up|on|to|online|"
    r"in|within|by|after|before|working|running))?(?![\w'’])",
    r"(?:had|has|have|got)\s+(?:[\w'’-]+\s+){1,3}?back\s+(?:on(?!\s+board)|in|up|online)",
    # The problem itself fixed: "adding it fixed it", "that sorted it", "problem solved". Fixing a thing
    # ("I fixed the typo") is a step; the ending is what that did.
    r"(?<!to\s)(?<!be\s)(?<!been\s)(?<!get\s)(?:fixed|resolved|solved|cured)\s+(?:it|this|that|them|the\s+(?:problem|"
    r"issue|fault|error|outage))\b",
    r"(?:that|which|this)\s+(?:sorted|fixed|solved|resolved|cured|did\s+the\s+trick)|(?:problem|issue|fault)\s+"
    r"(?:solved|resolved|fixed|sorted)",
    # backlogs worked off and faults that stayed away: "we caught up by two", "we never had it again"
    r"(?:caught\s+up|got\s+through\s+(?:the|all|every)|made\s+it\s+(?:to|into|through|across))\b",
    # ("Since then we've written a policy" lists more actions; "since then we've had no repeats" is an outcome.)
    r"never\s+(?:had|saw|heard)\s+(?:[\w'’-]+\s+){0,3}?again|no\s+(?:repeats?|recurrences?)|"
    r"(?:since\s+then|from\s+then\s+on),?\s+(?:[\w'’-]+\s+){0,3}?(?:no|not|never|none|zero|\w+n't)\b",
    r"(?:returned|restored)\s+to\s+(?:normal|baseline|service|full)|(?:was|were)\s+(?:very\s+|really\s+)?(?:pleased|"
    r"delighted|relieved)|(?:trust|team|department|they|we|everyone|hospital)\s+adopted",
    r"(?:appeared|arrived|loaded|opened|flowed|came\s+through)\s+(?:straight\s+away|immediately|at\s+once)",
    # what people could do afterwards: "the radiographers were able to carry on", "they agreed"
    r"(?:was|were)\s+(?:then\s+|finally\s+|again\s+)?able\s+to\s+\w+|could\s+(?:now|then|again|finally)\s+\w+|"
    r"could\s+(?:[\w'’-]+\s+){1,3}?(?:again|now)\b",
    # ("he agreed to try that" is a plan accepted, not yet an outcome)
    r"(?:they|he|she|everyone|everybody|the\s+\w+(?:\s+\w+)?)\s+(?:agreed|accepted|approved|signed\s+off)\b(?!\s+to\b)",
    r"until\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:corrected|fixed|resolved|replaced|patched|repaired)\s+(?:it|them|the\s+\w+)",
    r"until\s+(?:[\w'’-]+\s+){0,3}?(?:drained|cleared|emptied|(?:was|were)\s+(?:applied|empty|fixed|resolved|back|done|"
    r"working|restored))",
    r"back\s+to\s+(?:normal|baseline|around|about|full|(?:its|their|the)\s+(?:previous|usual|normal|old|former))",
    r"by\s+(?:lunchtime|lunch|midday|noon|the\s+(?:afternoon|evening|end\s+of\s+\w+|next\s+\w+|following\s+\w+)|"
    r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?|then)\s*,?\s+(?:we|I|it|they|the|all|every|everything|most)\b",
    r"ran\s+(?:only\s+)?(?:slightly\s+|a\s+little\s+|a\s+bit\s+)?(?:behind|late|on\s+time)",
    r"(?:deliver|delivered|supplied|released|shipped)\s+(?:a|the)\s+(?:\w+\s+)?(?:fix|patch|hotfix)",
    # "fixed it within 20 minutes" is an ending; "needed it within 30 minutes" is a deadline
    r"(?!(?:need|want|ask|expect|promis|requir|hop|plann|schedul|request)\w*\b)(?!agree\w*\s+(?:to|on|a|an|the)\b)"
    r"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?:\w+ed|produced|made|got|did|met|ran|went|came|sent|found|took|had)\s+(?:(?![\w'’-]*n't\b|not\b|never\b)"
    r"[\w'’-]+\s+){0,8}?within\s+"
    r"(?:about\s+|around\s+|just\s+|less\s+than\s+)?(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|\d+)\s+(?:minutes?|hours?|days?|weeks?|months?)",
    r"(?:flowing|working|running|arriving|moving|draining|loading|sending)\s+(?:\w+\s+)?(?:again|normally|as\s+normal)",
    # things that went through, a check that passed, people put at ease, a practice changed for good
    r"(?:went|came|flowed)\s+(?:across|over|through)\s+(?:fine|ok|okay|cleanly|normally|again|straight\s+away|in\s+(?:about|under|"
    r"around|less)|within)",
    r"(?:it|they|the\s+(?:\w+\s+)?(?:test|tests|echo|check|checks|audit|inspection|review))\s+passed\b",
    r"thanked\s+(?:me|us|the\s+team)|(?:was|were)\s+(?:a\s+lot\s+|much\s+)?(?:calmer|happier)\b",
    r"(?:now|since\s+then|from\s+then\s+on|these\s+days),?\s+(?:I|we)\s+always\b",
    # a state reached and kept: "and now she is a very good administrator", "we get on well since then",
    # "it's been green since", "nothing was lost"
    r"been\s+(?:\w+\s+)?(?:green|stable|fine|quiet|clean|solid)\s+(?:ever\s+)?since",
    r"(?:nothing|no\s+data|no\s+studies|no\s+images)\s+(?:was|were|got)\s+lost",
    r"within\s+the\s+same\s+(?:afternoon|morning|day|week|shift|evening|night)",
    r"\band\s+now\s+(?:she|he|they|it|we|the\s+\w+)\s+(?:is|are|runs|works|has|have|opens|loads|can)\b",
    r"(?:get|got|getting)\s+on\s+(?:well|fine|great)|(?:in|on)\s+good\s+terms",
    # people settled: "everybody was happy after", "he understood", "he dropped it"
    r"(?:everybody|everyone|they|he|she|the\s+\w+)\s+(?:was|were)\s+(?:happy|satisfied|pleased|content)"
    r"(?=\s*[.!]|\s+(?:after|afterwards|with\s+(?:that|it|the\s+outcome)|in\s+the\s+end))",
    r"(?:he|she|they)\s+(?:finally\s+)?(?:understood|dropped\s+it|backed\s+down|calmed\s+down|accepted\s+it)\b",
    r"(?:^|(?<=[.!?]\s))no\s+(?:findings|complaints|incidents|repeats|issues|problems)(?:\s+(?:for|from|on)\s+\w+)?\s*[.!]",
    r"came\s+in\s+(?:at|under|below)\b|no\s+(?:\w+\s+)?(?:was|were)\s+needed|(?:finished|completed)\s+(?:inside|within|"
    r"on|ahead)",
    r"(?:filled|started|picked|caught)\s+up\s+again|\w+ed\s+again",
    # ("it works best when ..." is advice)
    # ("it works best when ..." is advice, and "the search works because ..." an explanation: in the present,
    # only "works again" or "works now" is an ending)
    r"(?:it|that|everything|this|the\s+[\w-]+)\s+(?:worked(?:\s+(?:fine|again|after|from|since|well|perfectly))?"
    r"(?!\s+(?:best|better|like|by|when|if|as|through|with)\b)|works\s+(?:again|now|fine\s+now))",
    r"(?:went|go|goes)\s+away|went\s+(?:ahead|live|smoothly|well|in(?=\s*[,.;]|\s+(?:cleanly|fine|smoothly|without|on\s+time|as\s+planned)))|go-live\s+went|finally\s+went|was\s+live",
    r"picked\s+up\s+(?:after|again|quickly|within|over)",
    r"(?:was|were|been|got)\s+(?:\w+\s+)?(?:resolved|fixed|restored|cleared|closed|completed|finished|recovered|"
    r"accepted|approved|signed\s+off(?!\s+on)|passed|praised|loaded|imported|delivered|replicated|appointed|"
    r"promoted)",
    # a milestone reached: "by her next appraisal she had covered my leave"
    r"by\s+(?:her|his|their|our|my|the)\s+next\s+\w+\s*,?\s+(?:she|he|they|we|I|it|the)\s+(?:had|was|were|could)\b",
    r"(?:the\s+)?(?:result|outcome|upshot|end\s+result|net\s+effect)\s+(?:was|is|has\s+been)|as\s+a\s+result|"
    r"in\s+the\s+end|by\s+the\s+end|resulted\s+in|ended\s+(?:up|with)",
    # measurable change: "got the median open time down to about 3 seconds", "we found 11%"
    r"(?:got|brought|pushed|pulled|took|driven|drove)\s+(?:[\w'’-]+\s+){0,5}?(?:down|up)\s+to\s+(?:about\s+|around\s+|"
    r"under\s+|below\s+|just\s+|over\s+)?[£$€]?[\d.,]+",
    r"(?:found|saved|achieved|delivered|reached|hit|recovered|freed|reclaimed|released)\s+(?:about\s+|around\s+|"
    r"over\s+|nearly\s+|almost\s+|more\s+than\s+)?[£$€]?[\d.,]+\s*(?:%|percent|per\s+cent|k\b|m\b|tb\b|gb\b)",
    # measurable change
    r"(?:fell|dropped|rose|decreased|increased|reduced|went\s+(?:up|down))\s+(?:by|from|to)\s+[\w.,%]+|halved|doubled|"
    r"improved|shrank",
    r"[\d.,]+\s*%\s+(?:fewer|less|more|faster|lower|higher|shorter|quicker|better|smaller)",
    r"(?:shortened|saved|sped\s+up|speeded\s+up|trimmed|cut|reduced|lowered|improved|increased|raised|boosted)\s+"
    r"(?:[\w-]+\s+){0,4}?by\s+(?:about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?(?:\d+|a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|half)\b",
    r"(?:cut|reduced|brought|got|took)\s+(?:\w+\s+){0,5}?from\s+[\w.,]+\s+(?:\w+\s+)?to\s+[\w.,]+\s+"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|percent|%)",
    r"(?:on\s+time|on\s+schedule|ahead\s+of\s+schedule|before\s+the\s+(?:deadline|audit|walk-round|inspection))",
    r"no\s+(?:studies|images|data|patients?|findings?|complaints?|further|more|repeat|major|shared|incidents?)"
    r"(?:\s+\w+){0,2}?\s+(?:were|was|has|have|had|found|lost|since|raised|escalated|recurred)",
    r"(?:found|raised|had)\s+no\s+(?:\w+\s+)?(?:findings?|issues?|problems?|shared|complaints?)",
    r"(?:has|have)(?:\s+not|\s+never|n'?t)\s+(?:\w+\s+)?(?:happened|recurred|gone|failed|had|come)",
    r"(?:has|have)\s+since\s+\w+|in\s+the\s+\w+\s+months?\s+since|ever\s+since|(?:has|have)\s+(?:\w+\s+){1,2}since",
    r"(?:they|radiographers|radiologists|clinicians|users|we|it|the\s+\w+)\s+now\s+\w+|now\s+takes",
    r"passed\s+(?:the|its|our|every|all|both)\s+(?:\w+\s+)?(?:audit|inspection|tests?|review|acceptance|checks?)|"
    r"(?:convinced|praised)\s+(?:the|it|everyone|us)|passed\s+with|and\s+it\s+passed",
    r"paid\s+(?:for\s+)?itself|stopped\s+this|prevented|has\s+(?:\w+\s+)?caught",
    r"(?:confirmed|agreed)\s+(?:that\s+)?(?:they|it|everything|studies|the\s+\w+)\s+(?:could|was|were|had)",
    r"(?:met|hit|beat|exceeded|missed)\s+(?:every|all|our|the)\s+(?:\w+\s+){0,2}?(?:deadlines?|targets?|SLAs?)",
    r"(?:this|that|the)\s+(?:approach|change|process|fix)\s+(?:has\s+)?(?:worked|meant|was\s+praised|stopped|"
    r"caught|helped|saved)",
    r"what\s+I\s+learned|the\s+lesson\s+(?:was|I)|I\s+learned\s+that|taught\s+me",
    r"(?:finished|completed|cleared|closed)\s+(?:on|before|by|within|in)",
    r"(?:was|were)\s+(?:finished|completed|cleared|read|reported)\s+before",
    r"(?:didn'?t|did\s+not|never)\s+(?:rise|increase|recur|return|come\s+back|go\s+up)",
    # outcomes told in words: "both C-ECHOs passed", "arrived without a problem", "the finding was closed"
    r"(?:all|both|each|it|they|everything|[\w-]+s)\s+(?:passed|succeeded|opened|loaded|arrived)\s+"
    r"(?:first\s+time|without|correctly|complete|normally|fine|again|in\s+\d\w*)",
    r"(?:both|all)\s+(?:[\w-]+\s+){0,2}?(?:passed|succeeded|worked)|all\s+of\s+them\s+(?:opened|loaded|arrived|passed|worked)",
    r"without\s+(?:a|any)\s+(?:single\s+)?(?:problem|issue|hitch|error|complaint|incident|failure)s?",
    r"(?:finding|ticket|case|incident|issue|action|gap|complaint)s?\s+(?:was\s+|were\s+|had\s+been\s+)?(?:closed|"
    r"cleared|resolved|signed\s+off)",
    r"(?:closed|cleared|resolved)\s+(?:the|our|its|every|all|each)\s+(?:\w+\s+)?(?:finding|findings|gap|gaps|case|"
    r"ticket|tickets|issue|issues|incident|action|actions|backlog|queue|mismatches|errors)",
    r"(?:which|that|it|this)\s+(?:has\s+)?(?:since\s+)?(?:caught|prevented|stopped|saved|avoided)",
    r"(?:was|were)\s+gone|(?:no|had\s+no)\s+(?:further|more)\s+(?:[\w-]+\s+){0,2}?(?:issues?|problems?|complaints?|"
    r"incidents?|errors?|failures?|selections?|mistakes?|outages?|delays?|findings?|calls?|tickets?|breaches?)",
    r"(?:was|were|is|are)\s+(?:now\s+)?down\s+(?:to|from|by)|had\s+(?:fallen|dropped|risen|halved|doubled)",
    r"(?:went|fell|dropped|came)\s+(?:down\s+)?to\s+(?:zero|nil|none|nothing|\d)",
    r"(?:^|(?<=[.!?]\s))(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?)\s+(?:later|on)\b",
    r"(?<!to\s)(?:met|hit|beat|exceeded)\s+(?:it|them|that|this|the\s+\w+|our\s+\w+)",
    r"rolled\s+(?:it|them|this|the\s+\w+)?\s*out|(?:approved|accepted)\s+(?:the|our|my|it|a)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:plan|proposal|case|recommendation|change|design|request|paper|fix|scanner|system|it)\b|approved\s+it\b",
    r"never\s+(?:stopped|failed|went\s+down|missed|slipped)|signed\s+off\s+(?:the|on|it)",
    r"found\s+no\s+(?:further\s+|remaining\s+|more\s+)?(?:issues|problems|errors|identifiers|findings|faults|"
    r"mismatches|discrepancies|gaps|duplicates)",
    # ("nobody had asked me to look at it" sets a scene; "nobody had to wait" ends one)
    r"(?:nobody|no\s+one|none\s+of\s+(?:the|them|our)(?:\s+\w+)?)\s+(?:lost|missed|needed|failed|reported|was|were|"
    r"noticed|complained|saw|had(?!\s+(?:asked|told|noticed|bothered|said|mentioned|thought|looked|checked|ever|"
    r"been\s+(?:asked|told))\b))",
    # work through and a test passed: "the 20 exams went to PACS before lunch", "the C-ECHO passed"
    r"(?:studies|exams|images|scans|series|everything|they|all\s+of\s+them)\s+(?:all\s+)?(?:went|got)\s+(?:through|"
    r"across|over|to|into)\s+(?:[\w-]+\s+){0,2}?(?:before|by|within|in\s+(?:a|an|one|two|three|\d+))\b",
    r"(?:C-?ECHO|echo|ping)\s+(?:then\s+)?(?:passed|succeeded|worked)",
    # a lasting change: "after this I always confirm the record number"
    r"after\s+(?:this|that)\s*,?\s+(?:I|we)\s+(?:always|now|never)\b",
    # each one through: "every one loaded the next morning", "each study arrived"
    r"(?:every|each)\s+(?:one|study|image|file|scan|exam|record)s?\s+(?:of\s+them\s+)?(?:loaded|opened|arrived|"
    r"passed|worked|transferred|came\s+through|went\s+through|matched|displayed)",
    r"delivered\s+(?:the|a|our|it|on)\b|now\s+(?:sat|sits|shows|opens|loads|works|runs|arrives|use|uses|reports|"
    r"takes|sends|gets|flows|meets|includes|copies|checks)",
    r"fixed\s+it\s+(?:in|within)|(?:cleared|fixed|resolved|sorted)\s+(?:them|it|the\s+\w+)\s+(?:\w+\s+){0,4}?"
    r"(?:in|within)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|the|\d+)\s+(?:minutes?|hours?|days?|"
    r"weeks?|end)\b",
    r"by\s+(?:month|week|day|year)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
    r"(?:resumed|recovered|stabili[sz]ed|came\s+back\s+(?:up|online))|(?:complaints|calls|errors|failures|alerts|"
    r"tickets|problems?|issues?|slowdowns?|delays?|rejections)\s+(?:stopped|ceased|disappeared|went\s+away|dried\s+up)",
    r"(?:was|were)\s+(?:very\s+|really\s+)?(?:pleased|happy|satisfied|delighted|relieved)\s+(?:with|that)",
    r"(?:^|(?<=[.!?]\s))(?:within|after|in)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s*,?\s+(?:the|it|we|they|all|every|our|her|his|there|calls|complaints)",
    flags=_FLAGS,
)


# "If it has been reported, ...", "whether it was fixed": an ending supposed, not told.
# A condition or a time reference, not an ending: "if it has been reported", "once the RIS is back",
# "when it was resolved" (in a timeline to be built).
_SUPPOSED = re.compile(
    r"\b(?:if|whether|unless|in\s+case|once|when|check|checking|confirm|confirming|verify|verifying)\s+"
    r"(?:[\w'’-]+\s+){0,5}$"
    # a goal, not an ending: "my job was to get images flowing again"
    r"|\bto\s+(?:get|have|keep|make|bring)\s+(?:[\w'’-]+\s+){0,4}$",
    _FLAGS,
)


def result(text: str, *, from_share: float = 0.0) -> str | None:
    """The words that say how it ended or what changed, looked for from `from_share` of the text on."""
    for match in _RESULT.finditer(text, int(len(text) * from_share)):
        before = text[max(0, match.start() - 40) : match.start()]
        if not _SUPPOSED.search(before) and not negated_before(text, match.start()):
            return match.group()
    return None


# ---------------------------------------------------------------- the vague flag (blame and deflection: flag_rules)

_VAGUE_PHRASES = any_word(
    r"looked\s+into\s+it|look\s+into\s+it|best\s+practices?|good\s+practice|(?:make|made|making)\s+sure\s+"
    r"(?:\w+\s+){0,6}?(?:compliant|in\s+order|in\s+place|on\s+track|properly|the\s+rules|the\s+regulations)",
    r"(?:all|any)\s+(?:the\s+)?relevant\s+\w+|the\s+right\s+processes|stay(?:ed|ing)?\s+on\s+top\s+of\s+things",
    r"(?:kept|keep)\s+everyone\s+(?:in\s+the\s+loop|motivated|informed|on\s+track)|stayed\s+calm",
    r"worked\s+(?:really\s+)?hard|pulled\s+together|tried\s+a\s+few\s+(?:different\s+)?things|step\s+by\s+step",
    r"(?:a|some)\s+(?:big|really\s+\w+)\s+(?:system\s+)?(?:change|issue|outage|problem)|(?:a|the)\s+system\s+"
    r"wasn'?t\s+working|(?:keep|kept)\s+up\s+(?:to\s+date|with)|really\s+(?:thorough|important)|"
    r"handled\s+(?:in\s+line|properly)|follow(?:s|ed)?\s+the\s+rules|(?:sort|sorted)\s+it\s+out",
)


# Trial and error offered as the method: "try some things until it works", "see what happens".
_TRIAL_AND_ERROR = any_word(
    r"(?:try|tried|trying)\s+(?:out\s+)?(?:a\s+few\s+|some\s+|different\s+|various\s+|a\s+couple\s+of\s+)?"
    r"(?:different\s+)?(?:things|stuff|settings|options|fixes)\s+(?:until|till|and\s+see|to\s+see)",
    r"until\s+(?:it|something|things|that)\s+(?:works?|worked|starts?\s+working|goes\s+away|sorts\s+itself)",
    r"see\s+what\s+happens|see\s+if\s+(?:it|that)\s+(?:helps|works|fixes\s+it)|trial\s+and\s+error|"
    r"play(?:ing)?\s+around\s+with|fiddl(?:e|ing)\s+(?:with|around)|poke\s+around|mess(?:ing)?\s+around\s+with",
    r"(?:restart|reboot|turn)\s+(?:\w+\s+){0,3}?and\s+(?:see|hope)|hope\s+(?:for\s+the\s+best|it\s+(?:works|goes))",
    r"tweak(?:ing)?\s+(?:a\s+few|some|a\s+couple\s+of)\s+(?:things|settings)|keep\s+(?:adjusting|tweaking|trying|fiddling)",
    r"see\s+if\s+(?:it|that|things)\s+gets?\s+(?:any\s+)?better|see\s+what\s+jumps\s+out|have\s+a\s+dig",
    r"until\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:start|starts)\s+(?:coming|working|flowing|loading|going)|"
    r"until\s+the\s+(?:complaints|errors|problems|issues|calls)\s+(?:die|dies|stop|go)",
)


# Small talk and stock self-praise: what an answer says when it talks about something other than the work.
_SMALL_TALK = any_word(
    r"weather|snow(?:ed|ing)?|rain(?:ed|ing)?|traffic|parking|commute|cafeteria|canteen|coffee|weekend|holidays?|"
    r"vacation|my\s+(?:kids|children|family|dog|wife|husband|partner)|football|hockey|soccer|baseball|"
    r"(?:nice|lovely|great|good)\s+to\s+(?:meet|see)|thanks?\s+(?:you\s+)?for\s+having\s+me|sorry\s+(?:I'?m|I\s+am)\s+late|"
    r"(?:this|the)\s+(?:building|office|view)\s+is|(?:lovely|beautiful|nice)\s+(?:building|office|place|view)|"
    r"car\s+park|got\s+(?:a\s+bit\s+)?lost|looking\s+forward\s+to\s+this|gorgeous",
    # stalling: the question put off, not answered
    r"(?:come|get)\s+back\s+to\s+(?:that|this|you)|(?:gone|went|go)\s+(?:completely\s+|totally\s+)?blank|"
    r"(?:pass|skip)\s+(?:on\s+)?(?:that|this)\s+one|lost\s+my\s+(?:train\s+of\s+)?thought|"
    r"(?:it'?s|it\s+has)\s+gone|where\s+were\s+we",
    r"team\s+player|hard\s+worker|(?:fast|quick)\s+learner|passionate\s+(?:person|about)|loves?\s+learning|"
    r"easy\s+to\s+get\s+along\s+with|grow\s+with\s+your|excited\s+about\s+where|perfectionist|"
    r"my\s+(?:greatest|biggest)\s+(?:strength|weakness)|(?:a|the)\s+chance\s+to\s+grow|"
    r"(?:love|like|enjoy)\s+(?:working\s+with\s+computers|solving\s+(?:puzzles|problems)|technology|gadgets)",
)


def small_talk(text: str) -> str | None:
    """Words of small talk, stock self-praise or stalling ("the traffic was brutal", "I'm a team player",
    "can I come back to that one?"), or None."""
    return _first(_SMALL_TALK, text)


def trial_and_error(text: str) -> str | None:
    """The words that offer trial and error as the method, or None."""
    return _first(_TRIAL_AND_ERROR, text)


def vague_phrase(text: str) -> str:
    """The answer's most telling generic words, or its opening when no stock phrase stands out."""
    return _first(_TRIAL_AND_ERROR, text) or _first(_VAGUE_PHRASES, text) or first_sentence(text)


# ---------------------------------------------------------------- sentences and related points

_MAX_QUOTE_WORDS = 25


def _trim(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= _MAX_QUOTE_WORDS:
        return " ".join(words)
    return " ".join(words[:_MAX_QUOTE_WORDS]) + " …"


def first_sentence(text: str) -> str:
    """The opening sentence, shortened for quoting."""
    return _trim(next(sentences(text.lstrip()), ""))


# The general English of endings, change and feelings about an outcome: "fixed", "since", "now", "in the
# end", "fewer", "went live", "relieved", "everyone", a percentage. A story whose closing sentence uses none
# of these stops without an ending ("... and I rang the vendor."); one whose closing sentence does may
# have told its ending in words the result rule does not know, so the feedback asks rather than asserts.
# The list is broad on purpose: each word costs some flags that would have been right, and saves the
# candidate a wrong one. Reading only the closing sentence, not the last three, found 44 endless stories
# in the dev files instead of 24, still with no wrong flag (tests/data/answers/README.md).
_ENDING_WORDS = re.compile(
    r"(?<![\w'’])(?:work(?:s|ed|ing)?|fix(?:ed|es)?|resolv\w*|solv\w*|sorted|restor\w*|recover\w*|back|live|since|"
    r"now|after(?:wards?)?|eventually|finally|in\s+the\s+end|end(?:ed|ing)?|outcome|results?|succe\w*|improv\w*|"
    r"reduc\w*|dropp\w*|fell|rose|cut|saved?|no\s+more|stopp\w*|never\s+again|zero|passed|closed|signed\s+off|"
    r"approv\w*|agreed|adopt\w*|thank\w*|prais\w*|learn\w*|lessons?|became|turned\s+out|happy|satisfied|"
    r"complaints?|fewer|less|faster|quicker|percent|per\s+cent|clear(?:ed)?|gone|down\s+to|went\s+from|avoid\w*|"
    r"prevent\w*|caught|noticed|found|confirm\w*|ready|done|complete\w*|finish\w*|delivered|launched|"
    r"rolled\s+out|changed|then|pleased|delighted|relieved|glad|proud|grateful|within|under|none|nobody|"
    r"no\s+one|every(?:one|body|thing)?|all|stable|smooth\w*|on\s+time|budget|targets?|went\s+live|kept|held|"
    r"stayed|remain\w*|today|ever|again|takeaway|taught|showed|proved|won|earned|trust\w*|uses?|using|use[ds])"
    r"(?![\w'’])|%",
    _FLAGS,
)
ENDING_SENTENCES = 1


def ending_clearly_absent(text: str) -> bool:
    """No word of an ending or a change in the closing sentence (only the tail is read)."""
    tail = [found for found in sentences(text[-3000:]) if found.strip()]
    return not any(_ENDING_WORDS.search(found) for found in tail[-ENDING_SENTENCES:])


def last_sentence(text: str) -> str:
    """The closing sentence, shortened for quoting (only the tail is read, so a huge text is cheap)."""
    tail = text[-2000:].rstrip()
    said = [sentence for sentence in sentences(tail) if sentence.strip()]
    return _trim(said[-1]) if said else ""


# What-not-to-say points that relate to each flag use these words (stemmed,
# so "blaming", "blamed" and "blame" all count). Written against the bank's
# what-not-to-say points: "Pointing at colleagues or the vendor as the cause",
# "Saying security belongs to IT", "A fuzzy account ...", "An ending with no
# measurable outcome".
FLAG_KEYWORDS: dict[str, frozenset[str]] = {
    "blame": stems_of(
        "blame blaming fault pointing attributing holding others responsible colleagues complaining criticising "
        "accusing difficult weaknesses vendor team department"
    ),
    "deflection": stems_of(
        "belongs leaving job responsibility governance privacy office concern problem handled passing sort "
        "someone else waiting alone"
    ),
    "vague": stems_of("generic fuzzy vague high-level general broad hazy concrete specific example figure named"),
    "no-result": stems_of(
        "stopping ending outcome result finishing measurable afterwards eventually happened followed improvements fixed"
    ),
}


# ---------------------------------------------------------------- parts of an answer that guidance points ask for


def _all(pattern: re.Pattern[str], text: str, limit: int = 6) -> list[str]:
    found = []
    for match in pattern.finditer(text):
        found.append(match.group())
        if len(found) == limit:
            break
    return found


def steps(text: str) -> list[str]:
    """The concrete steps the speaker took, up to six ("I pinged", "we compared")."""
    return _all(_ACTION, text) or _all(_PASSIVE_ACTION, text)


_COMMUNICATION = any_word(
    r"told|informed|updated|phoned|rang|emailed|messaged|briefed|warned|notified|called\s+(?:the|her|him|them)",
    r"kept\s+(?:\w+\s+){1,3}?(?:informed|updated|posted|in\s+the\s+loop)|(?:an?\s+)?(?:update|message|call|briefing)s?"
    r"\s+(?:to\s+\w+\s+)?every\s+\w+\s+(?:minutes|hours?)|every\s+\d+\s+minutes|huddle|status\s+page|bulletin",
)


def communication(text: str) -> list[str]:
    """Words showing who was told what, and how often."""
    return _all(_COMMUNICATION, text)


_PARTIES = (
    r"(?:[\w-]+\s+){0,3}?(?:team|teams|vendor|engineer|engineers|lead|leads|colleague|colleagues|manager|managers|"
    r"director|specialist|officer|department|supervisor|senior|board|radiologists?|radiographers?|clinicians?|"
    r"analyst|administrator|owner|committee|desk|support|governance|infrastructure)"
)
_COLLABORATION = any_word(
    rf"(?:with|asked|called|phoned|rang|involved|brought\s+in|escalated\s+to|agreed\s+with|met|to)\s+(?:the|our|my|"
    rf"their|a|an|each|both)\s+{_PARTIES}",
    r"(?:my|our)\s+colleague|we\s+split|together\s+with|jointly|joint\s+review",
)


def collaboration(text: str) -> list[str]:
    """Words showing other teams or people brought into the work."""
    return _all(_COLLABORATION, text)


# Things a team keeps after an incident, whether the speaker added them ("we added an alert") or they
# were added ("a check was added so that the job refuses to start").
_SAFEGUARD = (
    r"check|checks|checklist|alert|alerts|runbook|procedure|note|article|knowledge\s+base|test|monitor|monitoring|"
    r"process|rule|threshold|warning|condition|review|template|step"
)
_LESSONS = any_word(
    r"learned|learnt|lessons?|taught\s+me|from\s+then\s+on|since\s+then|going\s+forward|"
    r"(?:not|never)\s+happen(?:ed)?\s+again|what\s+(?:I|we)\s+changed|what\s+changed",
    r"so\s+that\s+(?:\w+\s+){0,8}?(?:next|again|future|early|earlier)",
    rf"(?:added|introduced|wrote|created|set\s+up|updated|built|made)\s+(?:[\w'’-]+\s+){{0,5}}?(?:{_SAFEGUARD})",
    rf"(?:{_SAFEGUARD})s?\s+(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:added|introduced|written|created|"
    r"set\s+up|updated|built|changed)",
    # a lasting change in practice: "I now export the entry first", "the template now includes the rhythm"
    r"(?:I|we|they|it|team|template|process|procedure|checklist|runbook|rule|policy|which)\s+now\s+[a-z]+",
    r"(?:team|they|we|department|trust)\s+adopted|changed\s+(?:the|our|my)\s+(?:\w+\s+)?(?:process|procedure|practice)",
)


def lessons(text: str) -> list[str]:
    """Words showing what was learned or changed so it would not happen again."""
    return _all(_LESSONS, text)


_TRAINING = any_word(
    r"train|trained|training|trains|teach|teaching|taught|induction|refreshers?|workshops?|super[\s-]?users?",
    r"champions?|floor-?walkers?|quick-reference|e-learning|coaching|coached|shadow(?:ed|ing)?|awareness|drop-in",
)


def training(text: str) -> list[str]:
    """Words showing training or teaching given."""
    return _all(_TRAINING, text)


_MEASURED_CHANGE = any_word(
    r"from\s+(?:[\w-]+\s+){0,3}?[\d.,]+\s*(?:%|[a-z]+)?\s+(?:down\s+|up\s+)?to\s+"
    r"(?:about\s+|around\s+|under\s+|below\s+|just\s+)?[\d.,]+",
    r"(?:fell|dropped|rose|cut|reduced|improved|increased|decreased|down|up)\s+by\s+(?:about\s+|around\s+|over\s+|"
    r"more\s+than\s+|nearly\s+)?(?:[\d.,]+\s*%?|half|a\s+third|a\s+quarter|a\s+fifth)",
    r"[\d.,]+\s*%\s+(?:fewer|less|more|faster|lower|higher|shorter)",
    r"(?:was|were|is|are)\s+(?:now\s+)?(?:under|below|down\s+to)\s+[\d.,]+",
)


def measured_change(text: str) -> str | None:
    """Figures before and after, or a change by an amount ("from 9 to 3 seconds", "fell by half")."""
    return _first(_MEASURED_CHANGE, text)
