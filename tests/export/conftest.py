"""The demo story compared once per session, as the library hands it to the exporters, and
helpers to read PDFs back (text with pypdf, pixels through pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from export.records import ComparisonExport


@pytest.fixture(scope="session")
def demo_export(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> ComparisonExport:
    """The three demo articles (Ledger, Star, Voice) with their comparison."""
    from library import Library
    from library.comparing import ComparedArticles
    from library.exporting import comparison_export

    folder = tmp_path_factory.mktemp("demo")
    shutil.copyfile(sqlite_template, folder / "library.sqlite3")
    with Library.open(f"sqlite:///{folder / 'library.sqlite3'}") as library:
        ids = library.add_demo_story()
        compared = library.compare(ids)
        assert isinstance(compared, ComparedArticles)
        return comparison_export(library, compared)


def pdf_text(data: bytes) -> str:
    """The PDF's text, page after page, white space folded to single spaces."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def render_pages(data: bytes, folder: Path, dpi: int = 50) -> list[Path]:
    """Render every page to PNG with pdftoppm (poppler-utils)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = folder / "render.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(folder.glob("page-*.png"))
