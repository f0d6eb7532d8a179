"""pacs-interview: a terminal mock-interview coach for PACS jobs."""

__version__ = "0.1.0"
