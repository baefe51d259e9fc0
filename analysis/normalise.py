"""Text folding used to recognise the same article body and the same outlet name."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from analysis.text import QUOTE_FOLD

# Typographic quotes and apostrophes fold to their straight forms (as in the text model), and
# also acute accents and backticks used as apostrophes, dashes and non-breaking spaces.
_FOLD = {
    **QUOTE_FOLD,
    **str.maketrans(
        {"\u00b4": "'", "`": "'", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "}
    ),
}
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def fold_body(text: str) -> str:
    """Fold whitespace and quote styles, keeping case (DESIGN.md "The data flow")."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def body_fingerprint(text: str) -> str:
    """sha256 hex digest of :func:`fold_body`: equal for bodies that differ only in layout."""
    return hashlib.sha256(fold_body(text).encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    """Number of ``\\w+`` tokens."""
    return sum(1 for _ in _WORD.finditer(text))


def fold_name(name: str) -> str:
    """Key for matching outlet names and domains: case, spacing and ``www.`` folded."""
    key = _SPACE.sub(" ", unicodedata.normalize("NFKC", name).translate(_FOLD)).strip().casefold()
    return key.removeprefix("www.").rstrip("/")
