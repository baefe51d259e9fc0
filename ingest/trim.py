"""Web-page leftovers in an article body: find them, take them out, keep them.

Extractors (and people copying from a browser) keep bits of the page around the article: a
"Check Also" or "Related" block of teasers for other stories, share and follow prompts,
"Advertisement" lines, cookie notices, copyright footers, the headline repeated as the first
paragraph, and a byline that is just the reporter's name. :func:`trim_boilerplate` moves them
out of the body into ``trimmed`` (so nothing is lost) and turns the byline into ``author``.

It is deliberately conservative. Only whole paragraphs go, and only when they are

- a heading that opens a short trailing block of teasers, with that block (the block may hold
  no real paragraph: teaser headlines, cut-off leads and tag lists only);
- leftovers at the start or the end (the headline again, date stamps, a "By ..." line, sales
  pitches, the reporter's contact note, a byline);
- standalone boilerplate anywhere ("Advertisement", "Share this article", "READ MORE: ..."),
  or a teaser heading in the middle with the headline-like items right after it.

A real paragraph of the article is never removed from the middle.

The phrases are this project's own list, in ``resources/ingest/boilerplate.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from resources import resource_path

# How long a leftover paragraph can be, in words; longer ones are kept as article text.
_MAX_HEADING_WORDS = 7
_MAX_LINE_WORDS = 30
_MAX_COOKIE_WORDS = 80
_MAX_PROMO_WORDS = 60
_MAX_CREDIT_WORDS = 25
_MAX_DATE_WORDS = 12
_MAX_ITEM_WORDS = 25
# A heading cuts the rest of the article only if what follows is short: at most this many
# words or half the article before it, and never longer than the article before it.
_MAX_TAIL_WORDS = 150
# A paragraph this long (in words) that ends a sentence is article prose, not a teaser.
_MIN_REAL_WORDS = 15
# A teaser heading in the middle takes at most this many headline-like items with it.
_MAX_ITEMS = 8

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\w+")
_EDGE_MARKS = re.compile(r"^[\s\-–—•·|»›>:*#_]+|[\s\-–—•·|»›>:.…*#_!]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_SPACES = re.compile(r"\s+")
_BULLETS = ("- ", "• ", "* ")
# The end of a sentence: a real paragraph ends like this, a teaser or a heading often does not.
_SENTENCE_END = re.compile(r"[.!?…\"'”’)\]]\s*$")
_TEASER_END = ("…", "...", "]", "]|")
_BY = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_EMAIL_OR_HANDLE = re.compile(r"\S+@\S+\.\w+|(?<!\w)@\w+")
_TIME_OR_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
# "Copyright 2024 ...", "Copyright (c) ...", "(c) 2024 ...": not "Copyright law ..." nor "(c) a".
_COPYRIGHT = re.compile(r"copyright\s*(?:©|\(c\)|\d{4})|\(c\)\s*\d{4}")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Subscription wording; with an imperative opening it marks a sales pitch, not news.
_PROMO_WORDS = re.compile(
    r"subscri|newsletter|sign up|signing up|inbox|letterbox|for as little as|free trial|"
    r"click here|promo code|use the code|app store|google play|membership|push notifications"
)
_CONTACT_WORDS = re.compile(
    r"\b(?:reached at|reach (?:him|her|them|me|us) at|contact (?:him|her|them|me|us)|"
    r"follow (?:him|her|them|me|us)|email (?:him|her|them|me|us)|have a tip|got a tip|"
    r"send (?:your )?tips)"
)


@dataclass(frozen=True, slots=True)
class Trimmed:
    """An article body with web-page leftovers taken out.

    Parameters
    ----------
    body
        The article text, paragraphs separated by a blank line.
    trimmed
        What was taken out, in its original order, paragraphs separated by a blank line;
        empty when nothing was.
    author
        A byline found at the end (or the start) of the body, or ``None``.
    """

    body: str
    trimmed: str
    author: str | None


def trim_boilerplate(body: str, *, title: str | None = None) -> Trimmed:
    """Move web-page leftovers out of an article body.

    Parameters
    ----------
    body
        Article text with paragraphs separated by a blank line (``"\\n\\n"``).
    title
        The article's headline, if known: a first paragraph that repeats it is a leftover.

    Returns
    -------
    Trimmed
        The cleaned body, the removed paragraphs (never lost), and a byline found on the way.
        The body is empty only when every paragraph was a leftover.

    Examples
    --------
    >>> result = trim_boilerplate("First.\\n\\nSecond.\\n\\nJane Doe\\n\\nCheck Also\\n\\nOther")
    >>> result.body, result.author
    ('First.\\n\\nSecond.', 'Jane Doe')
    """
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(body.strip())]
    paragraphs = [p for p in paragraphs if p]
    removed: set[int] = set()
    author: str | None = None

    # 1. The end: a teaser block from its heading on, then trailing leftovers and a byline.
    end = _tail_cut(paragraphs)
    removed.update(range(end, len(paragraphs)))
    while end > 0:
        last = paragraphs[end - 1]
        if author is None and (name := _byline(last)):
            author = name
        elif not (_is_leftover(last) or _is_edge_leftover(last) or _is_contact(last)):
            break
        end -= 1
        removed.add(end)

    # 2. The start: the headline again, date stamps, a "By ..." line, leftovers.
    start = 0
    while start < end:
        first = paragraphs[start]
        if author is None and _BY.match(first) and (name := _byline(first)):
            author = name
        elif not (
            (title and _normalise(first) == _normalise(title))
            or _is_leftover(first)
            or _is_edge_leftover(first)
        ):
            break
        removed.add(start)
        start += 1

    # 3. The middle: standalone leftovers, and teaser headings with their headline-like items.
    index = start
    while index < end:
        paragraph = paragraphs[index]
        items = 0
        if _is_leftover(paragraph):
            removed.add(index)
            if _is_teaser(paragraph):
                # "Related: ..." often heads a short bulleted list of more teasers.
                items = _teaser_items(paragraphs, index + 1, end, bullets_only=True)
        elif _is_heading(paragraph):
            items = _teaser_items(paragraphs, index + 1, end)
            if items:
                removed.add(index)
        removed.update(range(index + 1, index + 1 + items))
        index += 1 + items

    kept = [p for i, p in enumerate(paragraphs) if i not in removed]
    taken = [p for i, p in enumerate(paragraphs) if i in removed]
    return Trimmed(body="\n\n".join(kept), trimmed="\n\n".join(taken), author=author)


# --- The phrase lists ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrases:
    """``resources/ingest/boilerplate.txt``, ready to match."""

    block_headings: frozenset[str]
    block_heading_prefixes: re.Pattern[str]
    teaser_prefixes: re.Pattern[str]
    prompt_prefixes: re.Pattern[str]
    promo_openings: re.Pattern[str]
    standalone_lines: frozenset[str]
    share_labels: frozenset[str]
    cookie_prefixes: re.Pattern[str]
    copyright_prefixes: re.Pattern[str]
    not_name_words: frozenset[str]
    name_particles: frozenset[str]
    months: frozenset[str]
    date_words: frozenset[str]


@cache
def _phrases() -> _Phrases:
    """Read the phrase lists once."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    text = resource_path("ingest", "boilerplate.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            # Folded like paragraphs, but keeping edge marks: "share:" is not "share".
            current.append(_fold(line))

    def words(name: str) -> frozenset[str]:
        return frozenset(word for line in sections[name] for word in line.split())

    def prefixes(name: str) -> re.Pattern[str]:
        # A phrase ending in a letter must end at a word boundary ("get" is not "getty").
        alternatives = sorted(sections[name], key=len, reverse=True)
        pattern = "|".join(
            re.escape(p) + (r"(?!\w)" if p[-1].isalnum() else "") for p in alternatives
        )
        return re.compile(f"(?:{pattern})")

    def whole(name: str) -> frozenset[str]:
        # Whole paragraphs are compared without their edge marks, so the entries are too.
        return frozenset(_EDGE_MARKS.sub("", line) for line in sections[name])

    return _Phrases(
        block_headings=whole("block_headings"),
        block_heading_prefixes=prefixes("block_heading_prefixes"),
        teaser_prefixes=prefixes("teaser_prefixes"),
        prompt_prefixes=prefixes("prompt_prefixes"),
        promo_openings=prefixes("promo_openings"),
        standalone_lines=whole("standalone_lines"),
        share_labels=words("share_labels"),
        cookie_prefixes=prefixes("cookie_prefixes"),
        copyright_prefixes=prefixes("copyright_prefixes"),
        not_name_words=words("not_name_words"),
        name_particles=words("name_particles"),
        months=words("months"),
        date_words=words("date_words"),
    )


