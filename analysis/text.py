"""The text model: paragraphs, sentences and tokens, each with character offsets.

Offsets are Python ``str`` indices into the analysed text and never change: typographic quotes
and apostrophes are folded for matching (``Token.norm``) but never in the text itself.

The sentence splitter is rule-based and written for news text: abbreviations ("Dr.", "No. 10",
"Jan."), initials ("John F. Kennedy"), dotted acronyms ("U.S."), decimals and times ("3.5",
"10.30"), and quotations that end sentences (``..." He said``). It avoids a general-purpose
splitter because those cost about 25 µs per word, the whole analysis budget (DESIGN.md).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from itertools import accumulate, chain, compress
from operator import itemgetter
from typing import NamedTuple

from resources import resource_path

#: Straight forms of typographic quotes and apostrophes; one character for one, so offsets hold.
QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)

# Words keep inner hyphens and apostrophes ("so-called", "hasn't", "Russia's"); any other
# non-space character is a token of its own.
TOKEN_PATTERN = re.compile(r"\w+(?:[-'\u2019\u2011]\w+)*|[^\w\s]")
#: A token and the white space before it.
_SPACED_TOKEN = re.compile(rf"(\s*)({TOKEN_PATTERN.pattern})")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A candidate sentence end: terminal punctuation, then closing quotes/brackets, then space.
_END = re.compile(r"([.!?\u2026]+|\.\.\.)([\"'\u201d\u2019\u00bb)\]]*)(\s+)")
_OPENERS = "\"'\u201c\u2018\u00ab([\u2014-"


class Token(NamedTuple):
    """A word or a punctuation mark at ``text[start:end]``; ``norm`` is lower-cased, folded.

    A named tuple rather than a dataclass: a text has thousands of tokens, and tuples are
    made and read several times faster.
    """

    start: int
    end: int
    norm: str
    is_word: bool  # a word, not punctuation


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence at ``text[start:end]`` holding ``tokens[first_token:last_token]``."""

    index: int
    start: int
    end: int
    paragraph: int
    first_token: int
    last_token: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph at ``text[start:end]``."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class TextModel:
    """A text cut into paragraphs, sentences and tokens.

    Build it with :func:`build_text`. The tokens are kept as columns (``starts``, ``ends``,
    ``norms``, ``word_flags``, ``raws``), made once and shared by every stage of the analysis
    (read them, never change them); :attr:`tokens` makes :class:`Token` tuples of them when
    asked.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    #: ``token.start`` of every token.
    starts: list[int] = field(compare=False, repr=False)
    #: ``token.end`` of every token.
    ends: list[int] = field(compare=False, repr=False)
    #: ``token.norm`` of every token.
    norms: list[str] = field(compare=False, repr=False)
    #: ``token.is_word`` of every token.
    word_flags: list[bool] = field(compare=False, repr=False)
    #: The text of every token, as written.
    raws: list[str] = field(compare=False, repr=False)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token, in order."""
        columns = zip(self.starts, self.ends, self.norms, self.word_flags, strict=True)
        return tuple(map(_new_token, columns))

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        """The tokens of ``sentence``."""
        return self.tokens[sentence.first_token : sentence.last_token]

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of ``sentence``."""
        return self.text[sentence.start : sentence.end]

    @property
    def words(self) -> list[Token]:
        """Every word token (punctuation left out)."""
        return [t for t in self.tokens if t.is_word]

    @cached_property
    def word_indices(self) -> list[int]:
        """The indices of the word tokens."""
        return list(compress(range(len(self.starts)), self.word_flags))


_QUOTE_PAIRS = tuple((chr(mark), straight) for mark, straight in QUOTE_FOLD.items())


def fold_quotes(text: str) -> str:
    """``text.translate(QUOTE_FOLD)``: typographic quotes and apostrophes made straight.

    ``str.replace`` for each mark the text has: ``translate`` looks every character up in a
    dictionary, ten times slower on an article.
    """
    for mark, straight in _QUOTE_PAIRS:
        if mark in text:
            text = text.replace(mark, straight)
    return text


#: ``Token`` from a 4-tuple at C speed (``Token(...)`` runs a Python-level ``__new__``).
_new_token = partial(tuple.__new__, Token)


def _starts_word(initial: str) -> bool:
    """Whether a token starting with ``initial`` is a word (a letter, digit or underscore)."""
    return initial.isalnum() or initial == "_"


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations from ``resources/lexicons/abbreviations.txt``."""
    lines = resource_path("lexicons", "abbreviations.txt").read_text("utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _is_boundary(text: str, end_match: re.Match[str], start: int, end: int) -> bool:
    """Whether the punctuation matched at ``end_match`` ends a sentence."""
    punctuation = end_match.group(1)
    after = end_match.end()
    if after >= end:
        return True
    following = text[after]
    if "\n" in end_match.group(3):
        return True  # a line break inside a paragraph (lists, datelines) ends the sentence
    if following.islower():
        return False  # '"We will," he said.' and "e.g. this" continue
    if punctuation != "." or end_match.group(2):
        # "?", "!", "…" and a full stop followed by a closing quote end a sentence when the
        # next word starts like a sentence.
        return following.isupper() or following.isdigit() or following in _OPENERS
    # A single full stop: look at the word before it.
    word_start = end_match.start()
    while word_start > start and (text[word_start - 1].isalnum() or text[word_start - 1] in ".'"):
        word_start -= 1
    word = text[word_start : end_match.start()]
    if word in abbreviations():
        if word in ("No", "Nos", "Art", "Sec", "Vol", "Ch", "Fig", "p", "pp", "Op"):
            return not following.isdigit()  # "No. 10 Downing Street", "Art. 5"
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if "." in word and all(len(part) <= 2 for part in word.split(".") if part):
        # Dotted acronyms ("U.S.", "U.N.", "a.m.") end a sentence only before a new one that
        # clearly starts: a capitalised function word is the usual sign.
        next_word = re.match(r"\w+", text[after:end])
        return bool(next_word) and next_word.group(0) in _SENTENCE_STARTERS
    return following.isupper() or following.isdigit() or following in _OPENERS


# Words that, capitalised after a dotted acronym, almost always start a new sentence.
_SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I This That These Those But And In On At As If When While "
    "Its Their His Her Our There Meanwhile However Earlier Later After Before".split()
)


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    begin = start
    for match in _END.finditer(text, start, end):
        if match.start() < begin:
            continue
        if _is_boundary(text, match, start, end):
            stop = match.end(2)
            if text[begin:stop].strip():
                spans.append((begin, stop))
            begin = match.end()
    if begin < end and text[begin:end].strip():
        spans.append((begin, end))
    return spans


