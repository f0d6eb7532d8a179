"""Find the data files that ship with the package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # this file sits in pacs_interview/common/


def data_file(name: str) -> Path:
    """Path of a bundled data file, from an installed wheel or from a source checkout."""
    # The wheel force-includes the top-level data/ folder as pacs_interview/data. A plain path
    # rather than importlib.resources: the package is always installed unzipped, and this runs
    # on every command, where importlib.resources would add its own import time.
    packaged = _PACKAGE / "data" / name
    if packaged.is_file():
        return packaged
    # An editable install runs the source tree, where the data sits beside the package.
    return _PACKAGE.parent / "data" / name
