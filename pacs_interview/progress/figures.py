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
from pacs_interview.progress.facts import FLAG_KINDS, AnswerFact

GRADES = ("strong", "close", "not-yet")
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
DIMENSIONS = ("level", "type", "domain", "skill")
TREND_DAYS = 30
HEATMAP_WEEKS = 12
WEAKEST = 5
SCHEMA_VERSION = 1  # of `stats --json`: bump when a key changes meaning or goes away
# Feedback from before it judged an answer's form: answers to behavioral questions count as stories,
# the one type the design names as always calling for a story.
_STORY_TYPES = frozenset({QuestionType.behavioral})
# How weak the last attempt at a question was, from its verdict or its rating; 0 is weakest.
_GRADE_LEVEL = {"not-yet": 0, "close": 1, "strong": 2}
_RATING_LEVEL = {1: 0, 2: 1, 3: 2, 4: 3}
_WEAK_BELOW = 2  # strong, good and easy are not weak


class Tally:
    """Running sums over answers; `add` one answer, `merge` another tally."""

    __slots__ = (
        "answers",
        "skipped",
        "rated",
        "rating_sum",
        "graded",
        "strong",
        "stories",
        "star_parts",
        "star_complete",
        "checked",
        "flagged",
        "kinds",
    )

    def __init__(self) -> None:
        self.answers = self.skipped = self.rated = self.rating_sum = self.graded = self.strong = 0
        self.stories = self.star_parts = self.star_complete = self.checked = self.flagged = 0
        self.kinds: dict[str, int] = {}

    def add(self, fact: AnswerFact, story: bool) -> None:
        if fact.skipped:
            self.skipped += 1
            return
        self.answers += 1
        if fact.rating is not None:
            self.rated += 1
            self.rating_sum += fact.rating
        if fact.grade is not None:
            self.graded += 1
            self.strong += fact.grade == "strong"
        if story and fact.star_parts is not None:
            self.stories += 1
            self.star_parts += fact.star_parts
            self.star_complete += fact.star_parts == 4
        if fact.has_feedback:
            self.checked += 1
            if fact.flags:
                self.flagged += 1
                for kind in fact.flags:
                    self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def merge(self, other: Tally) -> None:
        for name in Tally.__slots__[:-1]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, count in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + count

    @property
    def mean_rating(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None

    @property
    def strong_share(self) -> float | None:
        return self.strong / self.graded if self.graded else None

    @property
    def star_share(self) -> float | None:
        """The mean share of the four STAR parts in story answers."""
        return self.star_parts / (4 * self.stories) if self.stories else None

    @property
    def red_flag_rate(self) -> float | None:
        return self.flagged / self.checked if self.checked else None


@dataclass
class _Question:
    """One question's tally, and its latest attempt and verdict."""

    question: Question
    tally: Tally = field(default_factory=Tally)
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

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "practised": self.practised,
            "answers": self.answers,
            "skipped": self.skipped,
            "verdicts": self.verdicts,
            "mean_rating": _round(self.mean_rating, 2),
            "rated": self.rated,
            "star": {
                "stories": self.stories,
                "parts": _round(self.star_parts, 3),
                "complete": _round(self.star_complete, 3),
            },
            "red_flags": {
                "checked": self.checked,
                "rate": _round(self.red_flag_rate, 3),
                "by_kind": {kind: _round(rate, 3) for kind, rate in self.red_flags.items()},
            },
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
class Weak:
    """A question whose last attempt was weak, so worth practising next."""

    question: Question
    last_practised: date
    skipped: bool
    grade: str | None
    rating: int | None

    @property
    def outcome(self) -> str:
        """The last attempt in words: `skipped`, `not-yet, rated hard`, `rated again`."""
        if self.skipped:
            return "skipped"
        rated = None if self.rating is None else f"rated {RATING_NAMES[self.rating]}"
        return ", ".join(part for part in (self.grade, rated) if part)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "question": self.question.question,
            "level": self.question.level.value,
            "type": self.question.type.value,
            "last_practised": self.last_practised.isoformat(),
            "skipped": self.skipped,
            "grade": self.grade,
            "rating": self.rating,
        }


