"""JSON Schemas of what bilateral writes (docs/FORMAT.md): the contract line, figure points,
who-met lines. Shipped with the package so tests, the API and users validate against the same file."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

NAMES = ("event", "figure_point", "meeting")


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The schema ``name`` (one of ``NAMES``) as a dict."""
    if name not in NAMES:
        raise KeyError(f"no schema {name!r}; known: {', '.join(NAMES)}")
    return json.loads((resources.files("bilateral") / "schemas" / f"{name}.schema.json").read_text("utf-8"))
