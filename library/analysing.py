"""Analyse stored articles (cached per text, analyser version and annotations) and files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from analysis.corrections import Correction, apply_corrections
from analysis.models import ModelSet, load_models
from analysis.report import ArticleReport
from analysis.scoring import analyser_version, analyze
from db.models import Analysis, Annotation, Article, ArticleScore, Outlet, SpanRow
from db.scores import article_scores
from ingest import ArticleDraft, IngestError
from ingest.options import ReadOptions
from ingest.sources import expand_inputs, read_item


@dataclass(frozen=True)
class AnalysedArticle:
    """A report with what identifies its article: a stored ID, or the file it came from."""

    report: ArticleReport
    article_id: int | None
    outlet: str | None
    source_ref: str

    def to_json(self) -> dict[str, object]:
        """The ``analyze --json`` entry for this article."""
        return self.report.to_json(article_id=self.article_id, outlet=self.outlet)


def text_hash(title: str, body: str) -> str:
    """Identifies the analysed text."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def corrections_of(session: Session, article_id: int) -> list[Correction]:
    """The user's corrections of an article, oldest first (a later one wins)."""
    rows = session.execute(
        select(
            Annotation.action,
            Annotation.start,
            Annotation.end,
            Annotation.layer,
            Annotation.label,
            Annotation.note,
        )
        .where(Annotation.article_id == article_id)
        .order_by(Annotation.id)
    ).all()
    return [Correction(*row) for row in rows]


def annotations_hash(corrections: Sequence[Correction]) -> str:
    """Identifies the user's corrections of an article (empty string when there are none)."""
    if not corrections:
        return ""
    rows = [[c.action, c.start, c.end, c.layer, c.label, c.note] for c in corrections]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def _store_scores(session: Session, article_id: int, report: dict) -> None:
    """Copy the scores the article table sorts and filters by next to the analysis."""
    density, frame = article_scores(report)
    scores = session.get(ArticleScore, article_id)
    if scores is None:
        session.add(ArticleScore(article_id=article_id, loaded_density=density, top_frame=frame))
    else:
        scores.loaded_density, scores.top_frame = density, frame


def stored_report(
    session: Session, article: Article, models: ModelSet | None = None
) -> ArticleReport:
    """The article's analysis with the user's corrections applied, recomputed only when its
    text, the analyser, the models or its annotations changed since it was stored."""
    models = models or load_models()
    corrections = corrections_of(session, article.id)
    wanted = (
        text_hash(article.title, article.body),
        analyser_version(),
        annotations_hash(corrections),
        models.version,
    )
    row = session.scalars(select(Analysis).where(Analysis.article_id == article.id)).first()
    if (
        row is not None
        and (
            row.text_hash,
            row.analyser_version,
            row.annotations_hash or "",
            row.model_version,
        )
        == wanted
    ):
        return ArticleReport.from_json(row.report)
    report = apply_corrections(
        analyze(article.title, article.body, language=article.language, models=models),
        corrections,
    )
    if row is not None:
        session.execute(delete(SpanRow).where(SpanRow.analysis_id == row.id))
    else:
        row = Analysis(article_id=article.id)
        session.add(row)
    row.text_hash, row.analyser_version, row.annotations_hash, row.model_version = wanted
    row.scores = dict(report.scores)
    row.report = report.to_json()
    _store_scores(session, article.id, row.report)
    session.flush()
    if report.spans:
        session.execute(
            insert(SpanRow),
            [
                {
                    "analysis_id": row.id,
                    "start": s.start,
                    "end": s.end,
                    "layer": s.layer,
                    "label": s.label,
                    "score": s.score,
                    "voice": s.voice,
                    "speaker": s.speaker,
                    "why": s.why,
                }
                for s in report.spans
            ],
        )
    return report


def analyse_articles(
    session: Session, article_ids: Sequence[int], models: ModelSet | None = None
) -> dict[int, AnalysedArticle]:
    """Reports of stored articles by ID (missing IDs are left out)."""
    rows = session.execute(
        select(Article, Outlet.name)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Article.id.in_(list(article_ids)))
    ).all()
    return {
        article.id: AnalysedArticle(
            stored_report(session, article, models), article.id, outlet, article.source_ref
        )
        for article, outlet in rows
    }


def analyse_paths(
    paths: Sequence[str], models: ModelSet | None = None
) -> Iterator[AnalysedArticle | IngestError]:
    """Read files (the same ingest as ``import``) and analyse them without storing."""
    options = ReadOptions()
    for found in expand_inputs(paths, options):
        if isinstance(found, IngestError):
            yield found
            continue
        for result in read_item(found, options):
            if isinstance(result, ArticleDraft):
                report = analyze(result.title, result.body, language=result.language, models=models)
                yield AnalysedArticle(
                    report, None, result.outlet_hint or result.site_name, result.source_ref
                )
            else:
                yield result


def unanalysed_ids(session: Session, models: ModelSet) -> list[int]:
    """Articles with no stored analysis from the current analyser and models, oldest first."""
    current = select(Analysis.article_id).where(
        Analysis.analyser_version == analyser_version(),
        Analysis.model_version == models.version,
    )
    return list(
        session.scalars(select(Article.id).where(Article.id.not_in(current)).order_by(Article.id))
    )
