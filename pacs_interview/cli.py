"""The command line: options in, one call out, errors to exit codes. No logic lives here."""

from __future__ import annotations

import functools
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
import typer.core

from pacs_interview import __version__
from pacs_interview.bank import (
    Filters,
    Level,
    Order,
    QuestionType,
    Region,
    load_bank,
    select,
    skill_counts,
    skill_counts_json,
)
from pacs_interview.common import streams
from pacs_interview.common.errors import EXIT_INTERRUPTED, UserError
from pacs_interview.common.plural import plural
from pacs_interview.common.safe_text import json_text, show_controls
from pacs_interview.common.streams import EXIT_BROKEN_PIPE, OutputError
from pacs_interview.config import Defaults, load_defaults
from pacs_interview.history.location import LARGEST_ID
from pacs_interview.terminal.console import make_consoles

if TYPE_CHECKING:
    from pacs_interview.progress import Progress

PROGRAM = "pacs-interview"
# Click's exceptions, wherever this Typer keeps them (its own copy of Click, or the click package).
_click_errors = sys.modules[typer.BadParameter.__module__]
_NO_JSON = object()  # a command that prints no JSON when it fails


class _Group(typer.core.TyperGroup):
    """The command group; every way out of it is an exit code, never a traceback for what the user did."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = functools.partial(
            super().main, args, prog_name, complete_var, False, windows_expand_args=windows_expand_args, **extra
        )
        if not standalone_mode:
            return run()
        sys.exit(_exit_code(run))


class _PlainArgument(typer.core.TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the metavar says it: a Python type such as `<int range>` means nothing to a user

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"  # `ID`, not `{ID}`
        return name + ("..." if self.nargs != 1 else "")


class _Command(typer.core.TyperCommand):
    """A command whose help shows each argument by its metavar alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument):
                param.__class__ = _PlainArgument


app = typer.Typer(
    name=PROGRAM,
    help="Rehearse PACS job interviews in the terminal: questions, feedback, and example answers.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    cls=_Group,
)

F = TypeVar("F", bound=Callable[..., Any])


def command(name: str | None = None, *, empty_json: object = _NO_JSON) -> Callable[[F], F]:
    """Register a command whose UserErrors become `error: ...` lines and exit code 1.

    With --json, a command that fails still prints valid JSON, `empty_json`, so a script reading it can go on.
    """

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except UserError as error:
                if os.environ.get("PACS_INTERVIEW_DEBUG") == "1":
                    raise
                if kwargs.get("json_") and empty_json is not _NO_JSON:
                    _print_json(empty_json)
                _print_errors(error.lines)
                raise typer.Exit(1) from None
            except OutputError as error:
                raise typer.Exit(streams.report(error)) from None
            except BrokenPipeError:
                streams.silence_stdout()
                raise typer.Exit(EXIT_BROKEN_PIPE) from None

        app.command(name, cls=_Command)(run)
        return function

    return register


def _print_errors(lines: Any) -> None:
    for line in lines:
        sys.stderr.write(f"error: {show_controls(line)}\n")  # lines quote file names and bank text


def _exit_code(run: Callable[[], Any]) -> int:
    """Run the command line; the exit code for however it ended."""
    try:
        result = run()
        sys.stdout.flush()  # output still in the buffer (a short `list`) meets a full disk here
    except OutputError as error:
        return streams.report(error)
    except _click_errors.UsageError as error:
        return _usage_error(error)
    except _click_errors.ClickException as error:
        _print_errors([error.format_message()])
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        return EXIT_INTERRUPTED
    return result if isinstance(result, int) else 0


def _usage_error(error: Any) -> int:
    """Click's usage line, then the problem once, plainly; exit code 2."""
    no_command: Any = getattr(_click_errors, "NoArgsIsHelpError", ())
    if isinstance(error, no_command):
        error.show()  # no command given: the help is the answer
        return int(error.exit_code)
    if error.ctx is not None:
        sys.stderr.write(error.ctx.get_usage() + "\n")
    _print_errors([plain_usage_message(error.message, _usage_hint(error))])
    return int(error.exit_code)


