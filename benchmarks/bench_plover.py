#!/usr/bin/env python3
"""PLOVER gold-standard benchmark for the trigger typer and the sentence dyad finder.

Reads ../shared/corpora/plover/PLOVER_GSR_CAMEO.txt (JSON with trailing commas; the DOCUMENT
record is skipped). The sentences come from the CAMEO manual and cover every event type, so
this measures how general the lexicon and the participant rules are (they are never tuned to
single sentences, and the sentences are never copied into the repository).

For every sentence:

* type: ``main_trigger(text, "en")`` coded the CAMEO way (``as_plover``: announced cooperation
  is AGREE, announced hostility THREATEN, denied cooperation REJECT). The gold uses the
  2016 type name FIGHT, which the 2021 table folds into ASSAULT; it is scored as ASSAULT.
  A sentence without a trigger counts as wrong.
* countries: a Document is built from the sentence (published = the record's date), analysed
  by ``bilateral.pipeline.analyse`` when every stage exists (else by the geo/people resolvers
  that exist, else by a small fallback country finder built from the package's country tables),
  then ``sentence_participants`` runs on the one sentence.
  Gold actor codes are CAMEO codes; country ones are mapped to alpha-2 (pycountry, plus the
  CAMEO-specific JAP, ITL, VTN, ...); IGO/NGO/IMG/... are not countries. Over sentences whose
  gold names at least one country:
    - parties exact: predicted set of parties (source | target, EU excluded as the gold codes
      it IGO) == gold set of country codes in source | target;
    - source exact / target exact: the same per side (a gold SRC/TAR actor is on both sides).

Usage: .venv/bin/python benchmarks/bench_plover.py [PATH] [--errors N] [--show-type-errors]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pycountry

from bilateral.extract.participants import sentence_participants
from bilateral.extract.triggers import as_plover, find_triggers, main_trigger
from bilateral.models import Analysis, CountryMention, Document, Sentence

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "plover" / "PLOVER_GSR_CAMEO.txt"
TYPE_ALIASES = {"FIGHT": "ASSAULT"}  # PLOVER 2016 name -> 2021 table
CAMEO_COUNTRY = {"JAP": "JP", "ITL": "IT", "VTN": "VN", "PSE": "PS", "SRB": "RS", "MNE": "ME",
                 "KOS": "XK", "ROM": "RO", "DRC": "CD", "TMP": "TL", "BUR": "MM"}
NOT_COUNTRY = {"IGO", "NGO", "IMG", "ISM", "MNC", "UAF", "EUR", "AFR", "ASA", "MEA", "WSB"}


def load(path: Path) -> list[dict]:
    text = re.sub(r",(\s*[\]}])", r"\1", path.read_text(encoding="utf-8"))
    return [r for r in json.loads(text) if r.get("event") != "DOCUMENT"]


def to_alpha2(code: str | None) -> str | None:
    if not code or code in NOT_COUNTRY:
        return None
    if code in CAMEO_COUNTRY:
        return CAMEO_COUNTRY[code]
    c = pycountry.countries.get(alpha_3=code)
    return c.alpha_2 if c else None


def gold_sides(rec: dict) -> tuple[set[str], set[str]]:
    def codes(v) -> set[str]:
        return {a for a in (to_alpha2(x.get("code")) for x in v) if a} if isinstance(v, list) else set()
    src, tar = codes(rec.get("source")), codes(rec.get("target"))
    markup = rec.get("textInfo", {}).get("markup", "") if isinstance(rec.get("textInfo"), dict) else ""
    if "SRC/TAR" in markup and not tar:
        tar = set(src)  # reciprocal actors are on both sides
    return src, tar


# ---------------------------------------------------------------- analysis

def _analyser():
    """The best analysis available now: the whole pipeline, the resolvers, or a fallback."""
    probe = Document(doc_id="probe", source="probe", original="Russia met Iran.",
                     text="Russia met Iran.", language="en")
    try:
        from bilateral.pipeline import analyse
        analyse(probe)
        return "pipeline.analyse", analyse
    except Exception as exc:  # a stage missing or broken while others work on it
        print(f"pipeline.analyse unavailable ({type(exc).__name__}: {exc}); using resolvers",
              file=sys.stderr)
    try:
        from bilateral.resolve.geo import find_countries
    except ImportError:
        return "fallback country finder", _fallback_analysis

    def resolvers(doc: Document) -> Analysis:
        a = Analysis(document=doc)
        a.countries = find_countries(doc.text, "en")
        try:
            from bilateral.resolve.geo import find_places
            a.places = find_places(doc.text, "en")
        except ImportError:
            pass
        try:
            from bilateral.resolve.people import find_people
            a.people = find_people(doc, [Sentence(0, 0, len(doc.text), doc.text)], a.countries)
        except ImportError:
            pass
        return a
    return "resolve.geo (+people if present)", resolvers


@lru_cache(maxsize=1)
def _fallback_regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    from bilateral.kb import load_tsv
    forms: dict[str, tuple[str, str]] = {}
    for row in load_tsv("countries_base.tsv"):
        if row["lang"] == "en":
            forms.setdefault(row["form"], (row["code"], "name"))
    for row in load_tsv("countries_forms.tsv"):
        if row["lang"] in ("en", "*"):
            for f in row["forms"].split("|"):
                forms[f] = (row["code"], row["kind"])
                if row["kind"] in ("demonym", "adjective"):
                    forms.setdefault(f + "s", (row["code"], row["kind"]))
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if len(f) > 2)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), forms


def _fallback_analysis(doc: Document) -> Analysis:
    rx, forms = _fallback_regex()
    a = Analysis(document=doc)
    for m in rx.finditer(doc.text):
        code, kind = forms[m.group(0)]
        kind = kind if kind in ("name", "adjective", "demonym", "capital") else "name"
        a.countries.append(CountryMention(m.start(), m.end(), m.group(0), code=code, kind=kind))
    return a


# ---------------------------------------------------------------- scoring

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", type=int, default=15, help="most frequent confusions to print")
    ap.add_argument("--show-type-errors", action="store_true", help="print each type error")
    ap.add_argument("--show-country-errors", action="store_true")
    args = ap.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"{path}: not found", file=sys.stderr)
        return 2
    records = load(path)
    label, analyse = _analyser()

    type_ok = raw_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    per_type: Counter[str] = Counter()
    per_type_ok: Counter[str] = Counter()
    n_c = parties_ok = src_ok = tar_ok = 0
    c_errors: Counter[str] = Counter()
    t0 = time.perf_counter()
    for rec in records:
        text = rec["text"]
        gold = TYPE_ALIASES.get(rec["event"], rec["event"])
        per_type[gold] += 1
        trig = main_trigger(text, "en")
        pred = as_plover(trig)[0] if trig else "NONE"
        raw = trig.type if trig else "NONE"
        if pred == gold:
            type_ok += 1
            per_type_ok[gold] += 1
        else:
            confusion[(gold, pred)] += 1
            if args.show_type_errors:
                print(f"TYPE {gold:>11} <- {pred:<11} [{trig.surface if trig else ''}] {text}")
        raw_ok += raw == gold

        gsrc, gtar = gold_sides(rec)
        if not (gsrc | gtar):
            continue
        n_c += 1
        doc = Document(doc_id=rec["id"], source=str(path), original=text, text=text,
                       published=rec.get("date"), language="en")
        a = analyse(doc)
        sent = Sentence(0, 0, len(text), text)
        a.sentences = [sent]
        p = sentence_participants(sent, a)
        psrc, ptar = set(p.source) - {"EU"}, set(p.target) - {"EU"}
        ok = (psrc | ptar) == (gsrc | gtar)
        parties_ok += ok
        src_ok += psrc == gsrc
        tar_ok += ptar == gtar
        if not ok:
            missing, extra = (gsrc | gtar) - (psrc | ptar), (psrc | ptar) - (gsrc | gtar)
            c_errors["missing" if missing and not extra else "extra" if extra and not missing
                     else "both"] += 1
            if args.show_country_errors:
                print(f"CTRY gold {sorted(gsrc)}->{sorted(gtar)} pred {sorted(psrc)}->{sorted(ptar)}"
                      f" venue {p.venue_countries} | {text}")
    elapsed = time.perf_counter() - t0

    n = len(records)
    print(f"PLOVER GSR sentences: {n}   (analysis: {label})")
    print(f"type accuracy (CAMEO coding, as_plover): {type_ok / n:.3f}  ({type_ok}/{n})")
    print(f"type accuracy (trigger type as found):   {raw_ok / n:.3f}")
    print("per type:", ", ".join(f"{t} {per_type_ok[t]}/{per_type[t]}" for t in sorted(per_type)))
    print("most frequent type errors (gold <- predicted):")
    for (g, pr), k in confusion.most_common(args.errors):
        print(f"  {k:3d}  {g} <- {pr}")
    if n_c:
        print(f"sentences with a gold country: {n_c}")
        print(f"  parties exact (set of countries): {parties_ok / n_c:.3f}")
        print(f"  source exact: {src_ok / n_c:.3f}   target exact: {tar_ok / n_c:.3f}")
        print("  party errors:", dict(c_errors))
    print(f"time: {1000 * elapsed / n:.2f} ms per sentence (typing + analysis + dyad)")

    # per-document trigger time on a ~3 KB text built from the sentences
    blob = " ".join(r["text"] for r in records)
    docs = [blob[i:i + 3000] for i in range(0, len(blob) - 3000, 3000)]
    t0 = time.perf_counter()
    for d in docs:
        find_triggers(d, "en")
    print(f"find_triggers: {1000 * (time.perf_counter() - t0) / len(docs):.2f} ms per 3 KB document")
    try:  # the geo finders on the same texts (each text tokenised anew: the real per-document cost)
        from bilateral.resolve.geo import find_countries, find_organizations, find_places
        for name, finder in (("find_countries", find_countries), ("find_places", find_places),
                             ("find_organizations", find_organizations)):
            finder("warm up", "en")
            t0 = time.perf_counter()
            for i, d in enumerate(docs):
                finder(f"{d} {i}{name}", "en")
            print(f"{name}: {1000 * (time.perf_counter() - t0) / len(docs):.2f} ms per 3 KB document")
    except ImportError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
