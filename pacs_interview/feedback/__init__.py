"""Answer analysis, pure: relevance, form, phrase rules, learned scorers, ticks, the verdict, the glossary.

No I/O beyond reading bundled data files, no terminal. Imports `bank` and `common` only.
Start at `analysis.analyze`; each signal has its own module, and `verdict` turns them into a grade and fixes.
"""
