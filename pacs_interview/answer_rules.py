"""The phrase rules behind the feedback signals (SIGNALS: design.md "Feedback signals").

Each rule returns the words of the answer that satisfied it, or None, so the
feedback can quote the answer back instead of only giving a verdict. The
patterns were written against tests/data/answers/dev.yaml and the bank's
example answers; each group says what it is meant to catch.

Repetition inside a pattern is bounded ("up to three words"), so each
pattern costs a bounded amount per position of the text and a long answer
costs a few passes, never a blow-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pacs_interview.stemming import STOP_WORDS, stems_of

_FLAGS = re.IGNORECASE


def _any(*alternatives: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """One pattern matching any alternative as whole words."""
    # (?=\w) turns away every position that cannot start a word before the alternatives are tried,
    # which keeps a long run of punctuation or blank lines from costing a pass per alternative.
    return re.compile(r"(?<![\w'’])(?=\w)(?:" + "|".join(alternatives) + r")(?![\w'’])", flags)


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group() if match else None


# ---------------------------------------------------------------- pronouns

# design.md counts first-person SUBJECT pronouns. "I" is case-sensitive (a
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
    interfaces backlog configuration dashboard dashboards alert alerts runbook checklist register matrix""".split()
)
_CONCRETE_STEP = re.compile(
    r"(?:escalat(?:e|ed|es|ing)|reboot(?:ed|ing|s)?|restart(?:ed|ing|s)?|reinstall(?:ed|ing|s)?|ping(?:ed|ing|s)?|"
    r"replac(?:e|ed|es|ing)|reconfigur(?:e|ed|es|ing)|patch(?:ed|es|ing)?|resen[dt]|resending|quer(?:y|ied|ies|ying)|"
    r"compar(?:e|ed|es|ing)|rebuil[dt]|rebuilding|restor(?:e|ed|es|ing)|configur(?:e|ed|es|ing)|export(?:ed|ing|s)?|"
    r"import(?:ed|ing|s)?|delet(?:e|ed|es|ing)|merg(?:e|ed|es|ing)|rerout(?:e|ed|ing)|redirect(?:ed|ing)?|rollback|"
    r"rolled|tested|retest(?:ed)?|timed)"
)


def concrete_noun(words: Iterable[str]) -> bool:
    """The answer names at least one concrete thing or step (a server, a log, a queue, a restart ...)."""
    return any(word in _CONCRETE or _CONCRETE_STEP.fullmatch(word) for word in words)


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

