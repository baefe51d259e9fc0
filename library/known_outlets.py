"""Outlets Parallax recognises before the user has told it anything (resources/outlets)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from analysis.normalise import fold_name
from resources import resource_path


@dataclass(frozen=True)
class KnownOutlet:
    """A seed record: canonical name, country, kind and the other names it goes by."""

    name: str
    country: str | None
    kind: str
    aliases: tuple[str, ...]


@cache
def known_outlets() -> dict[str, KnownOutlet]:
    """Every folded name and alias -> its :class:`KnownOutlet`."""
    data = json.loads(resource_path("outlets", "known_outlets.json").read_text("utf-8"))
    table: dict[str, KnownOutlet] = {}
    for entry in data["outlets"]:
        outlet = KnownOutlet(
            entry["name"],
            entry.get("country"),
            entry.get("kind", "unknown"),
            tuple(entry["aliases"]),
        )
        for name in (outlet.name, *outlet.aliases):
            table.setdefault(fold_name(name), outlet)
    return table


def lookup(name: str) -> KnownOutlet | None:
    """The known outlet called ``name`` (any alias, any case), if any."""
    return known_outlets().get(fold_name(name))
