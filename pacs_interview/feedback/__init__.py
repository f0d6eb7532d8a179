"""Answer analysis, pure: phrase rules, learned scorers, guidance matching, the glossary.

No I/O beyond reading bundled data files, no terminal. Imports `bank` and `common` only.
Start at `analysis.analyze`; each signal has its own rules module.
"""
