"""RSS and Atom feeds: entries, summaries, refused XML bombs, full text through a fetcher."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.feeds import html_to_text, read_feed
from ingest.options import ReadOptions

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <language>en-gb</language>
  <item>
    <title>Ferry strike enters &amp; its third day</title>
    <link>https://gazette.example/news/ferry-strike</link>
    <description>Crews stay off the boats.</description>
    <content:encoded><![CDATA[
      <p>Ferry crews stayed off the boats for a <b>third</b> day on Monday.</p>
      <script>trackReader()</script>
      <p>The operator said talks would resume.<br/>Unions disagreed.</p>
      <img src="https://tracker.example/pixel.gif"/>
    ]]></content:encoded>
    <dc:creator>Mairi Campbell</dc:creator>
    <pubDate>Mon, 02 Mar 2026 09:30:00 +0100</pubDate>
  </item>
  <item>
    <title>Harbour wall repairs approved</title>
    <link>/news/harbour-wall</link>
    <description>
      &lt;p&gt;Councillors approved the &lt;i&gt;repairs&lt;/i&gt;.&lt;/p&gt;
    </description>
    <author>desk@gazette.example (News Desk)</author>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <link href="https://courier.example/"/>
  <id>urn:courier</id>
  <updated>2026-01-02T03:04:05Z</updated>
  <entry>
    <title type="html">Flood &lt;em&gt;warning&lt;/em&gt; lifted</title>
    <link href="https://courier.example/flood"/>
    <id>urn:courier:1</id>
    <published>2026-01-02T08:00:00+02:00</published>
    <updated>2026-01-02T09:00:00+02:00</updated>
    <author><name>Tomás Ruiz</name></author>
    <summary>The warning is over.</summary>
    <content type="html">
      &lt;p&gt;The river fell overnight.&lt;/p&gt;
      &lt;p&gt;Roads reopened.&lt;/p&gt;
    </content>
  </entry>
  <entry>
    <title>Café reopens</title>
    <link href="https://courier.example/cafe"/>
    <id>urn:courier:2</id>
    <updated>2026-01-03T10:00:00Z</updated>
    <summary>The corner café opened its doors again.</summary>
  </entry>
</feed>
""".encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>Leak</title><description>&secret;</description></item>
</channel></rss>
"""

REFUSED = "refused: the feed declares XML entities"


def read_all(data: bytes, options: ReadOptions | None = None) -> list[ArticleDraft | IngestError]:
    return list(read_feed(data, "news.xml", options or ReadOptions()))


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


class TestRss:
    def test_full_content_entry(self) -> None:
        first = read_all(RSS)[0]
        assert first == ArticleDraft(
            title="Ferry strike enters & its third day",
            body=(
                "Ferry crews stayed off the boats for a third day on Monday.\n\n"
                "The operator said talks would resume.\nUnions disagreed."
            ),
            source_kind="feed",
            source_ref="news.xml#1",
            outlet_hint="The Harbour Gazette",
            site_name="The Harbour Gazette",
            url="https://gazette.example/news/ferry-strike",
            author="Mairi Campbell",
            published=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
            language="en",
            summary_only=False,
        )

    def test_summary_only_entry(self) -> None:
        second = read_all(RSS)[1]
        assert isinstance(second, ArticleDraft)
        assert second.title == "Harbour wall repairs approved"
        assert second.body == "Councillors approved the repairs."
        assert second.summary_only is True
        # A relative link is resolved against the channel's link.
        assert second.url == "https://gazette.example/news/harbour-wall"
        # "email (Name)" is the RSS author convention.
        assert second.author == "News Desk"
        assert second.published is None
        assert second.source_ref == "news.xml#2"

    def test_entry_without_text_is_an_error_and_the_rest_goes_on(self) -> None:
        feed = b"""<rss version="2.0"><channel><title>T</title>
            <item><title>Empty</title><link>https://t.example/1</link></item>
            <item><title>Full</title><description>Some text.</description></item>
            </channel></rss>"""
        results = read_all(feed)
        assert isinstance(results[0], IngestError)
        assert results[0].source_ref == "news.xml#1"
        assert "no text" in results[0].reason
        assert isinstance(results[1], ArticleDraft)
        assert results[1].body == "Some text."

    def test_a_truncated_feed_says_it_is_malformed(self) -> None:
        feed = b'<rss version="2.0"><channel><title>T</title><item><title>Cut off</ti'
        (error,) = read_all(feed)
        assert isinstance(error, IngestError)
        assert error.reason.startswith("the entry has no text (no content and no summary); ")
        assert "the feed is malformed (" in error.reason

    def test_missing_title_comes_from_the_body(self) -> None:
        feed = b"""<rss version="2.0"><channel><title>T</title>
            <item><description>Tanks rolled into the square at dawn. Nobody spoke.</description>
            </item></channel></rss>"""
        (draft,) = read_all(feed)
        assert isinstance(draft, ArticleDraft)
        assert draft.title == "Tanks rolled into the square at dawn."

    def test_rss_1_0(self) -> None:
        feed = b"""<?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://r.example/"><title>RDF News</title>
                <link>https://r.example/</link><description>d</description></channel>
              <item rdf:about="https://r.example/1"><title>One</title>
                <link>https://r.example/1</link><description>First story.</description></item>
            </rdf:RDF>"""
        (draft,) = read_all(feed)
        assert isinstance(draft, ArticleDraft)
        assert (draft.title, draft.body, draft.outlet_hint) == ("One", "First story.", "RDF News")

    def test_a_netscape_doctype_without_entities_is_read(self) -> None:
        feed = b"""<?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
              "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><link>https://o.example/</link>
            <item><title>Vintage</title><link>https://o.example/v</link>
            <description>Still here.</description></item></channel></rss>"""
        (draft,) = read_all(feed)
        assert isinstance(draft, ArticleDraft)
        assert draft.body == "Still here."

    def test_an_unescaped_ampersand_is_forgiven(self) -> None:
        feed = b"""<rss version="2.0"><channel><title>Bread & Butter</title>
            <item><title>Salt & pepper</title><description>Both & more.</description></item>
            </channel></rss>"""
        (draft,) = read_all(feed)
        assert isinstance(draft, ArticleDraft)
        assert (draft.title, draft.body, draft.outlet_hint) == (
            "Salt & pepper",
            "Both & more.",
            "Bread & Butter",
        )


class TestAtom:
    def test_entries(self) -> None:
        first, second = read_all(ATOM)
        assert first == ArticleDraft(
            title="Flood warning lifted",
            body="The river fell overnight.\n\nRoads reopened.",
            source_kind="feed",
            source_ref="news.xml#1",
            outlet_hint="Valley Courier",
            site_name="Valley Courier",
            url="https://courier.example/flood",
            author="Tomás Ruiz",
            published=datetime(2026, 1, 2, 6, 0, tzinfo=UTC),
        )
        assert isinstance(second, ArticleDraft)
        assert second.title == "Café reopens"
        assert second.body == "The corner café opened its doors again."
        assert second.summary_only is True
        # No <published>: the <updated> date stands in.
        assert second.published == datetime(2026, 1, 3, 10, 0, tzinfo=UTC)

    def test_utf16_feed(self) -> None:
        data = ATOM.decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
        titles = [draft.title for draft in read_all(data) if isinstance(draft, ArticleDraft)]
        assert titles == ["Flood warning lifted", "Café reopens"]


class TestRefused:
    @pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
    def test_entity_declarations_are_refused_and_nothing_is_read(self, data: bytes) -> None:
        results = read_feed(data, "news.xml", ReadOptions())
        with pytest.raises(IngestError) as caught:
            next(results)
        assert caught.value.source_ref == "news.xml"
        assert caught.value.reason.startswith(REFUSED)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (b"</rss>", b"<rss"),  # broken after the declarations
            (b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="x-unknown"?>'),
            (b"<!DOCTYPE rss [", b"<!DOCTYPE rss [ <!-- broken -- -->"),
        ],
        ids=["body", "encoding", "prolog"],
    )
    def test_a_malformed_bomb_is_refused_too(self, old: bytes, new: bytes) -> None:
        # Not well-formed, so feedparser would fall back to its lenient parser.
        data = BILLION_LAUGHS.replace(old, new)
        assert data != BILLION_LAUGHS
        with pytest.raises(IngestError, match=REFUSED):
            read_all(data)

    def test_entity_text_inside_a_malformed_feed_body_is_not_refused(self) -> None:
        feed = (
            b'<rss version="2.0"><channel><title>XML & you</title><item><title>DTDs</title>'
            b"<description>Write &lt;!ENTITY name 'value'&gt; in a DTD. Or <!ENTITY "
            b"here.</description></item></channel></rss>"
        )
        results = read_all(feed)
        assert isinstance(results[0], ArticleDraft)

    def test_a_utf16_bomb_is_refused(self) -> None:
        data = BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16")
        with pytest.raises(IngestError, match=REFUSED):
            read_all(data)

    def test_an_html_page(self) -> None:
        data = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi<br></body>"
        with pytest.raises(IngestError, match="not an RSS or Atom feed: it is an HTML page"):
            read_all(data)

    def test_json(self) -> None:
        with pytest.raises(IngestError, match="not an RSS or Atom feed: it looks like JSON"):
            read_all(b'{"items": [{"title": "x"}]}')

    def test_other_xml(self) -> None:
        with pytest.raises(IngestError, match=r"not an RSS or Atom feed \(its first element"):
            read_all(b"<?xml version='1.0'?><svg><circle r='1'/></svg>")

    def test_malformed_feed_without_entries(self) -> None:
        data = b'<rss version="2.0"><channel><title>Broken</title></chanel></rss>'
        with pytest.raises(IngestError) as caught:
            read_all(data)
        assert caught.value.reason.startswith("malformed feed, no entry could be read: ")
        assert "mismatched tag" in caught.value.reason

    def test_empty_and_binary(self) -> None:
        with pytest.raises(IngestError, match="the file is empty"):
            read_all(b"  \n")
        with pytest.raises(IngestError, match="binary"):
            read_all(bytes(range(256)) * 4)

    def test_feed_without_entries(self) -> None:
        with pytest.raises(IngestError, match="the feed has no entries"):
            read_all(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')

    def test_a_string_that_names_a_file_is_not_opened(self, tmp_path) -> None:
        # feedparser.parse() opens paths and URLs given as strings; we give it a stream.
        secret = tmp_path / "secret.xml"
        secret.write_bytes(RSS)
        with pytest.raises(IngestError):
            read_all(str(secret).encode())

    def test_oversized_entry(self) -> None:
        options = ReadOptions(max_article_bytes=60)
        results = read_all(RSS, options)
        assert isinstance(results[0], IngestError)
        assert "larger than" in results[0].reason
        assert isinstance(results[1], ArticleDraft)  # the short one still goes through


class TestFullText:
    def test_pages_replace_the_feed_text_and_keep_feed_metadata(self) -> None:
        fetched: list[str] = []

        def fetcher(url: str) -> tuple[str, str, bytes]:
            fetched.append(url)
            final = url + "?amp=0"
            return (
                final,
                "text/html; charset=utf-8",
                page(
                    "Harbour wall repairs approved",
                    [
                        "Councillors approved the repairs to the harbour wall on Tuesday evening "
                        "after a long debate about the cost of the work.",
                        "The work will start in spring and should take about six months, the "
                        "council's engineer told the meeting.",
                    ],
                ),
            )

        options = ReadOptions(fetch_full_text=True, fetcher=fetcher)
        results = read_all(RSS, options)
        assert fetched == [
            "https://gazette.example/news/ferry-strike",
            "https://gazette.example/news/harbour-wall",
        ]
        second = results[1]
        assert isinstance(second, ArticleDraft)
        assert second.summary_only is False
        assert second.source_kind == "url"
        assert second.source_ref == "news.xml#2"
        assert "The work will start in spring" in second.body
        assert second.url == "https://gazette.example/news/harbour-wall?amp=0"
        # The page names no author or outlet: the feed's are kept.
        assert second.author == "News Desk"
        assert second.outlet_hint == "The Harbour Gazette"
        assert second.language == "en"

    def test_a_failed_fetch_keeps_the_summary_and_says_so(self) -> None:
        def fetcher(url: str) -> tuple[str, str, bytes]:
            raise IngestError(url, "the server did not answer within 20 s")

        options = ReadOptions(fetch_full_text=True, fetcher=fetcher)
        results = read_all(RSS, options)
        kinds = [type(result).__name__ for result in results]
        assert kinds == ["IngestError", "ArticleDraft", "IngestError", "ArticleDraft"]
        error, summary = results[2], results[3]
        assert isinstance(error, IngestError)
        assert error.source_ref == "news.xml#2"
        assert error.reason == (
            "the full text of https://gazette.example/news/harbour-wall could not be read "
            "(the server did not answer within 20 s); the feed's summary was imported instead"
        )
        assert isinstance(summary, ArticleDraft)
        assert summary.summary_only is True
        assert summary.body == "Councillors approved the repairs."
        first_error = results[0]
        assert isinstance(first_error, IngestError)
        assert first_error.reason.endswith("the feed's text was imported instead")

    def test_any_fetcher_exception_is_one_entry_failure(self) -> None:
        def fetcher(url: str) -> tuple[str, str, bytes]:
            raise OSError("connection reset")

        options = ReadOptions(fetch_full_text=True, fetcher=fetcher)
        results = read_all(ATOM, options)
        assert [type(result).__name__ for result in results] == [
            "IngestError",
            "ArticleDraft",
            "IngestError",
            "ArticleDraft",
        ]
        assert "(connection reset)" in results[0].reason  # type: ignore[union-attr]

    def test_a_non_html_page_is_a_failure(self) -> None:
        def fetcher(url: str) -> tuple[str, str, bytes]:
            return url, "application/pdf", b"%PDF-1.4"

        results = read_all(ATOM, ReadOptions(fetch_full_text=True, fetcher=fetcher))
        assert isinstance(results[0], IngestError)
        assert "the linked page is not HTML (application/pdf)" in results[0].reason

    def test_without_a_fetcher_nothing_is_fetched(self) -> None:
        results = read_all(RSS, ReadOptions(fetch_full_text=True, fetcher=None))
        assert [r.summary_only for r in results if isinstance(r, ArticleDraft)] == [False, True]


class TestHtmlToText:
    def test_blocks_breaks_and_dropped_elements(self) -> None:
        markup = (
            "<div><h2>Head</h2><p>One <b>bold</b> <script>x()</script>tail</p>text"
            "<br>line<br><br>new paragraph<ul><li>a</li><li>b</li></ul>"
            "<table><tr><td>c1</td><td>c2</td></tr></table><style>p{}</style>"
            "<iframe src='https://x.example/'>frame</iframe>&amp; more&nbsp;here</div>"
        )
        assert html_to_text(markup) == (
            "Head\n\nOne bold tail\n\ntext\nline\n\nnew paragraph\n\na\n\nb\n\nc1 c2\n\n& more here"
        )

    def test_plain_text_is_kept(self) -> None:
        assert html_to_text("  just   words \n\n more ") == "just words\n\nmore"

    def test_deep_nesting_does_not_overflow(self) -> None:
        markup = "<div>" * 5000 + "deep" + "</div>" * 5000
        assert html_to_text(markup) == "deep"
