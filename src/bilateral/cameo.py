"""Intensity of a CAMEO code: its Goldstein scale value and GDELT's QuadClass.

Analysts compare events across datasets by these two numbers (GDELT's ``GoldsteinScale`` and
``QuadClass``, POLECAT's quad code), so they come from the published tables, kept as data
(``data/cameo_goldstein.tsv``, ``data/cameo_quadclass.tsv``), never computed by a rule of ours.
"""
from __future__ import annotations


from bilateral.deadline import loader
from bilateral.kb import load_tsv


@loader(maxsize=1)
def _goldstein() -> dict[str, float]:
    return {r["cameo"]: float(r["goldstein"]) for r in load_tsv("cameo_goldstein.tsv")}


@loader(maxsize=1)
def _quad() -> dict[str, tuple[int, str]]:
    return {r["root"]: (int(r["quad_class"]), r["label"]) for r in load_tsv("cameo_quadclass.tsv")}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein value of a code, or of its longest listed prefix (the table lists most
    four-digit codes, not all); None for no code or an unknown one."""
    if not cameo:
        return None
    table = _goldstein()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


def quad_class(cameo: str | None) -> int | None:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    if not cameo or len(cameo) < 2:
        return None
    entry = _quad().get(cameo[:2])
    return entry[0] if entry else None


def quad_label(q: int | None) -> str | None:
    """The class's name as the field writes it ("Verbal Cooperation")."""
    return next((label for code, label in _quad().values() if code == q), None)


def cameo_scale(cameo: str | None) -> tuple[float | None, int | None]:
    """``(goldstein, quad_class)`` of a code; both None when it has none."""
    return goldstein(cameo), quad_class(cameo)
