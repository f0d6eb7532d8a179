"""Which process owns a running session, and whether that process is still alive.

A pid alone is not enough: after a container restarts or the pids wrap around,
the pid of a killed session belongs to some other process. So the owner is also
recorded by its start time, where the system tells it (Linux's /proc), and a
process with that pid but another start time is not the owner.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

_PROC = Path("/proc")


def this_process() -> tuple[int, str, str | None]:
    """The owner to record for a session this process runs: its pid, host name and start time."""
    pid = os.getpid()
    return pid, socket.gethostname(), started(pid)


def started(pid: int) -> str | None:
    """When process `pid` started, as `boot-id:ticks` (Linux), or None where the system does not say."""
    try:
        boot = (_PROC / "sys/kernel/random/boot_id").read_text().strip()
        stat = (_PROC / str(pid) / "stat").read_text()
    except (OSError, ValueError):
        return None
    # The command name (field 2) is in parentheses and may hold spaces; field 22, the start time in
    # clock ticks since boot, is the 20th after the closing parenthesis.
    fields = stat.rpartition(")")[2].split()
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None


def running_elsewhere(pid: object, host: object, start: object = None) -> bool:
    """Whether a session's owner is another process, alive on this host (and, when known, the same one)."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid() or host != socket.gethostname():
        return False  # ended, ours, or on another host where we cannot look
    if sys.platform == "win32":
        return False  # os.kill(pid, 0) would end the process there, not probe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, run by another user
    except (OSError, OverflowError):  # gone, or a pid no process can have
        return False
    now = started(pid) if isinstance(start, str) else None
    return now is None or now == start  # another start time: the pid was reused, the owner is gone


def session_list(ids: list[int]) -> str:
    return f"session{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}"


def still_running(ids: list[int]) -> str:
    return "is still running in another terminal" if len(ids) == 1 else "are still running in other terminals"
