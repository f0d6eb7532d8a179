"""Blame and deflection: one clear-cut sentence per general pattern, and the near misses each must let pass.

The labelled corpus and benchmarks/feedback_quality.py carry the quality figures; these pin the patterns.
"""

from __future__ import annotations

import pytest

from pacs_interview.feedback.flag_rules import (
    DISOWNED,
    FAULT,
    HANDED_OVER,
    REPROACH,
    blame,
    blame_evidence,
    deflection,
    deflection_evidence,
)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        # a third party as the subject of a failure of duty or of misconduct
        ("At my last job the sonographers never followed the process.", "the sonographers never followed"),
        ("IT didn't help either: their training rooms were never ready.", "IT didn't help"),
        ("The project manager frankly had no idea about imaging.", "The project manager frankly had no idea"),
        ("The ultrasound team were careless and switched off mid-send.", "The ultrasound team were careless"),
        ("The consultants refuse to log out.", "The consultants refuse to"),
        # a whole group condemned at once
        ("Honestly, PACS vendors are all the same.", "PACS vendors are all the same"),
        ("Radiologists always shout about the viewer.", "Radiologists always shout"),
        # the failure said of nobody in a party, or wished undone
        ("Nobody in IT ever reads the change notes.", "Nobody in IT ever reads"),
        (
            "If the network team had bothered to test it, the link would have stayed up.",
            "If the network team had bothered",
        ),
        # the fault named as someone's
        ("It was entirely the RIS team's mistake.", "the RIS team's mistake"),
        ("The real culprit was the supplier's engineer.", "The real culprit was"),
        ("Our vendor, as usual, shipped a broken patch.", "Our vendor, as usual,"),
        # a cause laid on people, or a mess laid at their door
        (
            "The queue grew because the booking office kept adding work.",
            "because the booking office kept adding",
        ),
        ("Storage was a shambles thanks to the previous contractor.", "shambles thanks to the previous contractor"),
        ("Some consultants think the rules don't apply to them.", "think the rules don't apply"),
        ("They've known about it for years.", "They've known about it for years"),
        # reproach in the speaker's own words: contempt, neglect, or a stance word with a failure of theirs
        (
            "Honestly, the install crew had no idea what they were doing.",
            "Honestly, the install crew had no idea what they were doing.",
        ),
        ("Their release notes were a joke.", "Their release notes were a joke."),
        ("The old supplier dragged their feet on every extract.", "The old supplier dragged their feet"),
        ("As usual, the supplier never sent the notes.", "As usual, the supplier never sent the notes."),
        ("The vendor was the main reason.", "The vendor was the main reason"),
        ("The senior doctors were not at all willing to learn it.", "The senior doctors were not at all willing"),
        (
            "The server team pushed those patches with no change request.",
            "The server team pushed those patches with no",
        ),
        ("To be fair, nobody ever showed me how.", "nobody ever showed me"),
        ("That's the storage team for you.", "That's the storage team for you"),
        (
            "Whoever signed off on that line clearly never thought about priors.",
            "Whoever signed off on that line clearly never thought about priors.",
        ),
        (
            "My predecessor left a set-up that nobody asked us about.",
            "My predecessor left a set-up that nobody asked us about.",
        ),
        ("My predecessor had let the queue rot for a year.", "My predecessor had let the queue rot for a year."),
        ("Who signs off a cheap link for a hospital?", "Who signs off a cheap link for a hospital?"),
        (
            "More often than not it's user error, they open everything.",
            "More often than not it's user error, they open everything.",
        ),
        ("The supplier took ages to get back to us, as usual.", "The supplier took ages to get back to us, as usual."),
        # the fault traced to a party, the night's team, or nobody on their side
        ("The error really began with the booking clerk.", "error really began with the booking clerk"),
        ("That one was squarely on the storage people.", "That one was squarely on the storage people"),
        ("The day shift never read the handover.", "The day shift never read"),
        ("The late team had, as usual, ignored the alert.", "The late team had, as usual,"),
        ("No one at the supplier thought to warn us.", "No one at the supplier thought to warn"),
        ("They moved the port without checking with anybody.", "without checking with anybody"),
        # reproach: neglect idioms and words of contempt, in a sentence naming a party
        ("The desktop team sat on the request for a week.", "The desktop team sat on the request"),
        ("Their side sat on our ticket for a month.", "Their side sat on our ticket for a month."),
        ("Their links have always been dreadful.", "Their links have always been dreadful."),
    ],
)
def test_blame(answer: str, phrase: str) -> None:
    assert blame(answer) == phrase


