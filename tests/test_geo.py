"""The geographic knowledge base: states, organisations, places (bilateral.resolve.geo)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.resolve.geo import (capital_of, country_code, country_name, country_of_place,
                                   find_countries, find_organizations, find_places, lookup_place)
from conftest import shared_path


def codes(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(m.surface, m.code, m.kind) for m in find_countries(text, lang)]


# ----------------------------------------------------------------- countries: inflection

def test_german_genitives_and_old_names():
    found = codes("Die Exporte Kasachstans und Weißrusslands wuchsen, sagte ein Sprecher "
                  "Deutschlands.", "de")
    assert ("Kasachstans", "KZ", "name") in found
    assert ("Weißrusslands", "BY", "name") in found
    assert ("Deutschlands", "DE", "name") in found


def test_german_adjective_compounds_give_one_mention_per_part():
    text = "Die belarussisch-kasachischen Gespräche und die usbekisch-kasachischen Verträge."
    found = codes(text, "de")
    assert found == [("belarussisch", "BY", "compound"), ("kasachischen", "KZ", "compound"),
                     ("usbekisch", "UZ", "compound"), ("kasachischen", "KZ", "compound")]
    first = find_countries(text, "de")[0]
    assert text[first.start:first.end] == "belarussisch"  # offsets of the part


def test_german_adjective_endings_and_sentence_initial_capital():
    found = codes("Kasachische Diplomaten trafen den kasachischen Botschafter; eine "
                  "belarussische Delegation.", "de")
    assert [c for _, c, _ in found] == ["KZ", "KZ", "BY"]
    assert all(k == "adjective" for _, _, k in found)


def test_russian_case_forms_of_names():
    found = codes("Между Казахстаном и Белоруссией; в Казахстане, России и Россией, "
                  "Соединенных Штатов.", "ru")
    assert ("Казахстаном", "KZ", "name") in found
    assert ("Белоруссией", "BY", "name") in found  # old name
    assert ("Казахстане", "KZ", "name") in found
    assert ("Россией", "RU", "name") in found
    assert ("Соединенных Штатов", "US", "name") in found


def test_russian_adjective_compounds():
    found = codes("Казахстанско-белорусские и российско-китайские отношения.", "ru")
    assert found == [("Казахстанско", "KZ", "compound"), ("белорусские", "BY", "compound"),
                     ("российско", "RU", "compound"), ("китайские", "CN", "compound")]


def test_russian_adjectives_and_demonyms_inflect():
    found = codes("казахстанской стороной; казахстанцы и узбекистанцев; белорусскому лидеру", "ru")
    assert [(c, k) for _, c, k in found] == [("KZ", "adjective"), ("KZ", "demonym"),
                                             ("UZ", "demonym"), ("BY", "adjective")]


def test_english_compounds_and_combining_forms():
    found = codes("Kazakh-Uzbek talks, Belarus-Kazakhstan ties and the Sino-Russian summit.", "en")
    assert [(c, k) for _, c, k in found] == [("KZ", "compound"), ("UZ", "compound"),
                                             ("BY", "compound"), ("KZ", "compound"),
                                             ("CN", "compound"), ("RU", "compound")]
    # a combining form without a state after it is no state
    assert codes("The Indo-Pacific strategy.", "en") == []


def test_english_and_french_demonyms_and_official_names():
    assert ("Kazakhs", "KZ", "demonym") in codes("Kazakhs and Belarusians voted.", "en")
    assert ("Belarusians", "BY", "demonym") in codes("Kazakhs and Belarusians voted.", "en")
    assert [c for _, c, _ in codes("Türkiye, Turkey, Czechia, the UK and the USA", "en")] == \
        ["TR", "TR", "CZ", "GB", "US"]
    assert [c for _, c, _ in codes("La Biélorussie et les Russes; l'Élysée.", "fr")] == \
        ["BY", "RU", "FR"]


# ----------------------------------------------------------------- countries: metonyms, EU

def test_capitals_as_metonyms_including_renamed_ones():
    assert codes("Minsk und Nur-Sultan vereinbarten neue Projekte.", "de") == \
        [("Minsk", "BY", "capital"), ("Nur-Sultan", "KZ", "capital")]
    assert [c for _, c, _ in codes("Moscow and Beijing; Washington; the Kremlin.", "en")] == \
        ["RU", "CN", "US", "RU"]
    assert [c for _, c, _ in codes("Москва и Пекин; Астана и Кремль; в Нур-Султане", "ru")] == \
        ["RU", "CN", "KZ", "RU", "KZ"]
    assert [c for _, c, _ in codes("Kiew, Kyiv, Киев", "de")] == ["UA", "UA", "UA"]


def test_brussels_is_the_eu_and_the_eu_is_a_party():
    assert codes("Brussels and the EU answered.", "en") == \
        [("Brussels", "EU", "capital"), ("EU", "EU", "name")]
    assert ("Евросоюз", "EU", "name") in codes("Евросоюз и ЕС", "ru")
    assert ("Europäischen Union", "EU", "name") in codes("in der Europäischen Union", "de")


# ----------------------------------------------------------------- countries: false positives

def test_no_match_inside_longer_words():
    assert codes("Chinatown, Malinowski and Irantastic", "en") == []
    assert [c for _, c, _ in codes("Romanian Nigerians", "en")] == ["RO", "NG"]  # not OM, NE
    assert codes("Chinarestaurant und Russlanddeutsche", "de") == []


def test_case_matters_for_names():
    assert codes("turkey for dinner; tell us more; china plates", "en") == []


def test_blocking_phrases_and_context_veto():
    assert codes("New Jersey, New Mexico and George Washington.", "en") == []
    far = " filler" * 40
    assert codes("Voters in Atlanta, Georgia." + far, "en") == []
    assert codes("Georgia and Russia fought in 2008." + far, "en") == [("Georgia", "GE", "name"),
                                                                        ("Russia", "RU", "name")]


def test_country_name_and_code_lookups():
    assert country_name("KZ", "de") == "Kasachstan"
    assert country_name("XK") == "Kosovo"
    assert country_code("Weißrussland", "de") == "BY"
    assert country_code("Казахстаном", "ru") == "KZ"


# ----------------------------------------------------------------- organisations

def test_organisations_in_four_languages():
    def orgs(text: str, lang: str) -> list[tuple[str, str]]:
        return [(m.code, m.kind) for m in find_organizations(text, lang)]

    assert orgs("Die OSZE und die Eurasische Wirtschaftsunion (EAWU).", "de") == \
        [("OSCE", "organization"), ("EAEU", "organization"), ("EAEU", "organization")]
    assert orgs("Страны ЕАЭС, ОБСЕ и Евразийского экономического союза.", "ru") == \
        [("EAEU", "organization"), ("OSCE", "organization"), ("EAEU", "organization")]
    assert orgs("Sitzung des Obersten Eurasischen Wirtschaftsrates", "de") == [("EAEU", "summit")]
    assert orgs("заседание Высшего Евразийского экономического совета", "ru") == [("EAEU", "summit")]
    assert orgs("The Supreme Eurasian Economic Council met.", "en") == [("EAEU", "summit")]
    assert orgs("Die Vereinten Nationen, die GUS, die OVKS und die SOZ.", "de") == \
        [("UN", "organization"), ("CIS", "organization"), ("CSTO", "organization"),
         ("SCO", "organization")]
    assert orgs("The UN Security Council and the UN.", "en") == \
        [("UNSC", "organization"), ("UN", "organization")]
    assert orgs("L'OTAN et l'Union européenne.", "fr") == \
        [("NATO", "organization"), ("EU", "organization")]


# ----------------------------------------------------------------- places

def test_renamed_and_exonym_places():
    assert lookup_place("Нур-Султан").geonameid == 1526273
    assert lookup_place("Akmola").geonameid == 1526273
    assert lookup_place("Brüssel").geonameid == 2800866
    assert lookup_place("Jerewan").geonameid == 616052
    assert lookup_place("Ереван").geonameid == 616052
    assert lookup_place("Alma-Ata").geonameid == 1526384
    assert lookup_place("Алматы").geonameid == 1526384
    assert lookup_place("Taschkent").name == "Tashkent"


def test_place_tie_broken_by_population():
    # London, Ontario and Birmingham, Alabama lose to the larger English cities
    assert lookup_place("London").country == "GB"
    assert lookup_place("Birmingham").country == "GB"


def test_places_in_russian_and_german_case_forms():
    found = [(m.surface, m.name) for m in
             find_places("Переговоры в Москве, Ташкенте, Астане и Минске.", "ru")]
    assert found == [("Москве", "Moscow"), ("Ташкенте", "Tashkent"), ("Астане", "Astana"),
                     ("Минске", "Minsk")]
    found = [(m.name, m.is_capital) for m in find_places("Treffen in Brüssel, dann nach "
                                                         "Taschkent und Nur-Sultan.", "de")]
    assert found == [("Brussels", True), ("Tashkent", True), ("Astana", True)]


def test_places_skip_common_words_country_names_and_lowercase():
    assert find_places("Nice to see you. Most people agree; Reading is fun.", "en") == []
    assert find_places("Kuwait and Singapore signed.", "en") == []  # the states, not the cities
    assert find_places("in der Mitte, am Ende; кому и думаю", "de") == []
    assert find_places("moscow", "en") == []


def test_all_caps_datelines():
    found = find_places("МОСКВА, 5 марта. MOSCOW (Reuters) -", "ru")
    assert [m.geonameid for m in found] == [524901, 524901]


def test_capitals_and_country_of_place():
    assert capital_of("KZ").geonameid == 1526273
    assert capital_of("DE").name == "Berlin"
    assert country_of_place("Нур-Султане") == "KZ"
    assert country_of_place(2800866) == "BE"


# ----------------------------------------------------------------- corpus recall and speed

GOLD_COUNTRIES = {
    "GPE-USA": "US", "GPE-Russia": "RU", "GPE-Ukraine": "UA", "GPE-Great-Britain": "GB",
    "GPE-Germany": "DE", "GPE-Pakistan": "PK", "GPE-China": "CN", "GPE-Spain": "ES",
    "GPE-Belgium": "BE", "GPE-Italy": "IT", "GPE-Holland": "NL", "GPE-Portugal": "PT",
    "GPE-France": "FR", "GPE-Sweden": "SE", "GPE-Poland": "PL", "GPE-Ireland": "IE",
    "GPE-Canada": "CA", "GPE-Iran": "IR", "GPE-Denmark": "DK", "GPE-Austria": "AT",
    "GPE-Belarus": "BY", "GPE-Israel": "IL", "GPE-Colombia": "CO", "GPE-Turkey": "TR",
    "GPE-Japan": "JP", "GPE-Lithuania": "LT", "GPE-Afghanistan": "AF", "GPE-Mexico": "MX",
    "GPE-Finland": "FI", "GPE-Romania": "RO", "GPE-Latvia": "LV", "GPE-Brazil": "BR",
    "GPE-Kazakhstan": "KZ", "GPE-India": "IN", "GPE-Australia": "AU", "GPE-Estonia": "EE",
    "GPE-North-Korea": "KP", "GPE-Hungary": "HU", "GPE-Syria": "SY", "GPE-Switzerland": "CH",
    "GPE-Bulgaria": "BG", "GPE-Argentina": "AR", "GPE-Serbia": "RS", "GPE-Slovakia": "SK",
    "GPE-Saudi-Arabia": "SA", "GPE-Moldova": "MD", "GPE-Greece": "GR", "GPE-Norway": "NO",
    "GPE-South-Korea": "KR", "GPE-Czech-Republic": "CZ", "GPE-Georgia": "GE",
}


def _slavicner_docs() -> list[tuple[str, list[tuple[int, int, str]]]]:
    root = shared_path("corpora", "slavicner_ru")
    docs = []
    for tsv in sorted(Path(root).glob("ner/*/ru/*.tsv")):
        raw = root / "raw" / tsv.parts[-3] / "ru" / (tsv.stem + ".txt")
        if not raw.exists():
            continue
        gold = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) >= 6 and f[5] in GOLD_COUNTRIES:
                gold.append((int(f[0]), int(f[1]), GOLD_COUNTRIES[f[5]]))
        docs.append((raw.read_text(encoding="utf-8"), gold))
    return docs


def test_recall_on_slavicner_gold_countries():
    """Gold GPE mentions of states (names, adjectives, demonyms in any case) in Russian news:
    measured 0.9925 (8498 / 8562) when written."""
    docs = _slavicner_docs()
    total = hit = 0
    for text, gold in docs:
        found = find_countries(text, "ru")
        for start, end, code in gold:
            total += 1
            hit += any(m.code == code and m.start < end and start < m.end for m in found)
    assert total > 5000
    recall = hit / total
    print(f"slavicner_ru country recall {recall:.4f} ({hit}/{total})")
    assert recall >= 0.95


@pytest.mark.parametrize("lang", ["en", "de", "ru", "fr", "kk"])
def test_every_language_builds_and_empty_text(lang):
    assert find_countries("", lang) == []
    assert find_organizations("", lang) == []
    assert find_places("", lang) == []


# ----------------------------------------------------------------- every state, old names, groups

def _found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.surface, m.code) for m in find_countries(text, lang)]


def test_adjectives_and_plural_demonyms_of_states_beyond_the_big_ones():
    text = ("Fijian rebels, Ugandan troops, Rwandan exiles, Algerians, Nigerians, a Liberian "
            "ship, Burundian militiamen, Congolese refugees, Zambian voters, Kampuchean camps, "
            "Sierra Leonean officials, Ghanaians and a Papua New Guinean minister.")
    assert _found(text, "en") == [
        ("Fijian", "FJ"), ("Ugandan", "UG"), ("Rwandan", "RW"), ("Algerians", "DZ"),
        ("Nigerians", "NG"), ("Liberian", "LR"), ("Burundian", "BI"), ("Congolese", "CD"),
        ("Zambian", "ZM"), ("Kampuchean", "KH"), ("Sierra Leonean", "SL"), ("Ghanaians", "GH"),
        ("Papua New Guinean", "PG")]
    # Nigerien (Niger) is not Nigerian (Nigeria); the longest form wins ("Equatorial Guinean")
    assert _found("Nigerien and Equatorial Guinean envoys", "en") == [("Nigerien", "NE"),
                                                                      ("Equatorial Guinean", "GQ")]


def test_adjectives_and_demonyms_in_german_russian_french():
    assert _found("Die ugandischen Truppen und Kongolesen trafen Ruander in Sambia.", "de") == [
        ("ugandischen", "UG"), ("Kongolesen", "CD"), ("Ruander", "RW"), ("Sambia", "ZM")]
    assert _found("угандийские военные и руандийского президента", "ru") == [
        ("угандийские", "UG"), ("руандийского", "RW")]
    assert _found("les soldats ougandais et la présidente rwandaise", "fr") == [
        ("ougandais", "UG"), ("rwandaise", "RW")]


def test_every_state_has_an_english_adjective_or_demonym():
    """Coverage of the hand-made table: all 193 UN members and the observers (minus the few
    whose adjective is their name, e.g. Liechtenstein, Solomon Islands)."""
    from bilateral.kb import load_tsv
    with_adj = {r["code"] for r in load_tsv("countries_forms.tsv")
                if r["lang"] == "en" and r["kind"] in ("adjective", "demonym")}
    assert len(with_adj) >= 190
    for code in ("FJ", "UG", "RW", "DZ", "NG", "LR", "BI", "CD", "ZM", "KH", "TD", "SO", "HT"):
        assert code in with_adj


def test_old_names_map_to_the_successor_state():
    text = ("Kampuchea, Zaire, Burma, Ceylon, Rhodesia and Dahomey; Soviet troops left the "
            "Soviet Union; Yugoslavia and East Germany.")
    assert [c for _, c in _found(text, "en")] == ["KH", "CD", "MM", "LK", "ZW", "BJ", "RU", "RU",
                                                 "RS", "DE"]
    assert _found("Советского Союза и Югославии", "ru") == [("Советского Союза", "RU"),
                                                             ("Югославии", "RS")]
    assert _found("die Sowjetunion und Jugoslawien", "de") == [("Sowjetunion", "RU"),
                                                               ("Jugoslawien", "RS")]


def test_regions_named_after_old_states_are_not_states():
    # the former Soviet Union / Yugoslavia are regions; FYROM is North Macedonia
    assert _found("post-Soviet states and the former Soviet Union", "en") == []
    assert _found("refugees from the former Yugoslavia", "en") == []
    assert _found("the Former Yugoslav Republic of Macedonia", "en") == [
        ("Former Yugoslav Republic of Macedonia", "MK")]
    assert _found("in der ehemaligen Sowjetunion", "de") == []
    assert _found("в бывшем СССР", "ru") == []


def test_territories_and_quasi_states():
    text = ("Gaza Strip, the West Bank, East Jerusalem, the Palestinian Authority, Kosovo, "
            "Taiwan, Hong Kong, Western Sahara, Northern Ireland, Northern Cyprus")
    assert [c for _, c in _found(text, "en")] == ["PS", "PS", "PS", "PS", "XK", "TW", "HK", "EH",
                                                 "GB", "CY"]
    assert _found("im Gazastreifen und im Westjordanland", "de") == [("Gazastreifen", "PS"),
                                                                     ("Westjordanland", "PS")]
    assert _found("в секторе Газа", "ru") == [("секторе Газа", "PS")]
    # "Turkish Cypriot" is one Cypriot, not Turkey + Cyprus
    assert _found("the Turkish Cypriot leader", "en") == [("Turkish Cypriot", "CY")]


def test_groups_coded_with_their_state():
    found = find_countries("Hamas and Hezbollah, the Taliban and the Pakistani Taliban, Houthis", "en")
    assert [(m.surface, m.code, m.kind) for m in found] == [
        ("Hamas", "PS", "group"), ("Hezbollah", "LB", "group"), ("Taliban", "AF", "group"),
        ("Pakistani Taliban", "PK", "group"), ("Houthis", "YE", "group")]
    assert _found("переговоры с талибами и ХАМАС", "ru") == [("талибами", "AF"), ("ХАМАС", "PS")]
    assert _found("Die Hisbollah feuerte Raketen ab.", "de") == [("Hisbollah", "LB")]
    # Kataib Hezbollah is an Iraqi militia, not Lebanon's Hezbollah
    assert _found("Angriffe auf die Hisbollah-Brigaden im Irak", "de") == [
        ("Hisbollah-Brigaden", "IQ"), ("Irak", "IQ")]


def test_us_state_georgia_and_given_names():
    assert _found("Georgia House Bill 481 bans abortions after six weeks.", "en") == []
    assert _found("Georgia's governor signed the bill in Atlanta.", "en") == []
    assert _found("Georgia's prime minister flew from Tbilisi to Brussels.", "en") == [
        ("Georgia", "GE"), ("Tbilisi", "GE"), ("Brussels", "EU")]
    # Chad and Jordan are also first names
    assert _found("Chad Johnson scored twice; Jordan Henderson too.", "en") == []
    assert _found("Nigeria will withdraw its troops from Chad. Chad President Deby agreed.", "en") == [
        ("Nigeria", "NG"), ("Chad", "TD"), ("Chad", "TD")]


def test_currency_and_english_titles_are_not_states():
    assert _found("He embezzled US $50 million and 2 million U.S. dollars.", "en") == []
    assert _found("Der Preis stieg auf 100 US-Dollar, sagte der US-Präsident.", "de") == [
        ("US", "US")]
    # an English title in a German text is no mention of Iceland
    assert _found("Die Moderatorin von Love Island reiste nach Island.", "de") == [("Island", "IS")]
    # Russian words that are case forms of state names
    assert _found("Самое время. Того же мнения и президент Того.", "ru") == [("Того", "TG")]


def test_places_skip_acronyms_german_nouns_and_names():
    assert find_places("The International Labour Office (ILO) said", "en") == []
    assert [p.geonameid for p in find_places("BERLIN, 5. März (dpa) -", "de")] == [2950159]
    assert find_places("Wanderer in den Bergen nach großen Leiden", "de") == []
    assert find_places("aus einem viel größeren Reservoir schöpfen", "de") == []


def test_more_international_organisations():
    found = find_organizations("The Red Cross, the ILO and the World Food Programme", "en")
    assert [o.code for o in found] == ["ICRC", "ILO", "WFP"]


def test_capital_in_the_name_of_a_paper_team_or_treaty_is_no_state() -> None:
    """"Ottawa Senators", "Washington Post", "Minsk Agreements" name things; "Moscow warned" and a
    title-case headline "Moscow Warns Kyiv" still stand for the states."""
    def codes(text: str, lang: str = "en") -> list[str]:
        return [m.code for m in find_countries(text, lang)]

    assert codes("The Pittsburgh Penguins beat the visiting Ottawa Senators 5-2.") == []
    assert codes("The Washington Post reported the talks.") == []
    assert codes("Both sides referred to the Minsk Agreements.") == []
    assert codes("Beide Seiten beriefen sich auf das Minsk Abkommen.", "de") == []
    assert codes("Moscow warned Kyiv on Monday.") == ["RU", "UA"]
    assert codes("Moscow Warns Kyiv Over Drone Strikes") == ["RU", "UA"]


def test_a_city_name_after_a_building_word_names_the_building() -> None:
    found = [(p.surface, p.country) for p in find_places(
        "Am 3. Mai fand im Schloss Bellevue in Berlin ein Gespräch statt.", "de")]
    assert found == [("Berlin", "DE")]
    assert [p.country for p in find_places("They met at the Hotel Astana in Berlin.", "en")] == ["DE"]
