"""What the comparison view marks in each column, from a :class:`Comparison`.

Pure functions, no widgets: which sentence holds an offset, which sentences of the other
articles are its counterparts, and each article's wording contrasts and only-here sentences.
Offsets are Python ``str`` indices into each report's analysed text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.compare import Comparison, ContrastSide, OnlyHere, SentenceRef
from analysis.report import ArticleReport


@dataclass(frozen=True)
class ContrastMark:
    """One article's side of a wording contrast, with the other articles' wording."""

    side: ContrastSide
    others: tuple[ContrastSide, ...]


class Alignment:
    """Look-ups over one comparison: sentence groups, contrasts and only-here content.

    Parameters
    ----------
    comparison
        The comparison shown; ``article`` fields index its articles.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._group: dict[tuple[int, int], int] = {}
        for number, group in enumerate(comparison.aligned):
            for member in group.members:
                self._group.setdefault((member.article, member.sentence), number)
        self._starts = [[s.start for s in report.sentences] for report in comparison.articles]

    def group_of(self, article: int, sentence: int) -> int | None:
        """The aligned group holding ``sentence`` of ``article``, if it has one."""
        return self._group.get((article, sentence))

    def counterparts(self, article: int, sentence: int) -> list[SentenceRef]:
        """The sentences of the other articles aligned with ``sentence`` of ``article``."""
        group = self.group_of(article, sentence)
        if group is None:
            return []
        return [m for m in self.comparison.aligned[group].members if m.article != article]

    def sentence_at(self, article: int, offset: int) -> int | None:
        """The sentence of ``article`` containing ``offset``, if any."""
        report = self.comparison.articles[article]
        index = bisect_right(self._starts[article], offset) - 1
        if index >= 0 and offset < report.sentences[index].end:
            return index
        return None

    def sentence_from(self, article: int, offset: int) -> int | None:
        """The sentence containing ``offset`` or, between sentences, the next one."""
        index = bisect_right(self._starts[article], offset) - 1
        sentences = self.comparison.articles[article].sentences
        if index >= 0 and offset < sentences[index].end:
            return index
        return index + 1 if index + 1 < len(sentences) else None

    def contrasts_in(self, article: int) -> list[ContrastMark]:
        """``article``'s sides of the wording contrasts, in text order."""
        marks = [
            ContrastMark(side, tuple(s for s in contrast.sides if s.article != article))
            for contrast in self.comparison.contrasts
            for side in contrast.sides
            if side.article == article
        ]
        return sorted(marks, key=lambda mark: (mark.side.start, mark.side.end))

    def only_here(self, article: int) -> list[OnlyHere]:
        """The sentences only ``article`` carries, in text order."""
        return sorted(
            (u for u in self.comparison.unique if u.article == article), key=lambda u: u.start
        )


def sentence_span(report: ArticleReport, sentence: int) -> tuple[int, int]:
    """The ``[start, end)`` offsets of one sentence of ``report``."""
    info = report.sentences[sentence]
    return info.start, info.end


def nearest(refs: Sequence[SentenceRef], offset: int) -> SentenceRef | None:
    """The sentence of ``refs`` starting closest to ``offset`` (where a column is now), so that
    a column with two counterparts moves as little as it can."""
    return min(refs, key=lambda ref: abs(ref.start - offset), default=None)
