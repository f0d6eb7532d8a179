"""Reading the review queue: every question's card, and the questions practised lately."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pacs_interview.common.errors import UserError
from pacs_interview.history.card_rows import CARD_COLUMNS, DamagedCard, card_from_row, iso
from pacs_interview.history.connection import Connection, move_aside, translated
from pacs_interview.review.scheduling import CardState


class CardReader(Connection):
    """What `due` and `practice --due` read."""

    @translated
    def cards(self) -> dict[str, CardState]:
        """Every question's card, by question id."""
        rows = self._db.execute(f"SELECT {CARD_COLUMNS} FROM cards").fetchall()
        return {row[0]: self._card(row) for row in rows}

    @translated
    def recent_questions(self, days: float) -> set[str]:
        """Ids of the questions answered or skipped in the last `days` days."""
        since = iso(datetime.fromisoformat(self.clock()) - timedelta(days=days))
        rows = self._db.execute(
            "SELECT DISTINCT question_id FROM answers WHERE draft = 0 AND submitted_at >= ?", (since,)
        )
        return {row[0] for row in rows}

    def _card(self, row: Sequence[Any]) -> CardState:
        try:
            return card_from_row(row)
        except DamagedCard as error:
            raise UserError(
                f"history file {self.path} holds a damaged card ({error}); {move_aside(self.path)}"
            ) from None
