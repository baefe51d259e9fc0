"""Exports through the Library façade: comparison documents and analyst tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import ArticleDraft
from library import Library, LibraryError, NotFoundError
from library.comparing import ComparedArticles


def _demo(library: Library) -> list[int]:
    return library.add_demo_story()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exports (the library file sits in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.usefixtures("qapp")
def test_comparison_documents_are_written_and_a_bad_path_is_reported(
    library: Library, out: Path
) -> None:
    compared = library.compare(_demo(library))
    assert isinstance(compared, ComparedArticles)
    outputs = {
        "comparison": out / "handout.pdf",
        "worksheet": out / "missing" / "worksheet.pdf",
        "answer_key": out / "key.pdf",
        "html": out / "report.html",
    }
    report = library.export_comparison(compared, outputs, page_size="letter")
    assert not report.ok
    assert report.written == [outputs["comparison"], outputs["answer_key"], outputs["html"]]
    [failure] = report.failures
    assert failure.source_ref == str(outputs["worksheet"])
    assert "does not exist" in failure.reason
    assert outputs["comparison"].read_bytes().startswith(b"%PDF")
    assert outputs["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out.iterdir()) == ["handout.pdf", "key.pdf", "report.html"]


def test_unknown_page_size_or_document_is_refused(library: Library, out: Path) -> None:
    compared = library.compare(_demo(library))
    with pytest.raises(LibraryError, match="page size 'a3'"):
        library.export_comparison(compared, {"comparison": out / "x.pdf"}, page_size="a3")
    with pytest.raises(LibraryError, match="unknown document 'poster'"):
        library.export_comparison(compared, {"poster": out / "x.pdf"})
    assert list(out.iterdir()) == []


def test_story_export_holds_articles_facts_and_comparison(library: Library, tmp_path: Path) -> None:
    _demo(library)
    report = library.export_articles(
        story="Port Calder dock strike", json=tmp_path / "s.json", csv=tmp_path / "s.csv"
    )
    assert report.ok, report.failures
    assert tmp_path / "s.json" in report.written
    assert tmp_path / "s.contrasts.csv" in report.written
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [a["outlet"] for a in data["articles"]] == [
        "The Calder Ledger",
        "Harbour Daily Star",
        "Coastline Voice",
    ]
    assert data["articles"][1]["author"] == "Rick Stallard"
    assert data["compared"] is True
    assert data["contrasts"]


def test_unknown_ids_are_reported_and_the_rest_exported(library: Library, tmp_path: Path) -> None:
    ids = _demo(library)
    report = library.export_articles([ids[0], 999], json=tmp_path / "one.json")
    assert [str(p) for p in report.failures] == ["999: no article with ID 999 in this library"]
    data = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == [ids[0]]
    assert data["compared"] is False  # one article: nothing to compare
    with pytest.raises(NotFoundError):
        library.export_articles(story="No such story", json=tmp_path / "x.json")


def test_more_than_four_articles_are_exported_without_a_comparison(
    library: Library, tmp_path: Path
) -> None:
    ids = _demo(library)
    for number in range(2):
        draft = ArticleDraft(
            title=f"Harbour council meets over strike {number}",
            body="The city council met on Friday to discuss the dock automation plan.",
            source_kind="text",
            source_ref=f"extra{number}.txt",
        )
        ids.append(library.add_draft(draft, outlet=f"Outlet {number}").article_id)
    report = library.export_articles(ids, json=tmp_path / "all.json")
    assert report.ok
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert data["compared"] is False
