"""`practice`: builds the pieces of a session, runs it, and says how it went.

A new session draws its first card before the store, the session loop and the editor are
even imported: the candidate reads the question while they load. So the imports at the top
are only what choosing and drawing that card needs.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pacs_interview.bank import Filters, Order, load_bank, question_from_json, select
from pacs_interview.common.errors import UserError
from pacs_interview.common.signals import exit_code, signals_end_the_session
from pacs_interview.common.streams import OutputError, is_closed
from pacs_interview.feedback import analyze_when_asked
from pacs_interview.history.peek import recent_questions
from pacs_interview.review.scheduling import RECENT_DAYS, due_first, recent_last
from pacs_interview.session.plan import Plan, choose_questions
from pacs_interview.session.records import AnswerRecord, Recorder, SessionSettings
from pacs_interview.terminal.card import draw_card, text
from pacs_interview.terminal.console import Consoles, make_consoles

if TYPE_CHECKING:
    from pacs_interview.history.store import Store
    from pacs_interview.session.loop import AnswerSource

DEFAULT_COUNT = 5
DEFAULT_TIME_LIMIT = 120  # seconds per answer, shown in the toolbar


@dataclass(frozen=True)
class PracticeRequest:
    """What the user asked for on the command line."""

    filters: Filters
    count: int
    order: Order
    seed: int | None
    time_limit: int
    bank: Path | None
    save: bool
    resume: bool = False
    resume_id: int | None = None
    due: bool = False

    def __post_init__(self) -> None:
        if self.resume and not self.save:
            raise UserError("--resume continues a saved session, so it cannot be combined with --no-save")
        if self.resume_id is not None and not self.resume:
            raise UserError(f"a session id ({self.resume_id}) is only taken with --resume")
        if self.resume and self.due:
            raise UserError("--resume continues a session with its own questions, so it cannot be combined with --due")
        if self.resume and self.filters != Filters():
            # A resumed session keeps the questions it was given; silently ignoring new filters would mislead.
            raise UserError(
                "--resume continues a session with its own questions; leave out --level, --type, --skill and --region"
            )


def run_practice(request: PracticeRequest, stdin: TextIO) -> int:
    """Run a session (new or resumed) and return the exit code."""
    if is_closed(stdin):
        raise UserError("standard input is closed; practice reads the answers from it when there is no terminal")
    interactive = stdin.isatty() and sys.stdout.isatty()
    consoles = make_consoles(plain=not interactive)  # piped: no escape sequences at all
    if request.resume:
        from pacs_interview.history.store import Store

        with Store.open() as store:
            plan, earlier = resume_plan(store, request.resume_id)
            consoles.out.print(text(resume_line(plan, earlier)), soft_wrap=True)  # one line, however narrow
            return _run(plan, earlier, store, consoles, stdin, interactive)
    plan = new_plan(request, consoles)
    if not plan.questions:
        consoles.note(nothing_due())
        return 0
    # The first card goes on screen before the store, the loop and the editor are imported: the candidate
    # reads the question while they load. The session then sees the card drawn and does not draw it again.
    draw_card(consoles.out, plan.questions[0], 1, len(plan.questions), None, interactive)
    from pacs_interview.history.store import NullRecorder, Store

    if not request.save:
        return _run(plan, {}, NullRecorder(), consoles, stdin, interactive, first_drawn=True)
    with Store.open() as store:
        return _run(plan, {}, store, consoles, stdin, interactive, first_drawn=True)


def _run(
    plan: Plan,
    earlier: Mapping[int, AnswerRecord],
    recorder: Recorder,
    consoles: Consoles,
    stdin: TextIO,
    interactive: bool,
    first_drawn: bool = False,
) -> int:
    from pacs_interview.session.loop import Session
    from pacs_interview.session.records import SessionStatus
    from pacs_interview.terminal.render import SessionScreen, print_ending

    source = answer_source(stdin, plan.settings.time_limit, interactive)
    drawn = (plan.questions[plan.start].id, plan.start + 1, None) if first_drawn else None
    screen = SessionScreen(consoles.out, interactive, getattr(source, "wait_for_key", None), drawn)
    with signals_end_the_session() as received:
        outcome = Session(source, screen, recorder, analyze_when_asked).run(plan, earlier)
    try:
        print_ending(outcome, consoles)
    except OutputError:
        if not received:
            raise
        # A closed terminal (SIGHUP) has nobody left to read it; the session is saved.
    return exit_code(received, outcome.status is SessionStatus.interrupted)


def new_plan(request: PracticeRequest, consoles: Consoles) -> Plan:
    """Pick the questions; say so when fewer match than were asked for.

    With --due: questions due for review, most overdue first, then questions never practised.
    Otherwise questions practised in the last few days wait behind the others.
    """
    matching = select(load_bank(request.bank), request.filters)
    seed = request.seed if request.seed is not None else random.randrange(1_000_000)
    ordered = choose_questions(matching, len(matching), request.order, seed)
    if request.due:
        from pacs_interview.history.store import Store

        with Store.open() as store:
            ordered = due_first(ordered, store.cards(), datetime.now(timezone.utc))
    else:
        ordered = recent_last(ordered, recent_questions(RECENT_DAYS))
    if request.count > len(ordered) and ordered and not request.due:
        consoles.note(f"note: {_only(len(ordered), request.filters)}; practising all of them")
    questions = ordered[: request.count]
    settings = SessionSettings(
        filters=request.filters.to_json(),
        count=len(questions),
        order=request.order.value,
        seed=seed,
        time_limit=request.time_limit,
        bank=str(request.bank or "bundled"),
    )
    return Plan(questions, settings)


def nothing_due() -> str:
    return "nothing is due for review and every matching question has been practised; `pacs-interview due` lists when"


def _only(count: int, filters: Filters) -> str:
    """`only 3 questions match --level lead`, or `only 1 question is in the bank`."""
    noun = "question" if count == 1 else "questions"
    if filters == Filters():
        return f"only {count} {noun} {'is' if count == 1 else 'are'} in the bank"
    return f"only {count} {noun} {'matches' if count == 1 else 'match'} {filters.describe()}"


def resume_plan(store: Store, session_id: int | None) -> tuple[Plan, dict[int, AnswerRecord]]:
    """The unreached questions of an earlier session, in their order, appended to it; a draft is reopened."""
    record = store.resumable(session_id)
    store.reopen(record.id)
    questions = [question_from_json(q, f"session {record.id}") for q in record.questions]
    earlier = {answer.position: answer for answer in record.answers}
    start = max((answer.position for answer in record.answers if not answer.draft), default=-1) + 1
    return Plan(questions, record.settings, session_id=record.id, start=start), earlier


def resume_line(plan: Plan, earlier: Mapping[int, AnswerRecord]) -> str:
    """`Resuming session 4: 2 answered, 3 left, from your draft of question 3.`"""
    answered = sum(1 for answer in earlier.values() if not answer.draft)
    left = len(plan.questions) - answered
    draft = earlier.get(plan.start)
    note = f", from your draft of question {plan.start + 1}" if draft and draft.draft else ""
    return f"Resuming session {plan.session_id}: {answered} answered, {left} left{note}."


def answer_source(stdin: TextIO, time_limit: int, interactive: bool) -> AnswerSource:
    """The editor when a person is at a terminal; answers read from stdin otherwise."""
    if interactive:
        from pacs_interview.terminal.editor import TerminalAnswers

        return TerminalAnswers(time_limit)
    from pacs_interview.terminal.plain_input import PipedAnswers

    return PipedAnswers(getattr(stdin, "buffer", stdin))
