"""Load what the analysis needs (models, lexicons, textstat's pronunciation dictionary) in one go,
with Python's cycle collector paused, then keep the collector off those objects for good.

Building the 135,000-word pronunciation dictionary allocates millions of objects, and each full
collection the allocations trigger walks every one of them while holding the interpreter lock:
measured here, pauses of 0.2–0.9 s of every other thread, the window's GUI thread included,
whenever the first article is analysed. The loaded data holds no reference cycles to collect;
frozen (``gc.freeze``), later collections skip it, so they stay short too.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from analysis.models import ModelSet
from analysis.scoring import analyze

#: Analysed once while loading, so that every lexicon and dictionary the scorers read is loaded
#: here rather than inside the first real analysis. Written for Parallax.
SAMPLE_TITLE = "Council approves harbour plan"
SAMPLE_BODY = (
    "The council approved the harbour plan on Tuesday, officials said. "
    '"It is a good day for the city," the mayor said, although critics called it a disaster.'
)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector, then freeze what exists (see the module's note).

    Anything alive when the block ends is never collected as a cycle afterwards: call this
    around loading long-lived data only.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_analysis(load: Callable[[], ModelSet]) -> ModelSet:
    """``load()`` the models, then analyse a sample with them, with the collector paused."""
    with collector_paused():
        models = load()
        analyze(SAMPLE_TITLE, SAMPLE_BODY, models=models)
    return models
