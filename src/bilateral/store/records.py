"""An Event to JSON and back, so a stored event can take new reports (incremental linking)."""
from __future__ import annotations

import json
from typing import Any

from bilateral.models import Actor, Event, Evidence, Figure, Location, Quote, Source


def dump_event(event: Event) -> str:
    return json.dumps(event.to_record(), ensure_ascii=False, sort_keys=True)


def load_event(text: str) -> Event:
    d: dict[str, Any] = json.loads(text)
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
    )
