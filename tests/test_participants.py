"""Sentence-level participants: parties vs venue vs topic, source vs target, in de, en, ru.

Analyses are built by hand (the resolvers are tested on their own), so these tests pin the
participant rules only.
"""
from __future__ import annotations

from bilateral.extract.participants import Participants, sentence_participants
from bilateral.models import (Analysis, CountryMention, Document, OrgMention, PersonMention,
                              PlaceMention, Sentence)


def _at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def run(text: str, lang: str, countries=(), people=(), places=()) -> Participants:
    """countries: (surface, code, kind); people: (surface, country[, role]); places: (surface,
    country)."""
    doc = Document(doc_id="t", source="t", original=text, text=text, language=lang)
    a = Analysis(document=doc, sentences=[Sentence(0, 0, len(text), text)])
    for surface, code, kind in countries:
        s, e = _at(text, surface)
        a.countries.append(CountryMention(s, e, surface, code=code, kind=kind))
    for surface, country, *role in people:
        s, e = _at(text, surface)
        a.people.append(PersonMention(s, e, surface, name=surface, country=country,
                                      role=role[0] if role else None))
    for surface, country in places:
        s, e = _at(text, surface)
        a.places.append(PlaceMention(s, e, surface, name=surface, country=country))
    return sentence_participants(a.sentences[0], a)


def test_meeting_actors_are_both_sides_and_venue_is_not_a_party() -> None:
    text = ("Belarus President Aleksandr Lukashenko met with Kazakhstan President "
            "Kassym-Jomart Tokayev in Yerevan on 1 October.")
    p = run(text, "en",
            countries=[("Belarus", "BY", "name"), ("Kazakhstan", "KZ", "name"),
                       ("Yerevan", "AM", "capital")],
            people=[("Aleksandr Lukashenko", "BY"), ("Kassym-Jomart Tokayev", "KZ")])
    assert p.countries == ["BY", "KZ"]
    assert sorted(p.source) == sorted(p.target) == ["BY", "KZ"]  # symmetric (SRC/TAR)
    assert p.venue_countries == ["AM"]
    assert len(p.people) == 2


def test_host_of_a_visit_is_a_party() -> None:
    text = "The Belarusian head of state hopes that his upcoming visit to Kazakhstan will succeed."
    p = run(text, "en", countries=[("Belarusian", "BY", "adjective"), ("Kazakhstan", "KZ", "name")])
    assert p.countries == ["BY", "KZ"]
    assert p.source == ["BY"] and p.target == ["KZ"]
    assert p.trigger is not None and p.trigger.future


def test_host_city_of_a_visit_is_a_party_de() -> None:
    text = "Lukaschenko traf am Freitag zu einem Besuch in Nur-Sultan ein."
    p = run(text, "de", people=[("Lukaschenko", "BY")], countries=[("Nur-Sultan", "KZ", "capital")])
    assert p.countries == ["BY", "KZ"] and p.venue_countries == []


def test_venue_that_is_also_a_party_stays_a_party() -> None:
    text = ("Am 29. März fand in Almaty ein informelles Treffen zwischen dem Präsidenten "
            "Shavkat Mirziyoyev und dem Präsidenten Kassym-Jomart Tokayev statt.")
    p = run(text, "de", places=[("Almaty", "KZ")],
            people=[("Shavkat Mirziyoyev", "UZ"), ("Kassym-Jomart Tokayev", "KZ")])
    assert p.countries == ["KZ", "UZ"]
    assert p.venue_countries == []  # KZ is the place *and* a party


def test_third_country_venue_de() -> None:
    text = ("Der stellvertretende Außenminister Kasachstans und der belgische Generaldirektor "
            "nahmen in Genf an politischen Konsultationen teil.")
    p = run(text, "de", countries=[("Kasachstans", "KZ", "name"), ("belgische", "BE", "adjective")],
            places=[("Genf", "CH")])
    assert p.countries == ["BE", "KZ"] and p.venue_countries == ["CH"]


def test_capitals_as_metonyms_de() -> None:
    text = "Er betonte, dass Minsk und Nur-Sultan positive Kontakte pflegen und Gespräche führen."
    p = run(text, "de", countries=[("Minsk", "BY", "capital"), ("Nur-Sultan", "KZ", "capital")])
    assert p.countries == ["BY", "KZ"]


