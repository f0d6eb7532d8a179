"""Progress figures: each one checked on small histories where the right answer can be worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pacs_interview.bank import Level, Location, Question, QuestionType
from pacs_interview.progress import AnswerFact, measure

TODAY = date(2024, 5, 31)  # a Friday


def question(
    qid: str,
    level: str = "junior",
    kind: str = "technical",
    skills: tuple[str, ...] = ("Communication",),
    domain: str | None = None,
) -> Question:
    return Question(
        id=qid,
        level=Level(level),
        type=QuestionType(kind),
        question=f"Question {qid}?",
        introduction="Why.",
        how_to_answer=("A point",),
        what_not_to_say=("A mistake",),
        example_answer="An example.",
        skills=skills,
        location=Location("bank.yaml", 1, 1),
        domain=domain,
    )


def fact(
    qid: str,
    days_ago: int = 0,
    *,
    skipped: bool = False,
    rating: int | None = None,
    grade: str | None = None,
    form: str | None = None,
    star: int | None = None,
    flags: tuple[str, ...] = (),
    feedback: bool = True,
) -> AnswerFact:
    return AnswerFact(
        qid, TODAY - timedelta(days=days_ago), skipped, rating, grade, form, star, flags, feedback and not skipped
    )


QUESTIONS = [
    question("a", "junior", "technical", ("DICOM Networking", "Communication")),
    question("b", "junior", "behavioral", ("Communication",)),
    question("c", "senior", "behavioral", ("Leadership",)),
    question("d", "manager", "leadership", ("Leadership", "Budgeting")),
]


def test_practised_counts_questions_answered_not_skipped() -> None:
    progress = measure(QUESTIONS, [fact("a"), fact("a"), fact("b", skipped=True)], TODAY)
    assert (progress.overall.total, progress.overall.practised) == (4, 1)
    assert (progress.overall.answers, progress.overall.skipped) == (2, 1)
    junior = progress.groups["level"][0]
    assert (junior.name, junior.label, junior.figures.practised, junior.figures.total) == (
        "junior",
        "Junior PACS Administrator",
        1,
        2,
    )


def test_groups_follow_the_level_and_type_order_and_skills_by_name() -> None:
    progress = measure(QUESTIONS, [], TODAY)
    assert [g.name for g in progress.groups["level"]] == ["junior", "senior", "manager"]
    assert [g.name for g in progress.groups["type"]] == ["technical", "behavioral", "leadership"]
    assert [g.name for g in progress.groups["skill"]] == [
        "Budgeting",
        "Communication",
        "DICOM Networking",
        "Leadership",
    ]
    assert [g.figures.total for g in progress.groups["skill"]] == [1, 2, 1, 2]  # a question counts in each skill


def test_domains_appear_only_when_questions_have_one() -> None:
    assert measure(QUESTIONS, [], TODAY).groups["domain"] == ()
    with_domains = [
        question("x", domain="operations"),
        question("y", domain="image-management"),
        question("w", domain="training-education"),
        question("z"),
    ]
    groups = measure(with_domains, [], TODAY).groups["domain"]
    assert [g.name for g in groups] == ["image-management", "operations", "training-education"]  # the outline's order
    assert [g.label for g in groups] == ["Image management", "Operations", "Training and education"]


def test_verdicts_count_the_latest_verdict_of_each_question() -> None:
    facts = [
        fact("a", 3, grade="not-yet"),
        fact("a", 1, grade="strong"),
        fact("b", 2, grade="close"),
        fact("b", 1, skipped=True),  # a later skip does not undo the verdict
        fact("c", 1, grade=None),
    ]
    overall = measure(QUESTIONS, facts, TODAY).overall
    assert overall.verdicts == {"strong": 1, "close": 1, "not-yet": 0}


def test_no_verdict_anywhere_is_none_not_zeros() -> None:
    progress = measure(QUESTIONS, [fact("a", rating=3)], TODAY)
    assert progress.overall.verdicts is None
    assert not progress.has_verdicts
    assert all(g.figures.verdicts is None for g in progress.groups["level"])
    assert progress.to_json()["overall"]["verdicts"] is None


def test_mean_rating_is_over_rated_answers_only() -> None:
    overall = measure(QUESTIONS, [fact("a", rating=1), fact("a", rating=4), fact("b")], TODAY).overall
    assert (overall.mean_rating, overall.rated) == (2.5, 2)
    assert measure(QUESTIONS, [fact("a")], TODAY).overall.mean_rating is None


def test_star_counts_stories_by_form_and_else_by_behavioral_questions() -> None:
    facts = [
        fact("a", form="story", star=4),  # a technical question answered with a story
        fact("a", form="explanation", star=1),  # an explanation: STAR is not judged
        fact("b", star=2),  # no form in the feedback: behavioral, so a story
        fact("d", star=0),  # no form, leadership: not counted
    ]
    overall = measure(QUESTIONS, facts, TODAY).overall
    assert overall.stories == 2
    assert overall.star_parts == pytest.approx(6 / 8)
    assert overall.star_complete == pytest.approx(1 / 2)


def test_red_flag_rates_per_kind_over_answers_with_feedback() -> None:
    facts = [
        fact("a", flags=("blame", "vague")),
        fact("b", flags=("blame",)),
        fact("c"),
        fact("d", feedback=False),  # no feedback: not in the denominator
        fact("d", flags=("rambling",)),  # a kind this version does not know is still counted
    ]
    overall = measure(QUESTIONS, facts, TODAY).overall
    assert overall.checked == 4
    assert overall.red_flag_rate == pytest.approx(3 / 4)
    assert overall.red_flags == {"blame": 0.5, "deflection": 0.0, "vague": 0.25, "no-result": 0.0, "rambling": 0.25}


@pytest.mark.parametrize(
    ("days", "current", "longest"),
    [
        ([0, 1, 2], 3, 3),
        ([1, 2, 5, 6, 7, 8], 2, 4),  # nothing yet today: the run up to yesterday still counts
        ([2, 3], 0, 2),  # a whole day missed
        ([], 0, 0),
    ],
)
def test_streaks(days: list[int], current: int, longest: int) -> None:
    progress = measure(QUESTIONS, [fact("a", d) for d in sorted(days, reverse=True)], TODAY)
    assert (progress.streak, progress.longest_streak) == (current, longest)


def test_skips_alone_are_not_practice_for_the_streak() -> None:
    assert measure(QUESTIONS, [fact("a", 0, skipped=True)], TODAY).streak == 0


def test_heatmap_is_twelve_weeks_from_monday_to_today() -> None:
    progress = measure(QUESTIONS, [fact("a", 0), fact("b", 0), fact("a", 4), fact("a", 80), fact("a", 82)], TODAY)
    weeks = progress.heatmap
    assert len(weeks) == 12
    assert all(week.start.weekday() == 0 for week in weeks)
    assert weeks[-1].start == date(2024, 5, 27)
    assert weeks[-1].days == (1, 0, 0, 0, 2, None, None)  # Monday, four days ago; today, Friday; the weekend to come
    assert weeks[0].start == date(2024, 3, 11)
    assert weeks[0].days[:2] == (0, 1)  # 80 days ago, a Tuesday; 82 days ago is the Sunday before
    assert sum(n or 0 for week in weeks for n in week.days) == 4


def test_trend_compares_the_last_30_days_with_before() -> None:
    facts = [
        fact("a", 60, rating=1, grade="not-yet", flags=("vague",)),
        fact("b", 45, rating=2, grade="close"),
        fact("a", 29, rating=3, grade="strong"),  # the oldest day of the last 30
        fact("b", 1, rating=4, grade="strong"),
    ]
    trend = measure(QUESTIONS, facts, TODAY).trend
    assert (trend.recent.answers, trend.recent.mean_rating, trend.recent.strong_share) == (2, 3.5, 1.0)
    assert (trend.before.answers, trend.before.mean_rating, trend.before.strong_share) == (2, 1.5, 0.0)
    assert (trend.recent.red_flag_rate, trend.before.red_flag_rate) == (0.0, 0.5)
    assert (trend.recent.days, trend.before.days) == (30, 31)  # before: from the first answer, 60 days ago
    assert trend.recent.per_week == pytest.approx(2 * 7 / 30)
    assert len(trend.daily) == 30 and trend.daily[-1].day == TODAY and trend.daily[0].day == TODAY - timedelta(29)
    assert trend.daily[0].answers == 1 and trend.daily[0].mean_rating == 3.0
    assert trend.daily[-2].mean_rating == 4.0 and trend.daily[-1].mean_rating is None


def test_weakest_are_the_lowest_last_attempts_weakest_first() -> None:
    questions = [question(q) for q in "abcdefg"]
    facts = [
        fact("a", 9, grade="not-yet"),
        fact("a", 1, grade="strong", rating=4),  # recovered: not weak any more
        fact("b", 5, grade="close", rating=3),
        fact("c", 4, grade="strong", rating=1),  # strong, yet the candidate rated it again: the lower counts
        fact("d", 3, skipped=True),
        fact("e", 2, grade="not-yet", rating=2),
        fact("f", 6, grade="close", rating=2),
        fact("g", 1, rating=None),  # nothing to judge by
    ]
    weakest = measure(questions, facts, TODAY).weakest
    assert [w.question.id for w in weakest] == ["c", "e", "d", "f", "b"]
    assert [w.outcome for w in weakest] == [
        "strong, rated again",
        "not-yet, rated hard",
        "skipped",
        "close, rated hard",
        "close, rated good",
    ]
    assert weakest[2].to_json() == {
        "id": "d",
        "question": "Question d?",
        "level": "junior",
        "type": "technical",
        "last_practised": "2024-05-28",
        "skipped": True,
        "grade": None,
        "rating": None,
    }


def test_weakest_holds_at_most_five() -> None:
    questions = [question(f"q{n}") for n in range(8)]
    assert len(measure(questions, [fact(q.id, grade="not-yet") for q in questions], TODAY).weakest) == 5


def test_since_leaves_out_earlier_answers() -> None:
    facts = [fact("a", 10, rating=1), fact("a", 2, rating=3)]
    progress = measure(QUESTIONS, facts, TODAY, since=TODAY - timedelta(days=5))
    assert (progress.overall.answers, progress.overall.mean_rating) == (1, 3.0)
    assert progress.to_json()["since"] == "2024-05-26"


def test_answers_to_questions_not_in_the_bank_are_counted_as_left_out() -> None:
    facts = [fact("a"), fact("gone"), fact("gone"), fact("b")]
    # b is in the bank but outside the filters: simply not in these figures.
    progress = measure(QUESTIONS[:1], facts, TODAY, bank_ids={"a", "b"})
    assert (progress.overall.answers, progress.left_out) == (1, 2)


def test_json_keys_are_stable() -> None:
    data = measure(QUESTIONS, [fact("a", rating=3, grade="close", form="story", star=3)], TODAY).to_json()
    assert list(data) == [
        "schema_version",
        "today",
        "since",
        "overall",
        "groups",
        "streak",
        "weakest",
        "trend",
        "heatmap",
        "left_out",
    ]
    assert list(data["groups"]) == ["level", "type", "domain", "skill"]
    figure_keys = [
        *("total", "practised", "answers", "skipped", "verdicts", "mean_rating", "rated", "star", "red_flags", "due")
    ]
    assert list(data["overall"]) == figure_keys
    assert list(data["groups"]["level"][0]) == ["name", "label", *figure_keys]
    assert list(data["overall"]["star"]) == ["stories", "parts", "complete"]
    assert list(data["overall"]["red_flags"]) == ["checked", "rate", "by_kind"]
    assert list(data["streak"]) == ["current", "longest", "last_practised"]
    assert list(data["trend"]) == ["days", "recent", "before", "daily"]
    period = [
        "days",
        "answers",
        "per_week",
        "active_days",
        "mean_rating",
        "strong_share",
        "star_parts",
        "red_flag_rate",
    ]
    assert list(data["trend"]["recent"]) == period
    assert list(data["trend"]["daily"][0]) == ["date", "answers", "mean_rating"]
    assert list(data["heatmap"][0]) == ["week_of", "days"]


def test_due_counts_questions_due_now_per_group_and_none_without_cards() -> None:
    progress = measure(QUESTIONS, [fact("a"), fact("c")], TODAY, due={"a", "c", "not-in-bank"})
    assert progress.has_due and progress.overall.due == 2
    assert [(g.name, g.figures.due) for g in progress.groups["level"]] == [("junior", 1), ("senior", 1), ("manager", 0)]
    without = measure(QUESTIONS, [fact("a")], TODAY)
    assert not without.has_due and without.overall.due is None and without.to_json()["overall"]["due"] is None
