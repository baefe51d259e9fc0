"""Listing, search, filters and sorting on a 100,000-article library (DESIGN.md budgets:
search ≤ 50 ms, first page of results ≤ 300 ms).

Run from the repository root::

    .venv/bin/python bench/library_scale.py [--articles 100000] [--db PATH] [--repeat 5]

The library is built by the bench itself with bulk inserts of synthetic rows (varied titles,
bodies, outlets, stories, dates and stored scores; nothing is committed) in a new SQLite file,
or reused from ``--db PATH`` when that file exists. Each case is measured as the window does
it — the count, the ordered ids of the listing, the first page of rows — and also as
``list_articles(limit=200)``; the table shows the median of ``--repeat`` runs in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from analysis.corpus import FRAMES  # noqa: E402
from db.models import Article, ArticleScore, Outlet, Story, StoryArticle  # noqa: E402
from library import Library  # noqa: E402
from library.records import ArticleQuery  # noqa: E402

PAGE = 200
OUTLETS = 40
STORIES = 300
FIRST_DAY = datetime(2023, 1, 1, tzinfo=UTC)

# A small vocabulary is enough for realistic posting lists: common words match many articles,
# topic words (the ones searched for) a few thousand.
COMMON = (
    "the a of to in and said on for with by at from that was were has have after before "
    "officials government city minister talks people police report week day year new two "
    "three four local national council vote plan says told statement sources according"
).split()
TOPICS = (
    "ceasefire strike harbour election budget flood ferry bridge protest court hospital "
    "school border trade drought fire storm union railway energy"
).split()


def _body(rng: random.Random, topic: str) -> str:
    words = [rng.choice(COMMON) for _ in range(rng.randint(80, 160))]
    for _ in range(rng.randint(1, 4)):
        words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def build(path: Path, count: int, seed: int = 7) -> None:
    """Fill a new library at ``path`` with ``count`` synthetic analysed articles."""
    rng = random.Random(seed)
    with Library.open(f"sqlite:///{path}") as library, library.database.sessions() as session:
        with session.begin():
            session.execute(
                insert(Outlet),
                [
                    {"id": i + 1, "name": f"Outlet {i + 1:02d}", "kind": "unknown", "notes": ""}
                    for i in range(OUTLETS)
                ],
            )
            session.execute(
                insert(Story),
                [
                    {"id": i + 1, "name": f"Story {i + 1:03d}", "description": ""}
                    for i in range(STORIES)
                ],
            )
        batch = 5_000
        for first in range(1, count + 1, batch):
            articles, analyses, members = [], [], []
            for article_id in range(first, min(first + batch, count + 1)):
                topic = rng.choice(TOPICS)
                body = _body(rng, topic)
                published = FIRST_DAY + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                articles.append(
                    {
                        "id": article_id,
                        "outlet_id": rng.randrange(OUTLETS) + 1,
                        "title": f"{topic.capitalize()}: {' '.join(rng.sample(COMMON, 6))}",
                        "body": body,
                        "trimmed": "",
                        "published": published if rng.random() > 0.02 else None,
                        "language": "en",
                        "source_kind": "text",
                        "source_ref": f"bench-{article_id}.txt",
                        "summary_only": False,
                        "word_count": body.count(" ") + 1,
                        "body_hash": f"{article_id:064x}",
                    }
                )
                if rng.random() < 0.9:  # some articles are not analysed yet
                    analyses.append(
                        {
                            "article_id": article_id,
                            "loaded_density": round(rng.expovariate(0.4), 3),
                            "top_frame": rng.choice((*FRAMES, "none")),
                        }
                    )
                if rng.random() < 0.6:
                    members.append(
                        {"story_id": rng.randrange(STORIES) + 1, "article_id": article_id}
                    )
            with session.begin():
                session.execute(insert(Article), articles)
                if analyses:
                    session.execute(insert(ArticleScore), analyses)
                if members:
                    session.execute(insert(StoryArticle), members)
        with library.database.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


def _median_ms(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cases() -> list[tuple[str, ArticleQuery]]:
    last_month = date(2025, 12, 1)
    return [
        ("everything, newest first", ArticleQuery()),
        ("search `ceasefire`", ArticleQuery(search="ceasefire")),
        (
            "search `ceasefire` + outlet + a month",
            ArticleQuery(
                search="ceasefire",
                outlet="Outlet 07",
                published_from=last_month,
                published_to=date(2025, 12, 31),
            ),
        ),
        ("one outlet", ArticleQuery(outlet="Outlet 07")),
        ("one story", ArticleQuery(story="Story 042")),
        ("frame + density 5–10", ArticleQuery(frame="economic", min_density=5, max_density=10)),
        ("sorted by loaded density", ArticleQuery(sort="loaded_density", descending=True)),
        ("sorted by title", ArticleQuery(sort="title")),
        (
            "search `ceasefire` sorted by density",
            ArticleQuery(search="ceasefire", sort="loaded_density", descending=True),
        ),
    ]


def measure(library: Library, repeat: int) -> None:
    print(f"{library.count_articles():,} articles\n")
    print(
        "| listing | matches | count, ms | ids, ms | first page of rows, ms "
        "| window total, ms | `list_articles` page, ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, query in cases():
        matches = library.count_articles(query)
        count = _median_ms(lambda q=query: library.count_articles(q), repeat)
        ids = library.article_ids(query)
        listing = _median_ms(lambda q=query: library.article_ids(q), repeat)
        page = _median_ms(lambda i=ids: library.article_summaries(i[:PAGE]), repeat)
        listed = _median_ms(lambda q=query: library.list_articles(q, limit=PAGE), repeat)
        print(
            f"| {name} | {matches:,} | {count:.1f} | {listing:.1f} | {page:.1f} "
            f"| {listing + page:.1f} | {listed:.1f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) the library at this path")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "scale.sqlite3"
        if not path.exists():
            start = time.perf_counter()
            build(path, args.articles)
            print(f"built {path} in {time.perf_counter() - start:.1f} s")
        with Library.open(f"sqlite:///{path}") as library:
            measure(library, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
