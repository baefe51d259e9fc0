"""The comparison handout, the student worksheet and the answer key as ``QTextDocument``s.

Built with ``QTextCursor`` and formats, never from HTML: article text goes in as text (nothing
in it is interpreted), and highlights get Qt's own underline styles. Charts and the ruled
answer lines are inline objects painted by :mod:`export.charts` at print resolution, so they
stay vector drawings in the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPaintDevice,
    QPen,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from export import content
from export.charts import frame_chart_height, paint_frame_chart
from export.columns import Row, side_by_side
from export.content import FrameChart
from export.glossary import (
    category,
    frame_meaning,
    method_note,
    voice_meaning,
)
from export.palette import CATEGORIES, fill_of, ink_of, underline_of
from export.questions import Question, questions
from export.records import ComparisonExport

#: Document kinds and the titles running headers give them.
KINDS = {
    "comparison": "Comparison handout",
    "worksheet": "Student worksheet",
    "answer_key": "Answer key",
}

CHART_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
LINES_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 2
OBJECT_KEY = int(QTextFormat.Property.UserProperty) + 1

#: Type sizes in points: body text, then the article columns by number of articles.
BODY_POINTS = 9.5
COLUMN_POINTS = {2: 9.5, 3: 8.5, 4: 7.5}
#: Ruled answer lines, points apart.
LINE_SPACING = 22.0

_UNDERLINES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dashdot": QTextCharFormat.UnderlineStyle.DashDotLine,
    "dashdotdot": QTextCharFormat.UnderlineStyle.DashDotDotLine,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
}
_GREY = "#555555"
_RULE = "#A8A8A8"
_PASSAGE_SHADE = "#F1F1F1"
#: Marks in the columns: content only this article has; a sentence aligned elsewhere.
ONLY_HERE_MARK = "◆"
ELSEWHERE_MARK = "≈"


@dataclass(frozen=True)
class Options:
    """What a document kind shows."""

    highlights: bool
    marks: bool


_OPTIONS = {
    "comparison": Options(highlights=True, marks=True),
    "worksheet": Options(highlights=False, marks=False),
    "answer_key": Options(highlights=True, marks=True),
}


class _InlineObjects(QPyTextObject):
    """Paints the document's inline objects: frame charts and ruled answer lines."""

    def __init__(self, parent: QObject, family: str, dpi: float) -> None:
        super().__init__(parent)
        self.family = family
        self.charts: dict[int, FrameChart] = {}
        #: Device pixels per point: objects are sized in the layout's device units.
        self.unit = dpi / 72.0

    def intrinsicSize(self, document, _position, text_format) -> QSizeF:  # noqa: N802 (Qt)
        unit = self.unit
        width = document.pageSize().width() - 2 * document.documentMargin() - 2
        if text_format.objectType() == CHART_OBJECT:
            chart = self.charts[int(text_format.property(OBJECT_KEY))]
            return QSizeF(width, frame_chart_height(chart) * unit)
        lines = int(text_format.property(OBJECT_KEY))
        return QSizeF(width, lines * LINE_SPACING * unit)

    def drawObject(self, painter, rect, document, _position, text_format) -> None:  # noqa: N802
        if text_format.objectType() == CHART_OBJECT:
            chart = self.charts[int(text_format.property(OBJECT_KEY))]
            paint_frame_chart(painter, rect, chart, family=self.family)
            return
        unit = self.unit
        painter.save()
        painter.setPen(QPen(QColor(_RULE), 0.5 * unit))
        lines = int(text_format.property(OBJECT_KEY))
        for line in range(1, lines + 1):
            y = rect.top() + line * LINE_SPACING * unit - 4 * unit
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.restore()


def highlight_format(
    label: str, voice: str, base: QTextCharFormat | None = None
) -> QTextCharFormat:
    """The format of a highlight: the category's fill (own words only) and underline."""
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    if voice == "outlet":
        fmt.setBackground(QColor(fill_of(label)))
    fmt.setUnderlineStyle(_UNDERLINES[underline_of(label)])
    fmt.setUnderlineColor(QColor(ink_of(label)))
    return fmt


