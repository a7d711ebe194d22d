"""Boilerplate removal, title and offsets on pages written for these tests (en, ru, fr, de).

Each page mimics what a text dump of a news site looks like: a menu, the site's own "today"
date, a headline, a timestamp, share buttons, a caption, a "read more" teaser with another
story's headline, a related-news block, a cookie notice and a copyright line.
"""
from __future__ import annotations

import pytest
import trafilatura.core
import trafilatura.metadata

from bilateral.clean import analyse_layout, clean_document
from bilateral.models import RawDocument
from bilateral.read import read_paths

EN_PAGE = """\
Skip to main content
Home
World
Politics
Business
Friday, 12 April 2024
Search

Tokayev and Erdogan agree to expand trade to $10 billion

October 14, 2022 at 4:05 PM
By Jane Doe

ASTANA, Oct 14 (Reuters) - Kazakh President Kassym-Jomart Tokayev and Turkish President Tayyip Erdogan agreed on Friday to raise bilateral trade to $10 billion a year, the Kazakh presidency said.

The two leaders met in Astana on the sidelines of a regional summit and signed a joint declaration on an enhanced strategic partnership.
Photo: Kazakh presidential press service
"We see Turkey as a key partner in the region," Tokayev told reporters after the talks.

Read more:
Kazakhstan hosts summit of Turkic states

Erdogan said Turkish companies were ready to invest in Kazakh infrastructure and energy projects.

Share this article
Facebook
Twitter
LinkedIn
Related articles
Kyrgyz leader visits Moscow for talks with Putin
We use cookies to improve your experience on our website. By continuing to browse, you agree to our cookie policy.
© 2024 Example News. All rights reserved.
"""

RU_PAGE = """\
Главная
Новости
Политика
Экономика
Поиск
среда, 17 апреля 2024
Лента новостей

Лавров провел переговоры с главой МИД Узбекистана

Опубликовано: 05.03.2023 14:20
Обновлено: 05.03.2023 18:45

МОСКВА, 5 марта. Министр иностранных дел России Сергей Лавров провел переговоры с главой МИД Узбекистана Бахтиёром Саидовым, сообщили в пресс-службе российского ведомства.

Стороны обсудили вопросы двустороннего сотрудничества, в том числе в торгово-экономической сфере. По словам Лаврова, товарооборот между странами в 2022 г. превысил 9 млрд долларов.
Фото: МИД России
Читайте также:
Путин и Мирзиёев обсудили по телефону энергетическое сотрудничество
«Мы удовлетворены динамикой наших отношений», — заявил Лавров журналистам.

Поделиться
ВКонтакте
Telegram
Подписывайтесь на наш канал в Telegram
Материалы по теме
Токаев прибыл с визитом в Ташкент
Мнение редакции может не совпадать с точкой зрения автора.
Все права защищены. При использовании материалов гиперссылка на источник обязательна.
"""

FR_PAGE = """\
Accueil
International
Europe
Rechercher
Se connecter

Emmanuel Macron reçoit le président kazakh à l'Élysée

Publié le 29 novembre 2023 à 10h15
Mis à jour le 29 novembre 2023 à 18h02
Partager
Facebook
Twitter

PARIS, 29 novembre (AFP) - Le président français Emmanuel Macron a reçu mercredi son homologue kazakh Kassym-Jomart Tokaïev à l'Élysée pour des entretiens consacrés à l'énergie et aux minerais critiques.

Les deux chefs d'État ont signé une feuille de route sur l'uranium et les terres rares, selon la présidence française.
« Le Kazakhstan est un partenaire essentiel de la France en Asie centrale », a déclaré M. Macron.

Lire aussi :
Le Kazakhstan mise sur l'énergie nucléaire

Abonnez-vous à notre newsletter
Sur le même sujet
Ouzbékistan : Macron attendu à Samarcande
Nous utilisons des cookies pour améliorer votre expérience. Tous droits réservés.
"""

DE_PAGE = """\
Startseite
Politik
Ausland
Dienstag, 9. Juli 2024
Menü

Baerbock und Kasachstans Außenminister vereinbaren engere Zusammenarbeit

Veröffentlicht am 03.07.2024 um 12:41 Uhr
Von Max Mustermann

BERLIN, 3. Juli (dpa) - Bundesaußenministerin Annalena Baerbock hat am Mittwoch ihren kasachischen Amtskollegen Murat Nurtleu in Berlin empfangen.
Bild: Auswärtiges Amt
Beide Seiten vereinbarten nach Angaben des Ministeriums eine engere Zusammenarbeit bei Energie und Rohstoffen, u.a. bei grünem Wasserstoff.
Lesen Sie auch: Scholz reist nach Zentralasien
„Kasachstan ist für uns ein wichtiger Partner“, sagte Baerbock.
Teilen
Facebook
WhatsApp
E-Mail
Mehr zum Thema
Usbekistan und Deutschland unterzeichnen Abkommen
Die auf dieser Seite veröffentlichten Meinungen sind nicht unbedingt die der Redaktion.
Wir verwenden Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.
"""

