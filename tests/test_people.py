"""People: knowledge-base names with inflections, role phrases resolved at a date, unknown
people next to roles, transliteration. Sentences are written for these tests."""
from __future__ import annotations

import glob
import os
import time

import pytest

from bilateral import pipeline
from bilateral.models import CountryMention, Document, Sentence
from bilateral.resolve import people as people_module
from bilateral.resolve.name_order import family_name_first
from bilateral.resolve.names import canonical_person
from bilateral.resolve.people import find_people
from bilateral.resolve.translit import to_latin
from conftest import shared_path


def cm(text: str, surface: str, code: str, kind: str, nth: int = 0) -> CountryMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return CountryMention(start, start + len(surface), surface, code=code, kind=kind)


def people(text: str, lang: str, countries=(), published: str | None = None):
    doc = Document("t", "t", text, text, language=lang, published=published)
    return find_people(doc, [Sentence(0, 0, len(text), text)], list(countries))


def names(ps, role_only: bool | None = None):
    return [p.name for p in ps if role_only is None or p.from_role_only == role_only]


# ---------------------------------------------------------------- canonical names

@pytest.mark.parametrize("name,lang,expected", [
    ("Lukaschenko", "de", "Alexander Lukashenko"),
    ("Лукашенко", "ru", "Alexander Lukashenko"),
    ("Aleksandr Lukashenko", "en", "Alexander Lukashenko"),
    ("Tokajew", "de", "Kassym-Jomart Tokayev"),
    ("Kassym-Schomart Tokajew", "de", "Kassym-Jomart Tokayev"),
    ("Токаевым", "ru", "Kassym-Jomart Tokayev"),  # instrumental case
    ("Mirsijojew", "de", "Shavkat Mirziyoyev"),
    ("Мирзиёев", "ru", "Shavkat Mirziyoyev"),
    ("Selenskyj", "de", "Volodymyr Zelensky"),
    ("Erdogan", "de", "Recep Tayyip Erdoğan"),
    ("Василенко", "ru", "Vasilenko"),  # unknown: transliterated
    ("Сергея Елкина", "ru", "Sergey Yelkin"),  # genitive -> nominative; initial Е = Ye (Yeltsin)
])
def test_canonical_person(name, lang, expected):
    assert canonical_person(name, lang) == expected


def test_transliteration_bgn_like():
    assert to_latin("Мирзиёев") == "Mirziyoyev"
    assert to_latin("Зеленский") == "Zelensky"
    assert to_latin("Дмитрий Васильев") == "Dmitry Vasilyev"
    assert to_latin("Щукин") == "Shchukin"


# ---------------------------------------------------------------- inflections, bare surnames

def test_german_genitive_and_full_names():
    text = "Putins Sprecher bestätigte das Treffen mit Kassym-Schomart Tokajew in Astana."
    ps = people(text, "de")
    assert names(ps) == ["Vladimir Putin", "Kassym-Jomart Tokayev"]
    assert ps[0].surface == "Putins" and ps[0].country == "RU"


def test_russian_case_endings():
    text = ("Владимир Путин провел переговоры с Касым-Жомартом Токаевым. Токаеву показали "
            "завод, а Путина встретил Лукашенко.")
    ps = people(text, "ru")
    assert names(ps) == ["Vladimir Putin", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev",
                         "Vladimir Putin", "Alexander Lukashenko"]


def test_weak_surname_needs_full_name_in_english():
    # "May" is a month; Theresa May only when the article names her in full
    assert names(people("In May the talks resumed in Astana.", "en")) == []
    ps = people("Theresa May met the delegation. May said the talks went well.", "en")
    assert names(ps) == ["Theresa May", "Theresa May"]


def test_other_person_with_known_surname():
    # mid-sentence only: a capitalised sentence-initial word is not taken for a first name
    ps = people("The lawyers of Hunter Biden declined to comment on the case.", "en")
    assert "Joe Biden" not in names(ps)


# ---------------------------------------------------------------- role phrases at a date

