"""The JSON transcript: the bank's key names, each answer exactly as typed, and a schema version."""

from __future__ import annotations

from typing import Any

from pacs_interview.common.safe_text import json_text
from pacs_interview.session.records import AnswerRecord, SessionRecord
from pacs_interview.session.summary import summarize
from pacs_interview.transcript import view
from pacs_interview.transcript.view import Item

SCHEMA_VERSION = 1  # bump when a key changes meaning or goes away; adding a key is compatible


class JsonFormatter:
    """JSON, for scripts and other tools."""

    suffix = ".json"

    def render(self, session: SessionRecord) -> str:
        return json_text(transcript(session)) + "\n"


def transcript(session: SessionRecord) -> dict[str, Any]:
    """The whole transcript as JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "session": summarize(session).to_json(),
        "questions": [_question(item) for item in view.items(session)],
    }


def _question(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "state": item.state.replace(" ", "-"),  # answered | skipped | draft | not-reached
        **item.question,
        "answer": None if item.answer is None else _answer(item.answer),
        # `answer` is the attempt that counts (the last one submitted); these are the others, in order.
        "earlier_attempts": [_answer(answer) for answer in item.attempts if answer is not item.answer],
    }


def _answer(answer: AnswerRecord) -> dict[str, Any]:
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
    }
