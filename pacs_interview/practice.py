"""`practice`: builds the pieces of a session, runs it, and says how it went."""

from __future__ import annotations

import random
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pacs_interview.bank import Filters, Order, Question, load_bank, question_from_json, select
from pacs_interview.common.errors import UserError
from pacs_interview.common.streams import OutputError, is_closed
from pacs_interview.history.store import NullRecorder, Store
from pacs_interview.session.loop import AnswerSource, Plan, Session, choose_questions
from pacs_interview.session.records import AnswerRecord, Recorder, SessionSettings, SessionStatus
from pacs_interview.terminal.console import Consoles, make_consoles
from pacs_interview.terminal.render import SessionScreen, print_ending

if TYPE_CHECKING:
    from pacs_interview.feedback.analysis import Feedback

EXIT_INTERRUPTED = 130
# Ended like Ctrl-C: a `kill`, a closed terminal. Each exits 128 + its number, as a shell reports it.
ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
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

    def __post_init__(self) -> None:
        if self.resume and not self.save:
            raise UserError("--resume continues a saved session, so it cannot be combined with --no-save")
        if self.resume_id is not None and not self.resume:
            raise UserError(f"a session id ({self.resume_id}) is only taken with --resume")
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
    if not request.save:
        return _run(new_plan(request, consoles), {}, NullRecorder(), consoles, stdin, interactive)
    with Store.open() as store:
        if request.resume:
            plan, earlier = resume_plan(store, request.resume_id)
        else:
            plan, earlier = new_plan(request, consoles), {}
        return _run(plan, earlier, store, consoles, stdin, interactive)


def _run(
    plan: Plan,
    earlier: Mapping[int, AnswerRecord],
    recorder: Recorder,
    consoles: Consoles,
    stdin: TextIO,
    interactive: bool,
) -> int:
    source = answer_source(stdin, plan.settings.time_limit, interactive)
    screen = SessionScreen(consoles.out, interactive)
    with signals_end_the_session() as received:
        outcome = Session(source, screen, recorder, _analyze).run(plan, earlier)
    if not received:
        print_ending(outcome, consoles)
        return EXIT_INTERRUPTED if outcome.status is SessionStatus.interrupted else 0
    try:
        print_ending(outcome, consoles)
    except OutputError:
        pass  # a closed terminal (SIGHUP) has nobody left to read it; the session is saved
    return 128 + received[0]


@contextmanager
def signals_end_the_session() -> Iterator[list[int]]:
    """While the block runs, SIGTERM and SIGHUP end the session as Ctrl-C does; the list gets the signal."""
    received: list[int] = []

    def end_session(signum: int, frame: object) -> None:
        received.append(signum)
        for number in ENDING_SIGNALS:
            signal.signal(number, signal.SIG_DFL)  # a second one ends the process at once
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, end_session) for number in ENDING_SIGNALS}
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _analyze(question: Question, answer: str) -> Feedback:
    # Imported on the first answer, not before the first card: compiling the rules takes a moment.
    from pacs_interview.feedback.analysis import analyze

    return analyze(question, answer)


def new_plan(request: PracticeRequest, consoles: Consoles) -> Plan:
    """Pick the questions; say so when fewer match than were asked for."""
    matching = select(load_bank(request.bank), request.filters)
    if request.count > len(matching):
        consoles.note(f"note: {_only(len(matching), request.filters)}; practising all of them")
    seed = request.seed if request.seed is not None else random.randrange(1_000_000)
    questions = choose_questions(matching, request.count, request.order, seed)
    settings = SessionSettings(
        filters=request.filters.to_json(),
        count=len(questions),
        order=request.order.value,
        seed=seed,
        time_limit=request.time_limit,
        bank=str(request.bank or "bundled"),
    )
    return Plan(questions, settings)


def _only(count: int, filters: Filters) -> str:
    """`only 3 questions match --level lead`, or `only 1 question is in the bank`."""
    noun = "question" if count == 1 else "questions"
    if filters == Filters():
        return f"only {count} {noun} {'is' if count == 1 else 'are'} in the bank"
    return f"only {count} {noun} {'matches' if count == 1 else 'match'} {filters.describe()}"


def resume_plan(store: Store, session_id: int | None) -> tuple[Plan, dict[int, AnswerRecord]]:
    """The unreached questions of an earlier session, in their order, appended to it."""
    record = store.resumable(session_id)
    store.reopen(record.id)
    questions = [question_from_json(q, f"session {record.id}") for q in record.questions]
    earlier = {answer.position: answer for answer in record.answers}
    start = max(earlier, default=-1) + 1
    return Plan(questions, record.settings, session_id=record.id, start=start), earlier


def answer_source(stdin: TextIO, time_limit: int, interactive: bool) -> AnswerSource:
    """The editor when a person is at a terminal; answers read from stdin otherwise."""
    if interactive:
        from pacs_interview.terminal.editor import TerminalAnswers

        return TerminalAnswers(time_limit)
    from pacs_interview.terminal.plain_input import PipedAnswers

    return PipedAnswers(getattr(stdin, "buffer", stdin))