def test_compound_adjective_gives_both_parties_de() -> None:
    text = "Die Delegationen erörterten die Vertiefung der usbekisch-kasachischen Beziehungen."
    p = run(text, "de", countries=[("usbekisch", "UZ", "compound"), ("kasachischen", "KZ", "compound")])
    assert p.countries == ["KZ", "UZ"]
    assert sorted(p.source) == sorted(p.target) == ["KZ", "UZ"]


def test_agent_and_object_en() -> None:
    text = "Belarus aims to strengthen relations with Kazakhstan, Lukashenko said as he met Tokayev."
    p = run(text, "en", countries=[("Belarus", "BY", "name"), ("Kazakhstan", "KZ", "name")],
            people=[("Lukashenko", "BY"), ("Tokayev", "KZ")])
    assert p.countries == ["BY", "KZ"]


def test_directed_event_source_and_target() -> None:
    text = "Switzerland expelled two Russian diplomats based in Geneva for spying."
    p = run(text, "en", countries=[("Switzerland", "CH", "name"), ("Russian", "RU", "adjective")],
            places=[("Geneva", "CH")])
    assert p.source == ["CH"] and p.target == ["RU"]


def test_passive_by_is_the_source() -> None:
    text = "A refugee camp for Congolese families was attacked by Burundian militiamen."
    p = run(text, "en", countries=[("Congolese", "CD", "adjective"), ("Burundian", "BI", "adjective")])
    assert p.source == ["BI"] and p.target == ["CD"]


def test_topic_country_is_not_a_party() -> None:
    text = "Putin and Lukashenko talked about Ukraine during talks in Sochi."
    p = run(text, "en", countries=[("Ukraine", "UA", "name")], places=[("Sochi", "RU")],
            people=[("Putin", "RU"), ("Lukashenko", "BY")])
    assert p.countries == ["BY", "RU"]


def test_report_clause_country_is_not_a_party() -> None:
    text = "Jordan and Britain agreed to hold joint exercises, a Jordanian official said."
    p = run(text, "en", countries=[("Jordan", "JO", "name"), ("Britain", "GB", "name"),
                                   ("Jordanian", "JO", "adjective")])
    assert p.countries == ["GB", "JO"]
    text = "Warsaw expelled the ambassador, the Itar-Tass agency of Russia reported."
    p = run(text, "en", countries=[("Warsaw", "PL", "capital"), ("Russia", "RU", "name")])
    assert p.countries == ["PL"]


def test_object_modifiers_beyond_the_first_object_are_dropped() -> None:
    text = "Pakistan threatened to break off relations with Congo and Costa Rica over their ties with Israel."
    p = run(text, "en", countries=[("Pakistan", "PK", "name"), ("Congo", "CG", "name"),
                                   ("Costa Rica", "CR", "name"), ("Israel", "IL", "name")])
    assert p.source == ["PK"] and sorted(p.target) == ["CG", "CR"]


def test_place_qualifying_the_subject_is_the_source() -> None:
    text = "Opposition groups in Zimbabwe rejected the plan of the government."
    p = run(text, "en", countries=[("Zimbabwe", "ZW", "name")])
    assert p.source == ["ZW"]


def test_ethnic_group_is_coded_by_where_it_lives() -> None:
    text = "Ethnic Albanians in southern Serbia demanded autonomy."
    p = run(text, "en", countries=[("Albanians", "AL", "demonym"), ("Serbia", "RS", "name")])
    assert p.countries == ["RS"]


def test_ru_meeting_and_venue() -> None:
    text = "Лукашенко и Токаев провели переговоры в Ереване."
    p = run(text, "ru", people=[("Лукашенко", "BY"), ("Токаев", "KZ")],
            countries=[("Ереване", "AM", "capital")])
    assert p.countries == ["BY", "KZ"] and p.venue_countries == ["AM"]


def test_ru_visit_host() -> None:
    text = "Президент Белоруссии посетит Казахстан в ноябре."
    p = run(text, "ru", countries=[("Белоруссии", "BY", "name"), ("Казахстан", "KZ", "name")])
    assert p.countries == ["BY", "KZ"] and p.target == ["KZ"]


def test_no_countries_no_parties() -> None:
    p = run("The ministers held talks on Friday.", "en")
    assert p.countries == [] and p.venue_countries == []


# ----------------------------------------------------------------- classes of non-parties

def test_pro_anti_and_backed_modifiers_are_no_parties() -> None:
    text = ("The pro-Iranian group declared a ceasefire in the south after battles with the "
            "Syrian-backed militia.")
    p = run(text, "en", countries=[("Iranian", "IR", "adjective"), ("Syrian", "SY", "adjective")])
    assert p.countries == []
    text = "A prominent anti-Syria journalist was killed by a car bomb in Beirut."
    p = run(text, "en", countries=[("Syria", "SY", "name"), ("Beirut", "LB", "capital")])
    assert p.countries == ["LB"]


