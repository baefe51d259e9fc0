"""Analysing stored articles: stored with spans, reused until text, analyser or notes change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, update

from db.models import Analysis, Annotation, SpanRow
from ingest import ArticleDraft
from library import ImportProblem, Library

BODY = (
    "A mob of thugs brought the city to its knees on Thursday. "
    "“These thugs are a disgrace,” said Interior Minister Dana Holt."
)


def _add(library: Library) -> int:
    result = library.add_draft(
        ArticleDraft(title="Chaos in the city", body=BODY, source_kind="text", source_ref="x.txt"),
        outlet="Star",
    )
    assert result.article_id is not None
    return result.article_id


def _count(library: Library, model: type) -> int:
    with library.database.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_analysis_is_stored_with_spans_and_reused(library: Library) -> None:
    article_id = _add(library)
    [first] = library.analyze([str(article_id)])
    assert not isinstance(first, ImportProblem)
    assert first.article_id == article_id
    assert first.outlet == "Star"
    assert _count(library, Analysis) == 1
    spans = _count(library, SpanRow)
    assert spans == len(first.report.spans) > 0
    with library.database.sessions() as session, session.begin():
        # Mark the stored report so a recomputation would be visible.
        session.execute(update(Analysis).values(scores={"marker": 1}))
    [again] = library.analyze([article_id])
    assert again.report == first.report  # read back, not recomputed
    with library.database.sessions() as session:
        assert session.scalar(select(Analysis.scores)) == {"marker": 1}


def test_new_analyser_version_or_annotation_recomputes(library: Library) -> None:
    article_id = _add(library)
    library.analyze([article_id])
    with library.database.sessions() as session, session.begin():
        session.execute(update(Analysis).values(analyser_version="0+old", scores={}))
    library.analyze([article_id])
    with library.database.sessions() as session:
        assert session.scalar(select(Analysis.scores)) != {}
        assert session.scalar(select(Analysis.analyser_version)) != "0+old"
    with library.database.sessions() as session, session.begin():
        session.add(
            Annotation(
                article_id=article_id,
                action="reject",
                start=2,
                end=5,
                label="labelling",
                author="teacher",
            )
        )
        session.execute(update(Analysis).values(scores={}))
    library.analyze([article_id])
    with library.database.sessions() as session:
        assert session.scalar(select(Analysis.scores)) != {}
        assert session.scalar(select(func.count()).select_from(Analysis)) == 1


def test_paths_are_analysed_without_storing_and_unknown_ids_fail(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Chaos in the city\n\n" + BODY, encoding="utf-8")
    results = library.analyze([str(path), "999"])
    assert results[0].article_id is None
    assert results[0].report.title == "Chaos in the city"
    assert isinstance(results[1], ImportProblem)
    assert "no article with ID 999" in results[1].reason
    assert library.count_articles() == 0


def test_deleting_an_article_deletes_its_analysis(library: Library) -> None:
    article_id = _add(library)
    library.analyze([article_id])
    library.delete_articles([article_id])
    assert _count(library, Analysis) == 0
    assert _count(library, SpanRow) == 0


def test_corrections_show_at_once_survive_reopening_and_undo(library: Library) -> None:
    article_id = _add(library)
    [analysed] = library.analyze([article_id])
    target = next(s for s in analysed.report.highlighted() if s.voice == "outlet")
    note = library.add_annotation(article_id, "reject", target.start, target.end)
    [after] = library.analyze([article_id])
    shown = {(s.start, s.end) for s in after.report.highlighted()}
    assert (target.start, target.end) not in shown
    url = library.url
    library.close()
    reopened = Library.open(url)
    try:
        [again] = reopened.analyze([article_id])
        assert (target.start, target.end) not in {
            (s.start, s.end) for s in again.report.highlighted()
        }
        assert [a.action for a in reopened.annotations(article_id)] == ["reject"]
        removed = reopened.remove_annotation(note)
        assert removed is not None
        assert removed.start == target.start
        [undone] = reopened.analyze([article_id])
        assert (target.start, target.end) in {(s.start, s.end) for s in undone.report.highlighted()}
        assert reopened.remove_annotation(note) is None
    finally:
        reopened.close()


def test_an_analysis_stored_meanwhile_by_another_thread_is_used(
    library: Library, monkeypatch
) -> None:
    """The window analyses an article for the reader while a comparison analyses it too: the
    one that stores second finds the row the first stored instead of failing."""
    import threading

    import library.analysing as analysing

    article_id = _add(library)
    real = analysing.analyze
    calls: list[str] = []

    def analyse_while_another_stores(*args, **kwargs):
        calls.append("analyse")
        if len(calls) == 1:
            # Before this analysis is stored, another thread analyses and stores the article.
            other = threading.Thread(target=lambda: library.analyze([article_id]))
            other.start()
            other.join()
        return real(*args, **kwargs)

    monkeypatch.setattr(analysing, "analyze", analyse_while_another_stores)
    [result] = library.analyze([article_id])
    assert not isinstance(result, ImportProblem)
    assert result.report.spans
    assert _count(library, Analysis) == 1
    assert calls == ["analyse", "analyse"]  # the retry read the stored row, no third analysis
