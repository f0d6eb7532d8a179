"""`stats`: the terminal report, JSON and the HTML page, from a small history stored as practice stores it."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from pacs_interview.common.errors import UserError
from pacs_interview.history.store import Store
from pacs_interview.progress import AnswerFact
from pacs_interview.session.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus
from tests.helpers import damage, invoke, question, record
from tests.pty_terminal import Terminal

TODAY = date(2024, 5, 31)

BANK = """version: 1
questions:
  - id: junior-basics
    level: junior
    type: technical
    question: What is a PACS?
    introduction: Checks the basics.
    how_to_answer: [Define it]
    what_not_to_say: [A vague definition]
    example_answer: PACS stores and shows images.
    skills: [Communication, DICOM Networking]
  - id: mid-outage
    level: mid
    type: behavioral
    question: Tell me about an outage you handled.
    introduction: Pressure.
    how_to_answer: [Say what you did]
    what_not_to_say: [Blaming others]
    example_answer: I ran the bridge call.
    skills: [Communication, Leadership]
  - id: lead-budget
    level: lead
    type: leadership
    question: How do you build a PACS budget?
    introduction: Money.
    how_to_answer: [Say how you cost it]
    what_not_to_say: [Guessing]
    example_answer: I start from the contract.
    skills: [Budgeting]
"""


def feedback(grade: str | None, form: str, star: int, *flags: str) -> dict[str, Any]:
    """Feedback of the stored shape; `grade` None for feedback from before verdicts."""
    parts = ["situation", "task", "action", "result"]
    data: dict[str, Any] = {
        "question_id": "x",
        "star": {part: n < star for n, part in enumerate(parts)},
        "red_flags": [{"kind": kind, "phrase": "they did it", "point": None} for kind in flags],
        "form": form,
    }
    if grade is not None:
        data["verdict"] = {"grade": grade, "fixes": []}
    return data


def answered(position: int, qid: str, day: str, rating: int | None, fed: dict[str, Any] | None) -> AnswerRecord:
    return AnswerRecord(
        position=position,
        question_id=qid,
        answer="An answer.",
        seconds=60.0,
        word_count=2,
        skipped=False,
        feedback=fed,
        rating=None if rating is None else Rating(rating),
        submitted_at=f"{day}T10:0{position}:00+00:00",
    )


def skipped(position: int, qid: str, day: str) -> AnswerRecord:
    return AnswerRecord(position, qid, "", 3.0, 0, True, submitted_at=f"{day}T10:0{position}:00+00:00")


def session(day: str, questions: list[str], *answers: AnswerRecord) -> SessionRecord:
    snapshots = tuple(question(qid, qid.split("-")[0], "technical") for qid in questions)
    settings = SessionSettings({}, len(questions), "bank", None, 120, "bank.yaml")
    return SessionRecord(
        0, f"{day}T10:00:00+00:00", f"{day}T10:10:00+00:00", SessionStatus.finished, settings, snapshots, answers
    )


def store_history(home: Path, *sessions: SessionRecord) -> None:
    with Store.open(home) as store:
        for stored in sessions:
            record(store, stored)


def known_history(home: Path, verdicts: bool = True) -> None:
    def grade(value: str) -> str | None:
        return value if verdicts else None

    store_history(
        home,
        session(
            "2024-04-10",
            ["junior-basics", "mid-outage"],
            answered(0, "junior-basics", "2024-04-10", 2, feedback(grade("not-yet"), "explanation", 1, "vague")),
            answered(1, "mid-outage", "2024-04-10", 3, feedback(grade("close"), "story", 3, "no-result")),
        ),
        session(
            "2024-05-29",
            ["junior-basics", "mid-outage"],
            answered(0, "junior-basics", "2024-05-29", 4, feedback(grade("strong"), "explanation", 0)),
            skipped(1, "mid-outage", "2024-05-29"),
        ),
        session(
            "2024-05-30",
            ["mid-outage"],
            answered(0, "mid-outage", "2024-05-30", 2, feedback(grade("not-yet"), "story", 4, "blame")),
        ),
    )


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    from pacs_interview import cli

    monkeypatch.setattr(cli, "_today", lambda: TODAY)


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


EXPECTED_REPORT = """\
Progress · all questions · as of 2024-05-31
Practised 2 of 3 questions · 4 answers, 1 skipped · 0 due for review
Streak: 2 days (longest 2 days) · last practised 2024-05-30

