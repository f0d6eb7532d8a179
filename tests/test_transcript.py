"""Transcripts: each format checked exactly against a known session, and the escaping rules."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from pacs_interview.cli import ExportFormat
from pacs_interview.session.records import AnswerRecord, SessionRecord
from pacs_interview.transcript import FORMATS, format_for
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter, block, escape_line
from tests.helpers import TRICKY_ANSWER, known_session

EXPECTED_MARKDOWN = r"""# PACS interview practice: session 1

- **Started:** 2024-05-01 10:00 (UTC+00:00)
- **Ended:** 2024-05-01 10:09 (UTC+00:00)
- **Status:** quit, 1 left
- **Filters:** --level junior --level mid --skill 'Modality worklist'
- **Bank:** banks/\<team\>.yaml
- **Questions:** 3 (1 answered, 1 skipped, 1 not reached)
- **Time answering:** 1m 39s
- **Duration:** 9m 30s
- **Average rating:** 3.0 of 4

## 1. What does a PACS do, and where does \<b\>DICOM\</b\> fit?

Junior PACS Administrator (junior) · technical · junior-what-is-pacs\
Skills: DICOM, Communication

*Why interviewers ask it:* Checks the \*basics\* \[bold\]first\[/bold\].

### Your answer

> \<script\>x\</script\> \[bold\]b\[/bold\] \:heart\:\
> \\x1b\[31mred\\x1b\[0m \& \*done\*
>
> 4\. indented

Time taken: 1m 35s · Words: 17 · Rating: good (3 of 4)

### Feedback

- **Speaking time:** about 8s
- **Length:** short
- **STAR:** covered situation, action; missing task, result
- **Quantified:** yes
- **Ownership:** I
- **How-to-answer points covered:** 1 of 2
- **Red flags:**
  - blame: “their \<fault\>” (what not to say: - It's \*just\* storage)
  - vague: “stuff”
- **PACS terms used:** DICOM
- **PACS terms missing:** modality worklist, RIS

### How to answer

- ✓ Name the parts: modalities, archive, viewers
- ✗ Give one number, e.g. 99.9% uptime

### What not to say

- \- It's \*just\* storage

### Example answer

A PACS stores images.

1\. Modalities send DICOM.\
2\. Radiologists read them.

## 2. Question mid-downtime?

PACS Administrator (mid) · behavioral · mid-downtime\
Skills: Communication

*Why interviewers ask it:* Why mid-downtime is asked.

### Your answer

*Skipped.*

### How to answer

- Point one of mid-downtime
- Point two of mid-downtime

### What not to say

- A mistake in mid-downtime

### Example answer

An example answer to mid-downtime.

## 3. Question senior-migration?

Senior PACS Administrator (senior) · situational · senior-migration\
Skills: Communication

*Why interviewers ask it:* Why senior-migration is asked.

*Not reached: the session ended before this question.*
"""


def test_markdown_transcript_is_exact() -> None:
    assert MarkdownFormatter().render(known_session()) == EXPECTED_MARKDOWN


EXPECTED_JSON = r"""{
  "schema_version": 1,
  "session": {
    "id": 1,
    "started_at": "2024-05-01T10:00:00+00:00",
    "ended_at": "2024-05-01T10:09:30+00:00",
    "status": "quit",
    "resumable": true,
    "settings": {
      "filters": {
        "levels": [
          "junior",
          "mid"
        ],
        "types": [],
        "skills": [
          "Modality worklist"
        ]
      },
      "count": 3,
      "order": "bank",
      "seed": null,
      "time_limit": 180,
      "bank": "banks/<team>.yaml"
    },
    "total": 3,
    "asked": 2,
    "answered": 1,
    "skipped": 1,
    "drafts": 0,
    "not_reached": 1,
    "answer_seconds": 99.4,
    "duration_seconds": 570,
    "average_rating": 3.0
  },
  "questions": [
    {
      "number": 1,
      "state": "answered",
      "id": "junior-what-is-pacs",
      "level": "junior",
      "type": "technical",
      "question": "What does a PACS do, and where does <b>DICOM</b> fit?",
      "introduction": "Checks the *basics* [bold]first[/bold].",
      "how_to_answer": [
        "Name the parts: modalities, archive, viewers",
        "Give one number, e.g. 99.9% uptime"
      ],
      "what_not_to_say": [
        "- It's *just* storage"
      ],
      "example_answer": "A PACS stores images.\n\n1. Modalities send DICOM.\n2. Radiologists read them.",
      "skills": [
        "DICOM",
        "Communication"
      ],
      "answer": {
        "text": "<script>x</script> [bold]b[/bold] :heart:\n\u001b[31mred\u001b[0m & *done*\n\n    4. indented",
        "skipped": false,
        "seconds": 95.4,
        "word_count": 17,
        "submitted_at": "2024-05-01T10:03:00+00:00",
        "feedback": {
          "question_id": "junior-what-is-pacs",
          "word_count": 17,
          "speaking_seconds": 8,
          "length": "short",
          "star": {
            "situation": true,
            "task": false,
            "action": true,
            "result": false
          },
          "quantified": true,
          "ownership": "I",
          "guidance": [
            {
              "point": "Name the parts: modalities, archive, viewers",
              "covered": true,
              "evidence": [
                "own"
              ]
            },
            {
              "point": "Give one number, e.g. 99.9% uptime",
              "covered": false,
              "evidence": []
            }
          ],
          "red_flags": [
            {
              "kind": "blame",
              "phrase": "their <fault>",
              "point": "- It's *just* storage"
            },
            {
              "kind": "vague",
              "phrase": "stuff",
              "point": ""
            }
          ],
          "terms_used": [
            "DICOM"
          ],
          "terms_missing": [
            "modality worklist",
            "RIS"
          ]
        },
        "rating": 3,
        "rating_label": "good",
        "attempt": 1,
        "draft": false
      },
      "earlier_attempts": []
    },
    {
      "number": 2,
      "state": "skipped",
      "id": "mid-downtime",
      "level": "mid",
      "type": "behavioral",
      "question": "Question mid-downtime?",
      "introduction": "Why mid-downtime is asked.",
      "how_to_answer": [
        "Point one of mid-downtime",
        "Point two of mid-downtime"
      ],
      "what_not_to_say": [
        "A mistake in mid-downtime"
      ],
      "example_answer": "An example answer to mid-downtime.",
      "skills": [
        "Communication"
      ],
      "answer": {
        "text": "",
        "skipped": true,
        "seconds": 4.0,
        "word_count": 0,
        "submitted_at": "2024-05-01T10:04:00+00:00",
        "feedback": null,
        "rating": null,
        "rating_label": null,
        "attempt": 1,
        "draft": false
      },
      "earlier_attempts": []
    },
    {
      "number": 3,
      "state": "not-reached",
      "id": "senior-migration",
      "level": "senior",
      "type": "situational",
      "question": "Question senior-migration?",
      "introduction": "Why senior-migration is asked.",
      "how_to_answer": [
        "Point one of senior-migration",
        "Point two of senior-migration"
      ],
      "what_not_to_say": [
        "A mistake in senior-migration"
      ],
      "example_answer": "An example answer to senior-migration.",
      "skills": [
        "Communication"
      ],
      "answer": null,
      "earlier_attempts": []
    }
  ]
}
"""


def test_json_transcript_is_exact() -> None:
    assert JsonFormatter().render(known_session()) == EXPECTED_JSON


EXPECTED_HTML = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PACS interview practice: session 1</title>
<style>
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2.5rem; padding-top: 1rem; border-top: 2px solid #ccc; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.meta, .facts { color: #555; }
.text, blockquote, .points > li { white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: 0; padding: 0.5rem 1rem; border-left: 4px solid #4a7bd0; background: #f3f6fb; }
.note { font-style: italic; color: #555; }
.covered { color: #1a7f37; }
.missed { color: #b42318; }
@media print {
  body { font-size: 11pt; color: #000; }
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; break-after: avoid; border-top-color: #999; }
  section { break-inside: avoid-page; }
  blockquote { background: none; border-left-color: #999; }
}
</style>
</head>
<body>
<main>
<h1>PACS interview practice: session 1</h1>
<dl>
<dt>Started</dt><dd>2024-05-01 10:00 (UTC+00:00)</dd>
<dt>Ended</dt><dd>2024-05-01 10:09 (UTC+00:00)</dd>
<dt>Status</dt><dd>quit, 1 left</dd>
<dt>Filters</dt><dd>--level junior --level mid --skill &#x27;Modality worklist&#x27;</dd>
<dt>Bank</dt><dd>banks/&lt;team&gt;.yaml</dd>
<dt>Questions</dt><dd>3 (1 answered, 1 skipped, 1 not reached)</dd>
<dt>Time answering</dt><dd>1m 39s</dd>
<dt>Duration</dt><dd>9m 30s</dd>
<dt>Average rating</dt><dd>3.0 of 4</dd>
</dl>
<section>
<h2>1. What does a PACS do, and where does &lt;b&gt;DICOM&lt;/b&gt; fit?</h2>
<p class="meta">Junior PACS Administrator (junior) · technical · junior-what-is-pacs<br>Skills: DICOM, Communication</p>
<p class="text"><em>Why interviewers ask it:</em> Checks the *basics* [bold]first[/bold].</p>
<h3>Your answer</h3>
<blockquote>&lt;script&gt;x&lt;/script&gt; [bold]b[/bold] :heart:
\x1b[31mred\x1b[0m &amp; *done*

    4. indented</blockquote>
<p class="facts">Time taken: 1m 35s · Words: 17 · Rating: good (3 of 4)</p>
<h3>Feedback</h3>
<ul>
<li><strong>Speaking time:</strong> about 8s</li>
<li><strong>Length:</strong> short</li>
<li><strong>STAR:</strong> covered situation, action; missing task, result</li>
<li><strong>Quantified:</strong> yes</li>
<li><strong>Ownership:</strong> I</li>
<li><strong>How-to-answer points covered:</strong> 1 of 2</li>
<li><strong>Red flags:</strong>
<ul>
<li>blame: “their &lt;fault&gt;” (what not to say: - It&#x27;s *just* storage)</li>
<li>vague: “stuff”</li>
</ul>
</li>
<li><strong>PACS terms used:</strong> DICOM</li>
<li><strong>PACS terms missing:</strong> modality worklist, RIS</li>
</ul>
<h3>How to answer</h3>
<ul class="points">
<li class="covered">✓ Name the parts: modalities, archive, viewers</li>
<li class="missed">✗ Give one number, e.g. 99.9% uptime</li>
</ul>
<h3>What not to say</h3>
<ul class="points">
<li>- It&#x27;s *just* storage</li>
</ul>
<h3>Example answer</h3>
<p class="text">A PACS stores images.

1. Modalities send DICOM.
2. Radiologists read them.</p>
</section>
<section>
<h2>2. Question mid-downtime?</h2>
<p class="meta">PACS Administrator (mid) · behavioral · mid-downtime<br>Skills: Communication</p>
<p class="text"><em>Why interviewers ask it:</em> Why mid-downtime is asked.</p>
<h3>Your answer</h3>
<p class="note">Skipped.</p>
<h3>How to answer</h3>
<ul class="points">
<li>Point one of mid-downtime</li>
<li>Point two of mid-downtime</li>
</ul>
<h3>What not to say</h3>
<ul class="points">
<li>A mistake in mid-downtime</li>
</ul>
<h3>Example answer</h3>
<p class="text">An example answer to mid-downtime.</p>
</section>
<section>
<h2>3. Question senior-migration?</h2>
<p class="meta">Senior PACS Administrator (senior) · situational · senior-migration<br>Skills: Communication</p>
<p class="text"><em>Why interviewers ask it:</em> Why senior-migration is asked.</p>
<p class="note">Not reached: the session ended before this question.</p>
</section>
</main>
</body>
</html>
"""


def test_html_transcript_is_exact() -> None:
    assert HtmlFormatter().render(known_session()) == EXPECTED_HTML


def test_every_format_choice_has_a_formatter() -> None:
    assert {choice.value for choice in ExportFormat} == set(FORMATS)
    for name, formatter in FORMATS.items():
        assert formatter.render(known_session()).endswith("\n"), name


def test_json_keeps_the_answer_exactly_as_typed() -> None:
    data = json.loads(JsonFormatter().render(known_session()))
    assert data["questions"][0]["answer"]["text"] == TRICKY_ANSWER


def _with_answer(text: str, feedback: dict[str, object] | None = None) -> SessionRecord:
    session = known_session()
    first = AnswerRecord(0, "junior-what-is-pacs", text, 1.0, 1, False, feedback)
    return SessionRecord(
        session.id, session.started_at, None, session.status, session.settings, session.questions, (first,)
    )


# Every C0 control but newline and tab, DEL, every C1 control, and a lone surrogate (what a
# non-UTF-8 pipe read with surrogateescape yields).
CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t") + "\udcff"


def test_json_escapes_controls_and_lone_surrogates_yet_keeps_them() -> None:
    text = JsonFormatter().render(_with_answer(CONTROLS))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", text)
    assert "\\u001b" in text and "\\u009b" in text and "\\udcff" in text
    assert json.loads(text)["questions"][0]["answer"]["text"] == CONTROLS
    text.encode("utf-8")  # writable as a file


@pytest.mark.parametrize("name", ["md", "html"])
def test_markdown_and_html_show_controls_as_visible_escapes(name: str) -> None:
    text = FORMATS[name].render(_with_answer(CONTROLS))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", text)
    assert "x1b" in text and "x9b" in text and "udcff" in text


def test_html_has_no_scripts_and_loads_nothing() -> None:
    text = HtmlFormatter().render(known_session())
    assert "<script" not in text
    assert not re.search(r"\b(src|href)=|url\(|@import|https?:", text)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "@media print" in text


def test_unknown_feedback_keys_are_shown_rather_than_dropped() -> None:
    text = MarkdownFormatter().render(_with_answer("An answer.", {"pace": "fast", "new_signal": [1, "two"]}))
    assert '- **Pace:** fast\n- **New signal:** \\[1, "two"\\]\n' in text


def test_feedback_labels_from_unknown_keys_are_escaped_too() -> None:
    text = MarkdownFormatter().render(_with_answer("An answer.", {"odd_*key*": ":tada:"}))
    assert "- **Odd \\*key\\*:** \\:tada\\:\n" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("12. not a list", r"12\. not a list"),
        ("3) not a list", r"3\) not a list"),
        ("=== not an underline", r"\=== not an underline"),
        ("> not a quote", r"\> not a quote"),
        ("```not a fence", r"\`\`\`not a fence"),
        ("[link](http://x) ![img](y)", r"\[link\](http://x) !\[img\](y)"),
        ("a_b*c~d|e&amp;", r"a\_b\*c\~d\|e\&amp;"),
        ("back\\slash", r"back\\slash"),
        ("plain words, 99.9% e.g. (ok)", "plain words, 99.9% e.g. (ok)"),
        (":heart: :+1: :white_check_mark:", r"\:heart\: \:+1\: \:white\_check\_mark\:"),
        ("parser.js:100:14", r"parser.js\:100\:14"),
        ("at 10:30, a 3:2 ratio: fine", "at 10:30, a 3:2 ratio: fine"),
        ("Label: value :not a code:", "Label: value :not a code:"),
    ],
)
def test_markdown_line_escaping(line: str, expected: str) -> None:
    assert escape_line(line) == expected


@pytest.mark.parametrize(
    ("guidance", "covered"),
    [
        (5, "0 of 0"),
        ("covered", "0 of 0"),
        ({"point": "x"}, "0 of 0"),
        ([1, {"point": "x", "covered": True}], "1 of 1"),
    ],
)
def test_feedback_of_any_json_shape_is_shown(guidance: object, covered: str) -> None:
    session = _with_answer("An answer.", {"guidance": guidance, "speaking_seconds": "soon"})
    assert f"- **How-to-answer points covered:** {covered}\n" in MarkdownFormatter().render(session)
    assert f"<li><strong>How-to-answer points covered:</strong> {covered}</li>" in HtmlFormatter().render(session)
    assert json.loads(JsonFormatter().render(session))["questions"][0]["answer"]["feedback"]["guidance"] == guidance


def test_markdown_block_keeps_line_breaks_and_paragraphs() -> None:
    assert block("one\ntwo\n\n\n   three\n", first="> ", rest="> ") == ["> one\\", "> two", ">", "> three"]
    assert block("  \n") == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (None, "md"),
        ("notes.md", "md"),
        ("notes.markdown", "md"),
        ("t.JSON", "json"),
        ("t.html", "html"),
        ("t.htm", "html"),
        ("t.txt", "md"),
    ],
)
def test_format_follows_the_output_file_name(path: str | None, expected: str) -> None:
    assert format_for(None if path is None else Path(path)) == expected