_QUANTITY = re.compile(
    # a number with a percent sign, a unit, or a counted thing after it ("25 minutes", "14 queued studies",
    # "400-bed", "1.8 million objects", "97%"), unless a word before it says it is an identifier or a time of day
    rf"(?<![\w.:/^-])(?<!\bat\s)(?:(?<=\s)|(?<=^)|(?<=[(\[\"'‘“~≈<>]))"
    rf"(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?(?!:\d|\s*[ap]\.?m\b|\.\d)"
    rf"(?:\s*%|\s*-?\s*(?:{_UNITS})\b|-[a-z]+|\s+(?:million|thousand|hundred|billion|[a-z]{{2,}}))"
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

_SITUATION = _any(
    # a time anchor: "on a busy Thursday", "one Monday morning", "last winter", "at 08:10", "during an audit week"
    r"(?:on|one)\s+(?:a\s+)?(?:\w+\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend)"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    r"(?:one|that|a)\s+(?:busy\s+|quiet\s+)?(?:morning|afternoon|evening|night|weekend|day)\s+(?:when|in|at|last)",
    r"last\s+(?:year|spring|summer|autumn|fall|winter|month|week|quarter|christmas|easter)",
    r"(?:a\s+few|a\s+couple\s+of|two|three|four|five|six|several|\d+)\s+(?:years?|months?|weeks?)\s+ago|"
    r"back\s+in\s+(?:19|20)\d\d|in\s+(?:early|late|mid-?)?\s*(?:19|20)\d\d|while\s+I\s+was\s+(?:working|covering|on)",
    r"(?:just\s+)?(?:after|before|at|around|about)\s+\d{1,2}(?::\d\d|\s*[ap]\.?m\.?)",
    r"during\s+(?:a|an|the|my|our)\s+(?:\w+\s+){0,4}?(?:week|weekend|shift|night|upgrade|migration|audit|"
    r"placement|apprenticeship|rotation|outage|inspection|go-live|project|year|month)",
    r"in\s+(?:my|our)\s+(?:\w+\s+){0,3}?(?:placement|apprenticeship|rotation|internship|training\s+year)",
    # a place: "at my last hospital", "in my previous job", "at a 400-bed teaching hospital", "where I worked"
    r"(?:at|in)\s+my\s+(?:last|previous|current|first|old|former)\s+(?:\w+\s+)?(?:job|role|hospital|trust|site|"
    r"post|employer|position|team|practice|network|centre|center)",
    r"in\s+my\s+(?:first|second|third)\s+(?:year|month|week)",
    r"(?:at|in)\s+(?:a|an|the)\s+(?:[\w,-]+\s+){0,4}?(?:hospital|trust|clinic|centre|center|network|practice|"
    r"department|group)\s+(?:where|with|of|in|that)",
    r"where\s+I\s+(?:worked|was\s+working|used\s+to\s+work)",
    # a past event introduced as the scene: "it was a Monday", "it happened on", "we had a case where"
    r"it\s+(?:was|happened)\s+(?:on|in|during|at|a|an|one|the)",
    r"(?:we|I)\s+had\s+(?:a|an)\s+(?:\w+\s+){0,3}?(?:case|incident|outage|problem|issue|audit|situation|"
    r"morning|night|day|week)\s+(?:where|when|in|at|due|that)",
    r"(?:when|after|once)\s+(?:the|our|my|a|an|I|we|IT|they)\s+(?:[\w'’-]+\s+){0,3}?(?:decided|joined|started|"
    r"switched|moved|introduced|replaced|upgraded|migrated|became|began|went|installed|arrived|failed|stopped|"
    r"crashed|complained|asked|rang|called|merged|bought|took\s+over|changed|launched|opened|lost)",
    r"the\s+(?:biggest|worst|most\s+\w+|hardest|toughest|first|main)\s+(?:\w+\s+){0,2}?(?:I|we)\s+(?:have\s+|had\s+)?"
    r"(?:had|faced|handled|led|dealt|managed|saw|remember)",
    r"the\s+(?:biggest|worst|most\s+\w+|hardest|toughest)\s+(?:\w+\s+){0,3}?(?:was|came|happened|began)",
    r"I'?m\s+currently\s+\w+ing",
    flags=_FLAGS,
)
# An opening sentence that tells a past event about someone else ("A surgeon
# needed outside CT images in theatre within 30 minutes") sets a scene too.
_PAST_OPENING = _any(
    r"needed|wanted|couldn'?t|could\s+not|wasn'?t|weren'?t|stopped|failed|crashed|broke|went\s+down|began|started|"
    r"happened|complained|rang|called|noticed|asked|arrived|reported|lost|froze|hung|disappeared",
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def situation(text: str) -> str | None:
    """The words that set the scene: when, where, what was going on."""
    found = _first(_SITUATION, text)
    if found:
        return found
    opening = _SENTENCE.match(text.lstrip())
    sentence = opening.group() if opening else ""
    if re.match(r"\s*(?:I|we)\b", sentence, _FLAGS) or not _PAST_OPENING.search(sentence):
        return None
    # An opening that already states the task or the ending ("My job was to ...") is not the scene.
    return None if task(sentence) or result(sentence) else sentence.strip()


_TASK = _any(
    r"(?:my|our)\s+(?:main\s+|first\s+|immediate\s+|only\s+|whole\s+)?(?:task|job|role|responsibility|duty|goal|"
    r"aim|brief|priority|objective|remit|mission)\s+(?:was|is|were|became)",
    r"it\s+was\s+(?:my|our)\s+(?:\w+\s+)?(?:job|responsibility|task|role|duty)",
    r"(?:I|we)\s+(?:was|were|am|are|'m|'re)\s+(?:\w+\s+)?(?:responsible|accountable|in\s+charge|tasked|asked\s+to|"
    r"expected\s+to|there\s+to|on\s+call|the\s+on-call)",
    r"(?:I|we)\s+(?:had|needed|have|need)\s+to\s+(?:\w+\s+){0,2}?(?:get|restore|find|fix|deliver|make|bring|keep|"
    r"have|finish|move|replace|migrate|recover|stop|prove|meet|prepare|clear|connect|set|choose|decide|reduce|cut|"
    r"protect|pass|train|rebuild|complete|ensure)",
    r"(?:had|needed)\s+to\s+be\s+(?:\w+\s+){0,2}?(?:back|done|ready|fixed|running|working|live|restored|finished|"
    r"read|reported|available|in\s+place|loaded|complete)",
    r"the\s+(?:goal|aim|task|target|deadline|objective|brief)\s+(?:was|were|is)",
    r"(?:was|were)\s+due\s+(?:at|by|on|in|before|to)",
    r"deadline|before\s+(?:the|their|our)\s+(?:\w+\s+){0,2}?(?:audit|inspection|deadline|walk-round|go-live|"
    r"session|list|consultations?|appointments?|clinic|operation|surgery)",
    r"(?:I|we)\s+needed\s+(?:\w+\s+){1,3}?(?:loaded|fixed|done|ready|back|restored|working|running|available|"
    r"in\s+place)",
    r"I\s+see\s+my\s+role\s+as",
    r"asked\s+(?:me|us)\s+to|(?:I|we)\s+(?:was|were)\s+given\s+(?:\w+\s+){0,3}?to|(?:fell|was\s+down)\s+to\s+(?:me|us)",
    r"I\s+own\s+the|owns\s+(?:the\s+)?\w+",
    r"as\s+the\s+(?:\w+\s+){0,2}?(?:administrator|admin|lead|manager|engineer|analyst)\s+on",
    r"as\s+(?:PACS\s+)?(?:manager|lead)\s+I\s+was",
    r"I'?m\s+(?:currently\s+)?(?:leading|responsible|in\s+charge)",
    r"was\s+(?:mine|ours)\s+to",
    flags=_FLAGS,
)


def task(text: str) -> str | None:
    """The words that say what the speaker had to achieve: a goal, a duty, a deadline."""
    return _first(_TASK, text)


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
# A passive account of steps ("the job was paused", "radiologists were told every 20 minutes").
_PASSIVE_ACTION = re.compile(
    r"(?<![\w'’])(?:was|were|had\s+been)\s+(?:then\s+|also\s+|quickly\s+|immediately\s+)?"
    r"(?:paused|stopped|restarted|rebuilt|restored|corrected|added|pointed|moved|replaced|told|informed|checked|"
    r"tested|rolled\s+back|applied|reconfigured|updated|patched|isolated|escalated|fixed|killed|re-?run|re-?sent|"
    r"switched|redirected|rerouted|cleared|reset)(?![\w'’])",
    _FLAGS,
)


def action(text: str) -> str | None:
    """The words showing a concrete step the speaker took or follows ("I ran a C-ECHO")."""
    match = _ACTION.search(text) or _PASSIVE_ACTION.search(text)
    return match.group() if match else None


# Watching, learning or joining is not doing: "I shadowed the team and watched a CT reach the
# radiologist" explains what PACS is; it tells no story that needs an ending.
_ONLOOKER = (
    r"watched|saw|shadowed|observed|noticed|understood|learned|learnt|realised|realized|joined|applied|"
    r"started\s+(?:as|my|in|at|working)|wanted|needed|liked|loved|enjoyed|believed|thought|felt|knew|"
    r"used\s+to|moved\s+(?:to|into)\s+(?:this|a|the)\s+(?:role|job|post)"
)
_PAST_STEP = re.compile(
    rf"(?<![\w'’\-/.])(?:I|[Ww]e)\s+{_ADVERBS}(?!(?:{_ONLOOKER}|{_ADVERB})(?![\w'’]))"
    rf"(?:(?!(?:need|feed|seed|speed|proceed|exceed|succeed|embed)(?![\w'’]))\w+ed|ran|took|made|found|sent|went|got|"
    rf"told|kept|led|spoke|wrote|set|put|cut|met|did|began|brought|built|rebuilt|caught|chose|gave|held|left|paid|"
    rf"rang|sat|spent|stood|taught|won|drew|drove|had)(?![\w'’])"
)


def story(text: str) -> bool:
    """The answer recounts something the speaker did (a past step), rather than only explaining."""
    return _PAST_STEP.search(text) is not None or _PASSIVE_ACTION.search(text) is not None


_RESULT = _any(
    # things working again
    r"(?:was|were|came|went|got\s+\w+)\s+back(?:\s+(?:up|on|to|online|in|within|by|after|before))?",
    r"back\s+to\s+(?:normal|baseline|around|about|full|(?:its|their|the)\s+(?:previous|usual|normal|old|former))",
    r"by\s+(?:lunchtime|lunch|midday|noon|the\s+(?:afternoon|evening|end\s+of\s+\w+|next\s+\w+|following\s+\w+)|"
    r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?|then)\s*,?\s+(?:we|I|it|they|the|all|every|everything|most)\b",
    r"ran\s+(?:only\s+)?(?:slightly\s+|a\s+little\s+|a\s+bit\s+)?(?:behind|late|on\s+time)",
    r"(?:deliver|delivered|supplied|released|shipped)\s+(?:a|the)\s+(?:\w+\s+)?(?:fix|patch|hotfix)",
    # "fixed it within 20 minutes" is an ending; "needed it within 30 minutes" is a deadline
    r"(?!(?:need|want|ask|expect|promis|requir|hop|plann|schedul|agre|request)\w*\b)"
    r"(?:\w+ed|produced|made|got|did|met|ran|went|came|sent|found|took|had)\s+(?:[\w'’-]+\s+){0,8}?within\s+"
    r"(?:about\s+|around\s+|just\s+|less\s+than\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|\d+)\s+(?:minutes?|hours?|days?|weeks?|months?)",
    r"(?:flowing|working|running|arriving|moving|draining|loading|sending)\s+(?:\w+\s+)?(?:again|normally|as\s+normal)",
    r"(?:filled|started|picked|caught)\s+up\s+again|\w+ed\s+again",
    r"(?:it|that|everything|this|the\s+\w+)\s+(?:worked|works)(?:\s+(?:fine|again|after|from|since|well|perfectly))?",
    r"(?:went|go|goes)\s+away|went\s+(?:ahead|live|smoothly|well)|go-live\s+went|finally\s+went|was\s+live",
    r"(?:was|were|been|got)\s+(?:\w+\s+)?(?:resolved|fixed|restored|cleared|closed|completed|finished|recovered|"
    r"accepted|approved|signed\s+off|passed|praised|read|reported|loaded|imported|delivered|replicated|lost)",
    r"(?:the\s+)?(?:result|outcome|upshot|end\s+result|net\s+effect)\s+(?:was|is|has\s+been)|as\s+a\s+result|"
    r"in\s+the\s+end|by\s+the\s+end|resulted\s+in|ended\s+(?:up|with)|which\s+meant|it\s+meant",
    # measurable change
    r"(?:fell|dropped|rose|decreased|increased|reduced|went\s+(?:up|down))\s+(?:by|from|to)\s+[\w.,%]+|halved|doubled|"
    r"improved|shrank",
    r"[\d.,]+\s*%\s+(?:fewer|less|more|faster|lower|higher|shorter|quicker|better|smaller)",
    r"(?:shortened|saved|sped\s+up|speeded\s+up|trimmed|cut|reduced|lowered|improved|increased|raised|boosted)\s+"
    r"(?:[\w-]+\s+){0,4}?by\s+(?:about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?(?:\d+|a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|half)\b",
    r"(?:cut|reduced|brought|got)\s+(?:\w+\s+){0,5}?from\s+[\w.,]+\s+(?:\w+\s+)?to\s+[\w.,]+\s+"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|percent|%)",
    r"(?:on\s+time|on\s+schedule|ahead\s+of\s+schedule|before\s+the\s+(?:deadline|audit|walk-round|inspection))",
    r"no\s+(?:studies|images|data|patients?|findings?|complaints?|further|more|repeat|major|shared|incidents?)"
    r"(?:\s+\w+){0,2}?\s+(?:were|was|has|have|had|found|lost|since|raised|escalated|recurred)",
    r"(?:found|raised|had)\s+no\s+(?:\w+\s+)?(?:findings?|issues?|problems?|shared|complaints?)",
    r"(?:has|have)\s+(?:not|never)\s+(?:\w+\s+)?(?:happened|recurred|gone|failed|had|come)",
    r"(?:has|have)\s+since\s+\w+|in\s+the\s+\w+\s+months?\s+since|ever\s+since|(?:has|have)\s+(?:\w+\s+){1,2}since",
    r"(?:they|radiographers|radiologists|clinicians|users|we|it|the\s+\w+)\s+now\s+\w+|now\s+takes",
    r"(?:passed|convinced|praised)\s+(?:the|it|everyone|us|with)|and\s+it\s+passed",
    r"paid\s+(?:for\s+)?itself|stopped\s+this|prevented|has\s+run\s+since|has\s+(?:\w+\s+)?caught",
    r"(?:confirmed|agreed)\s+(?:that\s+)?(?:they|it|everything|studies|the\s+\w+)\s+(?:could|was|were|had)",
    r"(?:met|hit|beat|exceeded|missed)\s+(?:every|all|our|the)\s+(?:\w+\s+){0,2}?(?:deadlines?|targets?|SLAs?)",
    r"(?:this|that|the)\s+(?:approach|change|process|fix)\s+(?:has\s+)?(?:worked|meant|was\s+praised|stopped|"
    r"caught|helped|saved)",
    r"what\s+I\s+learned|the\s+lesson\s+(?:was|I)|I\s+learned\s+that|taught\s+me",
    r"(?:finished|completed|cleared|closed)\s+(?:on|before|by|within|in)",
    r"(?:was|were)\s+(?:finished|completed|cleared|read|reported)\s+before",
    r"finished\s+on|installs?\s+finished|didn'?t\s+rise|did\s+not\s+rise",
    # outcomes told in words: "both C-ECHOs passed", "arrived without a problem", "the finding was closed"
    r"(?:all|both|each|it|they|everything|[\w-]+s)\s+(?:passed|succeeded|opened|loaded|arrived)\s+"
    r"(?:first\s+time|without|correctly|complete|normally|fine|again|in\s+\d)",
    r"(?:both|all)\s+(?:[\w-]+\s+){0,2}?(?:passed|succeeded|worked)|all\s+of\s+them\s+(?:opened|loaded|arrived|passed|worked)",
    r"without\s+(?:a|any)\s+(?:single\s+)?(?:problem|issue|hitch|error|complaint|incident|failure)s?",
    r"(?:closed|cleared|resolved)\s+(?:the|our|its|every|all|each)\s+(?:\w+\s+)?(?:finding|findings|gap|gaps|case|"
    r"ticket|tickets|issue|issues|incident|action|actions|backlog|queue|mismatches|errors)",
    r"(?:which|that|it|this)\s+(?:has\s+)?(?:since\s+)?(?:caught|prevented|stopped|saved|avoided)",
    r"(?:was|were)\s+gone|(?:no|had\s+no)\s+(?:further|more)\s+(?:[\w-]+\s+){0,2}?(?:issues?|problems?|complaints?|"
    r"incidents?|errors?|failures?|selections?|mistakes?|outages?|delays?|findings?|calls?|tickets?|breaches?)",
    r"(?:was|were|is|are)\s+(?:now\s+)?down\s+(?:to|from|by)|had\s+(?:fallen|dropped|risen|halved|doubled)",
    r"(?:^|(?<=[.!?]\s))(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?)\s+(?:later|on)\b",
    r"(?:met|hit|beat|exceeded)\s+(?:it|them|that|this|the\s+\w+|our\s+\w+)",
    r"rolled\s+(?:it|them|this|the\s+\w+)?\s*out|(?:approved|accepted)\s+(?:the|our|my|it|a)\b",
    r"never\s+(?:stopped|failed|went\s+down|missed|slipped)|signed\s+off\s+(?:the|on|it)",
    r"found\s+no\s+(?:further\s+|remaining\s+|more\s+)?(?:issues|problems|errors|identifiers|findings|faults|"
    r"mismatches|discrepancies|gaps|duplicates)",
    r"(?:nobody|no\s+one|none\s+of\s+(?:the|them|our)(?:\s+\w+)?)\s+(?:lost|missed|needed|had|failed|reported|was|were)",
    r"delivered\s+(?:the|a|our|it|on)\b|now\s+(?:sat|sits|shows|opens|loads|works|runs|arrives|use|uses|reports|"
    r"takes|sends|gets|flows|meets|includes|copies|checks)",
    r"fixed\s+it\s+(?:in|within)|(?:cleared|fixed|resolved|sorted)\s+(?:them|it|the\s+\w+)\s+(?:\w+\s+){0,4}?"
    r"(?:in|within)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+\w+",
    r"by\s+(?:month|week|day|year)\s+\w+",
    r"(?:resumed|recovered|stabili[sz]ed|came\s+back\s+(?:up|online))|(?:complaints|calls|errors|failures|alerts|"
    r"tickets|problems?|issues?|slowdowns?|delays?|rejections)\s+(?:stopped|ceased|disappeared|went\s+away|dried\s+up)",
    r"(?:was|were)\s+(?:very\s+|really\s+)?(?:pleased|happy|satisfied|delighted|relieved)\s+(?:with|that)",
    r"(?:^|(?<=[.!?]\s))(?:within|after|in)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s*,?\s+(?:the|it|we|they|all|every|our|her|his|there|calls|complaints)",
    flags=_FLAGS,
)


