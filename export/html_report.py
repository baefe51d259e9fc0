"""The comparison as one self-contained HTML file: the content of the comparison handout.

No external resource of any kind: styles inline, the frame chart a PNG in a ``data:`` URL
(drawn by the same painter as the PDF's), and a Content-Security-Policy that forbids loading
anything else, so opening the file never touches the network. Every piece of article text is
escaped.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

from export import content
from export.columns import Row, SentenceView, side_by_side
from export.glossary import (
    category,
    frame_meaning,
    method_note,
    voice_meaning,
)
from export.palette import CATEGORIES, fill_of, ink_of, underline_of
from export.records import ComparisonExport

ONLY_HERE_MARK = "◆"
ELSEWHERE_MARK = "≈"
#: Chart image width in CSS pixels (drawn at twice that for sharp screens).
CHART_WIDTH = 720

_CSS_UNDERLINES = {
    "solid": "text-decoration: underline solid var(--ink);",
    "dash": "text-decoration: underline dashed var(--ink);",
    "dot": "text-decoration: underline dotted var(--ink);",
    "wave": "text-decoration: underline wavy var(--ink);",
    # CSS has no dash-dot underlines: drawn as a gradient strip under the text instead.
    "dashdot": "background-image: repeating-linear-gradient(to right, var(--ink) 0 6px, "
    "transparent 6px 8px, var(--ink) 8px 10px, transparent 10px 12px);",
    "dashdotdot": "background-image: repeating-linear-gradient(to right, var(--ink) 0 6px, "
    "transparent 6px 8px, var(--ink) 8px 10px, transparent 10px 12px, var(--ink) 12px 14px, "
    "transparent 14px 16px);",
}

_BASE_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", system-ui, sans-serif; color: #1a1a1a;
  max-width: 1200px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 2rem; margin: .2rem 0; } h2 { margin-top: 2.2rem; } h3 { margin-bottom: .3rem; }
.kicker { font-size: .75rem; font-weight: bold; color: #555; letter-spacing: .05em; }
.facts, .note { color: #555; } .note { font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #fafafa; }
table.columns { table-layout: fixed; font-size: .92rem; }
table.columns thead th { position: sticky; top: 0; }
table.columns td.passage { width: 2.5rem; font-weight: bold; color: #666; }
tr.passage td { background: #f1f1f1; }
tr.headline td { font-weight: bold; }
.mark { color: #666; font-weight: bold; font-size: .85em; }
p.sentence-break { margin: .4rem 0 0; }
mark.hl { color: inherit; background-color: transparent; background-repeat: no-repeat;
  background-size: 100% 1.5px; background-position: 0 100%; text-underline-offset: 2px; }
mark.own { background-color: var(--fill); }
.legend mark { margin-right: .8rem; }
.category { font-size: .8em; color: #555; display: block; }
img.chart { max-width: 100%; height: auto; }
td.high { font-weight: bold; }
"""


def _category_css() -> str:
    rules = []
    for code in (*CATEGORIES, "other"):
        rules.append(
            f"mark.c-{code} {{ --fill: {fill_of(code)}; --ink: {ink_of(code)}; "
            f"{_CSS_UNDERLINES[underline_of(code)]} }}"
        )
    return "\n".join(rules)


def _mark(text: str, label: str, voice: str, why: str = "") -> str:
    code = label if label in CATEGORIES else "other"
    owner = "own" if voice == "outlet" else "speaker"
    title = f' title="{escape(why)}"' if why else ""
    return f'<mark class="hl c-{code} {owner}"{title}>{escape(text)}</mark>'


def _sentence(view: SentenceView) -> str:
    parts = []
    if view.only_here:
        mark = f'<span class="mark" title="only this article has it">{ONLY_HERE_MARK}</span> '
        parts.append(mark)
    for piece in view.pieces:
        if piece.span is not None:
            parts.append(_mark(piece.text, piece.span.label, piece.span.voice, piece.span.why))
        else:
            parts.append(escape(piece.text))
    if view.also_passage:
        parts.append(f' <span class="mark">{ELSEWHERE_MARK}{view.also_passage}</span>')
    return "".join(parts)


def _cell(views: Sequence[SentenceView]) -> str:
    html = []
    for index, view in enumerate(views):
        if index and view.new_paragraph:
            html.append('<p class="sentence-break">')
        elif index:
            html.append(" ")
        html.append(_sentence(view))
    return "".join(html)


def _legend() -> str:
    entries = " ".join(_mark(category(code).name, code, "outlet") for code in CATEGORIES)
    return (
        f'<p class="legend"><strong>Highlights:</strong> {entries}</p>'
        "<p class=\"note\">Filled: the outlet's own words. Underline only: a speaker's words, "
        f"{_mark('like this', 'emotional', 'quoted')} (quoted or reported). Hover a highlight "
        f"for its reason. {ONLY_HERE_MARK} only this article has it. {ELSEWHERE_MARK}4 aligned "
        "with passage 4, shown on its own row.</p>"
    )


