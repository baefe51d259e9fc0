"""What a comparison handout says, as plain records: the PDF and HTML renderers only lay
these out, so both carry the same content.

Articles are named by column letter (A–D) and outlet everywhere, as in the window.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from analysis.compare import Contrast
from analysis.report import ArticleReport
from analysis.stopwords import stopwords
from export.columns import Row, passage_of_group, shown_spans
from export.glossary import SCORE_ORDER, frame_name, score_name
from export.records import ComparisonExport, ExportArticle, versions_of

#: Frames a chart shows (the largest in any article; every share is in the CSV and JSON).
CHART_FRAMES = 7
#: Contrasts a handout lists (the rest are in the HTML and JSON).
MAX_CONTRASTS = 24

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class ColumnHead:
    """How an article is named in column heads and on the cover."""

    letter: str
    outlet: str
    title: str
    author: str
    published: str
    words: int
    origin: str


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One score across the articles; ``high``/``low`` index the articles when the
    difference stands out (see :data:`analysis.compare.NOTABLE`)."""

    key: str
    name: str
    values: tuple[str, ...]
    high: int | None = None
    low: int | None = None


@dataclass(frozen=True, slots=True)
class ContrastSide:
    """One article's words in a contrast: ``label`` is set when they are highlighted,
    ``voice`` says whose words they are, ``content`` whether any is more than a function word.
    """

    phrase: str
    label: str | None
    speech_verb: bool
    voice: str
    content: bool


@dataclass(frozen=True, slots=True)
class ContrastRow:
    """Different words for the same content: per article its side, or ``None``."""

    passage: int | None
    sides: tuple[ContrastSide | None, ...]
    context: str


@dataclass(frozen=True, slots=True)
class FrameChart:
    """Frame shares per article: ``values[article][row]`` in [0, 1] for ``rows`` (names)."""

    series: tuple[str, ...]
    rows: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]


@dataclass(frozen=True, slots=True)
class ScoreBars:
    """One score across articles, drawn as a bar per article from ``low`` to ``high``
    (a bar starts at zero, so a negative tone points left); ``texts`` are the values as
    a reader reads them (``None`` values draw no bar)."""

    key: str
    name: str
    series: tuple[str, ...]
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    low: float = 0.0
    high: float = 1.0


#: Scores whose axis is fixed: shares run 0–1 and tone −1–1 whatever the articles say.
_FIXED_AXES = {"tone": (-1.0, 1.0), "subjectivity": (0.0, 1.0), "quote_share": (0.0, 1.0)}


def _nice_top(largest: float) -> float:
    """An axis end at or above ``largest``: 1, 2 or 5 times a power of ten."""
    if largest <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(largest))
    for factor in (1, 2, 5, 10):
        if largest <= factor * step + 1e-9:
            return factor * step
    return 10 * step  # pragma: no cover (the loop ends at 10)


def score_bars(
    key: str, series: Sequence[str], reports: Sequence[ArticleReport], *, top: float | None = None
) -> ScoreBars:
    """The bars of score ``key`` for ``reports`` named ``series``; ``top`` fixes the axis end
    (so several charts of rates can share one scale)."""
    raw = [r.scores.get(key) for r in reports]
    values = tuple(
        float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None for v in raw
    )
    low, high = _FIXED_AXES.get(key, (0.0, 0.0))
    if not high:
        high = top if top is not None else _nice_top(max((v for v in values if v), default=0))
    return ScoreBars(
        key=key,
        name=score_name(key),
        series=tuple(series),
        values=values,
        texts=tuple(format_score(key, v) for v in raw),
        low=low,
        high=high,
    )


def outlet_name(article: ExportArticle) -> str:
    """The outlet, or what identifies an article without one."""
    if article.outlet:
        return article.outlet
    if article.article_id is not None:
        return f"article {article.article_id}"
    return article.source_ref.rsplit("/", 1)[-1] or "unknown outlet"