def result(text: str) -> str | None:
    """The words that say how it ended or what changed."""
    return _first(_RESULT, text)


# ---------------------------------------------------------------- red flags

_BLAME = _any(
    r"(?:(?:the|a|our)\s+)?(?:[\w-]+\s+)?(?:[\w-]+['’]s|[\w-]+s['’])\s+fault|(?:their|his|her|its)\s+fault|"
    r"fault\s+(?:lies|lay)\s+with",
    r"(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:our|my)\s+fault",
    r"dropped\s+the\s+ball|ignored\s+(?:our|my|all\s+(?:our|my)|the)\s+(?:\w+\s+)?(?:emails|warnings|advice|requests|calls|"
    r"tickets|instructions|policy|procedure)|(?:no|any)\s+idea\s+what\s+(?:they|he|she)\s+(?:was|were)\s+doing|"
    r"didn'?t\s+know\s+what\s+(?:they|he|she)\s+(?:was|were)\s+doing",
    r"if\s+(?:only\s+)?(?:they|he|she|IT|the\s+(?:[\w-]+\s+){0,2}?(?:team|vendor|supplier|engineer|radiographers?|"
    r"radiologists?|staff|users))\s+(?:had|'d)\s+(?:just\s+|actually\s+|only\s+|properly\s+|bothered\s+to\s+)?"
    r"(?:done|tested|checked|followed|listened|read|told|involved|asked|warned|bothered|\w+ed)",
    r"none\s+of\s+this\s+would\s+have\s+happened|(?:they|he|she)\s+never\s+(?:follow|follows|listen|listens|read|"
    r"reads|test|tests|check|checks|tell|tells)",
    r"(?:the\s+)?(?:vendor|supplier|IT|network\s+team|radiographers?|radiologists?|clinicians?|they|he|she)\s+"
    r"(?:broke|messed\s+up|screwed\s+up|caused\s+(?:the|this|it|all))",
    r"caused\s+the\s+whole\s+(?:thing|problem|mess|issue)|the\s+whole\s+thing\s+was\s+(?:their|his|her)",
    r"(?:kept|keep|keeps)\s+(?:messing|breaking|getting\s+it\s+wrong|making\s+excuses|ignoring)",
    r"messed\s+(?:it\s+|things\s+|everything\s+)?up|made\s+a\s+mess|(?:a|the|their)\s+mess\s+that|inherited\s+the\s+mess|"
    r"clean\s+up\s+(?:a|the|their)\s+mess|(?:left|leave)\s+(?:\w+\s+){0,3}?in\s+a\s+(?:terrible|mess|awful|poor)",
    r"useless|incompetent|clueless|lazy|careless\s+(?:staff|users|radiographers|people)|hopeless|sloppy|negligent|"
    r"unprofessional|idiots?|rubbish\s+(?:vendor|supplier|support|team|engineers?)",
    r"couldn'?t\s+be\s+bothered|(?:never|didn'?t)\s+bother(?:ed)?\s+to",
    r"(?:worst|usual)\s+offenders|typical\s+of\s+(?:them|him|her|the\s+\w+)",
    r"(?:the\s+)?sort\s+of\s+thing\s+(?:they|he|she)\s+always|(?:as|like)\s+(?:they|he|she)\s+always\s+do",
    r"(?:done|do)\s+(?:their|his|her)\s+jobs?\s+properly|do\s+(?:their|his|her)\s+job\s+for\s+(?:them|him|her)",
    r"(?:had\s+)?(?:clearly\s+)?never\s+(?:read|tested|checked|bothered)",
    r"couldn'?t\s+deliver|failed\s+to\s+deliver|making\s+excuses",
    r"(?:their|his|her)\s+(?:attitude|incompetence|carelessness|mistake|negligence|sloppiness)",
    r"without\s+telling\s+(?:anyone|us|anybody|me)",
    r"(?:they|he|she)\s+got\s+(?:\w+\s+){0,4}?wrong",
    r"(?:they|IT|the\s+\w+\s+team)\s+didn'?t\s+(?:involve|consult|tell|warn|test)",
    r"the\s+root\s+cause\s+was\s+(?:the\s+)?(?:previous|old|vendor|their|other)",
    r"the\s+previous\s+(?:\w+\s+){0,2}?(?:administrator|admin|manager|team|lead|supplier)\s+(?:had|left|never|"
    r"didn'?t|also\s+left)",
    r"mostly\s+because\s+(?:the\s+)?(?:radiologists|radiographers|clinicians|users|vendor|they)",
    r"(?:I|we)\s+blame[ds]?|to\s+blame\s+(?:for|was|were)|(?:was|were|is|are)\s+to\s+blame|blamed\s+(?:the|them|it)",
    r"(?:it|this|that)\s+was\s+(?:all\s+)?(?:down\s+to|because\s+of)\s+(?:the\s+)?(?:vendor|them|IT|radiographers|"
    r"radiologists|clinicians|users|supplier|network\s+team)",
    r"wasn'?t\s+(?:even\s+)?(?:our|my)\s+(?:mess|fault|doing)|a\s+mess\s+that\s+wasn'?t",
    r"furious\s+with\s+(?:the|them)|their\s+(?:\w+\s+)?(?:were|was)\s+useless",
)
# "not the vendor's fault", "nobody was to blame": a negation just before a blame phrase turns it around.
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bnobody|\bno\s+one|\bwithout)\s+(?:\w+\s+){0,2}$", _FLAGS)


