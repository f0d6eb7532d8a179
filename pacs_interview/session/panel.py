"""Which questions a mock interview asks, in what order: a panel as a real one runs for the level. Pure.

A panel opens by asking for the candidate's own experience, then mixes question types in the
proportions interviews at that level use (juniors are asked more technical questions, managers
more leadership ones), and it moves between topics: two questions in a row never test the same
skill, so the candidate is not asked the same thing twice over.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from pacs_interview.bank import Level, Question, QuestionType

T = QuestionType
# The opening question: a story from the candidate's own work, which also shows how they talk about it.
# When a level has no question of the first type, the next one opens.
OPENING_TYPES = (T.behavioral, T.leadership, T.situational, T.competency, T.technical)
# How often each type comes up after the opening, per level.
TYPE_WEIGHTS: dict[Level, dict[QuestionType, int]] = {
    Level.junior: {T.technical: 5, T.situational: 2, T.competency: 2, T.behavioral: 1, T.leadership: 0},
    Level.mid: {T.technical: 3, T.situational: 3, T.competency: 2, T.behavioral: 1, T.leadership: 1},
    Level.senior: {T.technical: 3, T.situational: 3, T.competency: 2, T.behavioral: 2, T.leadership: 1},
    Level.lead: {T.technical: 2, T.situational: 3, T.competency: 2, T.behavioral: 2, T.leadership: 2},
    Level.manager: {T.technical: 1, T.situational: 3, T.competency: 2, T.behavioral: 1, T.leadership: 4},
}
# Orderings tried before giving up on "no skill twice in a row"; a bank where every question tests
# the same skill cannot have it, and the panel then keeps repeats as few as it can.
_SEARCH_STEPS = 20_000
_OPENINGS_TRIED = 20


def compose_panel(questions: Sequence[Question], level: Level, count: int, seed: int) -> list[Question]:
    """`count` questions of `level` (all of them when there are fewer), opening question first.

    The same seed gives the same panel.
    """
    pool = [q for q in questions if q.level is level]
    if not pool:
        return []
    rng = random.Random(seed)
    rng.shuffle(pool)  # which questions fill each type's seats, and their order
    slots = min(count, len(pool)) - 1
    steps = [_SEARCH_STEPS]
    openings = _openings(pool, rng)
    for opening in openings[:_OPENINGS_TRIED]:  # another opening may allow an order the first does not
        rest = [q for q in pool if q is not opening]
        found = _search([opening], rest, type_quotas(rest, TYPE_WEIGHTS[level], slots), steps)
        if found is not None:
            return found
    rest = [q for q in pool if q is not openings[0]]
    return _fewest_repeats(openings[0], rest, type_quotas(rest, TYPE_WEIGHTS[level], slots))


def _openings(pool: Sequence[Question], rng: random.Random) -> list[Question]:
    """The questions of the first opening type the pool has, shuffled."""
    for kind in OPENING_TYPES:
        candidates = [q for q in pool if q.type is kind]
        if candidates:
            rng.shuffle(candidates)
            return candidates
    raise AssertionError("a question of a known type")  # every question has one of OPENING_TYPES


def type_quotas(pool: Sequence[Question], weights: dict[QuestionType, int], slots: int) -> dict[QuestionType, int]:
    """How many questions of each type fill `slots`: in proportion to `weights`, as far as the pool has them.

    Seats go one at a time to the type furthest below its share (a divisor method), so six slots
    at weights 4:3:2 come out 3:2:1, and a type the pool has too few of passes its seats on. A type
    of weight 0 is used only when nothing else is left. Ties go to the type QuestionType lists first.
    """
    available = {kind: sum(q.type is kind for q in pool) for kind in QuestionType}
    quotas = dict.fromkeys(QuestionType, 0)
    for _ in range(min(slots, len(pool))):
        open_types = [kind for kind in QuestionType if quotas[kind] < available[kind]]
        weighted = [kind for kind in open_types if weights.get(kind, 0) > 0] or open_types
        best = max(weighted, key=lambda kind: (max(weights.get(kind, 0), 1) / (quotas[kind] + 1), -_rank(kind)))
        quotas[best] += 1
    return {kind: n for kind, n in quotas.items() if n}


def _rank(kind: QuestionType) -> int:
    return list(QuestionType).index(kind)


def shares_skill(first: Question, second: Question) -> bool:
    """Whether two questions test a skill in common (names compared without regard to case)."""
    return not _skills(first).isdisjoint(_skills(second))


def _skills(question: Question) -> set[str]:
    return {skill.casefold() for skill in question.skills}


def _search(
    chosen: list[Question], pool: list[Question], quotas: dict[QuestionType, int], steps: list[int]
) -> list[Question] | None:
    """Depth-first: extend `chosen` until the quotas are met; None when no order avoids a repeat.

    `pool` and `quotas` are restored before it returns None; `steps` counts down the tries left.
    """
    if not any(quotas.values()):
        return chosen
    for question in _candidates(chosen[-1], pool, quotas):
        steps[0] -= 1
        if steps[0] < 0:
            return None
        quotas[question.type] -= 1
        pool.remove(question)
        found = _search([*chosen, question], pool, quotas, steps)
        if found is not None:
            return found
        pool.append(question)
        quotas[question.type] += 1
    return None


def _candidates(last: Question, pool: Iterable[Question], quotas: dict[QuestionType, int]) -> list[Question]:
    """The questions that may come next, a change of type first so the panel also varies its kind."""
    fitting = [q for q in pool if quotas.get(q.type, 0) > 0 and not shares_skill(last, q)]
    return sorted(fitting, key=lambda q: (q.type is last.type, -quotas[q.type]))


def _fewest_repeats(opening: Question, pool: list[Question], quotas: dict[QuestionType, int]) -> list[Question]:
    """Greedy: each next question shares as few skills with the last one as the pool allows."""
    chosen = [opening]
    while any(quotas.values()):
        fitting = [q for q in pool if quotas.get(q.type, 0) > 0]
        best = min(fitting, key=lambda q: len(_skills(q) & _skills(chosen[-1])))
        quotas[best.type] -= 1
        pool.remove(best)
        chosen.append(best)
    return chosen
