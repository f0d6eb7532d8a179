"""The verdict's grades and how a candidate reads each. No imports: transcripts read these without the engine."""

STRONG = "strong"
CLOSE = "close"
NOT_YET = "not-yet"
GRADES = (STRONG, CLOSE, NOT_YET)
GRADE_TEXT = {
    STRONG: "Strong: an interviewer would be satisfied",
    CLOSE: "Close: sound, but missing something that matters",
    NOT_YET: "Not yet: this would not pass as it stands",
}