def blame(text: str) -> str | None:
    """The words that blame other people, teams or vendors for the problem."""
    for match in _BLAME.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if not _NEGATED.search(before) or match.group().lower().startswith(("without", "wasn")):
            return match.group()
    return None


_DEFLECTION = _any(
    r"(?:isn'?t|is\s+not|wasn'?t|was\s+not|aren'?t|are\s+not|not)\s+(?:really\s+|strictly\s+|actually\s+)?"
    r"(?:my|our)\s+(?:job|problem|area|responsibility|department|concern|remit|call|role|business|side|issue|domain)",
    r"(?:is|are|was|were|that'?s|it'?s)\s+(?:really\s+|actually\s+|just\s+|properly\s+|mainly\s+|strictly\s+)?"
    r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?[\w-]+['’]s?\s+(?:and\s+[\w-]+['’]s?\s+)?(?:job|responsibility|area|"
    r"problem|remit|domain|department|business|concern|call|side)(?!\s+(?:to|of|for)\b)",
    r"(?:rather|other)\s+than\s+(?:mine|ours)|not\s+mine|above\s+my\s+pay\s+grade",
    r"(?:someone|somebody)\s+else'?s\s+(?:job|problem|responsibility|area|call|issue|concern|remit|department|"
    r"business)|for\s+(?:someone|somebody)\s+else\s+to\s+(?:fix|sort|handle|deal)",
    r"(?:outside|beyond)\s+(?:my|our)\s+(?:\w+\s+)?(?:remit|role|area|scope|responsibility|responsibilities|job|"
    r"department)|not\s+(?:really\s+)?part\s+of\s+(?:my|our)\s+(?:job|role|remit)|not\s+in\s+my\s+job\s+description",
    r"let\s+(?:them|him|her|IT|the\s+(?:[\w-]+\s+){0,2}?(?:team|vendor|supplier|engineer|department))\s+"
    r"(?:deal\s+with|sort|handle|fix|worry\s+about|own)\s+(?:it|that|this)",
    r"(?:it'?s|that'?s|is)\s+up\s+to\s+(?:the\s+)?(?:vendor|IT|them|network|security|infrastructure|governance|"
    r"[\w-]+\s+team)|wash(?:ed)?\s+(?:my|our)\s+hands",
    r"whose\s+job\s+it\s+is|nothing\s+to\s+do\s+with\s+(?:me|us)|out\s+of\s+my\s+hands|not\s+(?:really\s+)?my\s+place",
    r"(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+(?:really\s+)?something\s+(?:I|we|a|an|the)\b(?:\s+[\w-]+){0,3}\s+"
    r"(?:should|gets?|get\s+involved|do|handle|deal|touch)",
    r"(?:is|are)\s+(?:all\s+)?handled\s+by\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}?(?:department|team|office|officer)",
    r"(?:told|asked)\s+(?:them|him|her|the\s+[\w']+(?:\s+[\w']+)?)\s+to\s+(?:raise|take|log|send)\s+it\s+"
    r"(?:with|to|up\s+with)",
    r"(?:just|simply)\s+(?:pass|passed|hand|handed|send|sent|forward|forwarded|refer|referred|leave|left)\s+"
    r"(?:it|them|that)\s+(?:on\s+)?to",
    r"pass(?:ed)?\s+it\s+(?:on\s+)?to\s+(?:[\w-]+\s+){1,4}?to\s+sort\s+out",
    r"(?:get|got|make|made)\s+the\s+(?:[\w-]+\s+){1,2}?(?:team|vendor)\s+to\s+fix\s+their\s+side",
    r"(?:I|we)\s+don'?t\s+get\s+(?:involved|into\s+the\s+detail)",
    r"(?:I|we)\s+(?:don'?t|do\s+not)\s+(?:deal|get\s+involved)\s+with",
    r"(?:I|we)\s+(?:just\s+)?configure\s+whatever\s+they",
    r"that'?s\s+(?:for|up\s+to)\s+(?:the\s+)?[\w-]+(?:\s+team)?",
    r"(?:left|leave)\s+(?:it|that)\s+(?:for|to)\s+(?:the\s+)?(?:vendor|IT|network|security|infrastructure|other)",
    r"not\s+(?:really\s+)?(?:something|anything)\s+(?:I|we)\s+(?:get\s+involved\s+in|deal\s+with|touch)",
    r"(?:isn'?t|is\s+not|wasn'?t)\s+(?:really\s+)?(?:my|our)\s+(?:\w+\s+)?(?:to\s+(?:fix|solve|sort))",
)