@pytest.mark.parametrize(
    "answer",
    [
        "The radiographers never noticed any delay, because the scanner retried.",  # not a failure of duty
        "The vendor couldn't fix it remotely, so they sent an engineer.",  # inability is no fault
        "The problem was the network switch, which had a faulty port.",  # a diagnosis, not a person
        "Radiologists always want the prior next to the current study.",  # description, not grievance
        "It wasn't the network team's fault: a certificate had simply expired.",  # negated
        "She approved a change that caused an outage, and presented the lessons herself.",  # the change caused it
        "Retention is where people get it wrong, so every rule names its source.",  # advice
        "It was the last study on the list and the scanner had crashed.",  # "it" is not IT
        "Honestly, the vendor's engineer was brilliant and stayed until it worked.",  # a stance, but no failure
        "Frankly, I didn't know the answer, so I asked the vendor.",  # the failure is the speaker's own
        "Complaints have dropped, to be honest, since the managers joined the stand-up.",
        "The radiographers kept asking good questions about the worklist.",  # "kept" with no cause or fault
        "Users kept complaining, so I measured the load times.",  # a symptom reported, not a fault of theirs
        "The volume was never added to the backup job. Nobody's fault particularly.",
        "People asked me whether that was their fault, and I said we had changed the scope ourselves.",
        "Old studies move to the cheapest tier after two years, and the radiologists never notice.",
        # a thing judged, not a party: contempt words that can describe either need a party
        'I write the exact menu path, because "check the settings" is useless at three in the morning.',
        "The first draft of the runbook was sloppy, so I rewrote it.",
        "She had never sat on the change board before.",  # a seat, not neglect
        "The mistake started with my own typo in the AE title.",  # the speaker's own
    ],
)
def test_no_blame(answer: str) -> None:
    assert blame(answer) is None


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        # disowned outright
        ("That's not my job.", "not my job"),
        ("Mentoring is the team leader's job rather than mine.", "the team leader's job rather than mine"),
        ("Access requests go to the security office; I don't really get involved.", "I don't really get involved"),
        ("That's a question for the infrastructure people, not for me.", "not for me"),
        # put in another party's keeping
        ("A lot of that sits with information governance.", "sits with information governance"),
        ("If the scanner shows it failed, that's one for the CT vendor.", "that's one for the CT vendor"),
        ("If a restart doesn't sort it, it's a vendor job.", "it's a vendor job"),
        ("Honestly that's more of an IT thing than a PACS thing.", "that's more of an IT thing"),
        ("Security is IT's responsibility.", "is IT's responsibility"),
        ("The authentication side I'd leave to the EMR team.", "leave to the EMR team"),
        ("I'd just pass it to the vendor.", "just pass it to the vendor"),
        ("Deleting studies is for the records people to decide.", "for the records people to decide"),
        ("The interface engine is the integration team's baby.", "is the integration team's baby"),
        ("That's a decision for the clinical director.", "That's a decision for the clinical director"),
        ("I'd log it and leave those decisions with them.", "leave those decisions with them"),
        ("Reconciling orders? The registration people handle it.", "The registration people handle it"),
        ("HR run all of that.", "HR run all of that"),
        ("It wasn't really mine to decide.", "It wasn't really mine"),
        ("Fixing those isn't really us.", "Fixing those isn't really us"),
        # stepping back
        ("Once it's logged, I stay out of it.", "stay out of it"),
        ("I sat tight and waited to be told what to do.", "sat tight"),
        ("I'd tell the ward it's with them.", "it's with them"),
        ("Security is mainly handled by the IT security team.", "is mainly handled by the IT security team"),
        ("Hiring is mostly HR work.", "is mostly HR work"),
        ("Honestly, morale is really in HR's wheelhouse.", "in HR's wheelhouse"),
        ("If someone is struggling, that's between them and HR.", "between them and HR"),
        ("The legal side is for the compliance office.", "The legal side is for the compliance office"),
        ("I'd tell them it's their problem to solve.", "their problem to solve"),
        ("Honestly? That would be one for the CIO.", "That would be one for the CIO"),
        ("I wouldn't want to step on their toes.", "wouldn't want to step on their toes"),
        ("It was not under our control once it left the building.", "not under our control"),
        ("The firewall wasn't mine to change.", "wasn't mine to change"),
        ("That's their scanner, not ours.", "their scanner, not ours"),
        (
            "It is a supplier matter rather than anything we should be chasing.",
            "rather than anything we should be chasing",
        ),
        # a decision around the matter, not the thing disowned
        ("Questioning a decision made at board level isn't really my job.", "isn't really my job"),
    ],
)
def test_deflection(answer: str, phrase: str) -> None:
    assert deflection(answer) == phrase