def test_language_population_and_border_modifiers_are_no_parties() -> None:
    text = "The Latvian court cancelled restrictions on the use of the Russian language."
    p = run(text, "en", countries=[("Latvian", "LV", "adjective"), ("Russian", "RU", "adjective")])
    assert p.countries == ["LV"]
    text = "Serb forces committed atrocities in Montenegro against the Albanian population."
    p = run(text, "en", countries=[("Serb", "RS", "adjective"), ("Montenegro", "ME", "name"),
                                   ("Albanian", "AL", "adjective")])
    assert "AL" not in p.countries
    text = "Burmese troops captured a rebel stronghold on the Thai border after heavy fighting."
    p = run(text, "en", countries=[("Burmese", "MM", "adjective"), ("Thai", "TH", "adjective")])
    assert p.countries == ["MM"]
    # border guards are a party; so is the state whose border is closed
    text = "Russia closed its southern borders with Iran and Turkey."
    p = run(text, "en", countries=[("Russia", "RU", "name"), ("Iran", "IR", "name"),
                                   ("Turkey", "TR", "name")])
    assert p.source == ["RU"] and sorted(p.target) == ["IR", "TR"]
    text = "Lebanon rejected a call for deploying army troops along its borders with Israel."
    p = run(text, "en", countries=[("Lebanon", "LB", "name"), ("Israel", "IL", "name")])
    assert p.countries == ["LB"]


def test_group_named_by_where_it_lives() -> None:
    text = "The Albanians of southern Serbia are demanding autonomy from the authorities."
    p = run(text, "en", countries=[("Albanians", "AL", "demonym"), ("Serbia", "RS", "name")])
    assert p.countries == ["RS"]


def test_person_object_makes_later_states_modifiers() -> None:
    text = ("An Argentine judge ordered Carlos Menem to appear for questioning in an "
            "investigation of arms sales to Croatia and Ecuador.")
    p = run(text, "en", countries=[("Argentine", "AR", "adjective"), ("Croatia", "HR", "name"),
                                   ("Ecuador", "EC", "name")], people=[("Carlos Menem", "AR")])
    assert p.countries == ["AR"]


def test_later_clause_holds_background_but_time_phrases_do_not() -> None:
    text = "North Korea expelled the inspectors after U.S. officials alleged a secret programme."
    p = run(text, "en", countries=[("North Korea", "KP", "name"), ("U.S.", "US", "name")])
    assert p.countries == ["KP"]
    text = "Uzbekistan opened the bridge after four years to allow grain deliveries to Afghanistan."
    p = run(text, "en", countries=[("Uzbekistan", "UZ", "name"), ("Afghanistan", "AF", "name")])
    assert p.countries == ["AF", "UZ"]


def test_stance_about_a_place_targets_its_state_but_meetings_keep_their_venue() -> None:
    text = "Pakistan has refused to deploy peacekeepers in Iraq."
    p = run(text, "en", countries=[("Pakistan", "PK", "name"), ("Iraq", "IQ", "name")])
    assert p.source == ["PK"] and p.target == ["IQ"]
    # ... not a place in a condition
    text = "Syria says it will not accept any more refugees if war starts in Iraq."
    p = run(text, "en", countries=[("Syria", "SY", "name"), ("Iraq", "IQ", "name")])
    assert p.countries == ["SY"]


def test_organisation_subject_working_in_a_country_is_not_that_state() -> None:
    text = "The Red Cross operating in Iraq said US and British forces must ensure security."
    doc = Document(doc_id="t", source="t", original=text, text=text, language="en")
    a = Analysis(document=doc, sentences=[Sentence(0, 0, len(text), text)])
    for surface, code, kind in (("Iraq", "IQ", "name"), ("US", "US", "name"),
                                ("British", "GB", "adjective")):
        s, e = _at(text, surface)
        a.countries.append(CountryMention(s, e, surface, code=code, kind=kind))
    s, e = _at(text, "Red Cross")
    a.organizations.append(OrgMention(s, e, "Red Cross", code="ICRC"))
    p = sentence_participants(a.sentences[0], a)
    assert p.countries == ["GB", "US"]