def _head_cells(export: ComparisonExport) -> str:
    return "".join(
        f"<th>{escape(h.letter)} · {escape(h.outlet)}</th>" for h in content.column_heads(export)
    )


def _cover(export: ComparisonExport) -> str:
    heads = content.column_heads(export)
    outlets = ", ".join(h.outlet for h in heads)
    facts = [f"{len(heads)} articles", content.date_range(export), outlets]
    rows = "".join(
        f"<tr><td><strong>{escape(h.letter)}</strong></td><td><strong>{escape(h.outlet)}"
        f"</strong></td><td>{escape(h.title)}</td><td>{escape(h.author)}</td>"
        f"<td>{escape(h.published)}</td><td>{h.words:,}</td></tr>"
        for h in heads
    )
    glance = "".join(f"<li>{escape(line)}</li>" for line in content.notable_lines(export))
    return (
        '<header><p class="kicker">PARALLAX · COMPARISON REPORT</p>'
        f"<h1>{escape(content.story_title(export))}</h1>"
        f'<p class="facts">{escape(" · ".join(f for f in facts if f))}</p>'
        "<table><thead><tr><th></th><th>Outlet</th><th>Headline</th><th>Author</th>"
        f"<th>Published</th><th>Words</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<h3>At a glance</h3><ul>{glance}</ul></header>"
    )


