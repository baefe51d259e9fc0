"""Comparing stored articles: cached until an article, its annotations or the analyser change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from db.models import Analysis, Article, ComparisonCache
from ingest import ArticleDraft
from library import ImportProblem, Library, LibraryError
from library.comparing import ComparedArticles

STORIES = [
    (
        "Farmers block motorway over fuel tax",
        "About 200 farmers drove tractors onto the motorway on Tuesday. Police said two people "
        "were arrested.",
        "Ledger",
    ),
    (
        "Tractor thugs bring motorway to a standstill",
        "About 200 militant farmers stormed the motorway on Tuesday. Police said two "
        "troublemakers were arrested.",
        "Star",
    ),
]


def _add_all(library: Library) -> list[int]:
    ids = []
    for title, body, outlet in STORIES:
        result = library.add_draft(
            ArticleDraft(title=title, body=body, source_kind="text", source_ref=f"{outlet}.txt"),
            outlet=outlet,
        )
        ids.append(result.article_id)
    return ids


def test_comparison_is_cached_and_invalidated(library: Library) -> None:
    ids = _add_all(library)
    first = library.compare(ids)
    assert isinstance(first, ComparedArticles)
    assert not first.cached
    second = library.compare(ids)
    assert second.cached
    assert second.comparison == first.comparison
    with library.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ComparisonCache)) == 1
    # Re-analysis that gives the same report keeps the comparison...
    with library.database.sessions() as session, session.begin():
        session.execute(update(Analysis).values(analyser_version="0+old"))
    assert library.compare(ids).cached
    # ...a changed article does not.
    with library.database.sessions() as session, session.begin():
        session.execute(
            update(Article).where(Article.id == ids[1]).values(body=STORIES[1][1] + " More.")
        )
    third = library.compare(ids)
    assert not third.cached
    assert third.articles[1].report.text.endswith("More.")
    with library.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ComparisonCache)) == 1


def test_unknown_id_means_no_comparison(library: Library) -> None:
    ids = _add_all(library)
    result = library.compare([ids[0], 404])
    assert isinstance(result, list)
    assert [p.reason for p in result if isinstance(p, ImportProblem)] == [
        "no article with ID 404 in this library"
    ]


def test_files_and_ids_mix(library: Library, tmp_path: Path) -> None:
    ids = _add_all(library)
    path = tmp_path / "third.txt"
    path.write_text("Farmers protest fuel tax\n\nAbout 200 farmers protested on Tuesday.")
    result = library.compare([ids[0], str(path)])
    assert isinstance(result, ComparedArticles)
    assert [a.article_id for a in result.articles] == [ids[0], None]
    assert not result.cached


def test_count_is_checked(library: Library) -> None:
    ids = _add_all(library)
    with pytest.raises(LibraryError, match="2 to 4"):
        library.compare(ids[:1])
