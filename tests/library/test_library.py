"""The Library façade on SQLite and PostgreSQL: storing drafts, duplicates, listing, search."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest import ArticleDraft
from library import Library, NotFoundError, SearchQueryError

BODY = (
    "The city council voted on Tuesday to close the harbour bridge for repairs.\n\n"
    "Engineers said the work would take four months."
)


def draft(body: str = BODY, **fields: object) -> ArticleDraft:
    values: dict[str, object] = {
        "title": "Harbour bridge to close for repairs",
        "body": body,
        "source_kind": "text",
        "source_ref": "bridge.txt",
    }
    values.update(fields)
    return ArticleDraft(**values)  # type: ignore[arg-type]


def test_added_article_reads_back_whole(library: Library) -> None:
    published = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    result = library.add_draft(
        draft(author="Ana Ruiz", published=published, language="en", trimmed="Check Also\n\nX"),
        outlet="Harbour Gazette",
        story="Bridge closure",
    )
    assert result.status == "added"
    article = library.get_article(result.article_id)
    assert article.title == "Harbour bridge to close for repairs"
    assert article.body == BODY
    assert article.trimmed == "Check Also\n\nX"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Ana Ruiz"
    assert article.published == published
    assert article.story == "Bridge closure"
    assert article.words == 21
    assert article.duplicate_of is None


def test_same_body_same_outlet_is_skipped_even_with_other_quotes_and_spacing(
    library: Library,
) -> None:
    first = library.add_draft(draft(), outlet="Gazette")
    again = library.add_draft(
        draft(BODY.replace("four months.", "four   months.")), outlet="gazette"
    )
    assert again.status == "duplicate"
    assert again.duplicate_of == first.article_id
    assert library.count_articles() == 1


def test_case_differences_make_a_different_body(library: Library) -> None:
    library.add_draft(draft(), outlet="Gazette")
    other = library.add_draft(draft(BODY.upper()), outlet="Gazette")
    # Stored, not skipped; the same words in capitals are still a near-duplicate.
    assert other.status == "near_duplicate"
    assert library.count_articles() == 2


def test_same_body_from_another_outlet_is_linked_as_wire_copy(library: Library) -> None:
    original = library.add_draft(draft(), outlet="Wire Service")
    copy = library.add_draft(draft(), outlet="Harbour Gazette")
    assert copy.status == "wire_copy"
    assert copy.duplicate_of == original.article_id
    detail = library.get_article(copy.article_id)
    assert (detail.duplicate_of, detail.duplicate_kind) == (original.article_id, "wire")
    assert library.count_articles() == 2


def test_same_url_is_skipped(library: Library) -> None:
    library.add_draft(draft(url="https://www.example.org/news/bridge"))
    again = library.add_draft(
        draft("Changed text entirely.", url="http://example.org/news/bridge/")
    )
    assert again.status == "duplicate"


def test_outlet_from_domain_and_site_name_share_one_outlet(library: Library) -> None:
    library.add_draft(
        draft(url="https://www.gazette.example/a", site_name="Harbour Gazette", source_kind="html")
    )
    library.add_draft(
        draft("Another story body.", url="https://gazette.example/b", source_kind="html")
    )
    library.add_draft(draft("A third body.", site_name="harbour gazette", source_kind="html"))
    outlets = library.outlets()
    assert [(o.name, o.articles) for o in outlets] == [("Harbour Gazette", 3)]


def test_listing_filters_and_order(library: Library) -> None:
    library.add_draft(
        draft("Old text.", published=datetime(2020, 1, 1, tzinfo=UTC), title="Old"), outlet="A"
    )
    library.add_draft(
        draft("New text.", published=datetime(2024, 1, 1, tzinfo=UTC), title="New"),
        outlet="B",
        story="S",
    )
    library.add_draft(draft("Undated text.", title="Undated"), outlet="A")
    assert [a.title for a in library.list_articles()] == ["New", "Old", "Undated"]
    assert [a.title for a in library.list_articles(outlet="a")] == ["Old", "Undated"]
    assert [a.title for a in library.list_articles(story="s")] == ["New"]
    assert [a.title for a in library.list_articles(limit=1, offset=1)] == ["Old"]
    with pytest.raises(NotFoundError, match="no outlet called 'Nobody'"):
        library.list_articles(outlet="Nobody")
    with pytest.raises(NotFoundError, match="no story"):
        library.list_articles(story="Nothing")


def test_search_finds_words_in_title_and_body_best_first(library: Library) -> None:
    library.add_draft(draft("Ships waited outside the harbour.", title="Ships wait"))
    library.add_draft(draft("The ferry schedule changed.", title="Harbour ferry news"))
    library.add_draft(draft("Nothing about boats here.", title="Weather"))
    found = [a.title for a in library.list_articles(search="harbour")]
    assert found == ["Harbour ferry news", "Ships wait"]  # the title match ranks first
    assert [a.title for a in library.list_articles(search="harb*")] != []
    assert [a.title for a in library.list_articles(search="harbour -ferry")] == ["Ships wait"]
    assert [a.title for a in library.list_articles(search='"ferry schedule"')] == [
        "Harbour ferry news"
    ]
    assert library.count_articles(search="harbour") == 2


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "harbour AND", "(ships", "ships)"])
def test_search_syntax_characters_never_break(library: Library, query: str) -> None:
    library.add_draft(draft("Ships waited outside the harbour.", title="Ships wait"))
    assert isinstance(library.list_articles(search=query), list)


def test_search_without_words_says_so(library: Library) -> None:
    with pytest.raises(SearchQueryError):
        library.list_articles(search="*")


def test_unknown_article(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no article with ID 99"):
        library.get_article(99)


def test_delete_removes_article_and_story_membership(library: Library) -> None:
    added = library.add_draft(draft(), outlet="A", story="S")
    assert len(library.delete_articles([added.article_id])) == 1
    assert library.count_articles() == 0
    assert [(s.name, s.articles) for s in library.stories()] == [("S", 0)]
    assert library.list_articles(search="harbour") == []


LONG = (
    "Rescue teams searched through the night for survivors after the river burst its banks "
    "above the old mill town, flooding more than two hundred homes and cutting the only road "
    "to the regional hospital.\n\nThe mayor said temporary shelters had opened in three "
    "schools and asked residents on higher ground to offer rooms to neighbours who had lost "
    "everything. Forecasters expect more rain on Thursday."
)


def test_near_duplicate_is_stored_and_linked(library: Library) -> None:
    first = library.add_draft(draft(LONG, title="Floods hit mill town"), outlet="Wire")
    edited = LONG.replace("Forecasters expect more rain on Thursday.", "More rain is expected.")
    second = library.add_draft(draft(edited, title="Mill town flooded"), outlet="Courier")
    assert second.status == "near_duplicate"
    assert second.duplicate_of == first.article_id
    detail = library.get_article(second.article_id)
    assert detail.duplicate_kind == "near"
    unrelated = library.add_draft(draft(BODY + " " + BODY.lower()), outlet="Courier")
    assert unrelated.status == "added"


def test_known_outlet_aliases_map_to_one_outlet(library: Library) -> None:
    library.add_draft(draft("One.", source_kind="html", url="https://sana.sy/en/?p=1"))
    library.add_draft(draft("Two.", source_kind="html", site_name="Syrian Arab News Agency"))
    library.add_draft(draft("Three."), outlet="sana")
    library.add_draft(draft("Four.", source_kind="html", url="https://world.sana.sy/x"))
    outlets = library.outlets()
    assert [(o.name, o.kind, o.country, o.articles) for o in outlets] == [
        ("SANA", "state", "Syria", 4)
    ]


def test_published_times_are_stored_in_utc(library: Library) -> None:
    from datetime import timedelta, timezone

    local = datetime(2025, 5, 1, 23, 30, tzinfo=timezone(timedelta(hours=3)))
    added = library.add_draft(draft(published=local))
    stored = library.get_article(added.article_id).published
    assert stored == local
    assert stored.utcoffset() == timedelta(0)


def test_new_article_is_suggested_into_a_matching_story(library: Library) -> None:
    when = datetime(2025, 6, 2, tzinfo=UTC)
    library.add_draft(
        draft(LONG, title="Floods hit mill town", published=when), outlet="Wire", story="Floods"
    )
    similar = (
        "Hundreds of homes in the mill town were flooded when the river burst its banks, and "
        "the road to the regional hospital was cut. Shelters opened in schools, the mayor said."
    )
    suggested = library.add_draft(
        draft(similar, title="River floods mill town homes", published=when), outlet="Courier"
    )
    other = library.add_draft(
        draft(
            "The central bank left interest rates unchanged.", title="Rates on hold", published=when
        ),
        outlet="Courier",
    )
    late = library.add_draft(
        draft(
            similar + " Repairs continue.",
            title="Mill town floods, a month on",
            published=datetime(2025, 7, 20, tzinfo=UTC),
        ),
        outlet="Courier",
    )
    in_story = {a.id for a in library.list_articles(story="Floods")}
    assert suggested.article_id in in_story
    assert other.article_id not in in_story
    assert late.article_id not in in_story  # outside the date window


def test_pasted_text_is_stored_with_the_chosen_outlet(library: Library) -> None:
    result = library.add_text(
        "  Harbour bridge to close ",
        "The city council voted on Tuesday to close the harbour bridge.\r\n"
        "Engineers said the work would take four months.\n",
        outlet="Harbour Gazette",
        story="Bridge closure",
        published=datetime(2025, 3, 4, tzinfo=UTC),
        url="https://gazette.example/bridge",
    )
    assert result.status == "added"
    article = library.get_article(result.article_id)
    assert article.title == "Harbour bridge to close"
    # One pasted line per paragraph, separated by a blank line as every reader does.
    assert article.body == (
        "The city council voted on Tuesday to close the harbour bridge.\n\n"
        "Engineers said the work would take four months."
    )
    assert (article.outlet, article.story) == ("Harbour Gazette", "Bridge closure")
    assert article.url == "https://gazette.example/bridge"
    assert article.published == datetime(2025, 3, 4, tzinfo=UTC)
    assert article.source_kind == "text"
    assert article.language == "en"
    again = library.add_text(article.title, article.body, outlet="Harbour Gazette")
    assert again.status == "duplicate"


def test_pasted_text_outlet_comes_from_the_address_when_not_given(library: Library) -> None:
    result = library.add_text("Bridge", BODY, url="https://www.gazette.example/bridge")
    assert library.get_article(result.article_id).outlet == "gazette.example"


@pytest.mark.parametrize(
    ("title", "body", "url", "reason"),
    [
        ("", BODY, None, "needs a title"),
        ("Bridge", "  \n ", None, "no text"),
        ("Bridge", BODY, "ftp://gazette.example/a", "http:// or https://"),
    ],
)
def test_pasted_text_refused_with_a_reason(
    library: Library, title: str, body: str, url: str | None, reason: str
) -> None:
    from library import LibraryError

    with pytest.raises(LibraryError, match=reason):
        library.add_text(title, body, url=url)
    assert library.count_articles() == 0


def test_an_article_has_one_word_count_in_the_table_the_reader_and_its_analysis(
    library: Library,
) -> None:
    ids = library.add_demo_story()
    listed = {article.id: article.words for article in library.list_articles()}
    for analysed in library.analyze(ids):
        article_id = analysed.article_id
        words = analysed.report.scores["words"]
        assert listed[article_id] == library.get_article(article_id).words == words
        assert words > 300  # the body's words, not its headline's alone
