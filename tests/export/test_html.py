"""The HTML report: one self-contained file, every piece of article text escaped."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from analysis.compare import compare
from analysis.report import Span
from analysis.scoring import analyze
from export import render_document
from export.records import ComparisonExport, ExportArticle

pytestmark = pytest.mark.usefixtures("qapp")  # the chart is drawn by Qt


class _Resources(HTMLParser):
    """Every URL an element would load or link to, and every element name."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster") and value:
                self.urls.append(value)


def _parse(html: str) -> _Resources:
    parser = _Resources()
    parser.feed(html)
    return parser


def test_report_is_one_file_with_no_external_resources(demo_export: ComparisonExport) -> None:
    html = render_document(demo_export, "html").decode("utf-8")
    found = _parse(html)
    assert all(url.startswith("data:") for url in found.urls), found.urls
    assert "script" not in found.tags
    assert "link" not in found.tags
    assert not re.search(r"url\(|@import|https?://", html.split("</style>")[0].split("<style>")[1])
    assert "default-src 'none'" in html  # the browser may load nothing else either
    chart = next(url for url in found.urls if url.startswith("data:image/png;base64,"))
    assert base64.b64decode(chart.split(",", 1)[1]).startswith(b"\x89PNG")


def test_report_carries_the_handout_content(demo_export: ComparisonExport) -> None:
    html = render_document(demo_export, "html").decode("utf-8")
    for phrase in (
        "Port Calder dock strike",
        "The articles side by side",
        "Same content, different words",
        "Only in one article",
        "Who speaks",
        "Glossary",
        "Method note",
        "0.7.8",
        "Lina Sorrell",
    ):
        assert phrase in html, phrase
    # Highlights keep their category (colour and underline come from the class) and reason.
    mark = re.search(r'<mark class="hl c-labelling own" title="([^"]*)">troublemakers</mark>', html)
    assert mark is not None
    assert "labelling" in mark.group(1)
    assert re.search(r'<mark class="hl c-\w+ speaker"[^>]*>disgraceful</mark>', html)


def test_article_text_is_escaped() -> None:
    hostile = analyze(
        "<script>alert('x')</script> Mayor & council clash",
        'The mayor said <img src="https://tracker.example/x.png"> the vote was a farce. '
        "Council members walked out & the meeting ended.",
        language="en",
    )
    plain = analyze(
        "Mayor and council clash over vote",
        "The mayor said the vote was unfair. Council members walked out and the meeting ended.",
        language="en",
    )
    export = ComparisonExport(
        (ExportArticle(hostile, outlet="A <b>bold</b> outlet"), ExportArticle(plain, outlet="B")),
        compare([hostile, plain]),
    )
    html = render_document(export, "html").decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert not any("tracker.example" in url for url in _parse(html).urls)
    assert "&lt;img src=&quot;https://tracker.example/x.png&quot;&gt;" in html
    assert "Mayor &amp; council clash" in html


def test_teacher_corrections_show(demo_export: ComparisonExport) -> None:
    """The library applies corrections to the reports; exports show the reports as given."""
    star = demo_export.articles[1].report
    rejected = next(s for s in star.spans if s.text == "troublemakers")
    start = star.text.index("Officers cleared")
    added = Span(start, start + 8, "Officers", "loaded", "euphemism", 1.0, "outlet", None, "added")
    corrected = replace(star, spans=(*(s for s in star.spans if s != rejected), added))
    articles = list(demo_export.articles)
    articles[1] = replace(articles[1], report=corrected)
    reports = [a.report for a in articles]
    export = replace(demo_export, articles=tuple(articles), comparison=compare(reports))
    html = render_document(export, "html").decode("utf-8")
    assert ">troublemakers</mark>" not in html
    assert re.search(r'<mark class="hl c-euphemism own" title="added">Officers</mark>', html)
