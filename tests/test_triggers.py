"""Event triggers: PLOVER type, mode, CAMEO, future and negation, in de, en, ru (and fr)."""
from __future__ import annotations


import pytest

from bilateral.extract.triggers import as_plover, find_triggers, main_trigger, ranked_triggers
from bilateral.kb import load_yaml


def _main(text: str, lang: str):
    t = main_trigger(text, lang)
    assert t is not None, f"no trigger in {text!r}"
    return t


# every PLOVER type, from a sentence written for the test, per language
TYPES = [
    ("en", "Kazakhstan and Uzbekistan agreed to build a new railway line.", "AGREE"),
    ("en", "The foreign ministers held talks in Geneva on Monday.", "CONSULT"),
    ("en", "The Chancellor praised Poland's efforts on energy security.", "SUPPORT"),
    ("en", "The two navies launched joint exercises in the Baltic Sea.", "COOPERATE"),
    ("en", "Japan sent humanitarian aid to the flooded provinces of Pakistan.", "AID"),
    ("en", "The government eased restrictions on foreign journalists.", "CONCEDE"),
    ("en", "Armenia withdrew its troops from the border area.", "RETREAT"),
    ("en", "The commission opened an investigation into the shooting.", "INVESTIGATE"),
    ("en", "Lithuania demanded that Minsk close the nuclear plant.", "DEMAND"),
    ("en", "Paris condemned the missile launch as reckless.", "DISAPPROVE"),
    ("en", "Ankara rejected the proposal for a buffer zone.", "REJECT"),
    ("en", "Tehran threatened to close the Strait of Hormuz.", "THREATEN"),
    ("en", "Thousands of farmers protested outside the embassy.", "PROTEST"),
    ("en", "The army mobilized reservists along the northern frontier.", "MOBILIZE"),
    ("en", "Warsaw expelled two diplomats for espionage.", "SANCTION"),
    ("en", "Police arrested three foreign nationals at the airport.", "COERCE"),
    ("en", "Artillery shelled the outskirts of the city overnight.", "ASSAULT"),
    ("de", "Die beiden Regierungen einigten sich auf einen neuen Fahrplan.", "AGREE"),
    ("de", "Die Präsidenten führten Gespräche im erweiterten Kreis.", "CONSULT"),
    ("de", "Der Minister lobte die enge Zusammenarbeit beider Länder.", "SUPPORT"),
    ("de", "Berlin kritisierte die Entscheidung scharf.", "DISAPPROVE"),
    ("de", "Die Regierung forderte den sofortigen Abzug der Truppen.", "DEMAND"),
    ("de", "Moskau lehnte den Vorschlag ab.", "REJECT"),
    ("de", "Der Präsident drohte mit neuen Zöllen.", "THREATEN"),
    ("de", "Zwei Diplomaten wurden ausgewiesen.", "SANCTION"),
    ("de", "Die Armee griff die Stellungen der Rebellen an.", "ASSAULT"),
    ("ru", "Стороны договорились о расширении торговли.", "AGREE"),
    ("ru", "Президенты провели переговоры в узком составе.", "CONSULT"),
    ("ru", "Министр поддержал инициативу соседней страны.", "SUPPORT"),
    ("ru", "МИД осудил ракетный удар по жилому кварталу.", "DISAPPROVE"),
    ("ru", "Москва потребовала объяснений от посла.", "DEMAND"),
    ("ru", "Правительство отвергло предложение оппозиции.", "REJECT"),
    ("ru", "Премьер пригрозил ответными мерами.", "THREATEN"),
    ("ru", "Москва выслала двух дипломатов.", "SANCTION"),
    ("ru", "Войска атаковали позиции противника.", "ASSAULT"),
    ("fr", "Les deux présidents se sont entretenus à Paris.", "CONSULT"),
    ("fr", "Le ministre a condamné l'attaque.", "DISAPPROVE"),
]


@pytest.mark.parametrize("lang,text,ptype", TYPES)
def test_main_trigger_type(lang: str, text: str, ptype: str) -> None:
    assert _main(text, lang).type == ptype


