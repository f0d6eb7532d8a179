"""`practice` with piped input (no terminal): the whole command, the store, resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.history.store import FILE_NAME, Store
from pacs_interview.session.records import Rating, SessionStatus

Run = Callable[..., Result]
HOSTILE = "[bold]loud[/bold] :heart: \x1b[2J\x1b]0;pwned\x07 <script>alert(1)</script>"
JUNIOR_IN_BANK_ORDER = ["--level", "junior", "--order", "bank"]


def stored_answers(home: Path, session_id: int = 1) -> list[str]:
    with Store.open(home) as store:
        return [answer.answer for answer in store.session(session_id).answers]


def test_piped_answers_are_analysed_saved_and_summarised(run: Run, home: Path) -> None:
    piped = f"PACS stores images.\nIt talks to the RIS.\n---\n{HOSTILE}\n---\n"
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "2", input=piped)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Question 1 of 2" in out and "Question 2 of 2" in out
    assert "Junior PACS Administrator" in out
    assert "How to answer" in out and "What not to say" in out and "Example answer" in out
    # each answer's feedback opens with the verdict and its fix, before the guidance
    first = out[out.index("Question 1 of 2") : out.index("Question 2 of 2")]
    assert first.index("Verdict") < first.index("Next time") < first.index("How to answer")
    assert "Not yet: this would not pass as it stands" in first
    assert "[bold]loud[/bold] :heart: \\x1b[2J\\x1b]0;pwned\\x07 <script>" in out.replace("\n", " ")
    assert "\x1b" not in out and "\x07" not in out
    assert "Rate it" not in out  # nobody to ask
    assert "2 of 2 questions answered (finished). Saved as session 1." in out
    assert "pacs-interview export 1" in out
    assert stored_answers(home) == ["PACS stores images.\nIt talks to the RIS.", HOSTILE]


def test_each_tick_in_practice_quotes_the_answer(run: Run) -> None:
    from pacs_interview.bank import load_bank

    question = load_bank().get("junior-what-is-pacs")
    result = run("practice", "--level", "junior", "--order", "bank", "--count", "1", input=question.example_answer)
    assert result.exit_code == 0, result.output
    points = result.stdout[result.stdout.index("How to answer") : result.stdout.index("What not to say")]
    assert points.count("✓") >= 4
    assert "“" in points and "”" in points  # the evidence, quoted under its tick


def test_end_of_input_ends_the_session_and_offers_resume(run: Run, home: Path) -> None:
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "3", input="Only one answer.\n")
    assert result.exit_code == 0, result.output
    assert "1 of 3 questions answered (input-ended)." in result.stdout
    assert "pacs-interview practice --resume 1" in result.stdout

    resumed = run("practice", "--resume", input="Second.\n---\nThird.\n")
    assert resumed.exit_code == 0, resumed.output
    assert "Question 2 of 3" in resumed.stdout and "Question 1 of 3" not in resumed.stdout
    assert "3 of 3 questions answered (finished). Saved as session 1." in resumed.stdout
    assert stored_answers(home) == ["Only one answer.", "Second.", "Third."]

    again = run("practice", "--resume")
    assert again.exit_code == 1
    assert again.stderr == "error: no unfinished session to resume; `pacs-interview history` lists the sessions\n"


def test_resume_by_id_keeps_the_question_order(run: Run, home: Path) -> None:
    run("practice", "--level", "mid", "--count", "3", "--seed", "7", input="a\n")
    with Store.open(home) as store:
        asked = [q["id"] for q in store.session(1).questions]
    resumed = run("practice", "--resume", "1", input="b\n---\nc\n")
    assert resumed.exit_code == 0, resumed.output
    with Store.open(home) as store:
        session = store.session(1)
    assert [q["id"] for q in session.questions] == asked
    assert [(a.question_id, a.answer) for a in session.answers] == list(zip(asked, ["a", "b", "c"], strict=True))


def test_empty_answer_skips(run: Run, home: Path) -> None:
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "2", input="\n---\nAn answer.\n")
    assert result.exit_code == 0, result.output
    first = result.stdout.split("Question 2 of 2")[0]
    assert "Skipped: it counts as Again in the review queue." in first
    assert "How to answer" in first and "What not to say" in first and "Example answer" in first
    with Store.open(home) as store:
        assert [a.skipped for a in store.session(1).answers] == [True, False]
        card = store.cards()[store.session(1).answers[0].question_id]
    assert (card.last_rating.name, card.inferred) == ("again", True)


def test_no_save_writes_nothing(run: Run, home: Path) -> None:
    result = run("practice", "--count", "1", "--no-save", input="An answer.\n")
    assert result.exit_code == 0, result.output
    assert "Not saved (--no-save)." in result.stdout
    assert not (home / FILE_NAME).exists()


def test_count_above_the_matches_takes_them_all_with_a_note(run: Run, write_bank: Callable[..., Path]) -> None:
    from tests.test_cli_catalog import BANK

    bank = write_bank(BANK)
    result = run("practice", "--bank", str(bank), "--count", "9", "--no-save", input="a\n---\nb\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: only 2 questions are in the bank; practising all of them\n"
    filtered = run("practice", "--bank", str(bank), "--level", "lead", "--count", "3", "--no-save", input="a\n")
    assert filtered.stderr == "note: only 1 question matches --level lead; practising all of them\n"
    assert "Question 2 of 2" in result.stdout


def test_filters_matching_nothing(run: Run) -> None:
    result = run("practice", "--level", "junior", "--skill", "budget")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no questions match --level junior --skill budget; `pacs-interview skills` shows what the bank covers\n"
    )


def test_unknown_skill(run: Run) -> None:
    result = run("practice", "--skill", "juggling")
    assert result.exit_code == 1
    assert result.stderr == "error: no skill matches 'juggling'; `pacs-interview skills` lists them\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--resume", "--no-save"],
            "error: --resume continues a saved session, so it cannot be combined with --no-save\n",
        ),
        (["3"], "error: a session id (3) is only taken with --resume\n"),
        (
            ["--resume", "--level", "mid"],
            "error: --resume continues a session with its own questions; "
            "leave out --level, --type, --skill and --region\n",
        ),
        (
            ["--resume", "--region", "uk"],
            "error: --resume continues a session with its own questions; "
            "leave out --level, --type, --skill and --region\n",
        ),
    ],
)
def test_conflicting_options(run: Run, args: list[str], message: str) -> None:
    result = run("practice", *args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_same_seed_same_questions(run: Run, home: Path) -> None:
    # --no-save: the history, which moves recently practised questions back, stays the same between runs.
    outputs = [run("practice", "--no-save", "--seed", s, "--count", "3", input="a\n---\nb\n---\nc\n") for s in "11"]
    other = run("practice", "--no-save", "--seed", "12", "--count", "3", input="a\n---\nb\n---\nc\n")
    assert all(result.exit_code == 0 for result in [*outputs, other])
    assert outputs[0].stdout == outputs[1].stdout and "Question 3 of 3" in outputs[0].stdout
    assert other.stdout != outputs[0].stdout


def test_questions_practised_in_the_last_days_wait_behind_the_others(run: Run, home: Path) -> None:
    filters = ["--level", "junior", "--type", "competency"]
    in_bank_order = [row["id"] for row in json.loads(run("list", *filters, "--json").stdout)]
    assert len(in_bank_order) == 4
    for _ in range(3):
        assert run("practice", *filters, "--order", "bank", "--count", "2", input="a\n---\nb\n").exit_code == 0
    with Store.open(home) as store:
        asked = [[q["id"] for q in store.session(n).questions] for n in (1, 2, 3)]
    first, second = in_bank_order[:2], in_bank_order[2:]
    # The second session skips the two practised moments ago; once all four were, bank order again.
    assert asked == [first, second, first]


def test_one_word_count_everywhere(run: Run, home: Path) -> None:
    result = run("practice", "--count", "1", input="I fixed it — done.\n")
    assert result.exit_code == 0, result.output
    with Store.open(home) as store:
        (answer,) = store.session(1).answers
    assert answer.word_count == 4
    assert answer.feedback is not None and answer.feedback["word_count"] == 4


def test_bytes_that_are_not_utf8_are_kept_not_fatal(home: Path) -> None:
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home), "PYTHONIOENCODING": "utf-8:strict"}
    command = [sys.executable, "-m", "pacs_interview", "practice", "--count", "2", "--order", "bank"]
    result = subprocess.run(command, input=b"good answer\n---\ncaf\xe9 latin-1\n", env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert stored_answers(home) == ["good answer", "caf\udce9 latin-1"]
    assert b"caf\\udce9 latin-1" in result.stdout


@pytest.mark.slow
def test_each_piped_answer_is_saved_as_its_separator_arrives(home: Path) -> None:
    """The process is killed while it waits for the second answer; the first must already be on disk."""
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}
    command = [sys.executable, "-m", "pacs_interview", "practice", "--count", "3", "--order", "bank"]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    assert child.stdin is not None
    child.stdin.write("The first answer, kept.\n---\nThe second, half")
    child.stdin.flush()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not _has_answer(home):
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdin.close()
    assert stored_answers(home) == ["The first answer, kept."]


def _has_answer(home: Path) -> bool:
    if not (home / FILE_NAME).exists():
        return False
    result = subprocess.run(
        [sys.executable, "-m", "pacs_interview", "history", "--json"],
        env={**os.environ, "PACS_INTERVIEW_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    sessions = json.loads(result.stdout or "[]")
    return bool(sessions) and sessions[0]["answered"] >= 1


def test_crlf_and_carriage_returns_are_stored_as_sent(run: Run, home: Path) -> None:
    piped = "Line one\r\nline two\r\n---\r\nA lone\rreturn\n--- 2\n"
    result = run("practice", *JUNIOR_IN_BANK_ORDER, "--count", "2", input=piped)
    assert result.exit_code == 0, result.output
    assert stored_answers(home) == ["Line one\r\nline two", "A lone\rreturn"]
    assert "A lone\\x0dreturn" in result.stdout  # shown, never acted on by the terminal
    with Store.open(home) as store:
        assert [a.rating for a in store.session(1).answers] == [None, Rating.hard]


BURST = b"The first answer.\n---\nThe second answer.\n---\nThe third answer.\n---\n"


def _start_with_a_burst(home: Path) -> subprocess.Popen[bytes]:
    """Three answers at once, the input left open as `(printf ...; sleep 30) |` does; a fourth question waits."""
    env = {**os.environ, "PACS_INTERVIEW_HOME": str(home)}
    command = [sys.executable, "-m", "pacs_interview", "practice", "--count", "4", "--order", "bank"]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert child.stdin is not None
    child.stdin.write(BURST)
    child.stdin.flush()
    return child


def _saved_count(home: Path) -> int:
    """Answers committed so far, read as another process would, without waiting on the writer."""
    path = home / FILE_NAME
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            return int(db.execute("SELECT count(*) FROM answers").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _wait_for_a_saved_answer(home: Path) -> None:
    deadline = time.monotonic() + 30
    while _saved_count(home) == 0:
        assert time.monotonic() < deadline, "no answer was ever saved"
        time.sleep(0.001)


@pytest.mark.slow
def test_a_burst_of_piped_answers_survives_thirty_kills(tmp_path: Path) -> None:
    """Killed as soon as the first answer is on disk, 30 times: the two that came with it are there too."""
    saved = []
    for attempt in range(30):
        home = tmp_path / f"home-{attempt}"
        child = _start_with_a_burst(home)
        _wait_for_a_saved_answer(home)
        child.kill()
        child.communicate()
        saved.append(_saved_count(home))
    assert saved == [3] * 30


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_end_a_session_as_ctrl_c_does(home: Path, name: str) -> None:
    number = getattr(signal, name)
    child = _start_with_a_burst(home)
    _wait_for_a_saved_answer(home)
    child.send_signal(number)
    _, errors = child.communicate(timeout=30)
    assert (child.returncode, errors) == (128 + number, b"")
    with Store.open(home) as store:
        session = store.session(1)
    assert session.status is SessionStatus.interrupted
    assert [a.answer for a in session.answers] == ["The first answer.", "The second answer.", "The third answer."]


def test_one_question_is_counted_in_the_singular(run: Run) -> None:
    result = run("practice", "--count", "1", "--no-save", input="Done.\n")
    assert "1 of 1 question answered (finished). Not saved (--no-save)." in result.stdout
    assert " · 1 word · about " in result.stdout


def test_a_very_long_answer_is_shown_in_part_and_saved_whole(run: Run, home: Path) -> None:
    long_answer = "I checked the AE title. " * 1500  # 36,000 characters
    result = run("practice", "--count", "1", input=long_answer)
    assert result.exit_code == 0, result.output
    assert "... 16,000 more characters, saved in full" in result.stdout
    assert stored_answers(home) == [long_answer.rstrip("\n")]


def test_an_answer_over_the_cap_is_refused(run: Run) -> None:
    result = run("practice", "--count", "1", "--no-save", input="x" * 1_000_001)
    assert result.exit_code == 1
    assert result.stderr == "error: an answer on stdin is over 1 MB; answers are separated by ---\n"


def test_region_leaves_out_another_jurisdictions_questions(run: Run, home: Path) -> None:
    # The bundled bank has US-only and UK/EU-only questions; a UK candidate is never given a US-only one.
    piped = "\n---\n".join(["An answer."] * 200)
    result = run("practice", "--region", "uk", "--level", "mid", "--order", "bank", "--count", "200", input=piped)
    assert result.exit_code == 0, result.output
    with Store.open(home) as store:
        record = store.session(1)
    regions = {tuple(q.get("region", ())) for q in record.questions}
    assert ("us",) not in regions and ("uk", "eu") in regions and () in regions
    assert record.settings.filters["region"] == ["uk"]