def deflection(text: str) -> str | None:
    """The words that make the matter someone else's job."""
    for match in _DEFLECTION.finditer(text):
        if not re.match(r"(?:is|are|was|were|that'?s|it'?s)\s+(?:\w+\s+)?(?:my|our)\b", match.group(), _FLAGS):
            return match.group()
    return None


_VAGUE_PHRASES = _any(
    r"looked\s+into\s+it|look\s+into\s+it|best\s+practices?|good\s+practice|(?:make|made|making)\s+sure\s+"
    r"(?:\w+\s+){0,6}?(?:compliant|in\s+order|in\s+place|on\s+track|properly|the\s+rules|the\s+regulations)",
    r"(?:all|any)\s+(?:the\s+)?relevant\s+\w+|the\s+right\s+processes|stay(?:ed|ing)?\s+on\s+top\s+of\s+things",
    r"(?:kept|keep)\s+everyone\s+(?:in\s+the\s+loop|motivated|informed|on\s+track)|stayed\s+calm",
    r"worked\s+(?:really\s+)?hard|pulled\s+together|tried\s+a\s+few\s+(?:different\s+)?things|step\s+by\s+step",
    r"(?:a|some)\s+(?:big|really\s+\w+)\s+(?:system\s+)?(?:change|issue|outage|problem)|(?:a|the)\s+system\s+"
    r"wasn'?t\s+working|(?:keep|kept)\s+up\s+(?:to\s+date|with)|really\s+(?:thorough|important)|"
    r"handled\s+(?:in\s+line|properly)|follow(?:s|ed)?\s+the\s+rules|(?:sort|sorted)\s+it\s+out",
)


