"""People, second part: the knowledge base first for Cyrillic names, the standard romanisation
of unknown names, names put in the nominative before romanising, non-people (parliaments,
poets) that are no actors, and same-surname people kept apart. Sentences are written here."""
from __future__ import annotations

import datetime as dt

import pytest

from bilateral.kb import data_path, load_yaml
from bilateral.models import Document
from bilateral.pipeline import analyse
from bilateral.resolve.names import canonical_person, parse_date_range
from bilateral.resolve.translit import to_latin


def people(text: str, lang: str, published: str = "2022-05-01"):
    doc = Document("t", "t", text, text, language=lang, published=published)
    return analyse(doc).people


def names(text: str, lang: str, published: str = "2022-05-01") -> list[str]:
    return [p.name for p in people(text, lang, published)]


# ---------------------------------------------------------------- romanisation: one standard

@pytest.mark.parametrize("cyr,latin", [
    ("Дмитрий Васильев", "Dmitry Vasilyev"),    # -ий -> y, soft sign dropped, е after ь -> ye
    ("Ельцин", "Yeltsin"),                      # initial е -> ye
    ("Объедков", "Obyedkov"),                   # hard sign dropped, е after it -> ye
    ("Щукин", "Shchukin"),
    ("Мирзиёев", "Mirziyoyev"),                 # е after ё -> ye (project rule)
    ("Юлія", "Yuliya"),                         # Ukrainian і mapped before the scheme
    ("Тоқаев", "Toqayev"),                      # Kazakh қ
    ("ЩУКИН", "SHCHUKIN"),                      # upper case kept
])
def test_standard_scheme(cyr, latin):
    assert to_latin(cyr) == latin


def test_non_cyrillic_text_is_kept():
    assert to_latin("Heiko Maas, 2021") == "Heiko Maas, 2021"


# ---------------------------------------------------------------- knowledge base before the scheme

@pytest.mark.parametrize("name,expected", [
    ("Хайко Маас", "Heiko Maas"),               # not "Khayko Maas"
    ("Хайко Мааса", "Heiko Maas"),              # genitive of a known person
    ("Анналену Бербок", "Annalena Baerbock"),        # accusative
])
def test_known_person_in_cyrillic_gets_canonical_name(name, expected):
    assert canonical_person(name, "ru") == expected


def test_known_person_in_a_russian_sentence():
    got = names("Министр иностранных дел Германии Хайко Маас прибыл в Москву.", "ru")
    assert got == ["Heiko Maas"]


# ---------------------------------------------------------------- nominative before romanising

def test_accusative_of_a_mans_name_in_a():
    # a man whose surname ends in -а declines like Фома: accusative -у
    got = names("МИД Белоруссии вызвал временного поверенного в делах Польши "
                "Кшиштофа Ожанну для вручения ноты протеста.", "ru")
    assert "Kshishtof Ozhanna" in got and "Kshishtof Ozhannu" not in got


# ---------------------------------------------------------------- non-people, non-actors

def test_parliament_is_no_person():
    got = names("Президент Таджикистана Эмомали Рахмон выступил перед депутатами Маджлиси Оли.",
                "ru")
    assert got == ["Emomali Rahmon"]


def test_parliament_in_latin_is_no_person():
    got = names("Speaker of the Jogorku Kenesh Nurlanbek Shakiev met President Sadyr Japarov.",
                "en")
    assert "Sadyr Japarov" in got and not any("Kenesh" in n for n in got)


def test_quoted_poet_is_no_actor():
    text = ("President Serdar Berdimuhamedov invited his guest to the 300th anniversary of the "
            "great poet Nurmurad Sazanov. The poet Nurmurad Sazanov wrote about friendship.")
    got = names(text, "en")
    assert "Serdar Berdimuhamedow" in got
    assert not any("Sazanov" in n for n in got)


def test_poet_in_russian():
    text = ("Как писал поэт Абай Кунанбаев, дружба народов вечна, заявил президент Казахстана "
            "Касым-Жомарт Токаев.")
    got = names(text, "ru")
    assert "Kassym-Jomart Tokayev" in got and not any("Kunanbayev" in n for n in got)


def test_politician_after_an_ordinary_adjective_stays():
    # "renowned" alone is no occupation: the minister stays an actor
    got = names("The renowned diplomat Sergey Lavrov met Foreign Minister Wang Yi.", "en",
                "2023-08-01")
    assert "Sergey Lavrov" in got and "Wang Yi" in got