By level

                   Practised       Verdicts         Rating   STAR   Flags   Due
 ──────────────────────────────────────────────────────────────────────────────
 junior            ████████  1/1   ████████ 1 0 0      3.0      -     50%     0
 mid               ████████  1/1   ░░░░░░░░ 0 0 1      2.5    88%    100%     0
 lead              ░░░░░░░░  0/1            0 0 0        -      -       -     0


By type

                   Practised       Verdicts         Rating   STAR   Flags   Due
 ──────────────────────────────────────────────────────────────────────────────
 technical         ████████  1/1   ████████ 1 0 0      3.0      -     50%     0
 behavioral        ████████  1/1   ░░░░░░░░ 0 0 1      2.5    88%    100%     0
 leadership        ░░░░░░░░  0/1            0 0 0        -      -       -     0


By skill

                   Practised       Verdicts         Rating   STAR   Flags   Due
 ──────────────────────────────────────────────────────────────────────────────
 Budgeting         ░░░░░░░░  0/1            0 0 0        -      -       -     0
 Communication     ████████  2/2   ████░░░░ 1 0 1      2.8    88%     75%     0
 DICOM             ████████  1/1   ████████ 1 0 0      3.0      -     50%     0
 Networking
 Leadership        ████████  1/1   ░░░░░░░░ 0 0 1      2.5    88%    100%     0

Verdicts, the latest of each question: █ strong  ▒ close  ░ not-yet

Red flags

 Kind         Share of 4 answers
 ───────────────────────────────
 blame        ██░░░░░░ 25%
 deflection   ░░░░░░░░ 0%
 vague        ██░░░░░░ 25%
 no-result    ██░░░░░░ 25%


Practise next

 Question                                                   Last attempt
 ──────────────────────────────────────────────────────────────────────────────
 mid-outage                                                 not-yet, rated hard
 Tell me about an outage you handled.                       2024-05-30

`pacs-interview show ID` shows a question with its guidance.

Last 30 days against before

                                               Before   Last 30 days
 ──────────────────────────────────────────────────────────────────────────────
 Answers a week                                   0.6            0.5
 Mean rating                                      2.5            3.0   ↑ better
 Strong verdicts                                   0%            50%   ↑ better
 STAR parts in stories                            75%           100%   ↑ better
 Answers with a red flag                         100%            50%   ↓ better

Answers, day by day  ···························██·
Rating, day by day   ···························█▅·

Activity, twelve weeks
             Apr         May         Jun
