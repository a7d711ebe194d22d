"""Golden digests of `bilateral extract` output: refactors must leave them unchanged.

    python benchmarks/golden.py                  # check against tests/golden/*.json; lists changed documents
    python benchmarks/golden.py --update         # rewrite tests/golden/*.json (a behaviour change; say why)
    python benchmarks/golden.py --diff main      # field-level differences between REV and this tree
    python benchmarks/golden.py --dump /tmp/d    # one canonical JSON file per document
    options: --sets seeds,dev,corpus500  --jobs N

Three sets, read from ../shared and never copied into the repository: the seeds, the dev texts
and the first 500 benchmark corpus documents (``corpus.corpus_documents(limit=500)``, fed to
`extract` as a JSON Lines file in /tmp). Each set is one `bilateral extract` run (the console
entry point named in pyproject.toml, called in this process so the models load once), so
events link across the documents of a set as they do for a user.

One document's output is what a reader of that document would check: the events whose
``sources`` include it (each event in full, as `extract` prints it, other sources included),
plus the error `extract` reported for it, if any. It is serialised canonically (sorted keys,
events sorted by their serialisation, floats rounded to 9 digits: the same text on Python
3.11-3.13 and for any ``--jobs``) and stored as its sha256. A change to one document's
extraction thus shows up as that document (and the documents its events are linked with),
not as the whole set. The digests hold no text from ../shared.

``--diff REV`` exports REV's ``src`` and ``pyproject.toml`` (``git archive``) to /tmp, runs this
script there in a subprocess, and prints per changed document which events appeared,
disappeared or changed in which fields; the full report and both dumps stay in /tmp.
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import hashlib
import importlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import CorpusMissing, corpus_documents  # noqa: E402  (benchmarks/ is not a package)

ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden"
SETS = ("seeds", "dev", "corpus500")
CORPUS_LIMIT = 500


class SetMissing(FileNotFoundError):
    """The shared texts a set needs are absent (the test skips)."""


# ---------------------------------------------------------------- inputs

def set_input(name: str, workdir: Path) -> tuple[list[str], dict[str, str]]:
    """The `extract` arguments for a set and {source prefix: doc_id} for its documents.

    The doc_id is the file stem (the contract's rule) or the JSON Lines record id."""
    if name in ("seeds", "dev"):
        folder = SHARED / "seeds" if name == "seeds" else SHARED / "eval" / "dev" / "texts"
        if not folder.is_dir():
            raise SetMissing(f"{folder} not found")
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        return [str(folder)], {str(p): p.stem for p in files}
    if name == "corpus500":
        try:
            docs = corpus_documents(limit=CORPUS_LIMIT)
        except CorpusMissing as exc:
            raise SetMissing(str(exc)) from exc
        path = workdir / "corpus500.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps({"id": doc.doc_id, "text": doc.text, "language": doc.language},
                                    ensure_ascii=False) + "\n")
        return [str(path)], {f"{path}#line-{n}": doc.doc_id for n, doc in enumerate(docs, 1)}
    raise ValueError(f"unknown set {name!r} (sets: {', '.join(SETS)})")


# ---------------------------------------------------------------- running extract

def entry_point() -> Callable[[], Any]:
    """The `bilateral` console entry point as pyproject.toml names it (``module:function``)."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        target = tomllib.load(fh)["project"]["scripts"]["bilateral"]
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def run_extract(args: list[str]) -> tuple[str, str]:
    """`bilateral extract ARGS` in this process: (stdout, stderr)."""
    main = entry_point()
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["bilateral", "extract", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                if exc.code not in (0, None):
                    err.write(f"bilateral: exit status {exc.code}\n")
    finally:
        sys.argv = argv
    return out.getvalue(), err.getvalue()


def canonical(value: Any) -> Any:
    """Floats rounded to 9 significant digits and integral floats as ints, so the text is the
    same whatever produced the number (3.0 vs 3, 0.1 + 0.2)."""
    if isinstance(value, float):
        value = float(f"{value:.9g}")
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def document_outputs(stdout: str, stderr: str, docs: dict[str, str]) -> dict[str, dict]:
    """{doc_id: {"events": [...], "error": str | None}} for every document of the set."""
    out = {doc_id: {"events": [], "error": None} for doc_id in docs.values()}
    for line in stdout.splitlines():
        if not line.strip():
            continue
        event = canonical(json.loads(line))
        for doc_id in dict.fromkeys(s["doc_id"] for s in event.get("sources") or []):
            out.setdefault(doc_id, {"events": [], "error": None})["events"].append(event)
    for line in stderr.splitlines():
        for source, doc_id in docs.items():  # "bilateral: SOURCE: reason" names the document
            prefix = f"bilateral: {source}: "
            if line.startswith(prefix):
                out[doc_id]["error"] = line[len(prefix):]
    for value in out.values():
        value["events"].sort(key=dumps)
    return out


def extract_set(name: str, jobs: int = 1) -> dict[str, dict]:
    """Run `extract` on one set: every document's canonical output."""
    with tempfile.TemporaryDirectory(prefix="bilateral-golden-") as tmp:
        args, docs = set_input(name, Path(tmp))
        stdout, stderr = run_extract(["--quiet", "--doc-timeout", "0", "--jobs", str(jobs), *args])
    return document_outputs(stdout, stderr, docs)