def _usage_hint(error: Any) -> str | None:
    """The option or argument a usage error is about, as typed: `--level`, `SESSION`."""
    hint = getattr(error, "param_hint", None)
    if isinstance(hint, str):
        return hint.replace("'", "")
    param = getattr(error, "param", None)
    if param is None:
        return None
    if param.param_type_name == "argument":
        return str(param.metavar or param.name).upper()
    return max(param.opts, key=len) if param.opts else None


# Messages from Typer's value checks, said the way the rest of the program says things.
_NOT_ONE_OF = re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*?)\.?")
_PLAIN_MESSAGES = (
    (re.compile(r"Input should be a valid integer.*"), "give a whole number"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\d+)"), r"give \g<n> or more"),
    (re.compile(r"Input should be less than or equal to (?P<n>\d+)"), r"give at most \g<n>"),
)


def plain_usage_message(message: str, hint: str | None) -> str:
    """`--level: 'expert' is not one of junior, mid, ...`: one line, without the validator's wording."""
    message = re.sub(r"^Value error, ", "", message.strip())
    choice = _NOT_ONE_OF.fullmatch(message)
    if choice:
        choices = choice["choices"].replace("'", "")
        message = f"{choice['value']!r} is not one of {choices}"
    for pattern, replacement in _PLAIN_MESSAGES:
        message = pattern.sub(replacement, message) if pattern.fullmatch(message) else message
    return f"{hint}: {message}" if hint else message


def _whole_number(minimum: int, maximum: int = LARGEST_ID) -> Callable[[int | None], int | None]:
    """A check for a count or an id (at most SQLite's largest integer), said without range notation."""

    def check(value: int | None) -> int | None:
        if value is not None and value < minimum:
            raise typer.BadParameter(f"{value} is too small: give {minimum} or more")
        if value is not None and value > maximum:
            raise typer.BadParameter(f"{value} is too large: give at most {maximum}")
        return value

    return check


def _complete_question_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Question ids for shell completion, from the bank the command line names."""
    try:
        questions = load_bank(ctx.params.get("bank") or _defaults().bank).questions
    except UserError:
        return []
    return [q.id for q in questions if q.id.startswith(incomplete)]


LevelOption = Annotated[
    list[Level] | None,
    typer.Option(
        "--level",
        "-l",
        metavar="LEVEL",
        case_sensitive=False,
        help="junior, mid, senior, lead or manager; repeat for several.",
    ),
]
TypeOption = Annotated[
    list[QuestionType] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        case_sensitive=False,
        help="technical, behavioral, competency, situational or leadership; repeat for several.",
    ),
]
SkillOption = Annotated[
    list[str] | None,
    typer.Option("--skill", "-s", metavar="TEXT", help="A skill, or part of its name; repeat for several."),
]
RegionOption = Annotated[
    Region | None,
    typer.Option(
        "--region",
        "-r",
        metavar="REGION",
        case_sensitive=False,
        help="Your jurisdiction (us, uk, eu): leave out questions written for another one's rules.",
    ),
]
BankOption = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        metavar="PATH",
        envvar="PACS_INTERVIEW_BANK",
        show_envvar=True,
        help="A YAML bank file or a folder of *.yaml files instead of the bundled bank (or the config file's).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable keys) and nothing else on stdout.")]
QuestionId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The question's id, as `list` shows it.", autocompletion=_complete_question_id),
]


def _version(value: bool) -> None:
    if value:
        print(f"{PROGRAM} {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Rehearse PACS job interviews in the terminal: questions, feedback, and example answers."""


def _filters(
    level: list[Level] | tuple[Level, ...] | None,
    type_: list[QuestionType] | None,
    skill: list[str] | None,
    region: Region | None = None,
) -> Filters:
    return Filters(tuple(dict.fromkeys(level or ())), tuple(dict.fromkeys(type_ or ())), tuple(skill or ()), region)


def _defaults() -> Defaults:
    """The config file's defaults; an option given on the command line always wins over them."""
    return load_defaults()


def _print_json(data: object) -> None:
    text = json_text(data)
    if not streams.can_encode(sys.stdout, text):  # an ASCII-only stdout: escapes keep the JSON exact
        text = json_text(data, ascii_only=True)
    sys.stdout.write(text + "\n")


