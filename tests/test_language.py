"""Language identification on sentences and one-line titles written for these tests."""
from __future__ import annotations

import pytest

from bilateral.clean import detect_language

SENTENCES = {
    "de": "Der belarussische Präsident traf sich am Freitag mit seinem kasachischen Amtskollegen, "
          "um über den Ausbau der Handelsbeziehungen zu sprechen.",
    "en": "The Belarusian president met his Kazakh counterpart on Friday to discuss ways of "
          "expanding trade between the two countries.",
    "ru": "Президент Беларуси в пятницу встретился со своим казахстанским коллегой, чтобы обсудить "
          "расширение торговых связей между странами.",
    "fr": "Le président biélorusse a rencontré vendredi son homologue kazakh pour discuter du "
          "développement des échanges commerciaux entre les deux pays.",
    "kk": "Беларусь Президенті жұма күні қазақстандық әріптесімен кездесіп, екі ел арасындағы "
          "сауданы дамыту мәселелерін талқылады.",
    "uz": "Oʻzbekiston Prezidenti juma kuni Qozogʻiston rahbari bilan uchrashib, ikki mamlakat "
          "oʻrtasidagi savdoni rivojlantirish masalalarini muhokama qildi.",
    "es": "El presidente bielorruso se reunió el viernes con su homólogo kazajo para hablar del "
          "comercio entre los dos países.",
    "tr": "Belarus Cumhurbaşkanı cuma günü Kazak mevkidaşıyla görüşerek iki ülke arasındaki "
          "ticaretin geliştirilmesini ele aldı.",
    "uk": "Президент Білорусі в п'ятницю зустрівся зі своїм казахстанським колегою, щоб обговорити "
          "розвиток торгівлі між країнами.",
}

TITLES = {
    "de": ["Lukaschenko trifft Tokajew in Astana", "Kasachstan und Belgien vertiefen ihre Beziehungen"],
    "en": ["Lukashenko meets Tokayev in Astana", "Kazakhstan and Belgium hold political consultations"],
    "ru": ["Лукашенко встретился с Токаевым", "Казахстан и Бельгия провели политические консультации"],
    "fr": ["Macron reçoit Tokaïev à Paris", "Le Kazakhstan et la Belgique renforcent leurs liens"],
    "kk": ["Тоқаев Лукашенкомен кездесті", "Қазақстан мен Бельгия саяси консультациялар өткізді"],
    "uz": ["Mirziyoyev Tokayev bilan uchrashdi", "Oʻzbekiston va Qozogʻiston savdo hajmini oshirmoqda"],
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_sentences(lang: str) -> None:
    assert detect_language(SENTENCES[lang]) == lang


@pytest.mark.parametrize("lang,title", [(lang, t) for lang, ts in TITLES.items() for t in ts])
def test_one_line_titles(lang: str, title: str) -> None:
    assert detect_language(title) == lang


def test_uzbek_with_plain_apostrophes() -> None:
    assert detect_language("O'zbekiston va Qozog'iston o'rtasidagi savdo hajmi oshdi") == "uz"


def test_apostrophes_do_not_make_english_or_turkish_uzbek() -> None:
    assert detect_language("Greta Thunberg's bodyguards harassed a journalist in Stockholm") == "en"
    assert detect_language("Giresun'da fındık fiyatı 20 lirayı gördü") == "tr"


def test_kazakh_letters_beat_russian_statistics() -> None:
    # mostly Russian-looking words, but қ/ғ/ә only exist in Kazakh
    assert detect_language("Астана қаласында Президент ғылым әкімдігі") == "kk"


def test_no_letters() -> None:
    assert detect_language("") is None
    assert detect_language("12.10.2019 — 09:31") is None
