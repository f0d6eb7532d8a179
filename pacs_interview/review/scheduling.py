"""FSRS scheduling for interview questions: one card per question, intervals in whole days, times in UTC.

The `fsrs` package does the arithmetic. Its minute-long learning steps suit flash cards, not
interview answers, so there are none: every rating, the first one included, schedules days ahead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Protocol, TypeVar

from pacs_interview.review.grades import Grade

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

# Random spread of a few percent on intervals, so cards first answered together fall due apart.
# Tests turn it off to pin due dates.
FUZZ = True
MAXIMUM_INTERVAL_DAYS = 365  # a question a year away is as good as learned for an interview
RECENT_DAYS = 3  # a question practised this recently waits while others match


@dataclass(frozen=True)
class CardState:
    """Where one question stands in the review queue."""

    question_id: str
    stability: float  # days until recall is 90% likely
    difficulty: float  # 1 (easy) to 10 (hard)
    due: datetime  # UTC
    last_review: datetime  # UTC
    last_rating: Grade
    inferred: bool  # the last rating came from the feedback, not from the candidate
    reviews: int
    lapses: int  # ratings of Again

    @property
    def interval_days(self) -> float:
        """Days from the last review to the due date."""
        return (self.due - self.last_review) / timedelta(days=1)

    @property
    def state(self) -> str:
        """`learning` after one review, `relearning` after an Again, `review` once it holds."""
        if self.last_rating is Grade.again:
            return "relearning"
        return "learning" if self.reviews == 1 else "review"

    def retrievability(self, now: datetime) -> float:
        """How likely the candidate still recalls a good answer now, 0 to 1."""
        return float(_scheduler().get_card_retrievability(self._fsrs_card(), now))

    def _fsrs_card(self) -> Card:
        from fsrs import Card, State

        return Card(
            card_id=1,  # fsrs makes one up (and sleeps a millisecond) when none is given
            state=State.Review,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


def review(card: CardState | None, question_id: str, grade: Grade, when: datetime, *, inferred: bool) -> CardState:
    """The card after one more answer to its question, rated `grade` at `when` (UTC)."""
    from fsrs import Card, Rating

    before = card._fsrs_card() if card else Card(card_id=1, due=when)
    after, _ = _scheduler().review_card(before, Rating(int(grade)), review_datetime=utc(when))
    assert after.stability is not None and after.difficulty is not None and after.last_review is not None
    return CardState(
        question_id=question_id,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
        last_review=after.last_review,
        last_rating=grade,
        inferred=inferred,
        reviews=(card.reviews if card else 0) + 1,
        lapses=(card.lapses if card else 0) + (grade is Grade.again),
    )


def utc(moment: datetime) -> datetime:
    """The same moment with the UTC zone itself, which fsrs insists on."""
    return moment.astimezone(timezone.utc)


_SCHEDULERS: dict[bool, Scheduler] = {}


def _scheduler() -> Scheduler:
    # fsrs is imported here, not at the top: planning a session and drawing its first card need none of it.
    from fsrs import Scheduler

    fuzz = FUZZ
    if fuzz not in _SCHEDULERS:
        _SCHEDULERS[fuzz] = Scheduler(
            learning_steps=(),
            relearning_steps=(),
            maximum_interval=MAXIMUM_INTERVAL_DAYS,
            enable_fuzzing=fuzz,
        )
    return _SCHEDULERS[fuzz]


class HasId(Protocol):
    @property
    def id(self) -> str: ...


Q = TypeVar("Q", bound=HasId)


def due_first(questions: Sequence[Q], cards: Mapping[str, CardState], now: datetime) -> list[Q]:
    """Questions due now, most overdue first, then questions never practised, in the order given."""
    due = [q for q in questions if q.id in cards and cards[q.id].due <= now]
    due.sort(key=lambda q: cards[q.id].due)
    return due + [q for q in questions if q.id not in cards]


def recent_last(questions: Sequence[Q], recent: set[str]) -> list[Q]:
    """The same questions, those practised in the last few days moved behind the others."""
    return [q for q in questions if q.id not in recent] + [q for q in questions if q.id in recent]


def is_due(card: CardState, now: datetime) -> bool:
    return card.due <= now
