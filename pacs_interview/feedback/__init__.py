"""Answer analysis, pure: relevance, form, phrase rules, learned scorers, ticks, the verdict, the glossary.

No I/O beyond reading bundled data files, no terminal. Imports `bank` and `common` only.
Start at `analysis.analyze`; each signal has its own module, and `verdict` turns them into a grade and fixes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pacs_interview.bank import Question
    from pacs_interview.feedback.analysis import Feedback


def analyze_when_asked(question: Question, answer: str) -> Feedback:
    """`analysis.analyze`, imported on the first call: compiling the rules takes a moment, so a session
    draws its first question before it pays for them."""
    from pacs_interview.feedback.analysis import analyze

    return analyze(question, answer)
