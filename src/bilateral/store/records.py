"""An Event to a stored record and back, so a stored event can take new reports (incremental
linking) and be listed with all its evidence.

A record is the event's JSON (``Event.to_record``: evidence texts with their offsets), zlib-
compressed (schema 4). Why compressed: an event repeats its evidence sentence for the event, the
date, the place, each actor and figure, and JSON repeats its keys; compressed, a record takes
about a quarter of the text (2.1 KB -> 0.6 KB for a one-source event) and fits several to a
page, where the text took a 4 KB page of its own. Records of older stores are JSON text (or, on
PostgreSQL after the migration, its UTF-8 bytes): ``load_record`` reads all three.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import fields, is_dataclass
from typing import Any

from bilateral.models import Actor, Event, Evidence, Figure, Location, Ordinal, Quote, Source

ZLIB_LEVEL = 6


def dump_event(event: Event) -> bytes:
    return zlib.compress(record_text(event).encode("utf-8", "surrogatepass"), ZLIB_LEVEL)


def record_text(event: Event) -> str:
    """``Event.to_record`` as compact JSON, built without ``dataclasses.asdict``.

    Why not ``to_record``: ``asdict`` deep-copies every value on the way, and an attach writes
    two records (the report and its event); that copy was the largest single cost of storing an
    article. The text is the same (tested)."""
    d = _plain(event)
    d["event_id"] = event.event_id or event.compute_id()
    return json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses -> dicts, lists and tuples -> lists, recursively (what ``asdict`` gives, as
    JSON writes it), sharing the immutable leaves instead of copying them."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
        return {n: _plain(getattr(value, n)) for n in names}
    return value


def load_record(data: bytes | memoryview | str) -> dict[str, Any]:
    """The record's JSON object, from a compressed record or an older store's JSON text."""
    if isinstance(data, memoryview):
        data = bytes(data)
    if isinstance(data, bytes):
        text = data.decode("utf-8", "surrogatepass") if data[:1] == b"{" else \
            zlib.decompress(data).decode("utf-8", "surrogatepass")
    else:
        text = data
    return json.loads(text)


def load_event(data: bytes | memoryview | str) -> Event:
    d: dict[str, Any] = load_record(data)
    ev = lambda items: [Evidence(**e) for e in items or []]  # noqa: E731
    loc = d.get("location")
    return Event(
        type=d["type"], mode=d.get("mode"), cameo=d.get("cameo"), date=d.get("date"),
        date_precision=d.get("date_precision"), countries=list(d.get("countries") or []),
        organizations=list(d.get("organizations") or []),
        location=None if loc is None else Location(name=loc["name"], country=loc.get("country"),
                                                   geonameid=loc.get("geonameid"), evidence=ev(loc.get("evidence")),
                                                   lat=loc.get("lat"), lon=loc.get("lon")),
        actors=[Actor(name=a["name"], country=a.get("country"), role=a.get("role"), evidence=ev(a.get("evidence")))
                for a in d.get("actors") or []],
        figures=[Figure(kind=f["kind"], flow=f.get("flow"), value=f["value"], unit=f["unit"], period=f.get("period"),
                        countries=list(f.get("countries") or []), qualifier=f.get("qualifier"),
                        flags=list(f.get("flags") or []), evidence=ev(f.get("evidence")))
                 for f in d.get("figures") or []],
        quotes=[Quote(speaker=q.get("speaker"), text=q["text"], doc_id=q["doc_id"], evidence=ev(q.get("evidence")))
                for q in d.get("quotes") or []],
        sources=[Source(doc_id=s["doc_id"], language=s.get("language"), published=s.get("published"),
                        title=s.get("title"), evidence=ev(s.get("evidence")), url=s.get("url"),
                        source_path=s.get("source_path"), date=s.get("date"))
                 for s in d.get("sources") or []],
        initiator=list(d.get("initiator") or []), recipient=list(d.get("recipient") or []),
        direction_evidence=ev(d.get("direction_evidence")),
        date_evidence=ev(d.get("date_evidence")), conflicts=list(d.get("conflicts") or []),
        future=bool(d.get("future")), lead=d.get("lead") or "", event_id=d.get("event_id") or "",
        weekday=d.get("weekday"), weekday_evidence=ev(d.get("weekday_evidence")),
        protocol=d.get("protocol"), protocol_evidence=ev(d.get("protocol_evidence")),
        ordinal=None if not d.get("ordinal") else Ordinal(number=d["ordinal"]["number"], kind=d["ordinal"]["kind"],
                                                          scope=d["ordinal"].get("scope") or "all",
                                                          evidence=ev(d["ordinal"].get("evidence"))),
    )