@dataclass(frozen=True)
class Period:
    """The answers of a stretch of days, for comparing one stretch with another."""

    days: int  # how long the stretch is: TREND_DAYS, or from the first answer to the recent stretch
    answers: int
    active_days: int
    mean_rating: float | None
    strong_share: float | None
    star_parts: float | None
    red_flag_rate: float | None

    @property
    def per_week(self) -> float | None:
        """Answers per week over the stretch; None for a stretch of no days."""
        return self.answers * 7 / self.days if self.days else None

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "answers": self.answers,
            "per_week": _round(self.per_week, 1),
            "active_days": self.active_days,
            "mean_rating": _round(self.mean_rating, 2),
            "strong_share": _round(self.strong_share, 3),
            "star_parts": _round(self.star_parts, 3),
            "red_flag_rate": _round(self.red_flag_rate, 3),
        }


@dataclass(frozen=True)
class Day:
    day: date
    answers: int
    mean_rating: float | None


@dataclass(frozen=True)
class Trend:
    """The last TREND_DAYS days against the time before them, and those days one by one."""

    recent: Period
    before: Period
    daily: tuple[Day, ...]  # oldest first, ending today

    def to_json(self) -> dict[str, Any]:
        return {
            "days": TREND_DAYS,
            "recent": self.recent.to_json(),
            "before": self.before.to_json(),
            "daily": [
                {"date": d.day.isoformat(), "answers": d.answers, "mean_rating": _round(d.mean_rating, 2)}
                for d in self.daily
            ],
        }


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    days: tuple[int | None, ...]  # answers on Monday to Sunday; None for days still to come


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
) -> Progress:
    """The progress figures of `questions` from `facts` (oldest first), as of `today`.

    Answers before `since` are left out, and so are answers to questions not in `questions`;
    those whose question is not in `bank_ids` either (default: the ids of `questions`) are
    counted in `left_out`, so the candidate can be told they came from another bank.
    """
    tallies = {q.id: _Question(q) for q in questions}
    known = tallies.keys() if bank_ids is None else bank_ids
    recent_from = today - timedelta(days=TREND_DAYS - 1)
    recent, before = Tally(), Tally()
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
        entry.tally.add(fact, story)
        entry.last = fact
        if fact.grade is not None and not fact.skipped:
            entry.last_grade = fact.grade
        (recent if fact.day >= recent_from else before).add(fact, story)
        if not fact.skipped:
            day = daily.setdefault(fact.day, [0, 0, 0])
            day[0] += 1
            if fact.rating is not None:
                day[1] += 1
                day[2] += fact.rating
    entries = list(tallies.values())
    any_verdict = any(e.last_grade is not None for e in entries)
    active = sorted(day for day in daily if day <= today)
    streak, longest = _streaks(active, today)
    return Progress(
        today=today,
        since=since,
        overall=_figures(entries, any_verdict),
        groups={dimension: _groups(entries, dimension, any_verdict) for dimension in DIMENSIONS},
        streak=streak,
        longest_streak=longest,
        last_practised=active[-1] if active else None,
        weakest=_weakest(entries),
        trend=Trend(
            _recent(recent, daily, recent_from, today),
            _before(before, daily, since if since and since < recent_from else None, recent_from),
            _daily(daily, today),
        ),
        heatmap=_heatmap(daily, today),
        left_out=left_out,
    )


def _figures(entries: Sequence[_Question], any_verdict: bool) -> Figures:
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
    )


def _kinds(tally: Tally) -> list[str]:
    """The usual kinds, always, then any other kind found, by name."""
    return [*FLAG_KINDS, *sorted(kind for kind in tally.kinds if kind not in FLAG_KINDS)]


def _groups(entries: Sequence[_Question], dimension: str, any_verdict: bool) -> tuple[Group, ...]:
    members: dict[str, list[_Question]] = {}
    for entry in entries:
        for name in _names(entry.question, dimension):
            members.setdefault(name, []).append(entry)
    ordered = sorted(members, key=_ORDER[dimension])
    return tuple(Group(name, _label(dimension, name), _figures(members[name], any_verdict)) for name in ordered)


