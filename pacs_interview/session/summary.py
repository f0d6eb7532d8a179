"""What history and transcripts say about a session: counts, time, rating, filters. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pacs_interview.bank.filters import as_options
from pacs_interview.session.records import SessionRecord, SessionSettings, SessionStatus


@dataclass(frozen=True)
class Summary:
    """A session's totals."""

    id: int
    started_at: str
    ended_at: str | None
    status: SessionStatus
    settings: SessionSettings
    total: int  # questions in the session
    answered: int
    skipped: int
    drafts: int  # questions left with only a draft: typed, never submitted (resume reopens them)
    answer_seconds: float  # time spent on the answers themselves
    duration_seconds: float | None  # start to end (or to the last answer, for a session that was killed)
    average_rating: float | None
    kind: str = "practice"  # or "interview"

    @property
    def asked(self) -> int:
        """Questions reached: answered or skipped."""
        return self.answered + self.skipped

    @property
    def not_reached(self) -> int:
        """Questions neither answered nor skipped, drafts included: what `--resume` would ask."""
        return self.total - self.asked

    @property
    def resumable(self) -> bool:
        """Whether `practice --resume` (or `interview --resume`) can continue it."""
        return self.status is not SessionStatus.finished and self.not_reached > 0

    def to_json(self) -> dict[str, Any]:
        """Stable keys for `history --json`."""
        return {
            "id": self.id,
            "kind": self.kind,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status.value,
            "resumable": self.resumable,
            "settings": self.settings.to_json(),
            "total": self.total,
            "asked": self.asked,
            "answered": self.answered,
            "skipped": self.skipped,
            "drafts": self.drafts,
            "not_reached": self.not_reached,
            "answer_seconds": round(self.answer_seconds, 1),
            "duration_seconds": None if self.duration_seconds is None else round(self.duration_seconds),
            "average_rating": None if self.average_rating is None else round(self.average_rating, 2),
        }


def summarize(session: SessionRecord) -> Summary:
    """The totals of one session."""
    answers = [a for a in session.answers if not a.draft]
    ratings = [int(a.rating) for a in answers if a.rating is not None]
    return Summary(
        id=session.id,
        started_at=session.started_at,
        ended_at=session.ended_at,
        status=session.status,
        settings=session.settings,
        total=len(session.questions),
        answered=sum(not a.skipped for a in answers),
        skipped=sum(a.skipped for a in answers),
        drafts=len(session.answers) - len(answers),
        answer_seconds=sum(a.seconds for a in (*session.answers, *session.earlier))
        + sum(f.seconds for f in session.follow_ups),
        duration_seconds=_duration(session),
        average_rating=sum(ratings) / len(ratings) if ratings else None,
        kind=session.kind,
    )


def _duration(session: SessionRecord) -> float | None:
    end = session.ended_at or max((a.submitted_at for a in session.answers if a.submitted_at), default=None)
    if end is None:
        return None
    return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(session.started_at)).total_seconds())


def describe_filters(filters: Mapping[str, Sequence[str]]) -> str:
    """Filters as options, such as `--level junior --skill DICOM`, or `all questions`."""
    return as_options(filters) or "all questions"


def filter_values(filters: Mapping[str, Sequence[str]]) -> str:
    """Filters compactly, values only (`junior, DICOM`), or `all` when there are none."""
    return ", ".join(value for values in filters.values() for value in values) or "all"


def what_was_asked(summary: Summary) -> str:
    """A session's filters, values only; a mock interview says so first: `interview: senior, uk`."""
    values = filter_values(summary.settings.filters)
    return f"interview: {values}" if summary.kind == "interview" else values


def format_seconds(seconds: float | None) -> str:
    """`45s`, `12m 05s`, `1h 02m`; `-` when unknown."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"


def format_rating(average: float | None) -> str:
    """An average rating such as `2.5`, or `-` when nothing was rated."""
    return "-" if average is None else f"{average:.1f}"


def local_time(iso: str, *, offset: bool = False) -> str:
    """A stored UTC time in the local zone: `2024-05-01 12:00`, with `(UTC+02:00)` when asked."""
    moment = datetime.fromisoformat(iso).astimezone()
    text = moment.strftime("%Y-%m-%d %H:%M")
    if not offset:
        return text
    zone = moment.strftime("%z")
    return f"{text} (UTC{zone[:3]}:{zone[3:]})"


def status_text(summary: Summary) -> str:
    """`finished`, or how it ended and how many questions are left, such as `quit, 7 left (1 draft)`."""
    if not summary.resumable:
        return summary.status.value
    drafts = f" ({summary.drafts} draft{'s' if summary.drafts != 1 else ''})" if summary.drafts else ""
    return f"{summary.status.value}, {summary.not_reached} left{drafts}"