@pytest.mark.parametrize(
    "answer",
    [
        # the speaker keeps hold of what another team owns
        "The firewall rule belonged to the network team, but I raised the change request and chased it.",
        "The printer isn't ours, so I'd log it on the office's behalf rather than just tell them to ring someone.",
        "The network is the infrastructure team's area, so I brought them in early and we ran the tests together.",
        "Infrastructure owns the network and the vendor owns the application, so I run a weekly session with both.",
        # not a hand-over at all
        "Each PACS keeps its own workflow, so the record doesn't belong to any one vendor.",
        "Assigning accession numbers is the RIS's job.",
        "It was my responsibility to get the router working again.",
        "I'd go and sit with two or three radiologists while they read.",
        "It's not my job to blame the radiographers; my job was to fix the process.",
        "They have a bigger team than mine.",
        "I knew within minutes it wasn't us.",  # a diagnosis
        "I stepped back and looked at the whole pipeline.",  # reflection, not withdrawal
        "The logs belong to the EHR team, so I worked through them together with their analyst.",
        "The network team handles it, but I chase the change until it is closed.",
        "That isn't my decision, but it is my job to feed it with the facts.",  # the work is kept
        "I gave the officer the facts, since deciding that sits with their office.",  # whose decision it is
    ],
)
def test_no_deflection(answer: str) -> None:
    assert deflection(answer) is None


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("It was the vendor's fault.", ("the vendor's fault", FAULT)),
        (
            "Honestly, the install crew had no idea what they were doing.",
            ("Honestly, the install crew had no idea what they were doing.", REPROACH),
        ),
        ("Their release notes were a joke.", ("Their release notes were a joke.", REPROACH)),
        ("The vendor shipped the fix the next day.", None),  # near miss: a vendor named, no fault
    ],
)
def test_blame_evidence_names_the_family_of_rule_that_found_it(answer: str, found: tuple[str, str] | None) -> None:
    assert blame_evidence(answer) == found


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("That's not my job.", ("not my job", DISOWNED)),
        ("A lot of that sits with information governance.", ("sits with information governance", HANDED_OVER)),
        # near miss: handed over while the speaker keeps hold of it
        ("It sits with the network team, but I raised the change and chased it daily.", None),
    ],
)
def test_deflection_evidence_names_the_family_of_rule_that_found_it(answer: str, found: tuple[str, str] | None) -> None:
    assert deflection_evidence(answer) == found
