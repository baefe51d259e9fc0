"""The PDFs as a reader gets them: text read back with pypdf, pages rendered with pdftoppm."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from analysis.compare import compare
from analysis.scoring import analyze
from export import render_document
from export.palette import CATEGORY_COLOURS
from export.pdf import MARGINS_MM
from export.records import ComparisonExport, ExportArticle

from .conftest import pdf_text, render_pages

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)

pytestmark = pytest.mark.usefixtures("qapp")  # a Qt application, as in the window


@pytest.fixture(scope="module")
def handout(demo_export: ComparisonExport, qapp) -> bytes:
    return render_document(demo_export, "comparison")


def _pixels(png: Path) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = raw.reshape(image.height(), image.bytesPerLine())
    # A copy: the buffer belongs to `image`, which is freed when this function returns (a view
    # would read freed memory, and did, as a column with no highlight colours now and then).
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def _matches(pixels: np.ndarray, colour: str, tolerance: int = 4) -> int:
    wanted = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    close = np.abs(pixels.astype(np.int16) - wanted).max(axis=2) <= tolerance
    return int(close.sum())


def _word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Words of one page with their boxes in points (pdftotext -bbox)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    listing = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = []
    for x0, y0, x1, y1, word in _WORD.findall(listing):
        found.append((word, float(x0), float(y0), float(x1), float(y1)))
    return found


def test_handout_text_is_real_and_in_reading_order(handout: bytes) -> None:
    text = pdf_text(handout)
    order = [
        "Port Calder dock strike",
        "Nadia Fenwick",
        "At a glance",
        "How to read this handout",
        "Highlights: emotional language labelling (name-calling)",
        "The articles side by side",
        "Seven people were arrested",
        "seven troublemakers were arrested",
        "Same content, different words",
        "Only in one article",
        "Scores",
        "Loaded words per 100 (own voice)",
        "Frames: the angle each article takes",
        "Who speaks",
        "Glossary",
        "Method note",
        "textstat",
        "0.7.8",
    ]
    position = 0
    for phrase in order:  # each one after the one before
        found = text.find(phrase, position)
        assert found >= 0, (phrase, text[position : position + 300])
        position = found + len(phrase)
    # Typographic quotes and dashes come out as they went in (no ligatures either).
    assert "“peaceful”" in text
    assert "PORT CALDER —" in text
    assert "officers moved in" in text


def test_handout_metadata_and_page_furniture(handout: bytes) -> None:
    reader = PdfReader(io.BytesIO(handout))
    assert reader.metadata.title == "Port Calder dock strike — Comparison handout"
    pages = len(reader.pages)
    assert pages >= 6
    last = " ".join(reader.pages[-1].extract_text().split())
    assert f"Page {pages} of {pages}" in last
    second = " ".join(reader.pages[1].extract_text().split())
    assert "Parallax · Port Calder dock strike" in second  # running header
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts


def test_highlight_colours_sit_in_the_right_columns(handout: bytes, tmp_path: Path) -> None:
    pages = render_pages(handout, tmp_path, dpi=60)
    reader = PdfReader(io.BytesIO(handout))
    number = next(
        i
        for i, page in enumerate(reader.pages)
        if "PORT CALDER — Dock workers" in " ".join(page.extract_text().split())
    )
    pdf = tmp_path / "render.pdf"
    words = _word_boxes(pdf, number + 1)
    header_top = min(y0 for word, _x0, y0, _x1, _y1 in words if word == "Ledger")
    footer_top = max(y0 for word, _x0, y0, _x1, _y1 in words if word == "Ledger")
    pixels = _pixels(pages[number])
    width = pixels.shape[1]
    scale = 60 / 72
    table = pixels[int(header_top * scale) : int(footer_top * scale) - 2]
    page_width_pt = float(reader.pages[number].mediabox.width)
    left = MARGINS_MM[0] / 25.4 * 72
    body = page_width_pt - MARGINS_MM[0] / 25.4 * 72 - MARGINS_MM[2] / 25.4 * 72
    columns = []
    for index in range(3):
        x0 = (left + body * (0.05 + 0.95 * index / 3)) * scale
        x1 = (left + body * (0.05 + 0.95 * (index + 1) / 3)) * scale
        columns.append(table[:, int(x0) + 2 : int(x1) - 2])
    assert width > 0
    ledger, star, voice = (
        {code: _matches(c, colour) for code, colour in CATEGORY_COLOURS.items()} for c in columns
    )
    assert sum(ledger.values()) == 0, ledger  # no loaded words in the Ledger's own voice
    assert star["labelling"] > 0  # "mob", "militant", "troublemakers"
    assert star["exaggeration"] > 0  # "to its knees"
    assert voice["emotional"] > 0  # "Brave", "heavy-handed"
    assert voice["labelling"] == 0


def test_text_is_full_size(handout: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout)
    reader = PdfReader(io.BytesIO(handout))
    number = next(
        i
        for i, page in enumerate(reader.pages)
        if "troublemakers" in " ".join(page.extract_text().split())
    )
    boxes = _word_boxes(pdf, number + 1)
    heights = [y1 - y0 for word, _x0, y0, _x1, y1 in boxes if word == "troublemakers"]
    assert heights
    # Column text is 8.5 pt: its box is about that tall (a third of it without the PDF
    # writer as the layout's paint device).
    assert all(7 <= h <= 14 for h in heights), heights


def test_worksheet_has_questions_and_no_highlight_colours(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    data = render_document(demo_export, "worksheet")
    text = pdf_text(data)
    assert "Name" in text
    assert "Questions" in text
    assert "1. Read the headlines (passage 1)" in text
    assert "“Seven ___ were arrested on suspicion …”" in text
    assert "Which words does each article use often" in text
    assert "seven troublemakers were arrested" in text  # the texts are all there
    assert "labelling (name-calling)" not in text  # no legend, no answers
    for page in render_pages(data, tmp_path):
        pixels = _pixels(page)
        found = {code: _matches(pixels, colour) for code, colour in CATEGORY_COLOURS.items()}
        assert sum(found.values()) == 0, (page.name, found)


def test_answer_key_has_answers_highlights_and_contrasts(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    data = render_document(demo_export, "answer_key")
    text = pdf_text(data)
    assert "B · Harbour Daily Star: “troublemakers” — labelling (name-calling)." in text
    assert text.index("The articles with highlights") < text.index("Same content, different words")
    colours = 0
    for page in render_pages(data, tmp_path):
        pixels = _pixels(page)
        colours += sum(_matches(pixels, colour) for colour in CATEGORY_COLOURS.values())
    assert colours > 0


@pytest.mark.parametrize(
    ("page_size", "points"), [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))]
)
def test_page_sizes(demo_export: ComparisonExport, page_size: str, points) -> None:
    data = render_document(demo_export, "worksheet", page_size=page_size)
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(points, abs=1.0)


def test_non_latin_scripts_render_as_text() -> None:
    first = analyze(
        "Talks in Αθήνα end without a deal",
        "Negotiators met in Αθήνα and Москва on Monday. “We made progress,” said Олена "
        "Коваленко, the envoy. Talks resume next week in תל אביב.",
        language="en",
    )
    second = analyze(
        "Envoys leave Αθήνα empty-handed",
        "Envoys left Αθήνα on Monday without a deal. Олена Коваленко said talks would "
        "resume next week.",
        language="en",
    )
    export = ComparisonExport(
        (ExportArticle(first, outlet="Omega Press"), ExportArticle(second, outlet="Вестник")),
        compare([first, second]),
    )
    text = pdf_text(render_document(export, "comparison"))
    # (pypdf puts a space where a highlight ends: "progress ,")
    for word in ("Αθήνα", "Москва", "Коваленко", "Вестник", "“We made progress"):
        assert word in text, word
    assert set("תל אביב") <= set(text)  # pypdf gives right-to-left words in visual order


def test_repeated_exports_leave_none_referenced(demo_export: ComparisonExport) -> None:
    # PySide6 6.12 on Python 3.11 drops a reference to None per void Qt call: without the
    # workaround a few exports in one process abort the interpreter.
    import sys

    before = sys.getrefcount(None)
    for kind in ("worksheet", "answer_key", "html"):
        render_document(demo_export, kind)
    assert sys.getrefcount(None) >= before - 50


def test_contents_page_numbers_and_no_hidden_text(handout: bytes) -> None:
    reader = PdfReader(io.BytesIO(handout))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    titles = ("The articles side by side", "Same content, different words", "Scores", "Glossary")
    for title in titles:
        listed = int(re.search(re.escape(title) + r" (\d+)", pages[0]).group(1))
        found = [number for number, text in enumerate(pages[1:], start=2) if title in text]
        # Only on its page: a heading moved to the next page is not left, clipped but still
        # selectable, at the foot of the page before.
        assert found == [listed], (title, found, listed)
