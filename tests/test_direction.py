"""Direction (initiator -> recipient) on articles written for these tests: the visitor -> the
host, the caller only when the text says who called, the acting state -> its target for hostile
and giving acts, symmetric meetings, summits and agreements; several reports merged."""
from __future__ import annotations

from bilateral.extract.direction import merge_direction
from bilateral.link.merge import merge_events
from bilateral.models import Event, Evidence, RawDocument, Source
from bilateral.pipeline import process


def events_of(text: str, lang: str | None = None, published: str | None = "2024-05-06"):
    result = process(RawDocument(doc_id="d", source="d.txt", text=text, language=lang, published=published))
    assert result.error is None, result.error
    return result.events


def main_event(text: str, lang: str | None = None) -> Event:
    events = events_of(text, lang)
    assert events, "no event found"
    return events[0]


def test_host_verb_makes_the_guest_the_initiator():
    e = main_event("Scholz receives Kazakh president\n\nGerman Chancellor Olaf Scholz received Kazakh "
                   "President Kassym-Jomart Tokayev in Berlin on Monday for talks on energy supplies.\n", "en")
    assert e.countries == ["DE", "KZ"] and e.mode == "visit"
    assert (e.initiator, e.recipient) == (["KZ"], ["DE"])
    assert e.direction_evidence and "receive" in e.direction_evidence[0].text


def test_passive_host_verb_reads_the_agent():
    e = main_event("Tokayev in Berlin\n\nKazakh President Kassym-Jomart Tokayev was received by German "
                   "Chancellor Olaf Scholz on Monday for talks on energy.\n", "en")
    assert (e.initiator, e.recipient) == (["KZ"], ["DE"])


def test_english_host_is_the_parsed_subject_not_the_first_state_named():
    """A fronted phrase names the guest's state first; the parse finds the subject."""
    e = main_event("Talks\n\nIn a gesture to Kazakhstan, Uzbek President Shavkat Mirziyoyev hosted Kazakh "
                   "President Kassym-Jomart Tokayev for talks on water on Monday.\n", "en")
    assert (e.initiator, e.recipient) == (["KZ"], ["UZ"])


def test_english_host_in_a_relative_clause_is_the_noun_it_describes():
    e = main_event("Talks\n\nUzbek President Shavkat Mirziyoyev held talks with Kazakh President Kassym-Jomart "
                   "Tokayev, who hosted him on Monday.\n", "en")
    assert (e.initiator, e.recipient) == (["UZ"], ["KZ"])


def test_german_host_verb():
    e = main_event("Putin empfängt Erdogan\n\nDer russische Präsident Wladimir Putin hat den türkischen "
                   "Präsidenten Recep Tayyip Erdogan am Montag in Sotschi empfangen. Die beiden sprachen "
                   "über Getreide.\n", "de")
    assert set(e.countries) == {"RU", "TR"}
    assert (e.initiator, e.recipient) == (["TR"], ["RU"])


def test_visit_to_a_state_makes_it_the_host_without_a_place():
    e = main_event("Visite\n\nLe président français Emmanuel Macron s'est rendu en Ouzbékistan pour des "
                   "entretiens avec le président ouzbek Chavkat Mirzioïev.\n", "fr")
    assert e.location is None
    assert set(e.countries) == {"FR", "UZ"}
    assert (e.initiator, e.recipient) == (["FR"], ["UZ"])


def test_host_in_a_background_clause_is_not_this_visits_host():
    """"weeks after Turkey hosted him" is another event: it must not make Turkey the host here."""
    e = main_event("Erdogan in Ashgabat\n\nTurkish President Recep Tayyip Erdogan held talks with Turkmen "
                   "President Serdar Berdimuhamedov in Ashgabat on Saturday, weeks after Turkey hosted "
                   "Berdimuhamedov in Istanbul.\n", "en")
    assert (e.initiator, e.recipient) == (["TR"], ["TM"])


def test_third_country_meeting_and_summit_are_symmetric():
    e = main_event("Ministers meet\n\nArmenian Foreign Minister Ararat Mirzoyan met Azerbaijani Foreign "
                   "Minister Jeyhun Bayramov in Washington on Monday.\n", "en")
    assert e.mode == "third-party" and (e.initiator, e.recipient) == ([], [])


