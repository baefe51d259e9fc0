"""Import batches through the Library, on SQLite and PostgreSQL: mixed inputs, failures,
progress, cancellation, worker processes, the batch record, outlets, trimming."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from library import CancelToken, Library, LibraryError, NotFoundError


def article_text(n: int) -> str:
    return (
        f"Ferry service number {n} resumes after repairs\n\n"
        f"The ferry on route {n} returned to service on Monday after three weeks of repairs to "
        f"its engines, the operator said.\n\nPassengers on route {n} had used buses during the "
        f"closure. Tickets bought for the cancelled crossings number {n * 7} will be refunded."
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_mixed_batch_keeps_going_and_records_everything(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    write(folder / "one.txt", article_text(1))
    write(folder / "nested" / "two.md", "# " + article_text(2))
    write(folder / "empty.txt", "")
    write(folder / "ignored.xyz", "not an article format")
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as archive:
        archive.writestr("inside/three.txt", article_text(3))
        archive.writestr("../escape.txt", article_text(4))
    rows = tmp_path / "dump.csv"
    write(
        rows,
        "headline,text,source\n"
        + f'"Row title","{article_text(5).splitlines()[2]}",Harbour Gazette\n',
    )
    progress: list[float] = []
    report = library.import_sources(
        [str(folder), str(tmp_path / "more.zip"), str(rows), str(tmp_path / "nope.txt")],
        progress=lambda fraction, _message: progress.append(fraction),
    )
    titles = sorted(a.title for a in library.list_articles())
    assert titles == [
        "Ferry service number 1 resumes after repairs",
        "Ferry service number 2 resumes after repairs",
        "Ferry service number 3 resumes after repairs",
        "Row title",
    ]
    reasons = {Path(p.source_ref).name.split("!")[-1]: p.reason for p in report.failures}
    assert "empty" in reasons["empty.txt"]
    assert "no such file" in reasons["nope.txt"]
    assert any("escape.txt" in p.source_ref for p in report.failures)
    assert not report.ok
    assert progress
    assert progress[-1] == pytest.approx(1.0)
    assert progress == sorted(progress)
    batch = library.import_batches()[0]
    assert batch["id"] == report.batch_id
    assert batch["status"] == "finished"
    assert (batch["imported"], batch["failed"]) == (4, len(report.failures))
    assert {e["source"] for e in batch["errors"]} == {p.source_ref for p in report.failures}
    outlet_of_row = next(a for a in library.list_articles() if a.title == "Row title").outlet
    assert outlet_of_row == "Harbour Gazette"


def test_sample_article_tail_is_trimmed_and_kept(library: Library, sample_article: Path) -> None:
    report = library.import_sources([str(sample_article)], outlet="SANA")
    assert report.ok
    article = library.get_article(report.added[0].article_id)
    assert article.author == "Hazem Sabbagh"
    assert "Check Also" not in article.body
    assert article.body.rstrip().endswith("elsewhere in the Middle East.")
    assert "Check Also" in article.trimmed
    assert "UN General Assembly" in article.trimmed
    assert article.language == "en"
    assert article.outlet == "SANA"


def test_cancelling_keeps_what_was_stored_and_records_the_rest(
    library: Library, tmp_path: Path
) -> None:
    for n in range(6):
        write(tmp_path / "in" / f"{n}.txt", article_text(n))
    cancel = CancelToken()

    def progress(fraction: float, _message: str) -> None:
        if fraction >= 0.3:
            cancel.cancel()

    report = library.import_sources([str(tmp_path / "in")], progress=progress, cancel=cancel)
    assert report.cancelled
    assert 1 <= len(report.added) < 6
    assert len(report.added) + len(report.unfinished) == 6
    assert library.count_articles() == len(report.added)
    batch = library.import_batches()[0]
    assert batch["status"] == "cancelled"
    assert len(batch["unfinished"]) == len(report.unfinished)


@pytest.mark.parametrize("start", ["default", "spawn"])
def test_big_batches_use_worker_processes_with_the_same_result(
    sqlite_url: str, tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if start == "spawn":  # what the window uses: Qt's threads must not be forked
        import multiprocessing

        import library.importing

        monkeypatch.setattr(
            library.importing, "_pool_context", lambda: multiprocessing.get_context("spawn")
        )
    for n in range(40):
        write(tmp_path / "many" / f"{n:02d}.txt", article_text(n))
    write(tmp_path / "many" / "bad.txt", "")
    with Library.open(sqlite_url) as library:
        report = library.import_sources([str(tmp_path / "many")], workers=2)
        assert len(report.added) == 40
        assert [p.reason for p in report.failures] == ["the file is empty"]
        # Order of storage follows the order of the inputs, whatever the workers did.
        ids = [r.article_id for r in report.added]
        assert ids == sorted(ids)
        again = library.import_sources([str(tmp_path / "many")], workers=2)
        assert len(again.duplicates) == 40
        assert library.count_articles() == 40


def test_story_option_groups_the_batch(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", article_text(1))
    write(tmp_path / "b.txt", article_text(2))
    library.import_sources([str(tmp_path)], story="Ferries", outlet="Courier")
    assert [(s.name, s.articles) for s in library.stories()] == [("Ferries", 2)]
    assert {a.story for a in library.list_articles()} == {"Ferries"}


def test_json_dump_with_column_map(library: Library, tmp_path: Path) -> None:
    rows = [
        {
            "headline": "Bridge opens",
            "content": "The new bridge opened to traffic on Sunday.",
            "publisher": "Courier",
            "when": "2025-04-06T10:00:00Z",
        },
        {
            "headline": "Market day",
            "content": "Stalls filled the square for the spring market.",
            "publisher": "Gazette",
            "when": "2025-04-07",
        },
    ]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(rows))
    report = library.import_sources(
        [str(path)],
        field_map={
            "title": "headline",
            "body": "content",
            "outlet": "publisher",
            "published": "when",
        },
    )
    assert report.ok, report.failures
    listed = {a.title: a for a in library.list_articles()}
    assert listed["Bridge opens"].outlet == "Courier"
    assert listed["Bridge opens"].published.isoformat() == "2025-04-06T10:00:00+00:00"
    assert listed["Market day"].outlet == "Gazette"


def test_outlet_records_are_editable(library: Library, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", article_text(1))
    library.import_sources([str(tmp_path / "a.txt")], outlet="Courier")
    outlet = library.outlets()[0]
    edited = library.update_outlet(
        outlet.id,
        name="The Harbour Courier",
        country="Fictional",
        kind="commercial",
        notes="Local daily",
        aliases=["courier.example"],
    )
    assert (edited.name, edited.kind, edited.country, edited.articles) == (
        "The Harbour Courier",
        "commercial",
        "Fictional",
        1,
    )
    assert {"Courier", "courier.example", "The Harbour Courier"} <= set(
        library.outlet_aliases(outlet.id)
    )
    # Both the old name and the new alias now reach the same outlet.
    write(tmp_path / "b.txt", article_text(2))
    library.import_sources([str(tmp_path / "b.txt")], outlet="courier.example")
    assert [(o.name, o.articles) for o in library.outlets()] == [("The Harbour Courier", 2)]
    with pytest.raises(LibraryError, match="choose one of"):
        library.update_outlet(outlet.id, kind="tabloid")
    with pytest.raises(NotFoundError):
        library.update_outlet(999, notes="x")


def test_item_progress_counts_inputs(library: Library, tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path / "in" / f"{n}.txt", article_text(n))
    steps: list[tuple[int, int, str]] = []
    library.import_sources([str(tmp_path / "in")], on_item=lambda *step: steps.append(step))
    assert [(done, total) for done, total, _ref in steps] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert steps[0][2] == ""
    assert steps[1][2].endswith("0.txt")
