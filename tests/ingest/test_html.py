"""Saved web pages, written in the tests: article text, metadata, refusals, no network."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bench.extraction import (
    PageScore,
    aggregate,
    aggregate_per_page,
    load_pages,
    run_pages,
    score_page,
    shingles,
    split_of,
)
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.html import read_html
from ingest.options import ReadOptions
from tests.conftest import shared_path

OPTIONS = ReadOptions()
URL = "https://coastal.example/news/harbour?utm_source=feed"

# The article, our own words.
PARAGRAPHS = [
    "The town council of Port Ellery voted on Tuesday evening to approve a long-debated plan "
    "to rebuild the harbour wall, ending nearly three years of public hearings and revised "
    "drawings.",
    "The plan, which passed by seven votes to four, sets aside money for a wider breakwater, "
    "a new slipway for the lifeboat crew and a row of moorings reserved for the town's "
    "remaining fishing boats.",
    "Supporters said the old wall, built in the 1890s, had been patched so many times that "
    "engineers could no longer say how long it would hold against winter storms.",
    "Opponents argued that the cost had been understated and that the council had not "
    "listened to residents who feared the works would close the beach for two summers.",
    "Work is expected to begin in the spring, once the contract has been signed and the "
    "fishermen have agreed where their boats will be moored while the wall is rebuilt.",
]
MENU = ["Home", "World", "Politics", "Business", "Sport", "Weather", "Opinion"]
SIDEBAR = [f"Most read story number {i} about something else entirely" for i in range(1, 6)]
TEASER_HEADLINE = "Ferry timetable to change after harbour vote"
TEASER_LEAD = "The ferry company said on Wednesday that its winter timetable would …"


def saved_page(
    *,
    head: str | None = None,
    paragraphs: list[str] = PARAGRAPHS,
    charset: str = "utf-8",
) -> str:
    """A news page as a browser saves it: menu, share bar, article, byline, "Check Also"
    block with a teaser, sidebar, footer, and remote resources that must not be loaded."""
    if head is None:
        head = (
            f'<meta charset="{charset}">'
            "<title>Harbour plan approved | The Coastal Times</title>"
            '<meta property="og:site_name" content="The Coastal Times">'
            '<meta property="og:title" content="Harbour plan approved">'
            '<meta name="author" content="Maria Lopez">'
            '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
            '<link rel="canonical" href="/news/2024/03/harbour-plan-approved">'
            '<link rel="stylesheet" href="https://cdn.example.com/site.css">'
            '<script src="https://cdn.example.com/tracker.js"></script>'
        )
    menu = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in MENU)
    side = "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(SIDEBAR))
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en-GB"><head>' + head + "</head><body>"
        f'<header><nav class="main-menu"><ul>{menu}</ul></nav></header>'
        '<div class="wrapper"><main><article class="post"><h1>Harbour plan approved</h1>'
        '<div class="share-buttons"><a href="https://facebook.com/share">Share on Facebook</a>'
        ' <a href="https://twitter.com/share">Share on Twitter</a></div>'
        '<div class="entry-content"><img src="https://images.example.com/harbour.jpg" alt="">'
        f"{text}<p>Maria Lopez</p><h3>Check Also</h3>"
        f'<p><a href="/news/ferry">{TEASER_HEADLINE}</a></p><p>{TEASER_LEAD}</p>'
        "</div></article></main>"
        f'<aside class="sidebar"><h3>Most read</h3><ul>{side}</ul></aside></div>'
        "<footer><p>© 2024 The Coastal Times. All rights reserved.</p></footer>"
        "</body></html>"
    )


def read(data: bytes, **keywords: object) -> ArticleDraft:
    drafts = list(read_html(data, "page.html", OPTIONS, **keywords))  # type: ignore[arg-type]
    assert len(drafts) == 1
    return drafts[0]


def refusal(data: bytes, options: ReadOptions = OPTIONS) -> str:
    with pytest.raises(IngestError) as caught:
        list(read_html(data, "page.html", options))
    assert caught.value.source_ref == "page.html"
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_article_paragraphs_without_menu_sidebar_or_teasers() -> None:
    draft = read(saved_page().encode(), url=URL)
    assert draft.body.split("\n\n") == PARAGRAPHS
    for leftover in [*MENU, *SIDEBAR, "Share on Facebook", TEASER_HEADLINE, TEASER_LEAD, "©"]:
        assert leftover not in draft.body
    assert "Check Also" in draft.trimmed
    assert TEASER_LEAD in draft.trimmed
    assert "Check Also" not in draft.body


def test_page_metadata() -> None:
    draft = read(saved_page().encode(), url=URL)
    assert draft.title == "Harbour plan approved"
    assert draft.author == "Maria Lopez"
    assert draft.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert draft.site_name == "The Coastal Times"
    assert draft.url == URL
    # Relative canonical links are resolved against the page's address.
    assert draft.canonical_url == "https://coastal.example/news/2024/03/harbour-plan-approved"
    assert draft.source_kind == "html"
    assert draft.source_ref == "page.html"
    # The language is detected from the text elsewhere; the page's claim is kept as a hint.
    assert draft.language is None
    assert draft.extra == {"declared_language": "en"}


def test_title_from_the_title_element_without_the_site_name() -> None:
    head = (
        "<title>Harbour plan approved - The Coastal Times</title>"
        '<meta property="og:site_name" content="The Coastal Times">'
    )
    draft = read(saved_page(head=head).encode())
    assert draft.title == "Harbour plan approved"
    assert draft.site_name == "The Coastal Times"
    assert draft.published is None or draft.published.tzinfo is not None
    assert draft.canonical_url is None


def test_byline_in_the_text_when_the_page_names_no_author() -> None:
    head = '<meta charset="utf-8"><title>Harbour plan approved</title>'
    draft = read(saved_page(head=head).encode())
    assert draft.author == "Maria Lopez"
    assert "Maria Lopez" in draft.trimmed
    assert not draft.body.endswith("Maria Lopez")


def test_date_without_a_zone_is_utc() -> None:
    head = (
        '<meta charset="utf-8"><title>Harbour plan approved</title>'
        '<meta property="article:published_time" content="2024-03-05">'
    )
    draft = read(saved_page(head=head).encode())
    assert draft.published == datetime(2024, 3, 5, tzinfo=UTC)


def test_declared_legacy_charset_is_honoured() -> None:
    paragraphs = [
        p.replace("town's", "town’s").replace("spring", "spring – the café owners said")
        for p in PARAGRAPHS
    ]
    data = saved_page(paragraphs=paragraphs, charset="windows-1252").encode("cp1252")
    draft = read(data)
    assert "town’s remaining fishing boats" in draft.body
    assert "the café owners said" in draft.body


def test_fragment_without_a_document_around_it() -> None:
    data = ("<h1>Harbour plan approved</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)).encode()
    draft = read(data)
    assert draft.title == "Harbour plan approved"
    assert draft.body.split("\n\n") == PARAGRAPHS


def test_first_line_stands_in_for_a_missing_title() -> None:
    data = ("<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>").encode()
    draft = read(data)
    assert draft.title == PARAGRAPHS[0]
    assert draft.body.split("\n\n") == PARAGRAPHS[1:]


def test_kind_for_a_fetched_page() -> None:
    assert read(saved_page().encode(), url=URL, kind="url").source_kind == "url"


def test_binary_data_named_html_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert refusal(png) == "this is a binary file, not a web page"


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_file_is_refused(data: bytes) -> None:
    assert refusal(data) == "the file is empty"


def test_oversized_page_is_refused() -> None:
    options = ReadOptions(max_article_bytes=1024 * 1024)
    data = saved_page().encode() + b" " * (4 * 1024 * 1024)
    assert refusal(data, options) == "the page is larger than the 4 MB limit for one web page"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><body><p>Advertisement</p></body></html>",
    ],
)
def test_page_without_article_text_is_refused(page: str) -> None:
    assert refusal(page.encode()) == "no article text found in the page"


def test_nothing_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("read_html tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    draft = read(saved_page().encode(), url=URL)
    assert draft.body.split("\n\n") == PARAGRAPHS
    # A file holding nothing but an address is text, never something to download.
    with pytest.raises(IngestError):
        list(read_html(b"https://coastal.example/news/harbour", "link.html", OPTIONS, url=URL))


# --- the benchmark metric (bench/extraction.py) ----------------------------------------------


def test_shingles_are_counted_with_repeats_and_short_texts_are_one_shingle() -> None:
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles("Hello, world!") == {("Hello", "world"): 1}
    assert shingles(" ... ") == {}


def test_page_scores_are_scaled_to_one() -> None:
    assert score_page("a b c d e", "a b c d e") == PageScore(1.0, 0.0, 0.0)
    # One shared shingle (a b c d), one extra (b c d x), one missing (b c d e).
    assert score_page("a b c d e", "a b c d x") == PageScore(1 / 3, 1 / 3, 1 / 3)
    assert score_page("a b c d e", "") == PageScore(0.0, 0.0, 1.0)
    # Repeats count: one of the two (a b c d) is found, the other four shingles are missing.
    assert score_page("a b c d a b c d", "a b c d") == PageScore(0.2, 0.0, 0.8)
    assert score_page("", "") == PageScore(0.0, 0.0, 0.0)


def test_metric_on_a_hand_made_benchmark() -> None:
    scores = [score_page("a b c d e", "a b c d e"), score_page("a b c d e", "a b c d x")]
    # Averages: tp 2/3, fp 1/6, fn 1/6, so precision = recall = (2/3) / (5/6) = 0.8.
    result = aggregate(scores)
    assert result.pages == 2
    assert result.precision == pytest.approx(0.8)
    assert result.recall == pytest.approx(0.8)
    assert result.f1 == pytest.approx(0.8)
    # Upstream's per-page averaging: precision (1 + 1/2) / 2 = 0.75, the same for recall.
    upstream = aggregate_per_page(scores)
    assert upstream.precision == pytest.approx(0.75)
    assert upstream.f1 == pytest.approx(0.75)
    # A page with nothing extracted counts against recall only: averages tp 4/9, fp 1/9,
    # fn 4/9, so precision 0.8 and recall 0.5.
    missed = aggregate([*scores, score_page("a b c d e", "")])
    assert missed.precision == pytest.approx(0.8)
    assert missed.recall == pytest.approx(0.5)
    assert missed.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)


def test_split_is_a_stable_hash_of_the_page_id() -> None:
    # sha1("page-1") ends in ...b2 (even): dev; sha1("page-2") ends in ...49 (odd): test.
    assert split_of("page-1") == "dev"
    assert split_of("page-2") == "test"


@pytest.mark.datasets
def test_extraction_benchmark_stays_above_the_published_trafilatura_score() -> None:
    root = shared_path("datasets/extraction_benchmark")
    pages = load_pages(root, "all")
    scores = aggregate([run.score for run in run_pages(pages)])
    # trafilatura 2.0 alone published F1 0.958 on these pages; ours, trimmed, must not fall below.
    assert scores.pages == 181
    assert scores.f1 >= 0.96
