"""Family name first for the people of states whose names are written so (``data/name_order.yaml``).

Why here and not in the knowledge base: the knowledge base knows the leaders; the ministers,
party officials and ambassadors a report names are unknown to it, and an outlet that writes
"Xingrui Ma" means the person the others call "Ma Xingrui". One canonical name per person is
what the linker and the scorer compare.
"""
from __future__ import annotations

from functools import lru_cache

from bilateral.kb import load_yaml


@lru_cache(maxsize=1)
def _family_names() -> dict[str, frozenset[str]]:
    """State -> the family names of its people, lower-cased."""
    data = load_yaml("name_order.yaml")["states"]
    return {state: frozenset(n.lower() for n in names) for state, names in data.items()}


def family_name_first(name: str, country: str | None) -> str:
    """``name`` in the order its state writes it: "Xingrui Ma" of China -> "Ma Xingrui"; a name
    already in that order, of two family names, of another state or of other than two words
    stays as it is."""
    families = _family_names().get(country or "")
    words = name.split()
    if not families or len(words) != 2:
        return name
    given, family = words
    if family.lower() in families and given.lower() not in families:
        return f"{family} {given}"
    return name