# ---------------------------------------------------------------- same surname, different people

def test_bare_surname_after_a_namesake_named_in_full():
    text = ("Chairman of the Cabinet of Ministers Akylbek Japarov met the Chinese delegation. "
            "Japarov noted the growth of trade.")
    ps = people(text, "en", "2024-03-01")
    assert [p.name for p in ps if p.surface == "Japarov"] == ["Akylbek Japarov"]
    assert "Sadyr Japarov" not in [p.name for p in ps]


def test_bare_surname_in_russian_after_a_namesake():
    text = ("Председатель кабинета министров Акылбек Жапаров встретился с делегацией. "
            "Жапаров отметил рост торговли.")
    assert set(names(text, "ru", "2024-03-01")) == {"Akylbek Japarov"}


def test_role_word_keeps_the_other_namesake():
    text = "Akylbek Japarov met the delegation. President Japarov later received the guests."
    got = names(text, "en", "2024-03-01")
    assert got == ["Akylbek Japarov", "Sadyr Japarov"]


def test_bare_surname_alone_is_the_kb_default():
    assert names("Japarov noted the growth of trade with China.", "en", "2024-03-01") == \
        ["Sadyr Japarov"]


# ---------------------------------------------------------------- trade and economy ministers

@pytest.mark.parametrize("text,lang,published,expected,role", [
    ("The Turkish trade minister said exports would grow.", "en", "2024-03-01",
     "Ömer Bolat", "Trade Minister"),
    ("Der deutsche Wirtschaftsminister reist nach Kasachstan.", "de", "2023-05-10",
     "Robert Habeck", "Economy Minister"),
    # Germany has no trade minister of its own: the economy minister answers for it
    ("The German trade minister will travel to Kazakhstan.", "en", "2023-05-10",
     "Robert Habeck", "Trade Minister"),
    ("Глава Минэкономразвития России заявил о росте товарооборота.", "ru", "2023-05-10",
     "Maxim Reshetnikov", "Economy Minister"),
    ("Министр промышленности и торговли России выступил на форуме.", "ru", "2020-06-10",
     "Denis Manturov", "Trade Minister"),
    ("Le ministre de l'Économie de la France a reçu son homologue.", "fr", "2023-05-10",
     "Bruno Le Maire", "Economy Minister"),
])
def test_trade_and_economy_roles_resolve_at_the_date(text, lang, published, expected, role):
    ps = [p for p in people(text, lang, published) if p.from_role_only]
    assert [(p.name, p.role) for p in ps] == [(expected, role)]


def test_deputy_prime_minister_is_a_role_not_a_holder():
    ps = people("Deputy Prime Minister of Kazakhstan Serik Zhumangarin held talks.", "en",
                "2023-05-10")
    assert [(p.name, p.role) for p in ps] == [("Serik Zhumangarin", "Deputy Prime Minister")]
    assert names("The Kazakh deputy prime minister held talks.", "en", "2023-05-10") == []


def test_trade_role_before_a_new_tenure_resolves_to_nobody():
    # the knowledge base lists Turkey's trade ministers from 2018 only: no guess for 2015
    assert names("The Turkish trade minister said exports would grow.", "en", "2015-03-01") == []


# ---------------------------------------------------------------- the data file itself

def test_leaders_file_is_consistent():
    raw = load_yaml("leaders.yaml")
    header = data_path("leaders.yaml").read_text(encoding="utf-8").split("checked_until")[0]
    ids = [p["id"] for p in raw["people"]]
    assert len(ids) == len(set(ids))
    for p in raw["people"]:
        for r in p["roles"]:
            assert len(r) in (4, 5) and isinstance(r[0], str), (p["id"], r)
            assert r[1] in header, (p["id"], r[1])  # every office is documented
            start = parse_date_range(r[2])
            assert start is not None, (p["id"], r)
            if r[3] is not None:
                end = parse_date_range(r[3])
                assert end is not None and end[1] >= start[0], (p["id"], r)
            assert start[0] >= dt.date(1950, 1, 1)
    for a, b in raw.get("office_fallback", {}).items():
        assert a in header and b in header


# ---------------------------------------------------------------- French spellings (generated)