def test_every_plover_type_has_english_triggers() -> None:
    table = load_yaml("triggers.yaml")["cameo"]
    types = {v[0] for v in table.values()}
    assert types == {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
                     "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
                     "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
    assert {ptype for lang, _, ptype in TYPES if lang == "en"} == types


@pytest.mark.parametrize("lang,text,mode,cameo", [
    ("en", "Biden had a telephone conversation with Erdogan.", "phone", "041"),
    ("en", "The two leaders spoke by phone on Tuesday.", "phone", "041"),
    ("de", "Die Außenminister führten ein Telefongespräch.", "phone", "041"),
    ("ru", "Состоялся телефонный разговор двух президентов.", "phone", "041"),
    ("en", "The Belarusian president visited Kazakhstan in October.", "visit", "042"),
    ("de", "Der Besuch des Präsidenten in Kasachstan dauerte zwei Tage.", "visit", "042"),
    ("ru", "Визит президента в Казахстан завершился.", "visit", "042"),
    ("en", "Lukashenko met Tokayev on the sidelines.", None, "040"),
    ("de", "Die Staatschefs trafen sich zu einem informellen Treffen.", None, "040"),
    ("ru", "Лукашенко встретился с Токаевым.", None, "040"),
])
def test_consult_modes(lang: str, text: str, mode: str | None, cameo: str) -> None:
    t = _main(text, lang)
    assert (t.type, t.mode, t.cameo) == ("CONSULT", mode, cameo)
    assert not t.future and not t.negated


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin will visit Minsk next week."),
    ("en", "The president's upcoming visit to Kazakhstan was discussed."),
    ("en", "Tokayev invited Lukashenko to visit Astana."),
    ("en", "The two ministers are expected to hold talks in Baku."),
    ("de", "Der bevorstehende Besuch des Präsidenten wurde vorbereitet."),
    ("de", "Der Präsident wird im Mai Kasachstan besuchen."),
    ("ru", "Лукашенко посетит Казахстан в ноябре."),
    ("ru", "Обсуждался предстоящий визит президента."),
])
def test_future(lang: str, text: str) -> None:
    t = _main(text, lang)
    assert t.type == "CONSULT" and t.future
    assert as_plover(t) == ("AGREE", "036")  # CAMEO codes an announced meeting as intent


@pytest.mark.parametrize("lang,text", [
    ("en", "The president did not meet the opposition leader."),
    ("de", "Es gab keine Gespräche zwischen den Ministern."),
    ("de", "Die Minister trafen sich nicht."),
    ("ru", "Министр не встречался с послом."),
])
def test_negation(lang: str, text: str) -> None:
    t = _main(text, lang)
    assert t.type == "CONSULT" and t.negated
    assert as_plover(t)[0] == "REJECT"


def test_past_meeting_is_neither_future_nor_negated() -> None:
    t = _main("On 25 May the presidents met in Minsk.", "en")  # "May" the month is no modal
    assert not t.future and not t.negated


@pytest.mark.parametrize("lang,text", [
    ("en", "He talks about the weather every day."),
    ("en", "The new plant is meeting the requirements of the regulator."),
    ("en", "Visit our website for more news."),
    ("en", "The proposal was met with skepticism."),
    ("en", "Royal Dutch Shell reported higher profits."),
    ("de", "Das Wetter ist heute schön."),
    ("ru", "Погода сегодня хорошая."),
])
def test_no_false_triggers(lang: str, text: str) -> None:
    assert main_trigger(text, lang) is None, find_triggers(text, lang)


def test_frames_dominate_their_content() -> None:
    # the speech act names the event, not the act it mentions
    assert _main("Iran threatened to impose sanctions on the company.", "en").type == "THREATEN"
    assert _main("Seoul rejected Pyongyang's offer of talks.", "en").type == "REJECT"
    assert _main("Minsk accused Vilnius of violating the border.", "en").type == "DISAPPROVE"
    # but a purpose clause does not: "to demand" is why they demonstrated
    assert _main("Students staged demonstrations to demand reforms.", "en").type == "PROTEST"


def test_background_clause_is_not_the_main_event() -> None:
    t = _main("Israel reimposed the closure following the shooting of two soldiers.", "en")
    assert t.type == "COERCE"


