"""The question bank: the question model, the strict YAML loader, validation, filters and vocabularies.

Imports only the standard library, PyYAML and `common`; everything above it may import from here.
"""

from pacs_interview.bank.filters import Filters, in_region, select, skill_counts, skill_counts_json
from pacs_interview.bank.loader import bundled_bank_path, load_bank, read_bank
from pacs_interview.bank.model import (
    LEVEL_LABELS,
    Bank,
    BankError,
    Level,
    Location,
    Order,
    Question,
    QuestionType,
    Region,
    did_you_mean,
    question_from_json,
)

__all__ = [
    "LEVEL_LABELS",
    "Bank",
    "BankError",
    "Filters",
    "Level",
    "Location",
    "Order",
    "Question",
    "QuestionType",
    "Region",
    "bundled_bank_path",
    "did_you_mean",
    "in_region",
    "load_bank",
    "question_from_json",
    "read_bank",
    "select",
    "skill_counts",
    "skill_counts_json",
]