# --- What a paragraph is ---------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case-folded text with straight quotes and single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().casefold()


# Each paragraph is looked at by several rules; normalising and counting it once is enough.
@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    """:func:`_fold` without decorative marks at the edges (bullets, arrows, end dots)."""
    return _EDGE_MARKS.sub("", _fold(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_heading(paragraph: str) -> bool:
    """Whether the paragraph is a heading that opens a block of teasers, tags or comments."""
    if _words(paragraph) > _MAX_HEADING_WORDS or "\n" in paragraph:
        return False
    text = _normalise(paragraph)
    phrases = _phrases()
    if text in phrases.block_headings:
        return True
    # "More from Business", but not "More on that later, he said."
    return not _SENTENCE_END.search(text) and bool(phrases.block_heading_prefixes.match(text))


def _is_leftover(paragraph: str) -> bool:
    """Whether a paragraph is boilerplate on its own, wherever it stands."""
    words = _words(paragraph)
    if not words:
        return False  # "* * *" and other wordless lines are section breaks: harmless, kept
    text = _normalise(paragraph)
    phrases = _phrases()
    if text in phrases.standalone_lines:
        return True
    if words <= _MAX_HEADING_WORDS and all(w in phrases.share_labels for w in _WORD.findall(text)):
        return True  # a share bar: "Facebook Twitter WhatsApp Email"
    if words <= _MAX_LINE_WORDS and (
        phrases.teaser_prefixes.match(text) or phrases.prompt_prefixes.match(text)
    ):
        return True
    if words <= _MAX_COOKIE_WORDS and "cookie" in text and phrases.cookie_prefixes.match(text):
        return True
    return words <= _MAX_CREDIT_WORDS and bool(
        phrases.copyright_prefixes.match(text)
        or _COPYRIGHT.match(text)
        or "©" in text
        or "all rights reserved" in text
    )


def _is_teaser(paragraph: str) -> bool:
    """Whether a paragraph is a one-line teaser for another story ("READ MORE: ...")."""
    return _words(paragraph) <= _MAX_LINE_WORDS and bool(
        _phrases().teaser_prefixes.match(_normalise(paragraph))
    )


def _is_edge_leftover(paragraph: str) -> bool:
    """Leftovers looked for only at the start or the end: date stamps and sales pitches."""
    return _is_date_line(paragraph) or _is_promo(paragraph)


def _is_promo(paragraph: str) -> bool:
    """Whether a paragraph is the site's own sales pitch ("Get X delivered every month ...").

    An imperative opening and subscription wording together, in a short paragraph.
    """
    if _words(paragraph) > _MAX_PROMO_WORDS:
        return False
    text = _normalise(paragraph)
    return bool(_phrases().promo_openings.match(text) and _PROMO_WORDS.search(text))


def _is_contact(paragraph: str) -> bool:
    """Whether a paragraph is the reporter's contact note ("Jane may be reached at ...").

    Looked for only at the end of the article, where such notes sit.
    """
    if _words(paragraph) > _MAX_PROMO_WORDS or not _EMAIL_OR_HANDLE.search(paragraph):
        return False
    return bool(_CONTACT_WORDS.search(_normalise(paragraph)))


def _is_date_line(paragraph: str) -> bool:
    """Whether a short paragraph is only a date or time stamp ("Updated 18 Nov 2019 10:15")."""
    if _words(paragraph) > _MAX_DATE_WORDS:
        return False
    phrases = _phrases()
    lowered = paragraph.casefold().rstrip()
    words = _WORD.findall(lowered)
    has_date = _TIME_OR_DATE.search(lowered) or (
        any(w in phrases.months for w in words) and any(_YEAR.fullmatch(w) for w in words)
    )
    if not has_date:
        return False
    # "The meeting ended at 10:30." is a sentence; "Updated at 1:23 p.m." is a stamp.
    if lowered.endswith(("?", "!")) or (
        lowered.endswith(".") and not lowered.endswith(("a.m.", "p.m."))
    ):
        return False
    unknown = [
        w
        for w in _WORD.findall(_TIME_OR_DATE.sub(" ", lowered))
        if len(w) > 3 and not w.isdigit() and w not in phrases.months
        and w not in phrases.date_words
    ]  # fmt: skip
    # One other word is allowed ("Posted by admin on ..."); a name and a handle are not a stamp.
    return len(unknown) <= 1


def _byline(paragraph: str) -> str | None:
    """The person's name if the paragraph is only a byline ("Hazem Sabbagh", "By Jane Doe")."""
    if "\n" in paragraph or len(paragraph) > 80:
        return None
    text = _BY.sub("", paragraph.strip())
    words = text.split()
    phrases = _phrases()
    named = [w for w in words if w.casefold() not in phrases.name_particles]
    if not 2 <= len(named) <= 4 or len(words) > 6:
        return None
    if any(not _NAME_WORD.match(w) for w in words):
        return None  # sentence punctuation, digits, symbols: not just a name
    if any(not w[0].isupper() for w in named) or text.isupper():
        return None  # an all-caps line is a label or a shouted heading, not a byline
    if any(w.strip(".").casefold() in phrases.not_name_words for w in words):
        return None
    if any(w.endswith(".") and len(w.strip(".")) > 2 for w in words):
        return None  # only initials take a full stop ("J. Smith"); "Smith." ends a sentence
    if _normalise(text) in phrases.block_headings:
        return None
    return text


def _is_real_paragraph(paragraph: str) -> bool:
    """Whether a paragraph reads like article prose: several words ending a sentence.

    Teaser leads are cut off with an ellipsis, list items start with a bullet, headlines have
    no full stop; none of those count.
    """
    if _words(paragraph) < _MIN_REAL_WORDS or paragraph.startswith(_BULLETS):
        return False
    return not paragraph.endswith(_TEASER_END) and bool(_SENTENCE_END.search(paragraph))


# --- Blocks ----------------------------------------------------------------------------------


def _tail_cut(paragraphs: list[str]) -> int:
    """Index where a trailing block of teasers starts, or ``len(paragraphs)`` for none.

    The block starts at a heading ("Check Also", "Related") and must be short and hold no
    real paragraph: teaser headlines, their cut-off leads and tag lists, not more article.
    """
    counts = [_words(p) for p in paragraphs]
    total = sum(counts)
    before = 0
    for index, paragraph in enumerate(paragraphs):
        if before > 0 and _is_heading(paragraph):
            after = total - before - counts[index]
            short = after <= min(before, max(_MAX_TAIL_WORDS, before // 2))
            if short and not any(_is_real_paragraph(p) for p in paragraphs[index + 1 :]):
                return index
        before += counts[index]
    return len(paragraphs)


def _teaser_items(
    paragraphs: list[str], start: int, end: int, *, bullets_only: bool = False
) -> int:
    """How many paragraphs from ``start`` are teaser links (0 if the first is not one).

    Teaser items are short and read like headlines: no sentence ending, or a trailing
    ellipsis or tag ("[VIDEO]"). A real paragraph ends the run; if no item comes first, a
    heading is taken for a section title of the article and kept. With ``bullets_only``,
    only bulleted headline-like items count.
    """
    count = 0
    while start + count < end and count < _MAX_ITEMS:
        item = paragraphs[start + count]
        if _words(item) > _MAX_ITEM_WORDS or "\n" in item:
            break
        if bullets_only and not item.startswith(_BULLETS):
            break
        if _SENTENCE_END.search(item) and not item.endswith(_TEASER_END):
            break
        count += 1
    return count
