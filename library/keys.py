"""Fingerprints of a draft's text, computed where it is read (an import worker process)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from analysis.normalise import body_fingerprint, count_words
from analysis.similarity import band_keys, minhash
from ingest import ArticleDraft


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    folded = url.strip().split("#", 1)[0].rstrip("/").lower()
    folded = folded.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DraftKeys:
    """What identifies a draft's text: computed where the draft is read (a worker process)."""

    body_hash: str
    url_hash: str | None
    minhash: bytes | None
    bands: tuple[str, ...]
    words: int


def draft_keys(draft: ArticleDraft) -> DraftKeys:
    """Fingerprints of ``draft`` for duplicate and near-duplicate checks."""
    signature = minhash(draft.body)
    return DraftKeys(
        body_hash=body_fingerprint(draft.body),
        url_hash=_url_key(draft.canonical_url or draft.url),
        minhash=signature.tobytes() if signature is not None else None,
        bands=tuple(band_keys(signature)) if signature is not None else (),
        words=count_words(draft.body),
    )
