"""Languages beyond en/de/ru/fr: short reports written for these tests (not corpus texts) give
the right event type, states and date; documents in a language without vocabulary give no event
and are counted in one warning line per run."""
from __future__ import annotations

import subprocess

import pytest

from bilateral import pipeline
from bilateral.languages import VocabularyGaps, has_vocabulary, vocabulary_languages
from bilateral.models import RawDocument

from conftest import CLI_BIN

BIN = CLI_BIN


def events_of(text: str, lang: str, published: str | None = "2024-03-14"):
    """Events of one report; its language is detected, not given."""
    raw = RawDocument(doc_id=f"t-{lang}", source="test", text=text, published=published)
    result = pipeline.process(raw, doc_timeout=None)
    assert result.error is None, result.error
    assert result.document.language == lang
    return result.events


def only(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert found, [(e.type, e.countries) for e in events]
    return found[0]


# (language, meeting of two presidents with a date, phone call, signed agreement); published on
# Thursday 14 March 2024, so "on Tuesday" is 12 March and "yesterday" 13 March.
CASES = {
    "es": (
        "Putin y Tokáyev se reúnen en Moscú\n\nEl presidente ruso, Vladímir Putin, se reunió el "
        "martes con su homólogo kazajo, Kasim-Yomart Tokáyev, para hablar de la cooperación entre "
        "los dos países.",
        "El presidente del Gobierno español mantuvo ayer una conversación telefónica con el "
        "presidente francés Emmanuel Macron.",
        "Los ministros de Exteriores de Uzbekistán y Turquía firmaron el 10 de marzo de 2024 un "
        "acuerdo de cooperación en Ankara.",
    ),
    "it": (
        "Il presidente russo Vladimir Putin ha incontrato martedì a Mosca il presidente kazako "
        "Kassym-Jomart Tokayev per discutere della cooperazione economica.",
        "Il presidente del Consiglio italiano ha avuto ieri un colloquio telefonico con il "
        "presidente francese Emmanuel Macron.",
        "I ministri degli Esteri dell'Uzbekistan e della Turchia hanno firmato il 10 marzo 2024 un "
        "accordo di cooperazione ad Ankara.",
    ),
    "pt": (
        "O presidente russo, Vladimir Putin, reuniu-se na terça-feira em Moscou com o presidente do "
        "Cazaquistão, Kassym-Jomart Tokayev, para discutir a cooperação econômica.",
        "O primeiro-ministro português teve ontem uma conversa telefónica com o presidente francês "
        "Emmanuel Macron.",
        "Os chanceleres do Uzbequistão e da Turquia assinaram em 10 de março de 2024 um acordo de "
        "cooperação em Ancara.",
    ),
    "tr": (
        "Rusya Devlet Başkanı Vladimir Putin, Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev ile "
        "Salı günü Moskova'da görüştü.",
        "İspanya Başbakanı dün Fransa Cumhurbaşkanı Emmanuel Macron ile telefonda görüştü.",
        "Özbekistan ve Türkiye dışişleri bakanları 10 Mart 2024 tarihinde Ankara'da bir işbirliği "
        "anlaşması imzaladı.",
    ),
    "pl": (
        "Prezydent Rosji Władimir Putin spotkał się we wtorek w Moskwie z prezydentem Kazachstanu "
        "Kasymem-Żomartem Tokajewem.",
        "Premier Hiszpanii odbył wczoraj rozmowę telefoniczną z prezydentem Francji Emmanuelem "
        "Macronem.",
        "Ministrowie spraw zagranicznych Uzbekistanu i Turcji podpisali 10 marca 2024 r. w Ankarze "
        "umowę o współpracy.",
    ),
    "kk": (
        "Ресей Президенті Владимир Путин сейсенбі күні Мәскеуде Қазақстан Президенті "
        "Қасым-Жомарт Тоқаевпен кездесті.",
        "Испания Премьер-Министрі кеше Франция Президенті Эммануэль Макронмен телефон арқылы "
        "сөйлесті.",
        "Өзбекстан мен Түркияның сыртқы істер министрлері 2024 жылғы 10 наурызда Анкарада "
        "ынтымақтастық туралы келісімге қол қойды.",
    ),
    "uz": (
        "Rossiya Prezidenti Vladimir Putin seshanba kuni Moskvada Qozogʻiston Prezidenti "
        "Qasim-Joʻmart Toqayev bilan uchrashdi.",
        "Ispaniya Bosh vaziri kecha Fransiya Prezidenti Emmanuel Makron bilan telefon orqali "
        "suhbatlashdi.",
        "Ўзбекистон ва Туркия ташқи ишлар вазирлари 2024 йил 10 мартда Анқарада ҳамкорлик "
        "тўғрисидаги битимни имзолади.",
    ),
}
EXPECTED = {  # meeting, call, agreement: (countries, date)
    "es": ((["KZ", "RU"], "2024-03-12"), (["ES", "FR"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "it": ((["KZ", "RU"], "2024-03-12"), (["FR", "IT"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "pt": ((["KZ", "RU"], "2024-03-12"), (["FR", "PT"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "tr": ((["KZ", "RU"], "2024-03-12"), (["ES", "FR"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "pl": ((["KZ", "RU"], "2024-03-12"), (["ES", "FR"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "kk": ((["KZ", "RU"], "2024-03-12"), (["ES", "FR"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
    "uz": ((["KZ", "RU"], "2024-03-12"), (["ES", "FR"], "2024-03-13"), (["TR", "UZ"], "2024-03-10")),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_meeting_with_date(lang: str) -> None:
    ev = only(events_of(CASES[lang][0], lang), "CONSULT")
    countries, date = EXPECTED[lang][0]
    assert ev.countries == countries and ev.date == date
    # the capital in the language's own spelling and case ("Moscú", "w Moskwie", "Мәскеуде")
    assert ev.location is not None and ev.location.name == "Moscow"
    assert ev.mode == "visit"


@pytest.mark.parametrize("lang", sorted(CASES))
def test_phone_call(lang: str) -> None:
    ev = only(events_of(CASES[lang][1], lang), "CONSULT")
    countries, date = EXPECTED[lang][1]
    assert (ev.countries, ev.mode, ev.date) == (countries, "phone", date)


@pytest.mark.parametrize("lang", sorted(CASES))
def test_signed_agreement(lang: str) -> None:
    events = events_of(CASES[lang][2], lang)
    ev = only(events, "AGREE")
    countries, date = EXPECTED[lang][2]
    assert (ev.countries, ev.date) == (countries, date)


def test_every_language_with_vocabulary_is_tested() -> None:
    """The list in data/languages.yaml and the languages tested here stay in step."""
    assert set(vocabulary_languages()) - {"en", "de", "ru", "fr"} == set(CASES)


def test_no_vocabulary_no_event() -> None:
    """An Arabic report of a meeting gives no event (English triggers would read noise)."""
    text = ("التقى الرئيس الروسي فلاديمير بوتين بالرئيس الصيني شي جين بينغ في موسكو يوم الثلاثاء "
            "وبحث الجانبان العلاقات الثنائية والتعاون الاقتصادي بين البلدين.")
    raw = RawDocument(doc_id="ar", source="test", text=text)
    result = pipeline.process(raw, doc_timeout=None)
    assert result.error is None and result.document.language == "ar"
    assert result.events == []
    assert not has_vocabulary("ar") and has_vocabulary(None) and has_vocabulary("es")


def test_gaps_message_counts_by_language() -> None:
    gaps = VocabularyGaps()
    for lang in ("ar", "zh", "ar", "es", None, "en"):
        gaps.add(lang)
    assert gaps.message() == ("3 documents in languages without vocabulary (ar: 2, zh: 1): "
                              "no events extracted from them")
    assert VocabularyGaps().message() is None


def test_extract_warns_once_with_the_count(tmp_path) -> None:
    (tmp_path / "a1.txt").write_text(
        "التقى الرئيس الروسي فلاديمير بوتين بالرئيس الصيني في موسكو يوم الثلاثاء لبحث العلاقات "
        "الثنائية بين البلدين والتعاون في مجال الطاقة.", encoding="utf-8")
    (tmp_path / "a2.txt").write_text(
        "أجرى وزير الخارجية المصري اتصالا هاتفيا مع نظيره الأردني تناول خلاله الأوضاع في المنطقة "
        "وسبل تعزيز العلاقات بين البلدين.", encoding="utf-8")
    (tmp_path / "z1.txt").write_text(
        "俄罗斯总统普京周二在莫斯科会见了中国国家主席习近平，双方讨论了两国关系和经济合作问题。",
        encoding="utf-8")
    (tmp_path / "es.txt").write_text(CASES["es"][0], encoding="utf-8")
    proc = subprocess.run([str(BIN), "extract", "--quiet", str(tmp_path)], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "without vocabulary" in ln]
    assert lines == ["bilateral: 3 documents in languages without vocabulary (ar: 2, zh: 1): "
                     "no events extracted from them"]
    assert proc.stdout.strip()  # the Spanish report still gives its event


# A trade figure in each language: value, currency and period from the language's own words.
FIGURES = {
    "es": ("El comercio entre España y México alcanzó 5.300 millones de dólares en 2023, informó "
           "el ministro español.", 5.3e9, "USD"),
    "it": ("L'interscambio commerciale tra Italia e Kazakistan ha raggiunto 4,5 miliardi di euro "
           "nel 2023, ha detto il ministro italiano.", 4.5e9, "EUR"),
    "pt": ("O comércio entre Brasil e China somou 150 bilhões de dólares em 2023, disse o "
           "presidente brasileiro.", 150e9, "USD"),
    "tr": ("Türkiye ile Rusya arasındaki ticaret hacmi 2023 yılında 57 milyar dolar oldu, dedi "
           "Türk bakan.", 57e9, "USD"),
    "pl": ("Obroty handlowe Polski z Niemcami wyniosły w 2023 r. 160 mld euro, poinformował "
           "polski minister.", 160e9, "EUR"),
    "kk": ("Қазақстан мен Ресей арасындағы тауар айналымы 2023 жылы 28 млрд долларды құрады.",
           28e9, "USD"),
    "uz": ("Oʻzbekiston va Rossiya oʻrtasidagi tovar ayirboshlash hajmi 2023-yilda 10 mlrd "
           "dollarga yetdi.", 10e9, "USD"),
}


@pytest.mark.parametrize("lang", sorted(FIGURES))
def test_trade_figure(lang: str) -> None:
    text, value, unit = FIGURES[lang]
    raw = RawDocument(doc_id=f"f-{lang}", source="test", text=text)
    result = pipeline.process(raw, doc_timeout=None)
    assert result.document.language == lang
    figures = pipeline.analyse(result.document).figures
    assert [(f.kind, f.flow, f.value, f.unit, f.period) for f in figures][:1] == \
        [("trade", "total", value, unit, "2023")]


def test_quote_attributed_with_the_languages_verb_of_saying() -> None:
    text = ("El presidente ruso, Vladímir Putin, se reunió el martes con su homólogo kazajo, "
            "Kasim-Yomart Tokáyev. «Nuestras relaciones son excelentes», dijo Putin.")
    ev = only(events_of(text, "es"), "CONSULT")
    assert [(q.speaker, q.text) for q in ev.quotes] == [("Vladimir Putin",
                                                         "Nuestras relaciones son excelentes")]