@pytest.mark.parametrize("name", ["md", "html"])
def test_points_saved_with_their_cues_read_as_their_text(name: str) -> None:
    session = known_session()
    first = dict(session.questions[0])
    first["how_to_answer"] = [{"point": "Name the <parts>", "look_for": ["modality", "archive"]}, "Give a number"]
    first.update(domain="imaging-informatics", follow_ups=["And then?"], region=["uk"])
    text = FORMATS[name].render(dataclasses.replace(session, questions=(first, *session.questions[1:])))
    assert "look_for" not in text and "'point'" not in text
    assert ("Name the \\<parts\\>" if name == "md" else "Name the &lt;parts&gt;") in text
    data = json.loads(FORMATS["json"].render(dataclasses.replace(session, questions=(first,) + session.questions[1:])))
    assert data["questions"][0]["how_to_answer"][0] == {
        "point": "Name the <parts>",
        "look_for": ["modality", "archive"],
    }
    assert data["questions"][0]["follow_ups"] == ["And then?"]


def attempts_session() -> SessionRecord:
    """The known session with a retry at question 1 and a draft at question 3."""
    known = known_session()
    first = replace(known.answers[0], answer="My first try.", rating=None, attempt=1)
    counted = replace(known.answers[0], attempt=2)
    draft = AnswerRecord(2, "senior-migration", "Half <typed>", 30.0, 2, False, attempt=1, draft=True)
    return replace(known, answers=(counted, known.answers[1], draft), earlier=(first,))


def test_every_attempt_and_a_draft_reach_every_format() -> None:
    session = attempts_session()
    markdown = MarkdownFormatter().render(session)
    assert "### Attempt 1 of 2\n\n> My first try.\n" in markdown
    assert "### Attempt 2 of 2 (the one that counts)\n" in markdown
    assert "### Your answer (a draft: never submitted)\n\n> Half \\<typed\\>\n" in markdown
    assert "Draft, never submitted · Time typing: 30s · Words: 2" in markdown
    html = HtmlFormatter().render(session)
    assert "<h3>Attempt 1 of 2</h3>\n<blockquote>My first try.</blockquote>" in html
    assert "<h3>Your answer (a draft: never submitted)</h3>\n<blockquote>Half &lt;typed&gt;</blockquote>" in html
    data = json.loads(JsonFormatter().render(session))
    first, _, third = data["questions"]
    assert (first["answer"]["attempt"], [a["text"] for a in first["earlier_attempts"]]) == (2, ["My first try."])
    assert (third["state"], third["answer"]["draft"], third["answer"]["text"]) == ("draft", True, "Half <typed>")
    assert data["session"]["drafts"] == 1 and data["session"]["not_reached"] == 1
