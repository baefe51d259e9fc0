"""Features for the learned models, computed the same way in training and in the window.

Token features (loaded-language spans): the word, its affixes and shape, the project's
lexicons (category and strength of a matched entry, neutral topic words, hedges, boosters),
VADER's valence lexicon (shipped inside the ``vaderSentiment`` wheel), neighbouring words and
their lexicon categories, the voice (outlet / quoted / reported) and scare-quote position.
Sentence features (bias and framing) are word n-grams plus counts of those cues.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import is_not

import numpy as np

from analysis.columns import WordTable, marked, missing
from analysis.lexicon import (
    Match,
    MatcherSet,
    PhraseMatcher,
    booster_entries,
    hedge_entries,
    loaded_entries,
    neutral_topics,
)
from analysis.models import FeatureGroups, LinearModel, ngram_words
from analysis.text import TextModel
from analysis.voice import Voice, VoiceMap

#: sklearn's default token pattern, used by both the trainer and the numpy inference.
NGRAM_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@cache
def _matchers() -> MatcherSet:
    """The loaded-language, hedge and booster lexicons, matched in one pass."""
    return MatcherSet(
        [
            PhraseMatcher(loaded_entries()),
            PhraseMatcher(hedge_entries()),
            PhraseMatcher(booster_entries()),
        ]
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
    count = len(model.starts)
    lexicon: list[str | None] = [None] * count
    hedge = [False] * count
    booster = [False] * count
    loaded_matches, hedge_matches, booster_matches = _matchers().find(model.norms)
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
    starts = model.starts
    for quotation in voices.quotations:
        if quotation.kind != "scare":
            continue
        first = bisect.bisect_left(starts, quotation.start)
        for index in range(first, count):
            if starts[index] >= quotation.end:
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


@lru_cache(maxsize=4096)
def _own_features(
    voice: str,
    lexical: str | None,
    hedge: bool,
    booster: bool,
    scare: bool,
    verb: str | None,
) -> dict[str, float]:
    """The features of a word's own context: voice, lexicon match, cue word, scare quotes
    and speech verb (cached: a text has few distinct combinations)."""
    features = {"voice=" + voice: 1.0}
    if lexical is not None:
        category, strength, part = lexical.split(":")
        features["lex=" + category] = 1.0
        features[f"lex={category}:{strength}"] = 1.0
        features["lexpart=" + part] = 1.0
        features["lex"] = 1.0
    if hedge:
        features["hedge"] = 1.0
    if booster:
        features["booster"] = 1.0
    if scare:
        features["scare_quote"] = 1.0
    if verb is not None:
        features["speech_verb=" + verb] = 1.0
    if voice != Voice.OUTLET:
        features["voice_lex=" + (_category(lexical) or "none")] = 1.0
    return features


@lru_cache(maxsize=50_000)
def _neighbour_features(
    name: str, norm: str | None, category: str | None, quote: bool
) -> dict[str, float]:
    """The features a neighbour at relative position ``name`` ("-2" … "+2") gives a word:
    its word (next-door neighbours only), lexicon category and quotation mark."""
    features = {}
    if norm is not None:
        features["w" + name + "=" + norm] = 1.0
    if category is not None:
        features["lex" + name + "=" + category] = 1.0
    if quote:
        features["quote" + name] = 1.0
    return features


def _category(lexical: str | None) -> str | None:
    """The category of a :attr:`TokenContext.lexicon` value."""
    return lexical.split(":", 1)[0] if lexical else None


#: Neighbours that give a word features: (offset, name); the next-door ones also their word.
_NEIGHBOURS = ((-2, "-2"), (-1, "-1"), (1, "+1"), (2, "+2"))


def token_feature_rows(
    model: TextModel, voices: VoiceMap, context: TokenContext, indices: Sequence[int]
) -> list[dict[str, float]]:
    """Features of the word tokens ``model.tokens[i]`` for ``i`` in ``indices``.

    A row is the union of disjoint groups (:func:`token_feature_groups`); :func:`token_scores`
    scores the same rows group by group.
    """
    rows = []
    for index in indices:
        groups = token_feature_groups(model, voices, context, index)
        features = dict(groups[0])
        for group in groups[1:]:
            features.update(group)
        rows.append(features)
    return rows


def token_feature_groups(
    model: TextModel, voices: VoiceMap, context: TokenContext, index: int
) -> list[dict[str, float]]:
    """The disjoint groups of features of the word token ``model.tokens[index]``, in order:
    the word's own (:func:`_word_features`), its context's (:func:`_own_features`) and each
    neighbour's (:func:`_neighbour_features`, or ``edge±k`` at the ends of the text).

    The groups are cached and shared: read them, never change them.
    """
    tokens = model.tokens
    token = tokens[index]
    lexicon = context.lexicon
    groups = [
        _word_features(token.norm, _shape(model.text[token.start : token.end])),
        _own_features(
            voices.voices[index],
            lexicon[index],
            context.hedge[index],
            context.booster[index],
            context.scare[index],
            context.attribution[index],
        ),
    ]
    for offset, name in _NEIGHBOURS:
        neighbour = index + offset
        if 0 <= neighbour < len(tokens):
            norm = tokens[neighbour].norm
            groups.append(
                _neighbour_features(
                    name,
                    norm if offset in (-1, 1) else None,
                    _category(lexicon[neighbour]),
                    norm in _QUOTE_MARKS,
                )
            )
        else:
            groups.append(_edge_features(name))
    return groups


@cache
def _edge_features(name: str) -> dict[str, float]:
    """The feature of a word with no neighbour at relative position ``name``."""
    return {"edge" + name: 1.0}


def token_scores(
    model: TextModel,
    voices: VoiceMap,
    context: TokenContext,
    indices: Sequence[int],
    linear: LinearModel,
) -> np.ndarray:
    """``linear``'s decision scores of the rows :func:`token_feature_rows` gives (equal up to
    floating-point rounding), computed group by group (:func:`token_groups`)."""
    if not len(indices):
        return np.zeros((0, len(linear.labels)))
    return linear.feature_groups().scores(token_groups(model, voices, context, indices, linear))


def token_groups(
    model: TextModel,
    voices: VoiceMap,
    context: TokenContext,
    indices: Sequence[int],
    linear: LinearModel,
) -> list[np.ndarray]:
    """The groups of :func:`token_feature_groups` of the tokens ``indices``, as numbers in
    ``linear``'s :class:`~analysis.models.FeatureGroups`: one array per group, in order, for
    :meth:`~analysis.models.FeatureGroups.scores` and
    :meth:`~analysis.models.FeatureGroups.top_features`.

    Each group (a word, a context, a neighbour) is looked up with C-level ``map`` calls; only
    groups never seen before are built as dictionaries, by the same functions
    :func:`token_feature_rows` uses. The numbers hold until the next text starts.
    """
    groups = linear.feature_groups()
    groups.start()
    norms = model.norms
    count = len(norms)

    # What a token gives as a word and as every neighbour follows from its text (the norm,
    # shape and quotation mark do) and its lexicon category: one lookup finds the five
    # groups, and only a token never seen builds them. Most tokens match no lexicon entry:
    # they are looked up by their text alone, the others by text and category.
    lexicon = context.lexicon
    raw = model.raws
    in_lexicon = list(itertools.compress(range(count), lexicon))
    categories: list[str | None] = [None] * count
    for position in in_lexicon:
        categories[position] = lexicon[position].split(":", 1)[0]  # type: ignore[union-attr]
    plain, with_category = groups.records("token"), groups.records("token+category")
    found = list(map(plain.get, raw))
    for position in in_lexicon:
        found[position] = with_category.get((raw[position], categories[position]))
    if None in found:
        for position in missing(found):
            word, category = raw[position], categories[position]
            index, key = (plain, word) if category is None else (with_category, (word, category))
            record = index.get(key)
            if record is None:
                numbers = _token_groups(groups, norms[position], word, category)
                record = groups.add_record(index, key, numbers)
            found[position] = record
    table = groups.record_rows(np.fromiter(found, np.int64, count))

    positions = np.asarray(indices, dtype=np.int64)
    columns = [table[positions, 0]]
    # The context's features: for most tokens only the voice is set, and their group follows
    # from it; the few with a cue, a scare quote or a speech verb are looked up in full.
    voice_of = voices.voices
    cued = marked(
        count, (lexicon, context.hedge, context.booster, context.scare, context.attribution)
    )
    present = list(set(voice_of))
    plain_keys = [(voice, None, False, False, False, None) for voice in present]
    plain_context = dict(
        zip(present, _group_rows(groups, "own", plain_keys, _own_features), strict=True)
    )
    own = list(map(plain_context.__getitem__, voice_of))
    cued_keys = [
        (
            voice_of[i],
            lexicon[i],
            context.hedge[i],
            context.booster[i],
            context.scare[i],
            context.attribution[i],
        )
        for i in cued
    ]
    for position, number in zip(
        cued, _group_rows(groups, "own", cued_keys, _own_features), strict=True
    ):
        own[position] = number
    columns.append(np.asarray(own, dtype=np.int64)[positions])
    # Each neighbour's group, from the text padded with the edge group on both sides.
    edges = groups.keys("edge")
    for column, (offset, name) in enumerate(_NEIGHBOURS, start=1):
        edge = edges.get(name)
        if edge is None:
            edge = groups.add(edges, name, {"edge" + name: 1.0})
        padded = np.concatenate([[edge, edge], table[:, column], [edge, edge]])
        columns.append(padded[positions + 2 + offset])
    return columns


def _token_groups(
    groups: FeatureGroups, norm: str, raw: str, category: str | None
) -> tuple[int, int, int, int, int]:
    """A token's groups: its own word features, then its features as the neighbour at -2, -1,
    +1 and +2 (in the order of :data:`_NEIGHBOURS`)."""
    words = groups.keys("word")
    word = words.get(raw)
    if word is None:
        word = groups.add(words, raw, _word_features(norm, _shape(raw)))
    quote = norm in _QUOTE_MARKS
    index = groups.keys("near")
    near = []
    for offset, name in _NEIGHBOURS:
        key = (name, norm if offset in (-1, 1) else None, category, quote)
        row = index.get(key)
        if row is None:
            row = groups.add(index, key, _neighbour_features(*key))
        near.append(row)
    return (word, *near)


_QUOTE_MARKS = frozenset({'"', "'"})


def _group_rows(
    groups: FeatureGroups,
    kind: str,
    keys: list[tuple],
    features: Callable[..., dict[str, float]],
) -> list[int]:
    """Group numbers of ``keys`` in ``groups``, entering those never seen with the features
    ``features(*key)`` gives."""
    index = groups.keys(kind)
    found = list(map(index.get, keys))
    if None in found:  # a C-level scan: usually every group is known
        for position in missing(found):
            key = keys[position]
            row = index.get(key)
            if row is None:
                row = groups.add(index, key, features(*key))
            found[position] = row
    return found


def cue_counts(
    model: TextModel, voices: VoiceMap, context: TokenContext, first: int, last: int
) -> dict[str, float]:
    """Cue counts over ``tokens[first:last]`` (a sentence), for the sentence bias model."""
    return _cue_rows(model, voices, context, [(first, last)])[0]


def sentence_cue_counts(
    model: TextModel, voices: VoiceMap, context: TokenContext
) -> list[dict[str, float]]:
    """:func:`cue_counts` of every sentence of ``model``, in one pass."""
    return _cue_rows(
        model, voices, context, [(s.first_token, s.last_token) for s in model.sentences]
    )


def _cue_rows(
    model: TextModel,
    voices: VoiceMap,
    context: TokenContext,
    bounds: Sequence[tuple[int, int]],
) -> list[dict[str, float]]:
    """Cue counts over ``tokens[first:last]`` for each ``(first, last)`` of ``bounds`` (ranges
    that do not overlap), visiting only the few words that carry a cue."""
    count = len(model.starts)
    row_of: list[int | None] = [None] * count
    for row, (first, last) in enumerate(bounds):
        row_of[first:last] = [row] * (last - first)
    voice_of, lexicon = voices.voices, context.lexicon
    scare, booster, hedge = context.scare, context.booster, context.hedge
    valences = list(map(vader_valence().get, model.norms))
    # Words with a lexicon entry, a hedge, a booster, a scare quote or a VADER valence, found
    # with C-level maps (each cue is rare): the loop below visits only these.
    valued = map(is_not, valences, itertools.repeat(None))
    is_word = model.word_flags
    carriers = [i for i in marked(count, (valued, lexicon, scare, booster, hedge)) if is_word[i]]
    rows: list[dict[str, float]] = [{} for _ in bounds]
    outlet_voice = Voice.OUTLET
    for index in carriers:
        row = row_of[index]
        if row is None:
            continue
        counts = rows[row]
        outlet = voice_of[index] == outlet_voice
        lexical = lexicon[index]
        if lexical is not None and lexical.endswith(":B"):
            category, strength, _part = lexical.split(":")
            key = f"cue_{'outlet' if outlet else 'quoted'}_{category}"
            counts[key] = counts.get(key, 0.0) + 1.0
            counts[f"cue_strength_{strength}"] = counts.get(f"cue_strength_{strength}", 0.0) + 1
        if not outlet:
            continue  # the remaining cues count the outlet's own words only
        if scare[index]:
            counts["cue_scare"] = 1.0
        if booster[index]:
            counts["cue_booster"] = counts.get("cue_booster", 0.0) + 1.0
        if hedge[index]:
            counts["cue_hedge"] = counts.get("cue_hedge", 0.0) + 1.0
        valence = valences[index]
        if valence is not None:
            counts["cue_valence"] = counts.get("cue_valence", 0.0) + abs(valence) / 4.0
    for (first, last), counts in zip(bounds, rows, strict=True):
        for key, value in counts.items():
            if value > 4.0:
                counts[key] = 4.0  # a count saturates at four
        speaker_tokens = (last - first) - voice_of[first:last].count(outlet_voice)
        counts["cue_quoted_share"] = speaker_tokens / max(last - first, 1)
    return rows


#: The words :data:`NGRAM_TOKEN` finds in a token's norm, by norm.
_GRAM_WORDS: WordTable[tuple[str, ...]] = WordTable(lambda norm: tuple(NGRAM_TOKEN.findall(norm)))


def sentence_words(model: TextModel) -> list[list[str]]:
    """:func:`~analysis.models.ngram_words` of the text of every sentence of ``model`` (what
    :meth:`~analysis.models.ModelSet.sentence_decisions` takes).

    Built from the tokens' norms, each cut into words once: a word of the n-gram pattern never
    crosses a token's edge (a token is a whole run of word characters or one mark), a norm is
    its text folded (quotation marks, which are no word characters) and lower-cased, so the
    words of a sentence are the words of its tokens in order. Lower-casing a capital sigma
    depends on the letters around it, beyond its token: such texts go sentence by sentence.
    """
    if "\u03a3" in model.text:
        return [ngram_words(model.sentence_text(sentence)) for sentence in model.sentences]
    per_token = _GRAM_WORDS.lookup(model.norms)
    chain = itertools.chain.from_iterable
    return [
        list(chain(per_token[sentence.first_token : sentence.last_token]))
        for sentence in model.sentences
    ]
