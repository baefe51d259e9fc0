"""Fingerprints of an article's text for duplicate and near-duplicate checks.

Computed where a draft is read — in import worker processes — so the process that stores
articles does not pay for them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from analysis.normalise import body_fingerprint, count_words
from analysis.similarity import band_keys, minhash


@dataclass(frozen=True)
class TextKeys:
    """What identifies a text: exact-body hash, URL hash, MinHash signature and bands."""

    body_hash: str
    url_hash: str | None
    minhash: bytes | None
    bands: tuple[str, ...]
    words: int


def url_key(url: str | None) -> str | None:
    """Hash of a URL with scheme, ``www.``, fragment and trailing slash folded."""
    if not url:
        return None
    folded = url.strip().split("#", 1)[0].rstrip("/").lower()
    folded = folded.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def text_keys(body: str, url: str | None) -> TextKeys:
    """Fingerprints of an article ``body`` found at ``url``."""
    signature = minhash(body)
    return TextKeys(
        body_hash=body_fingerprint(body),
        url_hash=url_key(url),
        minhash=signature.tobytes() if signature is not None else None,
        bands=tuple(band_keys(signature)) if signature is not None else (),
        words=count_words(body),
    )
