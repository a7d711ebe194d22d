"""Figures about a relationship (bilateral.analyse.figures). Test sentences are our own; the seed
test reads ../shared through conftest.shared_path."""
from __future__ import annotations

import json

from bilateral.analyse.dates import find_times
from bilateral.analyse.figures import find_figures
from bilateral.analyse.sentences import split_sentences
from bilateral.models import CountryMention, FigureMention, Sentence, TimeMention
from bilateral.resolve.geo import find_countries
from conftest import shared_path


def split(text: str, lang: str = "de") -> list[Sentence]:
    return split_sentences(text, lang)


def figs(text: str, lang: str, countries=(), times=(), sentences=None) -> list[FigureMention]:
    sents = split(text, lang) if sentences is None else sentences
    return find_figures(text, lang, sents, list(countries), list(times))


def short(fs: list[FigureMention]) -> list[tuple]:
    return [(f.kind, f.flow, round(f.value, 3), f.unit, f.period, f.qualifier) for f in fs]


# ------------------------------------------------------------------ German

def test_de_decimal_point_garbled_year_and_breakdown_in_parentheses():
    text = ("Laut Ministerium erreichte der Handelsumsatz zwischen Kasachstan und Belgien im Jahr 81.4 2021 "
            "Millionen US-Dollar (Exporte: 30.4 Millionen US-Dollar, Importe: 51 Millionen US-Dollar), was einem "
            "Anstieg von 2.5 % gegenüber 2020 (79.4 Millionen US-Dollar) entspricht.")
    assert short(figs(text, "de")) == [
        ("trade", "total", 81.4e6, "USD", "2021", None),
        ("trade", "export", 30.4e6, "USD", "2021", None),
        ("trade", "import", 51e6, "USD", "2021", None),
        ("growth", "total", 2.5, "%", "2021", None),   # compared to 2020: the period is the figure's year
        ("trade", "total", 79.4e6, "USD", "2020", None),  # the value for the comparison year
    ]
    assert all(not f.flags for f in figs(text, "de"))  # 30.4 + 51 = 81.4; 81.4 / 79.4 = +2.5 %


def test_de_first_months_period():
    text = ("In den ersten sechs Monaten des Jahres 2022 betrug das Handelsvolumen 120 Millionen US-Dollar "
            "(Exporte: 70.5 Millionen US-Dollar, Importe: 49.5 Millionen US-Dollar).")
    assert short(figs(text, "de")) == [
        ("trade", "total", 120e6, "USD", "2022-01/2022-06", None),
        ("trade", "export", 70.5e6, "USD", "2022-01/2022-06", None),
        ("trade", "import", 49.5e6, "USD", "2022-01/2022-06", None),
    ]


def test_de_context_carried_from_previous_short_sentence_and_qualifier():
    text = ("In fünf Jahren hat sich der Warenumsatz zwischen unseren Ländern verdreifacht. "
            "2021 hatten wir $700 Mio. Bald erreichen wir knapp $1 Mrd.")
    assert short(figs(text, "de")) == [
        ("trade", "total", 700e6, "USD", "2021", None),
        ("trade", "total", 1e9, "USD", None, "about"),
    ]


def test_de_missed_sentence_end_after_scale_abbreviation():
    # one "sentence" from the splitter; "Mio. „Wir" and "Mrd. Ein" still end sentences
    text = "Der Warenumsatz wächst. 2018 hatten wir $900 Mio. „Wir nähern uns $1 Mrd. Ein Ungleichgewicht bleibt."
    one = [Sentence(0, 0, len(text), text)]
    got = short(figs(text, "de", sentences=one))
    assert ("trade", "total", 900e6, "USD", "2018", None) in got
    assert ("trade", "total", 1e9, "USD", None, "about") in got


def test_de_growth_without_year_and_investment_portfolio():
    text = ("Das Volumen des Handelsumsatzes wächst - um 9 Prozent seit Beginn des Jahres, ein Portfolio von "
            "Investitionsprojekten im Wert von mehr als 3 Milliarden US-Dollar wurde gebildet.")
    assert short(figs(text, "de")) == [
        ("growth", "total", 9, "%", None, None),
        ("investment", None, 3e9, "USD", None, "more_than"),
    ]


