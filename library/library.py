"""The Library façade: what the CLI and the window call."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis.normalise import fold_name
from db.engine import Database, DatabaseError, open_database
from db.models import (
    Annotation,
    Article,
    ArticleBand,
    ImportBatch,
    ModelVersion,
    Outlet,
    OutletAlias,
    Story,
    StoryArticle,
    utcnow,
)
from db.queries import (
    article_summaries,
    find_duplicate,
    find_outlet,
    find_outlet_ids,
    find_story,
    story_name_of,
)
from db.search import SearchQueryError
from ingest import ArticleDraft, IngestError
from library.deleting import DeletedArticles
from library.known_outlets import lookup
from library.listing import listing_statement, summary, whole_library_by_score
from library.outlets import OutletChoice, choose_outlet
from library.paths import resolve_database_url
from library.progress import CancelToken, ItemProgress, Progress
from library.records import (
    AddResult,
    AnalysisRun,
    AnnotationRecord,
    ArticleDetail,
    ArticleQuery,
    ArticleSummary,
    ExportReport,
    ImportProblem,
    ImportReport,
    OutletSummary,
    StorySummary,
)
from library.stories import StoryChange

if TYPE_CHECKING:
    # Imported where used: they bring numpy and the analysers, which the window does not need
    # before it first shows (DESIGN.md "Budgets": visible within 1.5 s).
    from analysis.fingerprint import TextKeys
    from analysis.models import ModelSet
    from analysis.report import ArticleReport
    from library.analysing import AnalysedArticle
    from library.comparing import ComparedArticles
    from library.training import ModelsInUse, TrainingSummary

__all__ = ["DatabaseError", "Library", "LibraryError", "NotFoundError", "SearchQueryError"]


#: What an outlet can be (DESIGN.md, issue "Import").
OUTLET_KINDS = ("state", "public", "commercial", "non-profit", "unknown")


_T = TypeVar("_T")


class LibraryError(Exception):
    """A request the library cannot carry out, with a one-line reason."""


class NotFoundError(LibraryError):
    """An article, outlet or story that does not exist."""


def _utc(value: datetime | None) -> datetime | None:
    # Stored in UTC: SQLite keeps no offset, so a local time would silently shift.
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; everything Parallax stores is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _as_id(target: str | int) -> int | None:
    """An article ID when ``target`` is a whole number, else ``None`` (a path)."""
    if isinstance(target, int):
        return target
    return int(target) if target.strip().isdigit() else None


def _query(query: ArticleQuery | None, fields: dict[str, Any]) -> ArticleQuery:
    """``query`` with ``fields`` replaced (unknown field names raise ``TypeError``)."""
    return replace(query or ArticleQuery(), **fields) if fields else (query or ArticleQuery())


def _lookup_names(names: Sequence[str]) -> Iterator[str]:
    """Each name, then for domains their parent domains (``world.sana.sy`` -> ``sana.sy``)."""
    for name in names:
        yield name
    for name in names:
        labels = name.lower().split(".")
        if len(labels) > 2 and " " not in name:
            for start in range(1, len(labels) - 1):
                yield ".".join(labels[start:])


class Library:
    """A collection of articles in one database.

    Parameters
    ----------
    database
        An open database (see :meth:`open`).
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        # Folded outlet name or alias -> outlet id: big imports name the same few outlets
        # thousands of times. Cleared whenever this library changes outlets.
        self._outlet_ids: dict[str, int] = {}
        self._models: ModelSet | None = None

    @classmethod
    def open(cls, url: str | None = None) -> Library:
        """Open the library at ``url`` (``--db``), else ``PARALLAX_DB``, else the default file.

        Raises
        ------
        DatabaseError
            When the database cannot be opened; the message names it and says why.
        """
        return cls(open_database(resolve_database_url(url)))

    @property
    def url(self) -> str:
        """The database URL, without password."""
        return self.database.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the database."""
        self.database.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self.database.sessions() as session:
            with session.begin():
                yield session
            # Committed: outlet ids learnt in this transaction are safe to remember.
            self._outlet_ids.update(session.info.pop("outlet_ids", {}))

    def _stored_once(self, work: Callable[[Session], _T]) -> _T:
        """Run ``work`` in a transaction, and once more when another thread or process stored
        the same row first (the window analyses an article while comparing it): the second
        run finds that row and uses it."""
        try:
            with self._session() as session:
                return work(session)
        except IntegrityError:
            with self._session() as session:
                return work(session)

    # -- adding ---------------------------------------------------------------------------

    def add_draft(
        self,
        draft: ArticleDraft,
        *,
        outlet: str | None = None,
        story: str | None = None,
        batch_id: int | None = None,
        keys: TextKeys | None = None,
    ) -> AddResult:
        """Store one draft in its own transaction, unless it is a duplicate.

        Parameters
        ----------
        draft
            The article as read.
        outlet
            The user's choice of outlet; otherwise the draft's domain or site name decide.
        story
            A story to add the article to (created when new).
        batch_id
            The import batch this article belongs to.
        keys
            Precomputed :func:`analysis.fingerprint.text_keys` (import workers compute them).
        """
        from analysis.fingerprint import text_keys
        from library.grouping import find_near_duplicate, suggest_story

        keys = keys or text_keys(draft.body, draft.canonical_url or draft.url)
        choice = choose_outlet(draft, outlet)
        published = _utc(draft.published)
        with self._session() as session:
            outlet_id = self._outlet_for(session, choice)
            same, original = find_duplicate(session, keys.body_hash, keys.url_hash, outlet_id)
            if same is not None:
                if story:
                    self._join_story(session, same.id, story)
                return AddResult(
                    "duplicate", draft.source_ref, None, duplicate_of=same.id, title=same.title
                )
            article = Article(
                outlet_id=outlet_id,
                title=draft.title,
                body=draft.body,
                trimmed=draft.trimmed,
                author=draft.author,
                published=published,
                url=draft.url,
                canonical_url=draft.canonical_url,
                site_name=draft.site_name,
                language=draft.language,
                source_kind=draft.source_kind,
                source_ref=draft.source_ref,
                summary_only=draft.summary_only,
                word_count=keys.words,
                body_hash=keys.body_hash,
                url_hash=keys.url_hash,
                minhash=keys.minhash,
                import_batch_id=batch_id,
            )
            status, linked = "added", None
            if original is not None:
                status, linked = "wire_copy", original.id
                article.duplicate_of_id, article.duplicate_kind = original.id, "wire"
                article.duplicate_similarity = 1.0
            elif keys.minhash is not None:
                near = find_near_duplicate(session, keys.minhash, keys.bands)
                if near is not None:
                    status, linked = "near_duplicate", near[0]
                    article.duplicate_of_id, article.duplicate_kind = near[0], "near"
                    article.duplicate_similarity = near[1]
            session.add(article)
            session.flush()
            if keys.bands:
                session.execute(
                    insert(ArticleBand),
                    [{"band": band, "article_id": article.id} for band in keys.bands],
                )
            if story:
                self._join_story(session, article.id, story)
            else:
                suggest_story(session, article, published or utcnow())
            return AddResult(
                status, draft.source_ref, article.id, duplicate_of=linked, title=article.title
            )

    def add_text(
        self,
        title: str,
        body: str,
        *,
        outlet: str | None = None,
        story: str | None = None,
        published: datetime | None = None,
        url: str | None = None,
    ) -> AddResult:
        """Store an article the user pasted, read like a plain-text file (trimmed, language).

        Parameters
        ----------
        title, body
            The headline and the text as pasted.
        outlet, story
            The user's outlet (else the address's domain decides) and an optional story.
        published, url
            When and where it was published, when known.

        Raises
        ------
        LibraryError
            With a one-line reason for an empty title or text, a text over the size limit,
            or an address that is not ``http(s)://``.
        """
        from ingest.sources import read_pasted

        try:
            draft = read_pasted(title, body, url=url, published=published)
        except IngestError as error:
            raise LibraryError(error.reason) from None
        return self.add_draft(draft, outlet=(outlet or "").strip() or None, story=story or None)

    def _outlet_for(self, session: Session, choice: OutletChoice | None) -> int | None:
        """The id of the outlet ``choice`` names, creating it (and its aliases) when new."""
        if choice is None:
            return None
        names = (choice.name, *choice.aliases)
        candidates = list(_lookup_names(names))
        for name in candidates:
            cached = self._outlet_ids.get(fold_name(name))
            if cached is not None:
                return cached
        folded = list(dict.fromkeys(fold_name(n) for n in candidates))
        known = find_outlet_ids(session, folded)
        outlet_id = next((known[k] for k in folded if k in known), None)
        if outlet_id is None:
            seed = next(filter(None, (lookup(n) for n in candidates)), None)
            if seed is not None:
                outlet_id = find_outlet_ids(session, [fold_name(seed.name)]).get(
                    fold_name(seed.name)
                )
            if outlet_id is None:
                outlet = Outlet(name=choice.name)
                if seed is not None:
                    outlet.name, outlet.country, outlet.kind = seed.name, seed.country, seed.kind
                    names = (*names, seed.name, *seed.aliases)
                session.add(outlet)
                session.flush()
                outlet_id = outlet.id
        keys = {fold_name(n): n for n in names}
        # Keys looked up above are known to be free unless found; only a seed's extra
        # aliases need another look.
        unchecked = [k for k in keys if k not in known and k not in folded]
        taken = set(known)
        if unchecked:
            taken.update(
                session.scalars(select(OutletAlias.key).where(OutletAlias.key.in_(unchecked)))
            )
        for key, name in keys.items():
            if key not in taken:
                session.add(OutletAlias(outlet_id=outlet_id, alias=name, key=key))
        # Cached only once this transaction has committed (see add_draft's caller).
        session.info.setdefault("outlet_ids", {}).update(dict.fromkeys(keys, outlet_id))
        return outlet_id

    def _join_story(self, session: Session, article_id: int, name: str) -> None:
        story = find_story(session, name)
        if story is None:
            story = Story(name=name.strip())
            session.add(story)
            session.flush()
        exists = session.get(StoryArticle, (story.id, article_id))
        if exists is None:
            session.add(StoryArticle(story_id=story.id, article_id=article_id))
        else:
            exists.suggested = False

    def import_sources(
        self,
        inputs: Sequence[str],
        *,
        outlet: str | None = None,
        story: str | None = None,
        field_map: dict[str, str] | None = None,
        fetch_full_text: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        workers: int | None = None,
        on_item: ItemProgress | None = None,
    ) -> ImportReport:
        """Import files, folders, archives and URLs as one batch; see :mod:`library.importing`."""
        from library.importing import run_import

        return run_import(
            self,
            inputs,
            outlet=outlet,
            story=story,
            field_map=field_map or {},
            fetch_full_text=fetch_full_text,
            progress=progress,
            cancel=cancel,
            workers=workers,
            on_item=on_item,
        )

    # -- batches (used by library.importing) ----------------------------------------------

    def start_batch(self, sources: Sequence[str]) -> int:
        """Record a new import batch and return its id."""
        with self._session() as session:
            batch = ImportBatch(sources=list(sources))
            session.add(batch)
            session.flush()
            return batch.id

    def finish_batch(self, batch_id: int, report: ImportReport) -> None:
        """Record how a batch ended."""
        with self._session() as session:
            batch = session.get(ImportBatch, batch_id)
            if batch is None:
                return
            batch.finished_at = utcnow()
            batch.status = "cancelled" if report.cancelled else "finished"
            batch.imported = len(report.added)
            batch.duplicates = len(report.duplicates)
            batch.failed = len(report.failures)
            batch.errors = [{"source": p.source_ref, "reason": p.reason} for p in report.failures]
            batch.unfinished = list(report.unfinished)

    # -- reading --------------------------------------------------------------------------

    def list_articles(
        self,
        query: ArticleQuery | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        **fields: Any,
    ) -> list[ArticleSummary]:
        """Articles, newest first, or best match first when searching.

        ``query`` and keyword arguments are the fields of :class:`ArticleQuery` (search,
        outlet, story, outlet_id, story_id, published_from, published_to, frame, min_density,
        max_density, sort, descending); keywords override the query's fields.

        Raises
        ------
        SearchQueryError
            When ``search`` holds no word to look for.
        NotFoundError
            When ``outlet`` or ``story`` names nothing in the library.
        """
        with self._session() as session:
            statement = self._listing(session, _query(query, fields))
            if limit is not None:
                statement = statement.limit(limit)
            if offset:
                statement = statement.offset(offset)
            return [summary(row) for row in session.execute(statement).all()]

    def count_articles(self, query: ArticleQuery | None = None, **fields: Any) -> int:
        """How many articles :meth:`list_articles` would return without a limit."""
        with self._session() as session:
            # The order changes nothing to the count; leaving it out also spares its joins.
            unordered = replace(_query(query, fields), sort=None)
            statement = self._listing(session, unordered, ids_only=True)
            listing = statement.order_by(None).subquery()
            return session.scalar(select(func.count()).select_from(listing)) or 0

    def article_ids(self, query: ArticleQuery | None = None, **fields: Any) -> list[int]:
        """The ids of every article :meth:`list_articles` would return, in its order.

        The window lists ids once and reads rows page by page with
        :meth:`article_summaries`, so scrolling anywhere in a large listing costs one small
        query and the order stays put while the library changes underneath.
        """
        query = _query(query, fields)
        with self._session() as session:
            fast = whole_library_by_score(session, query)
            if fast is not None:
                return fast
            statement = self._listing(session, query, ids_only=True)
            # Core rows, not ORM results: less work per row for 100,000 ids.
            return list(session.connection().execute(statement).scalars())

    def article_summaries(self, article_ids: Sequence[int]) -> list[ArticleSummary]:
        """Listing rows of ``article_ids``, in that order (deleted articles are left out)."""
        wanted = list(article_ids)
        if not wanted:
            return []
        with self._session() as session:
            rows = session.execute(article_summaries(wanted)).all()
        found = {row[0]: summary(row) for row in rows}
        return [found[i] for i in wanted if i in found]

    def _listing(self, session: Session, query: ArticleQuery, *, ids_only: bool = False):
        outlet_id, story_id = query.outlet_id, query.story_id
        if query.outlet:
            found = find_outlet(session, fold_name(query.outlet))
            if found is None:
                raise NotFoundError(f"no outlet called {query.outlet!r} in this library")
            outlet_id = found.id
        if query.story:
            found_story = find_story(session, query.story)
            if found_story is None:
                raise NotFoundError(f"no story called {query.story!r} in this library")
            story_id = found_story.id
        return listing_statement(
            self.database.dialect,
            query,
            outlet_id=outlet_id,
            story_id=story_id,
            ids_only=ids_only,
        )

    def get_article(self, article_id: int) -> ArticleDetail:
        """Everything stored about one article.

        Raises
        ------
        NotFoundError
            When there is no article with that id.
        """
        with self._session() as session:
            row = session.execute(
                select(Article, Outlet.name, story_name_of(Article.id))
                .outerjoin(Outlet, Outlet.id == Article.outlet_id)
                .where(Article.id == article_id)
            ).first()
            if row is None:
                raise NotFoundError(f"no article with ID {article_id} in this library")
            article, outlet_name, story_name = row
            return ArticleDetail(
                id=article.id,
                title=article.title,
                outlet=outlet_name,
                author=article.author,
                published=_aware(article.published),
                url=article.url,
                body=article.body,
                trimmed=article.trimmed,
                story=story_name,
                language=article.language,
                source_kind=article.source_kind,
                source_ref=article.source_ref,
                duplicate_of=article.duplicate_of_id,
                duplicate_kind=article.duplicate_kind,
                words=article.word_count,
                summary_only=article.summary_only,
            )

    def outlets(self) -> list[OutletSummary]:
        """Every outlet with its article count, by name."""
        with self._session() as session:
            rows = session.execute(
                select(Outlet, func.count(Article.id))
                .outerjoin(Article, Article.outlet_id == Outlet.id)
                .group_by(Outlet.id)
                .order_by(func.lower(Outlet.name))
            ).all()
            return [OutletSummary(o.id, o.name, o.kind, o.country, count) for o, count in rows]

    def stories(self) -> list[StorySummary]:
        """Every story with its article count, by name."""
        with self._session() as session:
            rows = session.execute(
                select(Story, func.count(StoryArticle.article_id))
                .outerjoin(StoryArticle, StoryArticle.story_id == Story.id)
                .group_by(Story.id)
                .order_by(func.lower(Story.name))
            ).all()
            return [StorySummary(s.id, s.name, count) for s, count in rows]

    def update_outlet(
        self,
        outlet_id: int,
        *,
        name: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        notes: str | None = None,
        aliases: Sequence[str] = (),
    ) -> OutletSummary:
        """Edit an outlet record; ``aliases`` are added (an alias of another outlet moves here).

        Raises
        ------
        NotFoundError
            When there is no such outlet.
        LibraryError
            When ``kind`` is not one of :data:`OUTLET_KINDS` or ``name`` is taken.
        """
        if kind is not None and kind not in OUTLET_KINDS:
            raise LibraryError(f"outlet kind {kind!r}: choose one of {', '.join(OUTLET_KINDS)}")
        with self._session() as session:
            outlet = session.get(Outlet, outlet_id)
            if outlet is None:
                raise NotFoundError(f"no outlet with ID {outlet_id} in this library")
            if name is not None and name.strip() and name.strip() != outlet.name:
                clash = find_outlet_ids(session, [fold_name(name)])
                if any(other != outlet_id for other in clash.values()):
                    raise LibraryError(f"another outlet is already called {name.strip()!r}")
                outlet.name = name.strip()
                aliases = (*aliases, outlet.name)
            if country is not None:
                outlet.country = country.strip() or None
            if kind is not None:
                outlet.kind = kind
            if notes is not None:
                outlet.notes = notes
            for alias in aliases:
                key = fold_name(alias)
                existing = session.scalars(
                    select(OutletAlias).where(OutletAlias.key == key)
                ).first()
                if existing is None:
                    session.add(OutletAlias(outlet_id=outlet_id, alias=alias.strip(), key=key))
                else:
                    existing.outlet_id = outlet_id
            session.flush()
            count = session.scalar(
                select(func.count(Article.id)).where(Article.outlet_id == outlet_id)
            )
            self._outlet_ids.clear()
            return OutletSummary(outlet.id, outlet.name, outlet.kind, outlet.country, count or 0)

    def outlet_aliases(self, outlet_id: int) -> list[str]:
        """The other names and domains an outlet is known by."""
        with self._session() as session:
            return list(
                session.scalars(
                    select(OutletAlias.alias)
                    .where(OutletAlias.outlet_id == outlet_id)
                    .order_by(OutletAlias.alias)
                )
            )

    def import_batches(self, limit: int = 20) -> list[dict[str, object]]:
        """The most recent import batches, newest first, as plain dictionaries."""
        with self._session() as session:
            batches = session.scalars(
                select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
            ).all()
            return [
                {
                    "id": b.id,
                    "sources": list(b.sources),
                    "status": b.status,
                    "imported": b.imported,
                    "duplicates": b.duplicates,
                    "failed": b.failed,
                    "errors": list(b.errors),
                    "unfinished": list(b.unfinished),
                    "started_at": _aware(b.started_at),
                    "finished_at": _aware(b.finished_at),
                }
                for b in batches
            ]

    def analyze(self, targets: Sequence[str | int]) -> list[AnalysedArticle | ImportProblem]:
        """Analyse stored articles (IDs) and files (paths, read but not stored), in order.

        Stored analyses are reused while the text, the analyser version and the user's
        annotations are unchanged; otherwise recomputed and stored.
        """
        from library.analysing import analyse_articles, analyse_paths

        results: list[AnalysedArticle | ImportProblem] = []
        for target in targets:
            article_id = _as_id(target)
            if article_id is None:
                for found in analyse_paths([str(target)], self.models()):
                    if isinstance(found, IngestError):
                        results.append(ImportProblem(found.source_ref, found.reason))
                    else:
                        results.append(found)
                continue
            models = self.models()
            analysed = self._stored_once(
                lambda session, article_id=article_id, models=models: analyse_articles(
                    session, [article_id], models
                ).get(article_id)
            )
            if analysed is None:
                results.append(
                    ImportProblem(str(target), f"no article with ID {article_id} in this library")
                )
            else:
                results.append(analysed)
        return results

    def compare(self, targets: Sequence[str | int]) -> ComparedArticles | list[ImportProblem]:
        """Compare 2–4 articles: stored IDs and/or files (read, analysed, not stored).

        Returns the comparison, or the problems when any input failed (then nothing is
        compared). Comparisons of stored articles are cached until an article, its
        annotations, the analyser or a model changes.

        Raises
        ------
        LibraryError
            With fewer than two or more than four articles.
        """
        from library.comparing import compare_cached

        results = self.analyze(targets)
        problems = [r for r in results if isinstance(r, ImportProblem)]
        if problems:
            return problems
        articles = [r for r in results if not isinstance(r, ImportProblem)]
        if not 2 <= len(articles) <= 4:
            raise LibraryError(f"compare takes 2 to 4 articles, not {len(articles)}")
        return self._stored_once(lambda session: compare_cached(session, articles))

    # -- export -----------------------------------------------------------------------------

    def export_comparison(
        self,
        compared: ComparedArticles,
        outputs: Mapping[str, str | os.PathLike[str]],
        *,
        page_size: str = "a4",
    ) -> ExportReport:
        """Write comparison documents: ``outputs`` maps ``comparison`` (the handout PDF),
        ``worksheet``, ``answer_key`` (PDFs) or ``html`` to a path. Each file is written whole
        or not at all; a failed one is reported and the others are still written.

        Raises
        ------
        LibraryError
            For an unknown document or page size (``a4`` or ``letter``).
        """
        from library.exporting import ExportRequestError, export_comparison

        try:
            return export_comparison(self, compared, outputs, page_size=page_size)
        except ExportRequestError as error:
            raise LibraryError(str(error)) from None

    def export_articles(
        self,
        ids: Sequence[int] = (),
        *,
        story: str | None = None,
        csv: str | os.PathLike[str] | None = None,
        json: str | os.PathLike[str] | None = None,
    ) -> ExportReport:
        """Write CSV and/or JSON tables of stored articles (``ids``, or every article of
        ``story``): scores, frames, sentences, spans, speakers, and for 2–4 articles their
        comparison. Unknown IDs are reported, the others exported.

        Raises
        ------
        NotFoundError
            When ``story`` names no story in this library.
        """
        from library.exporting import export_articles

        if story is not None:
            ids = [*ids, *sorted(a.id for a in self.list_articles(story=story))]
        return export_articles(self, list(dict.fromkeys(ids)), csv_path=csv, json_path=json)

    # -- annotations and models ---------------------------------------------------------

    def add_annotation(
        self,
        article_id: int,
        action: str,
        start: int,
        end: int,
        *,
        label: str | None = None,
        layer: str = "loaded",
        author: str = "",
        note: str = "",
    ) -> int:
        """Store a correction: ``accept``, ``reject`` or ``add`` a span, or a ``frame``.

        Offsets index the analysed text (title, blank line, body).

        Raises
        ------
        LibraryError
            For an unknown action, empty or out-of-range offsets.
        NotFoundError
            When the article does not exist.
        """
        if action not in ("accept", "reject", "add", "frame"):
            raise LibraryError(f"annotation action {action!r}: accept, reject, add or frame")
        with self._session() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFoundError(f"no article with ID {article_id} in this library")
            length = len(article.title) + 2 + len(article.body)
            if not 0 <= start < end <= length:
                raise LibraryError(f"annotation {start}-{end}: outside the article's text")
            row = Annotation(
                article_id=article_id,
                action=action,
                start=start,
                end=end,
                label=label,
                layer=layer,
                author=author,
                note=note,
            )
            session.add(row)
            session.flush()
            return row.id

    def annotations(self, article_id: int) -> list[AnnotationRecord]:
        """The user's corrections of one article, oldest first."""
        with self._session() as session:
            rows = session.scalars(
                select(Annotation)
                .where(Annotation.article_id == article_id)
                .order_by(Annotation.id)
            ).all()
            return [
                AnnotationRecord(
                    r.id, r.article_id, r.action, r.start, r.end, r.layer, r.label, r.note
                )
                for r in rows
            ]

    def remove_annotation(self, annotation_id: int) -> AnnotationRecord | None:
        """Delete one correction (undo); returns what was removed, ``None`` if it was gone."""
        with self._session() as session:
            row = session.get(Annotation, annotation_id)
            if row is None:
                return None
            removed = AnnotationRecord(
                row.id,
                row.article_id,
                row.action,
                row.start,
                row.end,
                row.layer,
                row.label,
                row.note,
            )
            session.delete(row)
            return removed

    def _corrected_reports(self, layer: str) -> list[tuple[int, ArticleReport, list[int]]]:
        """Each article with corrections of ``layer`` (``loaded`` or ``frame``): its id, its
        analysis with the corrections applied, and where the corrections start."""
        from library.analysing import stored_report

        found = []
        with self._session() as session:
            article_ids = session.scalars(
                select(Annotation.article_id).where(Annotation.layer == layer).distinct()
            ).all()
            for article_id in sorted(article_ids):
                article = session.get(Article, article_id)
                if article is None:
                    continue
                report = stored_report(session, article, self.models())
                starts = [
                    c["start"] for c in report.extra.get("corrections", []) if c["layer"] == layer
                ]
                found.append((article_id, report, starts))
        return found

    def annotation_examples(self) -> list:
        """Sentences the user corrected, as training examples: the highlights of the corrected
        analysis (rejected ones gone, marked and relabelled ones in) of each such sentence."""
        from analysis.corpus import MarkedSpan
        from analysis.text import build_text
        from library.training import annotation_examples_from

        sentences = []
        for _article_id, report, starts in self._corrected_reports("loaded"):
            text = report.text
            shown = report.highlighted()
            for sentence in build_text(text).sentences:
                if not any(sentence.start <= start < sentence.end for start in starts):
                    continue
                spans = [
                    MarkedSpan(
                        s.start - sentence.start,
                        min(s.end, sentence.end) - sentence.start,
                        s.label,
                        s.voice,
                    )
                    for s in shown
                    if sentence.start <= s.start < sentence.end
                ]
                sentences.append((text[sentence.start : sentence.end], spans))
        return annotation_examples_from(sentences)

    def annotation_frame_examples(self) -> list:
        """Sentences whose frame the user set, as framing examples: the sentence's text with
        the frame of the corrected analysis (none: no frame)."""
        from analysis.corpus import FrameExample

        return [
            FrameExample(
                f"annotation-frame-{article_id}-{sentence.start}",
                report.text[sentence.start : sentence.end],
                (sentence.frame,) if sentence.frame else (),
                "",
                "",
            )
            for article_id, report, starts in self._corrected_reports("frame")
            for sentence in report.sentences
            if any(sentence.start <= start < sentence.end for start in starts)
        ]

    def activate_models(self, folder: Path, cards: dict[str, dict]) -> None:
        """Record a user-trained model set and use it from now on."""
        with self._session() as session:
            session.execute(update(ModelVersion).values(active=False))
            for name, card in cards.items():
                session.add(
                    ModelVersion(
                        name=name,
                        version=str(card.get("version", "")),
                        path=str(folder),
                        card=card,
                        active=True,
                    )
                )
        self._models = None

    def models(self) -> ModelSet:
        """The active models: the user's retrained set if there is one, else the shipped."""
        if self._models is None:
            with self._session() as session:
                path = session.scalars(
                    select(ModelVersion.path).where(ModelVersion.active.is_(True))
                ).first()
            # Loaded with the analysis data in one go, without long collector pauses (the
            # window analyses on a background thread, and those pauses would stall it).
            from analysis.models import load_models
            from library.warming import load_analysis

            folder = path if path and Path(path).exists() else None
            self._models = load_analysis(lambda: load_models(folder))
        return self._models

    def use_shipped_models(self) -> None:
        """Go back to the shipped models (a retrained set stays on disk, unused)."""
        with self._session() as session:
            session.execute(update(ModelVersion).values(active=False))
        self._models = None

    def models_in_use(self) -> ModelsInUse:
        """Which models analyse this library, and where they are."""
        from analysis.models import active_models_dir
        from library.training import ModelsInUse

        with self._session() as session:
            path = session.scalars(
                select(ModelVersion.path).where(ModelVersion.active.is_(True))
            ).first()
        retrained = bool(path) and Path(path).exists()
        folder = Path(path) if retrained else active_models_dir()
        return ModelsInUse(retrained, folder, self.models().version)

    def retrain(
        self, *, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> TrainingSummary:
        """``train --with-annotations`` in a worker process; the new models are used at once.

        Raises
        ------
        library.training.TrainingError
            When there are no corrections of highlights or frames to learn from, or training
            fails.
        Cancelled
            When ``cancel`` was set (the shipped or previous models stay in use).
        """
        from library.training import TrainingError, train_in_process

        with self._session() as session:
            corrected = session.scalar(
                select(func.count(Annotation.id)).where(Annotation.layer.in_(("loaded", "frame")))
            )
        if not corrected:
            raise TrainingError(
                "there are no corrections to learn from yet: reject, relabel or mark "
                "highlights, or set a sentence's frame, first"
            )
        url = self.database.engine.url.render_as_string(hide_password=False)
        try:
            return train_in_process(url, progress=progress, cancel=cancel)
        finally:
            self._models = None  # the worker may have activated a new set

    def add_demo_story(self) -> list[int]:
        """Add the project's demo story (three fictional outlets on one fictional event).

        The window does this for a new, empty local library; the articles are ordinary
        articles and can be deleted like any other.
        """
        import json
        from datetime import datetime

        from resources import resource_path

        folder = resource_path("samples", "demo_story")
        story = json.loads((folder / "story.json").read_text(encoding="utf-8"))
        ids = []
        for entry in story["articles"]:
            title, _sep, body = (folder / entry["file"]).read_text(encoding="utf-8").partition("\n")
            draft = ArticleDraft(
                title=title.strip(),
                body="\n\n".join(p.strip() for p in body.strip().split("\n\n")),
                source_kind="text",
                source_ref=f"demo story: {entry['file']}",
                author=entry.get("author"),
                published=datetime.fromisoformat(entry["published"]),
                language="en",
            )
            result = self.add_draft(draft, outlet=entry["outlet"], story=story["story"])
            if result.article_id is not None:
                ids.append(result.article_id)
        for outlet in self.outlets():
            entry = next((e for e in story["articles"] if e["outlet"] == outlet.name), None)
            if entry is not None:
                self.update_outlet(
                    outlet.id,
                    kind=entry.get("kind"),
                    country=entry.get("country"),
                    notes="Fictional outlet of the Parallax demo story.",
                )
        return ids

    def delete_articles(self, article_ids: Sequence[int]) -> DeletedArticles:
        """Delete articles (their analyses, spans and annotations go with them).

        Returns what was removed (``len()`` is how many articles), for
        :meth:`restore_articles`.
        """
        from library.deleting import delete_articles

        with self._session() as session:
            return delete_articles(session, list(article_ids))

    def restore_articles(self, deleted: DeletedArticles) -> list[int]:
        """Put back what :meth:`delete_articles` removed: the articles with their ids, story
        memberships, annotations, analyses and duplicate links. Returns their ids (an id
        handed to another article meanwhile is replaced by a new one)."""
        from library.deleting import restore_articles

        with self._session() as session:
            return restore_articles(session, deleted)

    def analyze_all(
        self,
        article_ids: Sequence[int] | None = None,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> AnalysisRun:
        """Analyse and store ``article_ids``, or every article without a current analysis.

        Each article is stored in its own transaction, so a cancelled run keeps what it did;
        an article whose analysis fails is reported and the others go on.
        """
        from library.analysing import stored_report, unanalysed_ids

        models = self.models()
        if article_ids is None:
            with self._session() as session:
                targets = unanalysed_ids(session, models)
        else:
            targets = list(dict.fromkeys(article_ids))
        total = len(targets)
        report = progress or (lambda _fraction, _message: None)
        report(0.0, f"Analysing {total:,} articles")
        analysed, failures = 0, []
        for index, article_id in enumerate(targets):
            if cancel is not None and cancel.cancelled:
                return AnalysisRun(total, analysed, tuple(failures), cancelled=True)
            for attempt in (1, 2):
                try:
                    with self._session() as session:
                        article = session.get(Article, article_id)
                        if article is not None:
                            stored_report(session, article, models)
                            analysed += 1
                    break
                except Exception as error:  # one article's failure must not end the run
                    # The window may have stored the same article's analysis meanwhile
                    # (the reader analyses what it shows): the second attempt reuses it.
                    if attempt == 2:
                        failures.append(ImportProblem(f"article {article_id}", str(error)))
            report((index + 1) / total, f"Analysed {index + 1:,} of {total:,} articles")
        return AnalysisRun(total, analysed, tuple(failures))

    # -- editing stories and outlets --------------------------------------------------------

    def _story(self, session: Session, story_id: int) -> Story:
        story = session.get(Story, story_id)
        if story is None:
            raise NotFoundError(f"no story with ID {story_id} in this library")
        return story

    def add_to_story(self, article_ids: Sequence[int], story: str | int) -> StoryChange:
        """Put articles in a story: a story ID, or a name (a new story when none has it).

        Raises
        ------
        NotFoundError
            For a story ID that does not exist.
        LibraryError
            For an empty name.
        """
        from library.stories import add_to_story

        with self._session() as session:
            if isinstance(story, int):
                return add_to_story(session, article_ids, self._story(session, story), "")
            if not story.strip():
                raise LibraryError("a story needs a name")
            return add_to_story(session, article_ids, find_story(session, story), story)

    def remove_from_story(self, article_ids: Sequence[int], story_id: int) -> StoryChange:
        """Take articles out of a story; they stay in the library."""
        from library.stories import remove_from_story

        with self._session() as session:
            return remove_from_story(session, article_ids, self._story(session, story_id))

    def rename_story(self, story_id: int, name: str) -> StorySummary:
        """Give a story a new name.

        Raises
        ------
        LibraryError
            For an empty name, or one another story has.
        """
        if not name.strip():
            raise LibraryError("a story needs a name")
        with self._session() as session:
            story = self._story(session, story_id)
            clash = find_story(session, name)
            if clash is not None and clash.id != story_id:
                raise LibraryError(f"another story is already called {name.strip()!r}")
            story.name = name.strip()
            count = session.scalar(select(func.count()).where(StoryArticle.story_id == story_id))
            return StorySummary(story.id, story.name, count or 0)

    def delete_story(self, story_id: int) -> StoryChange:
        """Delete a story (its articles stay in the library); undo with
        :meth:`undo_story_change`."""
        from library.stories import delete_story

        with self._session() as session:
            return delete_story(session, self._story(session, story_id))

    def undo_story_change(self, change: StoryChange) -> None:
        """Reverse a change made by :meth:`add_to_story`, :meth:`remove_from_story` or
        :meth:`delete_story`.

        Raises
        ------
        LibraryError
            When a deleted story's name belongs to another story now.
        """
        from library.stories import undo_story_change

        try:
            with self._session() as session:
                undo_story_change(session, change)
        except ValueError as error:
            raise LibraryError(str(error)) from None

    def remove_outlet_aliases(self, outlet_id: int, aliases: Sequence[str]) -> None:
        """Forget other names of an outlet (its own name is always kept)."""
        with self._session() as session:
            outlet = session.get(Outlet, outlet_id)
            if outlet is None:
                raise NotFoundError(f"no outlet with ID {outlet_id} in this library")
            keys = {fold_name(alias) for alias in aliases} - {fold_name(outlet.name)}
            if keys:
                session.execute(
                    delete(OutletAlias).where(
                        OutletAlias.outlet_id == outlet_id, OutletAlias.key.in_(keys)
                    )
                )
        self._outlet_ids.clear()
