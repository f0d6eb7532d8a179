"""`interview`: builds the pieces of a mock interview, runs it, and reports on it."""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pacs_interview.bank import Filters, Level, Region, load_bank, question_from_json
from pacs_interview.bank.filters import in_region
from pacs_interview.common.errors import UserError
from pacs_interview.common.signals import exit_code, signals_end_the_session
from pacs_interview.common.streams import OutputError, is_closed
from pacs_interview.feedback import analyze_when_asked
from pacs_interview.history.store import Store
from pacs_interview.session.interview import KIND, Interview, InterviewSource
from pacs_interview.session.interview_report import build_report
from pacs_interview.session.panel import compose_panel
from pacs_interview.session.plan import Plan
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, SessionSettings, SessionStatus
from pacs_interview.terminal.console import Consoles, make_consoles
from pacs_interview.terminal.interview_view import InterviewScreen, print_interview_ending

if TYPE_CHECKING:
    pass

DEFAULT_QUESTIONS = 6
# Twenty minutes for six questions: the length of the first round of a real panel.
DEFAULT_SECONDS_PER_QUESTION = 200


@dataclass(frozen=True)
class InterviewRequest:
    """What the user asked for on the command line."""

    level: Level | None
    questions: int
    minutes: int | None
    region: Region | None
    seed: int | None
    follow_ups: bool
    bank: Path | None
    resume: bool = False
    resume_id: int | None = None

    def __post_init__(self) -> None:
        if self.resume_id is not None and not self.resume:
            raise UserError(f"a session id ({self.resume_id}) is only taken with --resume")
        if self.resume and (self.level is not None or self.region is not None):
            # A resumed interview keeps its own questions; silently ignoring a new level would mislead.
            raise UserError("--resume continues an interview with its own questions; leave out --level and --region")


def run_interview(request: InterviewRequest, stdin: TextIO) -> int:
    """Run a mock interview (new or resumed), print its report, and return the exit code."""
    if is_closed(stdin):
        raise UserError("standard input is closed; interview reads the answers from it when there is no terminal")
    interactive = stdin.isatty() and sys.stdout.isatty()
    consoles = make_consoles(plain=not interactive)  # piped: no escape sequences at all
    with Store.open() as store:
        if request.resume:
            plan, answers, follow_ups = resume_plan(store, request.resume_id)
            consoles.note(resume_line(plan, answers))
        else:
            plan, answers, follow_ups = new_plan(request, consoles), {}, {}
        screen = InterviewScreen(consoles.out, interactive)
        screen.show_start(for_whom(plan), len(plan.questions), plan.settings.time_limit)
        interview = Interview(
            answer_source(stdin, interactive),
            screen,
            store,
            analyze_when_asked,
            follow_ups=bool(plan.settings.follow_ups),
        )
        with signals_end_the_session() as received:
            outcome = interview.run(plan, answers, follow_ups)
    report = build_report(outcome.questions, outcome.records, outcome.follow_ups, outcome.seconds_per_question)
    try:
        print_interview_ending(outcome, report, for_whom(plan), consoles)
    except OutputError:
        if not received:
            raise
        # A closed terminal (SIGHUP) has nobody left to read it; the interview is saved.
    return exit_code(received, outcome.status is SessionStatus.interrupted)


def for_whom(plan: Plan) -> str:
    """The job the interview is for, by its level's label: `Senior PACS Administrator`."""
    levels = {question.level for question in plan.questions}
    return levels.pop().label if len(levels) == 1 else "PACS roles at several levels"


def new_plan(request: InterviewRequest, consoles: Consoles) -> Plan:
    """The panel for the level (and region); say so when the bank has fewer questions than asked for."""
    if request.level is None:
        raise UserError("an interview needs a --level: junior, mid, senior, lead or manager")
    bank = load_bank(request.bank)
    pool = [q for q in bank.questions if q.level is request.level and in_region(q, request.region)]
    if not pool:
        where = f" for --region {request.region.value}" if request.region else ""
        raise UserError(f"no {request.level.value} questions{where} in {bank.source}; `pacs-interview list` shows them")
    if request.questions > len(pool):
        consoles.note(f"note: only {len(pool)} {request.level.value} questions are in the bank; asking all of them")
    seed = request.seed if request.seed is not None else random.randrange(1_000_000)
    questions = compose_panel(pool, request.level, request.questions, seed)
    settings = SessionSettings(
        filters=Filters(levels=(request.level,), region=request.region).to_json(),
        count=len(questions),
        order="panel",
        seed=seed,
        time_limit=seconds_per_question(request.minutes, len(questions)),
        bank=str(request.bank or "bundled"),
        follow_ups=request.follow_ups,
    )
    return Plan(questions, settings, kind=KIND)


def seconds_per_question(minutes: int | None, questions: int) -> int:
    """Each question's share of the interview's time, in whole seconds."""
    if minutes is None:
        return DEFAULT_SECONDS_PER_QUESTION
    return max(1, round(minutes * 60 / questions))


def resume_plan(
    store: Store, session_id: int | None
) -> tuple[Plan, dict[int, AnswerRecord], dict[int, FollowUpRecord]]:
    """The unreached questions of an earlier interview, in their order, appended to it; a draft is reopened."""
    record = store.resumable(session_id, KIND)
    store.reopen(record.id)
    questions = [question_from_json(q, f"session {record.id}") for q in record.questions]
    answers = {answer.position: answer for answer in record.answers}
    follow_ups = {follow_up.position: follow_up for follow_up in record.follow_ups}
    start = max((answer.position for answer in record.answers if not answer.draft), default=-1) + 1
    plan = Plan(questions, record.settings, session_id=record.id, start=start, kind=KIND)
    return plan, answers, follow_ups


def resume_line(plan: Plan, answers: Mapping[int, AnswerRecord]) -> str:
    """`Resuming interview 4 at question 3 of 6, from your draft.`"""
    draft = answers.get(plan.start)
    note = ", from your draft" if draft is not None and draft.draft else ""
    return f"Resuming interview {plan.session_id} at question {plan.start + 1} of {len(plan.questions)}{note}."


def answer_source(stdin: TextIO, interactive: bool) -> InterviewSource:
    """The editor with its countdown when a person is at a terminal; the piped reader otherwise."""
    from pacs_interview.terminal.interview_input import EditorWhenNeeded, PipedTurns

    if interactive:
        return EditorWhenNeeded()
    from pacs_interview.terminal.plain_input import PipedAnswers

    return PipedTurns(PipedAnswers(getattr(stdin, "buffer", stdin)))