def test_sentence_opening_with_its_trigger_noun_takes_the_place_as_subject() -> None:
    text = "A roadside bombing near Samarra killed one U.S. soldier."
    p = run(text, "en", countries=[("U.S.", "US", "name")], places=[("Samarra", "IQ")])
    assert p.source == ["IQ"] and p.target == ["US"]


def test_passive_act_without_agent_targets_the_subject() -> None:
    text = "A missionary from Calgary was arrested in Lebanon for spying."
    p = run(text, "en", countries=[("Lebanon", "LB", "name")], places=[("Calgary", "CA")])
    assert p.countries == ["CA", "LB"] and "CA" in p.target and "CA" not in p.source


def test_later_parts_of_a_compound_share_its_part() -> None:
    text = "The German government welcomed the progress in U.S.-Soviet arms talks."
    p = run(text, "en", countries=[("German", "DE", "adjective"), ("U.S.", "US", "compound"),
                                   ("Soviet", "RU", "compound")])
    assert p.countries == ["DE"]


def test_states_coordinated_with_a_host_are_kept() -> None:
    text = "Gambian President Jawara will visit Mauritania and Senegal to mediate in a dispute."
    p = run(text, "en", countries=[("Gambian", "GM", "adjective"), ("Mauritania", "MR", "name"),
                                   ("Senegal", "SN", "name")], people=[("Jawara", "GM")])
    assert p.countries == ["GM", "MR", "SN"]


def test_place_inside_a_persons_name_is_no_party() -> None:
    text = "Judge Alejandro Rivera opened an investigation against 28 Chilean officials."
    p = run(text, "en", countries=[("Chilean", "CL", "adjective")],
            people=[("Alejandro Rivera", None, "Judge")], places=[("Rivera", "UY")])
    assert p.countries == ["CL"]


def test_groups_coded_with_their_state_are_parties() -> None:
    text = "Hezbollah fired rockets at northern Israel overnight."
    p = run(text, "en", countries=[("Hezbollah", "LB", "group"), ("Israel", "IL", "name")])
    assert p.source == ["LB"] and p.target == ["IL"]


def test_language_and_pro_modifiers_de_ru() -> None:
    text = "Lettland schränkte den Gebrauch der russischen Sprache im Rundfunk ein."
    p = run(text, "de", countries=[("Lettland", "LV", "name"), ("russischen", "RU", "adjective")])
    assert p.countries == ["LV"]
    text = "Латвия ограничила использование русского языка на радио."
    p = run(text, "ru", countries=[("Латвия", "LV", "name"), ("русского", "RU", "adjective")])
    assert p.countries == ["LV"]


def test_nationality_of_a_private_person_or_company_makes_no_party() -> None:
    """A state adjective on a private person or a company describes them; the state does not act."""
    from bilateral.models import RawDocument
    from bilateral.pipeline import process

    for text, lang, absent in [
        ("Муж пакистанской христианки попросил убежища в Канаде и Нидерландах.", "ru", "PK"),
        ("The husband of a Pakistani Christian woman asked Canada for asylum.", "en", "PK"),
        ("Eine chinesische Firma unterzeichnete ein Abkommen mit der Regierung Kasachstans.", "de", "CN"),
    ]:
        result = process(RawDocument(doc_id="p", source="p.txt", text=text, language=lang))
        assert all(absent not in e.countries for e in result.events), (text, [e.countries for e in result.events])
    # a state acting is still a party
    result = process(RawDocument(doc_id="q", source="q.txt", language="en",
                                 text="The Pakistani government criticised Canada over the asylum decision."))
    assert result.events and result.events[0].countries == ["CA", "PK"]


# ---------------------------------------------------------------- private subjects
# An interstate event needs a state acting as its source (CONTRACT: "between states or their
# officials"). A private person or body as the subject ("The husband of ... asked Britain for
# asylum") makes the sentence state no interstate event: no source, and the flag
# ``private_source`` that tells the assembler to make no event of the sentence.


def _pipeline_participants(text: str, lang: str) -> Participants:
    """The sentence's participants with the real resolvers (one-sentence document)."""
    from bilateral.models import RawDocument
    from bilateral.clean import clean_document
    from bilateral.pipeline import analyse

    a = analyse(clean_document(RawDocument(doc_id="t", source="t.txt", text=text, language=lang)))
    assert len(a.sentences) == 1, a.sentences
    return sentence_participants(a.sentences[0], a)


