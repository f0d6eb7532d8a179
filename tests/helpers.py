"""Shared test data and helpers: a known session, and running the CLI in-process."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from pacs_interview.cli import app
from pacs_interview.records import AnswerRecord, Rating, SessionRecord, SessionSettings, SessionStatus
from pacs_interview.store import Store


def invoke(*args: str, input: str | None = None) -> Result:
    """Run the CLI in-process; a bug raises instead of hiding in result.exception."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def record(store: Store, session: SessionRecord) -> int:
    """Store `session` through the Recorder calls the practice loop makes; return the new id."""
    store.clock = lambda: session.started_at
    session_id = store.start(session.settings, list(session.questions))
    for answer in session.answers:
        store.record_answer(session_id, answer)
        if answer.rating is not None:
            store.record_rating(session_id, answer.position, answer.rating)
    if session.ended_at is not None:
        store.clock = lambda: str(session.ended_at)
        store.finish(session_id, session.status)
    return session_id


def question(qid: str, level: str, kind: str, **text: object) -> dict[str, object]:
    """A question snapshot with the bank's keys; `text` overrides the plain defaults."""
    return {
        "id": qid,
        "level": level,
        "type": kind,
        "question": f"Question {qid}?",
        "introduction": f"Why {qid} is asked.",
        "how_to_answer": [f"Point one of {qid}", f"Point two of {qid}"],
        "what_not_to_say": [f"A mistake in {qid}"],
        "example_answer": f"An example answer to {qid}.",
        "skills": ["Communication"],
        **text,
    }


# Text that must stay text everywhere: HTML, Rich markup, an emoji code, an ANSI escape sequence,
# Markdown syntax, a line starting with a list marker, an indented line.
TRICKY_ANSWER = "<script>x</script> [bold]b[/bold] :heart:\n\x1b[31mred\x1b[0m & *done*\n\n    4. indented"

FEEDBACK = {
    "question_id": "junior-what-is-pacs",
    "word_count": 17,
    "speaking_seconds": 8,
    "length": "short",
    "star": {"situation": True, "task": False, "action": True, "result": False},
    "quantified": True,
    "ownership": "I",
    "guidance": [
        {"point": "Name the parts: modalities, archive, viewers", "covered": True, "evidence": ["own"]},
        {"point": "Give one number, e.g. 99.9% uptime", "covered": False, "evidence": []},
    ],
    "red_flags": [
        {"kind": "blame", "phrase": "their <fault>", "point": "- It's *just* storage"},
        {"kind": "vague", "phrase": "stuff", "point": ""},
    ],
    "terms_used": ["DICOM"],
    "terms_missing": ["modality worklist", "RIS"],
}


def known_session() -> SessionRecord:
    """Three questions: one answered with tricky text, one skipped, one never reached."""
    return SessionRecord(
        id=1,
        started_at="2024-05-01T10:00:00+00:00",
        ended_at="2024-05-01T10:09:30+00:00",
        status=SessionStatus.quit,
        settings=SessionSettings(
            filters={"levels": ["junior", "mid"], "types": [], "skills": ["Modality worklist"]},
            count=3,
            order="bank",
            seed=None,
            time_limit=180,
            bank="banks/<team>.yaml",
        ),
        questions=(
            question(
                "junior-what-is-pacs",
                "junior",
                "technical",
                question="What does a PACS do, and where does <b>DICOM</b> fit?",
                introduction="Checks the *basics* [bold]first[/bold].",
                how_to_answer=["Name the parts: modalities, archive, viewers", "Give one number, e.g. 99.9% uptime"],
                what_not_to_say=["- It's *just* storage"],
                example_answer="A PACS stores images.\n\n1. Modalities send DICOM.\n2. Radiologists read them.",
                skills=["DICOM", "Communication"],
            ),
            question("mid-downtime", "mid", "behavioral"),
            question("senior-migration", "senior", "situational"),
        ),
        answers=(
            AnswerRecord(
                position=0,
                question_id="junior-what-is-pacs",
                answer=TRICKY_ANSWER,
                seconds=95.4,
                word_count=17,
                skipped=False,
                feedback=FEEDBACK,
                rating=Rating.good,
                submitted_at="2024-05-01T10:03:00+00:00",
            ),
            AnswerRecord(
                position=1,
                question_id="mid-downtime",
                answer="",
                seconds=4.0,
                word_count=0,
                skipped=True,
                submitted_at="2024-05-01T10:04:00+00:00",
            ),
        ),
    )
