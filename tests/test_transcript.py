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
from pacs_interview.transcript import FORMATS, format_for, view
from pacs_interview.transcript.html import HtmlFormatter
from pacs_interview.transcript.json_format import JsonFormatter
from pacs_interview.transcript.markdown import MarkdownFormatter, block, escape_line
from tests.helpers import FEEDBACK, TRICKY_ANSWER, known_session

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

## Summary

| # | Question | Verdict | Flags | Rating | Time |
| --: | --- | --- | --- | --- | --: |
| 1 | What does a PACS do, and where does \<b\>DICOM\</b\> fit? | close | blame, vague | good | 1m 35s |
| 2 | Question mid-downtime? | - | - | skipped | 4s |
| 3 | Question senior-migration? | - | - | not reached | - |

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

- **Verdict:** Close: sound, but missing something that matters
- **Next time:** Say how it \*ended\*: \<i\>what\</i\> changed.
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
- **Form:** story
- **On the question:** yes

### How to answer

- ✓ Name the parts: modalities, archive, viewers\
  “the \<b\>archive\</b\>…”
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
    "kind": "practice",
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
  "summary": [
    {
      "number": 1,
      "id": "junior-what-is-pacs",
      "question": "What does a PACS do, and where does <b>DICOM</b> fit?",
      "state": "answered",
      "verdict": "close",
      "flags": [
        "blame",
        "vague"
      ],
      "rating": "good",
      "seconds": 95.4
    },
    {
      "number": 2,
      "id": "mid-downtime",
      "question": "Question mid-downtime?",
      "state": "skipped",
      "verdict": null,
      "flags": [],
      "rating": "skipped",
      "seconds": 4.0
    },
    {
      "number": 3,
      "id": "senior-migration",
      "question": "Question senior-migration?",
      "state": "not-reached",
      "verdict": null,
      "flags": [],
      "rating": "not reached",
      "seconds": null
    }
  ],
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
                "the <b>archive</b>…"
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
          ],
          "form": "story",
          "relevant": true,
          "verdict": {
            "grade": "close",
            "fixes": [
              {
                "signal": "result",
                "advice": "Say how it *ended*: <i>what</i> changed."
              }
            ]
          }
        },
        "rating": 3,
        "rating_label": "good",
        "attempt": 1,
        "draft": false,
        "follow_up": null
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
        "draft": false,
        "follow_up": null
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
.evidence { color: #555; font-style: italic; }
table.summary { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.summary th, .summary td { text-align: left; padding: 0.25rem 0.4rem; vertical-align: top; }
.summary td { border-top: 1px solid #ddd; }
.summary td.question { overflow-wrap: anywhere; }
.summary .num { text-align: right; white-space: nowrap; }
h2.summary-title { border-top: 0; margin-top: 1.5rem; padding-top: 0; }
@media (max-width: 30rem) {
  table.summary, .summary tbody { display: block; }
  .summary thead { display: none; }
  .summary tr { display: flex; flex-wrap: wrap; gap: 0 0.8rem; padding: 0.4rem 0; border-top: 1px solid #ddd; }
  .summary td { border: 0; padding: 0; }
  .summary td.question { flex: 1 1 80%; }
  .summary td[data-label]::before { content: attr(data-label) " "; color: #555; }
}
@media print {
  @page { margin: 15mm; }
  body { font-size: 10pt; line-height: 1.35; color: #000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin: 0 0 0.5rem; }
  h2 { font-size: 12pt; margin-top: 1.2rem; padding-top: 0.5rem; break-after: avoid; border-top-color: #999; }
  h3 { font-size: 10pt; margin: 0.7rem 0 0.2rem; break-after: avoid; }
  dl { gap: 0 1rem; grid-template-columns: max-content 1fr max-content 1fr; }
  .summary th, .summary td { padding: 0.1rem 0.3rem; }
  .summary tr, li, .meta, .facts { break-inside: avoid; }
  blockquote { background: none; border-left-color: #999; padding: 0.2rem 0.6rem; }
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
<h2 class="summary-title">Summary</h2>
<table class="summary">
<thead><tr><th class="num">#</th><th>Question</th><th>Verdict</th><th>Flags</th><th>Rating</th><th class="num">Time</th></tr></thead>
<tbody>
<tr><td class="num">1</td><td class="question">What does a PACS do, and where does &lt;b&gt;DICOM&lt;/b&gt; fit?</td>
<td data-label="Verdict">close</td><td data-label="Flags">blame, vague</td>
<td data-label="Rating">good</td><td class="num" data-label="Time">1m 35s</td></tr>
<tr><td class="num">2</td><td class="question">Question mid-downtime?</td>
<td data-label="Verdict">-</td><td data-label="Flags">-</td>
<td data-label="Rating">skipped</td><td class="num" data-label="Time">4s</td></tr>
<tr><td class="num">3</td><td class="question">Question senior-migration?</td>
<td data-label="Verdict">-</td><td data-label="Flags">-</td>
<td data-label="Rating">not reached</td><td class="num" data-label="Time">-</td></tr>
</tbody>
</table>
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
<li><strong>Verdict:</strong> Close: sound, but missing something that matters</li>
<li><strong>Next time:</strong> Say how it *ended*: &lt;i&gt;what&lt;/i&gt; changed.</li>
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
<li><strong>Form:</strong> story</li>
<li><strong>On the question:</strong> yes</li>
</ul>
<h3>How to answer</h3>
<ul class="points">
<li class="covered">✓ Name the parts: modalities, archive, viewers
<span class="evidence">“the &lt;b&gt;archive&lt;/b&gt;…”</span></li>
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
    rendered = {name: formatter.render(known_session()) for name, formatter in FORMATS.items()}
    assert rendered == {"md": EXPECTED_MARKDOWN, "json": EXPECTED_JSON, "html": EXPECTED_HTML}


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


def test_feedback_saved_before_the_verdict_existed_has_no_verdict_line() -> None:
    older = {key: value for key, value in FEEDBACK.items() if key not in ("form", "relevant", "verdict")}
    markdown = MarkdownFormatter().render(_with_answer("An answer.", older))
    assert "Verdict" not in markdown and "Next time" not in markdown
    assert "- **STAR:** covered situation, action; missing task, result\n" in markdown


def test_an_explanation_an_answer_off_the_question_and_several_fixes() -> None:
    feedback = {
        **FEEDBACK,
        "star": None,
        "relevant": False,
        "verdict": {
            "grade": "not-yet",
            "fixes": [
                {"signal": "relevant", "advice": "Answer the question."},
                {"signal": "x", "advice": "Be <brief>."},
            ],
        },
    }
    markdown = MarkdownFormatter().render(_with_answer("An answer.", feedback))
    assert (
        "- **Verdict:** Not yet: this would not pass as it stands\n"
        "- **Next time:**\n"
        "  - Answer the question.\n"
        "  - Be \\<brief\\>.\n"
    ) in markdown
    assert "- **STAR:** not judged: an explanation\n" in markdown
    assert "- **On the question:** no: no point is ticked\n" in markdown
    html = HtmlFormatter().render(_with_answer("An answer.", feedback))
    assert "<li><strong>Next time:</strong>\n<ul>\n<li>Answer the question.</li>\n<li>Be &lt;brief&gt;.</li>\n" in html


def test_evidence_is_shown_only_for_covered_points() -> None:
    guidance = [{"point": "Name the parts: modalities, archive, viewers", "covered": False, "evidence": ["stray"]}]
    for name in ("md", "html"):
        assert "stray" not in FORMATS[name].render(_with_answer("An answer.", {**FEEDBACK, "guidance": guidance}))


def test_a_point_saved_with_its_cues_is_shown_by_its_text_and_ticked() -> None:
    session = known_session()
    first = dict(session.questions[0])
    first["how_to_answer"] = [{"point": "Name the parts: modalities, archive, viewers", "look_for": ["archive"]}]
    cued = SessionRecord(
        session.id,
        session.started_at,
        session.ended_at,
        session.status,
        session.settings,
        (first,),
        session.answers[:1],
    )
    markdown = MarkdownFormatter().render(cued)
    assert "- ✓ Name the parts: modalities, archive, viewers\\\n" in markdown
    assert "look_for" not in markdown and "look_for" not in HtmlFormatter().render(cued)


def with_verdict(session: SessionRecord, grade: object) -> SessionRecord:
    """The known session with a verdict in its answer's feedback, and a pipe in its first question."""
    answer = session.answers[0]
    feedback = {**(answer.feedback or {}), "verdict": {"grade": grade, "fixes": []}}
    first = {**session.questions[0], "question": "Which | wins,\nA or B?"}
    return replace(
        session,
        questions=(first, *session.questions[1:]),
        answers=(replace(answer, feedback=feedback), *session.answers[1:]),
    )


def test_the_summary_gains_a_verdict_column_when_an_answer_has_a_verdict() -> None:
    session = with_verdict(known_session(), "close")
    markdown = MarkdownFormatter().render(session)
    assert "| # | Question | Verdict | Flags | Rating | Time |\n| --: | --- | --- | --- | --- | --: |\n" in markdown
    assert "| 1 | Which \\| wins, A or B? | close | blame, vague | good | 1m 35s |\n" in markdown
    assert "| 2 | Question mid-downtime? | - | - | skipped | 4s |\n" in markdown
    html = HtmlFormatter().render(session)
    assert "<th>Question</th><th>Verdict</th><th>Flags</th>" in html
    assert '<td class="question">Which | wins, A or B?</td>\n<td data-label="Verdict">close</td>' in html
    summary = json.loads(JsonFormatter().render(session))["summary"]
    assert [row["verdict"] for row in summary] == ["close", None, None]
    assert list(summary[0]) == ["number", "id", "question", "state", "verdict", "flags", "rating", "seconds"]


def test_a_verdict_of_another_shape_is_no_verdict() -> None:
    markdown = MarkdownFormatter().render(with_verdict(known_session(), ["strong"]))
    assert "| # | Question | Flags | Rating | Time |" in markdown


def test_the_summary_comes_before_the_first_question() -> None:
    for name, marker in (("md", "## Summary"), ("html", '<h2 class="summary-title">Summary</h2>')):
        text = FORMATS[name].render(known_session())
        assert text.index("Average rating") < text.index(marker) < text.index("What does a PACS do")


@pytest.mark.parametrize("name", ["md", "html", "json"])
def test_no_examples_leaves_the_guidance_out_and_the_answers_in(name: str) -> None:
    full = FORMATS[name].render(known_session())
    short = FORMATS[name].render(known_session(), examples=False)
    assert "Radiologists read them" in full and "Point one of mid-downtime" in full
    assert "Radiologists read them" not in short and "Point one of mid-downtime" not in short
    assert "Why mid-downtime is asked" in short  # the question's introduction stays
    assert "red" in short and "indented" in short  # the candidate's words stay
    assert len(short) < len(full)


def test_no_examples_json_keeps_every_other_key() -> None:
    data = json.loads(JsonFormatter().render(known_session(), examples=False))
    first = data["questions"][0]
    assert "example_answer" not in first and "how_to_answer" not in first and "what_not_to_say" not in first
    assert first["question"] == "What does a PACS do, and where does <b>DICOM</b> fit?"
    assert first["answer"]["feedback"]["red_flags"][0]["point"] == "- It's *just* storage"  # feedback is kept


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


def test_a_draft_is_a_draft_in_the_summary() -> None:
    session = known_session()
    draft = replace(session.answers[1], answer="Half an answer", skipped=False, draft=True)
    rows = view.summary_rows(replace(session, answers=(session.answers[0], draft)))
    assert [(row.state, row.rating, row.flags_text, row.verdict) for row in rows][1] == ("draft", "draft", "-", None)
