"""The interview's editor toolbar (a countdown, then a calm wrap-up), and what its screen and report draw."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.formatted_text import to_plain_text
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from pacs_interview.bank import QuestionType
from pacs_interview.session.interview import Turn
from pacs_interview.session.interview_report import build_report
from pacs_interview.session.loop import Answer
from pacs_interview.session.records import AnswerRecord, FollowUpRecord
from pacs_interview.terminal.console import THEME
from pacs_interview.terminal.interview_editor import InterviewEditor, countdown_text
from pacs_interview.terminal.interview_view import InterviewScreen, report_view
from tests.test_answer_input import CTRL_C, ESC_ENTER, FakeClock
from tests.test_panel import make

QUESTION = make("q", QuestionType.technical, ("DICOM",), question="What is a [bold]C-MOVE[/bold]?")
TURN = Turn(QUESTION, 2, 6, seconds_allowed=200.0)


@pytest.mark.parametrize(
    ("turn", "elapsed", "words", "expected"),
    [
        (TURN, 0.0, 0, " Question 2 of 6 · 03:20 left · 0 words "),
        (TURN, 12.5, 1, " Question 2 of 6 · 03:08 left · 1 word "),  # 187.5 s left reads 03:08, as a countdown does
        (TURN, 199.6, 40, " Question 2 of 6 · 00:01 left · 40 words "),
        (TURN, 200.0, 40, " Question 2 of 6 · time to wrap up · 40 words "),
        (TURN, 900.0, 41, " Question 2 of 6 · time to wrap up · 41 words "),  # never cut off, never alarming
        (
            Turn(QUESTION, 2, 6, 200.0, 150.0, "And then?"),
            20.0,
            3,
            " Question 2 of 6 · follow-up · 00:30 left · 3 words ",
        ),
    ],
)
def test_the_toolbar_counts_down_then_says_to_wrap_up(turn: Turn, elapsed: float, words: int, expected: str) -> None:
    toolbar = countdown_text(turn, elapsed, words)
    assert to_plain_text(toolbar) == expected + "│ Esc Enter: submit · Ctrl-C: stop "
    styles = {style for style, _ in toolbar}
    assert ("class:wrap-up" in styles) is ("wrap up" in expected)


def type_answer(keys: str) -> Answer | None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return InterviewEditor(now=FakeClock()).read_answer(TURN)


def test_the_editor_submits_with_esc_enter_and_times_the_answer() -> None:
    assert type_answer("First line\rsecond" + ESC_ENTER) == Answer("First line\nsecond", 12.5)


def test_ctrl_c_keeps_what_was_typed_and_on_an_empty_editor_interrupts() -> None:
    assert type_answer("half" + CTRL_C) == Answer("half", 12.5, interrupted=True)
    with pytest.raises(KeyboardInterrupt):
        type_answer(CTRL_C)


def test_ctrl_d_on_an_empty_editor_ends_the_input() -> None:
    assert type_answer("\x04") is None


def screen_text(interactive: bool) -> str:
    out = io.StringIO()
    screen = InterviewScreen(Console(file=out, width=60, markup=False, color_system=None, theme=THEME), interactive)
    screen.show_question(TURN)
    screen.show_follow_up(Turn(QUESTION, 2, 6, 200.0, 10.0, "And [red]why[/red]?"))
    return out.getvalue()


def test_the_screen_asks_without_hints_and_shows_bank_text_as_text() -> None:
    assert screen_text(interactive=False) == (
        "\n"
        "╭─ Question 2 of 6 ────────────────────────────────────────╮\n"
        "│ What is a [bold]C-MOVE[/bold]?                           │\n"
        "╰──────────────────────────────────────────────────────────╯\n"
        "Follow-up: And [red]why[/red]?\n"
    )
    assert "Esc then Enter submits" in screen_text(interactive=True)


def test_the_report_reads_plainly() -> None:
    story = make("story", QuestionType.behavioral, ("Communication",), question="Tell me about an outage.")
    feedback = {"verdict": {"grade": "close", "fixes": [{"signal": "result", "advice": "Say how it ended."}]}}
    report = build_report(
        [story, QUESTION],
        {0: AnswerRecord(0, "story", "It broke.", 95.0, 2, False, feedback)},
        {0: FollowUpRecord(0, "no-result", "And how did it end?", "Fixed.", 30.0, 1, False)},
        200,
    )
    out = io.StringIO()
    Console(file=out, width=80, markup=False, color_system=None, theme=THEME).print(
        report_view(report, "Senior PACS Administrator")
    )
    assert out.getvalue() == (
        "\n"
        "Interview report: Senior PACS Administrator\n"
        "                                                                                \n"
        "  #   Question, and what to do next time                  Verdict         Time  \n"
        " ────────────────────────────────────────────────────────────────────────────── \n"
        "  1   Tell me about an outage.                            close         2m 05s  \n"
        "      Follow-up: And how did it end? (1 word)                                   \n"
        "      → Say how it ended.                                                       \n"
        "  2   What is a [bold]C-MOVE[/bold]?                      not reached           \n"
        "                                                                                \n"
        "\n"  # a close answer makes its skill neither strong nor weak: no standings to show
        "Work on these first\n"
        "1. Say how it ended. (question 1)\n"
        "\n"
        "Time answering: 2m 05s of 6m 40s planned. 0 strong · 1 close · 0 not yet.\n"
    )


def test_long_lists_of_skills_name_the_first_six_and_count_the_rest() -> None:
    questions = [make(f"q{n}", QuestionType.technical, (f"Skill {n}",)) for n in range(8)]
    strong = {"verdict": {"grade": "strong", "fixes": []}}
    answers = {n: AnswerRecord(n, f"q{n}", "An answer.", 10.0, 2, False, strong) for n in range(8)}
    out = io.StringIO()
    report = build_report(questions, answers, {}, 60)
    Console(file=out, width=100, markup=False, color_system=None, theme=THEME).print(
        report_view(report, "PACS Manager")
    )
    assert "Strong skills  Skill 0, Skill 1, Skill 2, Skill 3, Skill 4, Skill 5 and 2 more\n" in out.getvalue()