def test_private_person_or_body_as_subject_is_no_state_source() -> None:
    for text, lang in [
        ("The husband of a Pakistani Christian has asked Britain, the United States and Canada "
         "for asylum.", "en"),
        ("A Pakistani Christian asked the Netherlands for asylum.", "en"),
        ("A Catholic charity called on Berlin and the European Union to intervene.", "en"),
        ("The Russian journalist's family appealed to Germany and France for help.", "en"),
        ("Der Ehemann der pakistanischen Christin hat Großbritannien und Kanada um Asyl gebeten.", "de"),
        ("Eine katholische Organisation forderte Berlin und die EU zum Eingreifen auf.", "de"),
        ("Муж пакистанской христианки попросил убежища у Великобритании, США и Канады.", "ru"),
        ("Католическая организация призвала Берлин и Евросоюз вмешаться.", "ru"),
        ("Семья журналиста обратилась к властям Германии и Франции с просьбой о помощи.", "ru"),
    ]:
        p = _pipeline_participants(text, lang)
        assert p.private_source and p.source == [], (text, p)


def test_private_named_person_without_role_is_no_state_source() -> None:
    text = "Ivan Petrov asked Germany and France for asylum."
    p = run(text, "en", countries=[("Germany", "DE", "name"), ("France", "FR", "name")],
            people=[("Ivan Petrov", None)])
    assert p.private_source and p.source == [] and sorted(p.target) == ["DE", "FR"]
    # the same sentence with a state official as subject is an interstate request
    text = "Foreign Minister Ivan Petrov asked Germany and France for support."
    p = run(text, "en", countries=[("Germany", "DE", "name"), ("France", "FR", "name")],
            people=[("Ivan Petrov", "RU", "Foreign Minister")])
    assert not p.private_source and p.source == ["RU"]


def test_state_subjects_stay_sources() -> None:
    for text, lang, source in [
        ("The Pakistani government asked the Netherlands to extradite the suspect.", "en", "PK"),
        ("Canadian authorities criticised Pakistan over the verdict.", "en", "CA"),
        ("МИД России призвал Пакистан освободить христианку.", "ru", "RU"),
        ("Власти Канады призвали Пакистан освободить христианку.", "ru", "CA"),
        ("Die pakistanische Regierung forderte Deutschland zur Auslieferung auf.", "de", "PK"),
    ]:
        p = _pipeline_participants(text, lang)
        assert not p.private_source and source in p.source, (text, p)


def test_hard_cases_of_private_subjects() -> None:
    # a private noun after a new clause's opening is no longer the subject
    p = _pipeline_participants("The woman's lawyer said Canada had criticised Pakistan.", "en")
    assert not p.private_source and p.source == ["CA"]
    # a passive's subject is its target: a state acted (PLOVER codes it with the state)
    p = _pipeline_participants("A British tourist was arrested by Thai police in Bangkok.", "en")
    assert not p.private_source
    # protests and violence by private people keep their state (CAMEO codes them so)
    text = "Angry Pakistani activists protested outside the Danish embassy."
    p = run(text, "en", countries=[("Pakistani", "PK", "adjective"), ("Danish", "DK", "adjective")])
    assert not p.private_source
    # a private subject coordinated with a state is a state's act
    text = "The church and the German government called on Russia to release the prisoners."
    p = run(text, "en", countries=[("German", "DE", "adjective"), ("Russia", "RU", "name")])
    assert not p.private_source and "DE" in p.source
    # a private word as an adjective of a place, a person's first name: no private head
    text = "A newspaper in Christian east Beirut criticised Syria."
    p = run(text, "en", places=[("Beirut", "LB")], countries=[("Syria", "SY", "name")])
    assert not p.private_source
    # Russian fronted object, subject after the verb: "asylum to Bibi offered France and Spain"
    p = _pipeline_participants("Убежище Асии Биби предложили Франция и Испания.", "ru")
    assert not p.private_source
    # a noun trigger with its state possessor
    text = "The family protested against the Russian government's refusal to grant visas."
    p = run(text, "en", countries=[("Russian", "RU", "adjective")])
    assert not p.private_source


def test_knowledge_base_person_without_office_is_private() -> None:
    """An opposition figure in the knowledge base (no office) does not act for his state."""
    from bilateral.extract.participants import _is_private
    from bilateral.models import PersonMention

    assert _is_private(PersonMention(0, 7, "Navalny", name="Alexei Navalny", country="RU",
                                     person_id="ru-navalny"))
    assert not _is_private(PersonMention(0, 5, "Putin", name="Vladimir Putin", country="RU",
                                         person_id="ru-putin"))
