"""The HTML a candidate sends to a mentor, opened in a real browser: the progress report and a transcript.

Each page is opened in headless Chromium at 1200 and 390 CSS pixels (a laptop and a phone): it must
not scroll sideways or log an error, and its screenshots are kept in test-artifacts/browser/ (or
$PACS_INTERVIEW_ARTIFACTS/browser/) to look at. Printed to A4, the report takes two or three pages
and a transcript starts its first question on the first page.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from pacs_interview.bank import bundled_bank_path, load_bank
from pacs_interview.bank.model import DOMAINS, Question
from pacs_interview.feedback.analysis import analyze
from pacs_interview.history.store import Store
from pacs_interview.progress import measure
from pacs_interview.session.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.stats_page import stats_page
from tests.browser import Browser, Measured, find_chromium, pdf_page_text, pdf_pages
from tests.helpers import TRICKY_ANSWER, record

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("PACS_INTERVIEW_ARTIFACTS") or ROOT / "test-artifacts") / "browser"
WIDTHS = (1200, 390)
CHROMIUM = find_chromium()
GRADES = ("strong", "close", "not-yet")
TODAY = date(2024, 5, 31)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed and could not be installed here (`apt-get install chromium`;"
        " .ci/run installs it where apt-get can)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as running:
        yield running


def grown_bank(folder: Path) -> list[Question]:
    """The bundled bank with half as many questions again, as banks grow, and a domain on every question."""
    questions = yaml.safe_load(bundled_bank_path().read_text(encoding="utf-8"))["questions"]
    extra = [{**q, "id": f"{q['id']}-again"} for q in questions[: len(questions) // 2]]
    for number, item in enumerate([*questions, *extra]):
        item.setdefault("domain", DOMAINS[number % len(DOMAINS)])
    path = folder / "grown.yaml"
    text = yaml.dump({"version": 1, "questions": [*questions, *extra]}, Dumper=_NoAliases, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return list(load_bank(path).questions)


class _NoAliases(yaml.SafeDumper):
    """Banks refuse aliases, so lists shared by the copies are written out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def feedback_for(question: Question, number: int) -> dict[str, Any]:
    """Real feedback on part of the example answer, with the verdict and form the feedback reports."""
    words = question.example_answer.split()
    found = analyze(question, " ".join(words[: max(8, len(words) * (1 + number % 3) // 3)])).to_json()
    found["form"] = "explanation" if question.type.value == "technical" else "story"
    found["verdict"] = {"grade": GRADES[number % 3], "fixes": []}
    return found


def practice_history(home: Path, questions: list[Question]) -> None:
    """Two months of sessions of four questions, most days, rated and with feedback."""
    with Store.open(home) as store:
        for day in range(60):
            if day % 7 == 3:
                continue  # a day off each week
            when = datetime(2024, 4, 1, 18, tzinfo=timezone.utc) + timedelta(days=day)
            chosen = [questions[(day * 4 + n) % len(questions)] for n in range(4)]
            answers = tuple(
                AnswerRecord(
                    n,
                    q.id,
                    q.example_answer,
                    80.0 + n,
                    len(q.example_answer.split()),
                    n == 3 and day % 5 == 0,
                    feedback_for(q, day + n),
                    Rating(1 + (day + n) % 4),
                    (when + timedelta(minutes=3 * n)).isoformat(timespec="seconds"),
                )
                for n, q in enumerate(chosen)
            )
            settings = SessionSettings({}, 4, "random", None, 120, "bundled")
            session = SessionRecord(
                0, when.isoformat(), None, SessionStatus.finished, settings, tuple(q.to_json() for q in chosen), answers
            )
            record(store, replace(session, ended_at=(when + timedelta(minutes=15)).isoformat()))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    questions = grown_bank(folder)
    home = folder / "home"
    practice_history(home, questions)
    with Store.open(home) as store:
        progress = measure(questions, store.answer_facts(), TODAY)
        last = store.latest()
    # The candidate's own words in a transcript include text that must stay text.
    first = replace(last.answers[0], answer=TRICKY_ANSWER + "\n" + "A long line without spaces: " + "x" * 300)
    session = replace(last, answers=(first, *last.answers[1:]))
    written = {
        "stats": stats_page(progress, "all questions"),
        "stats-empty": stats_page(measure(questions, [], TODAY, due=set()), "--level junior"),
        "transcript": HtmlFormatter().render(session),
        "transcript-no-examples": HtmlFormatter().render(session, examples=False),
    }
    paths = {}
    for name, text in written.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def keep(name: str, data: bytes) -> Path:
    """Save a screenshot or PDF among the test artefacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("page", ["stats", "stats-empty", "transcript", "transcript-no-examples"])
@pytest.mark.parametrize("width", WIDTHS)
def test_page_fits_the_screen_without_errors(browser: Browser, pages: dict[str, Path], page: str, width: int) -> None:
    shown: Measured = browser.open(pages[page], width)
    saved = keep(f"{page}-{width}.png", shown.screenshot)
    assert shown.errors == [], saved
    assert shown.scroll_width <= shown.client_width, f"scrolls sideways at {width} px; see {saved}"
    assert shown.screenshot.startswith(b"\x89PNG") and shown.height > 600


def test_the_progress_report_prints_on_two_or_three_pages(browser: Browser, pages: dict[str, Path]) -> None:
    pdf = browser.print_pdf(pages["stats"])
    saved = keep("stats.pdf", pdf)
    assert 2 <= pdf_pages(pdf) <= 3, saved


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (Debian: poppler-utils)")
@pytest.mark.parametrize("page", ["transcript", "transcript-no-examples"])
def test_a_printed_transcript_starts_its_first_question_on_the_first_page(
    browser: Browser, pages: dict[str, Path], page: str
) -> None:
    pdf = browser.print_pdf(pages[page])
    saved = keep(f"{page}.pdf", pdf)
    first_page = " ".join(pdf_page_text(pdf, 1).split())
    # Page one holds the header, the whole summary and the start of the first question: a layout that
    # kept each question whole on a page would leave page one all but empty.
    # Column headings one by one: pdftotext may read a wrapped header row out of order.
    assert all(word in first_page.split() for word in ("Summary", "Question", "Flags", "Rating", "Time")), saved
    heading = re.search(r"<section>\n<h2>(1\. [^<]*)</h2>", pages[page].read_text(encoding="utf-8"))
    assert heading is not None
    first_words = " ".join(html.unescape(heading[1]).split()[:8])
    assert first_words in first_page, saved
    assert "Your answer" in first_page, saved


def test_without_examples_a_transcript_prints_on_fewer_pages(browser: Browser, pages: dict[str, Path]) -> None:
    full = pdf_pages(browser.print_pdf(pages["transcript"]))
    short = pdf_pages(browser.print_pdf(pages["transcript-no-examples"]))
    assert short < full