def test_role_only_resolved_at_publication_date_de():
    text = "Der belarussische Staatschef empfing am Montag eine Delegation aus Kasachstan."
    cs = [cm(text, "belarussische", "BY", "adjective"), cm(text, "Kasachstan", "KZ", "name")]
    ps = people(text, "de", cs, published="2019-06-03")
    assert len(ps) == 1
    p = ps[0]
    assert (p.name, p.country, p.role, p.from_role_only) == ("Alexander Lukashenko", "BY", "President", True)
    assert p.surface == "belarussische Staatschef"


@pytest.mark.parametrize("published,expected", [
    ("2018-05-10", ["Nursultan Nazarbayev"]),
    ("2020-02-14", ["Kassym-Jomart Tokayev"]),
    ("2019-03", []),  # the month of the hand-over: no guess
])
def test_president_of_kazakhstan_at_date(published, expected):
    text = "The president of Kazakhstan opened the investment forum."
    cs = [cm(text, "Kazakhstan", "KZ", "name")]
    assert names(people(text, "en", cs, published=published)) == expected


def test_role_without_date_uses_name_in_document():
    text = ("Kazakh President Kassym-Jomart Tokayev arrived in Minsk. "
            "The president of Kazakhstan laid flowers at the memorial.")
    cs = [cm(text, "Kazakh", "KZ", "adjective"), cm(text, "Kazakhstan", "KZ", "name")]
    ps = people(text, "en", cs, published=None)
    assert names(ps) == ["Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"]
    assert ps[1].from_role_only and ps[0].role == "President"


def test_russian_glava_mid_and_leader():
    text = "Глава МИД России провел встречу с белорусским лидером."
    cs = [cm(text, "России", "RU", "name"), cm(text, "белорусским", "BY", "adjective")]
    ps = people(text, "ru", cs, published="2019-10-25")
    assert [(p.name, p.role, p.from_role_only) for p in ps] == [
        ("Sergey Lavrov", "Foreign Minister", True), ("Alexander Lukashenko", "President", True)]


def test_bare_role_refers_to_last_holder_in_article():
    text = ("Das erklärte der belarussische Präsident, Alexander Lukaschenko. "
            "Die Beziehungen seien gut, hob der Präsident hervor.")
    cs = [cm(text, "belarussische", "BY", "adjective")]
    ps = people(text, "de", cs, published="2019-10-25")
    assert names(ps) == ["Alexander Lukashenko", "Alexander Lukashenko"]
    assert ps[1].from_role_only and ps[1].surface == "Präsident"


def test_plural_roles_name_nobody():
    text = ("Die Staatschefs hörten Berichte der stellvertretenden Premierminister von "
            "Usbekistan und Kasachstan.")
    cs = [cm(text, "Usbekistan", "UZ", "name"), cm(text, "Kasachstan", "KZ", "name")]
    assert people(text, "de", cs, published="2024-03-29") == []


# ---------------------------------------------------------------- unknown people with roles

def test_unknown_german_person_with_genitive_country_and_bare_surname():
    text = ("Der stellvertretende Außenminister Georgiens, Lewan Dadiani, traf in Berlin "
            "ein. Dadiani sagte, die Gespräche seien offen gewesen.")
    cs = [cm(text, "Georgiens", "GE", "name")]
    ps = people(text, "de", cs, published="2023-05-02")
    assert [(p.name, p.country, p.role) for p in ps] == [
        ("Lewan Dadiani", "GE", "Deputy Foreign Minister"),
        ("Lewan Dadiani", "GE", "Deputy Foreign Minister")]
    assert ps[1].surface == "Dadiani"


def test_unknown_german_director_of_adjective_ministry():
    text = ("Der Generaldirektor für bilaterale Beziehungen des niederländischen "
            "Außenministeriums, Pieter van Damme, nahm an den Gesprächen teil.")
    cs = [cm(text, "niederländischen", "NL", "adjective")]
    ps = people(text, "de", cs, published="2023-05-02")
    assert [(p.name, p.country, p.role) for p in ps] == [
        ("Pieter van Damme", "NL", "Director General for Bilateral Relations")]


