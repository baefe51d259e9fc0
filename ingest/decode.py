"""Bytes to clean text: encoding detection, NUL bytes, line endings, odd Unicode."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 controls other than tab, newline and carriage return; zero-width and bidi marks that
# come from copy-paste are kept (they can be meaningful in non-Latin scripts).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_LINE_ENDINGS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is most likely not text (images, archives, executables).

    UTF-16/32 text is full of NUL bytes, so a byte-order mark or a regular NUL pattern
    (every other byte) is taken as text.
    """
    head = data[:8192]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    nuls = head.count(0)
    if nuls == 0:
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        return controls > len(head) * 0.1
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) / 2
    # UTF-16 without BOM: NULs fill one of the two byte lanes for Latin text, and the other
    # lane holds the letters. Executables and images have NULs in both lanes.
    return not (
        (even > half * 0.6 and odd < half * 0.1) or (odd > half * 0.6 and even < half * 0.1)
    )


def decode_bytes(data: bytes, source_ref: str) -> str:
    """Decode ``data`` to text, detecting the encoding.

    Raises
    ------
    IngestError
        If the data is empty, binary, or in no encoding we can detect.
    """
    if not data.strip():
        raise IngestError(source_ref, "the file is empty")
    if looks_binary(data):
        raise IngestError(source_ref, "this is a binary file, not text")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode(_guess_encoding(data, source_ref), errors="replace")
    return clean_text(text)


# Windows-1252 is by far the most common legacy encoding of saved news text; when the detector
# finds it as good as another single-byte code page (it often ties with cp1250 or cp1257 on
# Western text), it wins.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def _guess_encoding(data: bytes, source_ref: str) -> str:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        raise IngestError(source_ref, "the text encoding could not be detected")
    best = matches[0]
    for match in matches:
        if (
            match.encoding in _PREFERRED
            and match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.05
        ):
            return match.encoding
    return best.encoding


def clean_text(text: str) -> str:
    """Normalise line endings to ``\\n``, drop control characters, compose Unicode (NFC)."""
    text = _LINE_ENDINGS.sub("\n", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
