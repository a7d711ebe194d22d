"""Cross-document event linking: ids decide, embeddings only break ties.

Hard cases named here: the same meeting in German and English (one event, two sources); two
meetings of the same presidents on different days, or ``--10-01`` in Yerevan vs 2019-10-25 in
Astana (two events); an AGREE signed at a meeting vs the meeting (two); two meetings in one
article (never merged); a day's disagreement (merged, conflict recorded); shuffled input
(identical output).
"""
from __future__ import annotations

import random

import pytest

from bilateral import dates
from bilateral.link import index_keys, is_same_event, link_events, lookup_keys, merge_events
from bilateral.link.evidence import compare
from bilateral.models import Actor, Event, Evidence, Figure, Location, Quote, Source

ASTANA = 1526273
YEREVAN = 616052
MINSK = 625144


def ev(doc: str, *, type: str = "CONSULT", mode: str | None = "visit", date: str | None = "2019-10-25",
       countries=("BY", "KZ"), loc: tuple[str, int | None] | None = ("Astana", ASTANA),
       actors=("Alexander Lukashenko", "Kassym-Jomart Tokayev"), lang: str = "en",
       lead: str = "", figures=(), quotes=(), evidence: str = "They met.") -> Event:
    """An event as the extractor would hand it over, from one document."""
    country_of = {"Alexander Lukashenko": "BY", "Kassym-Jomart Tokayev": "KZ",
                  "Vladimir Makei": "BY", "Mukhtar Tileuberdi": "KZ",
                  "Nikol Pashinyan": "AM"}
    e = Event(type=type, mode=mode, date=date,
              date_precision=dates.parse(date).precision,
              countries=list(countries),
              location=None if loc is None else Location(loc[0], "KZ", loc[1],
                                                         [Evidence(doc, loc[0], 0, len(loc[0]))]),
              actors=[Actor(n, country_of.get(n), "President", [Evidence(doc, evidence, 0, len(evidence))])
                      for n in actors],
              figures=list(figures), quotes=list(quotes),
              sources=[Source(doc, lang, "2019-10-25", f"title {doc}",
                              [Evidence(doc, evidence, 10, 10 + len(evidence))])],
              lead=lead)
    return e


DE_LEAD = ("Lukaschenko zu Besuch in Nur-Sultan. Der belarussische Präsident Alexander Lukaschenko "
           "ist am Freitag in der kasachischen Hauptstadt mit Präsident Tokajew zusammengetroffen.")
EN_LEAD = ("Lukashenko visits Nur-Sultan. Belarusian President Alexander Lukashenko met Kazakh "
           "President Tokayev in the Kazakh capital on Friday.")


def test_same_meeting_in_german_and_english_is_one_event_with_two_sources():
    out = link_events([ev("de1", lang="de", lead=DE_LEAD), ev("en1", lead=EN_LEAD)])
    assert len(out) == 1
    assert [s.doc_id for s in out[0].sources] == ["de1", "en1"]
    assert [s.language for s in out[0].sources] == ["de", "en"]
    assert [a.name for a in out[0].actors] == ["Alexander Lukashenko", "Kassym-Jomart Tokayev"]
    # each actor keeps the evidence of both documents
    assert {e.doc_id for e in out[0].actors[0].evidence} == {"de1", "en1"}
    assert out[0].event_id == out[0].compute_id()
    assert not out[0].conflicts


def test_two_meetings_of_same_presidents_on_different_days_stay_two():
    out = link_events([ev("a", date="2019-10-25"), ev("b", date="2019-11-20")])
    assert len(out) == 2
    assert [e.date for e in out] == ["2019-10-25", "2019-11-20"]


def test_yearless_day_in_yerevan_vs_astana_meeting_stay_two():
    a = ev("a", date="--10-01", loc=("Yerevan", YEREVAN))
    b = ev("b", date="2019-10-25")
    assert not is_same_event(a, b)
    assert len(link_events([a, b])) == 2


def test_yearless_day_matching_a_full_date_links_and_keeps_the_full_date():
    out = link_events([ev("a", date="--10-25"), ev("b", date="2019-10-25")])
    assert len(out) == 1
    assert out[0].date == "2019-10-25" and out[0].date_precision == "day"
    assert not out[0].conflicts