def test_de_not_a_figure():
    for text in [
        "Innerhalb von drei Jahren stieg der Warenumsatz um mehr als das Zweifache an.",  # no unit
        "Bei dem Erdbeben starben 1.200 Menschen, der Schaden beträgt 2 Milliarden Euro.",
        "Das Land hat 19 Millionen Einwohner und einen Haushalt von 20 Milliarden Euro.",
        "Die Wirtschaft wuchs um 4 Prozent.",  # growth, but not of the relationship
        "Der Anteil Kasachstans am Außenhandel beträgt 12 Prozent.",  # a share, not a change
        "Die Gespräche wurden am 18. Oktober 2024 in Brüssel geführt.",
    ]:
        assert figs(text, "de") == [], text


def test_de_spelled_and_decline():
    assert short(figs("Der Außenhandel erreichte 2022 rund zwei Milliarden Euro.", "de")) == [
        ("trade", "total", 2e9, "EUR", "2022", "about")]
    assert short(figs("Der Handelsumsatz sank im ersten Halbjahr 2024 um 3,2 Prozent auf 1,4 Mrd. Euro.", "de")) == [
        ("growth", "total", -3.2, "%", "2024-01/2024-06", None),
        ("trade", "total", 1.4e9, "EUR", "2024-01/2024-06", None)]


# ------------------------------------------------------------------ English

def test_en_threshold_with_keyword_after_the_number():
    text = "In 2018, bilateral trade made up $700 million. We are close to reach the $1bn threshold in trade."
    assert short(figs(text, "en")) == [
        ("trade", "total", 700e6, "USD", "2018", None),
        ("trade", "total", 1e9, "USD", None, "about"),
    ]


def test_en_doubling_is_not_a_figure():
    assert figs("Over the past three years, mutual trade has more than doubled.", "en") == []


def test_en_periods_after_the_number_and_comparison_year():
    assert short(figs("Trade grew from $400 million in 2022 to $500 million in 2023.", "en")) == [
        ("trade", "total", 400e6, "USD", "2022", None),
        ("trade", "total", 500e6, "USD", "2023", None)]
    got = figs("Exports reached $1.2 billion in 2023, up 12% from 2022.", "en")
    assert short(got) == [("trade", "export", 1.2e9, "USD", "2023", None),
                          ("growth", "export", 12, "%", "2023", None)]


def test_en_change_in_money_is_not_a_figure():
    assert short(figs("Trade increased by $100 million to $1.1 billion in 2023.", "en")) == [
        ("trade", "total", 1.1e9, "USD", "2023", None)]


def test_en_sum_mismatch_flagged_not_dropped():
    text = "In January-August 2024, exports amounted to $300m and imports to $250m, with total trade at $600m."
    got = figs(text, "en")
    assert short(got) == [("trade", "export", 300e6, "USD", "2024-01/2024-08", None),
                          ("trade", "import", 250e6, "USD", "2024-01/2024-08", None),
                          ("trade", "total", 600e6, "USD", "2024-01/2024-08", None)]
    assert all(f.flags == ["sum_mismatch"] for f in got)


def test_en_sum_within_rounding_is_not_flagged():
    text = "In 2023 trade totalled $1.00 billion: exports were $601 million and imports $402 million."
    got = figs(text, "en")
    assert len(got) == 3 and all(not f.flags for f in got)


def test_growth_mismatch():
    text = ("Der Handelsumsatz stieg 2023 um 10 Prozent auf 550 Mio. Euro gegenüber 2022 (400 Mio. Euro).")
    got = figs(text, "de")
    assert short(got) == [("growth", "total", 10, "%", "2023", None),
                          ("trade", "total", 550e6, "EUR", "2023", None),
                          ("trade", "total", 400e6, "EUR", "2022", None)]
    assert all("growth_mismatch" in f.flags for f in got)


def test_en_not_a_figure():
    for text in [
        "The earthquake killed 2,000 people and caused damage of $5 billion.",
        "The country has a population of 19 million and a defence budget of $20 billion.",
        "GDP grew by 5% last year.",
    ]:
        assert figs(text, "en") == [], text


def test_en_relative_year_resolved_only_through_times():
    text = "Investments exceeded two billion dollars last year."
    assert short(figs(text, "en")) == [("investment", None, 2e9, "USD", None, "more_than")]
    i = text.index("last year")
    t = TimeMention(i, i + 9, "last year", value="2023", precision="year", relative=True)
    assert figs(text, "en", times=[t])[0].period == "2023"


