"""The review package, pure: FSRS in days, grades inferred from feedback, what changed, the queue rows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pacs_interview.review import scheduling
from pacs_interview.review.compare import changes
from pacs_interview.review.grades import Grade, inferred_grade
from pacs_interview.review.queue import due_counts, queue, shorten
from pacs_interview.review.scheduling import CardState, due_first, recent_last, review
from tests.helpers import FEEDBACK

NOON = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


class Q:
    def __init__(self, qid: str) -> None:
        self.id = qid

    def __repr__(self) -> str:
        return self.id


def card(qid: str, due: datetime, grade: Grade = Grade.good) -> CardState:
    return CardState(qid, 3.0, 5.0, due, due - 3 * DAY, grade, False, 1, 0)


def test_every_rating_schedules_whole_days_ahead_never_minutes() -> None:
    for grade in Grade:
        first = review(None, "q", grade, NOON, inferred=False)
        assert first.interval_days >= 1 and first.interval_days == int(first.interval_days), grade
        assert first.due.tzinfo == timezone.utc and first.last_review == NOON


def test_better_ratings_wait_longer_and_again_comes_back_soonest() -> None:
    intervals = [review(None, "q", grade, NOON, inferred=False).interval_days for grade in Grade]
    assert intervals == sorted(intervals) and intervals[0] < intervals[-1]


def test_a_card_answered_well_again_and_again_waits_longer_each_time() -> None:
    state, when, intervals = None, NOON, []
    for _ in range(4):
        state = review(state, "q", Grade.good, when, inferred=False)
        intervals.append(state.interval_days)
        when = state.due
    assert intervals == sorted(intervals) and intervals[-1] > 3 * intervals[0]
    assert state is not None and (state.reviews, state.lapses, state.state) == (4, 0, "review")


def test_again_after_good_answers_shortens_the_interval_and_counts_a_lapse() -> None:
    good = review(review(None, "q", Grade.good, NOON, inferred=False), "q", Grade.good, NOON + 3 * DAY, inferred=False)
    lapsed = review(good, "q", Grade.again, good.due, inferred=True)
    assert lapsed.interval_days < good.interval_days
    assert (lapsed.lapses, lapsed.state, lapsed.inferred) == (1, "relearning", True)


def test_the_same_answers_give_the_same_due_dates_with_fuzzing_off() -> None:
    assert not scheduling.FUZZ  # the test setup turns it off
    first = review(None, "q", Grade.good, NOON, inferred=False)
    assert review(first, "q", Grade.good, first.due, inferred=False) == review(
        first, "q", Grade.good, first.due, inferred=False
    )


def test_times_in_another_zone_are_scheduled_in_utc() -> None:
    paris = NOON.astimezone(timezone(timedelta(hours=2)))
    assert review(None, "q", Grade.hard, paris, inferred=False) == review(None, "q", Grade.hard, NOON, inferred=False)


def test_retrievability_falls_as_time_passes() -> None:
    state = review(None, "q", Grade.good, NOON, inferred=False)
    now, later = state.retrievability(NOON), state.retrievability(NOON + 30 * DAY)
    assert now == pytest.approx(1.0) and 0 < later < state.retrievability(state.due) < now


@pytest.mark.parametrize(
    ("feedback", "grade"),
    [
        ({"verdict": {"grade": "strong"}, "red_flags": [{"kind": "blame"}]}, Grade.good),  # the verdict decides
        ({"verdict": {"grade": "close"}}, Grade.hard),
        ({"verdict": {"grade": "not-yet"}}, Grade.again),
        ({"red_flags": [{"kind": "blame"}]}, Grade.hard),  # no verdict (feedback from before verdicts)
        ({"red_flags": []}, Grade.good),
        ({"verdict": {"grade": "unheard-of"}, "red_flags": []}, Grade.good),
        ({"verdict": "strong"}, Grade.good),  # not the shape verdicts have: read as no verdict
        (None, Grade.good),
    ],
)
def test_an_unrated_answer_counts_as_its_verdict_else_by_its_red_flags(feedback: object, grade: Grade) -> None:
    assert inferred_grade(feedback) is grade  # type: ignore[arg-type]


def test_what_changed_reads_like_a_coach() -> None:
    before = dict(FEEDBACK)
    after = {
        **FEEDBACK,
        "star": {**FEEDBACK["star"], "result": True},  # type: ignore[dict-item]
        "red_flags": [{"kind": "vague", "phrase": "stuff", "point": ""}],
        "guidance": [{"point": "a", "covered": True}, {"point": "b", "covered": True}, {"point": "c", "covered": True}],
    }
    assert changes(before, after) == ["now says how it ended", "the blame is gone", "2 more points covered"]


def test_what_changed_says_so_when_things_got_worse_or_nothing_changed() -> None:
    worse = {**FEEDBACK, "quantified": False, "ownership": "we", "red_flags": [], "verdict": {"grade": "close"}}
    better = {**FEEDBACK, "red_flags": [], "verdict": {"grade": "strong"}, "terms_used": ["DICOM", "HL7", "RIS"]}
    assert changes(better, worse) == [
        "verdict strong → close",
        "no longer puts a number on it",
        "no longer says what you yourself did",
    ]
    assert changes(worse, better)[0] == "verdict close → strong" and "2 more PACS terms used" in changes(worse, better)
    assert changes(FEEDBACK, FEEDBACK) == ["no change in what the feedback checks"]
    assert changes({"red_flags": "nonsense"}, {"red_flags": [{"kind": "blame"}]}) == ["new red flag: blames others"]


def test_due_questions_come_first_most_overdue_first_then_new_ones_in_the_order_given() -> None:
    questions = [Q(name) for name in ("new-1", "later", "due-1", "new-2", "due-3")]
    cards = {
        "later": card("later", NOON + DAY),
        "due-1": card("due-1", NOON - DAY),
        "due-3": card("due-3", NOON - 3 * DAY),
    }
    assert [q.id for q in due_first(questions, cards, NOON)] == ["due-3", "due-1", "new-1", "new-2"]


def test_recently_practised_questions_wait_behind_the_others() -> None:
    questions = [Q(name) for name in "abcd"]
    assert [q.id for q in recent_last(questions, {"a", "c"})] == ["b", "d", "a", "c"]


def test_the_queue_is_sorted_by_due_date_and_counts_what_is_due() -> None:
    cards = {
        "b": card("b", NOON + 2 * timedelta(hours=5)),
        "a": card("a", NOON - DAY, Grade.again),
        "c": card("c", NOON + 3 * DAY),
        "gone": card("gone", NOON - DAY),  # its question is not in the bank in use: not listed
    }
    rows = queue(cards, {"a": "Question a?", "b": "Question b?", "c": "Question c?"}, NOON)
    assert [row.question_id for row in rows] == ["a", "b", "c"]
    assert due_counts(rows, NOON) == (1, 2)  # b is due at 22:00, still today
    assert rows[0].to_json() == {
        "id": "a",
        "question": "Question a?",
        "state": "relearning",
        "due": "2024-04-30T12:00:00+00:00",
        "due_now": True,
        "last_rating": "again",
        "rating_inferred": False,
        "interval_days": 3.0,
        "retrievability": round(rows[0].retrievability, 3),
    }
    assert 0 < rows[0].retrievability < 1


def test_long_questions_are_shortened_at_a_word() -> None:
    assert shorten("What  is\na PACS?") == "What is a PACS?"
    assert shorten("one two three four", width=12) == "one two…"
    assert shorten("abcdefghijklmnop", width=8) == "abcdefg…"
