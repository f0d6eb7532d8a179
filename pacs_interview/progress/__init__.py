"""Progress figures, pure: practised questions, verdicts, ratings, STAR, red flags, streaks and trends.

Takes the questions in use and plain facts about each answer, and returns plain data; no I/O,
no terminal. `history` reads the facts, `terminal` and `transcript` draw the figures.
"""

from pacs_interview.progress.activity import TREND_DAYS, Trend
from pacs_interview.progress.facts import FLAG_KINDS, AnswerFact
from pacs_interview.progress.figures import DIMENSIONS, GRADES, Figures, Group, Progress, measure, percent, rating_text
from pacs_interview.progress.weakest import RATING_NAMES, Weak

__all__ = [
    "DIMENSIONS",
    "FLAG_KINDS",
    "GRADES",
    "RATING_NAMES",
    "TREND_DAYS",
    "AnswerFact",
    "Figures",
    "Group",
    "Progress",
    "Trend",
    "Weak",
    "measure",
    "percent",
    "rating_text",
]
