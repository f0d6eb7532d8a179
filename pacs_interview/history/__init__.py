"""The SQLite history file: opening and migrations, writing answers, reading and deleting sessions.

No terminal. Imports `session` (the records it stores), `bank` and `common`.
"""