@command("list", empty_json=[])
def list_questions(
    level: LevelOption = None,
    type_: TypeOption = None,
    skill: SkillOption = None,
    region: RegionOption = None,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """List questions, filtered by level, type, skill and region."""
    from pacs_interview.terminal.render import question_table

    defaults = _defaults()
    questions = select(load_bank(bank or defaults.bank), _filters(level, type_, skill, region or defaults.region))
    if json_:
        _print_json([q.to_json() for q in questions])
        return
    consoles = make_consoles()
    consoles.out.print(question_table(questions, consoles.out.width))
    consoles.err.print(plural(len(questions), "question"), style="muted")


@command(empty_json=[])
def skills(
    level: LevelOption = None,
    type_: TypeOption = None,
    skill: SkillOption = None,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """Skills tested, with question counts per level.

    Every skill the questions test, with how many questions test it at each level.
    """
    from pacs_interview.terminal.render import skills_table

    counts = skill_counts(select(load_bank(bank or _defaults().bank), _filters(level, type_, skill)))
    if json_:
        _print_json(skill_counts_json(counts))
        return
    make_consoles().out.print(skills_table(counts))


@command(empty_json=None)
def show(question_id: QuestionId, bank: BankOption = None, json_: JsonOption = False) -> None:
    """Show one question with all of its guidance.

    The card, how to answer, what not to say, and the example answer.
    """
    from pacs_interview.terminal.render import full_card

    question = load_bank(bank or _defaults().bank).get(question_id)
    if json_:
        _print_json(question.to_json())
        return
    make_consoles().out.print(full_card(question))


@command()
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar="PATH", help="Bank files or folders (default: the bank in use).")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Hold the bank to the bundled bank's bar: complete questions, domains, follow-ups, cues, "
            "regions, skill names, no near-duplicates.",
        ),
    ] = False,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """Check banks: every problem as file:line:column."""
    from pacs_interview.bank.check import check_banks

    report = check_banks(paths or [bank or _defaults().bank], strict=strict)  # [None] checks the bundled bank
    if json_:
        _print_json(report.to_json())
    else:
        for line in report.lines():
            print(show_controls(line))  # file names come from the user's disk
    if report.problems:
        raise UserError(report.summary())


SessionArgument = Annotated[
    int | None,
    typer.Argument(
        metavar="SESSION",
        callback=_whole_number(1),
        help="The session id, as `history` shows it (default: the latest).",
    ),
]


@command()
def practice(
    session_id: Annotated[
        int | None,
        typer.Argument(
            metavar="SESSION",
            callback=_whole_number(1),
            help="With --resume: the session to resume (default: the latest).",
        ),
    ] = None,
    level: LevelOption = None,
    type_: TypeOption = None,
    skill: SkillOption = None,
    region: RegionOption = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count",
            "-n",
            metavar="N",
            callback=_whole_number(1),
            help="How many questions (default 5, or the config file's).",
        ),
    ] = None,
    order: Annotated[
        Order, typer.Option(metavar="ORDER", help="random, or bank for the bank's own order.")
    ] = Order.random,
    seed: Annotated[
        int | None,
        typer.Option(metavar="N", help="Seed for the random order; the same seed, the same questions."),
    ] = None,
    time_limit: Annotated[
        int | None,
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            callback=_whole_number(0),
            help="Seconds per answer shown in the toolbar (0: none; default 120, or the config's).",
        ),
    ] = None,
    bank: BankOption = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Keep nothing of this session.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Continue a session that ended early.")] = False,
    due: Annotated[
        bool, typer.Option("--due", help="Questions due for review first, most overdue first, then new ones.")
    ] = False,
) -> None:
    """Practise: answer, then get feedback and guidance.

    Answer each question in a multi-line editor (Enter: new line; Esc then Enter:
    submit; empty: skip), then see feedback on the answer, how to answer, what not
    to say, and an example answer; rate it 1-4, or press r to answer again. Without
    a terminal, answers are read from stdin, separated by lines holding only ---
    (or --- N, which rates the answer before it from 1 to 4).
    """
    from pacs_interview.practice import DEFAULT_COUNT, DEFAULT_TIME_LIMIT, PracticeRequest, run_practice

    defaults = _defaults() if not resume else Defaults()  # a resumed session keeps its own questions
    filters = _filters(level or defaults.levels, type_, skill, region or defaults.region)
    count = count if count is not None else _first(defaults.count, DEFAULT_COUNT)
    time_limit = time_limit if time_limit is not None else _first(defaults.time_limit, DEFAULT_TIME_LIMIT)
    request = PracticeRequest(
        filters, count, order, seed, time_limit, bank or defaults.bank, not no_save, resume, session_id, due
    )
    raise typer.Exit(run_practice(request, sys.stdin))


