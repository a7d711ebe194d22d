"""API routes for the dashboard's views: the map, the network, a pair's trends, an event's links.

A router of its own so the core API (``app.py``: events, figures, exports) and the pictures can
change independently. Every route takes the same event filters as ``/api/events`` (validated by
``filters.event_filter``: same inputs accepted, same messages) and answers JSON; errors go
through the application's handlers (one error shape).

    GET /api/map                 ?<filters>                  events per state and per located place
    GET /api/map/place           ?<filters>&geonameid=       the events at one place
    GET /api/network             ?<filters>&level=&edges=    who met whom: nodes and weighted edges
    GET /api/network/edge        ?<filters>&level=&edges=&a=&b=   the events behind one edge
    GET /api/trends              ?<filters> (pair=A-B)       per month: events by type, mean Goldstein
    GET /api/events/{id}/context intensity (Goldstein, QuadClass) and why its sources were linked
"""
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from bilateral.serve import models, views_data, views_models as vm
from bilateral.serve.filters import BadParameter, event_filter
from bilateral.store.corrections import explain
from bilateral.store.query import EventFilter, ReadOnlyStore, get_event

if TYPE_CHECKING:
    from fastapi import APIRouter  # lazy (as above)

# No ``from __future__ import annotations`` here: FastAPI reads each route's parameter types, and
# with FastAPI imported inside ``router`` they are names of that function, not of this module.


def router() -> "APIRouter":
    """The dashboard views' routes (``app.create_app`` includes them)."""
    # lazy: FastAPI costs ~0.6 s of CPU; only `bilateral serve` (and its tests) builds routes
    from fastapi import APIRouter, Depends, Query, Request
    from starlette.exceptions import HTTPException  # lazy (as above)

    api = APIRouter(prefix="/api", tags=["dashboard views"])
    ERRORS = models.ERRORS

    def store(request: Request) -> Iterator[ReadOnlyStore]:
        """A read-only connection for one request (the app's database), closed afterwards."""
        path = request.app.state.db_path
        if not path.exists():
            raise HTTPException(503, f"no database at {path} (run `bilateral ingest` first)")
        s = ReadOnlyStore(str(path))  # a file path or a PostgreSQL URL
        try:
            yield s
        finally:
            s.close()

    def filters(
        country: Optional[str] = Query(None, description="A state taking part (ISO alpha-2), e.g. KZ"),
        pair: Optional[str] = Query(None, description="Two states, e.g. BY-KZ"),
        date_from: Optional[str] = Query(None, alias="from", description="From this date: YYYY[-MM[-DD]]"),
        date_to: Optional[str] = Query(None, alias="to", description="Up to this date (inclusive)"),
        type_: Optional[str] = Query(None, alias="type", description="PLOVER type, e.g. CONSULT"),
        actor: Optional[str] = Query(None, description="Part of a person's canonical name"),
        text: Optional[str] = Query(None, description="Words in the evidence or a title"),
    ) -> EventFilter:
        return event_filter(country, pair, date_from, date_to, type_, actor, text)

    LEVEL = Query("country", pattern="^(country|person)$", description="Nodes are states (country) or people (person)")
    EDGES = Query("meetings", pattern="^(meetings|all)$",
                  description="meetings: CONSULT events (talks, visits, calls); all: events of any type")

    @api.get("/map", summary="Events per state (count, mean Goldstein) and per located place, for the filters",
                response_model=vm.MapAnswer, responses=ERRORS)
    def world_map(f: EventFilter = Depends(filters), s: ReadOnlyStore = Depends(store)) -> dict:
        return views_data.world_map(s, f)

    @api.get("/map/place", summary="The events at one GeoNames place (newest first, at most 100)",
                response_model=vm.PlaceEvents, responses=ERRORS)
    def map_place(geonameid: int = Query(..., ge=1, le=2**31, description="GeoNames id of the place"),
                  f: EventFilter = Depends(filters), s: ReadOnlyStore = Depends(store)) -> dict:
        total, ids = views_data.place_event_ids(s, f, geonameid)
        events = [e for e in (get_event(s, i) for i in ids) if e is not None]
        return {"geonameid": geonameid, "total": total, "events": [e.to_contract() for e in events]}

    @api.get("/network", summary="Who met whom: states or people as nodes, edges weighted by events together",
                response_model=vm.Network, responses=ERRORS)
    def network(f: EventFilter = Depends(filters), level: str = LEVEL, edges: str = EDGES,
                s: ReadOnlyStore = Depends(store)) -> dict:
        return views_data.network(s, f, level, edges == "meetings")

    @api.get("/network/edge", summary="The events behind one edge of the network (newest first, at most 200)",
                response_model=vm.EdgeEvents, responses=ERRORS)
    def network_edge(a: str = Query(..., min_length=1, description="One end: a state code or a person's name"),
                     b: str = Query(..., min_length=1, description="The other end"),
                     f: EventFilter = Depends(filters), level: str = LEVEL, edges: str = EDGES,
                     s: ReadOnlyStore = Depends(store)) -> dict:
        a, b = a.strip(), b.strip()
        if level == "country":
            a, b = a.upper(), b.upper()
            if len(a) != 2 or len(b) != 2:
                raise BadParameter(f"a and b must be ISO alpha-2 codes at level=country, got {a!r} and {b!r}")
        total, ids = views_data.edge_event_ids(s, f, level, a, b, edges == "meetings")
        events = [e for e in (get_event(s, i) for i in ids) if e is not None]
        return {"a": a, "b": b, "level": level, "total": total, "events": [e.to_contract() for e in events]}

    @api.get("/trends", summary="Per month: events by PLOVER type and their mean Goldstein value",
                response_model=vm.Trends, responses=ERRORS)
    def trends(f: EventFilter = Depends(filters), s: ReadOnlyStore = Depends(store)) -> dict:
        return {"countries": f.countries or [], **views_data.trends(s, f)}

    @api.get("/events/{event_id}/context",
                summary="What the event page shows beside the record: intensity, and why the sources were linked",
                response_model=vm.EventContext, responses=ERRORS)
    def event_context(event_id: str, s: ReadOnlyStore = Depends(store)) -> dict:
        event = get_event(s, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        q = views_data.quad_class(event.cameo) if event.cameo else None
        return {"event_id": event_id, "goldstein": views_data.goldstein(event.cameo) if event.cameo else None,
                "quad_class": q, "quad_label": views_data.quad_label(q) if q else None,
                "explain": explain(s, event_id)}  # the linker's reasons (None: stored before linking kept them)

    return api