def test_future_hostile_act_is_a_threat_in_cameo_coding() -> None:
    t = _main("The United States would impose new sanctions on the regime.", "en")
    assert t.future and as_plover(t)[0] == "THREATEN"


def test_mapping_table_is_respected() -> None:
    # CAMEO2PLOVER-2021: 057 sign formal agreement -> SUPPORT
    t = _main("The ministers signed an agreement on visa-free travel.", "en")
    assert (t.type, t.cameo) == ("SUPPORT", "057")


@pytest.mark.parametrize("lang,text,ptype,mode", [
    # the manual's SANCTION lists "impose embargo, boycott, or sanctions" (the table says COERCE)
    ("de", "Die EU hat neue Sanktionen gegen den Iran verhängt.", "SANCTION", "restrict"),
    ("en", "Canada imposed sanctions on three shipping firms.", "SANCTION", "restrict"),
    # the manual's CONCEDE: easing restrictions and removing curfews are verbal concessions
    ("en", "The governor lifted the curfew in the northern districts.", "CONCEDE", None),
    ("en", "The cabinet ended the state of emergency on Friday.", "CONCEDE", None),
    # the manual's RETREAT covers resignations of government officials (mode resign)
    ("en", "The defence minister resigned on Tuesday.", "RETREAT", "resign"),
    ("de", "Der Innenminister ist zurückgetreten.", "RETREAT", "resign"),
])
def test_codebook_definitions_decide_over_the_table(lang: str, text: str, ptype: str,
                                                    mode: str | None) -> None:
    t = _main(text, lang)
    assert (t.type, t.mode) == (ptype, mode)
    assert as_plover(t)[0] == ptype


def test_announced_or_refused_resignation_is_intent_or_rejection() -> None:
    assert as_plover(_main("The prime minister will resign next month.", "en"))[0] == "AGREE"
    assert as_plover(_main("The prime minister refused to resign.", "en"))[0] == "REJECT"


def test_document_offsets_and_several_events() -> None:
    text = ("Lukashenko and Tokayev held talks in Astana. They signed a roadmap. "
            "Next month the prime ministers will meet in Minsk.")
    found = find_triggers(text, "en")
    for t in found:
        assert text[t.start:t.end] == t.surface
    kinds = [(t.type, t.future) for t in found]
    assert ("CONSULT", False) in kinds and ("SUPPORT", False) in kinds and ("CONSULT", True) in kinds
    ranks = dict((t.surface, p) for t, p in ranked_triggers(text, "en"))
    assert ranks["signed"] > ranks.get("talks", 0)


def test_unknown_language_falls_back_to_english() -> None:
    assert _main("The ministers held talks.", "xx").type == "CONSULT"


def test_visiting_as_an_adjective_is_no_visit() -> None:
    """"the visiting Ottawa Senators", "a visiting professor": an adjective, not a state visit."""
    assert not [t for t in find_triggers("The Penguins won 5-2 over the visiting Ottawa Senators.", "en")
                if t.mode == "visit"]
    assert [t.mode for t in find_triggers("President Putin is visiting China this week.", "en")] == ["visit"]


@pytest.mark.parametrize("text,ptype", [
    # "before", "in protest of", "as" + clause: the time, cause or circumstance of the news
    ("The rebels said the government must agree to reforms before they disarm.", "DEMAND"),
    ("Farmers began a hunger strike in protest of the arrest of their leaders.", "PROTEST"),
    ("Dockers walked out in protest against the detention of two union officials.", "PROTEST"),
    ("The minister resigned on Sunday as protesters threatened to storm the ministry.", "RETREAT"),
    ("The envoys ended their mediation as artillery shelled the port.", "SANCTION"),
    # the full stops of "U.S." end no clause: "after" still opens the background clause
    ("Pyongyang expelled the inspectors after U.S. officials accused it of cheating.", "SANCTION"),
])
def test_background_clauses_yield_to_the_main_verb(text: str, ptype: str) -> None:
    assert as_plover(_main(text, "en"))[0] == ptype


