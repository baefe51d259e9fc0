"""Listing the library on SQLite and PostgreSQL: filters, score columns, sorting, ids and pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from db.models import ArticleScore
from ingest import ArticleDraft
from library import ArticleQuery, Library, NotFoundError


def _add(
    library: Library,
    title: str,
    outlet: str,
    published: datetime | None,
    *,
    story: str | None = None,
    body: str | None = None,
) -> int:
    result = library.add_draft(
        ArticleDraft(
            title=title,
            body=body or f"{title}. Officials gave details on the day of {title.lower()}.",
            source_kind="text",
            source_ref=f"{title}.txt",
            published=published,
            language="en",
        ),
        outlet=outlet,
        story=story,
    )
    assert result.article_id is not None
    return result.article_id


def _score(library: Library, article_id: int, density: float | None, frame: str | None) -> None:
    # The scores an analysis would store, set directly so that the order is known.
    with library.database.sessions() as session, session.begin():
        session.merge(ArticleScore(article_id=article_id, loaded_density=density, top_frame=frame))


@pytest.fixture
def news(library: Library) -> dict[str, int]:
    ids = {
        "truce": _add(
            library,
            "Ceasefire agreed at dawn",
            "Gazette",
            datetime(2025, 11, 3, 8, tzinfo=UTC),
            story="Border talks",
        ),
        "truce_late": _add(
            library,
            "Ceasefire holds for a week",
            "Gazette",
            datetime(2025, 11, 28, 23, 30, tzinfo=UTC),
            story="Border talks",
        ),
        "truce_other": _add(
            library,
            "Ceasefire breaks down, critics say",
            "Courier",
            datetime(2025, 11, 10, tzinfo=UTC),
            story="Border talks",
        ),
        "old": _add(library, "Ceasefire talks begin", "Gazette", datetime(2025, 9, 1, tzinfo=UTC)),
        "ferry": _add(library, "Ferry fares rise", "Courier", datetime(2025, 11, 5, tzinfo=UTC)),
        "undated": _add(library, "Budget vote delayed", "Gazette", None),
    }
    _score(library, ids["truce"], 2.5, "security_defense")
    _score(library, ids["truce_late"], 7.0, "political")
    _score(library, ids["truce_other"], 12.5, "security_defense")
    _score(library, ids["old"], 0.0, "none")
    _score(library, ids["ferry"], 4.0, "economic")
    return ids


def _ids(library: Library, **fields: object) -> list[int]:
    return [a.id for a in library.list_articles(**fields)]


def test_search_with_outlet_and_date_range(library: Library, news: dict[str, int]) -> None:
    found = _ids(
        library,
        search="ceasefire",
        outlet="Gazette",
        published_from=date(2025, 11, 1),
        published_to=date(2025, 11, 28),
    )
    # The "to" day counts whole (23:30 is in); September and the other outlet are not.
    assert sorted(found) == sorted([news["truce"], news["truce_late"]])
    assert library.count_articles(search="ceasefire", outlet="Gazette") == 3


def test_filters_by_ids_frame_and_density(library: Library, news: dict[str, int]) -> None:
    gazette = next(o for o in library.outlets() if o.name == "Gazette")
    story = library.stories()[0]
    assert len(_ids(library, outlet_id=gazette.id)) == 4
    assert sorted(_ids(library, story_id=story.id)) == sorted(
        [news["truce"], news["truce_late"], news["truce_other"]]
    )
    assert sorted(_ids(library, frame="security_defense")) == sorted(
        [news["truce"], news["truce_other"]]
    )
    assert sorted(_ids(library, min_density=3, max_density=10)) == sorted(
        [news["truce_late"], news["ferry"]]
    )
    # Unanalysed articles have no score: a score filter leaves them out.
    assert news["undated"] not in _ids(library, max_density=100)
    query = ArticleQuery(frame="security_defense", min_density=5)
    assert library.count_articles(query) == 1
    assert _ids(library, published_to=date(2025, 10, 1)) == [news["old"]]


def test_sorts_in_the_database_with_missing_values_last(
    library: Library, news: dict[str, int]
) -> None:
    by_density = library.list_articles(sort="loaded_density", descending=True)
    assert [a.loaded_density for a in by_density] == [12.5, 7.0, 4.0, 2.5, 0.0, None]
    rising = library.list_articles(sort="loaded_density")
    assert [a.loaded_density for a in rising] == [0.0, 2.5, 4.0, 7.0, 12.5, None]
    titles = [a.title for a in library.list_articles(sort="title")]
    assert titles == sorted(titles, key=str.lower)
    newest = library.list_articles(sort="published", descending=True)
    assert newest[0].id == news["truce_late"]
    assert newest[-1].id == news["undated"]
    assert [a.outlet for a in library.list_articles(sort="outlet")] == ["Courier"] * 2 + [
        "Gazette"
    ] * 4
    frames = [a.top_frame for a in library.list_articles(sort="top_frame")]
    assert frames == ["economic", "none", "political", "security_defense", "security_defense", None]
    words = [a.words for a in library.list_articles(sort="words", descending=True)]
    assert words == sorted(words, reverse=True)


def test_search_sorted_by_score_keeps_only_matches(library: Library, news: dict[str, int]) -> None:
    found = library.list_articles(search="ceasefire", sort="loaded_density", descending=True)
    assert [a.id for a in found] == [
        news["truce_other"],
        news["truce_late"],
        news["truce"],
        news["old"],
    ]


def test_ids_and_pages_follow_the_listing_order(library: Library, news: dict[str, int]) -> None:
    query = ArticleQuery(sort="loaded_density", descending=True)
    ids = library.article_ids(query)
    assert ids == [a.id for a in library.list_articles(query)]
    page = library.article_summaries(ids[1:4])
    assert [a.id for a in page] == ids[1:4]
    assert page[0].loaded_density == 7.0
    assert page[0].top_frame == "political"
    assert library.article_ids(search="ferry") == [news["ferry"]]
    assert library.article_summaries([]) == []
    assert library.count_articles(query) == len(ids) == 6


def test_summaries_show_story_and_scores(library: Library, news: dict[str, int]) -> None:
    (truce,) = library.article_summaries([news["truce"]])
    assert truce.story == "Border talks"
    assert truce.outlet == "Gazette"
    assert truce.published == datetime(2025, 11, 3, 8, tzinfo=UTC)
    assert truce.to_json()["loaded_density"] == 2.5


def test_unknown_names_and_sort_keys_are_refused(library: Library, news: dict[str, int]) -> None:
    with pytest.raises(NotFoundError):
        library.list_articles(outlet="Nobody")
    with pytest.raises(ValueError, match="cannot sort"):
        library.list_articles(sort="colour")
    with pytest.raises(TypeError):
        library.list_articles(colour="red")


def test_outlet_and_story_counts(library: Library, news: dict[str, int]) -> None:
    assert [(o.name, o.articles) for o in library.outlets()] == [("Courier", 2), ("Gazette", 4)]
    assert [(s.name, s.articles) for s in library.stories()] == [("Border talks", 3)]


@pytest.mark.parametrize("sort", ["loaded_density", "top_frame", "title", "words", "published"])
@pytest.mark.parametrize("descending", [False, True])
def test_whole_library_ids_match_the_listing_in_every_order(
    library: Library, news: dict[str, int], sort: str, descending: bool
) -> None:
    # Sorting the whole library by a score reads the ids from the score's index: the same
    # order as the one-query listing, ties and articles without a score included.
    extra = _add(library, "Harbour works", "Courier", None)
    _score(library, extra, 7.0, "political")  # ties with "truce_late" on both scores
    _score(library, news["undated"], None, None)  # analysed, but no score
    listed = [a.id for a in library.list_articles(sort=sort, descending=descending)]
    assert library.article_ids(sort=sort, descending=descending) == listed
    assert sorted(listed) == sorted([*news.values(), extra])
