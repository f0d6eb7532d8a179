"""Which questions a mock interview asks: the opening, the mix of types per level, no skill twice in a row."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from pacs_interview.bank import Level, Location, Question, QuestionType, load_bank
from pacs_interview.session.panel import (
    OPENING_TYPES,
    TYPE_WEIGHTS,
    compose_panel,
    shares_skill,
    type_quotas,
)

T = QuestionType


def make(qid: str, kind: QuestionType, skills: tuple[str, ...], level: Level = Level.senior, **extra: Any) -> Question:
    """A question with plain text; `extra` sets any other field (how_to_answer, domain, follow_ups, region)."""
    fields: dict[str, Any] = {
        "question": f"{qid}?",
        "introduction": "Why.",
        "how_to_answer": ("Point",),
        "what_not_to_say": ("Bad",),
        "example_answer": "Example.",
        "location": Location("test", 1, 1),
        **extra,
    }
    return Question(id=qid, level=level, type=kind, skills=skills, **fields)


def no_skill_twice_in_a_row(panel: list[Question]) -> bool:
    return not any(shares_skill(first, second) for first, second in zip(panel, panel[1:], strict=False))


BUNDLED = load_bank(None).questions


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("seed", range(12))
def test_every_bundled_panel_opens_with_a_story_and_never_repeats_a_skill(level: Level, seed: int) -> None:
    panel = compose_panel(BUNDLED, level, 6, seed)
    assert len(panel) == len(set(panel)) == 6
    assert {q.level for q in panel} == {level}
    assert panel[0].type is T.behavioral  # every level of the bundled bank has one
    assert no_skill_twice_in_a_row(panel), [q.skills for q in panel]


def mix(level: Level) -> Counter[QuestionType]:
    """The types after the opening, over many panels of the bundled bank."""
    counts: Counter[QuestionType] = Counter()
    for seed in range(40):
        counts.update(q.type for q in compose_panel(BUNDLED, level, 6, seed)[1:])
    return counts


def test_juniors_get_more_technical_questions_and_managers_more_leadership() -> None:
    junior, senior, manager = mix(Level.junior), mix(Level.senior), mix(Level.manager)
    assert junior[T.technical] > senior[T.technical] > manager[T.technical]
    assert manager[T.leadership] > senior[T.leadership]
    assert junior[T.leadership] == 0  # weight 0: used only when nothing else is left
    assert junior.most_common(1)[0][0] is T.technical
    assert manager[T.leadership] >= manager[T.technical] * 2


@pytest.mark.parametrize(
    ("weights", "available", "slots", "expected"),
    [
        # 4:3:2 over six seats is 3:2:1 (a divisor method, ties to the type listed first).
        (
            {T.technical: 4, T.situational: 3, T.competency: 2},
            {T.technical: 9, T.situational: 9, T.competency: 9},
            6,
            {T.technical: 3, T.situational: 2, T.competency: 1},
        ),
        # Too few of a type: its seats pass to the others.
        (
            {T.technical: 4, T.situational: 3, T.competency: 2},
            {T.technical: 1, T.situational: 9, T.competency: 9},
            6,
            {T.technical: 1, T.situational: 3, T.competency: 2},
        ),
        # A type of weight 0 only when nothing else is left.
        ({T.technical: 1, T.leadership: 0}, {T.technical: 2, T.leadership: 5}, 4, {T.technical: 2, T.leadership: 2}),
        # Fewer questions than slots: all of them.
        ({T.technical: 1}, {T.technical: 2}, 5, {T.technical: 2}),
        ({T.technical: 1}, {T.technical: 2}, 0, {}),
    ],
)
def test_type_quotas(
    weights: dict[QuestionType, int], available: dict[QuestionType, int], slots: int, expected: dict[QuestionType, int]
) -> None:
    pool = [make(f"{kind.value}-{n}", kind, ("S",)) for kind, count in available.items() for n in range(count)]
    assert type_quotas(pool, weights, slots) == expected


def test_the_opening_falls_back_in_order_when_a_level_has_no_story_question() -> None:
    pool = [make("t1", T.technical, ("A",)), make("c1", T.competency, ("B",)), make("s1", T.situational, ("C",))]
    assert OPENING_TYPES.index(T.situational) < OPENING_TYPES.index(T.competency)
    assert compose_panel(pool, Level.senior, 3, seed=1)[0].id == "s1"


def test_only_the_level_asked_for_and_all_of_it_when_short() -> None:
    pool = [
        make("s1", T.behavioral, ("A",)),
        make("s2", T.technical, ("B",)),
        make("j1", T.technical, ("C",), Level.junior),
    ]
    panel = compose_panel(pool, Level.senior, 6, seed=3)
    assert sorted(q.id for q in panel) == ["s1", "s2"]
    assert compose_panel(pool, Level.manager, 6, seed=3) == []


def test_same_seed_same_panel_another_seed_another() -> None:
    panels = {tuple(q.id for q in compose_panel(BUNDLED, Level.senior, 6, seed)) for seed in range(10)}
    assert compose_panel(BUNDLED, Level.senior, 6, 5) == compose_panel(BUNDLED, Level.senior, 6, 5)
    assert len(panels) > 5


def test_skills_are_compared_without_regard_to_case() -> None:
    assert shares_skill(make("a", T.technical, ("DICOM Networking",)), make("b", T.technical, ("dicom networking",)))
    assert not shares_skill(make("a", T.technical, ("DICOM",)), make("b", T.technical, ("DICOM Networking",)))


def test_an_order_without_repeats_is_found_when_only_one_exists() -> None:
    # X-skills and Y-skills must alternate: X Y X Y X. A greedy pick in the wrong order dead-ends.
    pool = [make(f"x{n}", T.technical, ("X",)) for n in range(3)] + [
        make(f"y{n}", T.technical, ("Y",)) for n in range(2)
    ]
    for seed in range(20):
        panel = compose_panel(pool, Level.senior, 5, seed)
        assert [q.skills[0] for q in panel] == ["X", "Y", "X", "Y", "X"]


def test_when_every_order_repeats_a_skill_the_next_question_shares_the_fewest() -> None:
    # Three questions test Communication: some repeat cannot be avoided, but the opening is not followed by one.
    opening = make("opening", T.behavioral, ("Communication",))
    pool = [opening, make("a", T.technical, ("Communication",)), make("b", T.technical, ("Communication",))]
    pool.append(make("other", T.technical, ("Storage",)))
    for seed in range(10):
        panel = compose_panel(pool, Level.senior, 4, seed)
        assert [q.id for q in panel[:2]] == ["opening", "other"]
        assert sorted(q.id for q in panel[2:]) == ["a", "b"]


def test_weights_cover_every_level_and_type() -> None:
    assert set(TYPE_WEIGHTS) == set(Level)
    assert all(set(weights) == set(QuestionType) for weights in TYPE_WEIGHTS.values())