def test_en_countries_from_sentence_or_previous_one():
    text = "Bilateral trade between Kazakhstan and Belgium reached $1.2 billion in 2023."
    cs = [CountryMention(24, 34, "Kazakhstan", code="KZ"), CountryMention(39, 46, "Belgium", code="BE")]
    assert figs(text, "en", countries=cs)[0].countries == ["BE", "KZ"]
    assert figs(text, "en")[0].countries == []
    text2 = "Belarus and Kazakhstan discussed cooperation. Trade reached $900 million in 2018."
    cs2 = [CountryMention(0, 7, "Belarus", code="BY"), CountryMention(12, 22, "Kazakhstan", code="KZ")]
    assert figs(text2, "en", countries=cs2)[0].countries == ["BY", "KZ"]


# ------------------------------------------------------------------ Russian, French

def test_ru_figures():
    text = ("Товарооборот между Россией и Казахстаном в 2023 году составил 28 млрд долларов, "
            "увеличившись на 4,5%. За первые восемь месяцев 2024 года товарооборот вырос почти на 14 процентов "
            "и превысил 1,5 млрд долл. США.")
    assert short(figs(text, "ru")) == [
        ("trade", "total", 28e9, "USD", "2023", None),
        ("growth", "total", 4.5, "%", "2023", None),
        ("growth", "total", 14, "%", "2024-01/2024-08", "about"),
        ("trade", "total", 1.5e9, "USD", "2024-01/2024-08", "more_than"),
    ]


def test_ru_spelled_and_not_figures():
    assert short(figs("Объем взаимной торговли достиг двух миллиардов долларов.", "ru")) == [
        ("trade", "total", 2e9, "USD", None, None)]
    assert figs("В результате обстрела погибли 12 человек, ущерб составил 900 млн рублей.", "ru") == []
    assert short(figs("Экспорт в 2022 году составил более 900 млн долларов.", "ru")) == [
        ("trade", "export", 900e6, "USD", "2022", "more_than")]


def test_ru_stock_trading_is_not_trade():
    # "торгов" (trading session) and "торговалась" are not trade between states
    assert figs("Котировки акций в ходе торгов в четверг повысились на 0,2%.", "ru") == []
    assert figs("Месяцем ранее нефть торговалась на 16,5% дороже.", "ru") == []
    assert figs("Дефицит бюджета за десять месяцев превысил 2,8 трлн долларов.", "ru") == []


def test_blocked_keywords():
    assert figs("The trade minister said the budget deficit reached $5 billion in 2023.", "en") == []
    assert figs("Das Haushaltsdefizit stieg 2023 auf 50 Milliarden Euro.", "de") == []
    assert figs("Die Importpreise stiegen im Mai um 4,5 Prozent.", "de") == []
    assert figs("Die Aktie ist jetzt für 4 Euro zu handeln, der Handelsbeginn war um 9 Uhr.", "de") == []


def test_prices_and_percent_are_not_carried_over():
    # money below 100,000 is a price; a percentage needs its own keyword
    text = "Der Warenumsatz ist gewachsen. Der Index stieg um 3 Prozent."
    assert figs(text, "de") == []
    assert figs("Der Handel mit Weizen: eine Tonne kostet 250 Dollar.", "de") == []


def test_fr_figures():
    text = "Les échanges commerciaux ont atteint 2,5 milliards d'euros en 2023, en hausse de 8 %."
    assert short(figs(text, "fr")) == [("trade", "total", 2.5e9, "EUR", "2023", None),
                                       ("growth", "total", 8, "%", "2023", None)]


def test_offsets():
    text = "Schon 2019 wuchs der Handel. Im Jahr 2020 betrugen die Exporte 5,5 Mrd. Euro."
    f = figs(text, "de")[0]
    assert text[f.start:f.end] == f.surface == "5,5 Mrd. Euro"


# ------------------------------------------------------------------ seeds and speed

def _key(f: dict) -> tuple:
    return (f["kind"], f.get("flow") or "total", f["unit"].upper())


def _matches(p: FigureMention, g: dict) -> bool:
    return ((p.kind, p.flow or "total", p.unit.upper()) == _key(g)
            and abs(p.value - g["value"]) <= 0.01 * abs(g["value"]) + 1e-9
            and (g.get("period") is None or p.period == g["period"]))


def seed_results() -> tuple[int, int, int]:
    """(gold figures found, gold figures, extra figures) over the seed documents."""
    seeds = shared_path("seeds")
    gold = json.loads(shared_path("eval", "gold_seeds.json").read_text(encoding="utf-8"))
    per_doc: dict[str, list[dict]] = {}
    for ev in gold["events"]:
        for d in ev["docs"]:
            per_doc.setdefault(d, []).extend(ev.get("figures") or [])
    found = total = extra = 0
    for path in sorted(seeds.glob("*.txt")):
        doc = path.stem
        lang = gold["documents"].get(doc, {}).get("language", "en")
        text = path.read_text(encoding="utf-8")
        preds = find_figures(text, lang, split(text, lang), [], [])
        golds = per_doc.get(doc, [])
        used: set[int] = set()
        for g in golds:
            for i, p in enumerate(preds):
                if i not in used and _matches(p, g):
                    used.add(i)
                    break
        found += len(used)
        total += len(golds)
        extra += len(preds) - len(used)
    return found, total, extra