def test_phone_call_is_symmetric_unless_the_text_says_who_called():
    e = main_event("Presidents talk by phone\n\nKazakh President Kassym-Jomart Tokayev held a telephone "
                   "conversation with Uzbek President Shavkat Mirziyoyev on Monday.\n", "en")
    assert e.mode == "phone" and (e.initiator, e.recipient) == ([], [])
    e = main_event("Presidents talk by phone\n\nKazakh President Kassym-Jomart Tokayev held a telephone "
                   "conversation with Uzbek President Shavkat Mirziyoyev on Monday at the initiative of "
                   "the Uzbek side.\n", "en")
    assert e.mode == "phone" and (e.initiator, e.recipient) == (["UZ"], ["KZ"])


def test_call_under_initiative_without_article():
    """"under initiative of the X side" (a calque common in translated news) names the caller too."""
    e = main_event("Ministers talk\n\nKazakh Foreign Minister Murat Nurtleu held a phone call with Uzbek Foreign "
                   "Minister Bakhtiyor Saidov on Monday. The phone call with Saidov took place under initiative of "
                   "the Uzbek side.\n", "en")
    assert e.mode == "phone" and (e.initiator, e.recipient) == (["UZ"], ["KZ"])


def test_russian_call_on_whose_initiative():
    e = main_event("Телефонный разговор\n\nПрезидент Казахстана Касым-Жомарт Токаев провел телефонный "
                   "разговор с президентом Узбекистана Шавкатом Мирзиёевым по инициативе узбекской стороны.\n", "ru")
    assert e.mode == "phone" and (e.initiator, e.recipient) == (["UZ"], ["KZ"])


def test_sanction_goes_from_the_sanctioning_state_to_the_target():
    e = main_event("New sanctions\n\nThe European Union imposed new sanctions on Belarus on Monday over "
                   "the forced landing of a passenger plane.\n", "en")
    assert e.type in ("SANCTION", "COERCE")
    assert (e.initiator, e.recipient) == (["EU"], ["BY"])


def test_agreement_is_symmetric():
    events = events_of("Agreement signed\n\nKazakhstan and Uzbekistan signed an agreement on water use in "
                       "Tashkent on Monday.\n", "en")
    agree = [e for e in events if e.type in ("AGREE", "SUPPORT") and e.cameo == "057"] or events
    assert all((e.initiator, e.recipient) == ([], []) for e in agree if e.cameo == "057")


def _report(doc: str, init: list[str], rec: list[str], mode: str | None = "visit") -> Event:
    ev = Evidence(doc_id=doc, text="s", start=0, end=1)
    return Event(type="CONSULT", mode=mode, countries=["BY", "CN"], initiator=init, recipient=rec,
                 direction_evidence=[ev] if init else [],
                 sources=[Source(doc_id=doc, language="en", published=None, title=None, evidence=[ev])])


def test_merged_reports_keep_the_stated_direction_and_note_disagreement():
    merged = merge_events([_report("a", ["BY"], ["CN"]), _report("b", [], []), _report("c", ["BY"], ["CN"]),
                           _report("d", ["CN"], ["BY"])])
    assert (merged.initiator, merged.recipient) == (["BY"], ["CN"])
    assert any(c.startswith("direction: ") for c in merged.conflicts)
    # the order of the reports does not matter
    again = merge_events([_report("d", ["CN"], ["BY"]), _report("c", ["BY"], ["CN"]), _report("b", [], []),
                          _report("a", ["BY"], ["CN"])])
    assert (again.initiator, again.recipient, again.event_id) == (merged.initiator, merged.recipient, merged.event_id)


def test_merged_meeting_in_a_third_country_is_symmetric():
    members = [_report("a", ["BY"], ["CN"], mode="third-party")]
    d, notes = merge_direction(members, Event(type="CONSULT", mode="third-party", countries=["BY", "CN"]))
    assert (d.initiator, d.recipient, notes) == ([], [], [])


def test_contract_line_carries_direction_intensity_coordinates_and_url():
    result = process(RawDocument(doc_id="u", source="u.txt", url="https://example.org/a", language="en",
                                 published="2024-05-06",
                                 text="Scholz receives Tokayev\n\nGerman Chancellor Olaf Scholz received Kazakh "
                                      "President Kassym-Jomart Tokayev in Berlin on Monday.\n"))
    line = result.events[0].to_contract()
    assert (line["initiator"], line["recipient"]) == (["KZ"], ["DE"])
    assert (line["cameo"], line["goldstein"], line["quad_class"]) == ("042", 1.9, 1)
    assert line["location"]["geonameid"] == 2950159
    assert abs(line["location"]["lat"] - 52.52) < 0.05 and abs(line["location"]["lon"] - 13.41) < 0.05
    assert line["sources"][0]["url"] == "https://example.org/a"
