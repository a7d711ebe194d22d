"""Which languages the extractor has vocabulary for, and the one warning about the others.

Why a list in data (``data/languages.yaml``) and not "whatever has a trigger section": the
vocabulary of a language spans a dozen files (countries, triggers, time words, roles, figures);
one list says which languages are complete enough to extract from, and both the pipeline (which
skips the others) and the command line (which counts them) read it.

Public:
    has_vocabulary(lang) -> bool
    name_languages(lang) -> languages whose country/organisation names a text of ``lang`` uses
    VocabularyGaps: counts documents without vocabulary during a run; ``message()`` is the line
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bilateral.deadline import loader
from bilateral.kb import load_yaml

DATA_FILE = "languages.yaml"


@loader(maxsize=1)
def vocabulary_languages() -> tuple[str, ...]:
    """Codes of the languages with vocabulary, in file order."""
    return tuple(str(x) for x in load_yaml(DATA_FILE)["vocabulary"])


def has_vocabulary(lang: str | None) -> bool:
    """True when events can be extracted from a text in ``lang`` (None, unknown, is English)."""
    return (lang or "en") in vocabulary_languages()


@loader
def name_languages(lang: str) -> tuple[str, ...]:
    """The languages whose name rows are looked up in a text of ``lang``: its own, then the
    ones ``also_names`` lists for it (for a language without vocabulary: the default)."""
    also = load_yaml(DATA_FILE).get("also_names") or {}
    extra = also.get(lang)
    if extra is None:
        extra = [] if has_vocabulary(lang) else also.get("default") or []
    return (lang,) + tuple(str(x) for x in extra if x != lang)


@dataclass
class VocabularyGaps:
    """Documents of one run whose language has no vocabulary, counted by language."""

    counts: Counter = field(default_factory=Counter)

    def add(self, lang: str | None) -> None:
        if not has_vocabulary(lang):
            self.counts[lang] += 1

    def message(self) -> str | None:
        """The warning line (without the ``bilateral:`` prefix), or None when there is none."""
        total = sum(self.counts.values())
        if not total:
            return None
        parts = ", ".join(f"{lang}: {n}" for lang, n in
                          sorted(self.counts.items(), key=lambda kv: (-kv[1], str(kv[0]))))
        noun = "document" if total == 1 else "documents"
        return (f"{total} {noun} in languages without vocabulary ({parts}): "
                f"no events extracted from them")
