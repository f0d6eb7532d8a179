"""The phrase rules behind the blame and deflection red flags.

Both flags are about other people, so both are built from one lexicon of
third parties (the vendor, the network team, radiographers, "they") and a few
lexicons of what is said about them, rather than from remembered sentences:

- blame: a third party is the grammatical cause of a fault ("the
  radiographers never check the worklist", "IT got the settings wrong"), a
  whole group is condemned ("vendors are all the same", "radiologists always
  shout"), or the fault is named as theirs ("their fault", "typical of them").
  Failing those, a sentence that names another party and reproaches it in the
  speaker's own words: contempt ("a joke", "clueless"), an idiom of neglect
  ("dragged their feet"), a stance word with a failure of theirs ("honestly,
  they never tested it"), or a failure pinned on a predecessor.
- deflection: the speaker disowns the matter ("not my job", "the desk's job
  rather than mine"), or puts it in another party's keeping ("that's the
  network team's job", "it sits with information governance", "one for the
  vendor"), or steps back from it ("I'd stay well out of it", "I sat tight
  and waited to be told"). Saying who owns a piece while still driving it ("it
  belonged to the network team, but I raised the change and chased it") is
  escalation, not deflection, so a sign of the speaker keeping hold in the same
  or the next sentence cancels the last two kinds.

Each rule returns the words that raised the flag, so the feedback can quote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pacs_interview.feedback.answer_rules import action, any_word, negated_before
from pacs_interview.feedback.sentences import sentences

_FLAGS = re.IGNORECASE


# ---------------------------------------------------------------- who "they" are

# People an answer can point at: roles general to hospital IT, not taken from any one answer. "IT" must be
# in capitals (not "it"); "people" is left out, since "this is where people get it wrong" is advice.
_PEOPLE = (
    r"vendors?|suppliers?|engineers?|teams?|departments?|desk|(?-i:IT)|radiographers?|radiologists?|sonographers?|"
    r"consultants?|clinicians?|doctors?|surgeons?|nurses?|clerks?|staff|users?|juniors?|managers?|administrators?|"
    r"admins?|leads?|specialists?|analysts?|contractors?|providers?|company|companies|management|predecessors?|"
    r"colleagues|helpdesk|officers?|leaders?|owners?|directors?|heads?|chiefs?|guardians?|manufacturers?|installers?|"
    r"groups?|technicians?|techs?|shifts?|"
    r"(?-i:CISO|CIO|CTO|DPO)"
)
# Areas that stand for the people who run them when something is put in their keeping ("it sits with
# information governance"); as the cause of a fault they are usually a diagnosis ("the problem was the
# network"), so blame uses people only.
_GROUP = (
    rf"{_PEOPLE}|network|infrastructure|security|governance|support|office|library|board|trust|finance|procurement|"
    r"estates|legal|registration|reception|switchboard|physics|payroll|(?-i:HR)"
)
# "the network team", "our vendor's engineer", "the previous PACS manager", "the registration clerks":
# a determiner, up to three describing words (never a little word such as "and" or "the", so the phrase
# starts where the party does), and a group word.
_DETERMINER = r"the|our|their|his|her|its|some|most|these|those|all|other|that|this|a|an"
_LITTLE = rf"(?:{_DETERMINER}|and|or|but|so|when|because|if|in|on|at|to|of|for|from|with|by|as|then|was|were|is|are)"
_DESCRIBED = rf"(?:(?:{_DETERMINER})\s+)?(?:(?!{_LITTLE}\s)[\w'’&-]+\s+){{0,3}}?"
PERSON = rf"{_DESCRIBED}(?:{_PEOPLE})"
PARTY = rf"{_DESCRIBED}(?:{_GROUP})"
# A party named by what it does, in the casual collective: "the records people", "the network lot".
_COLLECTIVE = r"the\s+(?:[\w-]+\s+){1,2}?(?:people|folks?|lot|guys|crowd|bunch)"
# A pronoun that can only mean someone other than the speaker.
_THEM = r"they|he|she"
# Words that may sit between a subject and its verb ("the radiographers just never check").
_SOFTENERS = (
    r"(?:(?:just|simply|frankly|honestly|clearly|obviously|basically|still|also|then|even|constantly|"
    r"repeatedly|often|usually|really|apparently|again|had|have|has|would|'d|there|here)\s+){0,3}"
)

# ---------------------------------------------------------------- blame

# Duties a party can be said to have failed in: "never check", "didn't tell us", "won't engage".
_DUTY = (
    r"check|checks|checked|follow|follows|followed|listen|listens|listened|read|reads|test|tests|tested|tell|tells|"
    r"told|warn|warned|inform|informed|involve|involved|consult|consulted|bother|bothered|engage|engaged|help|"
    r"helped|respond|responded|reply|replied|answer|answered|care|cared|learn|learnt|learned|document|"
    r"documented|update|updated|deliver|delivered|turn\s+up|show\s+up|call\s+back|fix|fixed|look|looked|admit|"
    r"understand|understood|prepare|prepared|communicate|communicated|log|logged"
)
# Refusal or neglect, not inability: "the vendor couldn't fix it remotely" is no fault.
_FAILED = r"never|didn'?t|don'?t|doesn'?t|wouldn'?t|won'?t|did\s+not|would\s+not|do\s+not"
# Conduct that is a fault in itself, whoever it is said of.
_MISCONDUCT = (
    r"broke|break|breaks|messed\s+(?:it\s+|things\s+|everything\s+)?up|mess\s+(?:it\s+|things\s+)?up|screwed\s+up|"
    r"botched|bodged|neglected|ignored|ignore|ignores|oversold|overpromised|over-promised|dropped\s+the\s+ball|"
    r"refus(?:e|es|ed|ing)\s+to|failed\s+to|forgot\s+to|skipped|bypassed|cut\s+corners|caused\s+(?:the|this|it|all|"
    r"that|every)|pushed\s+(?:[\w'’-]+\s+){1,3}?(?:without|with\s+no)|sat\s+on\s+(?:it|them|the\s+\w+)|"
    r"insist(?:s|ed)?\s+on|(?:got|get|gets|getting|typed|keyed|entered|set|configured|put|did|done)\s+"
    r"(?:[\w'’-]+\s+){0,4}?wrong|"
    r"(?:had|has|have)\s+no\s+(?:idea|clue)|(?:kept|keep|keeps)\s+(?:missing|breaking|ignoring|messing|failing|"
    r"forgetting|changing|treating|making\s+excuses|getting|throwing|dumping|piling|pushing|going\s+into|fiddling|"
    r"meddling|tinkering|overriding|touching)|promised?\s+the\s+earth|"
    # choosing the cheap option for everyone else: "put in a cheap link", "went for the cheapest bid"
    r"(?:put|bought|installed|chose|picked|went\s+for|fitted|specified)\s+(?:in\s+)?(?:a|the|some)\s+(?:really\s+|very\s+)?"
    r"(?:cheap|cheapest|bargain|substandard|second-rate|flimsy)|"
    r"complain(?:s|ed)?\s+when|dragged\s+(?:their|his|her)\s+feet|passed\s+the\s+buck|(?:was|were)\s+slow\s+to|"
    r"pointed\s+the\s+finger|(?:wouldn'?t|won'?t|didn'?t|never)\s+take\s+(?:any\s+)?(?:responsibility|ownership)|"
    r"(?:left|leave|leaves)\s+(?:[\w'’-]+\s+){0,4}?(?:in|on)\s+(?:a\s+)?(?:real\s+|total\s+|complete\s+)?(?:terrible|"
    r"awful|poor|mess|dire|ancient|outdated|shocking|state|shambles)"
)
# What a whole group is condemned for doing "always": "radiologists always shout", "users always moan".
# Wanting and expecting are left out: "radiologists always want the prior alongside" is plain description.
_GRIEVANCE = (
    r"shout|shouts|complain|complains|moan|moans|insist|insists|blame|blames|ignore|ignores|forget|forgets|panic|"
    r"panics|demand|demands|promise|promises"
)
# What people are called when they are blamed: "the team were careless", "their engineer is useless".
_FAULTY = (
    r"careless|negligent|lazy|sloppy|useless|incompetent|clueless|hopeless|unhelpful|obstructive|unreliable|rude|"
    r"arrogant|stubborn|"
    r"unresponsive|the\s+(?:real\s+|main\s+)?(?:problem|culprit|cause)"
)
# Cast as the cause, or as unwilling: "the vendor was the main reason", "they were not responsive".
_UNWILLING = (
    r"(?:was|were|is|are)\s+(?:the\s+(?:main\s+|real\s+|whole\s+|root\s+|actual\s+)?(?:reason|cause|culprit)|"
    r"not\s+(?:at\s+all\s+|very\s+|really\s+|even\s+)?(?:responsive|cooperating|cooperative|willing|supportive|"
    r"interested|helpful|bothered|engaged))"
)
# A verdict that can only be on people: "incompetence", "idiots", "rubbish support". Adjectives that may
# judge a thing as well ("useless", "sloppy": "'change the setting' is useless in the middle of the night")
# blame only when said of a party (_FAULTY) or in a sentence naming one (the reproach rule).
_CONTEMPT = (
    r"incompetence|negligence|unprofessional|"
    r"idiots?|careless\s+(?:staff|users|people|radiographers|engineers)|rubbish\s+(?:vendor|supplier|support|team)"
)
_SENTENCE_START = r"(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=honestly\s)|(?<=frankly\s)|(?<=honestly,\s)|(?<=frankly,\s))"

# What may follow a party said to be at fault: "... never followed the process", "..., who skipped the tests",
# "... were careless", "..., as usual,". Matched from the end of each party word (see `_party_faults`), which
# is far cheaper than trying every position of the answer as the start of a described party.
_AFTER_PARTY = re.compile(
    rf",?\s+(?:who\s+)?{_SOFTENERS}(?:(?:{_FAILED})\s+(?:even\s+|properly\s+|actually\s+|ever\s+)?(?:{_DUTY})|"
    rf"{_MISCONDUCT}|(?:was|were|is|are|had\s+been)\s+(?:so\s+|really\s+|very\s+|just\s+|completely\s+|frankly\s+)?"
    rf"(?:{_FAULTY})|{_UNWILLING})(?![\w'’])|"
    r",?\s+(?:(?:had|have|has|were|was)\s*,?\s+)?(?:as\s+usual|yet\s+again|once\s+again|as\s+always),",
    _FLAGS,
)
_PARTY_WORD = any_word(_PEOPLE, _THEM)
# The words that describe a party, just before its group word: "the network" of "the network team".
_DESCRIPTION_BEFORE = re.compile(rf"(?<![\w'’&-]){_DESCRIBED}\Z", _FLAGS)

_BLAME = any_word(
    # the fault named as someone else's: "the vendor's fault", "their incompetence"
    # ("nobody's fault" blames no one)
    r"(?!(?:nobody|no-one|anybody|anyone|everybody|everyone|somebody|someone)['’]s)"
    r"(?:[\w-]+['’]s|[\w-]+s['’]|their|his|her)\s+(?:own\s+)?(?:fault|mistake|doing|attitude|incompetence|"
    r"carelessness|negligence|sloppiness|mess)|fault\s+(?:lies|lay)\s+with",
    # a person's error, not a system's: "the sender's error" (but "the interface engine's error" is a cause)
    rf"(?:{_PEOPLE}|senders?|person)['’]s\s+(?:error|blunder)",
    # the same failure said of nobody in a party, or wished undone: "nobody in IT ever reads the notes",
    # "if the network team had bothered to test it"
    rf"(?:nobody|no\s+one|none\s+of\s+them)\s+(?:in|at|from|on)\s+{PARTY}\s+(?:ever\s+|even\s+)?(?:{_DUTY})",
    rf"if\s+(?:only\s+)?(?:{PERSON}|{_THEM})\s+(?:had|'d)\s+(?:just\s+|only\s+|actually\s+|properly\s+)?(?:bothered|"
    rf"done|tested|checked|followed|listened|read|told|involved|asked|warned|consulted)",
    r"(?:the\s+)?(?:real\s+|main\s+)?culprits?\s+(?:was|were|is|are)",
    # the fault traced to a party: "the mistake really started with the records officer", "that one was really
    # on the network people"
    rf"(?:mistake|error|fault|problem|trouble|mess)\s+(?:really\s+|actually\s+)?(?:started|began|lay|lies|sat)\s+with\s+"
    rf"{PERSON}",
    rf"(?:that|this|it)(?:\s+one)?\s+(?:was|is|'s)\s+(?:really\s+|all\s+|squarely\s+|entirely\s+|totally\s+)on\s+"
    rf"(?:{PERSON}|{_COLLECTIVE}|them)",
    # "nobody on their side thought to mention it"
    r"(?:nobody|no\s+one)\s+(?:[\w'’-]+\s+){0,4}?(?:thought|bothered|cared)\s+to\s+(?:mention|tell|check|ask|warn|"
    r"inform|test|consult)",
    # a whole group condemned at once: "PACS vendors are all the same", "radiologists always shout"
    rf"{_SENTENCE_START}(?:[\w-]+\s+)?(?:{_PEOPLE})\s+(?:are\s+all\s+the\s+same|never\s+(?:{_DUTY})|"
    rf"always\s+(?:[\w'’-]+,?\s+){{0,10}}?(?:{_GRIEVANCE}))",
    rf"(?:typical|classic)\s+(?:of\s+)?(?:them|him|her|(?:the\s+)?(?:[\w-]+\s+)?(?:{_PEOPLE}))|worst\s+offenders",
    # the cause pinned on people: "the problem was the consultants", "mostly because the radiologists insist"
    rf"(?:problem|cause|trouble)\s+(?:was|were|is|are)\s+(?:the|their|our)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE}|them)",
    rf"(?:because|thanks\s+to|down\s+to|due\s+to)\s+(?:of\s+)?(?:{PERSON}|{_THEM}|them)\s+{_SOFTENERS}"
    rf"(?:{_FAILED}|always|insist|insisted|just|not\s+\w+ing|kept\s+\w+ing)\b",
    rf"(?:because|thanks\s+to|down\s+to|due\s+to)\s+{PARTY}\s+{_SOFTENERS}(?:not\s+\w+ing|kept\s+\w+ing)\b",
    # a mess laid at someone's door: "the set-up was a mess because the previous supplier had ..."
    rf"(?:mess|shambles|disaster|nightmare)\s+(?:because|thanks\s+to|left\s+by|after|since)\s+(?:of\s+)?{PERSON}",
    # a group said to think itself above the rules: "surgeons think the rules don't apply to them"
    r"(?:think|thinks|thought|act|acts|acted|behave|behaves)\s+(?:like\s+|as\s+if\s+|that\s+)?(?:the\s+)?(?:rules?|"
    r"procedures?|process(?:es)?|polic(?:y|ies))\s+(?:don'?t|do\s+not|didn'?t|doesn'?t|did\s+not)\s+apply|"
    r"think\s+(?:they|he|she)(?:'re|\s+are|'s|\s+is)\s+above|think\s+(?:they|he|she)\s+know\s+(?:better|best)",
    # knowing and doing nothing: "they've known about it for ages"
    r"(?:they|he|she)(?:'ve|\s+have|'d|\s+had|\s+has|'s)\s+known\s+(?:about\s+(?:it|this|that)\s+)?(?:for\s+)?"
    r"(?:ages|months|years|weeks|a\s+long\s+time)",
    _CONTEMPT,
    # passive neglect still has a culprit: "the network has been neglected"
    r"(?:has|have|had)\s+been\s+(?:neglected|ignored|botched|bodged)",
    r"without\s+(?:telling|consulting|asking|warning|involving|informing|checking\s+with|talking\s+to)\s+"
    r"(?:us|anyone|anybody|me|a\s+soul)",
    # a cause pinned on a habit of theirs: "because the radiographers were always fiddling with the settings"
    rf"(?:because|thanks\s+to|down\s+to|due\s+to)\s+(?:of\s+)?(?:{PERSON}|{_THEM}|them)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:were|was|are|is)\s+(?:always|constantly|forever|just)\s+\w+ing",
    r"(?:changed|touched|done|did)\s+(?:something|things)\s+(?:they|he|she)\s+shouldn'?t\s+have",
    # a rhetorical question about who did it: "who signs off a cheap link for a hospital?"
    r"who\s+(?:in\s+their\s+right\s+mind\s+)?(?:signs|signed|buys|bought|approves|approved|orders|ordered)\b[^.?!\n]{0,80}\?",
    # the speaker's own slip laid on others: "nobody ever showed me how"; a team's ways sighed at
    r"(?:nobody|no\s+one)\s+(?:had\s+)?(?:ever\s+)?(?:showed|shown|told|trained|taught|explained)\s+(?:me|us)\b",
    rf"that'?s\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE}|them)\s+for\s+you",
    r"making\s+excuses|couldn'?t\s+be\s+bothered|(?:clean|cleaning|clear|clearing)\s+up\s+(?:a|the|their|his|her)\s+"
    r"mess|(?:done|do)\s+(?:their|his|her)\s+jobs?\s+(?:properly|for\s+them)",
)


# Which family of rule found a flag. They are not equally sure on writers they were not written for
# (tests/data/answers/README.md "What is asserted and what is asked"): a fault named as a party's is right
# more than nine times in ten, a reproach or a hand-over less often, a flat disowning more often.
FAULT = "fault"
REPROACH = "reproach"
DISOWNED = "disowned"
HANDED_OVER = "handed-over"


def blame(text: str) -> str | None:
    """The words that blame other people, teams or vendors for the problem."""
    found = blame_evidence(text)
    return found[0] if found else None


def blame_evidence(text: str) -> tuple[str, str] | None:
    """The words that blame others, and the family of rule that found them (FAULT or REPROACH)."""
    found = [(match.start(), match.end()) for match in _BLAME.finditer(text)] + list(_party_faults(text))
    for start, end in sorted(found):
        start = _described_from(text, start)
        if not negated_before(text, start) and not _ASKED.search(text[max(0, start - 30) : start]):
            return text[start:end], FAULT
    reproach = _reproach(text)
    return (reproach, REPROACH) if reproach is not None else None


# "People asked whether it was their fault": a question put, not an answer given.
_ASKED = re.compile(r"\b(?:whether|if)\s+(?:[\w'’-]+\s+){0,3}$", _FLAGS)


# ---------------------------------------------------------------- reproach

# Blame is a judgement, and speakers mark their judgements even when no pattern above fits the sentence:
# a word of contempt ("a joke", "a nightmare", "clueless"), an idiom of neglect ("drag their feet", "stopped
# caring", "held together with tape"), or a stance word ("honestly", "as usual", "to be blunt") next to a
# failure. A sentence that names another party and carries one of these blames that party. The lists are
# the general English of reproach, not any one answer's words.
# (A contraction may follow: "they've", "he'd".)
_OTHER_PARTY = re.compile(
    rf"(?<![\w'’])(?:{_GROUP}|guys|lot|folks?|crowd|bunch|brigade|whoever|somebody|someone|holders|biomed|they|them|their|"
    r"theirs|he|him|his|she)(?![\w])",
    _FLAGS,
)
# Whoever had the job before the speaker, the easiest party to blame: "the previous manager", "my predecessor".
_PREDECESSOR = re.compile(
    r"(?<![\w'’])(?:predecessors?|(?:previous|former|old|last|outgoing)\s+(?:[\w-]+\s+)?(?:manager|lead|admin|"
    r"administrator|team|supplier|vendor|director|owner|contractor|head|regime))(?![\w])",
    _FLAGS,
)
_CONTEMPT_OR_NEGLECT = any_word(
    r"joke|farce|circus|nightmare|shambles|mess|clueless|useless|hopeless|incompetent|incompetence|lazy|sloppy|"
    r"cowboys?|amateurs?|amateurish|idiots?|pathetic|ridiculous|rubbish|garbage|disgrace(?:ful)?|cavalier|"
    r"reckless|negligent|half-baked|fat-fingered|botched|bodged|shoddy|slapdash|a\s+bit\s+much|user\s+error|"
    r"operator\s+error|beyond\s+(?:them|him|her)|"
    # ("the cheapest tier" and "cheap storage" are tiering, not reproach)
    r"cheap(?!\s+(?:tier|storage|disk|disks|object|archive|nearline))",
    r"no\s+(?:idea|clue)|not\s+a\s+clue|stopped\s+caring|(?:don'?t|didn'?t|never)\s+cared?\s+(?:about|less|enough)|"
    r"couldn'?t\s+care\s+less|can'?t\s+be\s+bothered|drag(?:s|ged|ging)?\s+(?:their|his|her)\s+feet|"
    r"held\s+together\s+with|sat\s+on\s+(?:it|them|(?:the|our|my)\s+(?:[\w-]+\s+)?(?:request|ticket|email|approval|paperwork|order|"
    r"report|form|quote|fix|patch)s?)\b|dreadful|appalling|abysmal|"
    r"(?:that'?s|that\s+is)\s+(?:just\s+)?how\s+it\s+(?:goes|is)\s+with|moan(?:s|ed|ing)?|whing(?:e|es|ed|ing)|niggles?|(?:not|never)\s+good\s+enough|"
    r"(?:say|says|said)\s+no\s+to\s+everything|(?:put|putting|puts)\s+(?:their|his|her)\s+own\s+\w+\s+(?:ahead\s+of|"
    r"before|above)|treat(?:ed|s)?\s+(?:the\s+)?(?:[\w-]+\s+)?(?:rules|policy|policies|process|procedures?)\s+as\s+"
    r"(?:suggestions|optional)|"
    r"that'?s\s+how\s+they\s+(?:work|operate|are)|that\s+is\s+how\s+they\s+(?:work|operate|are)|only\s+cares?\s+about|"
    r"without\s+a\s+(?:word|thought)|hung\s+(?:us|me)\s+out\s+to\s+dry|under\s+the\s+bus|act(?:ed|s)?\s+surprised|"
    r"cover(?:ed|ing)?\s+(?:themselves|himself|herself)|overcharg\w*|charge\s+(?:us\s+)?for\s+every|"
    r"without\s+(?:any\s+|the\s+faintest\s+|a\s+)?(?:idea|clue|thought)",
)
_STANCE = any_word(
    r"honestly|frankly|clearly|obviously|naturally|to\s+be\s+(?:blunt|honest|frank|fair)|as\s+usual|as\s+always|"
    r"I'?ll\s+be\s+(?:honest|frank|blunt|straight)|be\s+straight\s+with\s+you|classic|"
    r"yet\s+again|typical|far\s+too|of\s+course|predictably|again"
)
# A failure said of the party: it follows the party word within twelve words ("they never tested it").
_FAILURE_AFTER = re.compile(
    r"(?:\s+[\w'’,;:-]+){0,12}?\s+(?:never|didn'?t|don'?t|doesn'?t|won'?t|wouldn'?t|hadn'?t|hasn'?t|haven'?t|did\s+not|"
    r"do\s+not|had\s+not|without|wrong|failed|forgot|ignored|refused|missed|skipped|broke|not\s+\w+ing|nobody\s+asked|"
    r"took\s+(?:ages|forever|weeks|months)|let\s+(?:[\w'’-]+\s+){0,3}?(?:rot|slide|slip|drift|lapse)|"
    r"no\s+one\s+asked)(?![\w'’])",
    _FLAGS,
)


def _reproach(text: str) -> str | None:
    """The first sentence that names another party and reproaches it, or None."""
    for sentence in sentences(text):
        if not _OTHER_PARTY.search(sentence):
            continue
        if _CONTEMPT_OR_NEGLECT.search(sentence) or (_STANCE.search(sentence) and _failure_of_party(sentence)):
            return sentence.strip()
        if any(_FAILURE_AFTER.match(sentence, before.end()) for before in _PREDECESSOR.finditer(sentence)):
            return sentence.strip()
    return None


def _failure_of_party(sentence: str) -> bool:
    return any(_FAILURE_AFTER.match(sentence, party.end()) for party in _OTHER_PARTY.finditer(sentence))


def _party_faults(text: str) -> Iterator[tuple[int, int]]:
    """Where a third party is the subject of a failure or of misconduct: "the sonographers never followed"."""
    for party in _PARTY_WORD.finditer(text):
        fault = _AFTER_PARTY.match(text, party.end())
        if fault:
            yield party.start(), fault.end()


_PARTY_START = re.compile(rf"(?:{_PEOPLE}|{_THEM})(?!\w)", _FLAGS)  # "team" of "team's" too


def _described_from(text: str, start: int) -> int:
    """Where the phrase at `start` begins once the words describing its party are included ("the RIS team's")."""
    if not _PARTY_START.match(text, start):
        return start  # the phrase opens with something other than its party ("because the office kept ...")
    description = _DESCRIPTION_BEFORE.search(text[max(0, start - 80) : start])
    return start - len(description.group()) if description else start


# ---------------------------------------------------------------- deflection

# What a person can be said to own: "the vendor's job", "their area", "an integration team issue".
_DUTY_NOUN = (
    r"job|role|area|problem|responsibility|remit|issue|domain|department|business|concern|call|side|kit|wheelhouse|"
    r"case|system|box|"
    r"platform|territory|lookout|headache|baby|court|patch|decision|lane|show"
)
# Whose it is: "their", "the service desk's", "IT's", or "a vendor" / "an integration team" before the noun.
# A possessor must be people ("the RIS's job" is a system's function, not a hand-over).
_OTHERS = rf"(?:their|{_DESCRIBED}(?:{_GROUP})['’]s?|an?\s+(?:(?!{_LITTLE}\s)[\w-]+\s+){{0,2}}?(?:{_PEOPLE}))"
_COPULA = r"(?:is|are|was|were|that'?s|it'?s|that\s+is|it\s+is|'s|(?:that|it|this)\s+would\s+be|(?:that|it)'d\s+be)"
_HEDGE = (
    r"(?:(?:really|usually|more|mainly|mostly|largely|just|properly|strictly|actually|all|honestly|basically|always)\s+)"
    r"{0,2}"
)
_KEEPING = (
    r"(?:be\s+)?(?:get\s+|getting\s+)?(?:touch|touching|involved|handle|handling|deal|dealing|sort|sorting|look\s+after|"
    r"worry|change|changing|go\s+near|mess\s+with|get\s+into|chase|chasing)"
)

# The speaker disowning the matter outright.
_DISOWNED = any_word(
    # ("it's not my job to blame anyone" disowns blaming, not the work)
    r"(?:isn'?t|is\s+not|wasn'?t|was\s+not|aren'?t|are\s+not|not)\s+(?:really\s+|strictly\s+|actually\s+)?"
    rf"(?:my|our)\s+(?:{_DUTY_NOUN})(?!\s+to\s+(?:blame|judge|point|criticis|find\s+fault))",
    r"rather\s+than\s+(?:mine|ours)|not\s+mine",
    # the matter disowned ("it wasn't really mine to decide"), not a thing ("the printer isn't ours")
    r"(?:it|this)\s+(?:isn'?t|wasn'?t|is\s+not|was\s+not)\s+(?:really\s+|strictly\s+|actually\s+)?(?:mine|ours)|"
    r"(?:not|n't)\s+(?:really\s+|strictly\s+)?(?:mine|ours)\s+to\s+\w+|"
    r"(?:isn'?t|wasn'?t|is\s+not|was\s+not)\s+(?:really\s+|strictly\s+)?(?:mine|ours)\s+to\s+\w+",
    # "that's their kit, not ours"
    r"their\s+[\w-]+(?:\s+[\w-]+)?,?\s+(?:and\s+|but\s+)?not\s+ours",
    rf"(?:someone|somebody)\s+else'?s\s+(?:{_DUTY_NOUN})|(?:someone|somebody)\s+else\s+to\s+(?:fix|sort|handle|deal)",
    r"(?:outside|beyond)\s+(?:my|our)\s+(?:\w+\s+)?(?:remit|role|area|scope|responsibilit(?:y|ies)|job)|"
    r"not\s+(?:really\s+)?part\s+of\s+(?:my|our)\s+(?:job|role|remit)|not\s+in\s+my\s+job\s+description",
    r"(?:not|isn'?t|wasn'?t)\s+(?:under|within|in)\s+(?:our|my)\s+(?:control|gift)|above\s+my\s+pay\s+grade|"
    r"(?:wouldn'?t|don'?t|do\s+not|would\s+not)\s+(?:want\s+to\s+)?(?:step|tread)\s+on\s+(?:their|his|her|anyone'?s|"
    r"anybody'?s)\s+toes|nothing\s+to\s+do\s+with\s+(?:me|us)|out\s+of\s+my\s+hands|not\s+(?:really\s+)?my\s+place|"
    r"wash(?:ed)?\s+(?:my|our)\s+hands|whose\s+job\s+(?:it|that|this)\s+is",
    # "aren't really for my team to interpret", "not for me to decide"
    r"(?:not|n't)\s+(?:really\s+)?for\s+(?:me|us|my\s+team|my\s+department|our\s+team)\s+to\s+\w+",
    # the work itself disowned: "fixing them isn't really us" (but "I knew it wasn't us" is a diagnosis)
    r"\w+ing\s+(?:[\w'’-]+\s+){0,2}?(?:isn'?t|is\s+not)\s+(?:really\s+)?(?:us|me)\b",
    # "isn't something the PACS team gets involved in", "not something a junior admin should be touching"
    r"(?:isn'?t|is\s+not|aren'?t|are\s+not|wasn'?t|was\s+not|not|rather\s+than)\s+(?:really\s+)?(?:something|anything)\s+"
    rf"(?:I|we|a|an|the)\b(?:'d|'ll)?(?:\s+[\w-]+){{0,3}}?\s+(?:should\s+|would\s+|gets?\s+|does\s+|do\s+)?{_KEEPING}",
    r"(?:I|we)\s+(?:don'?t|do\s+not)\s+(?:really\s+|usually\s+|normally\s+)?(?:get\s+(?:involved|into)|deal\s+with)",
    # the speaker's own field ruled out in the present: "it isn't a PACS problem" (not "I proved it wasn't PACS")
    r"(?:isn'?t|is\s+not|not\s+really)\s+(?:a|an)\s+(?:PACS|imaging)\s+(?:problem|issue|thing|matter)",
    r"not\s+(?:for|up\s+to)\s+me\b|leave\s+it\s+at\s+that|(?:that'?s|that\s+is)\s+(?:the\s+)?end\s+of\s+my\s+"
    r"(?:involvement|part)",
)
# "the team leader's job than mine", found from "than mine" backwards and quoted whole so the user sees whose
# job they made it ("a bigger team than mine" is a comparison, so a bare "than mine" needs a duty before it).
_THAN_MINE = re.compile(r"(?:rather\s+)?than\s+(?:mine|ours)(?![\w'’])", _FLAGS)
_DUTY_BEFORE = re.compile(rf"(?<![\w'’&-]){_OTHERS}\s+(?:{_DUTY_NOUN})\s+\Z", _FLAGS)
# The matter put in another party's keeping; the speaker may still be driving it.
_HANDED_OVER = any_word(
    rf"{_COPULA}\s+{_HEDGE}{_OTHERS}\s+(?:and\s+(?:[\w-]+\s+){{0,2}}?[\w-]+['’]s?\s+)?(?:{_DUTY_NOUN})"
    r"(?!\s+(?:to|of|for|was|is)\b)",
    rf"{_COPULA}\s+{_HEDGE}(?:one|a\s+matter|a\s+question|something|questions|matters|decisions|a\s+decision|"
    rf"a\s+call)\s+for\s+(?:{PARTY}|{_COLLECTIVE}|them)\b",
    # the speaker stepping back: "I'd stay well out of it", "I sat tight and waited to be told", "that's where
    # my involvement would stop", "and left him to it"
    r"(?:stay|stayed|staying|keep|kept)\s+(?:well\s+|right\s+)?out\s+of\s+(?:it|that|this|those)|sat\s+tight|"
    r"wait(?:ed|ing)?\s+to\s+be\s+told|stepped\s+back\s+(?:to\s+let|and\s+let)|left\s+(?:him|her|them)\s+to\s+it|"
    r"(?:my|our)\s+(?:involvement|part|role)\s+(?:would\s+|will\s+)?(?:stops?|ends?|ended|stopped)",
    # it is theirs now: "I'd tell the ward it's with them", "it was on him to get it right"
    r"(?:it'?s|it\s+is|it\s+was|that'?s)\s+(?:now\s+|then\s+|really\s+|squarely\s+)?(?:with|on)\s+(?:them|him|her|you)\b",
    # whose it is, said outright: "the scanner's configuration is theirs"
    rf"{_COPULA}\s+{_HEDGE}theirs\b",
    # the work described as what another party does: "documentation is more something the senior team handles",
    # "the registration people handle it"
    rf"(?:more|really|mainly|mostly)\s+(?:of\s+)?(?:something|a\s+thing|a\s+job)\s+(?:that\s+)?{PARTY}\s+"
    r"(?:handles?|does|do|deals?\s+with|looks?\s+after|owns?|takes?\s+care\s+of|sorts?)",
    # "more of an IT thing than a PACS thing"
    rf"{_COPULA}\s+{_HEDGE}(?:more\s+of\s+)?(?:an?\s+)?(?:{_GROUP})\s+(?:thing|matter|question|work)\b",
    # "it is handled by the IT security team", "that part is with them", "the legal side is for the compliance
    # office", "in HR's wheelhouse", "between them and HR", "their problem to solve"
    rf"(?:is|are)\s+{_HEDGE}(?:handled|done|managed|run|owned|covered)\s+by\s+{PARTY}(?:\s+(?:security|network|governance|"
    r"support|desk|team|office))*",
    rf"{_COPULA}\s+{_HEDGE}the\s+(?:{_DUTY_NOUN})\s+of\s+{PARTY}",
    rf"(?:leave|left|leaving)\s+(?:it|that|this|them)\s+(?:in|on)\s+(?:their|his|her|{_OTHERS})\s+(?:queue|hands|court|lap|"
    r"plate|desk)",
    rf"(?:that|this|it|the\s+\w+\s+(?:side|part|bit))\s+(?:is|'s)\s+{_HEDGE}(?:with|for)\s+(?:{PARTY}|them)\b",
    rf"in\s+{_OTHERS}\s+(?:wheelhouse|court|hands|lane|remit|domain)",
    rf"between\s+(?:them|him|her)\s+and\s+{PARTY}",
    r"(?:their|his|her)\s+problem\s+to\s+(?:solve|fix|sort)",
    r"(?:sort|work|figure)\s+(?:it\s+)?out\s+between\s+them",
    r"(?:I|we)\s+(?:don'?t|do\s+not)\s+(?:really\s+)?(?:go|get)\s+into\s+(?:that|this|it)|stay\s+away\s+from\s+(?:that|"
    r"it|this)",
    # sending the person who asked somewhere else: "I'd refer the radiologist to the vendor's helpdesk"
    rf"(?:refer|referred|redirect|redirected|point|pointed|direct|directed|send|sent)\s+(?:them|him|her|the\s+(?:user|"
    rf"caller|radiologist|radiographer|clinician|consultant|doctor|requester)s?)\s+(?:on\s+|back\s+)?to\s+{PARTY}",
    # a thing as the subject ("it sits with IT"), so "I sat with the radiologists" is not read as one
    rf"(?:sits|lies|rests|belongs?|belonged)\s+(?:\w+\s+)?(?:with|to)\s+{PARTY}",
    rf"(?:up\s+to|for)\s+(?:{PARTY}|{_COLLECTIVE})\s+to\s+(?:fix|sort|handle|deal|decide|worry)|"
    rf"{_COPULA}\s+up\s+to\s+{PARTY}",
    # Leaving it with them steps back. Handing or passing it on is ordinary escalation, unless the
    # speaker makes it all they do: "I'd just pass it to the vendor", "I simply tell them to ring IT".
    rf"(?:leave|left|leaving)\s+(?:(?:it|that|this|them|(?:the|those|these|any|all)\s+\w+(?:\s+\w+)?)\s+)?(?:to|with)\s+"
    rf"(?:them|{PARTY}|{_COLLECTIVE}|the\s+people\s+whose)",
    r"(?:just|simply|only)\s+(?:pass|passed|hand|handed|send|sent|forward|forwarded|refer|referred|log|logged|"
    r"redirect|redirected|point|pointed|punt|punted)\s+(?:(?:it|them|that|this|the\s+\w+(?:\s+\w+)?)\s+)?"
    rf"(?:on\s+|over\s+|back\s+)?(?:to|with)\s+(?:them|{PARTY})",
    r"(?:just|simply|only)\s+(?:tell|told|ask|asked)\s+(?:them|him|her|the\s+\w+)\s+to\s+(?:ring|call|contact|email|"
    rf"raise\s+it\s+with)\s+{PARTY}",
    rf"let\s+(?:them|him|her|{PARTY})\s+(?:deal\s+with|sort|handle|fix|worry\s+about|own|work\s+(?:it\s+)?out|"
    r"figure\s+(?:it\s+)?out|get\s+on\s+with|take\s+it\s+from\s+there|take\s+over|fight\s+it\s+out|thrash\s+it\s+out)",
    rf"(?:told|tell|asked|ask)\s+(?:them|him|her|the\s+[\w']+(?:\s+[\w']+)?)\s+to\s+(?:raise|take)\s+it\s+"
    rf"(?:up\s+)?(?:with|to)\s+{PARTY}",
)
# The work as what another party does: "the registration people handle it", "HR run all of that". Found
# from the verb, then the party is looked for just before it (see `_party_does`): trying every word of the
# answer as the start of a described party would cost more than all the other patterns together.
_DOES_IT = any_word(
    r"(?:handles?|deals?\s+with|looks?\s+after|owns?|takes?\s+care\s+of|runs?|manages?)\s+(?:it|that|this|all\s+(?:that|"
    r"of\s+that|of\s+it|of\s+this))"
)
_DOER_BEFORE = re.compile(rf"(?<![\w'’&-])(?:{PARTY}|the\s+[\w-]+\s+people)\s+\Z", _FLAGS)
# The speaker keeping hold of it: "but I raised the change request", "and chased it daily", "on the office's
# behalf", "rather than just telling them to ring someone else". Raising a ticket and waiting is letting go.
_STILL_OWNED = any_word(
    r"but\s+(?:I|we)\s+(?!(?:can|could|do|did|would|wo|don|didn|couldn|wouldn|won)(?:n'?t)?\b)\w+",
    r"(?:chase|chased|chasing|followed\s+up|follow\s+up|drove|tracked|kept\s+(?:on|at)|stayed\s+on)\b",
    r"(?:my|our)\s+(?:\w+\s+)?on\s+the\s+line|on\s+(?:the|their|his|her|our)\s+(?:[\w'’-]+\s+)?behalf",
    r"rather\s+than\s+just|still\s+(?:own|owned|chase|chased|follow|followed|track|tracked)",
    r"but\s+(?:it\s+is|it'?s)\s+my\s+(?:job|role|responsibility)|but\s+I'?d\s+(?:give|send|feed|support|prepare|provide)",
    # working it through with them: "so I brought them in early and we ran the tests together"
    # ("they put together some resources" is not working together)
    r"(?<!put\s)together|jointly|alongside|(?:brought|bring|bringing)\s+(?:them|him|her)\s+in|worked\s+(?:with|through)\s+"
    r"(?:them|him|her|it)",
)


# Saying whose decision something is, while doing the work around it, is knowing one's authority, not
# deflecting: "I showed my supervisor, since changing the settings wasn't my call", or "I hand over a
# factual report. Whether it was a breach is their call." Said on its own ("That's a decision for the
# clinical director."), it hands the matter over.
_DECISION = re.compile(r"\b(?:decision|decisions|call|decide|deciding)\b", _FLAGS)
_REASON_BEFORE = re.compile(r"\b(?:since|because|as)\s+(?:[\w'’-]+\s+){0,6}$", _FLAGS)


def deflection(text: str) -> str | None:
    """The words that make the matter someone else's job (and not the speaker's)."""
    found = deflection_evidence(text)
    return found[0] if found else None


def deflection_evidence(text: str) -> tuple[str, str] | None:
    """The words that make the matter someone else's job, and the family of rule (DISOWNED or HANDED_OVER)."""
    disowned = [match.span() for match in _DISOWNED.finditer(text)] + list(_others_than_mine(text))
    for start, end in sorted(disowned):
        if not _about_a_decision(text, start, end):
            return text[start:end], DISOWNED
    handed = sorted([match.span() for match in _HANDED_OVER.finditer(text)] + list(_party_does(text)))
    for start, end in handed:
        if negated_before(text, start) or _own(text[start:end]) or _about_a_decision(text, start, end):
            continue  # "doesn't belong to any one vendor", "it's our job"
        if not _keeps_hold(_sentence_and_next(text, start)):
            return text[start:end], HANDED_OVER
    return None


