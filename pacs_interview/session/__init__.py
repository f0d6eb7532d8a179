"""The practice loop as plain logic, with the records it produces and their summary.

Independent of the terminal: the answer source, the screen and the recorder are handed in.
Imports `feedback`, `bank` and `common`.
"""
