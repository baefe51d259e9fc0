"""The articles side by side: rows of sentences, aligned passages on one row.

Each column reads its article from start to end, every sentence exactly once and in order.
An aligned group of the comparison becomes one numbered row (a *passage*) when its sentences
can sit side by side without breaking any column's order; the sentences between passages go
in unnumbered rows of their own. A member of a group that would have to jump back or forward
stays in its place and is marked "≈ passage N" instead.

Pure functions over analysis records, so the layout is tested without Qt and shared by the PDF
and HTML renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.compare import AlignedGroup, Comparison
from analysis.report import ArticleReport, Span


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a sentence's text, highlighted when ``span`` is set."""

    text: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence as a column shows it.

    ``new_paragraph``: the article starts a paragraph here (not at the top of a cell).
    ``only_here``: no other article has this content. ``also_passage``: the sentence belongs
    to aligned passage N, shown on another row.
    """

    article: int
    index: int
    start: int
    end: int
    pieces: tuple[Piece, ...]
    new_paragraph: bool = False
    only_here: bool = False
    also_passage: int | None = None

    @property
    def text(self) -> str:
        """The sentence's text."""
        return "".join(piece.text for piece in self.pieces)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the side-by-side: a cell (a run of sentences, maybe empty) per article.

    ``passage`` numbers aligned rows from 1 (``None`` for the sentences between them);
    ``group`` is the index of the aligned group in :attr:`Comparison.aligned`.
    """

    passage: int | None
    group: int | None
    headline: bool
    cells: tuple[tuple[SentenceView, ...], ...]


@dataclass(frozen=True, slots=True)
class _Slots:
    """Index-level layout: per row, the sentence indices of each article."""

    group: int | None
    cells: tuple[tuple[int, ...], ...]


def shown_spans(report: ArticleReport) -> list[Span]:
    """The loaded-language highlights shown by default, without overlaps (the earlier and
    longer span wins, as in the window)."""
    shown: list[Span] = []
    last_end = -1
    for span in sorted(report.highlighted(), key=lambda s: (s.start, -s.end)):
        if span.start >= last_end:
            shown.append(span)
            last_end = span.end
    return shown


def sentence_ranges(report: ArticleReport) -> list[tuple[int, int]]:
    """Display ranges of the report's sentences, covering the whole text.

    A sentence runs to the start of the next (the splitter may leave characters between
    them), trailing white space trimmed; headline sentences stop at the end of the title.
    Reports without sentences (a language the analysis does not cover) give paragraphs.
    """
    text = report.text
    starts = [s.start for s in report.sentences]
    if not starts:
        return _paragraph_ranges(text)
    starts[0] = 0
    ranges = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        if start < report.body_start:
            end = min(end, len(report.title))
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        ranges.append((start, end))
    return ranges


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    ranges, position = [], 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = position + block.index(stripped)
            ranges.append((start, start + len(stripped)))
        position += len(block) + 2
    return ranges


def pieces(text: str, start: int, end: int, spans: Sequence[Span]) -> tuple[Piece, ...]:
    """``text[start:end]`` cut into plain and highlighted runs (spans clipped to the range)."""
    found: list[Piece] = []
    position = start
    for span in spans:
        lo, hi = max(span.start, position), min(span.end, end)
        if lo >= hi:
            continue
        if lo > position:
            found.append(Piece(text[position:lo]))
        found.append(Piece(text[lo:hi], span))
        position = hi
    if position < end:
        found.append(Piece(text[position:end]))
    return tuple(found)


def _members(group: AlignedGroup, articles: int) -> list[list[int]]:
    per: list[list[int]] = [[] for _ in range(articles)]
    for member in group.members:
        if 0 <= member.article < articles:
            per[member.article].append(member.sentence)
    return [sorted(set(s)) for s in per]


def _runs(
    members: Sequence[Sequence[int]], last: Sequence[int], counts: Sequence[int]
) -> dict[int, tuple[int, ...]]:
    """Each article's cell for a group: its first member after what is placed, and the members
    right after it (a cell is a run of consecutive sentences)."""
    cells: dict[int, tuple[int, ...]] = {}
    for article, sentences in enumerate(members):
        later = [s for s in sentences if last[article] < s < counts[article]]
        if not later:
            continue
        run = [later[0]]
        for sentence in later[1:]:
            if sentence == run[-1] + 1:
                run.append(sentence)
        cells[article] = tuple(run)
    return cells


def _skipped(article: int, start: int, last: Sequence[int], anchors: set[tuple[int, int]]) -> int:
    """Sentences of other unplaced groups a cell starting at ``start`` would push aside."""
    return sum((article, s) in anchors for s in range(last[article] + 1, start))


def _slots(comparison: Comparison, counts: Sequence[int]) -> list[_Slots]:
    """Rows of sentence indices: passages where order allows, the rest between them.

    Greedy, one passage at a time: of the groups that can be placed without pushing another
    group's sentences aside (members that would are left out of the row), the one nearest
    the top of the articles; when none can, the one that pushes the fewest aside.
    """
    articles = len(counts)
    last = [-1] * articles
    rows: list[_Slots] = []
    members = [_members(g, articles) for g in comparison.aligned]
    unplaced = set(range(len(members)))
    while unplaced:
        anchors = {(a, s) for g in unplaced for a, ss in enumerate(members[g]) for s in ss}
        best: tuple[tuple[int, float, int], dict[int, tuple[int, ...]]] | None = None
        for group in unplaced:
            own = {(a, s) for a, ss in enumerate(members[group]) for s in ss}
            others = anchors - own
            cells = _runs(members[group], last, counts)
            clean = {a: r for a, r in cells.items() if not _skipped(a, r[0], last, others)}
            if len(clean) >= 2:
                cost, chosen = 0, clean
            elif len(cells) >= 2:
                cost = sum(_skipped(a, r[0], last, others) for a, r in cells.items())
                chosen = cells
            else:
                continue
            place = sum(r[0] / max(counts[a], 1) for a, r in chosen.items()) / len(chosen)
            key = (cost, place, group)
            if best is None or key < best[0]:
                best = (key, chosen)
        if best is None:
            break
        (_cost, _place, group), cells = best
        unplaced.discard(group)
        gap = tuple(
            tuple(range(last[a] + 1, cells[a][0])) if a in cells else () for a in range(articles)
        )
        if any(gap):
            rows.append(_Slots(None, gap))
        rows.append(_Slots(group, tuple(cells.get(a, ()) for a in range(articles))))
        for article, run in cells.items():
            last[article] = run[-1]
    rest = tuple(tuple(range(last[a] + 1, counts[a])) for a in range(articles))
    if any(rest):
        rows.append(_Slots(None, rest))
    return rows


def side_by_side(comparison: Comparison, *, highlights: bool = True) -> list[Row]:
    """The rows of the side-by-side view of ``comparison``.

    Parameters
    ----------
    comparison
        The comparison; its :attr:`~Comparison.articles` are the columns.
    highlights
        Whether sentences carry their loaded-language highlights (a worksheet has none).
    """
    reports = comparison.articles
    ranges = [sentence_ranges(r) for r in reports]
    # Paragraph-only ranges of an unanalysed article do not match its (empty) sentence list.
    counts = [len(r) for r in ranges]
    spans = [shown_spans(r) if highlights else [] for r in reports]
    slots = _slots(comparison, counts)
    passages = {}
    for slot in slots:
        if slot.group is not None:
            passages[slot.group] = len(passages) + 1
    placed = {
        (article, sentence)
        for slot in slots
        if slot.group is not None
        for article, cell in enumerate(slot.cells)
        for sentence in cell
    }
    elsewhere: dict[tuple[int, int], int] = {}
    for group, passage in passages.items():
        for member in comparison.aligned[group].members:
            key = (member.article, member.sentence)
            if key not in placed:
                elsewhere.setdefault(key, passage)
    only_here = {(u.article, u.sentence) for u in comparison.unique}

    def view(article: int, index: int) -> SentenceView:
        report = reports[article]
        start, end = ranges[article][index]
        previous_end = ranges[article][index - 1][1] if index else 0
        return SentenceView(
            article=article,
            index=index,
            start=start,
            end=end,
            pieces=pieces(report.text, start, end, spans[article]),
            new_paragraph="\n" in report.text[previous_end:start],
            only_here=(article, index) in only_here,
            also_passage=elsewhere.get((article, index)),
        )

    rows = []
    for slot in slots:
        cells = tuple(
            tuple(view(article, index) for index in cell) for article, cell in enumerate(slot.cells)
        )
        headline = all(
            view.start < reports[view.article].body_start for cell in cells for view in cell
        )
        rows.append(
            Row(
                passage=passages.get(slot.group) if slot.group is not None else None,
                group=slot.group,
                headline=headline,
                cells=cells,
            )
        )
    return rows


def passage_of_group(rows: Sequence[Row]) -> dict[int, int]:
    """Aligned group index -> passage number, for the groups that became rows."""
    return {row.group: row.passage for row in rows if row.group is not None and row.passage}