def test_as_in_fixed_phrases_opens_no_background_clause() -> None:
    ranks = {t.surface: p for t, p in ranked_triggers(
        "Russia as well as China imposed sanctions on the firm.", "en")}
    assert ranks["imposed sanctions"] == 8
    ranks = {t.surface: p for t, p in ranked_triggers(
        "The ministers met as part of a wider dialogue.", "en")}
    assert ranks["dialogue"] == 3  # the noun's own priority, not lowered


def test_in_defiance_of_qualifies_the_act() -> None:
    t = _main("Thousands blocked the main roads in defiance of the government.", "en")
    assert t.type == "PROTEST"
    assert _main("The newspaper acted in defiance of the court.", "en").type == "REJECT"


def test_a_press_release_releases_nobody() -> None:
    assert not [t for t in find_triggers("The ministry issued a press release on Monday.", "en")
                if t.type == "RETREAT"]


@pytest.mark.parametrize("text,ptype,cameo", [
    # defending a decision or a right is a verbal act about it, whatever act it defends
    ("Washington defended the decision to strike the airfield.", "SUPPORT", "052"),
    # rallying others to support someone is support, not the mobilisation of armed forces
    ("The ministry mobilized diaspora groups abroad to support the campaign.", "SUPPORT", "053"),
    # peacekeepers arriving somewhere bring peacekeeping: no diplomatic visit
    ("A battalion of Irish peacekeepers arrived in Lebanon on Monday.", "AID", "074"),
    ("Norway contributed 20 million dollars to the reconstruction fund.", "AID", "070"),
    # a permission names the event, whatever act it permits ...
    ("The interior minister allowed the opposition to hold a rally in the capital.", "CONCEDE",
     "080"),
    # ... but letting inspectors in is access (RETREAT)
    ("The junta allowed UN inspectors to visit the site.", "RETREAT", "086"),
    # pressing someone to act, however long the description of whom
    ("Beijing has been pressuring the owners of the largest shipping firm in the port city to "
     "cancel the strike.", "DEMAND", "100"),
    ("The militia trained hundreds of fighters capable of attacking the border posts.", "MOBILIZE",
     "150"),
    # ordering newspapers to stop printing is censorship, not a demand
    ("The government ordered two independent newspapers to suspend publication.", "COERCE", "172"),
    # driving people from their homes is a mass expulsion (ASSAULT in the 2021 table)
    ("Soldiers forced hundreds of villagers from their homes.", "ASSAULT", "201"),
    # sending a team to investigate is the investigation
    ("The UN sent a team of experts to the region to investigate the killings.", "INVESTIGATE",
     "090"),
    ("The museum returned the looted statues to Cambodia.", "RETREAT", "0842"),
])
def test_what_the_main_verb_does(text: str, ptype: str, cameo: str) -> None:
    t = _main(text, "en")
    assert (t.type, t.cameo) == (ptype, cameo)


def test_an_announced_act_is_not_a_purpose_clause() -> None:
    """"is ready to contribute troops": the infinitive is what is announced (AGREE in CAMEO
    coding), not the purpose of another verb, and wins over a noun later in the sentence."""
    t = _main("Ghana is ready to contribute 800 troops to the new peacekeeping force.", "en")
    assert (t.type, t.cameo, t.future) == ("AID", "074", True)
    assert as_plover(t)[0] == "AGREE"
    # a real purpose clause is still lowered
    assert _main("Students staged demonstrations to demand reforms.", "en").type == "PROTEST"


def test_arrivals_of_leaders_are_still_visits() -> None:
    t = _main("The president arrived in Hanoi on a state visit.", "en")
    assert (t.type, t.mode) == ("CONSULT", "visit")


def test_the_opposition_to_do_something_is_no_rejection() -> None:
    """"opposition to the plan" rejects it; "allowed the opposition to hold" names a party."""
    assert _main("Parliament voiced its opposition to the pipeline.", "en").type == "REJECT"
    assert not [t for t in find_triggers("They asked the opposition to join the government.", "en")
                if t.type == "REJECT"]


def test_returning_to_a_place_returns_nothing() -> None:
    assert not [t for t in find_triggers("The delegation returned to Minsk on Friday.", "en")
                if t.type == "RETREAT"]
