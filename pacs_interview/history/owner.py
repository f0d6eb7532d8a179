"""Which process owns a running session, and whether that process is still alive."""

from __future__ import annotations

import os
import socket
import sys


def this_process() -> tuple[int, str]:
    """The owner to record for a session this process runs: its pid and host name."""
    return os.getpid(), socket.gethostname()


def running_elsewhere(pid: object, host: object) -> bool:
    """Whether a session's owner is another process, alive on this host."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid() or host != socket.gethostname():
        return False  # ended, ours, or on another host where we cannot look
    if sys.platform == "win32":
        return False  # os.kill(pid, 0) would end the process there, not probe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, run by another user
    except (OSError, OverflowError):  # gone, or a pid no process can have
        return False
    return True


def session_list(ids: list[int]) -> str:
    return f"session{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}"


def still_running(ids: list[int]) -> str:
    return "is still running in another terminal" if len(ids) == 1 else "are still running in other terminals"
