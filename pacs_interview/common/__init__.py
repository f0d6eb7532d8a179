"""Small helpers every layer uses: the user-facing error, safe text, bundled data paths, safe file writes.

Standard library only; imports nothing else from the package.
"""
