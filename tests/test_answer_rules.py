"""The STAR, result, story, quantity and specifics rules: one clear-cut sentence per general pattern.

Each rule returns the words that satisfied it, so each case pins the exact words; the near misses pin
what a pattern must let pass. benchmarks/feedback_quality.py carries the quality figures.
"""

from __future__ import annotations

import pytest

from pacs_interview.feedback.answer_rules import (
    action,
    concrete_noun,
    ending_clearly_absent,
    quantity,
    result,
    situation,
    task,
    told_as_a_story,
)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("The one that comes to mind is a Tuesday when the archive filled up.", "The one that comes to mind"),
        ("Friday, just after five in the afternoon, the CT images stopped arriving.", "Friday,"),
        ("In my first few months I deleted the wrong node.", "In my first few months"),
        ("Three weeks into a new job, I got a call that the worklist was empty.", "Three weeks into"),
        ("We had exactly this at a clinic forty miles from the main campus.", "We had exactly this at a"),
        ("So the background is the trust had bought a new archive.", "the background is"),
        ("I was told in February to cut the storage bill.", "in February"),
        ("4 a.m., the index database ran out of space.", "4 a.m"),
        ("A ward sister once rang me about a missing chest film.", "sister once rang"),
        ("The queue got out of hand and nobody knew why.", "The queue got out of hand and nobody knew why."),
        ("After our EHR go-live, the team was exhausted.", "After our EHR go-live"),
        ("Situation: the archive was nearly full.", "Situation:"),
        ("At a regional trust where I worked, the backups were never tested.", "At a regional trust where"),
        ("Anyway, the last time, the study had already been reported.", "the last time"),
        ("I check the export log every Monday.", None),  # a routine, not a scene
        ("RPO is how much recent data can be lost.", None),  # a definition: the verb is modal
        ("She told me she wants to run a team one day.", None),  # looks ahead, not back
        ("Last time I checked, the archive kept everything.", None),  # "as far as I know"
        ("It'll be with him by Wednesday.", None),  # a promise, not a scene
        ("PACS stores images and the RIS sends the worklist.", None),
    ],
)
def test_situation(answer: str, phrase: str | None) -> None:
    assert situation(answer) == phrase


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("The plan was to move 30 radiologists onto speech recognition.", "The plan was"),
        ("So we agreed a goal: by her next appraisal she would run the service.", "agreed a goal"),
        (
            "I was the imaging informatics manager, accountable for the clinical side.",
            "I was the imaging informatics manager, accountable",
        ),
        ("I asked the CIO to make me the single owner.", "make me the single owner"),
        ("I needed to find where the images stopped.", "I needed to find"),
        ("The scanner had to be able to store to PACS by the morning.", "had to be able to store to PACS by the"),
        ("I took ownership of the problem.", "took ownership"),
        ("My job as the duty administrator was to restore the feed.", "My job as the duty administrator was"),
        ("Our agreed targets were two seconds for current studies.", "Our agreed targets were"),
        ("We set three goals for her first year.", "set three goals"),
        ("Keeping the archive safe was my responsibility.", "was my responsibility"),
        ("It landed on me to sort the routing out.", "landed on me"),
        ("I treat access control as part of my job.", "part of my job"),
        ("I was supposed to move one study to another patient.", "I was supposed to"),
        ("I had perhaps forty minutes before the first incision.", "I had perhaps forty minutes before"),
        ("So we made it a shared goal: he would run the service.", "made it a shared goal"),
        ("My part was to give them evidence, not a conclusion.", "My part was to"),
        ("I was primary on-call that week, so it was my ticket.", "I was primary on-call"),
        ("So I was the project lead for the new PET/CT.", "I was the project lead for"),
        ("The first patients were booked for 8 the next morning.", "booked for 8"),
        ("I had to admit it was my change.", None),  # a confession, not a duty
        ("The ward wanted the films before a clinic at noon, so I had two hours.", "before a clinic"),
        ("The list started at one, so I had forty minutes.", "I had forty minutes"),
        ("Last year I chaired the incident review.", "I chaired the incident review"),
        ("My senior let me do the connection while she watched.", "let me do"),
        ("I had two children at home then.", None),  # a count, not time to do something in
        ("I led by example and stayed late.", None),  # leading, but no piece of work
        ("Nobody had asked me to look at the exceptions queue.", None),  # a duty denied
        ("Security is not part of my job.", None),
        ("Each control gets a named owner in my team.", None),
        ("The job was paused.", None),  # a batch job, not the speaker's
    ],
)
def test_task(answer: str, phrase: str | None) -> None:
    assert task(answer) == phrase


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("Get both patients' details, then check in PACS whether it was reported.", "Get both"),
        ("The answer is in the files themselves: dump the header of a received file.", "dump the"),
        ("- On the scanner: check the job queue.", "check the"),
        ("Either the node is reconfigured or the studies are resent.", "is reconfigured"),
        ("Images are stored in DICOM format.", None),  # how a system works, not a step
    ],
)
def test_action_as_instruction_or_procedure(answer: str, phrase: str | None) -> None:
    assert action(answer) == phrase


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("The end result first: the clinic had its X-rays back on screen.", "The end result first:"),
        ("It hasn't recurred.", "hasn't recurred"),
        ("I told one no and that was the end of it.", "that was the end of it"),
        ("We had a case where it failed, and adding it fixed it straight away.", "fixed it"),
        ("The radiographers were able to carry on scanning.", "were able to carry"),
        ("Since then we've had no repeats.", "Since then we've had no"),
        ("We got the median load time down to 2 seconds.", "got the median load time down to 2"),
        ("In the end we found 9% without touching staff.", "In the end"),
        ("We saved 12% of the support budget.", "saved 12%"),
        ("All three copies agreed within about an hour.", "agreed within about an hour"),
        ("The new prefetch rule went in, and priors opened at once.", "went in"),
        ("The retest came in at five hours.", "came in at"),
        ("He was annoyed, but he dropped it.", "he dropped it"),
        ("Morale picked up after a month.", "picked up after"),
        ("We traced it to a routing rule and it's been green since.", "been green since"),
        ("Nothing was lost.", "Nothing was lost"),
        ("Repeat exposures went to zero.", "went to zero"),
        ("The studies were resent and all opened in 3D.", "all opened in 3D"),
        ("Not everybody was happy, so I listened.", None),  # an ending denied
        ("I fixed the typo, then logged a ticket.", None),  # fixing a thing is a step; the ending is what it did
        ("I've found it works best when the team owns the change.", None),  # advice
        ("We copied the studies by year and modality.", None),  # "by year" is an order, not a milestone
        ("We agreed to deliver the move within six weeks.", None),  # a promise
        ("If it has been reported, the radiologist needs to be told.", None),  # supposed, not told
        ("Since then we've written an access policy.", None),  # more actions, no outcome
        ("The C-FIND got nothing back for MRI.", None),
        ("I agreed a big-bang go-live to hit the financial year-end.", None),  # a goal
    ],
)
def test_result(answer: str, phrase: str | None) -> None:
    assert result(answer) == phrase


