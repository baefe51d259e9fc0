"""A user's corrections applied to a report: reject, mark, relabel, confirm, frame."""

from __future__ import annotations

from analysis.corrections import Correction, apply_corrections
from analysis.report import ArticleReport
from analysis.scoring import analyze

TITLE = "Thugs run riot"
BODY = (
    "A mob of thugs brought the city to its knees on Thursday. "
    "The council met on Friday to discuss repairs. "
    "“These thugs are a disgrace,” said Interior Minister Dana Holt."
)


def _report() -> ArticleReport:
    return analyze(TITLE, BODY)


def _shown(report: ArticleReport) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in report.highlighted()]


def _offsets(report: ArticleReport, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = report.text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_reject_removes_the_highlight_and_recounts_density() -> None:
    report = _report()
    thugs = [s for s in report.highlighted() if s.text.lower() == "thugs" and s.voice == "outlet"]
    assert thugs, _shown(report)
    target = thugs[0]
    corrected = apply_corrections(report, [Correction("reject", target.start, target.end)])
    assert (target.start, target.end) not in {(s.start, s.end) for s in corrected.highlighted()}
    assert corrected.scores["loaded"] == report.scores["loaded"] - 1
    assert corrected.scores["loaded_per_100_words"] < report.scores["loaded_per_100_words"]
    assert corrected.extra["rejected"][0]["text"] == target.text
    # The quoted "thugs" is the minister's and untouched by rejecting the outlet's.
    assert any(s.voice == "quoted" and s.text == "thugs" for s in corrected.highlighted())


def test_add_marks_a_missed_phrase_in_the_right_voice() -> None:
    report = _report()
    start, end = _offsets(report, "to discuss repairs")
    corrected = apply_corrections(
        report, [Correction("add", start, end, label="euphemism", note="softens the damage")]
    )
    [added] = [s for s in corrected.highlighted() if s.start == start]
    assert added.text == "to discuss repairs"
    assert (added.label, added.voice, added.score) == ("euphemism", "outlet", 1.0)
    assert "Marked by you as euphemism: softens the damage" in added.why
    start, end = _offsets(report, "disgrace")
    quoted = apply_corrections(report, [Correction("add", start, end, label="emotional")])
    [mark] = [s for s in quoted.highlighted() if s.start == start and s.label == "emotional"]
    assert mark.voice == "quoted"
    assert mark.speaker
    assert "Holt" in mark.speaker


def test_relabel_replaces_the_category_and_a_later_reject_wins() -> None:
    report = _report()
    target = report.highlighted()[0]
    relabel = Correction("add", target.start, target.end, label="exaggeration")
    corrected = apply_corrections(report, [relabel])
    same = [s for s in corrected.highlighted() if (s.start, s.end) == (target.start, target.end)]
    assert [s.label for s in same] == ["exaggeration"]
    gone = apply_corrections(report, [relabel, Correction("reject", target.start, target.end)])
    assert (target.start, target.end) not in {(s.start, s.end) for s in gone.highlighted()}


def test_accept_keeps_a_weak_candidate_shown() -> None:
    report = _report()
    threshold = report.scores["loaded_threshold"]
    weak = [s for s in report.spans if s.layer == "loaded" and s.score < threshold]
    if not weak:  # every candidate is shown: confirming one must keep it shown
        weak = report.highlighted()
    target = weak[0]
    corrected = apply_corrections(report, [Correction("accept", target.start, target.end)])
    assert (target.start, target.end) in {(s.start, s.end) for s in corrected.highlighted()}


def test_frame_correction_sets_the_sentence_frame() -> None:
    report = _report()
    sentence = report.sentences[2]
    corrected = apply_corrections(
        report, [Correction("frame", sentence.start, sentence.start + 1, label="crime")]
    )
    assert corrected.sentences[2].frame == "crime"
    cleared = apply_corrections(
        corrected, [Correction("frame", sentence.start, sentence.start + 1, label="none")]
    )
    assert cleared.sentences[2].frame is None


def test_out_of_range_corrections_are_ignored_and_json_round_trips() -> None:
    report = _report()
    assert apply_corrections(report, [Correction("reject", 0, len(report.text) + 5)]) is report
    target = report.highlighted()[0]
    corrected = apply_corrections(report, [Correction("reject", target.start, target.end)])
    again = ArticleReport.from_json(corrected.to_json())
    assert again == corrected
    assert again.extra["corrections"][0]["action"] == "reject"
    assert "corrections" not in report.to_json()
