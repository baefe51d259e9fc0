"""Where the benchmarks find ../shared/datasets (evaluation only).

The readers themselves are ``ingest.datasets`` — the same ones ``evaluate`` uses.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def datasets_dir() -> Path:
    """``PARALLAX_DATASETS``, else ``../shared/datasets`` beside the repository."""
    return Path(os.environ.get("PARALLAX_DATASETS", REPO.parent / "shared" / "datasets"))