Mon ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
Tue ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
Wed ·  ·  ·  ·  ▓▓ ·  ·  ·  ·  ·  ·  ░░
Thu ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ░░
Fri ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
Sat ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
Sun ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
· none  ░░ fewer  ▒▒ ▓▓ ██ more
"""


def test_the_terminal_report_is_exact(home: Path, bank: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank))
    assert result.exit_code == 0, result.stderr
    # Rich pads table lines to the width with spaces; the words and their places are what count.
    assert [line.rstrip() for line in result.stdout.splitlines()] == EXPECTED_REPORT.splitlines()
    assert result.stderr == ""


def test_json_figures(home: Path, bank: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank), "--json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["today"] == "2024-05-31"
    assert data["overall"] == {
        "total": 3,
        "practised": 2,
        "answers": 4,
        "skipped": 1,
        "verdicts": {"strong": 1, "close": 0, "not-yet": 1},
        "mean_rating": 2.75,
        "rated": 4,
        "star": {"stories": 2, "parts": 0.875, "complete": 0.5},
        "red_flags": {
            "checked": 4,
            "rate": 0.75,
            "by_kind": {"blame": 0.25, "deflection": 0.0, "vague": 0.25, "no-result": 0.25},
        },
        "due": 0,  # no review card is due: this history was stored without the practice loop's scheduling
    }
    assert [(g["name"], g["practised"], g["total"]) for g in data["groups"]["skill"]] == [
        ("Budgeting", 0, 1),
        ("Communication", 2, 2),
        ("DICOM Networking", 1, 1),
        ("Leadership", 1, 1),
    ]
    assert data["groups"]["domain"] == []  # the bank gives no domains
    assert data["streak"] == {"current": 2, "longest": 2, "last_practised": "2024-05-30"}
    assert [w["id"] for w in data["weakest"]] == ["mid-outage"]
    assert data["trend"]["recent"]["answers"] == 2 and data["trend"]["before"]["answers"] == 2


def test_without_verdicts_the_column_is_left_out_and_json_says_null(home: Path, bank: Path) -> None:
    known_history(home, verdicts=False)
    report = invoke("stats", "--bank", str(bank)).stdout
    assert "Verdicts" not in report and "Strong verdicts" not in report
    assert "Rating" in report and "STAR" in report
    data = json.loads(invoke("stats", "--bank", str(bank), "--json").stdout)
    assert data["overall"]["verdicts"] is None and data["trend"]["recent"]["strong_share"] is None


def test_filters_and_since_narrow_the_figures(home: Path, bank: Path) -> None:
    known_history(home)
    data = json.loads(invoke("stats", "--bank", str(bank), "--json", "--level", "mid", "--since", "2024-05-01").stdout)
    assert (data["overall"]["total"], data["overall"]["answers"], data["overall"]["skipped"]) == (1, 1, 1)
    assert data["since"] == "2024-05-01"
    report = invoke("stats", "--bank", str(bank), "--level", "mid", "--since", "2024-05-01").stdout
    assert report.startswith("Progress · --level mid · as of 2024-05-31 · since 2024-05-01\n")


def test_no_answers_yet_says_how_to_start(bank: Path) -> None:
    result = invoke("stats", "--bank", str(bank))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no answers yet; `pacs-interview practice` starts a session\n"
    data = json.loads(invoke("stats", "--bank", str(bank), "--json").stdout)
    assert data["overall"]["answers"] == 0 and data["weakest"] == []


def test_no_answers_since_a_day(home: Path, bank: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank), "--since", "2024-06-01")
    assert result.stderr == "no answers since 2024-06-01; `pacs-interview practice` starts a session\n"


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "31/05/2024", ""])
def test_since_must_be_a_date(bank: Path, value: str) -> None:
    result = invoke("stats", "--bank", str(bank), "--since", value)
    assert result.exit_code == 2
    assert "is not a date; use YYYY-MM-DD, such as 2024-05-01" in result.stderr


def test_answers_from_another_bank_are_left_out_with_a_note(home: Path, bank: Path) -> None:
    known_history(home)
    store_history(home, session("2024-05-30", ["other-thing"], answered(0, "other-thing", "2024-05-30", 3, None)))
    result = invoke("stats", "--bank", str(bank), "--json")
    assert json.loads(result.stdout)["left_out"] == 1
    assert result.stderr == "1 answer to questions not in this bank left out; --bank picks the bank they came from\n"


def test_html_report_is_written_atomically_and_nothing_else_printed(home: Path, bank: Path, tmp_path: Path) -> None:
    known_history(home)
    page = tmp_path / "progress.html"
    result = invoke("stats", "--bank", str(bank), "--html", str(page))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote the progress report to {page}\n"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert "<h2>Practise next</h2>" in text and "<code>mid-outage</code>" in text
    assert "<script" not in text and "http" not in text.replace('http-equiv="Content-Security-Policy"', "")


def test_html_report_to_stdout(home: Path, bank: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank), "--html", "-")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("<!DOCTYPE html>") and "By level" in result.stdout
    both = invoke("stats", "--bank", str(bank), "--html", "-", "--json")
    assert both.exit_code == 2 and "--html - and --json both write to stdout" in both.stderr


def test_html_report_with_json_prints_the_json_too(home: Path, bank: Path, tmp_path: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank), "--html", str(tmp_path / "p.html"), "--json")
    assert json.loads(result.stdout)["overall"]["answers"] == 4


def test_html_report_never_replaces_the_history_file(home: Path, bank: Path) -> None:
    known_history(home)
    result = invoke("stats", "--bank", str(bank), "--html", str(home / "history.db"))
    assert result.exit_code == 1
    assert "it is the history file itself" in result.stderr


HOSTILE = "<img src=x onerror=alert(1)> [bold]loud[/bold] :heart: & </td>"
HOSTILE_BANK = """version: 1
questions:
  - id: junior-hostile
    level: junior
    type: behavioral
    question: "Tell me <script>alert(1)</script> [red]x[/red] & </table>?"
    introduction: Checks.
    how_to_answer: [Define it]
    what_not_to_say: [Nothing]
    example_answer: An example.
    skills: ["<img src=x onerror=alert(1)> [bold]loud[/bold] :heart: & </td>"]
