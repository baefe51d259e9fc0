"""Errors readers report for one input."""

from __future__ import annotations


class IngestError(Exception):
    """An input that cannot be read, with a one-line reason a person understands.

    Readers raise it for a whole source that fails and may *yield* it for one item of a
    multi-article source (a feed entry, a CSV row) so the rest goes on.
    """

    def __init__(self, source_ref: str, reason: str) -> None:
        super().__init__(f"{source_ref}: {reason}")
        self.source_ref = source_ref
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        # Errors travel back from worker processes; the default pickling would pass only the
        # formatted message to __init__.
        return (type(self), (self.source_ref, self.reason))
