"""Features for the learned models, computed the same way in training and in the window.

Token features (loaded-language spans): the word, its affixes and shape, the project's
lexicons (category and strength of a matched entry, neutral topic words, hedges, boosters),
VADER's valence lexicon (shipped inside the ``vaderSentiment`` wheel), neighbouring words and
their lexicon categories, the voice (outlet / quoted / reported) and scare-quote position.
Sentence features (bias and framing) are word n-grams plus counts of those cues.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from analysis.lexicon import (
    Match,
    PhraseMatcher,
    booster_entries,
    hedge_entries,
    loaded_entries,
    neutral_topics,
)
from analysis.text import TextModel
from analysis.voice import Voice, VoiceMap

#: sklearn's default token pattern, used by both the trainer and the numpy inference.
NGRAM_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@cache
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    return (
        PhraseMatcher(loaded_entries()),
        PhraseMatcher(hedge_entries()),
        PhraseMatcher(booster_entries()),
    )


@cache
def vader_valence() -> dict[str, float]:
    """VADER's word valences (-4 … 4) from the lexicon file in the vaderSentiment wheel."""
    from importlib.resources import files

    table: dict[str, float] = {}
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                table[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return table


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "X"
    if text[:1].isupper():
        return "Xx"
    if text.islower():
        return "x"
    return "o"


@lru_cache(maxsize=50_000)
def _word_features(norm: str, shape: str) -> dict[str, float]:
    """The features of a word that do not depend on its context (cached: words repeat)."""
    features = {
        "bias": 1.0,
        f"w={norm}": 1.0,
        f"suf3={norm[-3:]}": 1.0,
        f"pre3={norm[:3]}": 1.0,
        f"shape={shape}": 1.0,
        f"len={min(len(norm), 12) // 3}": 1.0,
    }
    if (norm,) in neutral_topics():
        features["neutral_topic"] = 1.0
    valence = vader_valence().get(norm)
    if valence is not None:
        features["vader"] = valence / 4.0
        features["vader_abs"] = abs(valence) / 4.0
    return features


@dataclass(frozen=True)
class TokenContext:
    """Per-token lexicon facts of a text, computed once and shared by all token features."""

    lexicon: tuple[str | None, ...]  # "category:strength:B|I" or None
    hedge: tuple[bool, ...]
    booster: tuple[bool, ...]
    scare: tuple[bool, ...]
    attribution: tuple[str | None, ...]
    loaded_matches: tuple[Match, ...] = ()
    hedge_matches: tuple[Match, ...] = ()
    booster_matches: tuple[Match, ...] = ()


def token_context(model: TextModel, voices: VoiceMap) -> TokenContext:
    """Lexicon matches, cue words and scare-quote positions per token."""
    count = len(model.tokens)
    lexicon: list[str | None] = [None] * count
    hedge = [False] * count
    booster = [False] * count
    loaded, hedges, boosters = _matchers()
    loaded_matches = loaded.find(model.tokens)
    hedge_matches = hedges.find(model.tokens)
    booster_matches = boosters.find(model.tokens)
    for match in loaded_matches:
        entry = match.entry
        for index in range(match.first, match.last):
            part = "B" if index == match.first else "I"
            lexicon[index] = f"{entry.category}:{entry.strength}:{part}"
    for match in hedge_matches:
        for index in range(match.first, match.last):
            hedge[index] = True
    for match in booster_matches:
        for index in range(match.first, match.last):
            booster[index] = True
    scare = [False] * count
    attribution: list[str | None] = [None] * count
    starts = [t.start for t in model.tokens]
    for quotation in voices.quotations:
        if quotation.kind != "scare":
            continue
        first = bisect.bisect_left(starts, quotation.start)
        for index in range(first, count):
            if model.tokens[index].start >= quotation.end:
                break
            scare[index] = True
    for item in voices.attributions:
        index = bisect.bisect_left(starts, item.verb_start)
        if index < count:
            attribution[index] = item.verb_class
    return TokenContext(
        tuple(lexicon),
        tuple(hedge),
        tuple(booster),
        tuple(scare),
        tuple(attribution),
        tuple(loaded_matches),
        tuple(hedge_matches),
        tuple(booster_matches),
    )


def token_feature_rows(
    model: TextModel, voices: VoiceMap, context: TokenContext, indices: Sequence[int]
) -> list[dict[str, float]]:
    """Features of the word tokens ``model.tokens[i]`` for ``i`` in ``indices``; every string
    that neighbours share is made once per text."""
    tokens = model.tokens
    count = len(tokens)
    text = model.text
    norms = [t.norm for t in tokens]
    categories = [lex.split(":", 1)[0] if lex else None for lex in context.lexicon]
    quote_marks = [n in ('"', "'") for n in norms]
    rows = []
    for index in indices:
        token = tokens[index]
        norm = norms[index]
        features = dict(_word_features(norm, _shape(text[token.start : token.end])))
        voice = voices.voices[index]
        features["voice=" + voice] = 1.0
        lexical = context.lexicon[index]
        if lexical is not None:
            category, strength, part = lexical.split(":")
            features["lex=" + category] = 1.0
            features[f"lex={category}:{strength}"] = 1.0
            features["lexpart=" + part] = 1.0
            features["lex"] = 1.0
        if context.hedge[index]:
            features["hedge"] = 1.0
        if context.booster[index]:
            features["booster"] = 1.0
        if context.scare[index]:
            features["scare_quote"] = 1.0
        verb = context.attribution[index]
        if verb is not None:
            features["speech_verb=" + verb] = 1.0
        if voice != Voice.OUTLET:
            features["voice_lex=" + (categories[index] or "none")] = 1.0
        for offset, name in ((-2, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")):
            neighbour = index + offset
            if 0 <= neighbour < count:
                if offset in (-1, 1):
                    features["w" + name + "=" + norms[neighbour]] = 1.0
                if categories[neighbour] is not None:
                    features["lex" + name + "=" + categories[neighbour]] = 1.0
                if quote_marks[neighbour]:
                    features["quote" + name] = 1.0
            else:
                features["edge" + name] = 1.0
        rows.append(features)
    return rows


def cue_counts(
    model: TextModel, voices: VoiceMap, context: TokenContext, first: int, last: int
) -> dict[str, float]:
    """Cue counts over ``tokens[first:last]`` (a sentence), for the sentence bias model."""
    counts: dict[str, float] = {}
    words = 0
    for index in range(first, last):
        token = model.tokens[index]
        if not token.is_word:
            continue
        words += 1
        outlet = voices.voices[index] == Voice.OUTLET
        lexical = context.lexicon[index]
        if lexical is not None and lexical.endswith(":B"):
            category, strength, _part = lexical.split(":")
            key = f"cue_{'outlet' if outlet else 'quoted'}_{category}"
            counts[key] = counts.get(key, 0.0) + 1.0
            counts[f"cue_strength_{strength}"] = counts.get(f"cue_strength_{strength}", 0.0) + 1
        if context.scare[index] and outlet:
            counts["cue_scare"] = 1.0
        if context.booster[index] and outlet:
            counts["cue_booster"] = counts.get("cue_booster", 0.0) + 1.0
        if context.hedge[index] and outlet:
            counts["cue_hedge"] = counts.get("cue_hedge", 0.0) + 1.0
        valence = vader_valence().get(token.norm)
        if valence is not None and outlet:
            counts["cue_valence"] = counts.get("cue_valence", 0.0) + abs(valence) / 4.0
    if words:
        for key in list(counts):
            counts[key] = min(counts[key], 4.0)
    speaker_tokens = sum(1 for i in range(first, last) if voices.voices[i] != Voice.OUTLET)
    counts["cue_quoted_share"] = speaker_tokens / max(last - first, 1)
    return counts
