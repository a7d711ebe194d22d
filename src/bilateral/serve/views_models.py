"""Response models of the dashboard's view API (``views.py``): what OpenAPI says each answers.

Beside ``models.py`` (the core API's models, whose event line they reuse): the handlers build
plain dicts, these models document their shape, and the schemathesis test (tests/test_api_schema.py)
checks every answer against them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal, Optional


from bilateral.serve import models


@lru_cache(maxsize=1)
def _build() -> dict[str, Any]:
    """The view models, built once, when the server is built."""
    # lazy: pydantic costs ~0.2 s of CPU; only `bilateral serve` and its tests need the models
    from pydantic import BaseModel, ConfigDict, Field
    EventLine = models.EventLine  # the core API's event line, reused

    class MapState(BaseModel):
        country: str = Field(description="ISO 3166-1 alpha-2 (EU, XK included)")
        numeric: Optional[str] = Field(description="ISO 3166-1 numeric, the world map's key (None for EU, XK)")
        events: int
        goldstein: Optional[float] = Field(description="Mean Goldstein value of its events' CAMEO codes; None: no scored event")
        scored_events: int = Field(description="Events with a Goldstein value (the mean is over these)")


    class MapPlace(BaseModel):
        geonameid: int
        name: Optional[str]
        country: Optional[str]
        events: int
        lat: float
        lon: float
        goldstein: Optional[float]


    class MapAnswer(BaseModel):
        countries: list[MapState]
        places: list[MapPlace] = Field(description="Places with GeoNames coordinates")
        events: int
        located_events: int
        unplaced_events: int = Field(description="Events at a place without known coordinates")
        intensity_available: bool


    class EventsOf(BaseModel):
        total: int
        events: list[EventLine]


    class PlaceEvents(EventsOf):
        geonameid: int


    class EdgeEvents(EventsOf):
        a: str
        b: str
        level: Literal["country", "person"]


    class Node(BaseModel):
        id: str = Field(description="A state code, or a person's canonical name")
        country: Optional[str]
        events: int
        partners: int


    class Edge(BaseModel):
        source: str
        target: str
        events: int
        last: Optional[str] = Field(description="Date of the latest of its events")
        source_to_target: Optional[int] = Field(None, description="Events the source initiated towards the target (states)")
        target_to_source: Optional[int] = None


    class Network(BaseModel):
        level: Literal["country", "person"]
        meetings_only: bool
        nodes: list[Node]
        edges: list[Edge]
        edges_total: int = Field(description="Edges before the cut to the strongest 300")


    class TrendMonth(BaseModel):
        month: str
        events: int
        by_type: dict[str, int]
        goldstein: Optional[float]
        scored_events: int


    class Direction(BaseModel):
        model_config = ConfigDict(populate_by_name=True)

        from_: Optional[str] = Field(alias="from", description="The state that acts; None: symmetric or undirected")
        to: Optional[str]
        events: int
        goldstein: Optional[float]


    class Trends(BaseModel):
        countries: list[str]
        months: list[TrendMonth]
        year_only: dict[str, int]
        open_year: int
        undated: int
        types: list[str]
        quad_classes: dict[str, int]
        intensity_available: bool
        direction: Optional[list[Direction]] = Field(description="Who acts on whom (with a pair filter only)")


    class EventContext(BaseModel):
        event_id: str
        goldstein: Optional[float]
        quad_class: Optional[int]
        quad_label: Optional[str]
        explain: Optional[dict[str, Any]] = Field(description="The linker's reasons (GET /api/events/{id}/explain); "
                                                              "None for an event stored without them")

    return {name: value for name, value in locals().items() 
            if name not in {"BaseModel", "ConfigDict", "Field", "EventLine"}}


__getattr__ = models.lazy_attributes(__name__, _build)  # views_models.MapView, built on first use


