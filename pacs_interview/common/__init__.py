"""Small helpers every layer uses: the user-facing error, safe text, plurals, the guarded standard
streams, bundled data paths, and reading and writing only regular files.

Standard library only; imports nothing else from the package.
"""
