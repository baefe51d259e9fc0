"""What the comparison view marks, computed without widgets."""

from __future__ import annotations

from analysis.compare import (
    AlignedGroup,
    Comparison,
    Contrast,
    ContrastSide,
    OnlyHere,
    SentenceRef,
)
from analysis.report import ArticleReport, SentenceInfo
from gui.alignment import Alignment, nearest


def _report(text: str, bounds: list[tuple[int, int]]) -> ArticleReport:
    return ArticleReport(
        title=text.split("\n")[0],
        text=text,
        language="en",
        available=True,
        scores={},
        frames={},
        sentences=tuple(SentenceInfo(s, e, "outlet", None) for s, e in bounds),
        spans=(),
        speakers=(),
        actor_tone={},
        versions={},
    )


def _comparison() -> Comparison:
    a = _report("Strike\n\nDockers marched. Police came. Cranes stop.", [(0, 6), (8, 24), (25, 37)])
    b = _report("Walkout\n\nA mob rampaged. Police came.", [(0, 7), (9, 24), (25, 37)])
    return Comparison(
        articles=(a, b),
        aligned=(
            AlignedGroup(0.5, (SentenceRef(0, 0, 0, 6, "Strike"), SentenceRef(1, 0, 0, 7, "W"))),
            AlignedGroup(
                0.6,
                (
                    SentenceRef(0, 1, 8, 24, "Dockers marched."),
                    SentenceRef(1, 1, 9, 24, "A mob rampaged."),
                    SentenceRef(1, 2, 25, 37, "Police came."),
                ),
            ),
        ),
        unique=(OnlyHere(0, 2, 25, 37, "Police came.", ("Police",)),),
        contrasts=(
            Contrast(
                1,
                (
                    ContrastSide(0, "Dockers marched", 8, 23, 0.0, None),
                    ContrastSide(1, "mob rampaged", 11, 23, 0.8, "labelling"),
                ),
            ),
        ),
        speakers=(),
        keyness=(),
        notable=(),
    )


def test_sentences_and_their_counterparts() -> None:
    alignment = Alignment(_comparison())
    assert alignment.sentence_at(0, 10) == 1
    assert alignment.sentence_at(0, 24) is None  # the space between two sentences
    assert alignment.sentence_from(0, 24) == 2  # ... belongs to the next for scrolling
    assert alignment.sentence_from(0, 99) is None
    assert [r.sentence for r in alignment.counterparts(0, 1)] == [1, 2]
    assert [r.sentence for r in alignment.counterparts(1, 2)] == [1]
    assert alignment.counterparts(0, 2) == []
    assert alignment.group_of(0, 0) == 0


def test_contrasts_and_only_here_per_article() -> None:
    alignment = Alignment(_comparison())
    [mark] = alignment.contrasts_in(1)
    assert mark.side.phrase == "mob rampaged"
    assert [o.phrase for o in mark.others] == ["Dockers marched"]
    assert [u.sentence for u in alignment.only_here(0)] == [2]
    assert alignment.only_here(1) == []


def test_nearest_counterpart_moves_a_column_least() -> None:
    refs = [SentenceRef(1, 1, 9, 24, "x"), SentenceRef(1, 2, 25, 37, "y")]
    assert nearest(refs, 30).sentence == 2
    assert nearest(refs, 0).sentence == 1
    assert nearest([], 5) is None
