"""Practice over time: the streak, the last 30 days against before, and the twelve-week heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pacs_interview.progress.tally import Tally, rounded

TREND_DAYS = 30
HEATMAP_WEEKS = 12
# Per day: answers, rated answers, and the sum of their ratings.
Daily = dict[date, list[int]]


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
            "per_week": rounded(self.per_week, 1),
            "active_days": self.active_days,
            "mean_rating": rounded(self.mean_rating, 2),
            "strong_share": rounded(self.strong_share, 3),
            "star_parts": rounded(self.star_parts, 3),
            "red_flag_rate": rounded(self.red_flag_rate, 3),
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
                {"date": d.day.isoformat(), "answers": d.answers, "mean_rating": rounded(d.mean_rating, 2)}
                for d in self.daily
            ],
        }


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    days: tuple[int | None, ...]  # answers on Monday to Sunday; None for days still to come


def streaks(active: Sequence[date], today: date) -> tuple[int, int]:
    """The current run of days with an answer (alive until a whole day is missed) and the longest."""
    longest = run = 0
    previous: date | None = None
    for day in active:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = run if previous is not None and (today - previous).days <= 1 else 0
    return current, longest


def recent(tally: Tally, daily: Daily, start: date, today: date) -> Period:
    """The last TREND_DAYS days, today included."""
    active = sum(1 for day in daily if start <= day <= today)
    return _period(tally, TREND_DAYS, active)


def before(tally: Tally, daily: Daily, first: date | None, end: date) -> Period:
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


def day_by_day(daily: Daily, today: date) -> tuple[Day, ...]:
    days = []
    for back in range(TREND_DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        answers, rated, total = daily.get(day, (0, 0, 0))
        days.append(Day(day, answers, total / rated if rated else None))
    return tuple(days)


def heatmap(daily: Daily, today: date) -> tuple[Week, ...]:
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
