"""Real news texts for benchmarks, read from ../shared/corpora (never copied into the repo).

    corpus_documents(limit=None) -> list[RawDocument]   # ~3,800 texts
    write_corpus_folder(dest, limit=None) -> int        # the same texts as .txt files

Sources: every SemEval-2022 Task 8 pair gives two texts (``<pair_id>_1``, ``<pair_id>_2``,
languages ``lang1``/``lang2``: de, en, es, tr, pl, ar, fr; ~1 KB each, head+tail cut), and
the SlavicNER Russian raw texts (``slavicner_ru/raw/TOPIC/ru/*.txt``, full articles). The two
sources are interleaved in proportion, so any ``limit`` gives the same mix of languages and
lengths as the whole set. Order is deterministic.

When ../shared is absent, ``CorpusMissing`` (a FileNotFoundError) says what is missing;
benchmark scripts catch it and report that they skipped.
"""
from __future__ import annotations

import json
from pathlib import Path

from bilateral.models import RawDocument

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
SEMEVAL = CORPORA / "semeval2022_task8" / "pairs.jsonl"
SLAVICNER = CORPORA / "slavicner_ru" / "raw"


class CorpusMissing(FileNotFoundError):
    """The shared corpora are not next to the repository (benchmarks skip)."""


def _semeval() -> list[RawDocument]:
    out: list[RawDocument] = []
    with SEMEVAL.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            for k in ("1", "2"):
                text = row.get(f"text{k}") or ""
                if text.strip():
                    doc_id = f"{row['pair_id']}_{k}"
                    out.append(RawDocument(doc_id=doc_id, source=f"{SEMEVAL}#{doc_id}", text=text,
                                           language=row.get(f"lang{k}"), fmt="txt"))
    return out


def _slavicner() -> list[RawDocument]:
    out: list[RawDocument] = []
    for path in sorted(SLAVICNER.glob("*/ru/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.strip():
            doc_id = path.name[: -len(".txt")].replace(".", "_")  # brexit_ru.txt_file_10 -> brexit_ru_txt_file_10
            out.append(RawDocument(doc_id=doc_id, source=str(path), text=text, language="ru", fmt="txt"))
    return out


def _interleave(*lists: list[RawDocument]) -> list[RawDocument]:
    """Merge lists so that every prefix holds each list in proportion to its size."""
    keyed = [((i + 0.5) / len(lst), n, i, doc) for n, lst in enumerate(lists) for i, doc in enumerate(lst)]
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


def corpus_documents(limit: int | None = None) -> list[RawDocument]:
    """The benchmark texts as RawDocuments (text set, html None); raises CorpusMissing."""
    missing = [str(p) for p in (SEMEVAL, SLAVICNER) if not p.exists()]
    if missing:
        raise CorpusMissing(f"benchmark corpora not found: {', '.join(missing)} "
                            f"(expected ../shared/corpora next to the repository)")
    docs = _interleave(_semeval(), _slavicner())
    return docs if limit is None else docs[:limit]


def write_corpus_folder(dest: str | Path, limit: int | None = None) -> int:
    """Write the texts as UTF-8 ``<doc_id>.txt`` files into ``dest`` (created); returns how many."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    docs = corpus_documents(limit)
    for doc in docs:
        (dest / f"{doc.doc_id}.txt").write_text(doc.text or "", encoding="utf-8")
    return len(docs)


if __name__ == "__main__":
    import collections

    docs = corpus_documents()
    print(f"{len(docs)} documents, {sum(len((d.text or '').encode()) for d in docs) / 1e6:.1f} MB")
    print(dict(collections.Counter(d.language for d in docs).most_common()))