def test_unknown_english_people_next_to_roles():
    text = ("Kazakh Deputy Foreign Minister Akan Rakhmetullin met Jane Holloway, the British "
            "Ambassador, in Astana on Tuesday.")
    cs = [cm(text, "Kazakh", "KZ", "adjective"), cm(text, "British", "GB", "adjective")]
    ps = people(text, "en", cs, published="2023-05-02")
    got = {(p.name, p.country, p.role) for p in ps}
    assert ("Akan Rakhmetullin", "KZ", "Deputy Foreign Minister") in got
    assert ("Jane Holloway", "GB", "Ambassador") in got


def test_unknown_russian_person_transliterated():
    text = ("Заместитель министра иностранных дел Казахстана Роман Василенко заявил, что "
            "переговоры прошли успешно. Василенко также посетил Брюссель.")
    cs = [cm(text, "Казахстана", "KZ", "name")]
    ps = people(text, "ru", cs, published="2024-10-18")
    assert [(p.name, p.country, p.role) for p in ps][:2] == [
        ("Roman Vasilenko", "KZ", "Deputy Foreign Minister"),
        ("Roman Vasilenko", "KZ", "Deputy Foreign Minister")]


# ---------------------------------------------------------------- real articles (read, not copied)

def test_seed_003_people():
    from bilateral.resolve.geo import find_countries

    path = shared_path("seeds", "003_826dabc0ec13690a.txt")
    text = path.read_text(encoding="utf-8")
    ps = people(text, "de", find_countries(text, "de"), published="2024-10-20")
    got = {(p.name, p.country) for p in ps}
    assert ("Roman Vassilenko", "KZ") in got and ("Jeroen Cooreman", "BE") in got


def test_seed_000_role_mentions_resolve_to_lukashenko():
    from bilateral.resolve.geo import find_countries

    text = shared_path("seeds", "000_a6977bae0d2c32c3.txt").read_text(encoding="utf-8")
    ps = people(text, "de", find_countries(text, "de"), published="2019-10-25")
    role_only = [p for p in ps if p.from_role_only]
    assert role_only and all(p.name == "Alexander Lukashenko" for p in role_only)
    assert {"Alexander Lukashenko", "Kassym-Jomart Tokayev"} <= set(names(ps))


