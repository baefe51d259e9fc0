"""CSV and JSON for analysts: documented columns, parseable files, JSON that reads back."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from export import write_articles_csv, write_articles_json
from export.records import ComparisonExport
from export.tables import (
    ARTICLE_COLUMNS,
    COMPARISON_TABLES,
    TABLE_COLUMNS,
    from_json,
    read_json,
    to_json,
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_json_keeps_the_compare_shape_and_reads_back(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    articles = list(demo_export.articles)
    path = write_articles_json(tmp_path / "story.json", articles, demo_export.comparison)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"articles", "aligned", "unique", "contrasts", "speakers", "keyness"} <= set(data)
    first = data["articles"][0]
    assert {"id", "title", "outlet", "text", "scores", "frames", "sentences", "spans"} <= set(first)
    assert {"analyser", "models", "textstat"} <= set(first["versions"])
    assert first["published"] == "2026-03-12T18:05:00+00:00"
    assert first["story"] == "Port Calder dock strike"
    assert data["contrasts"][0]["sides"][0].keys() >= {"article", "phrase", "start", "end"}

    back, comparison = read_json(path)
    assert [a.report for a in back] == [a.report for a in articles]
    assert [replace(a, report=None) for a in back] == [replace(a, report=None) for a in articles]
    assert comparison == demo_export.comparison
    again = json.loads(json.dumps(to_json(back, comparison)))
    for key in ("articles", "aligned", "unique", "contrasts", "speakers", "keyness", "notable"):
        assert again[key] == data[key], key


def test_json_without_comparison(demo_export: ComparisonExport) -> None:
    data = json.loads(json.dumps(to_json(demo_export.articles[:1])))
    assert data["compared"] is False
    assert "aligned" not in data
    articles, comparison = from_json(data)
    assert comparison is None
    assert articles[0].report == demo_export.articles[0].report


def test_csv_tables_follow_the_documented_columns(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    written = write_articles_csv(
        tmp_path / "story.csv", demo_export.articles, demo_export.comparison
    )
    names = {p.name for p in written}
    expected = {"story.csv"} | {f"story.{t}.csv" for t in TABLE_COLUMNS}
    assert names == expected
    articles = _rows(tmp_path / "story.csv")
    with (tmp_path / "story.csv").open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert tuple(header[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert [r["outlet"] for r in articles] == [
        "The Calder Ledger",
        "Harbour Daily Star",
        "Coastline Voice",
    ]
    assert float(articles[1]["loaded_per_100_words"]) > float(articles[0]["loaded_per_100_words"])
    shares = [float(articles[0][f"frame_{code}"] or 0) for code in ("economic", "none")]
    assert all(0 <= share <= 1 for share in shares)
    for table, columns in TABLE_COLUMNS.items():
        with (tmp_path / f"story.{table}.csv").open(encoding="utf-8", newline="") as stream:
            assert tuple(next(csv.reader(stream))) == columns
    spans = _rows(tmp_path / "story.spans.csv")
    star = demo_export.articles[1]
    shown = [r for r in spans if r["article_id"] == str(star.article_id) and r["shown"] == "1"]
    assert len(shown) == len(star.report.highlighted())
    text = star.report.text
    assert all(text[int(r["start"]) : int(r["end"])] == r["text"] for r in shown)
    contrasts = _rows(tmp_path / "story.contrasts.csv")
    assert any(r["phrase"] == "troublemakers" and r["label"] == "labelling" for r in contrasts)


def test_csv_without_comparison_has_no_comparison_tables(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    written = write_articles_csv(tmp_path / "one.csv", demo_export.articles[:1])
    names = {p.name for p in written}
    assert names == {"one.csv", "one.spans.csv", "one.sentences.csv", "one.speakers.csv"}
    assert not any(f"one.{t}.csv" in names for t in COMPARISON_TABLES)


def test_csv_text_cannot_become_a_spreadsheet_formula(
    demo_export: ComparisonExport, tmp_path: Path
) -> None:
    article = demo_export.articles[0]
    report = replace(article.report, title='=HYPERLINK("http://x")')
    write_articles_csv(tmp_path / "f.csv", [replace(article, report=report)])
    [row] = _rows(tmp_path / "f.csv")
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["tone"].startswith("-")  # numbers are left alone
