"""bilateral: news about international relations -> an evidence-linked database of interstate events.

Python API (see README, "Python API"): ``bilateral.extract(texts_or_paths)`` returns typed
``Event`` objects; ``bilateral.Store(path)`` adds articles and answers queries. The pipeline
behind them is loaded on first use, so ``import bilateral`` stays cheap.
"""
from __future__ import annotations

from typing import Any

# The extraction stage is the subpackage ``bilateral.extract``; importing it first means later
# submodule imports never rebind the name below, which is the API function.
import bilateral.extract as _extract_stage  # noqa: F401  (empty package: cheap)

__version__ = "0.1.0"
__all__ = ["extract", "Store", "Event", "InvalidFilter", "__version__"]


def extract(texts_or_paths: Any, **options: Any) -> list:
    """Interstate events of articles given as texts, files or folders; see ``bilateral.api.extract``."""
    from bilateral import api  # lazy: see __getattr__

    return api.extract(texts_or_paths, **options)


def __getattr__(name: str) -> Any:
    """``bilateral.Store``, ``.Event``, ``.InvalidFilter`` from ``bilateral.api``, loaded on first use.

    Why lazy (the one place the package imports its own code inside a function): this file runs
    before any ``import bilateral.<module>``, so importing the API here would load the pipeline
    and the store (about a second) for a worker or a script that needs one small module."""
    if name in ("Store", "Event", "InvalidFilter"):
        from bilateral import api  # lazy: see the docstring

        return getattr(api, name)
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