def date_text(value: datetime | None, *, short: bool = False) -> str:
    """``12 March 2026`` (``12 Mar 2026`` when ``short``), or an empty string."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}" if short else f"{value.day} {value:%B %Y}"


def column_heads(export: ComparisonExport) -> list[ColumnHead]:
    """The articles as columns: letter, outlet, headline, author, date, words, origin."""
    heads = []
    for letter, article in zip(export.letters, export.articles, strict=True):
        origin = (
            f"article {article.article_id}"
            if article.article_id is not None
            else article.source_ref
        )
        heads.append(
            ColumnHead(
                letter=letter,
                outlet=outlet_name(article),
                title=article.report.title,
                author=article.author or "",
                published=date_text(article.published),
                words=int(article.report.scores.get("words", 0) or 0),
                origin=origin,
            )
        )
    return heads


def story_title(export: ComparisonExport) -> str:
    """The story's name, else a title made from the first headline."""
    if export.story:
        return export.story
    return f"{len(export.articles)} articles compared"


def date_range(export: ComparisonExport) -> str:
    """Publication dates of the articles: one date, a range, or empty."""
    dates = sorted(a.published for a in export.articles if a.published is not None)
    if not dates:
        return ""
    first, last = date_text(dates[0]), date_text(dates[-1])
    return first if first == last else f"{first} – {last}"


def format_score(key: str, value: object) -> str:
    """A score as a reader reads it: shares in per cent, rates with one decimal."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "—"
    if key in ("quote_share", "reported_share", "subjectivity"):
        return f"{value * 100:.0f}\u00a0%"
    if key == "tone":
        return f"{value:+.2f}".replace("-", "−")
    if key in ("words", "sources_named", "sources_anonymous"):
        return f"{int(value):,}"
    return f"{value:.1f}"


def score_rows(export: ComparisonExport) -> list[ScoreRow]:
    """The score table, in :data:`~export.glossary.SCORE_ORDER`, notable differences marked."""
    reports = [a.report for a in export.articles]
    notable = {n.score: n for n in export.comparison.notable}
    rows = []
    for key in SCORE_ORDER:
        values = [r.scores.get(key) for r in reports]
        if all(v is None for v in values):
            continue
        stand_out = notable.get(key)
        rows.append(
            ScoreRow(
                key=key,
                name=score_name(key),
                values=tuple(format_score(key, v) for v in values),
                high=stand_out.high if stand_out else None,
                low=stand_out.low if stand_out else None,
            )
        )
    return rows


def _context(report: ArticleReport, start: int, end: int, words: int = 4) -> str:
    """The words around ``text[start:end]`` inside its sentence, the phrase as a blank."""
    sentence = next(
        (s for s in report.sentences if s.start <= start < s.end),
        None,
    )
    lo, hi = (sentence.start, sentence.end) if sentence else (0, len(report.text))
    before = report.text[lo:start].split()[-words:]
    after = report.text[end:hi].split()[:words]
    prefix = "… " if len(report.text[lo:start].split()) > words else ""
    suffix = " …" if len(report.text[end:hi].split()) > words else ""
    return prefix + " ".join([*before, "___", *after]) + suffix


def voice_at(report: ArticleReport, position: int) -> str:
    """Whose words are at ``position``: a highlight's voice there, else its sentence's."""
    for span in report.spans:
        if span.start <= position < span.end and span.layer in ("loaded", "quote"):
            return span.voice
    for sentence in report.sentences:
        if sentence.start <= position < sentence.end:
            return sentence.voice
    return "outlet"


def _contrast_rank(contrast: Contrast) -> tuple[int, int]:
    """Contrasts worth a reader's time first: highlighted words, then short phrases."""
    highlighted = any(side.loaded_score > 0 for side in contrast.sides)
    longest = max(len(side.phrase.split()) for side in contrast.sides)
    return (0 if highlighted else 1, longest)


def contrast_rows(
    export: ComparisonExport, rows: Sequence[Row], limit: int | None = MAX_CONTRASTS
) -> list[ContrastRow]:
    """Wording contrasts, one row per contrast with a side for each article involved, in
    passage order (highlighted ones kept first when ``limit`` cuts the list)."""
    passages = passage_of_group(rows)
    reports = [a.report for a in export.articles]
    ignored = stopwords()
    contrasts = list(export.comparison.contrasts)
    if limit is not None and len(contrasts) > limit:
        keep = sorted(range(len(contrasts)), key=lambda i: (_contrast_rank(contrasts[i]), i))
        contrasts = [contrasts[i] for i in sorted(keep[:limit])]
    found = []
    for contrast in contrasts:
        sides: list[ContrastSide | None] = [None] * len(export.articles)
        for side in contrast.sides:
            verb = bool(side.label and "speech verb" in side.label)
            label = side.label if side.loaded_score > 0 else None
            voice = voice_at(reports[side.article], side.start)
            content = any(w.lower() not in ignored for w in _WORD.findall(side.phrase))
            sides[side.article] = ContrastSide(side.phrase, label, verb, voice, content)
        first = contrast.sides[0]
        found.append(
            ContrastRow(
                passage=passages.get(contrast.group),
                sides=tuple(sides),
                context=_context(reports[first.article], first.start, first.end),
            )
        )
    found.sort(key=lambda row: row.passage if row.passage is not None else 10**6)
    return found


