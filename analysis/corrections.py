"""A user's corrections applied to an analysis: rejected highlights go, marked phrases come,
relabelled ones change category, and a sentence's frame can be set by hand.

The report that results is what every face shows (window, exports, comparisons) and what
"Retrain" learns from, so a teacher's correction is visible everywhere at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.report import ArticleReport, Span

#: What a correction can do.
ACTIONS = ("accept", "reject", "add", "frame")

#: The confidence given to a phrase the user marked or confirmed: as sure as it gets.
USER_SCORE = 1.0


@dataclass(frozen=True, slots=True)
class Correction:
    """One stored correction of ``text[start:end]`` of the analysed text.

    ``accept`` keeps a highlight whatever the sensitivity; ``reject`` removes the highlights
    inside the range; ``add`` marks the range with ``label`` (replacing highlights inside it,
    which is also how a highlight is relabelled); ``frame`` sets the frame (``label``) of the
    sentence that contains ``start``.
    """

    action: str
    start: int
    end: int
    layer: str = "loaded"
    label: str | None = None
    note: str = ""


def _inside(span: Span, correction: Correction) -> bool:
    return (
        span.layer == correction.layer
        and correction.start <= span.start
        and span.end <= correction.end
    )


def _voice_at(report: ArticleReport, start: int, end: int) -> tuple[str, str | None]:
    """The voice of ``text[start:end]``: a quotation's speaker when it lies in one, else its
    sentence's voice when the sentence is reported speech, else the outlet's."""
    for span in report.spans:
        if span.layer == "quote" and span.start <= start and end <= span.end:
            return span.voice, span.speaker
    for sentence in report.sentences:
        if sentence.start <= start < sentence.end and sentence.voice == "reported":
            return sentence.voice, sentence.speaker
    return "outlet", None


def _why(label: str, note: str, *, confirmed: bool) -> str:
    what = "Confirmed by you" if confirmed else f"Marked by you as {label.replace('_', ' ')}"
    return f"{what}: {note}" if note else what


def _rescored(report: ArticleReport, spans: Sequence[Span]) -> dict[str, object]:
    """The loaded-language counts and densities of ``report.scores`` recounted over the
    corrected highlights (other scores do not depend on them)."""
    scores = dict(report.scores)
    threshold = float(scores.get("loaded_threshold", 0.0))
    shown = [s for s in spans if s.layer == "loaded" and s.score >= threshold]
    own = sum(1 for s in shown if s.voice == "outlet")
    quoted = len(shown) - own
    words = int(scores.get("words", 0) or 0)
    outlet_words = int(scores.get("outlet_words", words) or 0)
    speaker_words = int(scores.get("speaker_words", max(words - outlet_words, 0)) or 0)
    scores["loaded"] = own
    scores["loaded_quoted"] = quoted
    scores["loaded_per_100_words"] = round(100.0 * own / outlet_words, 3) if outlet_words else 0.0
    scores["loaded_per_100_words_quoted"] = (
        round(100.0 * quoted / speaker_words, 3) if speaker_words else 0.0
    )
    return scores


def apply_corrections(report: ArticleReport, corrections: Sequence[Correction]) -> ArticleReport:
    """``report`` with ``corrections`` applied in order (a later one wins).

    Corrections whose offsets fall outside the text are ignored (the text they were made on
    has changed). The corrections applied are listed in ``report.extra["corrections"]`` and
    the highlights they removed in ``report.extra["rejected"]``, so an answer key or the
    window can show what the user changed.
    """
    if not corrections or not report.available:
        return report
    length = len(report.text)
    spans = list(report.spans)
    sentences = list(report.sentences)
    threshold = float(report.scores.get("loaded_threshold", 0.0))
    rejected: list[Span] = []
    applied: list[Correction] = []
    for correction in corrections:
        if not 0 <= correction.start < correction.end <= length:
            continue
        if correction.action == "reject":
            gone = [s for s in spans if _inside(s, correction)]
            rejected.extend(gone)
            spans = [s for s in spans if not _inside(s, correction)]
        elif correction.action == "accept":
            kept = []
            for span in spans:
                if _inside(span, correction):
                    span = replace(
                        span,
                        score=max(span.score, threshold, USER_SCORE),
                        label=correction.label or span.label,
                        why=f"{span.why} {_why(span.label, correction.note, confirmed=True)}.",
                    )
                kept.append(span)
            spans = kept
        elif correction.action == "add":
            if not correction.label:
                continue
            spans = [s for s in spans if not _inside(s, correction)]
            voice, speaker = _voice_at(report, correction.start, correction.end)
            spans.append(
                Span(
                    start=correction.start,
                    end=correction.end,
                    text=report.text[correction.start : correction.end],
                    layer=correction.layer,
                    label=correction.label,
                    score=USER_SCORE,
                    voice=voice,
                    speaker=speaker,
                    why=_why(correction.label, correction.note, confirmed=False) + ".",
                )
            )
        elif correction.action == "frame":
            frame = None if correction.label in (None, "", "none") else correction.label
            sentences = [
                replace(s, frame=frame) if s.start <= correction.start < s.end else s
                for s in sentences
            ]
        else:
            continue
        applied.append(correction)
    if not applied:
        return report
    spans.sort(key=lambda s: (s.start, -s.end, s.layer))
    extra = dict(report.extra)
    extra["corrections"] = [
        {
            "action": c.action,
            "start": c.start,
            "end": c.end,
            "layer": c.layer,
            "label": c.label,
            "note": c.note,
        }
        for c in applied
    ]
    extra["rejected"] = [
        {"start": s.start, "end": s.end, "text": s.text, "label": s.label} for s in rejected
    ]
    return replace(
        report,
        spans=tuple(spans),
        sentences=tuple(sentences),
        scores=_rescored(report, spans),
        extra=extra,
    )