PAGES = {
    "en": (EN_PAGE, "Tokayev and Erdogan agree to expand trade to $10 billion", "2022-10-14",
           ["ASTANA, Oct 14 (Reuters) - Kazakh President", "signed a joint declaration",
            "Tokayev told reporters", "Erdogan said Turkish companies"],
           ["Skip to main content", "Friday, 12 April 2024", "By Jane Doe", "Photo:", "Read more",
            "Kazakhstan hosts summit", "Share this", "Twitter", "Related articles", "Kyrgyz leader",
            "cookies", "All rights reserved", "October 14, 2022 at 4:05 PM"]),
    "ru": (RU_PAGE, "Лавров провел переговоры с главой МИД Узбекистана", "2023-03-05",
           ["МОСКВА, 5 марта. Министр", "Стороны обсудили", "«Мы удовлетворены динамикой"],
           ["Главная", "среда, 17 апреля 2024", "Опубликовано", "Обновлено", "Фото:", "Читайте также",
            "Путин и Мирзиёев", "Поделиться", "ВКонтакте", "Подписывайтесь", "Материалы по теме",
            "Токаев прибыл", "Мнение редакции", "Все права защищены"]),
    "fr": (FR_PAGE, "Emmanuel Macron reçoit le président kazakh à l'Élysée", "2023-11-29",
           ["PARIS, 29 novembre (AFP) - Le président", "feuille de route", "« Le Kazakhstan est"],
           ["Accueil", "Se connecter", "Publié le", "Mis à jour", "Partager", "Lire aussi",
            "mise sur l'énergie", "Abonnez-vous", "Sur le même sujet", "Ouzbékistan :", "cookies"]),
    "de": (DE_PAGE, "Baerbock und Kasachstans Außenminister vereinbaren engere Zusammenarbeit", "2024-07-03",
           ["BERLIN, 3. Juli (dpa) - Bundesaußenministerin", "u.a. bei grünem Wasserstoff",
            "„Kasachstan ist für uns ein wichtiger Partner“, sagte Baerbock."],
           ["Startseite", "Dienstag, 9. Juli 2024", "Veröffentlicht am", "Max Mustermann", "Bild:",
            "Lesen Sie auch", "Scholz reist", "Teilen", "WhatsApp", "Mehr zum Thema",
            "Usbekistan und Deutschland", "nicht unbedingt die der Redaktion", "Cookies"]),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_page_cleaned(lang: str) -> None:
    page, title, published, keep, drop = PAGES[lang]
    doc = clean_document(RawDocument(doc_id=lang, source=lang, text=page))
    assert doc.title == title
    assert doc.published == published
    assert doc.language == lang
    assert doc.text.startswith(title + "\n")
    for s in keep:
        assert s in doc.text, s
    for s in drop:
        assert s not in doc.text, s
    for t, o, n in doc.segments:
        assert doc.original[o:o + n] == doc.text[t:t + n]


def test_paragraph_breaks_kept() -> None:
    doc = clean_document(RawDocument(doc_id="en", source="en", text=EN_PAGE))
    assert "\n\n" in doc.text and "\n\n\n" not in doc.text


def test_to_original_points_at_the_same_word() -> None:
    doc = clean_document(RawDocument(doc_id="fr", source="fr", text=FR_PAGE))
    pos = doc.text.index("feuille de route")
    o = doc.to_original(pos)
    assert doc.original[o:o + len("feuille de route")] == "feuille de route"


def test_metadata_wins_and_is_normalised() -> None:
    raw = RawDocument(doc_id="m", source="m", text=EN_PAGE, title="Tokayev, Erdogan sign deal | Example News",
                      published="Fri, 14 Oct 2022 16:05:00 +0300", language="en-GB")
    doc = clean_document(raw)
    assert doc.title == "Tokayev, Erdogan sign deal"
    assert doc.published == "2022-10-14"
    assert doc.language == "en"


def test_empty_and_title_only() -> None:
    doc = clean_document(RawDocument(doc_id="e", source="e", text=""))
    assert doc.text == "" and doc.title is None and doc.published is None and doc.language is None
    doc = clean_document(RawDocument(doc_id="t", source="t", text="Lukashenko meets Tokayev in Astana\n"))
    assert doc.text == "Lukashenko meets Tokayev in Astana"
    assert doc.language == "en"


def test_windows_line_endings_and_nbsp() -> None:
    text = "Headline of the test article\r\n\r\n\u00a0The first paragraph tells what happened on Monday.\r\nShare\r\n"
    doc = clean_document(RawDocument(doc_id="w", source="w", text=text))
    assert doc.title == "Headline of the test article"
    assert doc.text == "Headline of the test article\n\nThe first paragraph tells what happened on Monday."
    for t, o, n in doc.segments:
        assert doc.original[o:o + n] == doc.text[t:t + n]


def test_subheading_inside_body_kept_but_link_list_dropped() -> None:
    text = ("Talks in Astana end with a joint statement\n\n"
            "The foreign ministers of both countries met on Tuesday and agreed on a road map.\n\n"
            "Trade and transit corridors\n\n"
            "They also discussed the Middle Corridor across the Caspian Sea and new rail links.\n"
            "Kazakhstan\nUzbekistan\nCentral Asia\nDiplomacy\n"
            "Both sides agreed to meet again in Tashkent next spring, officials said.\n")
    doc = clean_document(RawDocument(doc_id="s", source="s", text=text))
    assert "Trade and transit corridors" in doc.text
    for tag in ("\nKazakhstan\n", "\nCentral Asia\n", "Diplomacy"):
        assert tag not in doc.text
    assert "meet again in Tashkent" in doc.text


def test_mid_article_teaser_does_not_cut_the_rest() -> None:
    text = ("Лидеры двух стран встретились в Ташкенте\n\n"
            "Президенты обсудили торговлю, транспорт и энергетику, сообщила пресс-служба.\n"
            "Читайте также:\n"
            "Глава МИД посетил Бишкек\n"
            "Стороны подписали восемь соглашений о сотрудничестве в разных сферах.\n"
            "Следующая встреча пройдет в Астане осенью, добавили в пресс-службе.\n")
    doc = clean_document(RawDocument(doc_id="r", source="r", text=text))
    assert "Глава МИД посетил Бишкек" not in doc.text
    assert "восемь соглашений" in doc.text and "Следующая встреча" in doc.text


def test_layout_reports_reasons() -> None:
    layout = analyse_layout(EN_PAGE)
    reasons = set(layout.reasons.values())
    assert {"date", "furniture", "disclaimer", "tail"} <= reasons


def test_html_input_uses_trafilatura_and_metadata() -> None:
    html = ("<html><head><title>Lukashenko meets Tokayev | BelTA</title>"
            '<meta property="article:published_time" content="2019-10-25T09:31:00+03:00"></head>'
            "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            "<h1>Lukashenko meets Tokayev</h1>"
            "<p>MINSK, 25 October (BelTA) - Belarus President Aleksandr Lukashenko met Kazakhstan "
            "President Kassym-Jomart Tokayev in Nur-Sultan on Friday, the press service said.</p>"
            "<p>The two leaders discussed trade, which reached $900 million in 2018, and plans "
            "for joint companies in engineering and agriculture.</p></article>"
            "<footer>Share this article</footer></body></html>")
    doc = clean_document(RawDocument(doc_id="h", source="h.html", html=html, fmt="html"))
    assert doc.title == "Lukashenko meets Tokayev"
    assert doc.published == "2019-10-25"
    assert doc.language == "en"
    assert "MINSK, 25 October (BelTA)" in doc.text and "Home" not in doc.text
    assert doc.original.count("MINSK") == 1



def test_short_closing_sentence_kept_footer_dropped() -> None:
    text = ("Ministers agree on a road map\n\n"
            "The foreign ministers of both countries met on Tuesday and agreed on a road map.\n\n"
            "Talks will continue.\n\nShare\nTwitter\n")
    doc = clean_document(RawDocument(doc_id="c", source="c", text=text))
    assert doc.text.endswith("Talks will continue.")


@pytest.mark.parametrize("line", [
    "Example Reporter publishes articles from a variety of external sources which express a wide range of viewpoints.",
    "The views expressed in this article are not necessarily those of the editors.",
    "We use cookies to improve your experience on our site.",
    "If you notice an error, select the text and press Ctrl+Enter.",
    "Die auf dieser Seite vertretenen Positionen sind nicht unbedingt die der Redaktion.",
    "Alle Rechte vorbehalten.",
    "Мнение редакции может не совпадать с точкой зрения автора.",
    "При использовании материалов гиперссылка на источник обязательна.",
    "Ces articles ne reflètent pas nécessairement l'opinion de la rédaction.",
    "Tous droits réservés.",
])
def test_disclaimers_dropped(line: str) -> None:
    text = ("Ministers agree on a road map\n\n"
            "The foreign ministers of both countries met on Tuesday and agreed on a road map.\n"
            f"{line}\n"
            "Both sides will meet again in spring, according to sources in the ministry.\n")
    layout = analyse_layout(text)
    assert any(layout.reasons.get(i) == "disclaimer" for i in range(len(layout.lines)))
    doc = clean_document(RawDocument(doc_id="d", source="d", text=text))
    assert line not in doc.text and "according to sources" in doc.text


@pytest.mark.parametrize("line", [
    "Sources said the partner countries had not necessarily agreed on every point.",
    "The views of the two sides on the water issue are not identical, the minister said.",
    "Kazakhstan is an important partner for Germany, the chancellor's office said.",
    "Nach Angaben aus Regierungsquellen sind die Gespräche nicht unbedingt gescheitert.",
])
def test_news_sentences_that_look_a_bit_like_disclaimers_stay(line: str) -> None:
    text = ("Ministers agree on a road map\n\n"
            "The foreign ministers of both countries met on Tuesday and agreed on a road map.\n"
            f"{line}\n"
            "Both sides will meet again in spring.\n")
    doc = clean_document(RawDocument(doc_id="n", source="n", text=text))
    assert line in doc.text


@pytest.mark.parametrize("text,title", [
    ("В Пакистане протестуют против приговора.\n\nВ городах страны прошли акции протеста, сообщают СМИ.\n",
     "В Пакистане протестуют против приговора."),
    ("Die Präsidenten trafen sich in Almaty\nAm 29. März fand in Almaty ein informelles Treffen statt.\n",
     "Die Präsidenten trafen sich in Almaty"),
    ("MINSK, 25 October (BelTA) - The presidents met in Astana and discussed trade and transport.\n"
     "They agreed to meet again next year.\n", None),
    ("Am 29. März fand in Almaty ein informelles Treffen der Präsidenten beider Länder statt, bei dem "
     "die Delegationen ausführlich Fragen der Zusammenarbeit erörterten.\nDas Treffen verlief freundlich.\n", None),
])
def test_title_from_first_line_only_when_it_looks_like_one(text: str, title: str | None) -> None:
    assert clean_document(RawDocument(doc_id="t", source="t", text=text)).title == title


def test_standalone_dateline_without_year_is_kept() -> None:
    text = ("Aliyev receives Tokayev in Baku\n\nBaku, 17. Mai, AZERTAC\n\n"
            "Präsident Ilham Aliyev hat seinen kasachischen Amtskollegen in Baku empfangen.\n")
    doc = clean_document(RawDocument(doc_id="b", source="b", text=text))
    assert "Baku, 17. Mai, AZERTAC" in doc.text
    assert doc.published == "--05-17"  # the day it was filed; no year is invented


def test_a_page_s_metadata_is_read_once_from_file_to_document(tmp_path, monkeypatch) -> None:
    """The reader reads title and date from the page; clean does not read them again (it reads
    them only for a page no reader has looked at)."""
    calls: list[int] = []
    real = trafilatura.metadata.extract_metadata

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura.metadata, "extract_metadata", counted)
    monkeypatch.setattr(trafilatura.core, "extract_metadata", counted)
    page = ("<html><head><title>Tokayev receives Lukashenko | Example News</title>"
            '<meta property="article:published_time" content="2019-10-25T09:31:00+03:00"></head>'
            "<body><article><h1>Tokayev receives Lukashenko</h1><p>NUR-SULTAN, 25 October - Kazakhstan "
            "President Kassym-Jomart Tokayev received Belarus President Aleksandr Lukashenko on Friday; "
            "the two presidents discussed trade and joint companies in engineering.</p></article></body></html>")
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    [raw] = list(read_paths([str(f)], max_bytes=1_000_000))
    doc = clean_document(raw)
    assert raw.page_metadata and len(calls) == 1
    assert (doc.title, doc.published) == ("Tokayev receives Lukashenko", "2019-10-25")
    assert "Kassym-Jomart Tokayev" in doc.text
    by_hand = clean_document(RawDocument(doc_id="h", source="h.html", html=page))  # no reader looked
    assert len(calls) == 2 and (by_hand.title, by_hand.published, by_hand.text) == (doc.title, doc.published, doc.text)

