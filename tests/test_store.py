"""The store: incremental, idempotent ingest; linking into stored events; queries; exports;
an ingest killed midway and re-run gives the same database as one clean run.

Tests taking ``store_target`` run twice: on a SQLite file and on a PostgreSQL database
(``conftest.pg_url``: skipped without a server, failed in CI)."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from bilateral.models import Actor, Document, Event, Evidence, Figure, Location, Quote, RawDocument, Source
from bilateral.store.db import Store, content_hash
from bilateral.store.export import export
from bilateral.store.query import EventFilter, figure_series, find_events, who_met
from bilateral.store.records import dump_event, load_event, record_text

from conftest import CLI_BIN, shared_path

BIN = CLI_BIN


def _doc(doc_id: str, text: str = "x") -> tuple[Document, str]:
    raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=text)
    return Document(doc_id=doc_id, source=raw.source, original=text, text=text, language="en"), content_hash(raw)


def _meeting(doc_id: str, lang: str, date: str = "2019-10-25", geonameid: int = 1526273) -> Event:
    ev = Evidence(doc_id, "The presidents met in Astana.", 0, 29)
    return Event(
        type="CONSULT", mode="visit", cameo="042", date=date, date_precision="day", countries=["BY", "KZ"],
        location=Location("Astana", "KZ", geonameid, [ev]),
        actors=[Actor("Alexander Lukashenko", "BY", "President", [ev]),
                Actor("Kassym-Jomart Tokayev", "KZ", "President", [ev])],
        figures=[Figure("trade", "total", 9e8, "USD", "2018", ["BY", "KZ"], None, [], [ev])],
        sources=[Source(doc_id, lang, "2019-10-25", f"title {doc_id}", [ev], date=date)],
        lead="Lukashenko met Tokayev in Astana on 25 October for talks on trade.")


def test_record_round_trip_keeps_evidence():
    e = _meeting("a", "de")
    e.event_id = e.compute_id()
    back = load_event(dump_event(e))
    assert back == e
    assert back.actors[0].evidence[0].start == 0 and back.figures[0].evidence[0].doc_id == "a"


def test_record_text_is_to_record_as_json():
    """The store's fast writer gives the text of ``Event.to_record`` (what readers expect)."""
    e = _meeting("a", "ru")
    e.quotes = [Quote("Лукашенко", "«Мы друзья»", "a", [Evidence("a", "«Мы друзья»", 3, 14)])]
    e.initiator, e.recipient, e.conflicts, e.future = ["BY"], ["KZ"], ["date: a says x"], True
    e.location.lat, e.location.lon = 51.18, 71.45
    for event_id in ("", "given"):
        e.event_id = event_id
        assert record_text(e) == json.dumps(e.to_record(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert load_event(dump_event(e)).to_record() == e.to_record()


def test_same_event_from_two_documents_becomes_one(store_target):
    with Store(store_target) as store:
        for doc_id, lang in (("a", "de"), ("b", "en")):
            doc, digest = _doc(doc_id, doc_id)
            assert store.add_document(doc, [_meeting(doc_id, lang)], digest) == "added"
        events = find_events(store, EventFilter())
        assert len(events) == 1
        assert [s.doc_id for s in events[0].sources] == ["a", "b"]
        assert store.counts()["event_sources"] == 2


def test_a_store_that_was_written_has_planner_statistics_and_a_read_does_not_write(tmp_path):
    """SQLite plans a filter on a large store by its statistics; a store made by ingest gets
    them when the writing connection closes, a read-only session leaves the file alone."""
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"events", "event_pairs"} <= tables
    before = db.stat().st_mtime_ns
    with Store(db, read_only=True) as store:
        find_events(store, EventFilter())
    assert db.stat().st_mtime_ns == before


def test_different_meetings_stay_apart(store_target):
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
        doc, digest = _doc("c", "c")
        store.add_document(doc, [_meeting("c", "en", date="--10-01", geonameid=616052)], digest)
        assert len(find_events(store, EventFilter())) == 2


def test_ingesting_the_same_document_twice_changes_nothing(store_target):
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        assert store.add_document(doc, [_meeting("a", "en")], digest) == "added"
        before = store.counts()
        assert store.add_document(doc, [_meeting("a", "en")], digest) == "unchanged"
        assert store.counts() == before
        other, other_digest = _doc("a", "changed text")
        assert store.add_document(other, [], other_digest) == "conflict"
        assert store.counts() == before


def test_queries_filter_by_pair_date_type_actor_and_text(store_target):
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
        assert len(find_events(store, EventFilter(countries=["BY", "KZ"]))) == 1
        assert find_events(store, EventFilter(countries=["BY", "UZ"])) == []
        assert len(find_events(store, EventFilter(date_from="2019-10", date_to="2019-10"))) == 1
        assert find_events(store, EventFilter(date_from="2020")) == []
        assert find_events(store, EventFilter(type="AGREE")) == []
        assert len(find_events(store, EventFilter(actor="lukashenko"))) == 1
        assert len(find_events(store, EventFilter(text="astana"))) == 1
        series = figure_series(store, ["KZ", "BY"], "trade")
        assert [(p.period, p.value) for p in series] == [("2018", 9e8)]
        assert who_met(store, "tokayev")[0][:3] == ("Alexander Lukashenko", "Kassym-Jomart Tokayev", 1)


def test_exports(store_target, tmp_path):
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
        events = find_events(store, EventFilter())
    out = io.StringIO()
    assert export(events, "jsonl", None, out) == 1
    line = json.loads(out.getvalue())
    assert line["countries"] == ["BY", "KZ"] and line["location"]["geonameid"] == 1526273
    out = io.StringIO()
    export(events, "csv", None, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["countries"] == "BY;KZ"
    out = io.StringIO()
    export(events, "gdelt", None, out)
    from bilateral.store.export import GDELT_COLUMNS, POLECAT_COLUMNS

    (row,) = [r.split("\t") for r in out.getvalue().splitlines()]  # no header in GDELT files
    cell = dict(zip(GDELT_COLUMNS, row))
    assert len(row) == 61 and cell["SQLDATE"] == "20191025"
    assert {cell["Actor1CountryCode"], cell["Actor2CountryCode"]} == {"BLR", "KAZ"}
    out = io.StringIO()
    export(events, "plover", None, out)
    header, row = [r.split("\t") for r in out.getvalue().splitlines()]
    assert header == POLECAT_COLUMNS and dict(zip(header, row))["Event Type"] == "CONSULT"
    pq = tmp_path / "events.parquet"
    export(events, "parquet", str(pq), io.StringIO())
    import pyarrow.parquet as parquet

    assert parquet.read_table(pq).num_rows == 1
    with pytest.raises(ValueError):
        export(events, "parquet", None, io.StringIO())


def _dump(db: Path) -> list:
    """The database's content, without the ingest timestamps."""
    con = sqlite3.connect(db)
    out = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in ("ingested_at", "applied_at")]
        out.append((table, sorted(con.execute(f"SELECT {','.join(cols)} FROM {table}").fetchall(), key=repr)))
    con.close()
    return out


def _write_articles(folder: Path, n: int) -> None:
    """Short articles about meetings: pairs of them report the same meeting."""
    pairs = [("Belarus", "Kazakhstan", "Astana"), ("Uzbekistan", "Kazakhstan", "Tashkent"),
             ("Germany", "France", "Paris"), ("Turkey", "Azerbaijan", "Baku")]
    folder.mkdir()
    for i in range(n):
        a, b, city = pairs[i % len(pairs)]
        day = 1 + (i // 8) % 27  # articles i and i+4 report the same meeting
        (folder / f"doc{i:03d}.txt").write_text(
            f"Talks between {a} and {b}\n\ndate 2023-05-{day:02d}\n\n"
            f"The foreign ministers of {a} and {b} held talks in {city} on {day} May 2023. "
            f"They discussed trade, which reached $1.{i % 9} billion in 2022.\n", encoding="utf-8")


def test_killed_ingest_rerun_equals_clean_run(tmp_path):
    folder = tmp_path / "articles"
    _write_articles(folder, 40)
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    subprocess.run([str(BIN), "ingest", "--quiet", "--db", str(clean_db), str(folder)], check=True, env=env)

    proc = subprocess.Popen([str(BIN), "ingest", "--quiet", "--db", str(killed_db), str(folder)], env=env)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(killed_db, timeout=1)
            n = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 5:
            break
        time.sleep(0.05)
    was_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if was_running:
        con = sqlite3.connect(killed_db)
        assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] < 40  # really cut midway
        con.close()
    subprocess.run([str(BIN), "ingest", "--quiet", "--db", str(killed_db), str(folder)], check=True, env=env)
    assert _dump(killed_db) == _dump(clean_db)
    con = sqlite3.connect(clean_db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 40
    # pairs of articles about the same meeting were linked: fewer events than documents
    assert 0 < con.execute("SELECT COUNT(*) FROM events").fetchone()[0] < 40
    con.close()


def test_seeds_then_other_articles_then_seeds_again_adds_nothing(tmp_path):
    from bilateral.samples import folder as samples_folder

    seeds = shared_path("seeds")
    db = tmp_path / "db.sqlite"
    for path in (seeds, samples_folder()):
        subprocess.run([str(BIN), "ingest", "--quiet", "--db", str(db), str(path)], check=True)
    before = _dump(db)
    subprocess.run([str(BIN), "ingest", "--quiet", "--db", str(db), str(seeds)], check=True)
    assert _dump(db) == before
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 5 + 8
    # the German and English reports of one meeting are one event with two sources
    assert con.execute("SELECT COUNT(*) FROM events WHERE n_sources = 2 AND countries = 'BY,KZ'").fetchone()[0] == 1
    con.close()


def test_listing_streams_in_date_order_and_limits_in_sql(store_target):
    from bilateral.store.query import iter_events

    with Store(store_target) as store:
        for doc_id, date, place in (("a", "2019-10-25", 1526273), ("c", "2018-01-02", 616052), ("d", None, 627907)):
            doc, digest = _doc(doc_id, doc_id)
            store.add_document(doc, [_meeting(doc_id, "en", date=date, geonameid=place)], digest)
        stream = iter_events(store, EventFilter())
        assert not isinstance(stream, list) and next(stream).date == "2018-01-02"
        assert [e.date for e in find_events(store, EventFilter())] == ["2018-01-02", "2019-10-25", None]
        assert [e.date for e in find_events(store, EventFilter(limit=2))] == ["2018-01-02", "2019-10-25"]


def test_a_listing_on_postgresql_is_fetched_in_batches(pg_url):
    """On PostgreSQL ``iter_events`` reads through a server-side cursor (the driver would fetch a
    plain query's whole result at once): while it runs the cursor is open on the server, and it
    yields every event, in order."""
    from bilateral.store.query import iter_events

    with Store(pg_url) as store:
        for i in range(1, 6):
            doc, digest = _doc(f"d{i}", f"d{i}")
            store.add_document(doc, [_said(f"d{i}", f"Talks number {i}.", "Talks")], digest)
    with Store(pg_url, read_only=True) as store:
        stream = iter_events(store, EventFilter())
        first = next(stream)
        with Store(pg_url, read_only=True) as other:  # the server's view of the open cursor
            assert other.conn.execute("SELECT COUNT(*) FROM pg_cursors").fetchone()[0] == 0  # its own session only
        assert [r[0] for r in store.conn.execute("SELECT name FROM pg_cursors")] == ["bilateral_stream_1"]
        rest = list(stream)
        assert [e.date for e in [first, *rest]] == [f"2020-01-0{i}" for i in range(1, 6)]
        assert store.conn.execute("SELECT COUNT(*) FROM pg_cursors").fetchone()[0] == 0


def _said(doc_id: str, sentence: str, title: str) -> Event:
    ev = Evidence(doc_id, sentence, 0, len(sentence))
    return Event(type="CONSULT", mode="visit", date="2020-01-0" + doc_id[-1], date_precision="day",
                 countries=["BY", "KZ"], actors=[Actor(f"Person {doc_id}", "BY", None, [ev])],
                 sources=[Source(doc_id, "en", "2020-01-01", title, [ev])], lead=sentence)


def test_a_page_counts_its_matches_up_to_a_cap_past_its_start(store_target, monkeypatch):
    """``page_events`` counts exactly up to ``COUNT_AHEAD`` matches past the page's start and says
    "more than" beyond (a count of every match of a dense filter at 1,000,000 events reads them
    all); the page itself is the same either way, through either page plan, for every kind of
    filter; ``count_events`` without a cap counts them all."""
    from bilateral.store import query

    with Store(store_target) as store:
        for i in range(1, 8):
            sentence = f"Talks number {i} were held."
            doc, digest = _doc(f"d{i}", sentence)
            store.add_document(doc, [_said(f"d{i}", sentence, "Talks")], digest)
        monkeypatch.setattr(query, "COUNT_AHEAD", 3)
        filters = [EventFilter(), EventFilter(countries=["KZ"]), EventFilter(countries=["BY", "KZ"]),
                   EventFilter(countries=["KZ"], type="CONSULT"), EventFilter(text="talks number"),
                   EventFilter(actor="person"), EventFilter(actor="person", countries=["BY"]),
                   EventFilter(date_from="2020-01-01", date_to="2020-01")]
        for f in filters:
            assert query.count_events(store, f) == 7, f
            for dense in (False, True):
                monkeypatch.setattr(query, "DENSE", 0 if dense else 10**9)
                days = lambda page: [e.date[-1] for e in page.events]  # noqa: E731
                first = query.page_events(store, f, 2, 0)  # counted up to 3: "3+"
                assert (first.total, first.exact, days(first)) == (3, False, ["1", "2"]), (f, dense)
                assert query.page_events(store, f, 2, 0, "desc").events[0].date == "2020-01-07"
                middle = query.page_events(store, f, 2, 3)  # up to 6 of 7: "6+", a next page to turn to
                assert (middle.total, middle.exact, days(middle)) == (6, False, ["4", "5"]), (f, dense)
                last = query.page_events(store, f, 2, 4)  # up to 7: all of them, exactly
                assert (last.total, last.exact, days(last)) == (7, True, ["5", "6"]), (f, dense)
        monkeypatch.setattr(query, "COUNT_AHEAD", 7)  # exactly as many as the cap: exact
        assert query.page_events(store, EventFilter(text="number"), 50, 0)[:2] == (7, True)
        assert query.page_events(store, EventFilter(text="number 9"), 50, 0)[:2] == (0, True)


TEXTS = ["50%", "%", "_", "grew by 50", "GREW", 'said "never', "Астане", "в Ас", "person", "zz", "a", "trade grew",
         "ever twice", "nowhere at all"]


def test_text_and_actor_filters_find_what_a_substring_search_finds(store_target, monkeypatch):
    """The indexed text filter (trigram index, then LIKE) and the actor names table give exactly
    the events a plain case-insensitive substring search gives, through either page plan and
    after the events are rewritten (a second source) or the file is vacuumed."""
    from bilateral.store import query

    rows = [("d1", "Trade grew by 50% in a year.", "Trade up"), ("d2", 'He said "never" twice.', "Quotes"),
            ("d3", "Переговоры в Астане прошли.", "Встреча"), ("d4", "Nothing of note here.", "Person of the year")]
    with Store(store_target) as store:
        for doc_id, sentence, title in rows:
            doc, digest = _doc(doc_id, sentence)
            store.add_document(doc, [_said(doc_id, sentence, title)], digest)
        if store.dialect == "sqlite":
            store.conn.execute("VACUUM")

        def expected(text: str) -> list[str]:  # case ignored for ASCII letters (SQLite's lower; the test cluster's C locale)
            fold = lambda t: "".join(c.lower() if c.isascii() else c for c in t)  # noqa: E731
            return sorted(d for d, sentence, title in rows if fold(text) in fold(sentence) or fold(text) in fold(title))

        # every trigram counted as rare (``rare_trigrams``): the search driven by the two rarest
        # trigrams (SQLite), a superset that the LIKE narrows to the same events
        for dense, share in ((False, 0.1), (True, 0.1), (False, 1.0), (True, 1.0)):
            monkeypatch.setattr(query, "DENSE", 0 if dense else 10**9)
            monkeypatch.setattr(query, "RARE_SHARE", share)
            for text in TEXTS:
                total, _, page = query.page_events(store, EventFilter(text=text), 50, 0)
                got = sorted(s.doc_id for e in page for s in e.sources)
                assert got == expected(text) and total == len(got), (text, dense, share)
                assert sorted(s.doc_id for e in query.find_events(store, EventFilter(text=text))
                              for s in e.sources) == got, (text, share)
            if store.dialect == "sqlite" and share == 1.0:
                assert query.rare_trigrams(store, "trade grew") == '" gr" AND "ade"'  # one source each: ties by text
            total, _, page = query.page_events(store, EventFilter(actor="person d"), 50, 0)
            assert total == 4 and len(page) == 4
            assert [e.sources[0].doc_id for e in query.find_events(store, EventFilter(actor="PERSON D2"))] == ["d2"]
        assert sorted(s.doc_id for e in query.find_events(store, EventFilter(text="grew")) for s in e.sources) == ["d1"]


def test_a_pair_with_a_type_pages_from_the_pairs_index(store_target, monkeypatch):
    """A filter naming two or more states (and a type) is read from ``event_pairs``: its pages
    (both orders, any offset, either page plan), its count and its listing are those a plain
    test of every event gives, undated events last; the rows follow an event that is rewritten;
    and the filter reads the index (rows removed from it are events it no longer finds)."""
    from bilateral.store import query

    specs = [("p1", "2019-10-25", ["BY", "KZ"], "CONSULT", "Ministers discussed grain exports."),
             ("p2", "2018-01-02", ["KZ", "BY"], "CONSULT", "Envoys talked about railway tariffs."),
             ("p3", None, ["BY", "KZ"], "CONSULT", "A hockey tournament was planned by the mayors."),
             ("p4", "2019-03-01", ["BY", "KZ", "RU"], "CONSULT", "Three leaders reviewed the customs union."),
             ("p5", "2019-04-01", ["BY", "KZ"], "AGREE", "Both sides signed a tourism memorandum."),
             ("p6", "2020-06-30", ["BY", "RU"], "CONSULT", "Gas prices were the topic in Minsk."),
             ("p7", "2017-07-07", ["KZ", "BY"], "CONSULT", "University rectors exchanged visits."),
             ("p8", "2016-02-02", ["CN", "KZ"], "CONSULT", "A pipeline was discussed in Beijing.")]
    with Store(store_target) as store:
        for doc_id, date, states, kind, sentence in specs:
            ev = Evidence(doc_id, sentence, 0, len(sentence))
            event = Event(type=kind, mode="visit", date=date, date_precision="day" if date else None,
                          countries=states, actors=[Actor(f"Envoy {doc_id}", states[0], None, [ev])],
                          sources=[Source(doc_id, "en", "2020-01-01", f"Title {doc_id}", [ev])], lead=sentence)
            doc, digest = _doc(doc_id, doc_id)
            store.add_document(doc, [event], digest)
        everything = query.find_events(store, EventFilter())
        assert len(everything) == len(specs)

        def expected(f: EventFilter) -> list[str]:
            return [e.sources[0].doc_id for e in everything
                    if {c.upper() for c in f.countries} <= set(e.countries) and (not f.type or e.type == f.type.upper())
                    and (not f.date_from or (e.date or "") >= f.date_from)
                    and (not f.actor or f.actor in e.actors[0].name.lower())]

        filters = [EventFilter(countries=["kz", "BY"], type="consult"), EventFilter(countries=["BY", "KZ", "KZ"]),
                   EventFilter(countries=["BY", "KZ", "RU"], type="CONSULT"), EventFilter(countries=["BY", "KZ"]),
                   EventFilter(countries=["BY", "KZ"], type="CONSULT", date_from="2018"),
                   EventFilter(countries=["BY", "KZ"], type="CONSULT", actor="envoy p1"),
                   EventFilter(countries=["KZ", "US"], type="CONSULT")]
        for f in filters:
            want = expected(f)
            assert [e.sources[0].doc_id for e in query.find_events(store, f)] == want, f
            assert query.count_events(store, f) == len(want), f
            for dense in (False, True):
                monkeypatch.setattr(query, "DENSE", 0 if dense else 10**9)
                for offset in (0, 1, 3):
                    page = query.page_events(store, f, 2, offset)
                    assert [e.sources[0].doc_id for e in page.events] == want[offset:offset + 2], (f, dense, offset)
                    assert (page.total, page.exact) == (len(want), True)
                dates = {e.sources[0].doc_id: e.date for e in everything}
                desc = sorted((d for d in want if dates[d]), key=dates.get, reverse=True) + [d for d in want
                                                                                            if not dates[d]]
                assert [e.sources[0].doc_id for e in query.page_events(store, f, 50, 0, "desc").events] == desc, f
        assert expected(filters[0]) == ["p7", "p2", "p4", "p1", "p3"]  # by date, the undated last

        # a second report of p1's meeting rewrites its event: still one row for its pair
        sentence = specs[0][4]
        ev = Evidence("p1b", sentence, 0, len(sentence))
        again = Event(type="CONSULT", mode="visit", date="2019-10-25", date_precision="day", countries=["BY", "KZ"],
                      actors=[Actor("Envoy p1", "BY", None, [ev])],
                      sources=[Source("p1b", "en", "2020-01-01", "Title p1", [ev])], lead=sentence)
        doc, digest = _doc("p1b", "p1b")
        store.add_document(doc, [again], digest)
        n_events = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        pairs = store.conn.execute("SELECT COUNT(*) FROM event_pairs").fetchone()[0]
        assert pairs == n_events + 2  # one pair per two-state event, three for p4's three states
        orphans = ("SELECT COUNT(*) FROM event_pairs p WHERE NOT EXISTS "
                   "(SELECT 1 FROM events e WHERE e.event_id = p.event_id)")
        assert store.conn.execute(orphans).fetchone()[0] == 0

        store.conn.execute("DELETE FROM event_pairs WHERE a = 'BY' AND b = 'KZ' AND type = 'CONSULT'")
        f = EventFilter(countries=["BY", "KZ"], type="CONSULT")
        assert query.page_events(store, f, 50, 0).events == [] and query.count_events(store, f) == 0
