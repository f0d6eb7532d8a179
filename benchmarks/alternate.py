"""Time two things run by run, alternating, so both see the same machine at the same moments."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pairs:
    ours: float  # median seconds
    baseline: float  # median seconds
    ratio: float  # median of the run-by-run ratios


def alternate(ours: Callable[[], float], baseline: Callable[[], float], runs: int) -> Pairs:
    """Run each once to warm the file cache, then `runs` pairs; each callable returns its seconds."""
    ours(), baseline()
    pairs = [(ours(), baseline()) for _ in range(runs)]
    return Pairs(
        ours=statistics.median(p[0] for p in pairs),
        baseline=statistics.median(p[1] for p in pairs),
        ratio=statistics.median(p[0] / p[1] for p in pairs),
    )
