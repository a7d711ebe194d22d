"""Language identification (ISO 639-1) for cleaned text, titles included.

py3langid 0.4 knows ~100 languages; on a headline of six words it will happily answer
Tagalog. So (1) the answer is limited to the languages in ``langid_hints.yaml``, and (2) a
few script rules decide first where letters are decisive and the statistics are not:
Kazakh (ә ұ һ, or қ ғ without Uzbek ў ҳ), Uzbek Cyrillic (ў with ҳ қ ғ), Ukrainian (ї є ґ),
Uzbek Latin (oʻ gʻ).
"""
from __future__ import annotations

import re
from typing import Any

from bilateral.deadline import loader
from bilateral.disk_cache import cached_build
from bilateral.kb import load_yaml

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@loader(maxsize=1)
def _hints() -> dict[str, Any]:
    return load_yaml("langid_hints.yaml")


@loader(maxsize=1)
def _identifier() -> Any:
    """The py3langid model, restricted to the candidate languages (loaded once: ~0.8 s, ~0.1 s from
    the disk cache)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE  # lazy: ~0.2 s; only detection needs it

    # kept on disk (disk_cache): decompressing the LZMA model is most of its load
    candidates = ",".join(_hints()["candidates"])  # what the model is restricted to: part of the key
    return cached_build("py3langid", [MODEL_DIR / MODEL_FILE], candidates, _build_identifier)


def _build_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # lazy, as above

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    known = set(ident.nb_classes)
    ident.set_languages([c for c in _hints()["candidates"] if c in known])
    return ident


@loader(maxsize=1)
def _uz_latin() -> re.Pattern[str]:
    return re.compile(r"[oOgG][" + re.escape(_hints()["uzbek_latin_marks"]) + r"]\w")


@loader(maxsize=1)
def _function_words() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in (_hints().get("function_words") or {}).items():
        for w in words:
            index.setdefault(str(w).lower(), []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


_TOKEN = re.compile(r"[^\W\d_]+(?:['ʻʼ’][^\W\d_]+)?")


def _function_word_votes(sample: str) -> dict[str, int]:
    """How many function words of each language the (short) text contains."""
    index = _function_words()
    votes: dict[str, int] = {}
    for tok in _TOKEN.findall(sample.lower()):
        for lang in index.get(tok, ()):
            votes[lang] = votes.get(lang, 0) + 1
    return votes


def _alphabetic_script(sample: str) -> bool:
    """Mostly Latin or Cyrillic letters (where the short-text candidate set applies)."""
    letters = _LETTER.findall(sample)
    if not letters:
        return False
    lc = len(_LATIN.findall(sample)) + len(_CYRILLIC.findall(sample))
    return lc * 2 >= len(letters)


def _script_rule(sample: str) -> str | None:
    low = sample.lower()
    head = low[:300]  # the script is clear from the start; the letter set uses the whole sample
    cyr = len(_CYRILLIC.findall(head))
    lat = len(_LATIN.findall(head))
    if cyr > lat:
        letters = set(low)
        for rule in _hints()["cyrillic"]:
            if not letters & set(rule["any_of"]):
                continue
            if rule.get("also_any_of") and not letters & set(rule["also_any_of"]):
                continue
            if rule.get("none_of") and letters & set(rule["none_of"]):
                continue
            return rule["lang"]
        return None
    if lat and _uz_latin().search(sample):
        return "uz"
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (its first ``sample_chars`` characters), None if no letters."""
    sample = text[: int(_hints().get("sample_chars", 1000))]
    if len(_LETTER.findall(sample, 0, 300)) < 3:
        return None
    rule = _script_rule(sample)
    if rule:
        return rule
    hints = _hints()
    if len(sample.strip()) <= int(hints.get("short_max_chars", 200)) and _alphabetic_script(sample):
        allowed = set(hints.get("short_candidates") or ())
        prior = hints.get("short_prior") or {}
        votes = _function_word_votes(sample)
        bonus = float(hints.get("function_word_bonus", 0.0))
        ranked = [(score + float(prior.get(lang, 0.0)) + bonus * votes.get(lang, 0), lang)
                  for lang, score in _identifier().rank(sample) if lang in allowed]
        if ranked:
            return max(ranked)[1]
    lang, _score = _identifier().classify(sample)
    return lang
