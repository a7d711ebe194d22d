"""The one place knowledge files are loaded from (``bilateral/data``).

Knowledge (country names, leaders, organisations, triggers, roles, ...) lives in TSV/YAML files
under ``data/``; resolvers ask this module for them and build their own indexes once.
"""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bilateral.deadline import loader

DATA_DIR = Path(str(resources.files("bilateral") / "data"))


def data_path(name: str) -> Path:
    """Path of a knowledge file; raises FileNotFoundError naming it when it is missing."""
    path = DATA_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"knowledge file missing from the package: {path}")
    return path


@loader
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated file with a header line; lines starting with '#' are comments."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# libyaml's parser is 5-8x faster than the pure-Python one: it decides the start-up time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@loader
def load_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
