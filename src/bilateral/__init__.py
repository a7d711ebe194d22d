"""bilateral: news about international relations -> an evidence-linked database of interstate events.

Python API (see README, "Python API"): ``bilateral.extract(texts_or_paths)`` returns typed
``Event`` objects; ``bilateral.Store(path)`` adds articles and answers queries.

The API is imported here, at the top like every import of the project's own modules, so the
import graph is what it looks like. Its cost is the project's own code (the pipeline, the
store; what ``bilateral --help`` loads anyway): the heavy libraries (spaCy, natasha, the
encoder, FastAPI, Ray, PostgreSQL's driver ...) are imported lazily where they are used, so
``import bilateral`` loads none of them (tests/test_imports.py).
"""
from __future__ import annotations

# ``bilateral.api`` imports the extraction stage, the subpackage ``bilateral.extract``, which
# binds the package attribute ``extract`` to that subpackage; the import below runs after it and
# rebinds the name to the API function, and a later ``import bilateral.extract.x`` finds the
# subpackage in sys.modules without rebinding it.
from bilateral.api import Event, InvalidFilter, Store, extract

__version__ = "0.1.0"
__all__ = ["extract", "Store", "Event", "InvalidFilter", "__version__"]
