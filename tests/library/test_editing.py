"""Changing the library on SQLite and PostgreSQL: delete and restore, stories, outlets, and
analysing every article with progress and cancel."""

from __future__ import annotations

import pytest

from ingest import ArticleDraft
from library import CancelToken, Library, LibraryError

BODY = (
    "The council voted on Tuesday to close the harbour bridge. Critics called the plan a "
    "disastrous betrayal, while engineers said the work would take four months."
)


def _add(library: Library, title: str, outlet: str, story: str | None = None, body: str = BODY):
    result = library.add_draft(
        ArticleDraft(
            title=title, body=body, source_kind="text", source_ref=f"{title}.txt", language="en"
        ),
        outlet=outlet,
        story=story,
    )
    assert result.article_id is not None
    return result.article_id


def _state(library: Library, article_id: int) -> tuple:
    detail = library.get_article(article_id)
    return (
        detail,
        library.annotations(article_id),
        library.article_summaries([article_id]),
    )


def test_deleted_articles_come_back_exactly(library: Library) -> None:
    original = _add(library, "Bridge to close", "Wire", story="Bridge")
    copy = _add(library, "Bridge to close", "Gazette", story="Bridge")  # wire copy of original
    other = _add(library, "Ferry fares rise", "Courier", body="Ferry fares rise by a tenth.")
    library.add_annotation(original, "reject", 0, 6, label="emotional", note="not loaded")
    library.analyze_all([original])
    before = {i: _state(library, i) for i in (original, copy)}
    assert library.get_article(copy).duplicate_of == original

    deleted = library.delete_articles([original, 999])
    assert len(deleted) == 1
    assert library.count_articles() == 2
    assert library.get_article(copy).duplicate_of is None
    assert library.list_articles(search="council") == [
        a for a in library.list_articles(search="council") if a.id == copy
    ]

    assert library.restore_articles(deleted) == [original]
    assert {i: _state(library, i) for i in (original, copy)} == before
    assert library.get_article(copy).duplicate_of == original
    assert {a.id for a in library.list_articles(search="council")} == {original, copy}
    assert [(s.name, s.articles) for s in library.stories()] == [("Bridge", 2)]
    assert library.count_articles() == 3
    assert library.get_article(other).title == "Ferry fares rise"


def test_a_restored_article_whose_id_was_reused_gets_a_new_one(library: Library) -> None:
    first = _add(library, "Bridge to close", "Gazette", story="Bridge")
    last = _add(library, "Ferry fares rise", "Courier", body="Ferry fares rise by a tenth.")
    deleted = library.delete_articles([last])
    newcomer = _add(library, "Council budget", "Courier", body="The council sets its budget.")
    restored = library.restore_articles(deleted)
    assert len(restored) == 1
    assert restored[0] not in (first, newcomer)
    assert library.get_article(restored[0]).title == "Ferry fares rise"
    assert library.get_article(newcomer).title == "Council budget"


def test_story_membership_edits_undo(library: Library) -> None:
    a = _add(library, "Bridge to close", "Gazette", story="Bridge")
    b = _add(library, "Ferry fares rise", "Courier", body="Ferry fares rise by a tenth.")
    added = library.add_to_story([a, b], "Bridge")
    assert added.added == (b,)
    assert not added.created
    assert library.count_articles(story="Bridge") == 2

    new = library.add_to_story([b], "Harbour")
    assert new.created
    assert library.count_articles(story="Harbour") == 1
    library.undo_story_change(new)
    assert [s.name for s in library.stories()] == ["Bridge"]

    story_id = added.story_id
    removed = library.remove_from_story([a], story_id)
    assert library.article_ids(story_id=story_id) == [b]
    library.undo_story_change(removed)
    assert sorted(library.article_ids(story_id=story_id)) == sorted([a, b])

    library.undo_story_change(added)
    assert library.article_ids(story_id=story_id) == [a]


def test_rename_and_delete_story(library: Library) -> None:
    a = _add(library, "Bridge to close", "Gazette", story="Bridge")
    _add(library, "Ferry fares rise", "Courier", story="Ferries", body="Fares rise by a tenth.")
    story = next(s for s in library.stories() if s.name == "Bridge")
    assert library.rename_story(story.id, "  Bridge closure ").name == "Bridge closure"
    with pytest.raises(LibraryError, match="already called"):
        library.rename_story(story.id, "ferries")
    with pytest.raises(LibraryError, match="needs a name"):
        library.rename_story(story.id, " ")

    deleted = library.delete_story(story.id)
    assert [s.name for s in library.stories()] == ["Ferries"]
    assert library.get_article(a).story is None
    library.undo_story_change(deleted)
    assert next((s.id, s.name, s.articles) for s in library.stories()) == (
        story.id,
        "Bridge closure",
        1,
    )
    assert library.get_article(a).story == "Bridge closure"


def test_outlet_aliases_can_be_removed(library: Library) -> None:
    _add(library, "Bridge to close", "Gazette")
    outlet = library.outlets()[0]
    library.update_outlet(outlet.id, kind="commercial", aliases=["gazette.example", "The Gaz"])
    assert set(library.outlet_aliases(outlet.id)) >= {"gazette.example", "The Gaz"}
    library.remove_outlet_aliases(outlet.id, ["The Gaz", "Gazette"])
    aliases = library.outlet_aliases(outlet.id)
    assert "The Gaz" not in aliases
    assert "Gazette" in aliases  # the outlet's own name stays
    assert library.count_articles(outlet="gazette.example") == 1


def test_analyze_all_fills_the_score_columns_and_reports_progress(library: Library) -> None:
    ids = [
        _add(library, "Bridge to close", "Gazette"),
        _add(library, "Ferry fares rise", "Courier", body="Ferry fares rise by a tenth."),
    ]
    assert [a.loaded_density for a in library.article_summaries(ids)] == [None, None]
    seen: list[tuple[float, str]] = []
    run = library.analyze_all(progress=lambda f, m: seen.append((f, m)))
    assert (run.total, run.analysed, run.cancelled) == (2, 2, False)
    assert seen[-1][0] == 1.0
    rows = library.article_summaries(ids)
    assert rows[0].loaded_density is not None
    assert rows[0].loaded_density > 0
    assert rows[1].loaded_density == 0.0
    assert all(row.top_frame for row in rows)
    stored = library.analyze(ids)
    assert rows[0].loaded_density == stored[0].report.scores["loaded_per_100_words"]
    # Nothing left to do the second time.
    assert library.analyze_all().total == 0
    assert "already" in library.analyze_all().summary()


def test_analyze_all_stops_when_cancelled_and_keeps_what_it_did(library: Library) -> None:
    ids = [
        _add(library, f"Article {n}", "Gazette", body=f"Story number {n} about the port.")
        for n in range(4)
    ]
    cancel = CancelToken()

    def progress(fraction: float, _message: str) -> None:
        if fraction >= 0.5:
            cancel.cancel()

    run = library.analyze_all(progress=progress, cancel=cancel)
    assert run.cancelled
    assert run.analysed == 2
    assert "cancelled" in run.summary()
    done = [a.loaded_density is not None for a in library.article_summaries(ids)]
    assert done == [True, True, False, False]
    assert library.analyze_all().total == 2