def _about_a_decision(text: str, start: int, end: int) -> bool:
    """A decision named as someone else's, as the reason for an escalation or beside the speaker's own work."""
    sentence_start = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    # The decision must be what is disowned ("not my call", "since deciding that sits with their office"),
    # not the matter around it ("pushing back on a decision at that level isn't really my job").
    if _DECISION.search(text, max(sentence_start, start - 16), min(len(text), end + 12)) is None:
        return False
    if _REASON_BEFORE.search(text[sentence_start:start]) or _keeps_hold(_sentence_and_next(text, start)):
        return True  # "That isn't my decision, but it is my job to feed it with the facts."
    return action(_sentence_before(text, sentence_start)) is not None or action(_sentence_after(text, end)) is not None


def _sentence_before(text: str, sentence_start: int) -> str:
    if sentence_start == 0:
        return ""
    previous = max(text.rfind(mark, 0, sentence_start - 1) for mark in ".!?\n") + 1
    return text[previous:sentence_start]


def _sentence_after(text: str, position: int) -> str:
    ends = [found for mark in ".!?\n" if (found := text.find(mark, position)) != -1]
    if not ends:
        return ""
    following = [found for mark in ".!?\n" if (found := text.find(mark, min(ends) + 1)) != -1]
    return text[min(ends) + 1 : min(following) + 1 if following else len(text)]


