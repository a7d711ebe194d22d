"""Fit the article-similarity model on the SemEval 2022 task 8 *training* pairs only.

    python scripts/fit_similarity.py [--pairs PATH] [--out src/bilateral/data/similarity_model.json]

Target: the human Overall score mapped 1 (same story) -> 1.0 .. 4 (unrelated) -> 0.0.
Model: ridge-regularised least squares on standardised features (numpy only), so the stored
file is a handful of numbers. Prints a 5-fold cross-validated Pearson on the train rows; the
test rows are never read here (benchmarks/bench_similarity.py scores them).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAIRS = REPO.parent / "shared" / "corpora" / "semeval2022_task8" / "pairs.jsonl"
DEFAULT_OUT = REPO / "src" / "bilateral" / "data" / "similarity_model.json"
TRAIN_FILE = "training_set.csv"

# The features the model uses (see bilateral.link.similarity.features), with the sign each
# weight is held to: more similarity evidence may never lower the score (+1), a year mismatch
# never raise it (-1); 0 = free. Without the signs the fit reaches ~0.73 in cross-validation
# instead of ~0.71, by giving sentence alignment a negative weight - and then scores a
# near-duplicate article 0.65 and a faithful translation 0.35. A judgment the linker and users
# rely on has to be monotone, so the signs stay.
FEATURES = {
    "e_title": 1, "e_lead": 1, "e_mean": 1, "e_align": 1, "e_top3": 1, "e_doc": 1,
    "e_mean_sq": 1, "e_doc_sq": 1,
    "e_background": 0,  # the similarity any two texts of this language/genre reach anyway
    "names_overlap": 1, "names_jaccard": 1, "words_jaccard": 1, "numbers_overlap": 1,
    "years_mismatch": -1, "cross_lingual": 0, "cross_x_mean": 1,
}
RIDGE = 10.0
SWEEPS = 300


def target(overall: float) -> float:
    """Overall 1 (same story) .. 4 (unrelated) -> 1.0 .. 0.0."""
    return (4.0 - float(overall)) / 3.0


def fit(X: np.ndarray, y: np.ndarray, signs: list[int] | None = None,
        ridge: float = RIDGE) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Ridge least squares on standardised columns with sign-constrained weights.

    Coordinate descent: each weight in turn is set to its ridge optimum given the others, then
    clipped to its allowed sign (the standard non-negative least squares update)."""
    signs = signs if signs is not None else [s for s in FEATURES.values()]
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    b = float(y.mean())
    r = y - b
    w = np.zeros(Z.shape[1])
    norms = (Z * Z).sum(axis=0)
    for _ in range(SWEEPS):
        for j in range(len(w)):
            old = w[j]
            new = (Z[:, j] @ r + norms[j] * old) / (norms[j] + ridge)
            if signs[j] > 0:
                new = max(0.0, new)
            elif signs[j] < 0:
                new = min(0.0, new)
            w[j] = new
            r -= Z[:, j] * (new - old)
    return w, mean, scale, b


def apply(X: np.ndarray, w, mean, scale, b) -> np.ndarray:
    return np.clip(((X - mean) / scale) @ w + b, 0.0, 1.0)


def cross_validate(X: np.ndarray, y: np.ndarray, folds: int = 5, seed: int = 0) -> float:
    idx = np.random.default_rng(seed).permutation(len(y))
    pred = np.zeros_like(y)
    for k in range(folds):
        test = idx[k::folds]
        train = np.setdiff1d(idx, test)
        pred[test] = apply(X[test], *fit(X[train], y[train]))
    return float(np.corrcoef(pred, y)[0, 1])


def load_train(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [r for r in rows if r.get("source_file") == TRAIN_FILE]


def main(argv: list[str] | None = None) -> int:
    from bilateral.link.similarity import features

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    rows = load_train(args.pairs)
    t0 = time.perf_counter()
    with_countries = "countries_jaccard" in FEATURES
    feats = [features(r["text1"], r["text2"], r.get("lang1"), r.get("lang2"), with_countries) for r in rows]
    print(f"features for {len(rows)} train pairs in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    X = np.array([[f[name] for name in FEATURES] for f in feats], dtype=np.float64)
    names = list(FEATURES)
    y = np.array([target(r["Overall"]) for r in rows], dtype=np.float64)

    for name, col in zip(names, X.T):
        r = np.corrcoef(col, y)[0, 1] if col.std() > 0 else float("nan")
        print(f"  {name:16s} r={r:+.3f}", file=sys.stderr)
    print(f"5-fold CV Pearson on train: {cross_validate(X, y):.4f}", file=sys.stderr)

    w, mean, scale, b = fit(X, y)
    nonzero = {n for n, v in zip(names, w) if v != 0.0}
    model = {
        "about": "bilateral article similarity: ridge least squares on standardised features, "
                 "sign-constrained, fitted by scripts/fit_similarity.py on SemEval 2022 task 8 training pairs; "
                 "target (4 - Overall) / 3, output clipped to [0, 1]",
        "n_train": len(rows),
        "ridge": RIDGE,
        "intercept": b,
        "weights": {n: float(v) for n, v in zip(names, w) if v != 0.0},
        "mean": {n: float(v) for n, v in zip(names, mean) if n in nonzero},
        "scale": {n: float(v) for n, v in zip(names, scale) if n in nonzero},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
