"""PDF files of the comparison handout, the worksheet and the answer key.

A ``QTextDocument`` laid out for a ``QPdfWriter`` and painted page by page, with a running
header and page numbers drawn in the margins. Text stays text (selectable, searchable) and
the bundled font is embedded. The PDF is made in memory; :mod:`export.files` writes it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from export import content
from export.document import KINDS, build_document
from export.fonts import register_fonts
from export.records import PAGE_SIZES, ComparisonExport, ExportError

_PAGE_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: Device units per inch: fine enough for hairlines, small enough for quick layout.
RESOLUTION = 300
#: Page margins in millimetres (left, top, right, bottom); header and footer sit inside them.
MARGINS_MM = (15.0, 19.0, 15.0, 16.0)
_HEADER_POINTS = 7.5


def _mm(value: float) -> float:
    return value * RESOLUTION / 25.4


def _paint_page(painter: QPainter, document: QTextDocument, body: QRectF, page: int) -> None:
    """Draw the part of ``document`` that falls on ``page`` into ``body``."""
    painter.save()
    painter.translate(body.left(), body.top() - page * body.height())
    context = QAbstractTextDocumentLayout.PaintContext()
    # A hair short of the page: a block starting exactly on the next page's first line
    # (after a page break) touches this clip and would be drawn here too — invisible, but
    # still in the PDF's text.
    context.clip = QRectF(0, page * body.height(), body.width(), body.height() - 0.5)
    painter.setClipRect(context.clip)
    document.documentLayout().draw(painter, context)
    painter.restore()


def _paint_margins(
    painter: QPainter,
    body: QRectF,
    page_height: float,
    family: str,
    header: tuple[str, str] | None,
    footer_left: str,
    page: int,
    pages: int,
) -> None:
    """The running header (not on the title page) and the page number."""
    painter.save()
    font = QFont(family)
    font.setPointSizeF(_HEADER_POINTS)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    painter.setPen(QColor("#555555"))
    unit = RESOLUTION / 72
    if header is not None:
        baseline = body.top() - _mm(7)
        left, right = header
        right_width = metrics.horizontalAdvance(right)
        room = body.width() - right_width - 12 * unit
        painter.drawText(
            QPointF(body.left(), baseline),
            metrics.elidedText(left, Qt.TextElideMode.ElideRight, room),
        )
        painter.drawText(QPointF(body.right() - right_width, baseline), right)
        painter.setPen(QPen(QColor("#B0B0B0"), 0.5 * unit))
        rule = baseline + metrics.descent() + 2 * unit
        painter.drawLine(QPointF(body.left(), rule), QPointF(body.right(), rule))
        painter.setPen(QColor("#555555"))
    baseline = page_height - _mm(MARGINS_MM[3]) / 2
    number = f"Page {page + 1} of {pages}"
    number_width = metrics.horizontalAdvance(number)
    painter.drawText(QPointF(body.right() - number_width, baseline), number)
    room = body.width() - number_width - 12 * unit
    painter.drawText(
        QPointF(body.left(), baseline),
        metrics.elidedText(footer_left, Qt.TextElideMode.ElideRight, room),
    )
    painter.restore()


def render_pdf(export: ComparisonExport, kind: str, page_size: str = "a4") -> bytes:
    """The PDF of ``kind`` (``comparison``, ``worksheet`` or ``answer_key``) as bytes.

    Parameters
    ----------
    export
        The comparison to render.
    kind
        Which document.
    page_size
        ``a4`` or ``letter``.

    Raises
    ------
    ExportError
        When Qt cannot start drawing (no usable graphics platform).
    """
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size {page_size!r}: choose one of {', '.join(PAGE_SIZES)}")
    try:
        family = register_fonts()
    except RuntimeError as error:
        raise ExportError(f"cannot draw a PDF here: {error}") from None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(_PAGE_IDS[page_size]))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    story = content.story_title(export)
    writer.setTitle(f"{story} — {KINDS[kind]}")
    writer.setCreator(f"Parallax {export.app_version}".strip())
    left, top, right, bottom = (_mm(m) for m in MARGINS_MM)
    width, height = writer.width(), writer.height()
    body = QRectF(left, top, width - left - right, height - top - bottom)
    document = build_document(export, kind, writer, family, body.size())
    heads = content.column_heads(export)
    footer = "   ".join(f"{h.letter} · {h.outlet}" for h in heads)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("cannot draw a PDF here: Qt could not start the PDF writer")
    try:
        pages = document.pageCount()
        for page in range(pages):
            if page:
                writer.newPage()
            _paint_page(painter, document, body, page)
            header = None if page == 0 else (f"Parallax · {story}", KINDS[kind])
            _paint_margins(painter, body, height, family, header, footer, page, pages)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())
