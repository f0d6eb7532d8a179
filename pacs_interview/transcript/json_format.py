"""The JSON transcript: the bank's key names, each answer exactly as typed, and a schema version."""

from __future__ import annotations

from typing import Any

from pacs_interview.common.safe_text import json_text
from pacs_interview.session.records import AnswerRecord, FollowUpRecord, SessionRecord
from pacs_interview.session.summary import summarize
from pacs_interview.transcript import view
from pacs_interview.transcript.view import Item

SCHEMA_VERSION = 1  # bump when a key changes meaning or goes away; adding a key is compatible


class JsonFormatter:
    """JSON, for scripts and other tools."""

    suffix = ".json"

    def render(self, session: SessionRecord, *, examples: bool = True) -> str:
        return json_text(transcript(session, examples=examples)) + "\n"


# The bundled guidance a question carries, left out by `export --no-examples`.
GUIDANCE_KEYS = ("how_to_answer", "what_not_to_say", "example_answer")


def transcript(session: SessionRecord, *, examples: bool = True) -> dict[str, Any]:
    """The whole transcript as JSON-ready data: the session, a summary line per question, then each question."""
    return {
        "schema_version": SCHEMA_VERSION,
        "session": summarize(session).to_json(),
        "summary": [_summary(row) for row in view.summary_rows(session)],
        "questions": [_question(item, examples) for item in view.items(session)],
    }


def _summary(row: view.SummaryRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "id": row.question_id,
        "question": row.question,
        "state": row.state.replace(" ", "-"),
        "verdict": row.verdict,
        "flags": row.flags,
        "rating": row.rating,
        "seconds": row.seconds,
    }


def _question(item: Item, examples: bool) -> dict[str, Any]:
    question = {key: value for key, value in item.question.items() if examples or key not in GUIDANCE_KEYS}
    return {
        "number": item.number,
        "state": item.state.replace(" ", "-"),  # answered | skipped | draft | not-reached
        **question,
        "answer": None if item.answer is None else _answer(item.answer, item.follow_up),
        # `answer` is the attempt that counts (the last one submitted); these are the others, in order.
        "earlier_attempts": [_answer(answer) for answer in item.attempts if answer is not item.answer],
    }


def _answer(answer: AnswerRecord, follow_up: FollowUpRecord | None = None) -> dict[str, Any]:
    return {
        "text": answer.answer,
        "skipped": answer.skipped,
        "seconds": answer.seconds,
        "word_count": answer.word_count,
        "submitted_at": answer.submitted_at,
        "feedback": answer.feedback,
        "rating": None if answer.rating is None else int(answer.rating),
        "rating_label": None if answer.rating is None else answer.rating.name,
        "attempt": answer.attempt,
        "draft": answer.draft,
        "follow_up": None if follow_up is None else _follow_up(follow_up),
    }


def _follow_up(follow_up: FollowUpRecord) -> dict[str, Any]:
    """The interviewer's follow-up to the answer (mock interviews), with the reply exactly as typed."""
    return {
        "question": follow_up.question,
        "reason": follow_up.reason,
        "text": follow_up.answer,
        "skipped": follow_up.skipped,
        "seconds": follow_up.seconds,
        "word_count": follow_up.word_count,
        "submitted_at": follow_up.submitted_at,
    }
