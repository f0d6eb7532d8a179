"""`history --delete` and `history --clear`: the change, and the line that reports it."""

from __future__ import annotations

from collections.abc import Callable

from pacs_interview.common.plural import plural
from pacs_interview.history.store import Store


def delete_or_clear(store: Store, delete: int | None, confirm: Callable[[str], bool]) -> str:
    """Delete one session, or (with `delete` None) every session once `confirm` agrees."""
    if delete is not None:
        store.delete(delete)
        return f"deleted session {delete}"
    count = store.count()
    if not count:
        return "no sessions to clear"
    every = "the only session" if count == 1 else f"all {count} sessions"
    if not confirm(f"Delete {every}? This cannot be undone."):
        return "nothing deleted"
    cleared = store.clear()
    kept = f"; kept {_still_running(cleared.kept)}" if cleared.kept else ""
    return f"deleted {_sessions(cleared.deleted)}{kept}"


def _sessions(count: int) -> str:
    return plural(count, "session")


def _still_running(ids: tuple[int, ...]) -> str:
    listed = ", ".join(map(str, ids))
    if len(ids) == 1:
        return f"1 still running in another terminal (session {listed})"
    return f"{len(ids)} still running in other terminals (sessions {listed})"