def vague_phrase(text: str) -> str:
    """The answer's most telling generic words, or its opening when no stock phrase stands out."""
    return _first(_VAGUE_PHRASES, text) or first_sentence(text)


# ---------------------------------------------------------------- sentences and related points

_MAX_QUOTE_WORDS = 25


def _trim(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= _MAX_QUOTE_WORDS:
        return " ".join(words)
    return " ".join(words[:_MAX_QUOTE_WORDS]) + " …"


def first_sentence(text: str) -> str:
    """The opening sentence, shortened for quoting."""
    match = _SENTENCE.match(text.lstrip())
    return _trim(match.group() if match else "")


def last_sentence(text: str) -> str:
    """The closing sentence, shortened for quoting (only the tail is read, so a huge text is cheap)."""
    tail = text[-2000:].rstrip()
    sentences = [s for s in _SENTENCE.findall(tail) if s.strip()]
    return _trim(sentences[-1]) if sentences else ""


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


_COMMUNICATION = _any(
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
_COLLABORATION = _any(
    rf"(?:with|asked|called|phoned|rang|involved|brought\s+in|escalated\s+to|agreed\s+with|met|to)\s+(?:the|our|my|"
    rf"their|a|an|each|both)\s+{_PARTIES}",
    r"(?:my|our)\s+colleague|we\s+split|together\s+with|jointly|joint\s+review",
)


def collaboration(text: str) -> list[str]:
    """Words showing other teams or people brought into the work."""
    return _all(_COLLABORATION, text)


_LESSONS = _any(
    r"learned|learnt|lessons?|taught\s+me|from\s+then\s+on|since\s+then|(?:not|never)\s+happen(?:ed)?\s+again",
    r"so\s+that\s+(?:\w+\s+){0,8}?(?:next|again|future|early|earlier)",
    r"(?:added|introduced|wrote|created|set\s+up|updated|built|made)\s+(?:\w+\s+){0,5}?(?:check|checks|checklist|"
    r"alert|alerts|runbook|procedure|note|article|knowledge\s+base|test|monitor|monitoring|process|rule|threshold|"
    r"warning|condition|review)",
    r"(?:they|we|it|the\s+\w+\s+team)\s+now\s+(?:\w+\s+)?(?:send|sends|copies|copy|check|checks|run|runs|test|"
    r"tests|include|includes|alert|alerts)",
)


def lessons(text: str) -> list[str]:
    """Words showing what was learned or changed so it would not happen again."""
    return _all(_LESSONS, text)


_TRAINING = _any(
    r"train|trained|training|trains|teach|teaching|taught|induction|refreshers?|workshops?|super[\s-]?users?",
    r"champions?|floor-?walkers?|quick-reference|e-learning|coaching|coached|shadow(?:ed|ing)?",
)


def training(text: str) -> list[str]:
    """Words showing training or teaching given."""
    return _all(_TRAINING, text)


_MEASURED_CHANGE = _any(
    r"from\s+(?:about\s+|around\s+|over\s+|nearly\s+)?[\d.,]+\s*(?:%|[a-z]+)?\s+(?:down\s+|up\s+)?to\s+"
    r"(?:about\s+|around\s+|under\s+|below\s+|just\s+)?[\d.,]+",
    r"(?:fell|dropped|rose|cut|reduced|improved|increased|decreased|down|up)\s+by\s+(?:about\s+|around\s+|over\s+|"
    r"more\s+than\s+|nearly\s+)?(?:[\d.,]+\s*%?|half|a\s+third|a\s+quarter|a\s+fifth)",
    r"[\d.,]+\s*%\s+(?:fewer|less|more|faster|lower|higher|shorter)",
    r"(?:was|were|is|are)\s+(?:now\s+)?(?:under|below|down\s+to)\s+[\d.,]+",
)


def measured_change(text: str) -> str | None:
    """Figures before and after, or a change by an amount ("from 9 to 3 seconds", "fell by half")."""
    return _first(_MEASURED_CHANGE, text)
