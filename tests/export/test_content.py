"""What the handouts say: score table, contrasts, frame chart data and worksheet questions."""

from __future__ import annotations

from export import content
from export.columns import side_by_side
from export.questions import questions
from export.records import ComparisonExport


def test_score_rows_format_values_and_mark_what_stands_out(demo_export: ComparisonExport) -> None:
    rows = {row.key: row for row in content.score_rows(demo_export)}
    loaded = rows["loaded_per_100_words"]
    assert loaded.values == ("0.0", "9.4", "3.5")
    assert (loaded.high, loaded.low) == (1, 0)  # the Star's own words, not the Ledger's
    assert rows["quote_share"].values[0].endswith("%")
    assert rows["words"].high is None


def test_format_score_never_fails_on_missing_values() -> None:
    assert content.format_score("tone", None) == "—"
    assert content.format_score("tone", -0.25) == "−0.25"
    assert content.format_score("sources_named", 3.0) == "3"


def test_contrast_rows_show_each_side_under_its_article(demo_export: ComparisonExport) -> None:
    rows = side_by_side(demo_export.comparison)
    found = content.contrast_rows(demo_export, rows)
    arrests = next(r for r in found if r.sides[1] and r.sides[1].phrase == "troublemakers")
    assert arrests.sides[0] is not None
    assert arrests.sides[0].phrase == "people"
    assert arrests.sides[0].label is None
    assert arrests.sides[1].label == "labelling"
    assert arrests.sides[2] is None
    assert arrests.context.startswith("Seven ___ were arrested")
    passages = [r.passage for r in found if r.passage is not None]
    assert passages == sorted(passages)


def test_frame_chart_holds_shares_per_article(demo_export: ComparisonExport) -> None:
    chart = content.frame_chart(demo_export)
    assert len(chart.series) == 3
    assert chart.series[1] == "B · Harbour Daily Star"
    assert len(chart.rows) <= content.CHART_FRAMES + 1
    assert chart.rows[-1] == "no frame"
    assert all(len(values) == len(chart.rows) for values in chart.values)
    assert all(0.0 <= v <= 1.0 for values in chart.values for v in values)


def test_worksheet_questions_come_from_the_comparison(demo_export: ComparisonExport) -> None:
    found = questions(demo_export, side_by_side(demo_export.comparison))
    texts = [q.text for q in found]
    assert texts[0].startswith("Read the headlines (passage 1)")
    arrests = next(q for q in found if "“Seven ___ were arrested" in q.text)
    assert "B · Harbour Daily Star" in arrests.text
    assert "troublemakers" not in arrests.text  # the blank is the student's to fill
    assert any("“troublemakers” — labelling" in line for line in arrests.answer)
    assert any("Lina Sorrell" in text for text in texts)
    assert any("Walt Penhale" in text for text in texts)
    verbs = next(q for q in found if "instead of “said”" in q.text)
    assert any("Harbour Daily Star" in a and "“fumed”" in a for a in verbs.answer)
    assert any("The Calder Ledger: neutral verbs" in a for a in verbs.answer)
    own = next(q for q in found if "writer's own judgement" in q.text)
    assert "none found" in own.answer[0]
    assert all(q.answer and q.lines > 0 for q in found)


def test_method_facts_name_the_versions(demo_export: ComparisonExport) -> None:
    facts = dict(content.method_facts(demo_export))
    assert facts["textstat"] == "0.7.8"
    assert facts["Analyser"]
    assert facts["Models"]