def _keeps_hold(passage: str) -> bool:
    """The passage shows the speaker still driving the matter ("I'm not going to chase it" does not)."""
    return any(not negated_before(passage, sign.start()) for sign in _STILL_OWNED.finditer(passage))


def _party_does(text: str) -> Iterator[tuple[int, int]]:
    """ "the registration people handle it": the verb found first, the party looked for just before it."""
    return _preceded_by(text, _DOES_IT, _DOER_BEFORE, reach=80)


def _others_than_mine(text: str) -> Iterator[tuple[int, int]]:
    """ "the team leader's job rather than mine": "than mine" found first, the duty looked for before it."""
    return _preceded_by(text, _THAN_MINE, _DUTY_BEFORE, reach=100)


def _preceded_by(text: str, anchor: re.Pattern[str], before: re.Pattern[str], reach: int) -> Iterator[tuple[int, int]]:
    """Spans from where `before` matches (ending just at an `anchor` match, within `reach`) to the anchor's end.

    Looking back from a rare anchor is far cheaper than trying every position of the answer as the start
    of a described party.
    """
    for found in anchor.finditer(text):
        window = text[max(0, found.start() - reach) : found.start()]
        prefix = before.search(window)
        if prefix:
            yield found.start() - len(window) + prefix.start(), found.end()


def _own(phrase: str) -> bool:
    return re.match(rf"{_COPULA}\s+{_HEDGE}(?:my|our)\b", phrase, _FLAGS) is not None


def _sentence_and_next(text: str, position: int) -> str:
    """The sentence around `position` and the one after it, where a speaker who keeps hold would say so."""
    start = max(text.rfind(mark, 0, position) for mark in ".!?\n") + 1
    end = position
    for _ in range(2):
        ends = [found for mark in ".!?\n" if (found := text.find(mark, end)) != -1]
        end = min(ends) + 1 if ends else len(text)
    return text[start:end]
