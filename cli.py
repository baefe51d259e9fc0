"""The Parallax command line (the contract in DESIGN.md): argparse over the Library façade.

Exit codes: 0 everything done (skipped duplicates included); 1 some input failed, each named on
one stderr line; 2 usage error. Never a traceback for user input.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from library import (
    DatabaseError,
    ExportReport,
    ImportProblem,
    ImportReport,
    IngestError,
    Library,
    LibraryError,
    SearchQueryError,
    __version__,
)

PROG = "parallax"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Compare how news outlets tell the same story, offline.
With no command, `python main.py` opens the window."""

EPILOG = """\
The library is a SQLite file in your data folder unless --db URL or PARALLAX_DB names another
(any SQLAlchemy URL, e.g. postgresql://user@host/parallax for a shared team library).
Exit codes: 0 done (skipped duplicates included), 1 some input failed, 2 usage error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as the contract says
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole contract (also used by main.py for ``gui``)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="URL",
        help="library database URL (default: PARALLAX_DB, else your data folder)",
    )
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="print JSON (shape in the README)")

    parser = _Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Parallax {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = commands.add_parser(
        "import", parents=[db], help="import files, folders, archives, feeds or URLs"
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--outlet", metavar="NAME", help="the outlet of every imported article")
    p.add_argument("--story", metavar="NAME", help="add the articles to this story")
    p.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="CSV/JSON columns, e.g. text=body,title=headline,outlet=source",
    )
    p.add_argument(
        "--fetch-full-text",
        action="store_true",
        help="for feed entries, fetch the linked page (uses the network)",
    )

    p = commands.add_parser("list", parents=[db, json_flag], help="list or search the library")
    p.add_argument("--search", metavar="QUERY", help='words, "a phrase", word*, -excluded, OR')
    p.add_argument("--outlet", metavar="NAME")
    p.add_argument("--story", metavar="NAME")

    p = commands.add_parser("show", parents=[db, json_flag], help="show one article")
    p.add_argument("id", metavar="ID", type=int)

    p = commands.add_parser("analyze", parents=[db, json_flag], help="score articles")
    p.add_argument("targets", nargs="+", metavar="ID|PATH")

    p = commands.add_parser("compare", parents=[db, json_flag], help="compare 2 to 4 articles")
    p.add_argument("targets", nargs="+", metavar="ID|PATH")
    p.add_argument("--pdf", metavar="OUT", help="write the comparison handout (PDF)")
    p.add_argument("--worksheet", metavar="OUT", help="write a student worksheet (PDF)")
    p.add_argument("--answer-key", metavar="OUT", help="write the worksheet's answer key (PDF)")
    p.add_argument("--html", metavar="OUT", help="write the comparison as one HTML file")
    p.add_argument(
        "--page-size", choices=("a4", "letter"), default="a4", help="PDF paper (default a4)"
    )

    p = commands.add_parser("export", parents=[db], help="export scores and spans")
    p.add_argument("ids", nargs="*", metavar="ID", type=int)
    p.add_argument("--story", metavar="NAME")
    p.add_argument("--csv", metavar="OUT", help="CSV tables: OUT and OUT's stem + .spans.csv ...")
    p.add_argument("--json", metavar="OUT", help="one JSON file (the compare --json shape)")

    p = commands.add_parser("train", parents=[db], help="retrain the models")
    p.add_argument("--with-annotations", action="store_true")
    p.add_argument("--dataset", nargs=2, metavar=("FORMAT", "PATH"))

    p = commands.add_parser("evaluate", parents=[json_flag], help="score the models on a dataset")
    p.add_argument(
        "dataset", metavar="DATASET", choices=["babe", "basil", "ptc", "semeval-frames", "jsonl"]
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--split", choices=["dev", "test", "all"], default="test")

    p = commands.add_parser("gui", parents=[db], help="save a screenshot of the window")
    p.add_argument("--screenshot", metavar="OUT.png", required=True)
    p.add_argument("--article", metavar="ID", type=int)
    p.add_argument("--compare", metavar="ID,ID,...")
    return parser


def _fail(message: str, stream: TextIO | None = None) -> None:
    print(f"{PROG}: {message}", file=stream or sys.stderr)


def _parse_map(text: str | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in (text or "").split(","))):
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ValueError(f"--map: {pair!r} is not FIELD=COLUMN")
        mapping[field.strip()] = column.strip()
    return mapping


def _progress_printer(stream: TextIO):
    if not stream.isatty():
        return None
    width = shutil.get_terminal_size().columns - 1

    def show(fraction: float, message: str) -> None:
        line = f"{fraction:4.0%} {message}"[:width]
        stream.write("\r" + line.ljust(width))
        stream.flush()

    return show


def cmd_import(library: Library, args: argparse.Namespace) -> int:
    """``import PATH_OR_URL...``"""
    try:
        mapping = _parse_map(args.map)
    except ValueError as error:
        _fail(str(error))
        return EXIT_USAGE
    progress = _progress_printer(sys.stderr)
    report: ImportReport = library.import_sources(
        args.inputs,
        outlet=args.outlet,
        story=args.story,
        field_map=mapping,
        fetch_full_text=args.fetch_full_text,
        progress=progress,
    )
    if progress is not None:
        sys.stderr.write("\r" + " " * (shutil.get_terminal_size().columns - 1) + "\r")
    for duplicate in report.duplicates:
        _fail(
            f"{duplicate.source_ref}: already in the library as article {duplicate.duplicate_of} "
            "(skipped)"
        )
    for problem in report.failures:
        _fail(str(problem))
    for added in report.added:
        note = ""
        if added.status == "wire_copy":
            note = f" (same text as article {added.duplicate_of}: linked as wire copy)"
        elif added.status == "near_duplicate":
            note = f" (nearly the same as article {added.duplicate_of}: linked)"
        print(f"{added.article_id}\t{added.title}{note}")
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def _table(rows: list[list[str]], headers: list[str]) -> str:
    width = shutil.get_terminal_size((120, 24)).columns
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    last = max(20, width - sum(widths) - 2 * len(widths))
    lines = []
    for row in [headers, *rows]:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        title = row[-1] if len(row[-1]) <= last else row[-1][: last - 1] + "…"
        lines.append("  ".join([*cells, title]).rstrip())
    return "\n".join(lines)


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    """``list [--search QUERY] [--outlet NAME] [--story NAME] [--json]``"""
    articles = library.list_articles(search=args.search, outlet=args.outlet, story=args.story)
    if args.json:
        json.dump({"articles": [a.to_json() for a in articles]}, sys.stdout, ensure_ascii=False)
        print()
        return EXIT_OK
    if not articles:
        print("No articles." if not args.search else f"No articles match {args.search!r}.")
        return EXIT_OK
    rows = [
        [
            str(a.id),
            a.published.date().isoformat() if a.published else "",
            a.outlet or "",
            str(a.words),
            a.title,
        ]
        for a in articles
    ]
    print(_table(rows, ["ID", "Date", "Outlet", "Words", "Title"]))
    return EXIT_OK


def cmd_show(library: Library, args: argparse.Namespace) -> int:
    """``show ID [--json]``"""
    article = library.get_article(args.id)
    if args.json:
        json.dump({"article": article.to_json()}, sys.stdout, ensure_ascii=False)
        print()
        return EXIT_OK
    print(article.title)
    print("=" * min(len(article.title), 100))
    facts = [
        ("Outlet", article.outlet),
        ("Author", article.author),
        ("Published", article.published.isoformat() if article.published else None),
        ("URL", article.url),
        ("Story", article.story),
        ("Language", article.language),
        ("Words", str(article.words)),
        ("Source", f"{article.source_kind}: {article.source_ref}"),
    ]
    if article.duplicate_of:
        facts.append(("Copy of", f"article {article.duplicate_of} ({article.duplicate_kind})"))
    for label, value in facts:
        if value:
            print(f"{label + ':':<11}{value}")
    print()
    print(article.body)
    if article.trimmed:
        print("\n--- Trimmed from the page (not part of the article) ---")
        print(article.trimmed)
    return EXIT_OK


# Terminal colours per loaded-language category; speakers' words are shown underlined instead.
_COLOURS = {
    "emotional": "35",
    "labelling": "31",
    "exaggeration": "33",
    "doubt": "36",
    "loaded_attribution": "34",
    "euphemism": "32",
}
_SCORE_ROWS = (
    ("words", "Words"),
    ("loaded_per_100_words", "Loaded words per 100 (outlet's own voice)"),
    ("loaded_per_100_words_quoted", "Loaded words per 100 (in quotes and reported speech)"),
    ("tone", "Tone of the outlet's voice (-1 to 1)"),
    ("subjectivity", "Share of the outlet's sentences with opinion cues"),
    ("hedges_per_100_words", "Hedges per 100 words"),
    ("boosters_per_100_words", "Certainty boosters per 100 words"),
    ("quote_share", "Share of words in direct quotes"),
    ("reported_share", "Share of words in reported speech"),
    ("sources_named", "Named sources"),
    ("sources_anonymous", "Unnamed sources"),
    ("flesch_reading_ease", "Flesch reading ease"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
)


def _marked_text(text: str, spans: list, colour: bool) -> str:
    """The text with loaded spans marked: colours on a terminal, [[...]] markers otherwise."""
    pieces, position, number = [], 0, 0
    for span in spans:
        if span.start < position:
            continue  # overlapping highlight: the first one is shown
        number += 1
        pieces.append(text[position : span.start])
        chunk = text[span.start : span.end]
        if colour:
            style = _COLOURS.get(span.label, "1")
            if span.voice != "outlet":
                style += ";4"  # the speaker's words: underlined
            pieces.append(f"\x1b[{style}m{chunk}\x1b[0m\x1b[2m[{number}]\x1b[0m")
        else:
            pieces.append(f"[[{chunk}]]{number}")
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _print_analysis(analysed, colour: bool) -> None:
    report = analysed.report
    heading = f"#{analysed.article_id}" if analysed.article_id is not None else analysed.source_ref
    print(f"{heading}  {report.title}")
    if analysed.outlet:
        print(f"Outlet: {analysed.outlet}")
    if not report.available:
        print(f"({report.note})\n")
        return
    print()
    width = max(len(label) for _key, label in _SCORE_ROWS)
    for key, label in _SCORE_ROWS:
        value = report.scores.get(key)
        if value is not None:
            print(f"  {label:<{width}}  {value}")
    speakers = ", ".join(f"{s.speaker} ({s.quotes + s.reported})" for s in report.speakers[:8])
    if speakers:
        print(f"  {'Who speaks':<{width}}  {speakers}")
    loaded = report.highlighted()
    print()
    print(_marked_text(report.text, loaded, colour))
    print()
    shown, position = 0, 0
    for span in loaded:
        if span.start < position:
            continue
        shown += 1
        position = span.end
        # Most reasons give their confidence already; the others get it here.
        confidence = "" if "confidence" in span.why else f" (confidence {span.score:.2f})"
        print(f"  [{shown}] {span.text!r} — {span.why}{confidence}")
    print()


def cmd_analyze(library: Library, args: argparse.Namespace) -> int:
    """``analyze (ID|PATH)... [--json]``"""
    results = library.analyze(args.targets)
    failed = [r for r in results if isinstance(r, ImportProblem)]
    analysed = [r for r in results if not isinstance(r, ImportProblem)]
    for problem in failed:
        _fail(str(problem))
    if args.json:
        json.dump({"articles": [a.to_json() for a in analysed]}, sys.stdout, ensure_ascii=False)
        print()
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        for article in analysed:
            _print_analysis(article, colour)
    return EXIT_FAILED if failed else EXIT_OK


_SCORE_TABLE = (
    ("loaded_per_100_words", "Loaded /100 words (own voice)"),
    ("loaded_per_100_words_quoted", "Loaded /100 words (quoted)"),
    ("tone", "Tone"),
    ("subjectivity", "Opinion-cue sentences"),
    ("hedges_per_100_words", "Hedges /100 words"),
    ("quote_share", "Quoted share"),
    ("reported_share", "Reported share"),
    ("sources_named", "Named sources"),
    ("sources_anonymous", "Unnamed sources"),
    ("flesch_kincaid_grade", "Reading grade"),
)


def _print_comparison(compared) -> None:
    comparison = compared.comparison
    names = []
    for index, article in enumerate(compared.articles):
        label = chr(ord("A") + index)
        names.append(label)
        origin = f"#{article.article_id}" if article.article_id is not None else article.source_ref
        print(f"{label}  {article.outlet or '(no outlet)'} — {article.report.title}  [{origin}]")
    print()
    width = max(len(label) for _key, label in _SCORE_TABLE)
    print(" " * (width + 2) + "".join(f"{n:>10}" for n in names))
    for key, label in _SCORE_TABLE:
        values = [a.report.scores.get(key) for a in compared.articles]
        print(f"{label:<{width}}  " + "".join(f"{'' if v is None else v:>10}" for v in values))
    for notable in comparison.notable:
        print(
            f"  stands out: {notable.score} is {notable.difference} higher in "
            f"{names[notable.high]} than in {names[notable.low]}"
        )
    print("\nWording contrasts (same content, different words):")
    for contrast in comparison.contrasts:
        sides = "  /  ".join(
            f"{names[s.article]}: {s.phrase!r}" + (f" ({s.label})" if s.label else "")
            for s in contrast.sides
        )
        print(f"  {sides}")
    if not comparison.contrasts:
        print("  none found")
    print("\nOnly in one article (possible omissions in the others, not verdicts):")
    for item in comparison.unique:
        facts = f"  [{', '.join(item.facts)}]" if item.facts else ""
        print(f"  {names[item.article]}: {item.text}{facts}")
    print("\nAligned sentences:")
    for group in comparison.aligned:
        print(f"  similarity {group.similarity:.2f}")
        for member in group.members:
            print(f"    {names[member.article]}: {member.text}")
    print("\nWho speaks:")
    for index, name in enumerate(names):
        rows = [f"{s.speaker} ({s.quotes})" for s in comparison.speakers if s.article == index]
        print(f"  {name}: {', '.join(rows) if rows else 'nobody quoted'}")
    print("\nDistinctive words:")
    for index, name in enumerate(names):
        terms = [k.term for k in comparison.keyness if k.article == index]
        print(f"  {name}: {', '.join(terms)}")


# compare's file options -> the library's document kinds.
_DOCUMENTS = {
    "pdf": "comparison",
    "worksheet": "worksheet",
    "answer_key": "answer_key",
    "html": "html",
}


def cmd_compare(library: Library, args: argparse.Namespace) -> int:
    """``compare (ID|PATH)... [--json] [--pdf OUT] [--worksheet OUT] [--answer-key OUT]
    [--html OUT] [--page-size a4|letter]``"""
    if not 2 <= len(args.targets) <= 4:
        _fail(f"compare takes 2 to 4 articles, not {len(args.targets)}")
        return EXIT_USAGE
    outputs = {kind: getattr(args, option) for option, kind in _DOCUMENTS.items()}
    outputs = {kind: path for kind, path in outputs.items() if path}
    result = library.compare(args.targets)
    if isinstance(result, list):
        for problem in result:
            _fail(str(problem))
        _fail("nothing compared: every article must be readable")
        return EXIT_FAILED
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False)
        print()
    elif not outputs:
        _print_comparison(result)
    if not outputs:
        return EXIT_OK
    written = library.export_comparison(result, outputs, page_size=args.page_size)
    return _report_written(written, sys.stderr if args.json else sys.stdout)


def _report_written(report: ExportReport, stream: TextIO) -> int:
    """One line per file written (on ``stream``), one per failure on stderr."""
    for path in report.written:
        print(f"wrote {path}", file=stream)
    for problem in report.failures:
        _fail(str(problem))
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_export(library: Library, args: argparse.Namespace) -> int:
    """``export (ID...|--story NAME) (--csv OUT | --json OUT)``"""
    if bool(args.ids) == bool(args.story):
        _fail("export takes article IDs or --story NAME (one of the two)")
        return EXIT_USAGE
    if not (args.csv or args.json):
        _fail("export needs --csv OUT or --json OUT")
        return EXIT_USAGE
    report = library.export_articles(args.ids, story=args.story, csv=args.csv, json=args.json)
    return _report_written(report, sys.stdout)


def cmd_train(library: Library, args: argparse.Namespace) -> int:
    """``train [--with-annotations] [--dataset FORMAT PATH]``"""
    from library.training import TrainingError, train

    progress = _progress_printer(sys.stderr)
    try:
        summary = train(
            library,
            with_annotations=args.with_annotations,
            dataset=args.dataset,
            progress=progress or (lambda _f, message: print(message, file=sys.stderr)),
        )
    except TrainingError as error:
        _fail(str(error))
        return EXIT_USAGE
    if progress is not None:
        sys.stderr.write("\n")
    print(
        f"Trained on {summary.examples} loaded-language sentences "
        f"({summary.annotation_examples} from your corrections or data) and "
        f"{summary.frame_examples} framing passages"
        + (
            f" ({summary.annotation_frames} from your corrections)."
            if summary.annotation_frames
            else "."
        )
    )
    for name, metrics in summary.metrics.items():
        shown = ", ".join(f"{key} {value}" for key, value in metrics.items())
        print(f"  {name}: {shown}")
    print(f"Models written to {summary.folder}")
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``evaluate DATASET PATH [--split dev|test|all] [--json]``"""
    from library.evaluation import evaluate

    try:
        result = evaluate(args.dataset, args.path, args.split)
    except IngestError as error:
        _fail(str(error))
        return EXIT_FAILED
    if args.json:
        json.dump(result, sys.stdout)
        print()
        return EXIT_OK
    print(f"{result['dataset']}, split {result['split']}: {result['n']} items")
    for key, value in result["metrics"].items():
        print(f"  {key:<28} {value}")
    return EXIT_OK


COMMANDS = {
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "analyze": cmd_analyze,
    "compare": cmd_compare,
    "export": cmd_export,
    "train": cmd_train,
}


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; returns the exit code."""
    if args.command == "evaluate":  # needs no library
        return cmd_evaluate(args)
    try:
        library = Library.open(args.db)
    except DatabaseError as error:
        _fail(str(error))
        return EXIT_FAILED
    try:
        return COMMANDS[args.command](library, args)
    except SearchQueryError as error:
        _fail(f"--search {args.search!r}: {error}")
        return EXIT_USAGE
    except LibraryError as error:
        _fail(str(error))
        return EXIT_FAILED
    except DatabaseError as error:
        _fail(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _fail("interrupted; every article stored so far is kept")
        return 130
    finally:
        library.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command (``gui`` is handled by main.py)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return run(args)
