"""Fit the linker's text part on the SemEval 2022 task 8 *training* pairs only.

    python scripts/fit_lead_text.py [--pairs PATH] [--out src/bilateral/data/lead_text_model.json]

The linker compares two reports by one vector each: the multilingual sentence encoder's vector
of the title + lead (what the encoder reads of the first ~600 characters; ``embed.MAX_CHARS``).
This fits how the cosine of those vectors (and whether the two languages differ: cross-lingual
cosines run lower) predicts "same story": a logistic regression on the soft label
(4 - Overall) / 3 (Overall 1 = same story .. 4 = unrelated), so the linker can add the
log-odds ratio ``logit(p) - logit(mean label)`` as evidence. The test rows are never read
(the cross-validated fit on train is printed).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAIRS = REPO.parent / "shared" / "corpora" / "semeval2022_task8" / "pairs.jsonl"
DEFAULT_OUT = REPO / "src" / "bilateral" / "data" / "lead_text_model.json"
TRAIN_FILE = "training_set.csv"


def design(cos: np.ndarray, cross: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones_like(cos), cos, cross, cos * cross])


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Newton's method on the cross-entropy with soft labels y in [0, 1]."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + ridge * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def main(argv: list[str] | None = None) -> int:
    from bilateral.similarity.embed import embed

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.pairs.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("source_file") == TRAIN_FILE]
    v1 = embed([r["text1"] for r in rows])
    v2 = embed([r["text2"] for r in rows])
    cos = np.sum(v1 * v2, axis=1).astype(float)
    cross = np.array([1.0 if r.get("lang1") != r.get("lang2") else 0.0 for r in rows])
    y = np.array([(4.0 - float(r["Overall"])) / 3.0 for r in rows])
    x = design(cos, cross)

    rng = np.random.default_rng(0)
    folds = rng.permutation(len(rows)) % 5
    pred = np.zeros(len(rows))
    for k in range(5):
        w = fit_logistic(x[folds != k], y[folds != k])
        pred[folds == k] = 1 / (1 + np.exp(-x[folds == k] @ w))
    r_cv = float(np.corrcoef(pred, -np.array([float(r["Overall"]) for r in rows]))[0, 1])
    w = fit_logistic(x, y)
    prior = float(np.mean(y))
    model = {"weights": [round(float(v), 5) for v in w], "terms": ["1", "cos", "cross", "cos*cross"],
             "prior_logit": round(float(np.log(prior / (1 - prior))), 5),
             "fitted_on": f"SemEval 2022 task 8 {TRAIN_FILE}, {len(rows)} pairs",
             "cv_pearson_train": round(r_cv, 4)}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} train pairs; cross-validated Pearson {r_cv:.4f}; weights {model['weights']} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
