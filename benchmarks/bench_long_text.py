"""Cost of one document against its length: a text without a single full stop at 8k, 32k and
128k words (the hostile case: one "sentence" the whole length). Prints seconds per size and the
ratio to the previous size; linear cost means the ratio stays near 4 (the length ratio).

Words are drawn (fixed seed) from a short vocabulary of states, people's roles, trade figures and
dates, so every stage has work to do on every stretch of the text.
"""
from __future__ import annotations

import random
import time

from bilateral import pipeline
from bilateral.models import RawDocument

VOCAB = ("the president of Kazakhstan met the foreign minister of Uzbekistan in Tashkent to discuss trade "
         "and investment between the two countries which reached 4 billion dollars in 2019 officials said "
         "talks on water energy and transport continued on Tuesday with delegations from Russia and China").split()


def text(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(words))


def main() -> None:
    pipeline.warm_up()
    previous = None
    for words in (8_000, 32_000, 128_000):
        raw = RawDocument(doc_id=f"w{words}", source=f"{words} words", text=text(words), language="en")
        t0 = time.perf_counter()
        result = pipeline.process(raw, doc_timeout=None)
        took = time.perf_counter() - t0
        ratio = f"{took / previous:.1f}x the previous" if previous else ""
        print(f"{words:>7} words ({len(raw.text) / 1e6:.2f} MB): {took:6.2f} s, {len(result.events)} events  {ratio}")
        previous = took


if __name__ == "__main__":
    main()
