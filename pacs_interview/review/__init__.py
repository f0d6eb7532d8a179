"""The review queue, pure: FSRS scheduling in days, ratings inferred from feedback, what changed between attempts.

No I/O and no terminal. Imports only `common` and the `fsrs` package; the store and the session call it.
"""
