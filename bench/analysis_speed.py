"""Speed of ``analysis.analyze`` (DESIGN.md budgets: an 800-word article in ≤ 25 ms once loaded;
≥ 30,000 words/s per core in batch).

Run from the repository root::

    .venv/bin/python bench/analysis_speed.py [--repeat 50] [--rounds 1] [--stages] [--stream]

Texts: the three demo-story articles (resources/samples/demo_story) and an 800-word article
made of their paragraphs; the first call (which loads lexicons and textstat's dictionary) is
timed separately. Prints a Markdown table; ``--stages`` adds the median time of each stage of
the analysis of the 800-word article (processor time, so other programs' load counts less);
``--stream`` analyses every BASIL and PTC article of ../shared/datasets once (new words
throughout, as in a batch import) and prints the words per second of processor time.

``--rounds N`` measures the 800-word article again in N rounds a second apart, each with VADER
alone on the same text beside it: the machine's own speed changes from minute to minute (VADER
alone has taken from 12 to 23 ms here), and VADER, which Parallax does not change, shows how
fast the machine was in each round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import analysis.scoring  # noqa: E402
from analysis.models import ModelSet  # noqa: E402
from analysis.scoring import analyze  # noqa: E402
from bench.datasets import datasets_dir  # noqa: E402
from ingest.datasets import read_basil, read_ptc  # noqa: E402

DEMO = REPO / "resources" / "samples" / "demo_story"


def articles() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(DEMO.glob("*.txt")):
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        found.append((path.stem, title.strip(), body.strip()))
    paragraphs = [p for _name, _title, body in found for p in body.split("\n\n")]
    body, words = [], 0
    for paragraph in paragraphs:
        if words >= 800:
            break
        body.append(paragraph)
        words += len(paragraph.split())
    found.append(("800-word article", "Port Calder strike: three accounts", "\n\n".join(body)))
    sample = REPO.parent / "shared" / "samples" / "000_7cbcd1d4ab3bfdea.txt"
    if sample.exists():  # the real sample article, when ../shared is beside the repository
        title, body_text = sample.read_text(encoding="utf-8").split("\n", 1)
        found.append(("sample (SANA, ../shared/samples)", title.strip(), body_text.strip()))
    return found


def _timings(functions: list, repeat: int) -> list[tuple[list[float], list[float]]]:
    """Wall and processor seconds of each ``function(i)``, ``i`` in ``0 .. repeat - 1``.

    The functions take turns (one call of each per round), so that a burst of load from other
    programs on the shared cores falls on every column alike.
    """
    timings: list[tuple[list[float], list[float]]] = [([], []) for _ in functions]
    for index in range(repeat):
        for function, (wall, processor) in zip(functions, timings, strict=True):
            start, start_processor = time.perf_counter(), time.process_time()
            function(index)
            wall.append(time.perf_counter() - start)
            processor.append(time.process_time() - start_processor)
    return timings


def _ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


#: The stages of ``analyze`` as named in ``analysis.scoring`` (each timed where it is called).
STAGES = {
    "build_text": "text model: paragraphs, sentences, tokens",
    "analyse_voice": "voices, quotations and speakers",
    "token_context": "lexicon matches",
    "loaded_spans": "loaded spans (token model included)",
    "cue_spans": "hedges and boosters",
    "quote_spans": "quotations and speech verbs",
    "_outlet_sentence_texts": "outlet's sentences",
    "tone": "tone (VADER)",
    "_opinion_sentences": "opinion cues",
    "readability": "readability (textstat)",
    "_sentence_infos": "sentence voices",
    "_sentence_models": "sentence bias and frames",
    "_actor_tone": "tone by speaker",
}


def stage_times(title: str, body: str, repeat: int) -> tuple[dict[str, float], float, float]:
    """Median processor milliseconds of each stage of :data:`STAGES`, of the rest of the
    analysis and of the whole."""
    spent: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return wrapper

    originals = {name: getattr(analysis.scoring, name) for name in STAGES}
    samples: dict[str, list[float]] = {name: [] for name in STAGES}
    totals, rests = [], []
    try:
        for name, function in originals.items():
            setattr(analysis.scoring, name, timed(name, function))
        for index in range(repeat):
            spent.clear()
            start = time.process_time()
            analyze(title, f"{body} {index}")
            totals.append(time.process_time() - start)
            rests.append(totals[-1] - sum(spent.values()))
            for name in STAGES:
                samples[name].append(spent.get(name, 0.0))
    finally:
        for name, function in originals.items():
            setattr(analysis.scoring, name, function)
    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    return medians, statistics.median(rests) * 1000, statistics.median(totals) * 1000


def stream_speed() -> tuple[int, int, float] | None:
    """Articles, words and processor seconds of analysing BASIL's and PTC's articles once each
    (``None`` when the datasets are not here)."""
    root = datasets_dir()
    if not (root / "basil").is_dir() or not (root / "ptc").is_dir():
        return None
    documents = read_basil(root / "basil", "all") + read_ptc(root / "ptc", "all")
    words = 0
    start = time.process_time()
    for document in documents:
        analyze(document.title, document.body)
        words += len(document.text.split())
    return len(documents), words, time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds for the 800-word article (see above)"
    )
    parser.add_argument("--stages", action="store_true", help="time each stage too")
    parser.add_argument("--stream", action="store_true", help="analyse BASIL and PTC once each")
    args = parser.parse_args()
    texts = articles()
    start = time.perf_counter()
    analyze(texts[0][1], texts[0][2])
    first = time.perf_counter() - start
    print(f"first call (loads lexicons, models, VADER, textstat data): {first * 1000:.0f} ms\n")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    no_models = ModelSet(None, None, None)
    print(
        "| article | words | VADER alone, ms | lexicons and cues, ms | with models, ms | "
        "with models, processor ms | words/s with models |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    total_words = total_ms = 0.0
    for name, title, body in texts:
        words = len(f"{title} {body}".split())
        # A different text each time (a number appended, and different numbers for the two
        # analyses), so no cache anywhere can answer: textstat, for one, keeps the results of
        # its last 128 texts.
        (vader_ms, _), (lexicon_ms, _), (model_ms, model_processor) = _timings(
            [
                lambda i, t=title, b=body: vader.polarity_scores(f"{t}\n\n{b} {i}"),
                lambda i, t=title, b=body: analyze(t, f"{b} {i}", models=no_models),
                lambda i, t=title, b=body: analyze(t, f"{b} {args.repeat + i}"),
            ],
            args.repeat,
        )
        total_words += words
        total_ms += _ms(model_ms)
        print(
            f"| {name} | {words} | {_ms(vader_ms):.1f} | {_ms(lexicon_ms):.1f} | "
            f"{_ms(model_ms):.1f} | {_ms(model_processor):.1f} | "
            f"{words / _ms(model_ms) * 1000:,.0f} |"
        )
    print(f"| all, one core | | | | | | {total_words / total_ms * 1000:,.0f} |")
    if args.rounds > 1:
        name, title, body = next(text for text in texts if text[0] == "800-word article")
        print(f"\n{name}, {args.rounds} rounds a second apart (medians of {args.repeat} runs)\n")
        print("| round | VADER alone, ms | with models, ms | with models / VADER |")
        print("|---:|---:|---:|---:|")
        rounds = []
        for number in range(1, args.rounds + 1):
            time.sleep(1.0)
            (vader_ms, _), (model_ms, _) = _timings(
                [
                    lambda i: vader.polarity_scores(f"{title}\n\n{body} {i}"),
                    lambda i: analyze(title, f"{body} {args.repeat + i}"),
                ],
                args.repeat,
            )
            rounds.append((_ms(vader_ms), _ms(model_ms)))
            print(
                f"| {number} | {rounds[-1][0]:.1f} | {rounds[-1][1]:.1f} | "
                f"{rounds[-1][1] / rounds[-1][0]:.2f} |"
            )
        quiet, busy = min(rounds), max(rounds)
        print(
            f"\nfastest machine (lowest VADER median): {quiet[1]:.1f} ms with models; "
            f"slowest: {busy[1]:.1f} ms; all rounds: {min(r[1] for r in rounds):.1f}–"
            f"{max(r[1] for r in rounds):.1f} ms"
        )
    if args.stages:
        name, title, body = next(text for text in texts if text[0] == "800-word article")
        medians, rest, total = stage_times(title, body, args.repeat)
        print(f"\n{name}, with models: median processor time per stage\n")
        print("| stage | ms |")
        print("|---|---:|")
        for stage, label in STAGES.items():
            print(f"| {label} | {medians[stage]:.2f} |")
        print(f"| the rest (scores, sorting, the report) | {rest:.2f} |")
        print(f"| whole analysis | {total:.2f} |")
    if args.stream:
        measured = stream_speed()
        if measured is None:
            print("\nBASIL or PTC is not here: no stream measured", file=sys.stderr)
        else:
            count, words, seconds = measured
            print(
                f"\nstream: {count} BASIL and PTC articles, {words:,} words, analysed once each "
                f"in {seconds:.1f} s of processor time: {words / seconds:,.0f} words/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