def test_agreement_signed_at_a_meeting_is_not_the_meeting():
    consult = ev("a")
    agree = ev("b", type="AGREE", mode=None)
    assert not is_same_event(consult, agree)
    out = link_events([consult, agree, ev("c")])
    assert sorted((e.type, len(e.sources)) for e in out) == [("AGREE", 1), ("CONSULT", 2)]


def test_two_events_of_one_document_are_never_merged():
    # one article reporting two meetings of the same leaders on the same day (morning, evening)
    # (two sentences of one text never share offsets: the evidence spans tell them apart)
    out = link_events([ev("same", evidence="Morning talks."), ev("same", evidence="Talks in the evening.")])
    assert len(out) == 2
    assert out[0].event_id != out[1].event_id
    again = link_events([ev("same", evidence="Talks in the evening."), ev("same", evidence="Morning talks.")])
    assert [e.event_id for e in again] == [e.event_id for e in out]
    assert not is_same_event(ev("same"), ev("same"))


def test_a_report_of_both_meetings_links_to_neither_twice():
    # doc x reports two meetings (same day in one article: two events); doc y reports one of them
    x1, x2, y = ev("x", evidence="First."), ev("x", evidence="Second."), ev("y")
    out = link_events([x1, x2, y])
    assert len(out) == 2
    assert sorted(len(e.sources) for e in out) == [1, 2]


def test_one_day_apart_is_linked_and_the_conflict_recorded():
    out = link_events([ev("a", date="2019-10-25"), ev("b", date="2019-10-26"), ev("c", date="2019-10-25")])
    assert len(out) == 1
    e = out[0]
    assert e.date == "2019-10-25"  # the majority
    assert e.conflicts == ["date: 2019-10-25 (a, c) vs 2019-10-26 (b)"]
    # each source keeps the date it gave
    assert {s.doc_id: s.date for s in e.sources} == {"a": "2019-10-25", "b": "2019-10-26", "c": "2019-10-25"}


def test_different_places_or_different_delegations_are_different_events():
    assert not is_same_event(ev("a"), ev("b", loc=("Minsk", MINSK)))
    presidents = ev("a")
    ministers = ev("b", actors=("Vladimir Makei", "Mukhtar Tileuberdi"))
    assert not is_same_event(presidents, ministers)
    # one side names only one president, the other only the other: not a contradiction
    assert is_same_event(ev("a", actors=("Alexander Lukashenko",)), ev("b", actors=("Kassym-Jomart Tokayev",)))


def test_phone_call_is_not_the_visit():
    assert not is_same_event(ev("a", mode="visit"), ev("b", mode="phone", loc=None))


def test_different_country_sets_do_not_link():
    assert not is_same_event(ev("a"), ev("b", countries=("BY", "RU")))


def test_undated_events_link_only_on_similar_leads():
    same = link_events([ev("a", date=None, lead=EN_LEAD), ev("b", date=None, lead=DE_LEAD)])
    assert len(same) == 1
    other = ("Kazakhstan and Belarus agree to expand railway freight; the ministers of transport "
             "sign a protocol on container traffic through the Dostyk border crossing.")
    diff = link_events([ev("a", date=None, lead=EN_LEAD, loc=None), ev("b", date=None, lead=other, loc=None)])
    assert len(diff) == 2


def test_merge_dedupes_figures_quotes_and_records_figure_conflict():
    f1 = Figure("trade", "total", 9e8, "USD", "2018", ["BY", "KZ"], evidence=[Evidence("a", "900 million", 0, 11)])
    f1b = Figure("trade", "total", 9e8, "USD", "2018", ["BY", "KZ"], evidence=[Evidence("b", "900 Mio.", 0, 8)])
    f2 = Figure("trade", "total", 9.5e8, "USD", "2018", ["BY", "KZ"], evidence=[Evidence("c", "950 million", 0, 11)])
    q1 = Quote("Alexander Lukashenko", "We are brothers.", "b")
    q2 = Quote("Alexander Lukashenko", "  we are brothers. ", "a")
    m = merge_events([ev("a", figures=[f1], quotes=[q2]), ev("b", figures=[f1b], quotes=[q1]),
                      ev("c", figures=[f2])])
    assert len(m.figures) == 2
    nine = next(f for f in m.figures if f.value == 9e8)
    assert {e.doc_id for e in nine.evidence} == {"a", "b"}
    assert "figure trade/total/2018: 9e8 (a, b) vs 9.5e8 (c)" in m.conflicts
    assert len(m.quotes) == 1 and m.quotes[0].doc_id == "a"
    assert [s.doc_id for s in m.sources] == ["a", "b", "c"]


