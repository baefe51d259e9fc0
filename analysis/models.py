"""Trained models as plain arrays, and inference with numpy alone.

A model is two files: ``NAME.npz`` (``coef``, ``intercept``; read with
``allow_pickle=False``, so loading never runs code) and ``NAME.json`` (labels, the feature
vocabulary, thresholds and the model card). scikit-learn is needed to train them
(``analysis.training``), not to use them: the window and ``analyze`` never import it.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np

from resources import resource_path

#: Thresholds fixed on the dev halves of the evaluation datasets (bench/evaluation_table.py).
THRESHOLDS_FILE = "thresholds.json"
#: Names of the three models.
TOKEN_MODEL, BIAS_MODEL, FRAME_MODEL = "loaded_tokens", "sentence_bias", "frames"


class ModelError(Exception):
    """A model file that is missing, unreadable or not a Parallax model."""


@dataclass(frozen=True)
class LinearModel:
    """A linear classifier over named sparse features.

    ``kind`` is ``softmax`` (one of ``labels``) or ``sigmoid`` (each label independently).
    """

    name: str
    kind: str
    labels: tuple[str, ...]
    vocabulary: Mapping[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: Mapping[str, float] = field(default_factory=dict)
    card: Mapping[str, Any] = field(default_factory=dict)
    _groups: _PerThreadGroups = field(
        default_factory=lambda: _PerThreadGroups(), init=False, repr=False, compare=False
    )

    def decision(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Raw scores, one row per feature dictionary (unknown features are ignored)."""
        out = self.weight_sums(rows)
        out += self.intercept
        return out

    def weight_sums(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Per row and label, the sum of the row's feature values times their weights (the
        decision without the intercept)."""
        # Flatten every row's features into three parallel arrays with C-level loops
        # (map over dict.get), then drop the features the model does not know.
        keys = [key for row in rows for key in row]
        values = np.fromiter(
            (value for row in rows for value in row.values()), dtype=np.float64, count=len(keys)
        )
        columns = np.fromiter(
            map(self.vocabulary.get, keys, itertools.repeat(-1)), dtype=np.int64, count=len(keys)
        )
        row_ids = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
        known = columns >= 0
        columns, values, row_ids = columns[known], values[known], row_ids[known]
        return self.sparse_sums(row_ids, columns, values, len(rows))

    def sparse_sums(
        self, row_ids: np.ndarray, columns: np.ndarray, values: np.ndarray, count: int
    ) -> np.ndarray:
        """Per row and label, the sum of ``values * weights`` of the features given as three
        parallel arrays (row, vocabulary column, value), for ``count`` rows."""
        out = np.zeros((count, len(self.labels)))
        if not len(columns):
            return out
        # One gather for the whole text, then a weighted bincount per output label: far
        # cheaper than a small matrix product per row. The gather reads a feature's weights
        # for every label side by side (one or two cache lines, not one per label).
        weights = (self._weights_by_feature[columns] * values[:, np.newaxis]).T.copy()
        for label in range(len(self.labels)):
            out[:, label] = np.bincount(row_ids, weights=weights[label], minlength=count)
        return out

    @cached_property
    def _weights_by_feature(self) -> np.ndarray:
        """``coef`` transposed and laid out row by row: one feature's weights together."""
        return np.ascontiguousarray(self.coef.T)

    @cached_property
    def ngram_columns(self) -> dict[str, int]:
        """Columns of the n-gram features by their gram (the name without
        :data:`NGRAM_PREFIX`), so that a gram is looked up without building its name."""
        size = len(NGRAM_PREFIX)
        return {
            name[size:]: column
            for name, column in self.vocabulary.items()
            if name.startswith(NGRAM_PREFIX)
        }

    def feature_groups(self) -> FeatureGroups:
        """This thread's table of feature-group contributions (see :class:`FeatureGroups`)."""
        return self._groups.get(self)

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Class probabilities (softmax rows, or independent sigmoids)."""
        return self.scores_to_probabilities(self.decision(rows))

    def scores_to_probabilities(self, scores: np.ndarray) -> np.ndarray:
        """Class probabilities from decision scores (changed in place)."""
        if self.kind == "softmax":
            scores -= scores.max(axis=1, keepdims=True)
            exp = np.exp(scores)
            return exp / exp.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-scores))

    def top_features(
        self,
        features: Mapping[str, float] | Iterable[tuple[str, float]],
        label: int,
        count: int = 3,
    ) -> list[tuple[str, float]]:
        """The features that pushed ``label`` up most for this input (for a "why"); the
        features as a mapping or as distinct ``(name, value)`` pairs."""
        # Python floats from lists: reading numpy scalars one at a time costs more than the
        # arithmetic, which is the same either way.
        weights, baseline = self._coef_rows[label], self._coef_rows[0]
        softmax = self.kind == "softmax"
        contributions = []
        items = features.items() if isinstance(features, Mapping) else features
        for name, value in items:
            column = self.vocabulary.get(name)
            if column is not None and name != "bias":
                weight = weights[column] * value
                if softmax:
                    weight -= baseline[column] * value
                contributions.append((name, weight))
        contributions.sort(key=lambda pair: -pair[1])
        return [pair for pair in contributions[:count] if pair[1] > 0]

    @cached_property
    def _coef_rows(self) -> list[list[float]]:
        """The weights as lists of Python floats (for :meth:`top_features`)."""
        return self.coef.tolist()


class FeatureGroups:
    """Decision contributions of recurring groups of features, each computed once.

    A linear decision is a sum over a row's features, so a row made of disjoint groups of
    features (a word's own features, those of each neighbour) scores as the sum of its
    groups' contributions. Words recur within a text and across texts: a group's
    contribution is computed the first time it is met (all the new groups of a text in one
    batch), kept in a table under a key the caller chooses, and rows are scored with one numpy
    gather instead of a dictionary per row. One table per model and thread (no locks), emptied
    between texts once it holds ``limit`` groups, so memory stays bounded.

    Parameters
    ----------
    model
        The linear model whose weights are summed.
    limit
        Groups kept before the table is emptied.
    """

    def __init__(self, model: LinearModel, limit: int = 50_000) -> None:
        self.model = model
        self.limit = limit
        self._kinds: dict[str, dict[Hashable, int]] = {}
        self._records: dict[str, dict[Hashable, int]] = {}
        self._record_rows = np.zeros((0, 0), dtype=np.int64)
        self._record_count = 0
        self._size = 0
        self._table = np.zeros((0, len(model.labels)))
        self._pending: list[Mapping[str, float]] = []
        self._features: list[Mapping[str, float]] = []
        self._top: dict[tuple[int, int], list[tuple[str, float]]] = {}

    def start(self) -> None:
        """Begin a text: empty the table if it is full (never while rows refer to it)."""
        if self._size >= self.limit:
            self._kinds.clear()
            self._records.clear()
            self._record_count = 0
            self._size = 0
            self._table = np.zeros((0, len(self.model.labels)))
            self._pending.clear()
            self._features.clear()
            self._top.clear()

    def keys(self, kind: str) -> dict[Hashable, int]:
        """The index of groups of one ``kind`` (key -> group), for fast lookups by the caller."""
        return self._kinds.setdefault(kind, {})

    def records(self, kind: str) -> dict[Hashable, int]:
        """An index of records of one ``kind`` (key -> record): rows of group numbers (say,
        all the groups one token gives), kept and emptied with the groups."""
        return self._records.setdefault(kind, {})

    def add_record(self, index: dict[Hashable, int], key: Hashable, numbers: Sequence[int]) -> int:
        """Enter a record (a row of group numbers, all records of a table the same length)
        under ``key`` in ``index`` (from :meth:`records`); its number."""
        number = self._record_count
        rows = self._record_rows
        if rows.shape[1] not in (0, len(numbers)):
            raise ValueError(f"records of {rows.shape[1]} groups, not {len(numbers)}")
        if number >= len(rows):
            # Grown by doubling, as the group table is.
            grown = np.zeros((max(2 * len(rows), 1024), len(numbers)), dtype=np.int64)
            if number:
                grown[:number] = rows[:number]
            self._record_rows = rows = grown
        rows[number] = numbers
        index[key] = number
        self._record_count += 1
        return number

    def record_rows(self, records: np.ndarray) -> np.ndarray:
        """The rows of group numbers of ``records`` (one row per record number)."""
        return self._record_rows[records]

    def add(self, index: dict[Hashable, int], key: Hashable, features: Mapping[str, float]) -> int:
        """Enter a new group under ``key`` in ``index`` (from :meth:`keys`); its number."""
        number = self._size
        index[key] = number
        self._size += 1
        self._pending.append(features)
        self._features.append(features)
        return number

    def top_features(
        self, numbers: Iterable[int], label: int, count: int = 3
    ) -> list[tuple[str, float]]:
        """:meth:`LinearModel.top_features` of the row made of the groups ``numbers`` (in
        order), from each group's own top features, kept: the same list, since a feature
        among the row's first ``count`` is among its group's first ``count``, and a stable
        sort of the groups' lists in order keeps the row's order among equals."""
        top = self._top
        candidates: list[tuple[str, float]] = []
        for number in numbers:
            best = top.get((number, label))
            if best is None:
                best = top[number, label] = self.model.top_features(
                    self._features[number], label, count
                )
            candidates += best
        candidates.sort(key=lambda pair: -pair[1])
        return candidates[:count]

    def scores(self, groups: Sequence[Sequence[int] | np.ndarray]) -> np.ndarray:
        """Decision scores of ``n`` rows, each the sum of ``k`` groups given as ``k``
        sequences of ``n`` group numbers."""
        if self._pending:
            new = self.model.weight_sums(self._pending)
            self._pending.clear()
            if len(self._table) < self._size:
                # Grow by doubling: a text usually brings a few new words, and copying the
                # whole table for each of them would cost more than the lookups save.
                grown = np.zeros((max(2 * len(self._table), self._size, 1024), new.shape[1]))
                grown[: self._size - len(new)] = self._table[: self._size - len(new)]
                self._table = grown
            self._table[self._size - len(new) : self._size] = new
        # One gather per group kind, added in order: several times faster than gathering an
        # (n, k, labels) block and summing over its middle axis, with the same sums.
        out = self._table[groups[0]]
        for numbers in groups[1:]:
            out += self._table[numbers]
        out += self.model.intercept
        return out


class _PerThreadGroups:
    """A model's :class:`FeatureGroups`, one per thread; copies and pickles start empty."""

    def __init__(self) -> None:
        self._local = threading.local()

    def get(self, model: LinearModel) -> FeatureGroups:
        groups = getattr(self._local, "groups", None)
        if groups is None:
            groups = self._local.groups = FeatureGroups(model)
        return groups

    def __reduce__(self) -> tuple[type[_PerThreadGroups], tuple[()]]:
        return (_PerThreadGroups, ())


def save_model(model: LinearModel, folder: Path) -> None:
    """Write ``NAME.npz`` and ``NAME.json`` into ``folder`` (atomically, file by file)."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = folder / f"{model.name}.npz"
    meta = folder / f"{model.name}.json"
    temporary = folder / f".{model.name}.npz.tmp"
    with open(temporary, "wb") as handle:
        np.savez_compressed(
            handle,
            coef=model.coef.astype(np.float32),
            intercept=model.intercept.astype(np.float32),
        )
    os.replace(temporary, arrays)
    names = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    document = {
        "format": "parallax-linear-1",
        "name": model.name,
        "kind": model.kind,
        "labels": list(model.labels),
        "features": names,
        "thresholds": dict(model.thresholds),
        "card": dict(model.card),
    }
    temporary = folder / f".{model.name}.json.tmp"
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True))
    os.replace(temporary, meta)


def load_model(folder: Path, name: str) -> LinearModel:
    """Read a model written by :func:`save_model` (plain arrays and JSON, no code).

    Raises
    ------
    ModelError
        When the files are missing or do not hold a Parallax model.
    """
    try:
        document = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
            coef = np.asarray(arrays["coef"], dtype=np.float64)
            intercept = np.asarray(arrays["intercept"], dtype=np.float64)
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"{folder / name}: cannot read the model ({error})") from None
    if document.get("format") != "parallax-linear-1":
        raise ModelError(f"{folder / name}: not a Parallax model file")
    features = document["features"]
    if coef.shape != (len(document["labels"]), len(features)):
        raise ModelError(f"{folder / name}: arrays do not match the feature list")
    return LinearModel(
        name=document["name"],
        kind=document["kind"],
        labels=tuple(document["labels"]),
        vocabulary={feature: index for index, feature in enumerate(features)},
        coef=coef,
        intercept=intercept,
        thresholds=document.get("thresholds", {}),
        card=document.get("card", {}),
    )


def shipped_models_dir() -> Path:
    """``resources/models``: the models trained on the project's corpus."""
    return resource_path("models")


def active_models_dir() -> Path:
    """Where models are read from: ``PARALLAX_MODELS`` (a user's retrained set) or shipped."""
    override = os.environ.get("PARALLAX_MODELS")
    return Path(override) if override else shipped_models_dir()


@dataclass(frozen=True)
class ModelSet:
    """The three models, or ``None`` for any that is not there."""

    tokens: LinearModel | None
    bias: LinearModel | None
    frames: LinearModel | None

    @property
    def version(self) -> str | None:
        """A short version string from the model cards (``None`` without models)."""
        parts = [m.card.get("version", "") for m in (self.tokens, self.bias, self.frames) if m]
        return "+".join(sorted(set(parts))) if parts else None

    @cached_property
    def _gram_index(self) -> _GramIndex:
        """The n-grams of the bias and the frame model, by numbers (see :class:`_GramIndex`)."""
        models = [m for m in (self.bias, self.frames) if m is not None]
        row_of: dict[str, int] = {}
        columns: list[list[int]] = []
        for position, model in enumerate(models):
            for gram, column in model.ngram_columns.items():
                row = row_of.setdefault(gram, len(row_of))
                if row == len(columns):
                    columns.append([-1] * len(models))
                columns[row][position] = column
        words: dict[str, int] = {}
        unigrams: dict[int, int] = {}
        bigrams: dict[int, int] = {}
        for gram, row in row_of.items():
            first, space, second = gram.partition(" ")
            number = words.setdefault(first, len(words))
            if space:
                bigrams[(number << _WORD_BITS) | words.setdefault(second, len(words))] = row
            else:
                unigrams[number] = row
        unigram_rows = np.full(len(words), -1, dtype=np.int64)
        unigram_rows[list(unigrams)] = list(unigrams.values())
        pairs = sorted(bigrams)
        # Each gram's weights in every model side by side (0 where a model lacks the gram):
        # one gather serves both models.
        weights = np.zeros((len(columns), sum(len(m.labels) for m in models)))
        matrix = np.array(columns, dtype=np.int64).reshape(len(columns), len(models))
        offset = 0
        for position, model in enumerate(models):
            has = matrix[:, position] >= 0
            size = len(model.labels)
            weights[has, offset : offset + size] = model.coef.T[matrix[has, position]]
            offset += size
        return _GramIndex(
            words=words,
            unigram_rows=unigram_rows,
            bigram_keys=np.array(pairs, dtype=np.int64),
            bigram_rows=np.array([bigrams[pair] for pair in pairs], dtype=np.int64),
            weights=weights,
        )

    def sentence_decisions(
        self,
        words: Sequence[Sequence[str]],
        rows: Sequence[dict[str, float]],
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Decision scores of the bias and the frame model (``None`` for a missing one) on
        rows made of :func:`ngram_features` followed by the features of ``rows``.

        ``words`` holds each row's words in order (what :data:`analysis.features.NGRAM_TOKEN`
        finds in its lower-cased text): its grams are those words and each pair of adjacent
        ones, as :func:`ngram_grams` makes them. The same features as ``model.decision(
        [ngram_features(text) | row])`` (the n-grams in another order, so equal up to
        floating-point rounding), without a string or a dictionary per gram: every word is
        a number, every gram a 64-bit integer, and the grams of the whole text are made
        distinct and looked up with numpy.
        """
        models = [m for m in (self.bias, self.frames) if m is not None]
        if not models:
            return None, None
        index = self._gram_index
        count = len(rows)
        flat = list(itertools.chain.from_iterable(words))
        if count > 1 and (count > _MOST_ROWS or len(flat) > _MOST_WORDS):
            # Beyond what a gram's code holds (a book, not an article): half at a time.
            half = count // 2
            first = self.sentence_decisions(words[:half], rows[:half])
            second = self.sentence_decisions(words[half:], rows[half:])
            return tuple(  # type: ignore[return-value]
                None if a is None else np.concatenate([a, b])
                for a, b in zip(first, second, strict=True)
            )
        ids = np.fromiter(
            map(index.words.get, flat, itertools.repeat(-1)), dtype=np.int64, count=len(flat)
        )
        missing = np.flatnonzero(ids < 0)
        if len(missing):
            # Words neither model knows: numbers of their own, the same for the same word,
            # so that they count as grams (the presence value scales with the count).
            strangers = list(map(flat.__getitem__, missing.tolist()))
            numbering = dict(zip(dict.fromkeys(strangers), itertools.count(len(index.words))))
            if len(index.words) + len(numbering) >= 1 << _WORD_BITS:  # one row, a book long
                raise ValueError("more than a million distinct words in one sentence")
            ids[missing] = list(map(numbering.__getitem__, strangers))
        row_of = np.repeat(
            np.arange(count, dtype=np.int64),
            np.fromiter(map(len, words), dtype=np.int64, count=len(words)),
        )
        # A gram's code: its row, whether it is a bigram, then its word number(s). Sorted,
        # the codes of a row come together and a gram's repeats side by side.
        adjacent = row_of[1:] == row_of[:-1]
        pairs = (ids[:-1][adjacent] << _WORD_BITS) | ids[1:][adjacent]
        codes = np.concatenate(
            [
                (row_of << _ROW_SHIFT) | ids,
                (row_of[1:][adjacent] << _ROW_SHIFT) | _BIGRAM_FLAG | pairs,
            ]
        )
        codes.sort()
        if len(codes):
            codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
        code_rows = codes >> _ROW_SHIFT
        sizes = np.bincount(code_rows, minlength=count)
        grams = codes & (_BIGRAM_FLAG - 1)
        is_bigram = (codes & _BIGRAM_FLAG) != 0
        found = np.full(len(codes), -1, dtype=np.int64)
        single = np.flatnonzero(~is_bigram)
        word = grams[single]
        in_vocabulary = word < len(index.unigram_rows)
        found[single[in_vocabulary]] = index.unigram_rows[word[in_vocabulary]]
        double = np.flatnonzero(is_bigram)
        if len(index.bigram_keys) and len(double):
            wanted = grams[double]
            slot = np.minimum(
                np.searchsorted(index.bigram_keys, wanted), len(index.bigram_keys) - 1
            )
            hit = index.bigram_keys[slot] == wanted
            found[double[hit]] = index.bigram_rows[slot[hit]]
        known_gram = found >= 0
        hit_rows = code_rows[known_gram]
        # Every known gram's weights in both models at once, summed row by row (the hits are
        # in row order: one reduceat; a row without hits adds 0).
        totals = np.zeros((count, index.weights.shape[1]))
        if len(hit_rows):
            starts = np.searchsorted(hit_rows, np.arange(count))
            has_hits = np.bincount(hit_rows, minlength=count) > 0
            sums = np.add.reduceat(index.weights[found[known_gram]], starts[has_hits], axis=0)
            # Every gram of a row has the same value: the row's sum times it.
            totals[has_hits] = sums / np.sqrt(sizes[has_hits])[:, np.newaxis]
        # The other features of every row, flattened the same way (rows in order).
        names = list(itertools.chain.from_iterable(rows))
        extra_values = np.fromiter(
            itertools.chain.from_iterable(map(dict.values, rows)),
            dtype=np.float64,
            count=len(names),
        )
        extra_rows = np.repeat(np.arange(count), list(map(len, rows)))
        scores: list[np.ndarray] = []
        offset = 0
        for model in models:
            extra_columns = np.fromiter(
                map(model.vocabulary.get, names, itertools.repeat(-1)),
                dtype=np.int64,
                count=len(names),
            )
            known = extra_columns >= 0
            size = len(model.labels)
            out = totals[:, offset : offset + size] + model.sparse_sums(
                extra_rows[known], extra_columns[known], extra_values[known], count
            )
            offset += size
            out += model.intercept
            scores.append(out)
        if self.bias is None:
            return None, scores[0]
        return scores[0], scores[1] if self.frames is not None else None


#: Bits of a word's number in a gram's code (:meth:`ModelSet.sentence_decisions`): a bigram
#: is two numbers side by side, then a flag for bigrams, then the row.
_WORD_BITS = 21
_BIGRAM_FLAG = 1 << (2 * _WORD_BITS)
_ROW_SHIFT = 2 * _WORD_BITS + 1
#: Rows and words scored at once: row numbers fit the code's 20 bits left, and word numbers
#: (the models' words, then each new word of the rows) fit their 21.
_MOST_ROWS = (1 << (63 - _ROW_SHIFT)) - 1
_MOST_WORDS = 1 << 20


@dataclass(frozen=True)
class _GramIndex:
    """The n-grams of the sentence models by numbers.

    ``words`` numbers every word of an n-gram; ``unigram_rows[number]`` is the row of the
    word's unigram in ``matrix`` (-1 if none); ``bigram_keys`` (sorted) are the bigrams as
    ``first << _WORD_BITS | second``, with their rows in ``bigram_rows``; ``weights`` holds,
    per row, the gram's weights in the bias model then in the frame model (those present).
    """

    words: dict[str, int]
    unigram_rows: np.ndarray
    bigram_keys: np.ndarray
    bigram_rows: np.ndarray
    weights: np.ndarray


@cache
def load_models(folder: str | None = None) -> ModelSet:
    """The models in ``folder`` (default: :func:`active_models_dir`), loaded once."""
    base = Path(folder) if folder else active_models_dir()

    # Thresholds fixed on the datasets' dev halves live apart from the models, so that
    # retraining keeps them; a user's model set falls back on the shipped ones.
    tuned_path = base / THRESHOLDS_FILE
    if not tuned_path.exists():
        tuned_path = shipped_models_dir() / THRESHOLDS_FILE
    tuned = json.loads(tuned_path.read_text("utf-8")) if tuned_path.exists() else {}

    def one(name: str) -> LinearModel | None:
        if not (base / f"{name}.npz").exists():
            return None
        model = load_model(base, name)
        if name in tuned:
            model = replace(model, thresholds={**model.thresholds, **tuned[name]})
        return model

    return ModelSet(one(TOKEN_MODEL), one(BIAS_MODEL), one(FRAME_MODEL))


#: The name prefix of word n-gram features.
NGRAM_PREFIX = "ng="


def ngram_words(text: str) -> list[str]:
    """The words of ``text`` its n-grams are made of (sklearn's token pattern, lower-cased,
    curly apostrophes straightened), in order."""
    from analysis.features import NGRAM_TOKEN

    return NGRAM_TOKEN.findall(text.lower().replace("’", "'"))


def ngram_grams(text: str) -> set[str]:
    """Word unigrams and bigrams of ``text`` (:func:`ngram_words` and each adjacent pair)."""
    words = ngram_words(text)
    return set(words) | set(map(" ".join, itertools.pairwise(words)))


def ngram_features(text: str, prefix: str = NGRAM_PREFIX) -> dict[str, float]:
    """Word unigrams and bigrams (:func:`ngram_grams`), presence scaled to unit length."""
    grams = ngram_grams(text)
    if not grams:
        return {}
    value = 1.0 / math.sqrt(len(grams))
    return {prefix + gram: value for gram in grams}