def own_voice_words(report: ArticleReport) -> list[tuple[str, str]]:
    """Distinct highlighted phrases in the outlet's own voice, with their category."""
    seen: dict[str, str] = {}
    for span in shown_spans(report):
        if span.voice == "outlet":
            seen.setdefault(span.text.lower(), span.label)
    return list(seen.items())


def speaker_words(report: ArticleReport) -> list[tuple[str, str, str]]:
    """Distinct highlighted phrases in a speaker's mouth: (phrase, category, speaker)."""
    seen: dict[str, tuple[str, str]] = {}
    for span in shown_spans(report):
        if span.voice != "outlet":
            seen.setdefault(span.text.lower(), (span.label, span.speaker or "unnamed source"))
    return [(phrase, label, speaker) for phrase, (label, speaker) in seen.items()]


def series_names(export: ComparisonExport) -> list[str]:
    """``A · Outlet`` for each article, as charts and tables name them."""
    named = zip(export.letters, export.articles, strict=True)
    return [f"{letter} · {outlet_name(article)}" for letter, article in named]


def frame_chart(export: ComparisonExport) -> FrameChart:
    """The frame shares to chart: the :data:`CHART_FRAMES` frames largest in any article,
    then "no frame" (the share of sentences without a clear frame)."""
    return frames_of(series_names(export), [a.report for a in export.articles])


def frames_of(
    series: Sequence[str],
    reports: Sequence[ArticleReport],
    *,
    limit: int = CHART_FRAMES,
    no_frame: bool = True,
) -> FrameChart:
    """The ``limit`` frames largest in any of ``reports`` (named ``series``), then "no frame"
    unless ``no_frame`` is False."""
    frames = [r.frames for r in reports]
    codes = sorted(
        {code for f in frames for code in f if code != "none"},
        key=lambda code: (-max(f.get(code, 0.0) for f in frames), code),
    )[:limit]
    if no_frame and any("none" in f for f in frames):
        codes.append("none")
    return FrameChart(
        series=tuple(series),
        rows=tuple(frame_name(code) for code in codes),
        values=tuple(tuple(float(f.get(code, 0.0)) for code in codes) for f in frames),
    )


def notable_lines(export: ComparisonExport) -> list[str]:
    """The score differences that stand out, one sentence each."""
    named = zip(export.letters, export.articles, strict=True)
    names = [f"{letter} · {outlet_name(article)}" for letter, article in named]
    lines = []
    for notable in export.comparison.notable:
        high = export.articles[notable.high].report.scores.get(notable.score)
        low = export.articles[notable.low].report.scores.get(notable.score)
        lines.append(
            f"{score_name(notable.score)}: highest in {names[notable.high]} "
            f"({format_score(notable.score, high)}), lowest in {names[notable.low]} "
            f"({format_score(notable.score, low)})."
        )
    return lines


def method_facts(export: ComparisonExport) -> list[tuple[str, str]]:
    """The versions and date the method note prints."""
    versions = versions_of(export.articles)
    facts = [
        ("Made with", f"Parallax {export.app_version}".strip()),
        ("Date", date_text(datetime.combine(export.made, datetime.min.time()))),
        ("Analyser", versions.get("analyser", "—")),
        ("Models", versions.get("models", "—")),
        ("textstat", versions.get("textstat", "—")),
    ]
    thresholds = {
        str(a.report.scores.get("loaded_threshold"))
        for a in export.articles
        if a.report.scores.get("loaded_threshold") is not None
    }
    if thresholds:
        facts.append(("Highlight threshold", ", ".join(sorted(thresholds))))
    return facts
