"""Running sums over answers: the one accumulator every figure is made from."""

from __future__ import annotations

from pacs_interview.progress.facts import AnswerFact


class Tally:
    """Running sums over answers; `add` one answer, `merge` another tally."""

    # The counts, then `kinds` (red-flag kind -> answers that raised it), which merges differently.
    _COUNTS = (
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
    )
    __slots__ = (*_COUNTS, "kinds")

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
        for name in Tally._COUNTS:
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


def rounded(value: float | None, places: int) -> float | None:
    """A figure for JSON: rounded, or None when there is nothing to measure."""
    return None if value is None else round(value, places)
