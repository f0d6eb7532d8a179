"""Progress figures from the questions in use and the facts of every answer. Pure.

One pass over the answers tallies each question; the figures per level, type, domain
and skill are sums of those tallies, so the cost grows with the number of answers
and nothing else.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pacs_interview.bank import LEVEL_LABELS, Level, Question, QuestionType
from pacs_interview.bank.model import DOMAINS
from pacs_interview.progress import activity
from pacs_interview.progress.activity import TREND_DAYS, Trend, Week
from pacs_interview.progress.facts import FLAG_KINDS, AnswerFact
from pacs_interview.progress.tally import Tally, rounded
from pacs_interview.progress.weakest import Weak, weakest

GRADES = ("strong", "close", "not-yet")
DIMENSIONS = ("level", "type", "domain", "skill")
SCHEMA_VERSION = 1  # of `stats --json`: bump when a key changes meaning or goes away
# Feedback from before it judged an answer's form: answers to behavioral questions count as stories,
# the one type the design names as always calling for a story.
_STORY_TYPES = frozenset({QuestionType.behavioral})


@dataclass
class _Question:
    """One question's tallies (the last TREND_DAYS days, and before), and its latest attempt and verdict."""

    question: Question
    recent: Tally = field(default_factory=Tally)
    before: Tally = field(default_factory=Tally)
    tally: Tally = field(default_factory=Tally)  # both together, once every answer is in
    last: AnswerFact | None = None
    last_grade: str | None = None


@dataclass(frozen=True)
class Figures:
    """Where the candidate stands on a set of questions."""

    total: int  # questions in the set
    practised: int  # of them, answered at least once
    answers: int  # answers given (skips not counted)
    skipped: int
    verdicts: dict[str, int] | None  # the latest verdict of each practised question; None: no verdicts anywhere
    mean_rating: float | None
    rated: int
    stories: int  # answers told as stories
    star_parts: float | None  # the mean share of the STAR parts those stories have
    star_complete: float | None  # the share of those stories that have all four
    checked: int  # answers with feedback
    red_flag_rate: float | None  # the share of checked answers that raised any red flag
    red_flags: dict[str, float]  # per kind, the share of checked answers that raised it
    due: int | None = None  # questions whose review card is due; None: the history has no review cards

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "practised": self.practised,
            "answers": self.answers,
            "skipped": self.skipped,
            "verdicts": self.verdicts,
            "mean_rating": rounded(self.mean_rating, 2),
            "rated": self.rated,
            "star": {
                "stories": self.stories,
                "parts": rounded(self.star_parts, 3),
                "complete": rounded(self.star_complete, 3),
            },
            "red_flags": {
                "checked": self.checked,
                "rate": rounded(self.red_flag_rate, 3),
                "by_kind": {kind: rounded(rate, 3) for kind, rate in self.red_flags.items()},
            },
            "due": self.due,
        }


@dataclass(frozen=True)
class Group:
    """The figures of one level, type, domain or skill."""

    name: str
    label: str  # what to show: a level's title, else the name
    figures: Figures

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, **self.figures.to_json()}


@dataclass(frozen=True)
class Progress:
    """Everything `stats` shows."""

    today: date
    since: date | None
    overall: Figures
    groups: dict[str, tuple[Group, ...]]  # by DIMENSIONS; an empty tuple when no question has that field
    streak: int  # days in a row with an answer, up to today (or yesterday, if nothing yet today)
    longest_streak: int
    last_practised: date | None
    weakest: tuple[Weak, ...]
    trend: Trend
    heatmap: tuple[Week, ...]  # HEATMAP_WEEKS weeks, oldest first, the last one holding today
    left_out: int  # answers to questions that are not in the bank in use

    @property
    def has_verdicts(self) -> bool:
        return self.overall.verdicts is not None

    @property
    def has_stories(self) -> bool:
        return self.overall.stories > 0

    @property
    def has_ratings(self) -> bool:
        return self.overall.rated > 0

    @property
    def has_due(self) -> bool:
        """Whether the history keeps review cards, so there are due counts to show."""
        return self.overall.due is not None

    def to_json(self) -> dict[str, Any]:
        """`stats --json`: every key always present; null where there is nothing to measure."""
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today.isoformat(),
            "since": None if self.since is None else self.since.isoformat(),
            "overall": self.overall.to_json(),
            "groups": {dimension: [g.to_json() for g in self.groups[dimension]] for dimension in DIMENSIONS},
            "streak": {
                "current": self.streak,
                "longest": self.longest_streak,
                "last_practised": None if self.last_practised is None else self.last_practised.isoformat(),
            },
            "weakest": [weak.to_json() for weak in self.weakest],
            "trend": self.trend.to_json(),
            "heatmap": [{"week_of": week.start.isoformat(), "days": list(week.days)} for week in self.heatmap],
            "left_out": self.left_out,
        }


