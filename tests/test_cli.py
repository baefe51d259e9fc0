"""The command-line contract, run as a user runs it: `python main.py ...` in a new process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main

REPO = Path(__file__).resolve().parent.parent
TITLE = "Lavrov: Western alliance hasn’t been effective on the ground against terrorism"


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` in a new process, exactly as a user does."""
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
        env=env,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``main.main(ARGS)`` in this process (faster; same code path after start-up)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main.main(list(args))
        except SystemExit as exit_:  # argparse's usage errors and --help
            code = exit_.code if isinstance(exit_.code, int) else 2
    assert "Traceback" not in stderr.getvalue(), stderr.getvalue()
    return subprocess.CompletedProcess(list(args), code, stdout.getvalue(), stderr.getvalue())


def test_import_sample_then_list_json(sample_article: Path, sqlite_url: str) -> None:
    imported = run_process("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 article." in imported.stdout

    listed = run_process("list", "--json", "--db", sqlite_url)
    assert listed.returncode == 0
    articles = json.loads(listed.stdout)["articles"]
    assert len(articles) == 1
    article = articles[0]
    assert set(article) >= {"id", "title", "outlet", "published", "words", "story", "language"}
    assert article["title"] == TITLE
    assert article["outlet"] == "SANA"


def test_importing_again_is_a_reported_skip_not_a_failure(
    sample_article: Path, sqlite_url: str
) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    again = run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    assert again.returncode == 0
    assert "already in the library as article 1 (skipped)" in again.stderr
    assert "skipped 1 duplicate" in again.stdout
    listed = json.loads(run("list", "--json", "--db", sqlite_url).stdout)["articles"]
    assert len(listed) == 1


def test_bad_inputs_fail_one_line_each_and_the_sample_is_stored(
    sample_article: Path, sqlite_url: str, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    missing = tmp_path / "missing.txt"
    result = run_process(
        "import", str(empty), str(binary), str(missing), str(sample_article), "--db", sqlite_url
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 3, result.stderr
    assert any(str(empty) in line and "empty" in line for line in lines)
    assert any(str(binary) in line and "binary" in line for line in lines)
    assert any(str(missing) in line and "no such file" in line for line in lines)
    listed = json.loads(run("list", "--json", "--db", sqlite_url).stdout)["articles"]
    assert [a["title"] for a in listed] == [TITLE]


def test_search_finds_the_sample_on_both_engines(sample_article: Path, db_url: str) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", db_url)
    found = json.loads(run("list", "--search", "Lavrov", "--json", "--db", db_url).stdout)
    assert [a["title"] for a in found["articles"]] == [TITLE]
    nothing = json.loads(run("list", "--search", "Zanzibar", "--json", "--db", db_url).stdout)
    assert nothing["articles"] == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "*", "-", "lavrov*", "(", "NOT"])
def test_search_syntax_gives_results_or_a_clear_message(
    sample_article: Path, sqlite_url: str, query: str
) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    result = run("list", "--search", query, "--db", sqlite_url)
    assert result.returncode in (0, 2)
    if result.returncode == 2:
        assert result.stderr.startswith("parallax: --search")
        assert len(result.stderr.strip().splitlines()) == 1


def test_show_json_shape_and_unknown_id(sample_article: Path, sqlite_url: str) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    shown = run("show", "1", "--json", "--db", sqlite_url)
    article = json.loads(shown.stdout)["article"]
    assert set(article) >= {
        "id",
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "body",
        "trimmed",
        "story",
        "language",
        "source_kind",
        "duplicate_of",
    }
    assert article["title"] == TITLE
    assert article["body"].startswith("Moscow, SANA")
    missing = run("show", "42", "--db", sqlite_url)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "parallax: no article with ID 42 in this library"


def test_outlet_and_story_filters(sample_article: Path, sqlite_url: str) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--story", "Lavrov", "--db", sqlite_url)
    by_outlet = json.loads(run("list", "--outlet", "sana", "--json", "--db", sqlite_url).stdout)
    assert len(by_outlet["articles"]) == 1
    assert by_outlet["articles"][0]["story"] == "Lavrov"
    unknown = run("list", "--outlet", "Nobody", "--db", sqlite_url)
    assert unknown.returncode == 1
    assert "no outlet called 'Nobody'" in unknown.stderr


def test_database_from_environment_and_home(
    sample_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("PARALLAX_HOME", str(home))
    run("import", str(sample_article), "--outlet", "SANA")
    assert (home / "library.sqlite3").exists()
    other = tmp_path / "other.sqlite3"
    monkeypatch.setenv("PARALLAX_DB", f"sqlite:///{other}")
    run("import", str(sample_article), "--outlet", "SANA")
    assert other.exists()
    # --db wins over both.
    third = tmp_path / "third.sqlite3"
    run("list", "--db", f"sqlite:///{third}")
    assert third.exists()


def test_usage_errors_exit_2() -> None:
    assert run("frobnicate").returncode == 2
    assert run("show", "not-a-number").returncode == 2
    assert run("import").returncode == 2
    assert run("list", "--json", "--bogus").returncode == 2


@pytest.mark.parametrize(
    "command",
    ["export --csv x.csv", "export 1 --story S --csv x.csv", "export 1", "export one --json x"],
)
def test_export_usage_errors(command: str, sqlite_url: str) -> None:
    result = run(*command.split(), "--db", sqlite_url)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("parallax")  # the reason, last


def test_help_lists_the_whole_contract() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in (
        "import",
        "list",
        "show",
        "analyze",
        "compare",
        "export",
        "train",
        "evaluate",
        "gui",
    ):
        assert command in result.stdout


def test_unopenable_database_is_one_clear_line(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("not a database\n" * 200)
    result = run("list", "--db", f"sqlite:///{bogus}")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot open the library" in result.stderr


def test_analyze_a_path_prints_the_contract_json(sample_article: Path, sqlite_url: str) -> None:
    result = run("analyze", str(sample_article), "--json", "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert article["id"] is None
    assert article["title"] == TITLE
    assert article["text"].startswith(TITLE + "\n\n")
    for key in (
        "words",
        "sentences",
        "loaded_per_100_words",
        "loaded_per_100_words_quoted",
        "tone",
        "subjectivity",
        "hedges_per_100_words",
        "boosters_per_100_words",
        "quote_share",
        "sources_named",
        "sources_anonymous",
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "smog",
        "dale_chall",
    ):
        assert key in article["scores"], key
    assert set(article["versions"]) == {"analyser", "models", "textstat"}
    loaded = {s["text"]: s for s in article["spans"] if s["layer"] == "loaded"}
    assert "so-called" in loaded
    assert loaded["so-called"]["why"]
    for span in article["spans"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]
        assert span["voice"] in ("outlet", "quoted", "reported")
    # Nothing was stored: a PATH is analysed, not imported.
    assert json.loads(run("list", "--json", "--db", sqlite_url).stdout)["articles"] == []


def test_analyze_stored_ids_readable_summary_and_unknown_id(
    sample_article: Path, sqlite_url: str
) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    result = run("analyze", "1", "77", "--db", sqlite_url)
    assert result.returncode == 1
    assert result.stderr.strip() == "parallax: 77: no article with ID 77 in this library"
    assert result.stdout.startswith("#1  " + TITLE)
    assert "Outlet: SANA" in result.stdout
    assert "[[so-called]]" in result.stdout
    assert "Loaded words per 100 (outlet's own voice)" in result.stdout
    # Each reason states its confidence once.
    reasons = [line for line in result.stdout.splitlines() if line.startswith("  [")]
    assert reasons
    assert all(line.count("confidence ") == 1 for line in reasons), reasons


def test_compare_counts_and_unknown_ids(sample_article: Path, sqlite_url: str) -> None:
    run("import", str(sample_article), "--outlet", "SANA", "--db", sqlite_url)
    one = run("compare", "1", "--db", sqlite_url)
    assert one.returncode == 2
    assert "2 to 4 articles, not 1" in one.stderr
    five = run("compare", "1", "1", "1", "1", "1", "--db", sqlite_url)
    assert five.returncode == 2
    missing = run("compare", "1", "42", "--db", sqlite_url)
    assert missing.returncode == 1
    assert "no article with ID 42" in missing.stderr
    assert missing.stdout == ""


def test_compare_demo_story_json_and_text(sqlite_url: str) -> None:
    demo = REPO / "resources" / "samples" / "demo_story"
    files = [str(demo / f) for f in ("calder_ledger.txt", "harbour_daily_star.txt")]
    result = run("compare", *files, "--json", "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 2
    assert data["aligned"]
    assert {"group", "sides"} == set(data["contrasts"][0])
    assert any(
        {s["phrase"] for s in c["sides"]} == {"people", "troublemakers"} for c in data["contrasts"]
    )
    text = run("compare", *files, "--db", sqlite_url)
    assert "Wording contrasts" in text.stdout
    assert "A: 'people'  /  B: 'troublemakers' (labelling)" in text.stdout


def _demo_library(sqlite_url: str) -> list[str]:
    from library import Library

    with Library.open(sqlite_url) as library:
        return [str(i) for i in library.add_demo_story()]


def test_compare_writes_handout_worksheet_key_and_html_headless(
    sqlite_url: str, tmp_path: Path
) -> None:
    ids = _demo_library(sqlite_url)
    # As on a server: no display, no Qt platform chosen; the export picks offscreen itself.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = {name: tmp_path / name for name in ("h.pdf", "w.pdf", "k.pdf", "r.html")}
    result = run_process(
        "compare",
        *ids,
        "--pdf",
        str(out["h.pdf"]),
        "--worksheet",
        str(out["w.pdf"]),
        "--answer-key",
        str(out["k.pdf"]),
        "--html",
        str(out["r.html"]),
        "--page-size",
        "letter",
        "--db",
        sqlite_url,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {out[n]}" for n in out]
    from pypdf import PdfReader

    for name in ("h.pdf", "w.pdf", "k.pdf"):
        reader = PdfReader(out[name])
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    handout = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out["h.pdf"]).pages)
    assert "Port Calder dock strike" in handout
    assert "troublemakers" in handout
    assert "troublemakers" in out["r.html"].read_text(encoding="utf-8")


def test_compare_to_an_unwritable_path_fails_in_one_line_and_leaves_no_file(
    sqlite_url: str, tmp_path: Path
) -> None:
    ids = _demo_library(sqlite_url)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    target = blocker / "handout.pdf"
    result = run_process("compare", *ids, "--pdf", str(target), "--json", "--db", sqlite_url)
    assert result.returncode == 1
    assert result.stderr.strip() == f"parallax: {target}: {blocker} is not a folder"
    assert json.loads(result.stdout)["aligned"]  # the comparison itself was fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite3", "notes.txt"]


def test_export_story_to_csv_and_json(sqlite_url: str, tmp_path: Path) -> None:
    ids = _demo_library(sqlite_url)
    result = run(
        "export",
        "--story",
        "Port Calder dock strike",
        "--csv",
        str(tmp_path / "t.csv"),
        "--json",
        str(tmp_path / "t.json"),
        "--db",
        sqlite_url,
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 't.csv'}" in result.stdout.splitlines()
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert [str(a["id"]) for a in data["articles"]] == ids
    import csv

    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["outlet"] for r in rows] == [a["outlet"] for a in data["articles"]]
    missing = run("export", ids[0], "77", "--json", str(tmp_path / "u.json"), "--db", sqlite_url)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "parallax: 77: no article with ID 77 in this library"
    assert (tmp_path / "u.json").exists()
    story = run("export", "--story", "Nope", "--json", str(tmp_path / "v.json"), "--db", sqlite_url)
    assert story.returncode == 1
    assert story.stderr.strip() == "parallax: no story called 'Nope' in this library"


def test_evaluate_on_a_small_dataset_in_the_babe_format(tmp_path: Path) -> None:
    rows = [
        ("The mob of thugs stormed the hall.", "https://example.org/a", "Biased", "['thugs']"),
        ("The council met on Monday.", "https://example.org/b", "Non-biased", "[]"),
        (
            "Union bosses admitted the plan was a disgrace.",
            "https://example.org/c",
            "Biased",
            "['disgrace']",
        ),
        ("Prices rose by 4% in March.", "https://example.org/d", "Non-biased", "[]"),
    ]
    lines = ["text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words"]
    lines += [f"{t};{link};x;y;;{label};;{words}" for t, link, label, words in rows]
    (tmp_path / "final_labels_SG2.csv").write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    result = run("evaluate", "babe", str(tmp_path), "--split", "all", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["dataset"], data["split"], data["n"]) == ("babe", "all", 4)
    assert {"sentence_macro_f1", "word_f1", "word_precision", "word_recall"} <= set(data["metrics"])
    assert data["metrics"]["sentence_macro_f1"] > 0.5
    missing = run("evaluate", "ptc", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "not found" in missing.stderr


def test_train_refuses_evaluation_datasets() -> None:
    result = run("train", "--dataset", "babe", "x")
    assert result.returncode == 2
    assert "never trained on" in result.stderr
