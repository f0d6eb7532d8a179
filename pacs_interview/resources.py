"""Find the data files that ship with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """Path of a bundled data file, from a wheel or from a source checkout."""
    packaged = resources.files("pacs_interview") / "data" / name
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install resolves the package to the source tree, where the
    # wheel's force-included copy of the top-level data/ folder does not exist.
    return Path(__file__).resolve().parent.parent / "data" / name
