"""How likely two articles report the same event: a score in [0, 1], in any two languages.

Why features and not one document vector: a whole-article vector says "Belarus and Kazakhstan"
for every article on the two countries. The judgment combines
  - chunk vectors (multilingual USE): the title, and the text cut into sentence-bounded pieces
    of ~450 characters, each embedded directly (a piece says more than the mean of its
    sentences' vectors). Compared: title vs title, first piece vs first piece, the best and
    the average best match among pieces (with and without the titles), whole-article means,
    and the mean of all piece pairs;
  - language-independent ids: shared numbers and years, shared names under a
    transliteration-insensitive key (Lukaschenko/Lukashenko), shared longer words;
and a small additive model over them, fitted on the SemEval 2022 task 8 *training* pairs only
(``scripts/fit_similarity.py`` -> ``data/similarity_model.json``), whose target is the human
"Overall" score mapped 1 (same story) -> 1.0 .. 4 (unrelated) -> 0.0.

The model: each evidence feature enters through a non-decreasing piecewise-linear curve (ramps
between training quantiles with non-negative weights), a language pair may shift the score
(an intercept per pair estimated on train, shrunk towards 0), and a non-decreasing
piecewise-linear calibration maps the sum to the human scale. So more evidence of sameness
never lowers the score. Measured and left out (no gain in cross-validation on train, and they
cost 15-30 ms per article): the resolvers' countries, GeoNames places, canonical people and
normalised dates - SemEval's articles are mostly not about diplomacy, and carry no publication
date to resolve "on Thursday" against.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from bilateral.similarity import embed
from bilateral.similarity.text import jaccard, overlap, parse_article

MODEL_FILE = "similarity_model.json"


# ---------------------------------------------------------------- language


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text (py3langid), None when there is no text to judge."""
    if not text or not text.strip():
        return None
    try:
        import py3langid

        return py3langid.classify(text[:2000])[0]
    except Exception:  # a missing or failing detector must not stop scoring
        return None


def language_pair(lang1: str | None, lang2: str | None) -> str:
    """Order-free key of a language pair ("de-en" for en/de), "?" parts for unknown."""
    return "-".join(sorted(((lang1 or "?").lower(), (lang2 or "?").lower())))


# ---------------------------------------------------------------- per-article profile


@dataclass(frozen=True)
class Profile:
    """What the judgment needs of one article, computed once (the linker and the CLI compare
    one article with many)."""

    title: np.ndarray  # unit vector of the title (zeros when there is none)
    chunks: np.ndarray  # (n >= 1, 512) unit vectors of the text's pieces
    mean: np.ndarray  # normalised mean of title and pieces
    chunk_mean: np.ndarray  # normalised mean of the pieces
    names: frozenset[str]
    words: frozenset[str]
    numbers: frozenset[str]
    years: frozenset[str]


@lru_cache(maxsize=1024)
def profile(text: str) -> Profile:
    """Title and chunk vectors (embedded in one batch) and the token sets of one article."""
    art = parse_article(text)
    pieces = art.chunks or [text]
    vecs = embed.embed([art.title] + pieces)
    title, chunks = vecs[0], vecs[1:]
    with_title = np.vstack([vecs[:1], chunks]) if art.title else chunks
    return Profile(title, chunks, embed.mean_vector(with_title), embed.mean_vector(chunks),
                   frozenset(art.names), frozenset(art.words), frozenset(art.numbers),
                   frozenset(art.years))


def _align(sim: np.ndarray) -> float:
    """Average best match both ways: rewards the same statements, not the same topic."""
    return (float(sim.max(axis=1).mean()) + float(sim.max(axis=0).mean())) / 2.0


# ---------------------------------------------------------------- features


def pair_features(p1: Profile, p2: Profile, lang1: str | None, lang2: str | None) -> dict[str, float]:
    """Every feature the model may use, by name, from two article profiles."""
    a, b = p1.chunks, p2.chunks
    sim = a @ b.T
    ta, tb = np.vstack([p1.title, a]), np.vstack([p2.title, b])
    tsim = ta @ tb.T
    ends_a = np.vstack([p1.title, a[0], a[-1]])
    ends_b = np.vstack([p2.title, b[0], b[-1]])
    cross = 1.0 if (lang1 and lang2 and lang1 != lang2) else 0.0
    return {
        "e_title": float(p1.title @ p2.title),
        "c_first": float(sim[0, 0]),
        "c_max": float(sim.max()),
        "c_align": _align(sim),
        "c_background": float(sim.mean()),
        "ct_max": float(tsim.max()),
        "ct_align": _align(tsim),
        "e_mean": float(p1.mean @ p2.mean),
        "e_chunk_mean": float(p1.chunk_mean @ p2.chunk_mean),
        "e_ends_max": float((ends_a @ ends_b.T).max()),
        "e_title_lead": max(float(p1.title @ b[0]), float(p2.title @ a[0])),
        "names_overlap": overlap(p1.names, p2.names),
        "names_jaccard": jaccard(p1.names, p2.names),
        "words_jaccard": jaccard(p1.words, p2.words),
        "numbers_overlap": overlap(p1.numbers, p2.numbers),
        "years_mismatch": 1.0 if (p1.years and p2.years and not (p1.years & p2.years)) else 0.0,
        "cross_lingual": cross,
    }


def features(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> dict[str, float]:
    """The features of two texts (languages detected when not given); used by the fit script."""
    lang1 = lang1 or detect_language(text1)
    lang2 = lang2 or detect_language(text2)
    return pair_features(profile(text1.strip()), profile(text2.strip()), lang1, lang2)


# ---------------------------------------------------------------- model


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The fitted model (scripts/fit_similarity.py writes it; a small JSON file in bilateral/data)."""
    from bilateral.kb import data_path

    with data_path(MODEL_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def raw_score(feats: dict[str, float], pair: str, model: dict[str, Any]) -> float:
    """The additive score before calibration: intercept + pair shift + each feature's curve."""
    z = model["intercept"] + model["pair_offsets"].get(pair, 0.0)
    for name, term in model["terms"].items():
        x = feats.get(name, 0.0)
        if "knots" in term:  # non-decreasing (or non-increasing) piecewise-linear curve
            k = term["knots"]
            for lo, hi, w in zip(k[:-1], k[1:], term["weights"]):
                z += w * min(1.0, max(0.0, (x - lo) / (hi - lo)))
        else:
            z += term["weight"] * x
    return z


def predict(feats: dict[str, float], pair: str = "", model: dict[str, Any] | None = None) -> float:
    """The calibrated score for a feature dict, in [0, 1]."""
    model = model or load_model()
    z = raw_score(feats, pair, model)
    cal = model.get("calibration")
    if cal:
        z = float(np.interp(z, cal["x"], cal["y"]))
    return float(min(1.0, max(0.0, z)))


def article_similarity(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> float:
    """1.0 when two articles report the same event, 0.0 when they have nothing in common.

    Empty text on either side scores 0; an article with itself scores 1.
    """
    t1, t2 = (text1 or "").strip(), (text2 or "").strip()
    if not t1 or not t2:
        return 0.0
    if " ".join(t1.split()) == " ".join(t2.split()):
        return 1.0
    lang1 = lang1 or detect_language(t1)
    lang2 = lang2 or detect_language(t2)
    feats = pair_features(profile(t1), profile(t2), lang1, lang2)
    return predict(feats, language_pair(lang1, lang2))