def _first(value: int | None, fallback: int) -> int:
    """`value` unless it is None (0 is a value: no time limit)."""
    return fallback if value is None else value


@command()
def interview(
    session_id: Annotated[
        int | None,
        typer.Argument(
            metavar="SESSION",
            callback=_whole_number(1),
            help="With --resume: the interview to resume (default: the latest).",
        ),
    ] = None,
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            "-l",
            metavar="LEVEL",
            case_sensitive=False,
            help="The job's level: junior, mid, senior, lead or manager (required, unless the config sets one).",
        ),
    ] = None,
    questions: Annotated[
        int,
        typer.Option("--questions", "-n", metavar="N", callback=_whole_number(1, 100), help="How many questions."),
    ] = 6,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            metavar="MINUTES",
            callback=_whole_number(1, 600),
            help="The whole interview's time (default: 20 for 6 questions).",
        ),
    ] = None,
    region: RegionOption = None,
    seed: Annotated[
        int | None, typer.Option(metavar="N", help="Seed for choosing the panel; the same seed, the same questions.")
    ] = None,
    no_follow_ups: Annotated[
        bool, typer.Option("--no-follow-ups", help="Ask the questions only, never a follow-up.")
    ] = False,
    bank: BankOption = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interview that ended early.")] = False,
) -> None:
    """A timed mock interview: follow-ups, then a report.

    Follow-up questions, and no feedback until the report.

    An opening question, then a mix of types weighted for the level, each with a
    countdown in the editor's toolbar (never cut off). The interviewer may follow
    up where an answer was thin. The report at the end gives each answer's verdict
    and the three things to work on first. Without a terminal, answers and
    follow-up answers are read from stdin in turn, separated by lines holding only ---.
    """
    from pacs_interview.interview import InterviewRequest, run_interview

    defaults = _defaults() if not resume else Defaults()  # a resumed interview keeps its own questions
    if level is None and not resume:
        level = _one_level(defaults.levels)
    request = InterviewRequest(
        level,
        questions,
        minutes,
        region or defaults.region,
        seed,
        not no_follow_ups,
        bank or defaults.bank,
        resume,
        session_id,
    )
    raise typer.Exit(run_interview(request, sys.stdin))


def _one_level(configured: tuple[Level, ...]) -> Level:
    """The config file's level when it names exactly one: an interview is for one job."""
    if len(configured) == 1:
        return configured[0]
    levels = "junior, mid, senior, lead or manager"
    raise typer.BadParameter(f"an interview needs a level: {levels}", param_hint="'--level'")


