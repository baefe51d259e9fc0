"""Near-duplicate fingerprints (MinHash over word shingles) and topical similarity.

MinHash is written here with numpy rather than taken from datasketch: importing datasketch
costs about 2 s (it pulls in scipy and an async LSH client) on every ``import`` command, while
the part we need is a dozen lines. Hashes are stable across processes and runs (crc32 and a
seeded generator), so signatures stored in a library stay comparable.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter
from functools import cache

import numpy as np

from analysis.stopwords import stopwords

#: Permutations in a signature; bands x rows must equal it.
NUM_PERM = 128
BANDS, ROWS = 16, 8
#: Words per shingle.
SHINGLE = 5
#: Below this many words, a body is too short for a meaningful near-duplicate test.
MIN_WORDS = 20
#: Near-duplicate threshold on estimated Jaccard similarity (DESIGN.md "The data flow").
NEAR_DUPLICATE = 0.8

_WORD = re.compile(r"\w+")
_PRIME = np.uint64((1 << 61) - 1)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(20251127)
    a = generator.integers(1, int(_PRIME), NUM_PERM, dtype=np.uint64)
    b = generator.integers(0, int(_PRIME), NUM_PERM, dtype=np.uint64)
    return a, b


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """crc32 of every run of ``size`` lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        words = words + [""] * (size - len(words))
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64)


def minhash(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32) of ``text``, or ``None`` when too short."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    a, b = _permutations()
    hashes = shingle_hashes(text)
    # (a*x + b) mod p, wrapping in uint64 as MinHash implementations commonly do.
    with np.errstate(over="ignore"):
        values = (np.outer(hashes, a) + b) % _PRIME
    return (values.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def band_keys(signature: np.ndarray) -> list[str]:
    """Locality-sensitive keys: articles sharing any key are near-duplicate candidates."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band:02d}{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def signature_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(first == second))


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Inverse of ``signature.tobytes()``."""
    return np.frombuffer(data, dtype=np.uint32)


def topic_terms(title: str, body: str, *, body_chars: int = 1500) -> Counter[str]:
    """Content words of the title (counted twice) and the start of the body."""
    terms: Counter[str] = Counter()
    ignored = stopwords()
    for weight, text in ((2, title), (1, body[:body_chars])):
        for word in _WORD.findall(text.lower()):
            if len(word) > 2 and word not in ignored and not word.isdigit():
                terms[word] += weight
    return terms


def cosine(first: Counter[str], second: Counter[str]) -> float:
    """Cosine similarity of two term counts."""
    if not first or not second:
        return 0.0
    dot = sum(count * second.get(term, 0) for term, count in first.items())
    norm = math.sqrt(sum(c * c for c in first.values())) * math.sqrt(
        sum(c * c for c in second.values())
    )
    return dot / norm if norm else 0.0
