"""Languages in one place: what generic code may ask about a language.

Why: a language used to be spread over the code as ``if lang == "en"`` branches; a newcomer
adding one had to find them all. Each language's traits live in ``data/languages.yaml``
(``profiles``: one entry per language code, ``default`` for the rest), read into one
``Language`` object; generic code asks it (``language("en").case_sensitive_cues``) instead of
testing the code. Its word lists stay in the knowledge files, one section per language.

Adding a language: its code in ``vocabulary`` and, where it differs from ``default``, a profile
in ``data/languages.yaml``; its sections in the knowledge files; a test of its texts.

Public:
    Language                    the traits of one language (frozen)
    language(code) -> Language  by ISO 639-1 code; None or an unknown code: the default traits
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from bilateral.kb import load_yaml

DATA_FILE = "languages.yaml"


@dataclass(frozen=True)
class Language:
    """What differs between languages in the generic code (each trait says why it exists)."""

    code: str
    # NER model run on the few sentences that may name an unknown person: "spacy" (its small
    # English pipeline), "natasha" (natasha's Russian news NER) or None (rules only)
    ner: str | None = None
    # dependency parser that finds a verb's subject: "spacy" or None (word order rules only)
    parser: str | None = None
    # future/background cue lists match case: English "May" the month is no "may"
    case_sensitive_cues: bool = False
    # ending of participles that modify the main verb ("..., demanding that"): a speech-act
    # trigger so ended is background unless an auxiliary stands before it (English "-ing")
    modifier_participle: str | None = None
    # nouns are written with a capital: a capital after an abbreviation that may end a sentence
    # does not show a new one (German)
    capitalised_nouns: bool = False
    # a capitalised word right before a surname is someone else's first name ("Hunter Biden"):
    # the titles and stop words that stand there are listed for the language (with
    # ``capitalised_nouns``: only at the start of a sentence); otherwise only first names the
    # knowledge base knows count
    first_name_by_capital: bool = False
    # a role phrase without an article names the office holder ("президент заявил"); otherwise
    # it needs a definite article (the, der, le ...) to refer back to one
    bare_role_is_definite: bool = False
    # how the language inflects the names, adjectives and demonyms of states when its inflection
    # is not described as suffix rules in data/inflection.yaml: one of the morphologies written
    # in resolve/geo_inflect.py ("english" leaves names as they are and adds plural demonyms)
    place_morphology: str = "english"
    # a date in digits is read month first ("5/3/2019" is May 3) unless the day cannot be a month
    month_first_dates: bool = False
    # a morphological dictionary of the language (pymorphy3 for Russian) tells a name from the
    # common nouns, function words and place adjectives around it (resolve/titles.py)
    dictionary_morphology: bool = False
    # the subject may follow the verb and is then told by its case: a state name in the
    # nominative right after the verb is the subject (extract/participants.py)
    subject_by_case: bool = False


@lru_cache(maxsize=None)
def language(code: str | None) -> Language:
    """The traits of the language ``code`` (ISO 639-1, lower case as everywhere in the
    pipeline); a code without a profile gets the ``default`` one under its own code."""
    code = code or "en"
    profiles = load_yaml(DATA_FILE).get("profiles") or {}
    known = {f.name for f in fields(Language)} - {"code"}
    traits: dict = {}
    for key in ("default", code):
        entry = profiles.get(key) or {}
        unknown = set(entry) - known
        if unknown:
            raise ValueError(f"{DATA_FILE}: profiles.{key} has unknown traits {sorted(unknown)}")
        traits.update(entry)
    return Language(code=code, **traits)