def test_merge_prefers_location_with_geonameid_and_most_precise_date():
    m = merge_events([ev("a", loc=("Nur-Sultan", None), date="2019-10"), ev("b", date="--10-25")])
    assert m.location is not None and m.location.geonameid == ASTANA
    assert m.date == "2019-10-25"


def test_merge_does_not_touch_its_inputs_and_is_order_free():
    a, b = ev("a", date="2019-10-25"), ev("b", date="2019-10-26")
    m1, m2 = merge_events([a, b]), merge_events([b, a])
    assert m1.to_record() == m2.to_record()
    assert a.conflicts == [] and len(a.sources) == 1
    # merging again (the store re-merging a merged event) does not duplicate notes
    m3 = merge_events([m1])
    assert m3.conflicts == m1.conflicts


def test_shuffled_input_gives_identical_output():
    base = [ev("de1", lang="de", lead=DE_LEAD), ev("en1", lead=EN_LEAD), ev("x", date="2019-10-26"),
            ev("y", type="AGREE", mode=None), ev("z", date="2019-11-20"),
            ev("w", date=None, lead=EN_LEAD), ev("v", date="--10-01", loc=("Yerevan", YEREVAN)),
            ev("u", countries=("AM", "KZ"), actors=("Nikol Pashinyan",))]
    reference = [e.to_record() for e in link_events(base)]
    for seed in range(5):
        shuffled = base[:]
        random.Random(seed).shuffle(shuffled)
        assert [e.to_record() for e in link_events(shuffled)] == reference
    ids = [r["event_id"] for r in reference]
    assert len(ids) == len(set(ids))


def test_output_is_sorted_by_date_then_countries():
    out = link_events([ev("a", date="2019-11-20"), ev("b", date=None, loc=None, countries=("AM", "BY")),
                       ev("c", date="2019-10-25", countries=("AM", "KZ"), actors=())])
    assert [e.date for e in out] == ["2019-10-25", "2019-11-20", None]


@pytest.mark.parametrize("a,b,ok", [
    ("2019-10-25", "2019-10-26", True), ("2019-10-25", "2019-10-27", False),
    ("--10-25", "2019-10-25", True), ("--10-01", "2019-10-25", False),
    ("2019-12-31", "2020-01-01", True), ("--12-31", "2020-01-01", True),
    ("2019-10", "2019-10-25", True), ("2019-11", "2019-10-25", False),
    ("2019", "2019-10-25", True), ("2018", "2019-10-25", False), (None, "2019-10-25", True),
    ("2019-10", "--10-25", True), ("2019-10", "--11-25", False),
])
def test_date_compatibility(a, b, ok):
    assert dates.compatible(dates.parse(a), dates.parse(b)) is ok


def test_blocking_keys_let_every_compatible_pair_meet():
    """Any two reports the rules could link meet from *either* side (the store only looks up
    from the new report): the lookup keys of one share a key with the index keys of the other."""
    variants = ["2019-10-25", "2019-10-26", "--10-25", "2019-10", "2019", None, "2019-10-31", "2019-11-01",
                "--10-26"]
    events = [ev(f"d{i}", date=d) for i, d in enumerate(variants)]
    events.append(ev("summit", date="2019-10-25", countries=("BY", "KZ", "RU")))  # a superset of the pair
    for i, d in enumerate(["--10-25", None, "2019", "2019-10"]):  # no publication date to bound them
        e = ev(f"nopub{i}", date=d)
        e.sources[0].published = None
        events.append(e)
    for a in events:
        for b in events:
            if a is b or compare(a, b).veto:  # (an undated report cannot be of a later day)
                continue
            assert set(lookup_keys(a)) & set(index_keys(b)), (a.date, b.date)
    # different blocks never meet
    far = ev("f", countries=("BY", "RU"))
    assert not set(lookup_keys(far)) & set(index_keys(events[0]))