def _columns(export: ComparisonExport, rows: Sequence[Row]) -> str:
    body = []
    for row in rows:
        flags = (("passage", row.passage), ("headline", row.headline))
        classes = " ".join(name for name, wanted in flags if wanted)
        cells = "".join(f"<td>{_cell(views)}</td>" for views in row.cells)
        number = str(row.passage) if row.passage else ""
        body.append(f'<tr class="{classes}"><td class="passage">{number}</td>{cells}</tr>')
    return (
        '<section id="side-by-side"><h2>The articles side by side</h2>'
        '<p class="note">A numbered, shaded row is a passage: sentences of different articles '
        "that report the same content. Between passages each column goes on in its own "
        f"order.</p>{_legend()}"
        f'<table class="columns"><thead><tr><th class="passage"></th>{_head_cells(export)}'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


def _contrasts(export: ComparisonExport, rows: Sequence[Row]) -> str:
    found = content.contrast_rows(export, rows, limit=None)
    lines = []
    for row in found:
        cells = []
        for side in row.sides:
            if side is None:
                cells.append("<td>—</td>")
            elif side.label:
                name = escape(category(side.label).name)
                cells.append(
                    f"<td>{_mark(side.phrase, side.label, side.voice)}"
                    f'<span class="category">{name}</span></td>'
                )
            else:
                cells.append(f"<td>{escape(side.phrase)}</td>")
        lines.append(f"<tr><td>{row.passage or '—'}</td>{''.join(cells)}</tr>")
    table = (
        f"<table><thead><tr><th>Passage</th>{_head_cells(export)}</tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
        if lines
        else "<p>No wording contrasts were found between aligned passages.</p>"
    )
    return (
        '<section id="contrasts"><h2>Same content, different words</h2><p class="note">Inside '
        "aligned passages, the words one article uses where another uses different ones.</p>"
        f"{table}</section>"
    )


def _facts(facts: Sequence[str]) -> str:
    if not facts:
        return ""
    return f' <span class="note">(not in the others: {escape(", ".join(facts))})</span>'


def _only_here(export: ComparisonExport) -> str:
    parts = []
    for index, head in enumerate(content.column_heads(export)):
        items = [u for u in export.comparison.unique if u.article == index]
        entries = "".join(f"<li>{escape(u.text)}{_facts(u.facts)}</li>" for u in items)
        parts.append(
            f"<h3>{escape(head.letter)} · {escape(head.outlet)}</h3>"
            + (f"<ul>{entries}</ul>" if entries else "<p>Nothing only this article reports.</p>")
        )
    return (
        '<section id="only-here"><h2>Only in one article</h2><p class="note">Sentences no other '
        "article matches: possible omissions in the others, or a different focus — evidence "
        f"to discuss, not a verdict.</p>{''.join(parts)}</section>"
    )


def chart_png(chart: content.FrameChart, width: int = CHART_WIDTH) -> bytes:
    """The frame chart as a PNG, drawn by :func:`export.charts.paint_frame_chart`."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter

    from export.charts import frame_chart_height, paint_frame_chart
    from export.fonts import register_fonts

    family = register_fonts()
    scale = 2  # twice the CSS size: sharp on high-density screens
    dots_per_metre = round(96 * scale / 0.0254)
    height = round(frame_chart_height(chart) * 96 / 72) + 4
    image = QImage(width * scale, height * scale, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        paint_frame_chart(
            painter, QRectF(4, 4, image.width() - 8, image.height() - 8), chart, family=family
        )
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _scores(export: ComparisonExport) -> str:
    heads = content.column_heads(export)
    lines = []
    for row in content.score_rows(export):
        cells = "".join(
            f'<td class="high">▲ {escape(v)}</td>' if row.high == i else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row.values)
        )
        lines.append(f"<tr><td>{escape(row.name)}</td>{cells}</tr>")
    chart = content.frame_chart(export)
    png = base64.b64encode(chart_png(chart)).decode("ascii")
    shares = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{series[i] * 100:.0f} %</td>" for series in chart.values)
        + "</tr>"
        for i, name in enumerate(chart.rows)
    )
    keyness: dict[int, list[str]] = {}
    for term in export.comparison.keyness:
        keyness.setdefault(term.article, []).append(term.term)
    key_cells = "".join(
        f"<td>{escape(', '.join(keyness.get(i, [])))}</td>" for i in range(len(heads))
    )
    return (
        '<section id="scores"><h2>Scores</h2><p class="note">Counts and averages over each '
        "article's text; ▲ marks the highest value where the articles differ notably.</p>"
        f"<table><thead><tr><th>Score</th>{_head_cells(export)}</tr></thead><tbody>"
        f"{''.join(lines)}</tbody></table>"
        "<h3>Frames: the angle each article takes</h3>"
        f'<p class="note">{escape(frame_meaning())}</p>'
        f'<img class="chart" alt="Frame shares of each article (table below)" '
        f'src="data:image/png;base64,{png}">'
        f"<details><summary>Frame shares as a table</summary><table><thead><tr><th>Frame</th>"
        f"{_head_cells(export)}</tr></thead><tbody>{shares}</tbody></table></details>"
        '<h3>Distinctive words</h3><p class="note">Words each article uses markedly more than '
        f"the others.</p><table><thead><tr>{_head_cells(export)}</tr></thead><tbody><tr>"
        f"{key_cells}</tr></tbody></table></section>"
    )


def _speakers(export: ComparisonExport) -> str:
    cells = []
    for index in range(len(export.articles)):
        rows = [s for s in export.comparison.speakers if s.article == index]
        listed = "".join(f"<li>{escape(s.speaker)} <strong>{s.quotes}</strong></li>" for s in rows)
        cells.append(f"<td><ul>{listed}</ul></td>" if listed else "<td>nobody quoted</td>")
    return (
        '<section id="speakers"><h2>Who speaks</h2><p class="note">People and bodies each '
        "article quotes or reports, with how many times.</p>"
        f"<table><thead><tr>{_head_cells(export)}</tr></thead><tbody><tr>{''.join(cells)}"
        "</tr></tbody></table></section>"
    )


def _glossary() -> str:
    rows = "".join(
        f"<tr><td>{_mark(entry.name, code, 'outlet')}</td><td>{escape(entry.meaning)}</td>"
        f"<td>{escape(entry.example)} → {escape(entry.neutral)}</td></tr>"
        for code, entry in ((c, category(c)) for c in CATEGORIES)
    )
    voices = "".join(
        f"<p><strong>{name}:</strong> {escape(voice_meaning(voice))}</p>"
        for voice, name in (("outlet", "Own voice"), ("quoted", "Quoted"), ("reported", "Reported"))
    )
    return (
        '<section id="glossary"><h2>Glossary</h2><table><thead><tr><th>Category</th>'
        "<th>What it is</th><th>Examples → neutral wording</th></tr></thead>"
        f"<tbody>{rows}</tbody></table><h3>Whose words</h3>{voices}</section>"
    )


def _method(export: ComparisonExport) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in method_note())
    facts = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
        for name, value in content.method_facts(export)
    )
    return f'<section id="method"><h2>Method note</h2>{paragraphs}<table>{facts}</table></section>'


def render_html(export: ComparisonExport) -> bytes:
    """The comparison report as one UTF-8 HTML document."""
    rows = side_by_side(export.comparison)
    title = f"{content.story_title(export)} — Parallax comparison"
    policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f'<meta name="generator" content="Parallax {escape(export.app_version)}">'
        f"<title>{escape(title)}</title><style>{_BASE_CSS}{_category_css()}</style></head><body>"
        f"{_cover(export)}{_columns(export, rows)}{_contrasts(export, rows)}"
        f"{_only_here(export)}{_scores(export)}{_speakers(export)}{_glossary()}"
        f"{_method(export)}</body></html>\n"
    )
    return page.encode("utf-8")
