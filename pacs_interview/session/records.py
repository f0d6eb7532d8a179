"""What a practice session produces: plain data shared by the session, the store and the transcripts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import Enum, IntEnum
from typing import Any, Protocol


class Rating(IntEnum):
    again = 1
    hard = 2
    good = 3
    easy = 4


class SessionStatus(str, Enum):
    in_progress = "in-progress"  # still running, or killed before it could say otherwise
    finished = "finished"  # every question was reached
    quit = "quit"  # the user pressed q
    interrupted = "interrupted"  # Ctrl-C
    input_ended = "input-ended"  # piped input ran out before the last question


@dataclass(frozen=True)
class SessionSettings:
    """How the session was asked for, kept so history can say it and resume can repeat it."""

    filters: Mapping[str, list[str]]
    count: int
    order: str
    seed: int | None
    time_limit: int  # seconds per question: the toolbar's limit, or in an interview each question's share
    bank: str
    follow_ups: bool | None = None  # interviews only: whether the interviewer asks follow-up questions

    def to_json(self) -> dict[str, Any]:
        """The settings as stored and as `history --json` shows them; a setting that does not apply is left out."""
        data = asdict(self)
        if self.follow_ups is None:
            del data["follow_ups"]
        return data


@dataclass(frozen=True)
class AnswerRecord:
    """One submitted (or skipped) answer; committed to the store the moment it is given."""

    position: int  # 0-based place of the question in the session
    question_id: str
    answer: str  # exactly as typed
    seconds: float
    word_count: int
    skipped: bool
    feedback: Mapping[str, Any] | None = None  # the JSON form of the feedback
    rating: Rating | None = None
    submitted_at: str | None = None  # ISO 8601, UTC; the store sets it when the loop leaves it out
    attempt: int = 1  # 1 for the first answer to the question in this session, 2 for a retry, ...
    draft: bool = False  # typed but never submitted (Ctrl-C, or the process was killed)


@dataclass(frozen=True)
class FollowUpRecord:
    """The interviewer's follow-up to one answer of a mock interview, and the reply, kept with that answer."""

    position: int  # the question whose answer it follows
    reason: str  # what the answer lacked (no-result, no-scale, only-we, blame, vague), or `bank`
    question: str  # as asked
    answer: str  # exactly as typed
    seconds: float
    word_count: int
    skipped: bool
    submitted_at: str | None = None  # ISO 8601, UTC; the store sets it when the loop leaves it out


@dataclass(frozen=True)
class SessionRecord:
    """A session as stored: its questions (snapshotted as asked) and the answers so far.

    `answers` holds one answer per question reached: the last submitted attempt, which is the
    one that counts, or else the draft. `earlier` holds every other attempt.
    """

    id: int
    started_at: str  # ISO 8601, UTC
    ended_at: str | None
    status: SessionStatus
    settings: SessionSettings
    questions: tuple[Mapping[str, Any], ...]  # each question's JSON form, in session order
    answers: tuple[AnswerRecord, ...] = field(default=())
    earlier: tuple[AnswerRecord, ...] = field(default=())
    kind: str = "practice"  # or "interview"
    follow_ups: tuple[FollowUpRecord, ...] = field(default=())  # mock interviews: at most one per answer

    def attempts(self, position: int) -> list[AnswerRecord]:
        """Every attempt at one question, first to last."""
        found = [a for a in (*self.earlier, *self.answers) if a.position == position]
        return sorted(found, key=lambda a: a.attempt)


class Recorder(Protocol):
    """Where the session keeps what happens; the SQLite store, or nothing with --no-save."""

    def start(
        self, settings: SessionSettings, questions: list[Mapping[str, Any]], kind: str = "practice"
    ) -> int | None: ...

    def record_answer(self, session_id: int | None, answer: AnswerRecord) -> None: ...

    def record_answers(self, session_id: int | None, answers: Sequence[AnswerRecord]) -> None:
        """Save several answers at once: all of them, or (if the process dies first) none."""
        ...

    def record_draft(self, session_id: int | None, draft: AnswerRecord) -> None:
        """Keep what is typed so far; a later draft or the submitted answer replaces it."""
        ...

    def record_feedback(
        self, session_id: int | None, position: int, feedback: Mapping[str, Any] | None, attempt: int = 1
    ) -> None: ...

    def record_rating(self, session_id: int | None, position: int, rating: Rating, attempt: int = 1) -> None: ...

    def schedule(self, question_id: str, rating: Rating, inferred: bool) -> None:
        """Count an answer in the review queue: the question's card moves on by this rating."""
        ...

    def finish(self, session_id: int | None, status: SessionStatus) -> None: ...
