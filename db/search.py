"""Full-text search behind one function, safe for any text a user types.

The user's text is parsed into words, quoted phrases, prefixes (``word*``), exclusions
(``-word`` or ``NOT word``) and ``OR``; only word characters reach the database engines'
query languages, so no input can produce a syntax error there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, select, text

from db.models import Article

_TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<wneg>-)?(?P<word>[^\W_]+)(?P<star>\*)?')
_WORDS = re.compile(r"[^\W_]+")


class SearchQueryError(ValueError):
    """A search text that holds nothing to look for."""


@dataclass(frozen=True)
class Term:
    """One word or phrase of a search."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: OR of groups, each group an AND of terms."""

    groups: tuple[tuple[Term, ...], ...]


def parse_query(query: str) -> SearchQuery:
    """Parse what a user typed into a :class:`SearchQuery`.

    Raises
    ------
    SearchQueryError
        When the text has no word to look for, or only excluded words.
    """
    tokens: list[Term | str] = []
    negate_next = False
    for match in _TOKEN.finditer(query):
        if match["phrase"] is not None:
            words = tuple(_WORDS.findall(match["phrase"].lower()))
            if words:
                tokens.append(Term(words, negated=bool(match["neg"]) or negate_next))
            negate_next = False
            continue
        word = match["word"]
        if word in ("OR", "AND", "NOT") and not match["wneg"] and not match["star"]:
            tokens.append(word)
            continue
        tokens.append(
            Term(
                (word.lower(),),
                prefix=bool(match["star"]),
                negated=bool(match["wneg"]) or negate_next,
            )
        )
        negate_next = False
    # Operators count only between terms ("AND OR" alone is a search for two words).
    groups: list[list[Term]] = [[]]
    for index, token in enumerate(tokens):
        if isinstance(token, Term):
            groups[-1].append(token)
            continue
        before = index > 0 and isinstance(tokens[index - 1], Term)
        after = index + 1 < len(tokens) and isinstance(tokens[index + 1], Term)
        if token == "OR" and before and after:
            groups.append([])
        elif token == "NOT" and after:
            following = tokens[index + 1]
            assert isinstance(following, Term)
            tokens[index + 1] = Term(following.words, following.prefix, negated=True)
        elif token == "AND" and before and after:
            pass
        else:
            groups[-1].append(Term((token.lower(),)))
    kept = tuple(tuple(group) for group in groups if any(not t.negated for t in group))
    if not kept:
        if any(groups):
            raise SearchQueryError("a search needs at least one word that is not excluded")
        raise SearchQueryError("the search has no words to look for")
    return SearchQuery(kept)


def _fts5_term(term: Term) -> str:
    # Double-quoted FTS5 strings; the words hold only word characters, so nothing to escape.
    body = '"' + " ".join(term.words) + '"'
    return body + " *" if term.prefix else body


def fts5_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH expression for ``query``."""
    parts = []
    for group in query.groups:
        positive = " AND ".join(_fts5_term(t) for t in group if not t.negated)
        negative = "".join(f" NOT {_fts5_term(t)}" for t in group if t.negated)
        parts.append(f"({positive}{negative})")
    return " OR ".join(parts)


def _tsquery_term(term: Term) -> str:
    body = " <-> ".join(term.words)
    if term.prefix:
        body += ":*"
    body = f"({body})" if len(term.words) > 1 else body
    return f"!{body}" if term.negated else body


def tsquery_expression(query: SearchQuery) -> str:
    """The PostgreSQL ``to_tsquery`` text for ``query``."""
    groups = []
    for group in query.groups:
        ordered = [t for t in group if not t.negated] + [t for t in group if t.negated]
        groups.append("(" + " & ".join(_tsquery_term(t) for t in ordered) + ")")
    return " | ".join(groups)


def apply_search(statement: Select, dialect: str, query: str) -> Select:
    """Restrict ``statement`` (selecting from ``articles``) to matches, best first.

    Raises
    ------
    SearchQueryError
        When ``query`` holds nothing to look for.
    """
    parsed = parse_query(query)
    if dialect == "sqlite":
        matches = (
            select(
                literal_column("rowid").label("article_id"),
                literal_column("bm25(articles_fts, 10.0, 1.0)").label("rank"),
            )
            .select_from(text("articles_fts"))
            .where(
                text("articles_fts MATCH :fts_query").bindparams(fts_query=fts5_expression(parsed))
            )
            .subquery("matches")
        )
        return statement.join(matches, matches.c.article_id == Article.id).order_by(
            matches.c.rank, Article.id.desc()
        )
    if dialect == "postgresql":
        tsquery = func.to_tsquery("english", tsquery_expression(parsed))
        vector: ColumnElement = literal_column("articles.search_vector")
        return statement.where(vector.op("@@")(tsquery)).order_by(
            func.ts_rank_cd(vector, tsquery).desc(), Article.id.desc()
        )
    # Any other engine: a plain case-insensitive substring match on every positive word.
    conditions = [
        func.lower(Article.title + " " + Article.body).contains(" ".join(t.words))
        for t in parsed.groups[0]
        if not t.negated
    ]
    return statement.where(and_(*conditions)).order_by(Article.id.desc())