@command("due", empty_json={"due_now": 0, "due_today": 0, "cards": []})
def due_queue(
    level: LevelOption = None,
    type_: TypeOption = None,
    skill: SkillOption = None,
    region: RegionOption = None,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """The review queue: practised questions and when each is due.

    Every practised question, its state and when it is next due, sorted by due date
    (UTC); says how many are due today. `practice --due` asks them.
    """
    from datetime import datetime, timezone

    from pacs_interview.history.store import Store
    from pacs_interview.review.queue import due_counts, queue

    defaults = _defaults()
    questions = select(load_bank(bank or defaults.bank), _filters(level, type_, skill, region or defaults.region))
    with Store.open(read_only=True) as store:
        cards = store.cards()
    now = datetime.now(timezone.utc)
    rows = queue(cards, {q.id: q.question for q in questions}, now)
    due_now, due_today = due_counts(rows, now)
    if json_:
        _print_json({"due_now": due_now, "due_today": due_today, "cards": [row.to_json() for row in rows]})
        return
    from pacs_interview.terminal.render import due_table

    consoles = make_consoles()
    if rows:
        consoles.out.print(due_table(rows))
    consoles.note(_due_line(len(rows), due_now, due_today))


def _due_line(cards: int, due_now: int, due_today: int) -> str:
    if not cards:
        return "no questions practised yet; `pacs-interview practice` starts"
    return (
        f"{due_now} due now, {due_today} due today, of {plural(cards, 'question')} practised;"
        " `practice --due` asks them"
    )


class ExportFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"


@command(empty_json=[])
def history(
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", callback=_whole_number(1), help="Show at most this many sessions."),
    ] = 20,
    delete: Annotated[
        int | None, typer.Option("--delete", metavar="ID", callback=_whole_number(1), help="Delete this session.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Delete every session (asks first).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before --clear.")] = False,
    json_: JsonOption = False,
) -> None:
    """Past sessions, practice and mock interviews, newest first.

    Also --delete ID for one session, or --clear for all of them.
    """
    from pacs_interview.history.store import Store
    from pacs_interview.session.summary import summarize

    if delete is not None and clear:
        raise typer.BadParameter("use --delete ID or --clear, not both", param_hint="'--delete' / '--clear'")
    if delete is not None or clear:
        from pacs_interview.history.clearing import delete_or_clear

        with Store.open() as store:
            sys.stderr.write(delete_or_clear(store, delete, lambda question: yes or _confirm(question)) + "\n")
        return
    with Store.open(read_only=True) as store:
        summaries = [summarize(session) for session in store.sessions(limit)]
    if json_:
        _print_json([summary.to_json() for summary in summaries])
    elif not summaries:
        sys.stderr.write("no sessions yet; `pacs-interview practice` starts one\n")
    else:
        from pacs_interview.terminal.render import history_table

        make_consoles().out.print(history_table(summaries))


def _confirm(question: str) -> bool:
    """Ask y/N at a terminal; Ctrl-C exits 130 with nothing done."""
    from pacs_interview.terminal.plain_input import confirm

    if not _stdin_is_terminal():
        raise UserError("history --clear asks before deleting, and stdin is not a terminal; pass --yes to clear")
    try:
        return confirm(question, sys.stdin, sys.stderr)
    except KeyboardInterrupt:
        sys.stderr.write("\nnothing deleted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@command()
def export(
    session: SessionArgument = None,
    last: Annotated[bool, typer.Option("--last", help="The latest session (also the default).")] = False,
    format_: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="md, json or html (default: from --output's name, else md).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file, atomically (default: stdout)."),
    ] = None,
    no_examples: Annotated[
        bool,
        typer.Option("--no-examples", help="Leave out the bank's guidance and example answers: your words only."),
    ] = False,
) -> None:
    """Export a session as Markdown, JSON or HTML.

    The transcript of one session (default: the latest), to stdout or --output.
    """
    from pacs_interview.common.files import output_file, write_atomic
    from pacs_interview.history.store import Store
    from pacs_interview.transcript import chosen_format, format_named_by

    if session is not None and last:
        raise typer.BadParameter("give a SESSION id or --last, not both", param_hint="'--last'")
    file = output_file(output)
    named = format_named_by(file)
    if format_ is not None and named is not None and named != format_.value:
        raise typer.BadParameter(
            f"{format_.value} does not match {file}, a name for {named}; leave out --format, or change the name",
            param_hint="'--format'",
        )
    with Store.open(read_only=True) as store:
        if file is not None:
            store.refuse_as_output(file)
        record = store.latest() if session is None else store.session(session)
    text = chosen_format(format_.value if format_ else None, file).render(record, examples=not no_examples)
    if file is None:
        _write_stdout(text)
    else:
        write_atomic(file, text)
        sys.stderr.write(f"wrote session {record.id} to {file}\n")


def _write_stdout(text: str) -> None:
    # A transcript is a UTF-8 file whatever the terminal's encoding, so the bytes go out as they are.
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _today() -> date:
    """The local calendar day the figures are as of (tests pin it)."""
    return date.today()