def digest(output: dict) -> str:
    return hashlib.sha256(dumps(output).encode("utf-8")).hexdigest()


def digests(outputs: dict[str, dict]) -> dict[str, dict]:
    return {doc_id: {"events": len(o["events"]), "sha256": digest(o)} for doc_id, o in sorted(outputs.items())}


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def load_golden(name: str) -> dict[str, dict]:
    return json.loads(golden_path(name).read_text(encoding="utf-8"))["documents"]


def write_golden(name: str, outputs: dict[str, dict]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    about = (f"sha256 of each document's canonical `bilateral extract` output on the {name} set; "
             "regenerate with: python benchmarks/golden.py --update (see its docstring)")
    rows = [f"  {json.dumps(doc_id)}: {json.dumps(row, sort_keys=True)}" for doc_id, row in digests(outputs).items()]
    text = "{\n \"about\": " + json.dumps(about) + ",\n \"documents\": {\n" + ",\n".join(rows) + "\n }\n}\n"
    golden_path(name).write_text(text, encoding="utf-8")  # one line per document: readable diffs


def changed(name: str, outputs: dict[str, dict]) -> list[str]:
    """Documents whose digest differs from tests/golden/NAME.json (or that appear/disappear)."""
    old, new = load_golden(name), digests(outputs)
    return sorted(d for d in old.keys() | new.keys() if old.get(d, {}).get("sha256") != new.get(d, {}).get("sha256"))


# ---------------------------------------------------------------- dumps and field-level differences

def outside_repo(path: Path) -> Path:
    path = path.resolve()
    if path == ROOT or ROOT in path.parents:
        raise SystemExit(f"golden: {path} is inside the repository; dumps go to /tmp")
    return path


def dump(outputs_by_set: dict[str, dict[str, dict]], dest: Path) -> None:
    """DEST/SET/DOC_ID.json: one document's canonical output, pretty-printed."""
    for name, outputs in outputs_by_set.items():
        folder = dest / name
        folder.mkdir(parents=True, exist_ok=True)
        for doc_id, output in outputs.items():
            (folder / f"{doc_id}.json").write_text(json.dumps(output, ensure_ascii=False, sort_keys=True, indent=1)
                                                   + "\n", encoding="utf-8")


def load_dump(dest: Path) -> dict[str, dict[str, dict]]:
    return {d.name: {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(d.glob("*.json"))}
            for d in sorted(dest.iterdir()) if d.is_dir()}


def field_diff(old: Any, new: Any, path: str = "") -> list[str]:
    """Lines ``path: old -> new`` for the leaves that differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[str] = []
        for key in sorted(old.keys() | new.keys()):
            lines += field_diff(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return lines
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [line for i, (a, b) in enumerate(zip(old, new)) for line in field_diff(a, b, f"{path}[{i}]")]
    if old == new:
        return []
    return [f"{path}: {short(old)} -> {short(new)}"]


def short(value: Any, limit: int = 160) -> str:
    text = dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def headline(event: dict) -> str:
    return (f"{event.get('type')}/{event.get('mode')} {event.get('date')} {','.join(event.get('countries') or [])} "
            f"docs={','.join(s['doc_id'] for s in event.get('sources') or [])}")


def pair_events(old: list[dict], new: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match events of one document: same event_id first, then the most similar (fewest differing
    fields, same type or countries); the rest were removed or added."""
    old, new = list(old), list(new)
    pairs = []
    for o in list(old):
        for n in new:
            if n.get("event_id") == o.get("event_id"):
                pairs.append((o, n))
                old.remove(o)
                new.remove(n)
                break
    candidates = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            if o.get("type") == n.get("type") or o.get("countries") == n.get("countries"):
                candidates.append((len(field_diff(o, n)), i, j))
    used_o, used_n = set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            pairs.append((old[i], new[j]))
    return (pairs, [o for i, o in enumerate(old) if i not in used_o],
            [n for j, n in enumerate(new) if j not in used_n])


def report(old_sets: dict[str, dict[str, dict]], new_sets: dict[str, dict[str, dict]]) -> list[str]:
    """Human-readable differences, document by document."""
    lines: list[str] = []
    for name in sorted(old_sets.keys() | new_sets.keys()):
        old, new = old_sets.get(name, {}), new_sets.get(name, {})
        moved = sorted(d for d in old.keys() | new.keys() if old.get(d) != new.get(d))
        lines.append(f"== {name}: {len(moved)} of {len(new) or len(old)} documents changed")
        for doc_id in moved:
            a, b = old.get(doc_id) or {"events": [], "error": None}, new.get(doc_id) or {"events": [], "error": None}
            lines.append(f"-- {name}/{doc_id}: events {len(a['events'])} -> {len(b['events'])}")
            if a.get("error") != b.get("error"):
                lines.append(f"   error: {short(a.get('error'))} -> {short(b.get('error'))}")
            pairs, removed, added = pair_events(a["events"], b["events"])
            for event in removed:
                lines.append(f"   - removed {headline(event)}")
            for event in added:
                lines.append(f"   + added   {headline(event)}")
            for o, n in pairs:
                diff = field_diff(o, n)
                if diff:
                    lines.append(f"   ~ {headline(o)}")
                    lines += [f"       {d}" for d in diff]
    return lines


# ---------------------------------------------------------------- command line

def run_sets(names: list[str], jobs: int) -> dict[str, dict[str, dict]]:
    result = {}
    for name in names:
        start = time.perf_counter()
        try:
            result[name] = extract_set(name, jobs)
        except SetMissing as exc:
            print(f"golden: {name}: skipped ({exc})", file=sys.stderr)
            continue
        print(f"golden: {name}: {len(result[name])} documents, "
              f"{sum(len(o['events']) for o in result[name].values())} document-events, "
              f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    return result


def diff_against(rev: str, names: list[str], jobs: int, current: dict[str, dict[str, dict]]) -> int:
    """Dump REV's output (its code, this script) and this tree's, print the differences."""
    base = Path(tempfile.mkdtemp(prefix=f"bilateral-golden-{rev.replace('/', '_')}-"))
    tree = base / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "pyproject.toml"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--root", str(tree), "--sets", ",".join(names),
                    "--jobs", str(jobs), "--dump", str(base / "old")], env=env, check=True)
    dump(current, base / "new")
    lines = report(load_dump(base / "old"), current)
    text = "\n".join(lines) + "\n"
    (base / "report.txt").write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"golden: dumps of {rev} and this tree, and this report, in {base}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--jobs", type=int, default=1, help="extract --jobs")
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/SET.json")
    parser.add_argument("--dump", metavar="DIR", help="write DIR/SET/DOC.json (outside the repository)")
    parser.add_argument("--diff", metavar="REV", help="field-level differences between REV and this tree")
    parser.add_argument("--root", help=argparse.SUPPRESS)  # the tree whose pyproject names the entry point
    args = parser.parse_args(argv)
    names = [s for s in args.sets.split(",") if s]
    if args.root:
        global ROOT
        ROOT = Path(args.root).resolve()
    if args.dump:
        dest = outside_repo(Path(args.dump))
    outputs = run_sets(names, args.jobs)
    if args.dump:
        dump(outputs, dest)
        print(f"golden: dumped to {dest}", file=sys.stderr)
        return 0
    if args.diff:
        return diff_against(args.diff, list(outputs), args.jobs, outputs)
    if args.update:
        for name, result in outputs.items():
            write_golden(name, result)
            print(f"golden: wrote {golden_path(name).relative_to(ROOT)}", file=sys.stderr)
        return 0
    status = 0
    for name, result in outputs.items():
        moved = changed(name, result)
        print(f"{name}: {len(moved)} of {len(result)} documents changed" + (f": {', '.join(moved[:20])}" if moved else ""))
        status |= bool(moved)
    if status:
        print("see how: python benchmarks/golden.py --diff main (or the last commit that regenerated tests/golden)")
    return status


if __name__ == "__main__":
    sys.exit(main())
