"""International organisations (and their summit bodies) mentioned in a text.

Knowledge: ``organizations.yaml`` (abbreviations matched case-sensitively in every language,
full names per language, summit bodies such as the Supreme Eurasian Economic Council mapped to
their organisation). German weak endings ("Eurasischen Wirtschaftsunion") and Russian case
forms ("Евразийского экономического союза") are generated once per language.
"""
from __future__ import annotations

from dataclasses import dataclass

from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.models import OrgMention
from bilateral.resolve import geo_inflect as inf
from bilateral.languages import name_languages
from bilateral.resolve.geo_match import PhraseIndex, Tokens


@dataclass(frozen=True)
class OrgEntry:
    code: str
    kind: str  # organization | summit


def _name_forms(name: str, lang: str) -> set[str]:
    """Case forms of an organisation's name listed for ``lang``: by its script (Cyrillic names
    decline like Russian ones) or as ``lang`` declines names ("Eurasischen Wirtschaftsunion")."""
    return (inf.written_morphology(name) or inf.place_morphology(lang)).phrase(name)


@loader
def org_index(lang: str) -> PhraseIndex[OrgEntry]:
    """Every surface form of every organisation for texts in ``lang`` (others: en + ru)."""
    langs = name_languages(lang)
    index: PhraseIndex[OrgEntry] = PhraseIndex()
    orgs = load_yaml("organizations.yaml")
    for org in orgs:  # names first: "UN Security Council" must beat "UN"
        for key, kind in (("summits", "summit"), ("names", "organization")):
            for row_lang in langs:
                for name in (org.get(key) or {}).get(row_lang) or []:
                    for form in _name_forms(str(name), row_lang):
                        index.add(form, OrgEntry(org["code"], kind))
    for org in orgs:
        for abbr in org.get("abbr") or []:
            index.add(str(abbr), OrgEntry(org["code"], "organization"))
    return index


def find_organizations(text: str, lang: str) -> list[OrgMention]:
    """Every mention of an international organisation; summit bodies come with kind "summit"
    and the organisation's code ("Высший Евразийский экономический совет" -> EAEU)."""
    if not text:
        return []
    toks = Tokens.of(text)
    return [OrgMention(m.start, m.end, text[m.start:m.end], code=m.value.code, kind=m.value.kind)
            for m in org_index(lang).find(toks)]


def org_codes() -> list[str]:
    """Canonical short names of every known organisation."""
    return [str(org["code"]) for org in load_yaml("organizations.yaml")]