def _names(question: Question, dimension: str) -> tuple[str, ...]:
    if dimension == "level":
        return (question.level.value,)
    if dimension == "type":
        return (question.type.value,)
    if dimension == "domain":
        return (question.domain,) if question.domain else ()
    return question.skills


def _label(dimension: str, name: str) -> str:
    return LEVEL_LABELS[Level(name)] if dimension == "level" else name


_LEVELS = [level.value for level in Level]
_TYPES = [kind.value for kind in QuestionType]
_ORDER: dict[str, Any] = {
    "level": _LEVELS.index,
    "type": _TYPES.index,
    # The outline's order, then any domain a custom bank adds, by name.
    "domain": lambda name: (DOMAINS.index(name), "") if name in DOMAINS else (len(DOMAINS), name),
    "skill": str.casefold,
}


def _weakest(entries: Sequence[_Question]) -> tuple[Weak, ...]:
    ranked = []
    for entry in entries:
        last = entry.last
        if last is None:
            continue
        level = _weakness(last)
        if level is None or level >= _WEAK_BELOW:
            continue
        # Weakest first; among equals the lower rating, then the one practised longest ago.
        rating = last.rating if last.rating is not None else 2.5
        ranked.append(((level, rating, last.day, entry.question.id), entry, last))
    ranked.sort(key=lambda item: item[0])
    return tuple(
        Weak(entry.question, last.day, last.skipped, None if last.skipped else last.grade, last.rating)
        for _, entry, last in ranked[:WEAKEST]
    )


def _weakness(last: AnswerFact) -> int | None:
    """0 (weakest) and up, from a skip, the verdict and the rating (the lower of the two); None: unknown."""
    if last.skipped:
        return 0
    levels = []
    if last.grade in _GRADE_LEVEL:
        levels.append(_GRADE_LEVEL[last.grade])
    if last.rating in _RATING_LEVEL:
        levels.append(_RATING_LEVEL[last.rating])
    return min(levels) if levels else None


def _streaks(active: Sequence[date], today: date) -> tuple[int, int]:
    """The current run of days with an answer (alive until a whole day is missed) and the longest."""
    longest = run = 0
    previous: date | None = None
    for day in active:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = run if previous is not None and (today - previous).days <= 1 else 0
    return current, longest


def _recent(tally: Tally, daily: dict[date, list[int]], start: date, today: date) -> Period:
    """The last TREND_DAYS days, today included."""
    active = sum(1 for day in daily if start <= day <= today)
    return _period(tally, TREND_DAYS, active)


def _before(tally: Tally, daily: dict[date, list[int]], first: date | None, end: date) -> Period:
    """From the first answer (or `since`) to the day before `end`."""
    earlier = [day for day in daily if day < end]
    start = min([*earlier, *([first] if first else [])], default=end)
    return _period(tally, (end - start).days, len(earlier))


def _period(tally: Tally, days: int, active: int) -> Period:
    return Period(
        days=days,
        answers=tally.answers,
        active_days=active,
        mean_rating=tally.mean_rating,
        strong_share=tally.strong_share,
        star_parts=tally.star_share,
        red_flag_rate=tally.red_flag_rate,
    )


def _daily(daily: dict[date, list[int]], today: date) -> tuple[Day, ...]:
    days = []
    for back in range(TREND_DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        answers, rated, total = daily.get(day, (0, 0, 0))
        days.append(Day(day, answers, total / rated if rated else None))
    return tuple(days)


def _heatmap(daily: dict[date, list[int]], today: date) -> tuple[Week, ...]:
    this_monday = today - timedelta(days=today.weekday())
    weeks = []
    for back in range(HEATMAP_WEEKS - 1, -1, -1):
        start = this_monday - timedelta(weeks=back)
        days = tuple(
            None if start + timedelta(days=n) > today else daily.get(start + timedelta(days=n), (0,))[0]
            for n in range(7)
        )
        weeks.append(Week(start, days))
    return tuple(weeks)


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def percent(share: float | None) -> str:
    """A share as `42%`, or `-` when there is nothing to measure."""
    return "-" if share is None else f"{share * 100:.0f}%"


def rating_text(mean: float | None) -> str:
    """A mean rating as `2.7`, or `-`."""
    return "-" if mean is None else f"{mean:.1f}"
