"""How sure each source of red-flag evidence is on writers it was not written for (dev answers only).

    python scripts/flag_sources.py

Decides what the feedback asserts and what it only asks about
(tests/data/answers/README.md "What is asserted and what is asked"). Every dev
file is one writer. For each writer from the fourth on, the engine is taken
from git as it stood before that writer's answers were read (the commit before
the one that added them, or for the last two the commit that added them), and
run on that writer's file: the first, untouched figure. Each flag it raised is
put down to the family of rule that found it (for blame: a fault named as a
party's, or a reproach; for deflection: disowning, or handing over; or the
scorer). The learned scorers are refitted leaving each writer out
(scripts/train_signal_model.py) and read on that writer, so "rule and scorer
agree" pairs an untouched rule with a scorer that never saw the writer. The
first three writers are left out: the rules were first written on them.

Held-out files are never read. Needs git and the repository's history.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from pacs_interview.feedback.answer_rules import ending_clearly_absent

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "answers"
sys.path.insert(0, str(ROOT / "scripts"))
import train_signal_model as training  # noqa: E402  (a script beside this one, not a package)

# Each writer's file, and the commit whose engine had not yet read it.
UNTOUCHED = {
    "dev-4": "edd20fd^",
    "dev-5": "2840983^",
    "dev-6": "d1d01aa^",
    "dev-7": "d1d01aa^",
    "dev-8": "c433a3b^",
    "dev-9": "c433a3b^",
    "dev-10": "278e9f2",
    "dev-11": "278e9f2",
}
AGREE = 0.0  # a scorer agrees when its best sentence scores above even odds
# A source is asserted when it is right nine times in ten even counting one more wrong flag than it raised:
# on twenty to forty flags, one flag more or less is the difference between 0.88 and 0.93.
ASSERT_AT = 0.90


def main() -> int:
    scores = _left_out_scores()
    records = [record for writer, commit in UNTOUCHED.items() for record in _untouched(writer, commit)]
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def count(name: str, kind: str, keep: Callable[[str, str], bool]) -> None:
        for answer_id, flag, family, label in records:
            if flag == kind and keep(answer_id, family):
                tallies[name][0 if label else 1] += 1

    def agrees(signal: str) -> Callable[[str], bool]:
        return lambda answer_id: scores.get(answer_id, {}).get(signal, -99.0) > AGREE

    blame_agrees, deflection_agrees = agrees("blame"), agrees("deflection")
    for kind, families in (("blame", ("fault", "reproach")), ("deflection", ("disowned", "handed-over"))):
        agree = blame_agrees if kind == "blame" else deflection_agrees
        for family in families:
            count(f"{kind}: {family} rule", kind, lambda _, found, family=family: found == family)
            count(
                f"{kind}: {family} rule, scorer agrees",
                kind,
                lambda answer_id, found, family=family, agree=agree: found == family and agree(answer_id),
            )
        count(
            f"{kind}: any rule, scorer agrees",
            kind,
            lambda answer_id, found, agree=agree: found != "scorer" and agree(answer_id),
        )
    count("deflection: scorer alone", "deflection", lambda _, found: found == "scorer")
    count("no-result: no ending found", "no-result", lambda _, found: True)
    count("no-result: ending clearly absent", "no-result", lambda answer_id, _: _clearly_absent(answer_id))
    print(f"untouched, writers {', '.join(UNTOUCHED)}: right / wrong flags, precision, and with one more wrong")
    for name, (right, wrong) in tallies.items():
        sure = right / (right + wrong + 1) >= ASSERT_AT
        print(
            f"  {name:<44} {right:>3} / {wrong:<3} {right / (right + wrong):.2f}  {right / (right + wrong + 1):.2f}"
            f"  {'assert' if sure else 'ask'}"
        )
    return 0


def _left_out_scores() -> dict[str, dict[str, float]]:
    """Each dev answer's best sentence score per scorer, fitted on every other writer."""
    examples: list[tuple[str, training.Example]] = []
    for path in training.dev_files():
        ids = [item["id"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]]
        examples += zip(ids, training.load_examples(path), strict=True)
    settings = training.Settings()
    scores: dict[str, dict[str, float]] = {}
    for left_out in sorted({example.file for _, example in examples}):
        scorers = training.fit_all([example for _, example in examples if example.file != left_out], settings)
        for answer_id, example in examples:
            if example.file == left_out and example.sentences:
                scores[answer_id] = {name: training.best_score(scorer, example) for name, scorer in scorers.items()}
    return scores


_TEXTS: dict[str, str] = {}


def _clearly_absent(answer_id: str) -> bool:
    return ending_clearly_absent(_TEXTS[answer_id])


def _untouched(writer: str, commit: str) -> Iterator[tuple[str, str, str, bool]]:
    """(answer id, flag, family, label) for each labelled flag the engine of `commit` raised on `writer`."""
    items = yaml.safe_load((CORPUS / f"{writer}.yaml").read_text(encoding="utf-8"))["answers"]
    _TEXTS.update({item["id"]: item["answer"] for item in items})
    script = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from scripts_flag_sources_old import run\n"
        "print(json.dumps(run(sys.argv[2])))\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        (Path(folder) / "scripts_flag_sources_old.py").write_text(_OLD_RUNNER, encoding="utf-8")
        found = subprocess.run(
            [sys.executable, "-c", script, folder, str(CORPUS / f"{writer}.yaml")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    yield from (tuple(record) for record in yaml.safe_load(found))


# Run inside the old tree: its analyze, its rules, its bank. The rule families are told apart with the
# old module's own patterns.
_OLD_RUNNER = """
import yaml
try:
    from pacs_interview.feedback.analysis import analyze
    from pacs_interview.feedback import flag_rules as rules
except ImportError:
    from pacs_interview.feedback import analyze
    from pacs_interview import flag_rules as rules
from pacs_interview.bank import load_bank


def blame_family(text):
    phrase = rules.blame(text)
    if phrase is None:
        return "scorer"
    reproach = getattr(rules, "_reproach", None)
    if reproach and reproach(text) == phrase and not any(m.group(0) == phrase for m in rules._BLAME.finditer(text)):
        return "reproach"
    return "fault"


def deflection_family(text):
    phrase = rules.deflection(text)
    if phrase is None:
        return "scorer"
    spans = [m.group(0) for m in rules._DISOWNED.finditer(text)]
    if hasattr(rules, "_others_than_mine"):
        spans += [text[a:b] for a, b in rules._others_than_mine(text)]
    return "disowned" if phrase in spans else "handed-over"


def run(path):
    questions = {q.id: q for q in load_bank().questions}
    out = []
    for item in yaml.safe_load(open(path, encoding="utf-8"))["answers"]:
        labels = item["labels"].get("red_flags") or {}
        feedback = analyze(questions[item["question_id"]], item["answer"])
        for flag in feedback.red_flags:
            if not isinstance(labels.get(flag.kind), bool):
                continue
            family = {"blame": blame_family, "deflection": deflection_family}.get(flag.kind, lambda text: "rule")
            out.append([item["id"], flag.kind, family(item["answer"]), labels[flag.kind]])
    return out
"""

if __name__ == "__main__":
    sys.exit(main())