class _Builder:
    """Appends blocks, tables and objects to a document; sizes in points."""

    def __init__(self, document: QTextDocument, family: str, objects: _InlineObjects) -> None:
        self.document = document
        self.family = family
        self.objects = objects
        # Margins, padding and borders of formats are in CSS pixels (1/96 inch), which the
        # layout scales to the paint device; sizes here are in points.
        self.unit = 96 / 72
        self.cursor = QTextCursor(document)
        self._fresh = True
        #: Heading text -> block number, for the table of contents.
        self.headings: dict[str, int] = {}
        self._contents: tuple[QTextTable, list[str]] | None = None
        #: Block ranges to keep on one page: first, last, and whether only the top of the
        #: last counts (it is the empty block after a table).
        self.keep: list[tuple[int, int, bool]] = []

    # -- formats ----------------------------------------------------------------------------

    def char(
        self,
        points: float = BODY_POINTS,
        *,
        bold: bool = False,
        colour: str | None = None,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        # No ligatures: copied text would hold "ﬀ" instead of "ff".
        font.setFeature(QFont.Tag("liga"), 0)
        fmt.setFont(font)
        if colour:
            fmt.setForeground(QColor(colour))
        return fmt

    def block(
        self,
        *,
        top: float = 0,
        bottom: float = 4,
        indent: float = 0,
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top * self.unit)
        fmt.setBottomMargin(bottom * self.unit)
        if indent:
            fmt.setLeftMargin(indent * self.unit)
        return fmt

    # -- flow ---------------------------------------------------------------------------------

    def new_block(self, block: QTextBlockFormat, char: QTextCharFormat) -> None:
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._fresh:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self._fresh = False
        else:
            self.cursor.insertBlock(block, char)

    def paragraph(
        self,
        runs: str | Iterable[tuple[str, QTextCharFormat]],
        char: QTextCharFormat | None = None,
        block: QTextBlockFormat | None = None,
    ) -> None:
        char = char or self.char()
        self.new_block(block or self.block(), char)
        if isinstance(runs, str):
            runs = [(runs, char)]
        for text, fmt in runs:
            self.cursor.insertText(text, fmt)

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        """A heading; it moves to the next page with the block after it (no orphans)."""
        points = {0: 22.0, 1: 15.0, 2: 11.5}[level]
        block = self.block(top=0 if page_break else 10 + 4 * (level < 2), bottom=4)
        if page_break:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        block.setHeadingLevel(level + 1)
        self.paragraph(text, self.char(points, bold=True), block)
        number = self.cursor.blockNumber()
        self.keep.append((number, number + 1, False))
        self.headings.setdefault(text, number)

    def contents(self, titles: Sequence[str]) -> None:
        """A table of contents; :meth:`number_contents` fills in the pages after layout."""
        table = self.table(len(titles), [88, 12], header_rows=0, padding=1.5)
        for row, title in enumerate(titles):
            self.cell(table, row, 0).insertText(title, self.char(BODY_POINTS - 0.5))
        self._contents = (table, list(titles))

    def number_contents(self) -> None:
        """Write each contents entry's page number (the document must be laid out)."""
        if self._contents is None:
            return
        table, titles = self._contents
        page_height = self.document.pageSize().height()
        pages = []
        for title in titles:
            number = self.headings.get(title)
            if number is None:
                pages.append("")
                continue
            block = self.document.findBlockByNumber(number)
            # A pixel in: a heading after a page break starts on the very first one.
            top = _top_level_rect(self.document, block).top() + 1
            pages.append(str(int(top // page_height) + 1))
        # One edit block: the layout is redone once, not after every number.
        edit = QTextCursor(self.document)
        edit.beginEditBlock()
        for row, page in enumerate(pages):
            self.cell(table, row, 1).insertText(page, self.char(BODY_POINTS - 0.5))
        edit.endEditBlock()

    @contextmanager
    def together(self) -> Iterator[None]:
        """Blocks added inside stay on one page when they fit on one (see :func:`keep_together`)."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        first = self.cursor.blockNumber() + (0 if self._fresh else 1)
        yield
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        # After a table, the group ends where the (still empty) block after it begins.
        self.keep.append((first, self.cursor.blockNumber(), self._fresh))

    def note(self, text: str) -> None:
        self.paragraph(text, self.char(BODY_POINTS - 1, colour=_GREY))

    def table(
        self,
        rows: int,
        widths: Sequence[float],
        *,
        header_rows: int = 1,
        padding: float = 2.5,
    ) -> QTextTable:
        """A table with ``widths`` in per cent and hairline rules, after the last block."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = QTextTableFormat()
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
        )
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setHeaderRowCount(header_rows)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(padding * self.unit)
        fmt.setBorder(0.75 * self.unit)
        fmt.setBorderBrush(QColor(_RULE))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setTopMargin(4 * self.unit)
        fmt.setBottomMargin(6 * self.unit)
        table = self.cursor.insertTable(rows, len(widths), fmt)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        # The empty block Qt leaves after a table takes the next paragraph (no blank line).
        self._fresh = True
        return table

    def cell(
        self, table: QTextTable, row: int, column: int, *, shade: str | None = None
    ) -> QTextCursor:
        cell = table.cellAt(row, column)
        if shade:
            fmt = QTextTableCellFormat(cell.format().toTableCellFormat())
            fmt.setBackground(QColor(shade))
            cell.setFormat(fmt)
        return cell.firstCursorPosition()

    def object_run(self, kind: int, key: int) -> tuple[str, QTextCharFormat]:
        """An inline object as a run of text (U+FFFC with the object's format)."""
        fmt = QTextCharFormat()
        fmt.setObjectType(kind)
        fmt.setProperty(OBJECT_KEY, key)
        return "\ufffc", fmt

    def chart(self, chart: FrameChart) -> None:
        key = len(self.objects.charts) + 1
        self.objects.charts[key] = chart
        self.paragraph([self.object_run(CHART_OBJECT, key)], block=self.block(top=4, bottom=6))


# -- sections ------------------------------------------------------------------------------------


def _cover(b: _Builder, export: ComparisonExport, kind: str) -> None:
    heads = content.column_heads(export)
    b.paragraph(
        f"PARALLAX · {KINDS[kind].upper()}", b.char(8, bold=True, colour=_GREY), b.block(bottom=6)
    )
    b.paragraph(content.story_title(export), b.char(22, bold=True), b.block(bottom=4))
    facts = [f"{len(export.articles)} articles", ", ".join(h.outlet for h in heads)]
    dates = content.date_range(export)
    if dates:
        facts.insert(1, dates)
    b.paragraph(" · ".join(facts), b.char(11, colour=_GREY), b.block(bottom=10))
    table = b.table(len(heads) + 1, [4, 19, 42, 14, 13, 8])
    bold = b.char(BODY_POINTS - 0.5, bold=True)
    for column, name in enumerate(["", "Outlet", "Headline", "Author", "Date", "Words"]):
        b.cell(table, 0, column).insertText(name, bold)
    text = b.char(BODY_POINTS - 0.5)
    for row, (head, article) in enumerate(zip(heads, export.articles, strict=True), start=1):
        b.cell(table, row, 0).insertText(head.letter, b.char(12, bold=True))
        b.cell(table, row, 1).insertText(head.outlet, bold)
        b.cell(table, row, 2).insertText(head.title, text)
        b.cell(table, row, 3).insertText(head.author, text)
        b.cell(table, row, 4).insertText(content.date_text(article.published, short=True), text)
        b.cell(table, row, 5).insertText(f"{head.words:,}", text)
    glance = content.notable_lines(export)
    rows = side_by_side(export.comparison)
    passages = sum(1 for row in rows if row.passage)
    counts = (
        f"{passages} aligned passages, {len(export.comparison.contrasts)} wording contrasts, "
        f"{len(export.comparison.unique)} sentences only one article carries."
    )
    b.heading("At a glance", 2)
    b.paragraph(counts, block=b.block(bottom=3))
    for line in glance:
        b.paragraph(f"▲ {line}", block=b.block(bottom=2, indent=6))


def legend(b: _Builder, *, marks: bool) -> None:
    """Each category as it is highlighted, and what the fill and the marks mean."""
    small = b.char(BODY_POINTS - 0.5)
    runs: list[tuple[str, QTextCharFormat]] = [
        ("Highlights:  ", b.char(BODY_POINTS - 0.5, bold=True))
    ]
    for code in CATEGORIES:
        runs.append((category(code).name, highlight_format(code, "outlet", small)))
        runs.append(("   ", small))
    b.paragraph(runs, small, b.block(top=2, bottom=2))
    second: list[tuple[str, QTextCharFormat]] = [
        ("Filled: the outlet's own words. Underline only: a speaker's words, ", small),
        ("like this", highlight_format("emotional", "quoted", small)),
        (" (quoted or reported).", small),
    ]
    if marks:
        second.append(
            (
                f"   {ONLY_HERE_MARK} only this article has it.   "
                f"{ELSEWHERE_MARK}4 aligned with passage 4, shown on its own row.",
                small,
            )
        )
    b.paragraph(second, small, b.block(bottom=4))


def _sentence_runs(
    b: _Builder, cell: QTextCursor, views, options: Options, points: float, headline: bool
) -> None:
    plain = b.char(points, bold=headline)
    mark = b.char(points - 1, bold=True, colour=_GREY)
    first = True
    for view in views:
        if view.new_paragraph and not first:
            cell.insertBlock(b.block(top=3, bottom=0), plain)
        elif not first:
            cell.insertText(" ", plain)
        if options.marks and view.only_here:
            cell.insertText(ONLY_HERE_MARK + " ", mark)
        for piece in view.pieces:
            if piece.span is not None and options.highlights:
                cell.insertText(
                    piece.text, highlight_format(piece.span.label, piece.span.voice, plain)
                )
            else:
                cell.insertText(piece.text, plain)
        if options.marks and view.also_passage:
            cell.insertText(f" {ELSEWHERE_MARK}{view.also_passage}", mark)
        first = False


def articles_side_by_side(
    b: _Builder, export: ComparisonExport, rows: Sequence[Row], options: Options
) -> None:
    """The columns: a header row repeated on every page, a numbered row per passage."""
    count = len(export.articles)
    points = COLUMN_POINTS.get(count, 7.5)
    gutter = 5.0
    table = b.table(len(rows) + 1, [gutter] + [(100 - gutter) / count] * count, padding=3.0)
    for column, head in enumerate(content.column_heads(export), start=1):
        cursor = b.cell(table, 0, column)
        cursor.insertText(f"{head.letter} · {head.outlet}", b.char(points + 1, bold=True))
        if head.published:
            cursor.insertText(f"\n{head.published}", b.char(points - 1, colour=_GREY))
    for number, row in enumerate(rows, start=1):
        shade = _PASSAGE_SHADE if row.passage else None
        if row.passage:
            b.cell(table, number, 0, shade=shade).insertText(
                str(row.passage), b.char(points + 1, bold=True, colour=_GREY)
            )
        for article, views in enumerate(row.cells):
            cursor = b.cell(table, number, article + 1, shade=shade)
            _sentence_runs(b, cursor, views, options, points, row.headline)


def _side_text(b: _Builder, side: content.ContrastSide | None) -> list[tuple[str, QTextCharFormat]]:
    text = b.char(BODY_POINTS - 0.5)
    if side is None:
        return [("—", b.char(BODY_POINTS - 0.5, colour=_GREY))]
    if side.label:
        runs = [(side.phrase, highlight_format(side.label, side.voice, text))]
        runs.append((f"\n{category(side.label).name}", b.char(BODY_POINTS - 2, colour=_GREY)))
        return runs
    return [(side.phrase, text)]


def contrasts(b: _Builder, export: ComparisonExport, rows: Sequence[Row]) -> None:
    """Same content, different words: one row per contrast, a column per article."""
    found = content.contrast_rows(export, rows)
    b.heading("Same content, different words")
    b.note(
        "Inside aligned passages, the words one article uses where another uses different "
        "ones. The passage number points to the row of the side-by-side text."
    )
    if not found:
        b.paragraph("No wording contrasts were found between aligned passages.")
        return
    count = len(export.articles)
    table = b.table(len(found) + 1, [10] + [90 / count] * count)
    bold = b.char(BODY_POINTS - 0.5, bold=True)
    b.cell(table, 0, 0).insertText("Passage", bold)
    for column, head in enumerate(content.column_heads(export), start=1):
        b.cell(table, 0, column).insertText(f"{head.letter} · {head.outlet}", bold)
    for number, row in enumerate(found, start=1):
        b.cell(table, number, 0).insertText(
            str(row.passage) if row.passage else "—", b.char(BODY_POINTS - 0.5, colour=_GREY)
        )
        for article, side in enumerate(row.sides):
            cursor = b.cell(table, number, article + 1)
            for text, fmt in _side_text(b, side):
                cursor.insertText(text, fmt)


def only_here(b: _Builder, export: ComparisonExport) -> None:
    """Content one article carries and no other matches."""
    b.heading("Only in one article")
    b.note(
        "Sentences no other article matches: possible omissions in the others, or simply a "
        "different focus — evidence to discuss, not a verdict."
    )
    heads = content.column_heads(export)
    for article, head in enumerate(heads):
        items = [u for u in export.comparison.unique if u.article == article]
        b.paragraph(
            f"{head.letter} · {head.outlet}",
            b.char(BODY_POINTS + 0.5, bold=True),
            b.block(top=6, bottom=2),
        )
        if not items:
            b.paragraph("Nothing: everything it reports, another article reports too.")
            continue
        for item in items:
            runs = [(f"{ONLY_HERE_MARK} ", b.char(BODY_POINTS - 1, bold=True, colour=_GREY))]
            runs.append((item.text, b.char()))
            if item.facts:
                facts = f"  (not in the others: {', '.join(item.facts)})"
                runs.append((facts, b.char(BODY_POINTS - 1.5, colour=_GREY)))
            b.paragraph(runs, block=b.block(bottom=2, indent=8))


def scores(b: _Builder, export: ComparisonExport) -> None:
    """The score table with what stands out, the frame chart and distinctive words."""
    heads = content.column_heads(export)
    rows = content.score_rows(export)
    b.heading("Scores", page_break=True)
    b.note(
        "Counts and averages over each article's text; ▲ marks the highest value where the "
        "articles differ notably. The method note says what the scores do and do not mean."
    )
    count = len(heads)
    table = b.table(len(rows) + 1, [40] + [60 / count] * count)
    bold = b.char(BODY_POINTS - 0.5, bold=True)
    b.cell(table, 0, 0).insertText("Score", bold)
    for column, head in enumerate(heads, start=1):
        b.cell(table, 0, column).insertText(f"{head.letter} · {head.outlet}", bold)
    for number, row in enumerate(rows, start=1):
        b.cell(table, number, 0).insertText(row.name, b.char(BODY_POINTS - 0.5))
        for article, value in enumerate(row.values):
            high = row.high == article
            text = f"▲ {value}" if high else value
            b.cell(table, number, article + 1).insertText(
                text, b.char(BODY_POINTS - 0.5, bold=high)
            )
    with b.together():
        b.heading("Frames: the angle each article takes", 2)
        b.note(frame_meaning())
        b.chart(content.frame_chart(export))
    keyness = {}
    for term in export.comparison.keyness:
        keyness.setdefault(term.article, []).append(term.term)
    if keyness:
        with b.together():
            b.heading("Distinctive words", 2)
            b.note("Words each article uses markedly more than the others (log-likelihood).")
            table = b.table(2, [100 / count] * count)
            for column, head in enumerate(heads):
                b.cell(table, 0, column).insertText(f"{head.letter} · {head.outlet}", bold)
                b.cell(table, 1, column).insertText(
                    ", ".join(keyness.get(column, [])) or "—", b.char(BODY_POINTS - 0.5)
                )


def speakers(b: _Builder, export: ComparisonExport) -> None:
    """Who each article quotes or reports, and how often."""
    with b.together():
        b.heading("Who speaks")
        b.note("People and bodies each article quotes or reports, with how many times.")
        _speaker_table(b, export)


def _speaker_table(b: _Builder, export: ComparisonExport) -> None:
    heads = content.column_heads(export)
    count = len(heads)
    table = b.table(2, [100 / count] * count)
    bold = b.char(BODY_POINTS - 0.5, bold=True)
    for column, head in enumerate(heads):
        b.cell(table, 0, column).insertText(f"{head.letter} · {head.outlet}", bold)
        cursor = b.cell(table, 1, column)
        rows = [s for s in export.comparison.speakers if s.article == column]
        if not rows:
            cursor.insertText("nobody quoted", b.char(BODY_POINTS - 0.5, colour=_GREY))
        for index, row in enumerate(rows):
            line = b.block(bottom=1.5)
            if index:
                cursor.insertBlock(line, b.char(BODY_POINTS - 0.5))
            else:
                cursor.setBlockFormat(line)
            cursor.insertText(f"{row.speaker}", b.char(BODY_POINTS - 0.5))
            cursor.insertText(f"  {row.quotes}", b.char(BODY_POINTS - 0.5, bold=True))


def glossary(b: _Builder) -> None:
    """The categories as highlighted, with meaning, examples and neutral alternatives."""
    b.heading("Glossary", page_break=True)
    table = b.table(len(CATEGORIES) + 1, [24, 42, 34])
    bold = b.char(BODY_POINTS - 0.5, bold=True)
    for column, name in enumerate(["Category", "What it is", "Examples → neutral wording"]):
        b.cell(table, 0, column).insertText(name, bold)
    text = b.char(BODY_POINTS - 0.5)
    for row, code in enumerate(CATEGORIES, start=1):
        entry = category(code)
        b.cell(table, row, 0).insertText(entry.name, highlight_format(code, "outlet", text))
        b.cell(table, row, 1).insertText(entry.meaning, text)
        b.cell(table, row, 2).insertText(f"{entry.example} → {entry.neutral}", text)
    b.heading("Whose words", 2)
    for voice, name in (("outlet", "Own voice"), ("quoted", "Quoted"), ("reported", "Reported")):
        b.paragraph(
            [(f"{name}: ", b.char(bold=True)), (voice_meaning(voice), b.char())],
            block=b.block(bottom=2),
        )


def method(b: _Builder, export: ComparisonExport) -> None:
    """What the scores mean and do not mean; versions and date."""
    b.heading("Method note")
    for paragraph in method_note():
        b.paragraph(paragraph, block=b.block(bottom=5))
    facts = content.method_facts(export)
    table = b.table(len(facts), [30, 70], header_rows=0)
    for row, (name, value) in enumerate(facts):
        b.cell(table, row, 0).insertText(name, b.char(BODY_POINTS - 0.5, bold=True))
        b.cell(table, row, 1).insertText(value, b.char(BODY_POINTS - 0.5))


def _questions(b: _Builder, found: Sequence[Question], *, answers: bool) -> None:
    for number, question in enumerate(found, start=1):
        with b.together():
            runs = [(f"{number}.  ", b.char(bold=True)), (question.text, b.char())]
            b.paragraph(runs, block=b.block(top=8, bottom=2))
            if answers:
                for line in question.answer:
                    b.paragraph(line, b.char(BODY_POINTS - 0.5), b.block(bottom=1, indent=14))
            else:
                b.paragraph([b.object_run(LINES_OBJECT, question.lines)], block=b.block())


# -- documents -----------------------------------------------------------------------------------


def _comparison(b: _Builder, export: ComparisonExport, rows: Sequence[Row]) -> None:
    _cover(b, export, "comparison")
    b.heading("How to read this handout", 2)
    b.paragraph(
        "The articles are set side by side. A numbered, shaded row is a passage: sentences "
        "of different articles that report the same content. Between passages, each column "
        "goes on with its article in its own order. Highlighted words are loaded language "
        "found by Parallax; each category has its colour and its underline, so the handout "
        "also reads in black and white."
    )
    legend(b, marks=True)
    b.heading("In this handout", 2)
    b.contents(
        [
            "The articles side by side",
            "Same content, different words",
            "Only in one article",
            "Scores",
            "Frames: the angle each article takes",
            "Who speaks",
            "Glossary",
            "Method note",
        ]
    )
    b.heading("The articles side by side", page_break=True)
    legend(b, marks=True)
    articles_side_by_side(b, export, rows, _OPTIONS["comparison"])
    contrasts(b, export, rows)
    only_here(b, export)
    scores(b, export)
    speakers(b, export)
    glossary(b)
    method(b, export)


def _worksheet(b: _Builder, export: ComparisonExport, rows: Sequence[Row]) -> None:
    b.paragraph("PARALLAX · STUDENT WORKSHEET", b.char(8, bold=True, colour=_GREY))
    b.paragraph(content.story_title(export), b.char(20, bold=True), b.block(bottom=8))
    b.paragraph(
        "Name ______________________   Class __________   Date ______________",
        b.char(BODY_POINTS + 0.5),
        b.block(bottom=10),
    )
    b.paragraph(
        f"These {len(export.articles)} articles report the same event. Numbered, shaded rows "
        "are passages that report the same content; between them each article goes on in "
        "its own order. Read them, then answer the questions on the last pages."
    )
    articles_side_by_side(b, export, rows, _OPTIONS["worksheet"])
    b.heading("Questions", page_break=True)
    _questions(b, questions(export, rows), answers=False)


def _answer_key(b: _Builder, export: ComparisonExport, rows: Sequence[Row]) -> None:
    b.paragraph("PARALLAX · ANSWER KEY", b.char(8, bold=True, colour=_GREY))
    b.paragraph(content.story_title(export), b.char(20, bold=True), b.block(bottom=6))
    b.note(
        "For the teacher: the worksheet's questions with what Parallax found. The answers are "
        "evidence from the texts to check and discuss; students may find more."
    )
    _questions(b, questions(export, rows), answers=True)
    b.heading("The articles with highlights", page_break=True)
    legend(b, marks=True)
    articles_side_by_side(b, export, rows, _OPTIONS["answer_key"])
    contrasts(b, export, rows)
    method(b, export)


_BUILDERS = {"comparison": _comparison, "worksheet": _worksheet, "answer_key": _answer_key}


def build_document(
    export: ComparisonExport, kind: str, device: QPaintDevice, family: str, page: QSizeF
) -> QTextDocument:
    """The document of ``kind``, laid out for ``device`` on pages of ``page`` (device units).

    Parameters
    ----------
    export
        The comparison to render.
    kind
        ``comparison``, ``worksheet`` or ``answer_key``.
    device
        The paint device the layout measures fonts with (the PDF writer).
    family
        Font family (the bundled one).
    page
        The printable area of one page, in device units.
    """
    if kind not in _BUILDERS:
        raise ValueError(f"unknown document kind {kind!r}")
    document = QTextDocument()
    document.setDocumentMargin(0)
    base = QFont(family)
    base.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(base)
    objects = _InlineObjects(document, family, device.logicalDpiY())
    rows = side_by_side(export.comparison, highlights=_OPTIONS[kind].highlights)
    # Content first, layout after: with a layout attached, every insertion re-lays out the
    # paginated document (seconds for a handout instead of milliseconds).
    builder = _Builder(document, family, objects)
    _BUILDERS[kind](builder, export, rows)
    layout = document.documentLayout()
    # Without this, fonts are measured at screen resolution: text a third of its size.
    layout.setPaintDevice(device)
    layout.registerHandler(CHART_OBJECT, objects)
    layout.registerHandler(LINES_OBJECT, objects)
    document.setPageSize(page)
    keep_together(document, builder.keep)
    # The contents sit on the cover, which ends with a page break: numbering them moves
    # nothing after them.
    builder.number_contents()
    return document


def _top_level_rect(document: QTextDocument, block: QTextBlock) -> QRectF:
    """Where ``block`` is in the document, or the whole table when it sits in a table."""
    layout = document.documentLayout()
    root = document.rootFrame()
    frame = document.frameAt(block.position())
    if frame is None or frame.firstPosition() == root.firstPosition():
        return layout.blockBoundingRect(block)
    while frame.parentFrame() is not None and (
        frame.parentFrame().firstPosition() != root.firstPosition()
    ):
        frame = frame.parentFrame()
    return layout.frameBoundingRect(frame)


def keep_together(document: QTextDocument, groups: Sequence[tuple[int, int, bool]]) -> None:
    """Start a group of blocks on a new page when a page break would split it and it fits on
    one page (a question with its answer lines, a heading with what follows)."""
    page_height = document.pageSize().height()
    for first, last, top_of_last in groups:
        top_block = document.findBlockByNumber(first)
        bottom_block = document.findBlockByNumber(last)
        if not (top_block.isValid() and bottom_block.isValid()):
            continue
        if top_of_last and bottom_block.previous().isValid():
            bottom_block = bottom_block.previous()  # in the table: the table's bottom
        top = _top_level_rect(document, top_block).top()
        bottom = _top_level_rect(document, bottom_block).bottom()
        if bottom - top >= page_height or int(top // page_height) == int(
            (bottom - 1) // page_height
        ):
            continue
        fmt = top_block.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        fmt.setTopMargin(0)
        QTextCursor(top_block).setBlockFormat(fmt)
        # The incremental relayout after a format change can leave later blocks where they
        # were (and so off the pages): lay out everything from here again.
        position = top_block.position()
        document.markContentsDirty(position, document.characterCount() - position)
