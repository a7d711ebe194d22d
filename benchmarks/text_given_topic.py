"""How much the linker's text part (lead-view log-odds) tells once the topic is shared: among
SemEval *training* pairs whose human Entities and Geography scores are <= 2 (what the linker's
states/people/place parts already establish), a logistic fit of "one story" (Overall <= 1.5) on
the log-odds. Printed: the slope (0.54 when measured, 341 pairs) and the share of one-story pairs
by log-odds band. Reads ../shared/corpora; takes minutes (every lead is embedded).

    python benchmarks/text_given_topic.py
"""
import json
from pathlib import Path

import numpy as np
from bilateral.similarity.model import LEAD, judge, lead_profile, log_odds
rows = [json.loads(l) for l in open(str(Path(__file__).resolve().parents[2] / 'shared' / 'corpora' / 'semeval2022_task8' / 'pairs.jsonl'))]
rows = [r for r in rows if r['source_file'] == 'training_set.csv' and float(r['Entities']) <= 2 and float(r['Geography']) <= 2]
print('rows', len(rows), flush=True)
lo, same, ent, geo = [], [], [], []
for r in rows:
    t1, t2 = (r['text1'] or '').strip(), (r['text2'] or '').strip()
    if not t1 or not t2: continue
    s = judge(lead_profile(t1), lead_profile(t2), r['lang1'], r['lang2'], LEAD)
    lo.append(log_odds(s, LEAD)); same.append(float(r['Overall']) <= 1.5)
    ent.append(float(r['Entities'])); geo.append(float(r['Geography']))
lo, same, ent, geo = map(np.array, (lo, same, ent, geo))
def fit(x, y, iters=3000, lr=0.1):
    a, b = 0.0, 1.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(a + b * x)))
        ga, gb = np.mean(p - y), np.mean((p - y) * x)
        a -= lr * ga; b -= lr * gb
    return a, b
print("pairs", len(lo), "same share", same.mean())
for name, mask in [("all", np.ones_like(same, bool)), ("entities<=2 & geo<=2", (ent <= 2) & (geo <= 2)),
                   ("entities<=1.5 & geo<=1.5", (ent <= 1.5) & (geo <= 1.5))]:
    a, b = fit(lo[mask], same[mask].astype(float))
    print(f"{name:28s} n={mask.sum():5d} same={same[mask].mean():.3f} slope b={b:.3f} intercept={a:.3f}")
    for lo_lo, lo_hi in [(-3, -1.5), (-1.5, -0.5), (-0.5, 0.5), (0.5, 1.5), (1.5, 3)]:
        m = mask & (lo >= lo_lo) & (lo < lo_hi)
        if m.sum(): print(f"    lo in [{lo_lo},{lo_hi}): n={m.sum():4d} same={same[m].mean():.3f}")