def build_text(text: str) -> TextModel:
    """Cut ``text`` into paragraphs, sentences and tokens (offsets into ``text``)."""
    # Tokens never cross white space, and paragraphs and sentences begin and end beside it
    # (or at the text's ends): the tokens of the whole text, found in one pass, fall into the
    # sentences by their offsets. The pass finds each token with the white space before it
    # (every other character starts or continues a token), so the lengths, added up, give
    # the offsets.
    pieces = _SPACED_TOKEN.findall(text)
    offsets = list(accumulate(map(len, chain.from_iterable(pieces)), initial=0))
    starts = offsets[1::2]
    ends = offsets[2::2]
    raws = list(map(itemgetter(1), pieces))
    # Folding and lower-casing the whole text once and slicing it gives each token's own
    # ``translate(QUOTE_FOLD).lower()``, character for character, unless the text has one of
    # the two characters whose lower case is not one character of its own: "İ" (two
    # characters) and "Σ" (final "ς" or "σ" by context). Those texts fold token by token.
    folded = fold_quotes(text).lower()
    if len(folded) == len(text) and "\u03a3" not in text:
        norms = list(map(folded.__getitem__, map(slice, starts, ends)))
    else:
        norms = [raw.translate(QUOTE_FOLD).lower() for raw in raws]
    # A word starts with a letter or digit (or "_", rare enough to test apart).
    initials = map(itemgetter(0), norms)
    flags = list(map(_starts_word, initials) if "_" in text else map(str.isalnum, initials))
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    position = 0
    bounds = []
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    first = 0
    for para_start, para_end in bounds:
        # Trim surrounding whitespace so spans start and end on visible characters.
        while para_start < para_end and text[para_start].isspace():
            para_start += 1
        while para_end > para_start and text[para_end - 1].isspace():
            para_end -= 1
        if para_start == para_end:
            continue
        paragraph = Paragraph(len(paragraphs), para_start, para_end)
        paragraphs.append(paragraph)
        for sent_start, sent_end in _split_sentences(text, para_start, para_end):
            while text[sent_start].isspace():
                sent_start += 1
            last = bisect.bisect_left(starts, sent_end, first)
            sentences.append(
                Sentence(len(sentences), sent_start, sent_end, paragraph.index, first, last)
            )
            first = last
    return TextModel(text, tuple(paragraphs), tuple(sentences), starts, ends, norms, flags, raws)
