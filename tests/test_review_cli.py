"""`due`, `practice --due`, piped `--- N` ratings, the resume line and drafts, through the whole command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from pacs_interview.history.store import Store
from pacs_interview.session.records import AnswerRecord, Rating, SessionSettings, SessionStatus

Run = Callable[..., Result]
JUNIOR_IN_BANK_ORDER = ["--level", "junior", "--order", "bank"]


def junior_ids(run: Run) -> list[str]:
    return [row["id"] for row in json.loads(run("list", "--level", "junior", "--json").stdout)]


def schedule_at(home: Path, when: str, ratings: dict[str, Rating]) -> None:
    with Store.open(home, clock=lambda: when) as store:
        for question_id, rating in ratings.items():
            store.schedule(question_id, rating, False)


def test_due_with_nothing_practised_says_how_to_start(run: Run) -> None:
    result = run("due")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "no questions practised yet; `pacs-interview practice` starts\n"
    assert json.loads(run("due", "--json").stdout) == {"due_now": 0, "due_today": 0, "cards": []}


def test_piped_ratings_drive_the_queue(run: Run, home: Path) -> None:
    piped = "I checked the AE title.\n--- 4\nI would blame the vendor.\n--- 2\n"
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "2", input=piped)
    assert result.exit_code == 0, result.output
    cards = json.loads(run("due", "--json").stdout)["cards"]
    first, second = junior_ids(run)[:2]
    assert {(c["id"], c["last_rating"], c["rating_inferred"]) for c in cards} == {
        (first, "easy", False),
        (second, "hard", False),
    }
    assert cards[0]["id"] == second  # hard comes back sooner than easy
    assert cards[0]["interval_days"] < cards[1]["interval_days"]
    with Store.open(home) as store:
        assert [a.rating for a in store.session(1).answers] == [Rating.easy, Rating.hard]


def test_a_bad_piped_rating_is_one_error_after_the_answers_before_it_are_kept(run: Run, home: Path) -> None:
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "3", input="One.\n--- 3\nTwo.\n--- 7\n")
    assert result.exit_code == 1
    assert result.stderr.endswith("error: line 4 of stdin: `--- 7` rates an answer from 1 (again) to 4 (easy)\n")
    with Store.open(home) as store:
        assert [a.answer for a in store.session(1).answers] == ["One."]


def test_a_question_rated_1_in_a_pipe_is_asked_again_at_the_end(run: Run, home: Path) -> None:
    piped = "First try.\n--- 1\nSecond question.\n--- 3\nFirst question, better.\n--- 3\n"
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "2", input=piped)
    assert result.exit_code == 0, result.output
    assert "Question 1 of 2 · once more: you rated it Again" in result.stdout
    assert "2 of 2 questions answered (finished)." in result.stdout
    exported = json.loads(run("export", "--format", "json").stdout)
    first = exported["questions"][0]
    assert first["answer"]["text"] == "First question, better." and first["answer"]["attempt"] == 2
    assert [a["text"] for a in first["earlier_attempts"]] == ["First try."]
    markdown = run("export").stdout
    assert "### Attempt 1 of 2\n" in markdown and "### Attempt 2 of 2 (the one that counts)\n" in markdown


def test_due_lists_every_card_sorted_by_due_and_counts_those_due(run: Run, home: Path) -> None:
    first, second, third = junior_ids(run)[:3]
    schedule_at(home, "2024-01-01T09:00:00+00:00", {first: Rating.again, second: Rating.good})
    schedule_at(home, "2099-01-01T09:00:00+00:00", {third: Rating.good})
    data = json.loads(run("due", "--json").stdout)
    assert (data["due_now"], data["due_today"]) == (2, 2)
    assert [c["id"] for c in data["cards"]] == [first, second, third]
    assert data["cards"][0]["due"] == "2024-01-02T09:00:00+00:00" and data["cards"][0]["state"] == "relearning"
    assert data["cards"][0]["retrievability"] < data["cards"][1]["retrievability"] < 1
    table = run("due", "--level", "junior")
    assert table.exit_code == 0
    assert table.stderr == "2 due now, 2 due today, of 3 questions practised; `practice --due` asks them\n"
    assert table.stdout.index(first) < table.stdout.index(second) < table.stdout.index(third)
    assert "2024-01-02" in table.stdout and "relearning" in table.stdout
    assert json.loads(run("due", "--level", "lead", "--json").stdout)["cards"] == []


def test_practice_due_asks_the_most_overdue_first_then_new_questions(run: Run, home: Path) -> None:
    ids = junior_ids(run)
    schedule_at(home, "2024-03-01T09:00:00+00:00", {ids[3]: Rating.good})
    schedule_at(home, "2024-01-01T09:00:00+00:00", {ids[4]: Rating.good})
    schedule_at(home, "2099-01-01T09:00:00+00:00", {ids[0]: Rating.easy})  # not due: left out
    result = run("practice", "--due", "--level", "junior", "--order", "bank", "--count", "4", input="a\n")
    assert result.exit_code == 0, result.output
    with Store.open(home) as store:
        asked = [q["id"] for q in store.session(1).questions]
    assert asked == [ids[4], ids[3], ids[1], ids[2]]


def test_practice_due_with_nothing_due_or_new_says_so(run: Run, home: Path) -> None:
    ids = junior_ids(run)
    schedule_at(home, "2099-01-01T09:00:00+00:00", dict.fromkeys(ids, Rating.good))
    result = run("practice", "--due", "--level", "junior")
    assert result.exit_code == 0 and "Question" not in result.stdout
    assert "nothing is due for review" in result.stderr


def test_resume_starts_with_one_line_and_reopens_the_draft(run: Run, home: Path) -> None:
    with Store.open(home) as store:
        session_id = store.start(
            SessionSettings({}, 3, "bank", 1, 60, "bundled"), [_snapshot(run, n) for n in range(3)]
        )
        store.record_answer(session_id, AnswerRecord(0, _snapshot(run, 0)["id"], "Done.", 5.0, 1, False))
        store.record_draft(session_id, AnswerRecord(1, _snapshot(run, 1)["id"], "Half of it", 3.0, 3, False))
        store.finish(session_id, SessionStatus.interrupted)
    assert "interrupted, 2 left (1 draft)" in run("history").stdout
    assert "- **Status:** interrupted, 2 left (1 draft)\n" in run("export", "1").stdout
    result = run("practice", "--resume", input="Half of it, and the rest.\n---\nThird.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Resuming session 1: 1 answered, 2 left, from your draft of question 2."
    with Store.open(home) as store:
        answers = store.session(1).answers
    assert [(a.answer, a.draft) for a in answers] == [
        ("Done.", False),
        ("Half of it, and the rest.", False),
        ("Third.", False),
    ]


def _snapshot(run: Run, number: int) -> dict[str, object]:
    return json.loads(run("list", "--level", "junior", "--json").stdout)[number]  # type: ignore[no-any-return]