def test_candidate_search_is_not_all_pairs():
    """Many meetings of one pair of states on different days: candidates stay near-linear."""
    from bilateral.link.linker import candidate_pairs

    # days at least 3 apart, so none of them is the same meeting
    many = [ev(f"d{i:03d}", date=f"{2000 + i // 108}-{1 + (i // 9) % 12:02d}-{1 + 3 * (i % 9):02d}")
            for i in range(300)]
    pairs = candidate_pairs(many)
    assert len(pairs) < 4 * len(many)  # all pairs would be 44850
    assert len(link_events(many)) == len(many)


def test_empty_input():
    assert link_events([]) == []


def test_blocking_meets_every_unvetoed_pair_of_random_reports():
    """Random dates of every precision, with and without a publication date, subsets of a
    summit's states: whenever the rules could link two reports, the lookup of either finds the
    other (the store only looks up from the new one)."""
    rng = random.Random(5)

    def rand_date() -> str | None:
        y, m, d = rng.choice([2019, 2020]), rng.choice([1, 2, 12]), rng.choice([1, 2, 28, 30, 31])
        d = min(d, 28) if m == 2 else d
        return rng.choice([f"{y}-{m:02d}-{d:02d}", f"--{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}", None])

    reports = []
    for i in range(300):
        e = ev(f"r{i}", date=rand_date(), loc=None, actors=(),
               countries=rng.choice([("BY", "KZ"), ("BY", "KZ", "RU"), ("BY", "KZ", "RU", "UZ")]))
        e.sources[0].published = rng.choice([None, rand_date()])
        reports.append(e)
    checked = 0
    for a in reports:
        for b in reports:
            if a is b or compare(a, b).veto:
                continue
            checked += 1
            assert set(lookup_keys(a)) & set(index_keys(b)), (a.date, a.sources[0].published, a.countries,
                                                              b.date, b.sources[0].published, b.countries)
    assert checked > 1000


def test_the_same_summit_composition_weighs_more_than_the_same_pair() -> None:
    """Two presidents meet several times a year; six states in exactly one composition rarely do:
    each further state in common raises the states part, and different days still keep apart."""
    c6 = ("DE", "KG", "KZ", "TJ", "TM", "UZ")
    pair = compare(ev("a", date=None, loc=None, actors=()), ev("b", date=None, loc=None, actors=()))
    summit = compare(ev("a", date=None, loc=None, actors=(), countries=c6, mode="multilateral"),
                     ev("b", date=None, loc=None, actors=(), countries=c6, mode="multilateral"))
    assert summit.parts["states"] > pair.parts["states"]
    apart = compare(ev("a", date="2023-09-29", loc=None, actors=(), countries=c6, mode="multilateral"),
                    ev("b", date="2024-09-17", loc=None, actors=(), countries=c6, mode="multilateral"))
    assert apart.veto is not None


def test_an_undated_report_joins_a_story_by_the_reports_of_its_own_type() -> None:
    """A story of talks and the agreements signed at them (two documents report both, five
    more only the agreements, all with the sum invested); an undated report of the talks that matches
    the talks well joins it, although it matches the agreements poorly (talks and an agreement
    score low by design: one story, two events)."""
    money = (Figure("investment", None, 3e8, "USD", evidence=[Evidence("x", "$300 million", 0, 12)]),)
    talks = dict(date="2019-10-25", figures=money)
    deal = dict(type="AGREE", mode=None, date="2019-10-25", loc=None, actors=(), figures=money)
    story = [ev("a", **talks), ev("a", **deal), ev("b", **talks), ev("b", **deal)]
    story += [ev(doc, **deal) for doc in "defgh"]
    undated = ev("c", date=None)
    assert compare(undated, story[0]).linked
    assert compare(undated, story[1]).score < 1.0  # the agreement: a weak match
    out = link_events(story + [undated])
    talks_event = next(e for e in out if e.type == "CONSULT")
    assert sorted(s.doc_id for s in talks_event.sources) == ["a", "b", "c"]
    assert talks_event.date == "2019-10-25"  # the undated report takes the story's date
    assert sorted(s.doc_id for s in next(e for e in out if e.type == "AGREE").sources) == list("abdefgh")
