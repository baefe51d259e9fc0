"""The side-by-side layout: every sentence once and in order, aligned passages on one row."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from analysis.compare import AlignedGroup, Comparison, SentenceRef
from analysis.report import ArticleReport, SentenceInfo, Span
from export.columns import pieces, shown_spans, side_by_side
from export.records import ComparisonExport


def _report(article: int, sentences: int) -> ArticleReport:
    title = f"Headline {article}"
    body_sentences = [f"Sentence {n} of article {article}." for n in range(1, sentences)]
    text = title + "\n\n" + " ".join(body_sentences)
    infos, position = [SentenceInfo(0, len(title), "outlet", None)], len(title) + 2
    for sentence in body_sentences:
        infos.append(SentenceInfo(position, position + len(sentence), "outlet", None))
        position += len(sentence) + 1
    return ArticleReport(
        title=title,
        text=text,
        language="en",
        available=True,
        scores={"loaded_threshold": 0.3},
        frames={},
        sentences=tuple(infos),
        spans=(),
        speakers=(),
        actor_tone={},
        versions={},
    )


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    counts = draw(st.lists(st.integers(1, 9), min_size=2, max_size=4))
    reports = [_report(i, n) for i, n in enumerate(counts)]
    groups = []
    for _ in range(draw(st.integers(0, 8))):
        members = set()
        for article, count in enumerate(counts):
            for sentence in draw(st.sets(st.integers(0, count - 1), max_size=2)):
                members.add((article, sentence))
        if len({a for a, _s in members}) >= 2:
            # Offsets and text are not used by the layout.
            refs = tuple(SentenceRef(a, s, 0, 0, "") for a, s in sorted(members))
            groups.append(AlignedGroup(0.5, refs))
    return Comparison(tuple(reports), tuple(groups), (), (), (), (), ())


@given(comparisons())
def test_each_column_reads_its_article_once_in_order(comparison: Comparison) -> None:
    rows = side_by_side(comparison)
    for article, report in enumerate(comparison.articles):
        shown = [view.index for row in rows for view in row.cells[article]]
        assert shown == list(range(len(report.sentences)))
        text = " ".join(view.text for row in rows for view in row.cells[article])
        assert text.split() == report.text.split()
    passages = [row.passage for row in rows if row.passage]
    assert passages == list(range(1, len(passages) + 1))
    for row in rows:
        if row.passage:
            assert sum(1 for cell in row.cells if cell) >= 2
            members = {(m.article, m.sentence) for m in comparison.aligned[row.group].members}
            assert {(v.article, v.index) for cell in row.cells for v in cell} <= members


def test_demo_story_aligns_the_arrests_and_keeps_every_group(
    demo_export: ComparisonExport,
) -> None:
    rows = side_by_side(demo_export.comparison)
    assert rows[0].headline
    assert rows[0].passage == 1
    assert all(len(cell) == 1 for cell in rows[0].cells)
    arrests = next(
        row for row in rows if any("troublemakers" in v.text for c in row.cells for v in c)
    )
    texts = [" ".join(v.text for v in cell) for cell in arrests.cells]
    assert arrests.passage is not None
    assert texts[0].startswith("Seven people were arrested")
    assert "seven troublemakers were arrested" in texts[1]
    assert texts[2].startswith("Seven marchers were bundled")
    placed = {row.group for row in rows if row.passage}
    assert placed == set(range(len(demo_export.comparison.aligned)))


def test_only_here_and_elsewhere_marks(demo_export: ComparisonExport) -> None:
    views = [v for row in side_by_side(demo_export.comparison) for c in row.cells for v in c]
    sorrell = next(v for v in views if "Lina Sorrell" in v.text)
    assert sorrell.only_here
    assert sorrell.article == 0
    marked = [v for v in views if v.also_passage]
    assert marked, "a group member that cannot sit on its row points to it"
    for view in marked:
        group = next(
            row.group
            for row in side_by_side(demo_export.comparison)
            if row.passage == view.also_passage
        )
        members = demo_export.comparison.aligned[group].members
        assert (view.article, view.index) in {(m.article, m.sentence) for m in members}


def _span(start: int, end: int, text: str, score: float = 0.9, label: str = "labelling") -> Span:
    return Span(start, end, text[start:end], "loaded", label, score, "outlet", None, "why")


def test_pieces_cover_the_sentence_and_clip_highlights() -> None:
    text = "A mob of militant dockers marched."
    spans = [_span(2, 5, text), _span(9, 17, text), _span(26, 40, text + " More text")]
    found = pieces(text, 0, len(text), spans)
    assert "".join(p.text for p in found) == text
    assert [p.text for p in found if p.span] == ["mob", "militant", "marched."]


def test_shown_spans_are_the_highlighted_ones_without_overlaps(
    demo_export: ComparisonExport,
) -> None:
    report = demo_export.articles[1].report
    shown = shown_spans(report)
    assert all(a.end <= b.start for a, b in itertools.pairwise(shown))
    threshold = report.scores["loaded_threshold"]
    assert all(s.layer == "loaded" and s.score >= threshold for s in shown)
    assert "troublemakers" in {s.text for s in shown}
    plain = side_by_side(demo_export.comparison, highlights=False)
    assert not any(p.span for row in plain for c in row.cells for v in c for p in v.pieces)
