"""Short sample articles written for the demo and tests (not copies of any real article)."""
from pathlib import Path


def folder() -> str:
    """The folder holding the sample articles."""
    return str(Path(__file__).parent / "articles")
