"""CSV, TSV, JSON and JSON Lines datasets: column mapping, defaults, bad rows, dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions
from ingest.tabular import (
    format_size,
    paragraphs_of,
    parse_date,
    read_csv,
    read_json,
    read_jsonl,
    title_from_body,
)


def drafts(results: list[ArticleDraft | IngestError]) -> list[ArticleDraft]:
    return [result for result in results if isinstance(result, ArticleDraft)]


def errors(results: list[ArticleDraft | IngestError]) -> list[IngestError]:
    return [result for result in results if isinstance(result, IngestError)]


class TestCsv:
    def test_custom_columns_through_the_field_map(self) -> None:
        data = (
            b"id,headline,text,source,when,link\n"
            b'1,Port reopens,"The port reopened on Monday.\n\nShips queued.",Coast Daily,'
            b"2026-03-02T10:00:00+01:00,https://coast.example/port\n"
        )
        options = ReadOptions(
            field_map={"title": "headline", "body": "text", "outlet": "source", "published": "when"}
        )
        (draft,) = list(read_csv(data, "dump.csv", options))
        assert draft == ArticleDraft(
            title="Port reopens",
            body="The port reopened on Monday.\n\nShips queued.",
            source_kind="csv",
            source_ref="dump.csv#row 2",
            outlet_hint="Coast Daily",
            url="https://coast.example/port",  # "link" is a default name for the url
            published=datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=1))),
        )

    def test_default_column_names_ignore_case_and_punctuation(self) -> None:
        data = (
            b"Headline;Article Body;Publisher;Byline;PubDate\n"
            b"Storm hits coast;Winds reached 120 km/h.;Weather Weekly;A. Writer;March 3, 2026\n"
        )
        (draft,) = list(read_csv(data, "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert (draft.title, draft.body, draft.outlet_hint, draft.author) == (
            "Storm hits coast",
            "Winds reached 120 km/h.",
            "Weather Weekly",
            "A. Writer",
        )
        assert draft.published == datetime(2026, 3, 3, tzinfo=UTC)

    def test_rows_without_text_are_errors_and_the_rest_goes_on(self) -> None:
        data = b"title,body\nFirst,One.\nSecond,\n\nThird,Three.\n"
        results = list(read_csv(data, "dump.csv", ReadOptions()))
        assert [d.title for d in drafts(results)] == ["First", "Third"]
        (error,) = errors(results)
        assert error.source_ref == "dump.csv#row 3"
        assert error.reason == "no article text in this row"
        # Row numbers count as a spreadsheet does, blank lines included.
        assert drafts(results)[1].source_ref == "dump.csv#row 5"

    def test_missing_title_comes_from_the_first_sentence(self) -> None:
        data = b"text\nMr. Okafor said the U.S. plan was dead. Others disagreed.\n"
        (draft,) = list(read_csv(data, "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.title == "Mr. Okafor said the U.S. plan was dead."

    def test_single_newlines_become_paragraphs(self) -> None:
        data = b'body\n"Line one.\nLine two.\r\nLine three."\n'
        (draft,) = list(read_csv(data, "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.body == "Line one.\n\nLine two.\n\nLine three."

    def test_cp1252_with_accents_and_curly_quotes(self) -> None:
        text = (
            "title,body,outlet\r\n"
            'Café owners protest,"“We will not close,” said the café’s owner.",Le Monde Local\r\n'
        )
        (draft,) = list(read_csv(text.encode("cp1252"), "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.title == "Café owners protest"
        assert draft.body == "“We will not close,” said the café’s owner."

    def test_utf8_bom_is_not_part_of_the_first_column(self) -> None:
        data = "\ufefftitle,body\nBOM,Text here.\n".encode()
        (draft,) = list(read_csv(data, "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.title == "BOM"

    def test_tsv(self) -> None:
        data = b"title\tcontent\tdomain\nA, B and C\tText, with commas.\tnews.example\n"
        (draft,) = list(read_csv(data, "dump.tsv", ReadOptions(), delimiter="\t"))
        assert isinstance(draft, ArticleDraft)
        assert (draft.title, draft.body, draft.outlet_hint, draft.source_kind) == (
            "A, B and C",
            "Text, with commas.",
            "news.example",
            "tsv",
        )

    def test_tab_delimiter_is_sniffed(self) -> None:
        data = b"title\tbody\nT\tB, with a comma.\n"
        (draft,) = list(read_csv(data, "dump.txt", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert (draft.body, draft.source_kind) == ("B, with a comma.", "tsv")

    def test_large_fields_are_read(self) -> None:
        body = "word " * 60_000  # 300 kB, above the csv module's default 128 kB limit
        data = f'title,body\nBig,"{body}"\n'.encode()
        (draft,) = list(read_csv(data, "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert len(draft.body) == len(body.strip())

    def test_oversized_row_is_an_error(self) -> None:
        data = b"title,body\nSmall,Short.\nBig," + b"x" * 200 + b"\n"
        results = list(read_csv(data, "dump.csv", ReadOptions(max_article_bytes=100)))
        assert [d.title for d in drafts(results)] == ["Small"]
        (error,) = errors(results)
        assert error.source_ref == "dump.csv#row 3"
        assert error.reason == "the article text is larger than the 100 bytes limit for one article"

    def test_mapping_to_a_missing_column(self) -> None:
        data = b"headline,story\nT,B\n"
        options = ReadOptions(field_map={"body": "text"})
        with pytest.raises(IngestError) as caught:
            list(read_csv(data, "dump.csv", options))
        assert caught.value.source_ref == "dump.csv"
        assert caught.value.reason == (
            "the mapping body=text names a column the file does not have; columns: headline, story"
        )

    def test_mapping_to_an_unknown_field(self) -> None:
        with pytest.raises(IngestError, match="unknown field 'headline'"):
            list(read_csv(b"a,b\n1,2\n", "dump.csv", ReadOptions(field_map={"headline": "a"})))

    def test_mapping_ignores_case(self) -> None:
        options = ReadOptions(field_map={"body": "TEXT"})
        (draft,) = list(read_csv(b"Text\nHello there.\n", "dump.csv", options))
        assert isinstance(draft, ArticleDraft)
        assert draft.body == "Hello there."

    def test_no_body_column(self) -> None:
        with pytest.raises(IngestError) as caught:
            list(read_csv(b"id,headline\n1,T\n", "dump.csv", ReadOptions()))
        assert caught.value.reason == (
            "no article text column found; name it with --map body=COLUMN; columns: id, headline"
        )

    def test_empty_and_binary_files(self) -> None:
        with pytest.raises(IngestError, match="the file is empty"):
            list(read_csv(b"", "dump.csv", ReadOptions()))
        with pytest.raises(IngestError, match="binary"):
            list(read_csv(bytes(range(256)), "dump.csv", ReadOptions()))

    def test_unparseable_date_is_none(self) -> None:
        (draft,) = list(read_csv(b"body,date\nText.,last Tuesday\n", "dump.csv", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.published is None


class TestJson:
    ARTICLES = [  # noqa: RUF012 - test data, never mutated
        {
            "headline": "Bridge closed",
            "content": "The bridge closed at noon.",
            "source": {"id": "city-news", "name": "City News"},
            "authors": ["Ana Lima", "Bo Chen"],
            "publishedAt": "2026-02-01T12:00:00Z",
            "url": "https://city.example/bridge",
        },
        {"headline": "No text here"},
        "not an object",
        {"content": "Second story text. It has two sentences.", "lang": "pt"},
    ]

    def test_array_of_objects(self) -> None:
        data = json.dumps(self.ARTICLES).encode()
        results = list(read_json(data, "dump.json", ReadOptions()))
        first, missing, wrong, last = results
        assert first == ArticleDraft(
            title="Bridge closed",
            body="The bridge closed at noon.",
            source_kind="json",
            source_ref="dump.json#1",
            outlet_hint="City News",
            url="https://city.example/bridge",
            author="Ana Lima, Bo Chen",
            published=datetime(2026, 2, 1, 12, 0, tzinfo=UTC),
        )
        assert isinstance(missing, IngestError)
        assert (missing.source_ref, missing.reason) == (
            "dump.json#2",
            "no article text in this row",
        )
        assert isinstance(wrong, IngestError)
        assert wrong.reason == "expected an article object, found a string"
        assert isinstance(last, ArticleDraft)
        assert (last.title, last.language) == ("Second story text.", "pt")

    @pytest.mark.parametrize("key", ["articles", "items", "data", "Results"])
    def test_object_holding_a_list(self, key: str) -> None:
        data = json.dumps({"status": "ok", key: [{"title": "T", "body": "B."}]}).encode()
        (draft,) = list(read_json(data, "dump.json", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert (draft.title, draft.body) == ("T", "B.")

    def test_escaped_control_characters_are_cleaned(self) -> None:
        data = b'[{"title": "T", "body": "Line one.\\r\\nLine\\u0000 two."}]'
        (draft,) = list(read_json(data, "dump.json", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.body == "Line one.\n\nLine two."

    def test_single_article_object(self) -> None:
        data = json.dumps({"title": "Solo", "text": "Alone."}).encode()
        (draft,) = list(read_json(data, "one.json", ReadOptions()))
        assert isinstance(draft, ArticleDraft)
        assert draft.source_ref == "one.json#1"

    def test_mapping_checks_every_object_for_the_column(self) -> None:
        data = json.dumps([{"t": "a"}, {"t": "b", "writer": "W"}]).encode()
        options = ReadOptions(field_map={"body": "t", "author": "writer"})
        first, second = list(read_json(data, "dump.json", options))
        assert isinstance(first, ArticleDraft)
        assert isinstance(second, ArticleDraft)
        assert (first.author, second.author) == (None, "W")

    def test_mapping_to_a_missing_field(self) -> None:
        data = json.dumps([{"title": "T", "body": "B"}]).encode()
        with pytest.raises(IngestError, match=r"body=text names a column .*columns: title, body"):
            list(read_json(data, "dump.json", ReadOptions(field_map={"body": "text"})))

    def test_invalid_json(self) -> None:
        with pytest.raises(IngestError) as caught:
            list(read_json(b'[{"title": "T",\n "body": }]', "dump.json", ReadOptions()))
        assert caught.value.reason == "not valid JSON: Expecting value (line 2, column 10)"

    def test_no_list_of_articles(self) -> None:
        data = json.dumps({"a": [1, 2], "b": {"c": 1}}).encode()
        with pytest.raises(IngestError, match="expected a JSON array of articles"):
            list(read_json(data, "dump.json", ReadOptions()))


class TestJsonl:
    def test_lines_with_a_bad_one(self) -> None:
        data = (
            b'{"title": "One", "text": "First."}\n'
            b"\n"
            b'{"title": "Two", "text": \n'
            b"[1, 2]\n"
            b'{"title": "Three", "text": "Third.", "date": "1767268800"}\n'
        )
        results = list(read_jsonl(data, "dump.jsonl", ReadOptions()))
        assert [type(result).__name__ for result in results] == [
            "ArticleDraft",
            "IngestError",
            "IngestError",
            "ArticleDraft",
        ]
        bad, array = results[1], results[2]
        assert isinstance(bad, IngestError)
        assert (bad.source_ref, bad.reason) == (
            "dump.jsonl#line 3",
            "not valid JSON: Expecting value (column 26)",
        )
        assert isinstance(array, IngestError)
        assert (array.source_ref, array.reason) == (
            "dump.jsonl#line 4",
            "expected an article object, found an array",
        )
        first, third = results[0], results[3]
        assert isinstance(first, ArticleDraft)
        assert isinstance(third, ArticleDraft)
        assert (first.source_ref, first.source_kind) == ("dump.jsonl#line 1", "jsonl")
        assert third.published == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def test_no_object_at_all(self) -> None:
        with pytest.raises(IngestError, match="no line holds a JSON object"):
            list(read_jsonl(b"[1]\nnot json\n", "dump.jsonl", ReadOptions()))

    def test_mapping_to_a_missing_field(self) -> None:
        data = b'{"body": "B"}\n'
        with pytest.raises(IngestError, match="title=headline names a column"):
            list(read_jsonl(data, "d.jsonl", ReadOptions(field_map={"title": "headline"})))


class TestHelpers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2026-03-04", datetime(2026, 3, 4, tzinfo=UTC)),
            ("2026-03-04T10:00:00Z", datetime(2026, 3, 4, 10, tzinfo=UTC)),
            (
                "2026-03-04T10:00:00+02:00",
                datetime(2026, 3, 4, 10, tzinfo=timezone(timedelta(hours=2))),
            ),
            ("2026-03-04 10:00:00", datetime(2026, 3, 4, 10, tzinfo=UTC)),
            ("Wed, 04 Mar 2026 10:00:00 +0000", datetime(2026, 3, 4, 10, tzinfo=UTC)),
            ("1772618400", datetime(2026, 3, 4, 10, tzinfo=UTC)),
            ("1772618400000", datetime(2026, 3, 4, 10, tzinfo=UTC)),
            ("March 4, 2026", datetime(2026, 3, 4, tzinfo=UTC)),
            ("Wednesday, March 4, 2026", datetime(2026, 3, 4, tzinfo=UTC)),
            ("4 Mar 2026", datetime(2026, 3, 4, tzinfo=UTC)),
            ("2026/03/04", datetime(2026, 3, 4, tzinfo=UTC)),
            ("24/03/2026", datetime(2026, 3, 24, tzinfo=UTC)),
            ("03/24/2026 5:30 PM", datetime(2026, 3, 24, 17, 30, tzinfo=UTC)),
            ("03/04/2026", None),  # 3 April or March 4: not guessed
            ("yesterday", None),
            ("", None),
            ("2026-02-30", None),
        ],
    )
    def test_parse_date(self, text: str, expected: datetime | None) -> None:
        assert parse_date(text) == expected

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("Short one. Then more.", "Short one."),
            (
                "Mr. Lee met Dr. Ito in the U.S. on Friday. Then",
                "Mr. Lee met Dr. Ito in the U.S. on Friday.",
            ),
            ("J. K. Rowling spoke! Fans cheered.", "J. K. Rowling spoke!"),
            (
                "A first sentence that is long enough. Second.",
                "A first sentence that is long enough.",
            ),
            ("“Quoted words end here,” she said. Next.", "“Quoted words end here,” she said."),
            (
                "word " * 40,
                "word word word word word word word word word word word word word word word "
                "word word word word word…",
            ),
            ("", ""),
        ],
    )
    def test_title_from_body(self, body: str, expected: str) -> None:
        assert title_from_body(body) == expected

    def test_paragraphs_of_keeps_line_breaks_inside_blank_separated_paragraphs(self) -> None:
        assert paragraphs_of(" A\nB \n\n\n C ") == "A\nB\n\nC"

    @pytest.mark.parametrize(
        ("size", "text"),
        [(20, "20 bytes"), (2048, "2 KB"), (5 * 1024 * 1024, "5 MB"), (1536, "1.5 KB")],
    )
    def test_format_size(self, size: int, text: str) -> None:
        assert format_size(size) == text


class TestEmptyDatasets:
    def test_csv_header_without_rows(self) -> None:
        with pytest.raises(IngestError, match="the CSV file has a header but no rows"):
            list(read_csv(b"title,body\n\n", "dump.csv", ReadOptions()))

    def test_json_empty_list(self) -> None:
        with pytest.raises(IngestError, match="holds no articles"):
            list(read_json(b'{"articles": []}', "dump.json", ReadOptions()))
