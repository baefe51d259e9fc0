"""Which language an article is written in, offline (py3langid ships its model)."""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: Only the start of a text is classified: a few sentences decide the language, and the cost
#: grows with the length (about 2 ms for 2,000 characters here).
SAMPLE_CHARS = 2000
#: Fewer letters than this and the guess is noise ("Breaking news" scores 0.7 for English).
MIN_LETTERS = 20
#: Below this normalised probability the text is mixed, or in no language the model knows well.
MIN_CONFIDENCE = 0.5

# Addresses and e-mail addresses are letters that belong to no language; left in, they pull
# short texts towards English.
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
# One CJK character, kana or hangul syllable carries about as much as a short word, so
# a 15-character Chinese headline is long enough while 15 Latin letters are not.
_DENSE_SCRIPT_START = 0x2E80
_DENSE_LETTER_WEIGHT = 3
# The model knows some regional varieties and historic forms by ISO 639-3 codes; news text
# in them is read as the ISO 639-1 language (Egyptian Arabic is "ar" for a reader, and
# "hbo"/"grc" are how the model labels some modern Hebrew and Greek).
_TO_ISO639_1 = {
    "arz": "ar",
    "ary": "ar",
    "uzs": "uz",
    "wuu": "zh",
    "yue": "zh",
    "gug": "gn",
    "fuv": "ff",
    "sdh": "ku",
    "hbo": "he",
    "grc": "el",
    "kik": "ki",
}
# "No linguistic content": numbers, symbols, code.
_NO_LANGUAGE = "zxx"


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes about a second; once per process is enough.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _enough_letters(text: str) -> bool:
    if sum(map(str.isalpha, text)) >= MIN_LETTERS:
        return True  # the common case, without looking at scripts
    weight = sum(
        _DENSE_LETTER_WEIGHT if ord(ch) >= _DENSE_SCRIPT_START else 1 for ch in text if ch.isalpha()
    )
    return weight >= MIN_LETTERS


def detect_language(text: str) -> str | None:
    """Detect the language of ``text``.

    Parameters
    ----------
    text
        Any text; only its first :data:`SAMPLE_CHARS` characters are classified.

    Returns
    -------
    str or None
        An ISO 639-1 code such as ``"en"`` or ``"ar"`` (an ISO 639-3 code for the few
        languages that have no two-letter code, such as ``"ace"``), or ``None`` when the text
        has fewer than about :data:`MIN_LETTERS` letters or the model is not confident.
    """
    sample = _NOT_WORDS.sub(" ", text[:SAMPLE_CHARS])
    if not _enough_letters(sample):
        return None
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or code == _NO_LANGUAGE:
        return None
    return _TO_ISO639_1.get(code, code)
