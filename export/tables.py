"""CSV and JSON for analysts: articles, scores, frames, sentences, spans, speakers and, for 2–4
articles, their comparison. The columns are documented in docs/export.md.

JSON keeps the shapes of ``analyze --json`` and ``compare --json`` (DESIGN.md "Contract";
keys are added, never renamed) and reads back into the same records (:func:`read_json`).
CSV is one file per table: ``OUT`` holds the articles, ``OUT``'s stem plus ``.spans.csv``,
``.sentences.csv`` ... the others.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from analysis.compare import Comparison
from analysis.corpus import FRAMES
from analysis.report import ArticleReport
from export.records import ExportArticle

#: Identifies an export file and its layout version.
FORMAT = "parallax-export"
FORMAT_VERSION = 1

#: Score columns of the articles table, in order; scores not listed here follow, sorted.
SCORE_COLUMNS = (
    "words",
    "sentences",
    "outlet_words",
    "loaded",
    "loaded_quoted",
    "loaded_per_100_words",
    "loaded_per_100_words_quoted",
    "tone",
    "subjectivity",
    "hedges_per_100_words",
    "boosters_per_100_words",
    "quote_share",
    "reported_share",
    "sources_named",
    "sources_anonymous",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog",
    "dale_chall",
    "biased_sentences",
    "loaded_threshold",
)
#: Frame columns (``frame_<code>``): the 14 Media Frames Corpus frames and ``none``.
FRAME_CODES = (*FRAMES, "none")
ARTICLE_COLUMNS = (
    "article_id",
    "title",
    "outlet",
    "author",
    "published",
    "story",
    "url",
    "language",
    "analysed",
    "note",
    *SCORE_COLUMNS,
    *(f"frame_{code}" for code in FRAME_CODES),
    "analyser_version",
    "models_version",
    "textstat_version",
)
#: Columns of the other tables, by table name (the file suffix).
TABLE_COLUMNS = {
    "spans": (
        "article_id",
        "start",
        "end",
        "text",
        "layer",
        "label",
        "score",
        "shown",
        "voice",
        "speaker",
        "why",
    ),
    "sentences": (
        "article_id",
        "sentence",
        "start",
        "end",
        "voice",
        "speaker",
        "frame",
        "bias",
        "biased",
        "text",
    ),
    "speakers": ("article_id", "speaker", "quotes", "reported", "named"),
    "aligned": (
        "group",
        "similarity",
        "article",
        "article_id",
        "sentence",
        "start",
        "end",
        "text",
    ),
    "unique": ("article", "article_id", "sentence", "start", "end", "text", "facts"),
    "contrasts": (
        "contrast",
        "group",
        "article",
        "article_id",
        "phrase",
        "start",
        "end",
        "loaded_score",
        "label",
    ),
    "keyness": ("article", "article_id", "term", "score"),
    "notable": (
        "score",
        "high_article",
        "high_article_id",
        "low_article",
        "low_article_id",
        "difference",
    ),
}
#: Tables written only when the export holds a comparison.
COMPARISON_TABLES = ("aligned", "unique", "contrasts", "keyness", "notable")
#: Columns holding text from articles or users: protected against spreadsheet formulas.
_TEXT_COLUMNS = frozenset(
    {"title", "outlet", "author", "story", "url", "note", "text", "speaker", "why", "phrase"}
    | {"term", "facts", "label"}
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- JSON -----------------------------------------------------------------------------------------


def to_json(
    articles: Sequence[ExportArticle],
    comparison: Comparison | None = None,
    *,
    app_version: str = "",
    exported: datetime | None = None,
) -> dict[str, Any]:
    """The export as JSON-ready data: ``{"articles": [...]}`` as ``analyze --json`` gives
    (plus each article's date, author, URL and story), and with a comparison the keys of
    ``compare --json`` (``aligned``, ``unique``, ``contrasts``, ``speakers``, ``keyness``,
    ``notable``)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "parallax": app_version,
        "exported": (exported or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "compared": comparison is not None,
    }
    entries = [a.to_json() for a in articles]
    if comparison is not None:
        data.update(comparison.to_json(entries))
    else:
        data["articles"] = entries
    return data


def _article_from_json(entry: Mapping[str, Any]) -> ExportArticle:
    published = entry.get("published")
    return ExportArticle(
        report=ArticleReport.from_json(entry),
        article_id=entry.get("id"),
        outlet=entry.get("outlet"),
        source_ref=entry.get("source_ref") or "",
        published=datetime.fromisoformat(published) if published else None,
        author=entry.get("author"),
        url=entry.get("url"),
        story=entry.get("story"),
    )


def from_json(data: Mapping[str, Any]) -> tuple[list[ExportArticle], Comparison | None]:
    """Read back what :func:`to_json` wrote: the articles and, if any, their comparison.

    Raises
    ------
    ValueError
        When ``data`` is not a Parallax export.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("articles"), list):
        raise ValueError("not a Parallax export: no list of articles")
    try:
        articles = [_article_from_json(entry) for entry in data["articles"]]
        comparison = None
        if data.get("compared") or "aligned" in data:
            comparison = Comparison.from_json(data, [a.report for a in articles])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a Parallax export: {error}") from None
    return articles, comparison


def json_bytes(data: Mapping[str, Any]) -> bytes:
    """UTF-8 JSON, readable (indented), non-ASCII text kept as it is."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_json(path: str | Path) -> tuple[list[ExportArticle], Comparison | None]:
    """Read a JSON export file (see :func:`from_json`)."""
    return from_json(json.loads(Path(path).read_text(encoding="utf-8")))


# -- CSV ------------------------------------------------------------------------------------------


def _cell(column: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and column in _TEXT_COLUMNS and value.startswith(_FORMULA_STARTS):
        # A spreadsheet would run "=..." as a formula: a leading apostrophe keeps it text.
        return "'" + value
    return value


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(c, row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _article_row(article: ExportArticle) -> dict[str, object]:
    report = article.report
    row: dict[str, object] = {
        "article_id": article.article_id,
        "title": report.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "story": article.story,
        "url": article.url,
        "language": report.language,
        "analysed": report.available,
        "note": report.note,
        "analyser_version": report.versions.get("analyser"),
        "models_version": report.versions.get("models"),
        "textstat_version": report.versions.get("textstat"),
    }
    row.update(report.scores)
    for code in FRAME_CODES:
        row[f"frame_{code}"] = report.frames.get(code, 0.0 if report.frames else None)
    return row


def _article_tables(articles: Sequence[ExportArticle]) -> dict[str, list[dict[str, object]]]:
    tables: dict[str, list[dict[str, object]]] = {"spans": [], "sentences": [], "speakers": []}
    for article in articles:
        report, article_id = article.report, article.article_id
        shown = {(s.start, s.end, s.label) for s in report.highlighted()}
        for span in report.spans:
            tables["spans"].append(
                {
                    "article_id": article_id,
                    "start": span.start,
                    "end": span.end,
                    "text": span.text,
                    "layer": span.layer,
                    "label": span.label,
                    "score": span.score,
                    "shown": span.layer == "loaded" and (span.start, span.end, span.label) in shown,
                    "voice": span.voice,
                    "speaker": span.speaker,
                    "why": span.why,
                }
            )
        for number, sentence in enumerate(report.sentences):
            tables["sentences"].append(
                {
                    "article_id": article_id,
                    "sentence": number,
                    "start": sentence.start,
                    "end": sentence.end,
                    "voice": sentence.voice,
                    "speaker": sentence.speaker,
                    "frame": sentence.frame,
                    "bias": sentence.bias,
                    "biased": sentence.biased,
                    "text": report.text[sentence.start : sentence.end],
                }
            )
        for speaker in report.speakers:
            tables["speakers"].append({"article_id": article_id, **vars_of(speaker)})
    return tables


def vars_of(record: object) -> dict[str, object]:
    """A slotted dataclass as a dictionary of its fields."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}  # type: ignore[attr-defined]


def _comparison_tables(
    articles: Sequence[ExportArticle], comparison: Comparison
) -> dict[str, list[dict[str, object]]]:
    ids = [a.article_id for a in articles]
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in COMPARISON_TABLES}
    for number, group in enumerate(comparison.aligned):
        for member in group.members:
            row = {"group": number, "similarity": group.similarity, **vars_of(member)}
            tables["aligned"].append({**row, "article_id": ids[member.article]})
    for item in comparison.unique:
        row = {**vars_of(item), "article_id": ids[item.article], "facts": "; ".join(item.facts)}
        tables["unique"].append(row)
    for number, contrast in enumerate(comparison.contrasts):
        for side in contrast.sides:
            row = {"contrast": number, "group": contrast.group, **vars_of(side)}
            tables["contrasts"].append({**row, "article_id": ids[side.article]})
    for term in comparison.keyness:
        tables["keyness"].append({**vars_of(term), "article_id": ids[term.article]})
    for notable in comparison.notable:
        tables["notable"].append(
            {
                "score": notable.score,
                "high_article": notable.high,
                "high_article_id": ids[notable.high],
                "low_article": notable.low,
                "low_article_id": ids[notable.low],
                "difference": notable.difference,
            }
        )
    return tables


def csv_files(
    out: str | Path, articles: Sequence[ExportArticle], comparison: Comparison | None = None
) -> list[tuple[Path, bytes]]:
    """The CSV files of an export: ``out`` (articles) and ``<stem>.<table>.csv`` beside it."""
    target = Path(out)
    stem = target.name[: -len(target.suffix)] if target.suffix else target.name
    extra = sorted({k for a in articles for k in a.report.scores} - set(SCORE_COLUMNS))
    files = [(target, _csv((*ARTICLE_COLUMNS, *extra), [_article_row(a) for a in articles]))]
    tables = _article_tables(articles)
    if comparison is not None:
        tables.update(_comparison_tables(articles, comparison))
    for name, rows in tables.items():
        files.append((target.with_name(f"{stem}.{name}.csv"), _csv(TABLE_COLUMNS[name], rows)))
    return files