def _slavicner_eval(limit: int):
    root = shared_path("corpora", "slavicner_ru")
    from bilateral.resolve.names import fold, load_kb

    kb = load_kb()

    def kb_person(gid: str):
        toks = [fold(t) for t in gid[4:].split("-") if t]
        for p in kb.people.values():
            nt = [fold(t) for t in p.name.replace("-", " ").split()]
            if toks and toks[-1] == nt[-1] and toks[0][:1] == nt[0][:1]:
                return p
        return None

    gold_n = hit = kb_n = kb_ok = 0
    elapsed = 0.0
    files = sorted(glob.glob(str(root / "ner" / "*" / "ru" / "*.tsv")))[:limit]
    for f in files:
        topic = f.split(os.sep)[-3]
        raw = root / "raw" / topic / "ru" / (os.path.basename(f)[:-4] + ".txt")
        if not raw.exists():
            continue
        text = raw.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        ps = [p for p in people(text, "ru") if not p.from_role_only]
        elapsed += time.perf_counter() - t0
        for line in open(f, encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if len(c) < 6 or c[4] != "PER" or not c[5].startswith("PER-"):
                continue
            s, e = int(c[0]), int(c[1])
            if text[s:e] != c[2]:
                continue
            gold_n += 1
            ov = [p for p in ps if p.start < e and s < p.end]
            hit += bool(ov)
            kp = kb_person(c[5])
            if kp:
                kb_n += 1
                kb_ok += bool(ov) and ov[0].name == kp.name
    return gold_n, hit / gold_n, kb_ok / max(kb_n, 1), elapsed / max(len(files), 1)


def test_slavicner_russian_person_recall_floor():
    """Measured on all 876 documents: recall 0.846 (overlap), canonical name right for 0.97 of
    the gold spans of knowledge-base people."""
    gold_n, recall, kb_acc, _ = _slavicner_eval(150)
    assert gold_n > 500
    assert recall >= 0.75
    assert kb_acc >= 0.9


def test_slavicner_unknown_people_named_in_the_nominative():
    """People the knowledge base does not know: the canonical name of a found span equals the
    transliterated gold lemma (the nominative). All 876 documents: 0.697 before the case
    agreement rules, 0.947 after (exact spans)."""
    root = shared_path("corpora", "slavicner_ru")
    from bilateral.resolve.translit import to_latin

    n = ok = 0
    for f in sorted(glob.glob(str(root / "ner" / "*" / "ru" / "*.tsv")))[:200]:
        topic = f.split(os.sep)[-3]
        raw = root / "raw" / topic / "ru" / (os.path.basename(f)[:-4] + ".txt")
        if not raw.exists():
            continue
        text = raw.read_text(encoding="utf-8")
        ps = {(p.start, p.end): p for p in people(text, "ru") if not p.person_id}
        for line in open(f, encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if len(c) < 6 or c[4] != "PER":
                continue
            p = ps.get((int(c[0]), int(c[1])))
            if p is None or len(p.name.split()) != len(c[3].split()):
                continue
            n += 1
            ok += p.name == to_latin(c[3])
    assert n > 100
    assert ok / n >= 0.88


def test_unlisted_transliteration_of_a_known_name_resolves():
    """German spellings the knowledge base does not list still reach the canonical name:
    w/v, j/y, s/z, ch/kh, sch/sh and doubled letters are folded together."""
    from bilateral.resolve.names import canonical_person, translit_key

    assert canonical_person("Bachtijor Saidow", "de") == "Bakhtiyor Saidov"
    assert translit_key("Nasarbajew") == translit_key("Nazarbayev")
    assert translit_key("Wassilenko") == translit_key("Vasilenko")
    assert translit_key("Merz") != translit_key("März")


# ---------------------------------------------------------------- names are clean

from bilateral.resolve.names import ru_name_nominative  # noqa: E402
from bilateral.resolve.titles import clean_name, clean_span  # noqa: E402


def span_of(text: str, lang: str):
    c = clean_span(text, 0, len(text), lang)
    return None if c is None else (text[c.start:c.end], c.role)


@pytest.mark.parametrize("surface,lang,expected", [
    ("Асии Биби (", "ru", ("Асии Биби", None)),  # a bracket the NER span swallowed
    ("Асии Норин)", "ru", ("Асии Норин", None)),
    ("Ульрих Делиус (Ulrich Delius)", "ru", ("Ульрих Делиус", None)),  # the original spelling
    ("«Навальный", "ru", ("Навальный", None)),
    ("Philippe Coutinho MUNICH", "en", ("Philippe Coutinho", None)),  # a dateline
    ("Angela Merkel’s", "en", ("Angela Merkel", None)),
    ("George W. Bush", "en", ("George W. Bush", None)),  # an initial keeps its full stop
    ("Bill 481", "en", ("Bill", None)),  # "House Bill 481": a number ends a name
    ("Мухаммеда. Если вы", "ru", ("Мухаммеда", None)),  # the next sentence is no name
])
def test_clean_span_drops_punctuation_numbers_datelines(surface, lang, expected):
    assert span_of(surface, lang) == expected


@pytest.mark.parametrize("surface,lang,expected", [
    ("Папа Римский", "ru", None),  # a title and a place adjective: nobody by name
    ("Патриарх Московский", "ru", None),
    ("Патриарх Московский и всея Руси Кирилл", "ru", ("Кирилл", "Patriarch")),
    ("Ксендз Вальдемар Цисло", "ru", ("Вальдемар Цисло", "Priest")),
    ("Римский папа Бенедикт XVI", "ru", ("Бенедикт XVI", "Pope")),  # adjective first
    ("Христианка Асия Биби", "ru", ("Асия Биби", None)),  # a sentence-initial common noun
    ("Papst Franziskus", "de", ("Franziskus", "Pope")),
    ("Pope Francis", "en", ("Francis", "Pope")),
    ("Sheikh Tamim bin Hamad", "en", ("Tamim bin Hamad", "Sheikh")),
    ("Mr. Johnson", "en", ("Johnson", None)),  # an honorific gives no role
    ("Frau Baerbock", "de", ("Baerbock", None)),
    ("г-н Василенко", "ru", ("Василенко", None)),
])
def test_titles_are_roles_not_name_parts(surface, lang, expected):
    assert span_of(surface, lang) == expected


def test_clean_name_guard():
    assert clean_name("Asy Bibi (") == "Asy Bibi"
    assert clean_name("\"Ulrich Delius\",") == "Ulrich Delius"
    assert clean_name("Saif Muluk (Saif Mulook)") == "Saif Muluk"
    assert clean_name("J.D. Vance") == "J.D. Vance"


def test_title_in_russian_text_becomes_role():
    text = ("Патриарх Московский Кирилл заявил, что Россия поддерживает переговоры. "
            "Ксёндз Вальдемар Цисло заявил, что Пакистан должен освободить женщину.")
    ps = people(text, "ru", published="2019-01-10")
    got = [(p.name, p.role) for p in ps]
    assert ("Kirill", "Patriarch") in got and ("Valdemar Tsislo", "Priest") in got
    assert not any("Patriarkh" in p.name or "Ksendz" in p.name or "Moskovsky" in p.name
                   for p in ps)


def test_title_with_place_adjective_alone_is_nobody():
    text = "Папа Римский призвал власти Пакистана освободить женщину, заявил представитель."
    assert [p.name for p in people(text, "ru")] == []


# ---------------------------------------------------------------- Russian case forms

@pytest.mark.parametrize("words,expected", [
    ("Асии Биби", "Асия Биби"),  # -ии: a woman's genitive; Биби does not decline
    ("Асие Биби", "Асия Биби"),
    ("Асией Биби", "Асия Биби"),
    ("Азии Биби", "Азия Биби"),  # Азия is a continent to the dictionary, a name here
    ("Хадимом Хусейном Ризви", "Хадим Хусейн Ризви"),  # two words agree: instrumental
    ("Мамнуну Хусейну", "Мамнун Хусейн"),  # two unknown datives
    ("Майкла Гоува", "Майкл Гоув"),
    ("Ричарда Гренелла", "Ричард Гренелл"),
    ("Сергея Скрипаля", "Сергей Скрипаль"),
    ("Себастьяном Курцем", "Себастьян Курц"),
    ("Жан-Клоду Юнкеру", "Жан-Клод Юнкер"),
    ("Романа Абрамовича", "Роман Абрамович"),
    ("Юлию Навальную", "Юлия Навальная"),
    ("Ольги Скабеевой", "Ольга Скабеева"),
    # hard cases: nominatives that look oblique must stay
    ("Виктория Журавлева", "Виктория Журавлева"),  # not a man's genitive "Журавлев"
    ("Евгений Енин", "Евгений Енин"),  # not the plural "Енина"
    ("Джен Псаки", "Джен Псаки"),  # not the plural genitive of "Джена"
    ("Рашида Тлаиб", "Рашида Тлаиб"),  # Тлаиб cannot be a man's genitive
    ("Зарема Бутаева", "Зарема Бутаева"),
    ("Алла Дробинская", "Алла Дробинская"),
    ("Абид Раджа", "Абид Раджа"),
])
def test_russian_names_to_nominative(words, expected):
    assert " ".join(ru_name_nominative(words.split())) == expected


def test_agreeing_word_before_decides_gender():
    # "Асию" alone is a man's dative (Асий) or a woman's accusative (Асия)
    assert ru_name_nominative(["Асию", "Биби"], before="христианку") == ["Асия", "Биби"]
    assert ru_name_nominative(["Асию", "Биби"], before="осужденную") == ["Асия", "Биби"]


def test_one_name_per_unknown_person_in_an_article():
    text = ("Суд Пакистана оправдал христианку Асию Биби, заявил адвокат. "
            "Адвокат Асии Биби заявил, что она покинет страну. "
            "Асия Биби провела в тюрьме восемь лет, заявил представитель.")
    ps = [p for p in people(text, "ru", published="2019-01-30") if "Bibi" in p.name]
    assert len(ps) >= 3 and {p.name for p in ps} == {"Asiya Bibi"}


def test_transliteration_keeps_final_ii():
    assert to_latin("Асии") == "Asii"  # only a final -ий/-ый becomes -y
    assert to_latin("Зеленский") == "Zelensky"


# ---------------------------------------------------------------- other first names

@pytest.mark.parametrize("text,lang", [
    ("Hunter Biden said he would cooperate with the investigators in Washington.", "en"),
    ("The lawyers of Hunter Biden declined to comment. Biden said nothing.", "en"),
    ("Хантер Байден заявил, что будет сотрудничать со следствием.", "ru"),
    ("Hunter Biden sagte, er werde mit den Ermittlern zusammenarbeiten.", "de"),
])
def test_other_first_name_before_known_surname(text, lang):
    ps = people(text, lang, published="2021-05-01")
    assert "Joe Biden" not in names(ps)


@pytest.mark.parametrize("text,lang", [
    ("Yesterday Biden said he would veto the bill.", "en"),  # a sentence adverb, no name
    ("But Biden also called the Kazakh president.", "en"),
    ("Doch Biden telefonierte auch mit Scholz.", "de"),
    ("Die Regierung Biden kündigte neue Sanktionen an.", "de"),  # a German noun before it
    ("Сегодня Байден выступил в Конгрессе.", "ru"),
])
def test_words_before_a_surname_that_are_no_first_names(text, lang):
    assert "Joe Biden" in names(people(text, lang, published="2021-05-01"))


# ---------------------------------------------------------------- knowledge-base coverage

@pytest.mark.parametrize("name,lang,expected", [
    ("Museveni", "en", "Yoweri Museveni"),
    ("Mugabe", "de", "Robert Mugabe"),
    ("Bouteflika", "en", "Abdelaziz Bouteflika"),
    ("Gbagbo", "en", "Laurent Gbagbo"),
    ("Arafat", "de", "Yasser Arafat"),
    ("Olmert", "en", "Ehud Olmert"),
    ("Karzai", "en", "Hamid Karzai"),
    ("Musharraf", "en", "Pervez Musharraf"),
    ("Mubarak", "de", "Hosni Mubarak"),
    ("Gaddafi", "en", "Muammar Gaddafi"),
    ("Kofi Annan", "en", "Kofi Annan"),
    ("Пан Ги Мун", "ru", "Ban Ki-moon"),
    ("Мамнуном Хусейном", "ru", "Mamnoon Hussain"),
    ("Мицотакиса", "ru", "Kyriakos Mitsotakis"),
    ("Фицо", "ru", "Robert Fico"),
    ("Colin Powell", "en", "Colin Powell"),
    # German spellings generated from the Russian variant, typed nowhere
    ("Irakli Kobachidse", "de", "Irakli Kobakhidze"),
    ("Adylbek Kassymalijew", "de", "Adylbek Kasymaliev"),
    ("Dschoomart Otorbajew", "de", "Djoomart Otorbaev"),
])
def test_kb_coverage(name, lang, expected):
    assert canonical_person(name, lang) == expected


@pytest.mark.parametrize("text,lang,cs,published,expected", [
    ("The Greek prime minister arrived in Ankara.", "en", [("Greek", "GR", "adjective")],
     "2024-03-10", "Kyriakos Mitsotakis"),
    ("Der tschechische Regierungschef traf in Prag ein.", "de",
     [("tschechische", "CZ", "adjective")], "2022-05-10", "Petr Fiala"),
    ("The Kyrgyz foreign minister arrived in Minsk.", "en", [("Kyrgyz", "KG", "adjective")],
     "2015-05-10", "Erlan Abdyldaev"),
    ("The Egyptian foreign minister arrived in Moscow.", "en", [("Egyptian", "EG", "adjective")],
     "2019-05-10", "Sameh Shoukry"),
    ("The US secretary of state arrived in Moscow.", "en", [("US", "US", "name")],
     "2007-05-10", "Condoleezza Rice"),
])
def test_new_office_holders_resolve_at_a_date(text, lang, cs, published, expected):
    countries = [cm(text, s, code, kind) for s, code, kind in cs]
    assert names(people(text, lang, countries, published=published)) == [expected]


def test_office_change_month_is_not_guessed():
    # Pakistan's caretaker prime minister took over in August 2023
    text = "The Pakistani prime minister arrived in Beijing."
    cs = [cm(text, "Pakistani", "PK", "adjective")]
    assert names(people(text, "en", cs, published="2023-08")) == []


def test_kb_integrity():
    from bilateral.kb import load_yaml
    from bilateral.resolve.names import load_kb

    raw = load_yaml("leaders.yaml")
    ids = [r["id"] for r in raw["people"]]
    assert len(ids) == len(set(ids))
    kb = load_kb()
    assert len(kb.people) >= 400
    for p in kb.people.values():
        assert p.name == clean_name(p.name)
        for t in p.tenures:
            assert t.start[0] <= t.end[1], p.id
    assert kb.people["nato-stoltenberg"].country is None
    assert {t.country for t in kb.people["nl-rutte"].tenures} == {"NL", None}


@pytest.mark.parametrize("text,lang,absent", [
    ("Der Kurs des Euro fiel am Montag.", "de", "Sebastian Kurz"),  # no transliteration fallback
    ("Kurz vor dem Treffen in Wien sprachen die Minister.", "de", "Sebastian Kurz"),  # weak form
    ("Der Frieden in der Region ist brüchig.", "de", "Luc Frieden"),
    ("The SARS outbreak spread to AR and beyond.", "en", "Gideon Sa'ar"),  # acronyms
    ("Павел сказал, что уедет в Прагу.", "ru", "Petr Pavel"),  # a first name in Cyrillic
])
def test_common_words_are_not_new_kb_people(text, lang, absent):
    assert absent not in names(people(text, lang, published="2020-01-10"))


def test_title_in_a_language_without_role_data_is_no_first_name():
    text = "Cumhurbaşkanı Erdoğan, Ankara'da açıklama yaptı."
    assert names(people(text, "tr", published="2021-10-20")) == ["Recep Tayyip Erdoğan"]


def test_chinese_and_korean_people_get_the_family_name_first():
    """An outlet writing "Wentao Wang" means the person the others call "Wang Wentao"; a name
    already in that order, of two family names or of another state stays as written."""
    text = ("Chinese Commerce Minister Wentao Wang met Kazakh Trade Minister Arman Shakkaliyev "
            "and the Korean Ambassador Jae-sung Kim in Astana. Wang said trade was growing.")
    cs = [cm(text, "Chinese", "CN", "adjective"), cm(text, "Kazakh", "KZ", "adjective"),
          cm(text, "Korean", "KR", "adjective")]
    got = {(p.name, p.country) for p in people(text, "en", cs, published="2024-05-02")}
    assert ("Wang Wentao", "CN") in got
    assert ("Kim Jae-sung", "KR") in got
    assert ("Arman Shakkaliyev", "KZ") in got
    assert all(name != "Wentao Wang" for name, _ in got)


@pytest.mark.parametrize("name, country, expected", [
    ("Xingrui Ma", "CN", "Ma Xingrui"),
    ("Wang Wentao", "CN", "Wang Wentao"),   # already family name first
    ("Yi Wang", "CN", "Yi Wang"),           # two family names: the order cannot be told
    ("Yo-Yo Ma", "US", "Yo-Yo Ma"),         # another state's convention
    ("Ma Xiao Wei", "CN", "Ma Xiao Wei"),   # not two words
    ("Xingrui Ma", None, "Xingrui Ma"),
])
def test_family_name_first(name, country, expected):
    assert family_name_first(name, country) == expected


def test_warm_up_loads_the_ner_models_its_articles_do_not_need():
    """Workers forked after warm_up share the NER models instead of each loading its own, even
    when the warm-up articles name only people the knowledge base knows."""
    people_module._spacy.cache_clear()
    people_module._natasha.cache_clear()
    pipeline.warm_up()
    assert people_module._spacy.cache_info().currsize == 1
    assert people_module._natasha.cache_info().currsize == 1
