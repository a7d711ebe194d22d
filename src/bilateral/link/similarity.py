"""How likely two articles report the same event: a score in [0, 1], in any two languages.

Why features and not one document vector: a whole-article vector says "Belarus and Kazakhstan"
for every article on the two countries. The judgment combines
  - sentence vectors (multilingual USE): title vs title, lead vs lead, mean of the sentence
    vectors, and a sentence alignment (each sentence's best match on the other side, averaged
    both ways) that rewards the same statements rather than the same topic;
  - language-independent ids: shared numbers and years, shared capitalised names (folded to
    ASCII stems, so transliterations meet), shared countries when the project's resolver is
    there;
and a small linear model over them, fitted on the SemEval 2022 task 8 *training* pairs only
(``scripts/fit_similarity.py`` -> ``data/similarity_model.json``), whose target is the human
"Overall" score mapped 1 (same story) -> 1.0 .. 4 (unrelated) -> 0.0.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np

from bilateral.link import embed
from bilateral.link.text import Article, jaccard, overlap, parse_article

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


# ---------------------------------------------------------------- features


def _article_vectors(art: Article) -> dict[str, np.ndarray]:
    """Vectors of the title, the lead and every sentence, embedded in one batch."""
    texts = [art.title, art.lead, art.opening] + art.sentences
    vecs = embed.embed(texts)
    sents = vecs[3:] if art.sentences else vecs[:1]
    return {"title": vecs[0], "lead": vecs[1], "doc": vecs[2], "sents": sents, "mean": embed.mean_vector(
        np.vstack([vecs[:1], sents]) if art.title else sents)}


def _alignment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Sentence alignment: (mean best-match similarity both ways, mean of the 3 best pairs,
    mean of all sentence pairs). The last is the background level two texts of this kind
    reach anyway (it differs by language and genre), so the model can discount it."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0, 0.0
    sim = a @ b.T
    fwd = float(sim.max(axis=1).mean())
    bwd = float(sim.max(axis=0).mean())
    top = np.sort(sim, axis=None)[-3:]
    return (fwd + bwd) / 2.0, float(top.mean()), float(sim.mean())


def _countries(text: str, lang: str | None) -> set[str]:
    """Country codes named in a text, from the project's resolver when it is available."""
    try:
        from bilateral.resolve.geo import find_countries
    except ImportError:
        return set()
    try:
        return {m.code for m in find_countries(text, lang or "en") if m.code}
    except Exception:
        return set()


def features(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None,
             with_countries: bool = False) -> dict[str, float]:
    """Every feature the model may use, by name (also used by the fit script).

    Countries (``countries_jaccard``) come from the project's resolver, which costs more than
    the rest of the text features; they are computed only when the model uses them."""
    lang1 = lang1 or detect_language(text1)
    lang2 = lang2 or detect_language(text2)
    a1, a2 = parse_article(text1), parse_article(text2)
    v1, v2 = _article_vectors(a1), _article_vectors(a2)
    align, top3, background = _alignment(v1["sents"], v2["sents"])
    cross = 1.0 if (lang1 and lang2 and lang1 != lang2) else 0.0
    years_mismatch = 1.0 if (a1.years and a2.years and not (a1.years & a2.years)) else 0.0
    c1, c2 = (_countries(text1, lang1), _countries(text2, lang2)) if with_countries else (set(), set())
    f = {
        "e_title": float(v1["title"] @ v2["title"]),
        "e_lead": float(v1["lead"] @ v2["lead"]),
        "e_mean": float(v1["mean"] @ v2["mean"]),
        "e_doc": float(v1["doc"] @ v2["doc"]),
        "e_align": align,
        "e_top3": top3,
        "e_background": background,
        "names_overlap": overlap(a1.names, a2.names),
        "names_jaccard": jaccard(a1.names, a2.names),
        "words_jaccard": jaccard(a1.words, a2.words),
        "numbers_overlap": overlap(a1.numbers, a2.numbers),
        "years_mismatch": years_mismatch,
        "countries_jaccard": jaccard(c1, c2),
        "cross_lingual": cross,
    }
    f["cross_x_mean"] = cross * f["e_mean"]
    f["mean_x_align"] = f["e_mean"] * f["e_align"]
    for name in ("e_title", "e_lead", "e_mean", "e_doc", "e_align", "e_top3"):
        f[name + "_sq"] = f[name] ** 2  # the human scale is not linear in a cosine
    return f


# ---------------------------------------------------------------- model


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """Coefficients fitted by scripts/fit_similarity.py (a small JSON file in bilateral/data)."""
    from bilateral.kb import data_path

    with data_path(MODEL_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def predict(feats: dict[str, float], model: dict[str, Any] | None = None) -> float:
    """The model's score for a feature dict, clipped to [0, 1]."""
    model = model or load_model()
    mean, scale = model["mean"], model["scale"]
    z = model["intercept"]
    for name, w in model["weights"].items():
        z += w * (feats.get(name, 0.0) - mean[name]) / scale[name]
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
    model = load_model()
    return predict(features(t1, t2, lang1, lang2, "countries_jaccard" in model["weights"]), model)