"""


def hostile_history(home: Path) -> None:
    fed = feedback("not-yet", "story", 2, "<b>blame</b>", "\x1b[31m[red]kind[/red]")
    store_history(home, session("2024-05-30", ["junior-hostile"], answered(0, "junior-hostile", "2024-05-30", 1, fed)))


def test_hostile_text_in_every_field_stays_text_in_html(home: Path, tmp_path: Path) -> None:
    bank = tmp_path / "hostile.yaml"
    bank.write_text(HOSTILE_BANK, encoding="utf-8")
    hostile_history(home)
    page = tmp_path / "report.html"
    result = invoke("stats", "--bank", str(bank), "--html", str(page), "--skill", "<img src=x")
    assert result.exit_code == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    body = text.split("</style>", 1)[1]
    for raw in ("<img src=x", "<script>", "<b>blame", "& </table>", "& </td>"):
        assert raw not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [red]x[/red] &amp; &lt;/table&gt;" in body  # the question
    assert "&lt;img src=x onerror=alert(1)&gt; [bold]loud[/bold] :heart: &amp; &lt;/td&gt;" in body  # the skill
    assert "--skill &#x27;&lt;img src=x&#x27;" in body  # the filters, as typed
    assert "&lt;b&gt;blame&lt;/b&gt;" in body and "\\x1b[31m[red]kind[/red]" in body  # red-flag kinds
    assert "\x1b" not in text


def test_hostile_text_in_every_field_stays_text_in_the_terminal(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # room for each long name on one line, so it can be found whole
    bank = tmp_path / "hostile.yaml"
    bank.write_text(HOSTILE_BANK, encoding="utf-8")
    hostile_history(home)
    result = invoke("stats", "--bank", str(bank), "--skill", "<img src=x")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert "[red]x[/red]" in out and "[bold]loud[/bold]" in out and ":heart:" in out
    assert "\\x1b[31m[red]kind[/red]" in out and "<b>blame</b>" in out


def test_damaged_feedback_is_one_error_line_naming_the_session(home: Path, bank: Path) -> None:
    known_history(home)
    damage(home, "UPDATE answers SET feedback = '{not json' WHERE session_id = 2 AND position = 0")
    result = invoke("stats", "--bank", str(bank), "--json")
    assert result.exit_code == 1
    path = home / "history.db"
    assert result.stderr == (
        f"error: history file {path} holds a damaged session 2 (answer to question 1: feedback is not valid JSON);"
        f" move it aside (for example `mv {path} {path}.old`) and run again to start a new history\n"
    )


def test_feedback_of_an_unexpected_shape_is_read_for_what_it_holds(home: Path, bank: Path) -> None:
    known_history(home)
    damage(home, "UPDATE answers SET feedback = '[1, 2]' WHERE session_id = 1 AND position = 0")
    damage(
        home,
        """UPDATE answers SET feedback = '{"verdict": "strong", "star": 3, "red_flags": {"kind": 1}}'
                    WHERE session_id = 1 AND position = 1""",
    )
    result = invoke("stats", "--bank", str(bank), "--json")
    assert result.exit_code == 0, result.stderr
    overall = json.loads(result.stdout)["overall"]
    assert overall["answers"] == 4 and overall["star"]["stories"] == 1


def test_stats_has_help() -> None:
    result = invoke("stats", "--help")
    assert result.exit_code == 0
    assert "Usage: pacs-interview stats [OPTIONS]" in result.stdout
    for option in ("--level", "--type", "--skill", "--since", "--html", "--bank", "--json"):
        assert option in result.stdout


def test_the_readme_documents_every_json_key(home: Path, bank: Path) -> None:
    known_history(home)
    data = json.loads(invoke("stats", "--bank", str(bank), "--json").stdout)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Progress", 1)[1].split("\n## ", 1)[0]
    section = re.sub(r"```.*?```", "", section, flags=re.DOTALL)  # the examples; keys are in the prose and tables
    documented = {word for span in re.findall(r"`([^`]+)`", section) for word in re.findall(r"[a-z_-]+", span)}
    keys = set(data) | set(data["overall"]) | set(data["overall"]["star"]) | set(data["overall"]["red_flags"])
    keys |= set(data["streak"]) | set(data["weakest"][0]) | set(data["trend"]) | set(data["trend"]["recent"])
    keys |= set(data["trend"]["daily"][0]) | set(data["heatmap"][0]) | set(data["groups"]) | {"name", "label"}
    assert keys - documented == set()


@pytest.mark.slow
def test_stats_in_a_real_terminal(home: Path, bank: Path) -> None:
    known_history(home)
    hostile_history(home)  # answers to a question of another bank: left out, and said so
    term = Terminal(["stats", "--bank", str(bank)], home, columns=100, rows=100)
    screen = term.wait_for("· none")
    assert term.finish() == 0
    for heading in ("By level", "By type", "By skill", "Red flags", "Practise next", "against before", "Activity"):
        assert heading in screen
    assert "mid-outage" in screen and "Tell me about an outage you handled." in screen
    assert "1 answer to questions not in this bank left out" in screen


def card(question_id: str, due_at: str) -> str:
    reviewed = "2024-05-01T10:00:00+00:00"
    return f"INSERT OR REPLACE INTO cards VALUES ('{question_id}', 2.0, 5.0, '{due_at}', '{reviewed}', 3, 0, 1, 0)"


def test_due_counts_come_from_the_review_cards(home: Path, bank: Path) -> None:
    known_history(home)
    damage(home, card("junior-basics", "2000-01-01T00:00:00+00:00"))  # long overdue
    damage(home, card("mid-outage", "2999-01-01T00:00:00+00:00"))  # not yet
    data = json.loads(invoke("stats", "--bank", str(bank), "--json").stdout)
    assert data["overall"]["due"] == 1
    assert [(g["name"], g["due"]) for g in data["groups"]["level"]] == [("junior", 1), ("mid", 0), ("lead", 0)]
    report = invoke("stats", "--bank", str(bank)).stdout
    assert "· 1 due for review" in report
    assert re.search(r"Flags\s+Due\s*$", report, re.MULTILINE)


def test_only_the_last_submitted_attempt_counts_and_drafts_never(home: Path, bank: Path) -> None:
    known_history(home)
    strong = json.dumps(feedback("strong", "explanation", 0)).replace("'", "''")
    columns = "(session_id, position, attempt, question_id, answer, seconds, word_count, skipped, feedback, rating"
    damage(  # a retry of the first answer, rated easy instead of hard
        home,
        f"INSERT INTO answers {columns}, submitted_at, draft)"
        f" VALUES (1, 0, 2, 'junior-basics', 'Better.', 50, 1, 0, '{strong}', 4, '2024-04-10T10:05:00+00:00', 0)",
    )
    damage(  # then a third attempt, typed but never sent
        home,
        f"INSERT INTO answers {columns}, submitted_at, draft)"
        f" VALUES (1, 0, 3, 'junior-basics', 'Half', 5, 1, 0, NULL, NULL, '2024-04-10T10:06:00+00:00', 1)",
    )
    overall = json.loads(invoke("stats", "--bank", str(bank), "--json").stdout)["overall"]
    assert (overall["answers"], overall["rated"]) == (4, 4)
    assert overall["mean_rating"] == (4 + 3 + 4 + 2) / 4


def test_region_leaves_out_another_jurisdiction_s_questions(home: Path, tmp_path: Path) -> None:
    regional = BANK.replace(
        "    skills: [Budgeting]\n", "    skills: [Budgeting]\n    region: [us]\n"
    )  # lead-budget is written for US rules
    path = tmp_path / "regional.yaml"
    path.write_text(regional, encoding="utf-8")
    known_history(home)
    totals = {
        region: json.loads(invoke("stats", "--bank", str(path), "--json", "--region", region).stdout)["overall"][
            "total"
        ]
        for region in ("us", "uk")
    }
    assert totals == {"us": 3, "uk": 2}
    assert invoke("stats", "--bank", str(path), "--region", "uk").stdout.startswith("Progress · --region uk · as of")


# -- what `stats` reads from the history file ---------------------------------------------------------------


def test_every_answer_is_read_as_one_fact_oldest_first(home: Path) -> None:
    known_history(home)
    # Rated, but stored without feedback (as before feedback was stored).
    store_history(home, session("2024-05-31", ["lead-budget"], answered(0, "lead-budget", "2024-05-31", 3, None)))
    with Store.open(home) as store:
        assert store.answer_facts() == [
            AnswerFact("junior-basics", date(2024, 4, 10), False, 2, "not-yet", "explanation", 1, ("vague",), True),
            AnswerFact("mid-outage", date(2024, 4, 10), False, 3, "close", "story", 3, ("no-result",), True),
            AnswerFact("junior-basics", date(2024, 5, 29), False, 4, "strong", "explanation", 0, (), True),
            AnswerFact("mid-outage", date(2024, 5, 29), True, None, None, None, None, (), False),
            AnswerFact("mid-outage", date(2024, 5, 30), False, 2, "not-yet", "story", 4, ("blame",), True),
            AnswerFact("lead-budget", date(2024, 5, 31), False, 3, None, None, None, (), False),
        ]
        assert [(fact.question_id, fact.day) for fact in store.answer_facts(since=date(2024, 5, 30))] == [
            ("mid-outage", date(2024, 5, 30)),
            ("lead-budget", date(2024, 5, 31)),
        ]


def test_feedback_of_an_unexpected_shape_is_read_as_a_fact_for_what_it_holds(home: Path) -> None:
    known_history(home)
    odd = {
        "verdict": {"grade": "superb"},  # no grade this version knows
        "form": 5,
        "star": {"situation": True, "task": "yes"},  # only the parts that are true count
        "red_flags": [{"kind": 1}, "blame", {"kind": "blame"}, {"kind": "vague"}, {"kind": "blame"}],
    }
    text = json.dumps(odd).replace("'", "''")
    damage(home, f"UPDATE answers SET feedback = '{text}', skipped = 1 WHERE session_id = 1 AND position = 0")
    with Store.open(home) as store:
        first = store.answer_facts()[0]
    assert first == AnswerFact("junior-basics", date(2024, 4, 10), True, 2, None, None, 1, ("blame", "vague"), True)


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ("question_id = X'6A'", "its question id, skip or rating is not as written"),
        ("skipped = 2", "its question id, skip or rating is not as written"),
        ("rating = 7", "its question id, skip or rating is not as written"),
        ("submitted_at = 'soon'", "submitted_at is not an ISO 8601 time"),
    ],
)
def test_a_damaged_answer_is_named_by_session_and_question(home: Path, change: str, detail: str) -> None:
    known_history(home)
    damage(home, f"UPDATE answers SET {change} WHERE session_id = 2 AND position = 1")
    path = home / "history.db"
    with Store.open(home) as store, pytest.raises(UserError) as caught:
        store.answer_facts()
    assert str(caught.value) == (
        f"history file {path} holds a damaged session 2 (answer to question 2: {detail});"
        f" move it aside (for example `mv {path} {path}.old`) and run again to start a new history"
    )


def test_the_highest_attempt_counts_even_when_the_clock_went_back(home: Path) -> None:
    known_history(home)
    columns = "(session_id, position, attempt, question_id, answer, seconds, word_count, skipped, feedback, rating"
    for attempt, rating, at in ((3, 4, "10:05:00"), (2, 1, "10:06:00")):  # the third sent a minute before the second
        damage(
            home,
            f"INSERT INTO answers {columns}, submitted_at, draft) VALUES"
            f" (1, 0, {attempt}, 'junior-basics', 'Again.', 50, 1, 0, NULL, {rating}, '2024-04-10T{at}+00:00', 0)",
        )
    with Store.open(home) as store:
        assert [(fact.question_id, fact.rating) for fact in store.answer_facts()][:2] == [
            ("mid-outage", 3),
            ("junior-basics", 4),
        ]


def test_an_attempt_number_that_is_not_a_number_counts_as_the_only_attempt(home: Path) -> None:
    known_history(home)
    damage(home, "UPDATE answers SET attempt = 'second' WHERE session_id = 1 AND position = 0")
    with Store.open(home) as store:
        assert [(fact.question_id, fact.rating) for fact in store.answer_facts()][:2] == [
            ("junior-basics", 2),
            ("mid-outage", 3),
        ]


def test_a_card_is_due_from_its_due_time_on_and_a_time_without_zone_is_utc(home: Path) -> None:
    known_history(home)
    damage(home, card("junior-basics", "2024-05-31T10:00:00"))  # due this very second
    damage(home, card("mid-outage", "2024-05-31T10:00:01"))  # one second later
    damage(home, card("lead-budget", "2024-05-31T12:00:00+02:00"))  # 10:00 in UTC
    damage(home, card("damaged", "soon"))  # `due` reports it; here it is simply not due
    with Store.open(home) as store:
        assert store.due_question_ids(datetime(2024, 5, 31, 10, 0, tzinfo=timezone.utc)) == {
            "junior-basics",
            "lead-budget",
        }