def _since(value: str | None) -> date | None:
    """--since as a calendar day; a usage error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, such as 2024-05-01") from None


@command(empty_json=None)
def stats(
    level: LevelOption = None,
    type_: TypeOption = None,
    skill: SkillOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only answers given on or after this day (YYYY-MM-DD)."),
    ] = None,
    html: Annotated[
        str | None,
        typer.Option("--html", metavar="FILE", help="Write the report as one HTML page, atomically (- for stdout)."),
    ] = None,
    region: RegionOption = None,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """Progress by level, type, skill and domain.

    Questions practised, verdicts, ratings, STAR, red flags, a streak, the questions
    to practise next and the last 30 days against before: in the terminal, as JSON,
    or as an HTML report to keep or send.
    """
    from pacs_interview.common.files import output_file
    from pacs_interview.history.store import Store
    from pacs_interview.progress import measure

    start = _since(since)
    page_to_stdout = html == "-"
    page_file = output_file(html)
    if page_to_stdout and json_:
        raise typer.BadParameter(
            "--html - and --json both write to stdout; give --html a file name", param_hint="'--html'"
        )
    defaults = _defaults()
    filters = _filters(level, type_, skill, region or defaults.region)
    loaded = load_bank(bank or defaults.bank)
    questions = select(loaded, filters)
    with Store.open(read_only=True) as store:
        if page_file is not None:
            store.refuse_as_output(page_file)
        facts = store.answer_facts(start)
        due = store.due_question_ids(datetime.now(timezone.utc))
    progress = measure(questions, facts, _today(), start, {q.id for q in loaded.questions}, due)
    scope = filters.describe() if filters != Filters() else "all questions"
    if html is not None:
        from pacs_interview.common.files import write_atomic
        from pacs_interview.transcript.stats_page import stats_page

        page = stats_page(progress, scope)
        if page_file is None:
            _write_stdout(page)
        else:
            write_atomic(page_file, page)
            sys.stderr.write(f"wrote the progress report to {page_file}\n")
    if json_:
        _print_json(progress.to_json())
    elif html is None:
        _print_stats(progress, scope)
    if progress.left_out:
        what = plural(progress.left_out, "answer")
        sys.stderr.write(f"{what} to questions not in this bank left out; --bank picks the bank they came from\n")


def _print_stats(progress: Progress, scope: str) -> None:
    if not progress.overall.answers and not progress.overall.skipped:
        since = f" since {progress.since.isoformat()}" if progress.since else " yet"
        sys.stderr.write(f"no answers{since}; `pacs-interview practice` starts a session\n")
        return
    from pacs_interview.terminal.stats_view import stats_report

    make_consoles().out.print(stats_report(progress, scope))


@command(empty_json=None)
def feedback(
    question_id: QuestionId,
    answer_file: Annotated[
        str | None,
        typer.Argument(metavar="FILE|-", help="The answer: a text file, or - for stdin (the default when piped)."),
    ] = None,
    bank: BankOption = None,
    json_: JsonOption = False,
) -> None:
    """Analyse one answer: STAR, numbers, ownership, red flags.

    Also the PACS terms it uses and misses, and the how-to-answer points it covers.
    """
    from pacs_interview.feedback.analysis import analyze
    from pacs_interview.terminal.plain_input import read_answer_text

    question = load_bank(bank or _defaults().bank).get(question_id)
    result = analyze(question, read_answer_text(answer_file, sys.stdin.buffer, _stdin_is_terminal()))
    if json_:
        _print_json(result.to_json())
        return
    from pacs_interview.terminal.render import feedback_report

    make_consoles().out.print(feedback_report(question, result))


def main() -> None:
    """Console-script entry point: the standard streams guarded, then the command line."""
    streams.install()
    signal.signal(signal.SIGINT, signal.default_int_handler)  # loading is done: Ctrl-C is KeyboardInterrupt again
    try:
        app(prog_name=PROGRAM)  # exits with the command's code (see _Group.main)
    except KeyboardInterrupt:  # while Typer builds the commands, before any of them runs
        sys.exit(EXIT_INTERRUPTED)