def measure(
    questions: Sequence[Question],
    facts: Iterable[AnswerFact],
    today: date,
    since: date | None = None,
    bank_ids: Collection[str] | None = None,
    due: Collection[str] | None = None,
) -> Progress:
    """The progress figures of `questions` from `facts` (oldest first), as of `today`.

    Answers before `since` are left out, and so are answers to questions not in `questions`;
    those whose question is not in `bank_ids` either (default: the ids of `questions`) are
    counted in `left_out`, so the candidate can be told they came from another bank. `due`
    holds the ids of the questions due for review now, or is None when the history keeps no
    review cards (and then no figure has a due count).
    """
    tallies = {q.id: _Question(q) for q in questions}
    known = tallies.keys() if bank_ids is None else bank_ids
    recent_from = today - timedelta(days=TREND_DAYS - 1)
    daily: dict[date, list[int]] = {}  # day -> [answers, rated, rating sum]
    left_out = 0
    for fact in facts:
        if since is not None and fact.day < since:
            continue
        entry = tallies.get(fact.question_id)
        if entry is None:
            left_out += fact.question_id not in known
            continue
        story = fact.form == "story" if fact.form is not None else entry.question.type in _STORY_TYPES
        # One tally per answer: the question's tally for its stretch; the sums come after.
        (entry.recent if fact.day >= recent_from else entry.before).add(fact, story)
        entry.last = fact
        if fact.grade is not None and not fact.skipped:
            entry.last_grade = fact.grade
        if not fact.skipped:
            day = daily.setdefault(fact.day, [0, 0, 0])
            day[0] += 1
            if fact.rating is not None:
                day[1] += 1
                day[2] += fact.rating
    entries = list(tallies.values())
    recent, before = Tally(), Tally()
    for entry in entries:
        recent.merge(entry.recent)
        before.merge(entry.before)
        entry.tally.merge(entry.recent)
        entry.tally.merge(entry.before)
    any_verdict = any(e.last_grade is not None for e in entries)
    active = sorted(day for day in daily if day <= today)
    streak, longest = activity.streaks(active, today)
    return Progress(
        today=today,
        since=since,
        overall=_figures(entries, any_verdict, due),
        groups={dimension: _groups(entries, dimension, any_verdict, due) for dimension in DIMENSIONS},
        streak=streak,
        longest_streak=longest,
        last_practised=active[-1] if active else None,
        weakest=weakest((entry.question, entry.last) for entry in entries),
        trend=Trend(
            activity.recent(recent, daily, recent_from, today),
            activity.before(before, daily, since if since and since < recent_from else None, recent_from),
            activity.day_by_day(daily, today),
        ),
        heatmap=activity.heatmap(daily, today),
        left_out=left_out,
    )


def _figures(entries: Sequence[_Question], any_verdict: bool, due: Collection[str] | None) -> Figures:
    total = Tally()
    verdicts = dict.fromkeys(GRADES, 0)
    practised = 0
    for entry in entries:
        total.merge(entry.tally)
        practised += entry.tally.answers > 0
        if entry.last_grade in verdicts:
            verdicts[entry.last_grade] += 1
    return Figures(
        total=len(entries),
        practised=practised,
        answers=total.answers,
        skipped=total.skipped,
        verdicts=verdicts if any_verdict else None,
        mean_rating=total.mean_rating,
        rated=total.rated,
        stories=total.stories,
        star_parts=total.star_share,
        star_complete=total.star_complete / total.stories if total.stories else None,
        checked=total.checked,
        red_flag_rate=total.red_flag_rate,
        red_flags={kind: total.kinds.get(kind, 0) / total.checked for kind in _kinds(total)} if total.checked else {},
        due=None if due is None else sum(entry.question.id in due for entry in entries),
    )


def _kinds(tally: Tally) -> list[str]:
    """The usual kinds, always, then any other kind found, by name."""
    return [*FLAG_KINDS, *sorted(kind for kind in tally.kinds if kind not in FLAG_KINDS)]


def _groups(
    entries: Sequence[_Question], dimension: str, any_verdict: bool, due: Collection[str] | None
) -> tuple[Group, ...]:
    members: dict[str, list[_Question]] = {}
    for entry in entries:
        for name in _names(entry.question, dimension):
            members.setdefault(name, []).append(entry)
    ordered = sorted(members, key=_ORDER[dimension])
    return tuple(Group(name, _label(dimension, name), _figures(members[name], any_verdict, due)) for name in ordered)


def _names(question: Question, dimension: str) -> tuple[str, ...]:
    if dimension == "level":
        return (question.level.value,)
    if dimension == "type":
        return (question.type.value,)
    if dimension == "domain":
        return (question.domain,) if question.domain else ()
    return question.skills


def _label(dimension: str, name: str) -> str:
    """What a reader sees: a level's title, a domain in words, a type or skill as it is."""
    if dimension == "level":
        return LEVEL_LABELS[Level(name)]
    if dimension == "domain":
        return _DOMAIN_WORDS.get(name, name.replace("-", " ").capitalize())
    return name


# A domain id in words, where replacing its hyphens is not enough.
_DOMAIN_WORDS = {"training-education": "Training and education"}


_LEVELS = [level.value for level in Level]
_TYPES = [kind.value for kind in QuestionType]
_ORDER: dict[str, Any] = {
    "level": _LEVELS.index,
    "type": _TYPES.index,
    # The outline's order, then any domain a custom bank adds, by name.
    "domain": lambda name: (DOMAINS.index(name), "") if name in DOMAINS else (len(DOMAINS), name),
    "skill": str.casefold,
}


def percent(share: float | None) -> str:
    """A share as `42%`, or `-` when there is nothing to measure."""
    return "-" if share is None else f"{share * 100:.0f}%"


def rating_text(mean: float | None) -> str:
    """A mean rating as `2.7`, or `-`."""
    return "-" if mean is None else f"{mean:.1f}"