def test_seeds_against_gold():
    found, total, extra = seed_results()
    print(f"seed figures: {found}/{total} gold found, {extra} extra")
    assert found == total
    assert extra == 0


def test_german_handel_alone_is_a_trade_keyword_and_goals_are_targets():
    """'Der Handel' (not only compounds like Handelsumsatz) names trade; an amount stated as a
    goal ('Ziel ... auf 10 Milliarden zu steigern', 'raising it to', 'довести до') is a target."""
    t = ("Der Handel erreichte 2024 4,2 Milliarden US-Dollar. Ziel sei es, ihn in den kommenden "
         "Jahren auf 10 Milliarden US-Dollar zu steigern.")
    got = [(f.kind, f.value, f.period) for f in find_figures(t, "de", split(t, "de"), [], [])]
    assert got == [("trade", 4.2e9, "2024"), ("target", 1e10, None)]
    t = "Trade reached $4.2 billion in 2024, and both sides reaffirmed the goal of raising it to $10 billion."
    got = [(f.kind, f.value, f.period) for f in find_figures(t, "en", split(t, "en"), [], [])]
    assert got == [("trade", 4.2e9, "2024"), ("target", 1e10, None)]
    t = "Министры подтвердили намерение довести товарооборот до 10 млрд долларов к 2030 году."
    got = [(f.kind, f.value) for f in find_figures(t, "ru", split(t, "ru"), [], [])]
    assert got == [("target", 1e10)]


def analysed(text: str, lang: str, published: str | None = None) -> list[tuple]:
    """(kind, flow, value, period) of each figure, with the real country and date finders."""
    return [(f.kind, f.flow, f.value, f.period) for f in find_figures(
        text, lang, split_sentences(text, lang), find_countries(text, lang),
        find_times(text, lang, published))]


def test_period_after_by_the_end_of_and_a_relative_range() -> None:
    """"$19.8bn by the end of 2023"; "in the first five months of this year ... 48% more than in
    the same period last year" (published mid-2025)."""
    assert ("trade", "total", 19.8e9, "2023") in analysed(
        "Trade between Kyrgyzstan and China reached $19.8bn by the end of 2023.", "en")
    got = analysed("Trade between the two countries last year amounted to 23 billion US dollars, and in "
                   "the first five months of this year it reached 11.5 billion dollars, which is 48% more "
                   "than in the same period last year.", "en", "2025-07-11")
    assert ("trade", "total", 23e9, "2024") in got
    assert ("trade", "total", 11.5e9, "2025-01/2025-05") in got
    assert ("growth", "total", 48.0, "2025-01/2025-05") in got


def test_trade_phrase_before_shows_and_relative_year_and_carried_change_period() -> None:
    # "trade turnover shows ...": not a trade show
    assert ("trade", "total", 2.5e9, None) in analysed(
        "He said the bilateral trade turnover shows positive dynamics, reaching US $ 2.5 billion.", "en")
    assert analysed("The trade show drew visitors who spent $5 million.", "en") == []
    assert ("trade", "total", 5e8, "2018") in analysed(
        "Der Handel wuchs. Vergangenes Jahr lag er bei mehr als 500 Millionen Euro.", "de", "2019-01")
    assert ("growth", "export", 62.0, "2018") in analysed(
        "Im Jahr 2018 stieg der Warenumsatz zwischen Deutschland und Usbekistan um 26,8 % auf 647 "
        "Millionen Euro. Beim Export Usbekistans war die Steigerung noch größer - um 62 %.", "de")


def test_contracts_in_the_same_year_and_a_russian_resolve_to_raise_trade() -> None:
    got = analysed("Trade between Turkmenistan and Turkey reached $2.2 billion in 2024. Turkish contractors "
                   "completed $216 million worth of new projects in the same year.", "en")
    assert ("contracts", None, 216e6, "2024") in got
    assert analysed("Стороны подчеркнули решимость увеличить объем торговли между Турцией и Узбекистаном "
                    "до 5 млрд долларов.", "ru") == [("target", "total", 5e9, None)]