def test_french_transcription_generator():
    from bilateral.resolve.translit import to_french

    assert to_french("Шавкат Мирзиёев") == "Chavkat Mirzioïev"
    assert to_french("Касым-Жомарт Токаев") == "Kassym-Jomart Tokaïev"
    assert to_french("Никол Пашинян") == "Nikol Pachinian"
    assert to_french("Сергей Лавров") == "Sergueï Lavrov"


def test_french_press_spelling_finds_the_known_person():
    text = "Le président ouzbek Chavkat Mirzioïev a été reçu par Emmanuel Macron."
    assert names(text, "fr", "2023-11-22") == ["Shavkat Mirziyoyev", "Emmanuel Macron"]


# ---------------------------------------------------------------- 2000-2026: earlier holders

@pytest.mark.parametrize("text,lang,published,expected", [
    ("The Ukrainian prime minister arrived in Brussels.", "en", "2015-03-10", "Arseniy Yatsenyuk"),
    ("Der französische Außenminister reiste nach Moskau.", "de", "2013-06-10", "Laurent Fabius"),
    ("Президент Киргизии выступил с обращением.", "ru", "2007-06-10", "Kurmanbek Bakiyev"),
    ("Премьер-министр России провел совещание.", "ru", "2005-06-10", "Mikhail Fradkov"),
    ("Le président turc a reçu son homologue.", "fr", "2003-06-10", "Ahmet Necdet Sezer"),
])
def test_role_resolves_to_an_earlier_holder(text, lang, published, expected):
    ps = [p for p in people(text, lang, published) if p.from_role_only]
    assert [p.name for p in ps] == [expected]


def test_same_surname_earlier_pm_of_kazakhstan():
    # Daniyal and Serik Akhmetov, both prime ministers: the full name decides
    got = names("Prime Minister Daniyal Akhmetov met the delegation. Akhmetov said trade grew.",
                "en", "2005-03-01")
    assert got == ["Daniyal Akhmetov", "Daniyal Akhmetov"]


def test_father_and_son_presidents_share_a_surname():
    text = "Gurbanguly Berdimuhamedov arrived in Antalya. Berdimuhamedov met the Turkish president."
    got = names(text, "en", "2024-03-01")
    assert got[:2] == ["Gurbanguly Berdimuhamedow", "Gurbanguly Berdimuhamedow"]
    assert "Serdar Berdimuhamedow" not in got
    # alone, the bare surname is ambiguous in 2024 (both in office): nobody rather than a guess
    assert "Serdar Berdimuhamedow" not in names("Berdimuhamedov met Erdogan.", "en", "2024-03-01")


def test_spellings_with_and_without_the_y_between_vowels_are_one_key():
    from bilateral.resolve.names import translit_key

    # the standard scheme writes е after a vowel as "ye" (Торобаев -> Torobayev); many papers
    # write Torobaev: the linker and the knowledge-base fallback must see one name
    assert translit_key("Torobayev") == translit_key("Torobaev")
    assert translit_key("Mirziyoyev") == translit_key("Mirziyoev")
    assert translit_key("Bayramov") != translit_key("Baramov")
    assert canonical_person("Nursultan Nazarbaev", "en") == "Nursultan Nazarbayev"


def test_unlisted_spelling_of_the_own_first_name_is_no_other_person():
    # "Aleksander" is not listed for Lukashenko, but it is his first name, not a namesake's
    got = names("Il presidente bielorusso Aleksander Lukashenko ha incontrato Xi Jinping.", "it",
                "2023-03-01")
    assert got[:1] == ["Alexander Lukashenko"]
    # a different first name still makes a different person (Hunter Biden is not Joe Biden)
    assert "Joe Biden" not in names("Hunter Biden spoke to reporters.", "en", "2023-03-01")


@pytest.mark.parametrize("written, canonical", [
    ("Gurbanguly Berdimuhammadov", "Gurbanguly Berdimuhamedow"),  # vowels as an outlet heard them
    ("Berdymukhamedov", "Gurbanguly Berdimuhamedow"),
    ("Scott Morrisson", "Scott Morrison"),
])
def test_spellings_that_differ_only_in_vowels_find_the_known_person(written, canonical):
    assert canonical_person(written) == canonical


@pytest.mark.parametrize("written", ["Ambassador", "Lukas Sandmann", "Christopher Columbus"])
def test_short_or_unrelated_consonant_skeletons_find_nobody(written):
    assert canonical_person(written) == written