def test_a_result_is_looked_for_from_a_share_of_the_text_on() -> None:
    story = "The retest came in at five hours. I rang the vendor. I logged it. I told the manager."
    assert result(story) == "came in at"
    assert result(story, from_share=0.5) is None  # the words of an outcome in the opening are not its ending
    assert result(story + " Nothing was lost.", from_share=0.5) == "Nothing was lost"


@pytest.mark.parametrize(
    ("answer", "recounts"),
    [
        ("I checked the logs.", True),
        ("The job was paused.", True),
        ("I'd put a note on the ticket saying what I did.", False),  # "what I did" tells nothing
        ("The affected studies are resent.", False),  # a procedure, not a past event
        ("I set clear expectations for the team.", False),  # "set" reads as the present too
        ("I'd check the logs, then I'd ring the vendor, as I checked last time.", False),  # a plan, one step told
        ("I checked the logs and I rang the vendor; I'd do the same again.", True),
    ],
)
def test_a_story_needs_a_past_step_and_no_more_plans_than_steps(answer: str, recounts: bool) -> None:
    assert told_as_a_story(answer) is recounts


@pytest.mark.parametrize(
    ("words", "concrete"),
    [
        ("it gets tested regularly", False),  # one step word names nothing that was tested
        ("they escalate everything and then escalate again", False),  # the same step twice
        ("we replaced the pacs and escalated the worst", True),  # two different steps
        ("i restarted the workstation", True),  # a concrete thing
    ],
)
def test_concrete_needs_a_thing_or_two_steps(words: str, concrete: bool) -> None:
    assert concrete_noun(words.split()) is concrete


def test_a_number_followed_by_a_little_word_counts_nothing() -> None:
    assert quantity("the port is often 11112 or 104 rather than whatever someone assumed") is None
    assert quantity("it took about 40 minutes") == "40 minutes"


@pytest.mark.parametrize(
    ("answer", "absent"),
    [
        ("The scanner went quiet. I checked the AE title. I rang the vendor. I logged a ticket.", True),
        ("It was late. I rang the vendor.", True),
        # near misses: a word of an ending, a change or a feeling about it in the closing sentence
        ("The scanner went quiet. I checked the AE title. I rang the vendor. Images flowed again after that.", False),
        ("The scanner went quiet. I checked the AE title. I rang the vendor. Queue time fell 40%.", False),
        ("The scanner went quiet. I rang the vendor. The radiologists were relieved.", False),
        ("The scanner went quiet. I rang the vendor. Everyone could read by nine.", False),
        # an ending told before the closing sentence does not count
        ("The scanner went quiet. It was fixed by noon. I rang the vendor. I logged a ticket.", True),
        ("It was fixed by noon. The scanner went quiet. I checked the AE title. I rang the vendor.", True),
    ],
)
def test_an_ending_is_clearly_absent_only_with_no_ending_word_in_the_closing_sentence(
    answer: str, absent: bool
) -> None:
    assert ending_clearly_absent(answer) is absent
