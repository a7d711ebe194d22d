"""Response models of the HTTP API: what each endpoint answers, as OpenAPI describes it.

The handlers build plain dicts (fast, see ``app._fast_json``); these models are the documented
shape of those dicts, and the schemathesis test checks every answer against them, so the
description cannot drift from what the server sends. The event line is the contract line
(docs/FORMAT.md, ``schemas/event.schema.json``); ``sources[].evidence`` is always the evidence
text, and the full record adds ``evidence_spans`` with offsets.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal, Optional


from bilateral.cameo import cameo_scale
from bilateral.store.export import export_formats


@lru_cache(maxsize=1)
def _build() -> dict[str, Any]:
    """The response models and ``ERRORS``, built once, when the server is built."""
    # lazy: pydantic costs ~0.2 s of CPU; only `bilateral serve` and its tests need the models
    from pydantic import BaseModel, ConfigDict, Field

    class _Open(BaseModel):
        model_config = ConfigDict(extra="allow")


    class ErrorBody(BaseModel):
        """Every error: one message an analyst can act on, and the HTTP status."""

        error: str
        status: int


    ERRORS = {400: {"model": ErrorBody, "description": "A parameter the API cannot use (the message says which)"},
              404: {"model": ErrorBody, "description": "No such event"},
              503: {"model": ErrorBody, "description": "No database yet, or the database cannot be read"}}


    class Location(BaseModel):
        name: str
        country: Optional[str]
        geonameid: Optional[int]
        lat: Optional[float] = None
        lon: Optional[float] = None


    class Actor(BaseModel):
        name: str
        country: Optional[str]
        role: Optional[str]


    class Figure(BaseModel):
        kind: str
        flow: Optional[Literal["total", "export", "import"]]
        value: float
        unit: str
        period: Optional[str]
        countries: list[str]
        qualifier: Optional[Literal["more_than", "less_than", "about"]]


    class Quote(BaseModel):
        speaker: Optional[str]
        text: str
        doc_id: str


    class SourceLine(BaseModel):
        doc_id: str
        language: Optional[str]
        published: Optional[str]
        title: Optional[str]
        evidence: str = Field(description="The sentence(s) that state the event")
        url: Optional[str] = None


    class EventLine(BaseModel):
        """One event as ``bilateral extract`` prints it."""

        event_id: str
        type: str
        mode: Optional[str]
        cameo: Optional[str] = Field(description="CAMEO code as text, e.g. \"042\"")
        date: Optional[str] = Field(description="YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD")
        countries: list[str]
        organizations: list[str] = []
        initiator: list[str] = Field([], description="States that act (empty: symmetric event)")
        recipient: list[str] = Field([], description="States acted upon (empty: symmetric event)")
        goldstein: Optional[float] = None
        quad_class: Optional[int] = None
        location: Optional[Location]
        actors: list[Actor]
        figures: list[Figure]
        quotes: list[Quote]
        sources: list[SourceLine]


    class EventPage(BaseModel):
        total: int = Field(description="Matching events: exactly this many when total_exact, else at least this many")
        total_exact: bool = Field(description="False when the count stopped 1,000 events past offset "
                                              "(the dashboard shows 1,000+)")
        limit: int
        offset: int
        events: list[EventLine]


    class Span(BaseModel):
        doc_id: str
        text: str
        start: int
        end: int


    class RecordLocation(Location):
        evidence: list[Span]


    class RecordActor(Actor):
        evidence: list[Span]


    class RecordFigure(Figure):
        flags: list[str]
        evidence: list[Span]


    class RecordQuote(Quote):
        evidence: list[Span]


    class RecordSource(SourceLine):
        evidence_spans: list[Span] = Field(description="The event's sentences with offsets in the original text")
        source_path: Optional[str]
        date: Optional[str]


    class EventRecord(EventLine):
        """The full stored event: the line's fields plus evidence offsets, conflicts and dates."""

        date_precision: Optional[str]
        location: Optional[RecordLocation]  # type: ignore[assignment]
        actors: list[RecordActor]  # type: ignore[assignment]
        figures: list[RecordFigure]  # type: ignore[assignment]
        quotes: list[RecordQuote]  # type: ignore[assignment]
        sources: list[RecordSource]  # type: ignore[assignment]
        date_evidence: list[Span]
        direction_evidence: list[Span]
        conflicts: list[str]
        future: bool
        lead: str


    class MonthCount(BaseModel):
        month: str
        events: int


    class Timeline(BaseModel):
        months: list[MonthCount]
        year_only: dict[str, int]
        open_year: int
        undated: int


    class FigurePoint(BaseModel):
        period: Optional[str]
        kind: str
        flow: Optional[str]
        value: float
        unit: str
        qualifier: Optional[str]
        countries: Optional[str]
        event_id: str
        date: Optional[str]
        sources: int
        flags: str


    class Figures(BaseModel):
        countries: list[str]
        kind: Optional[str]
        points: list[FigurePoint]


    class Meeting(BaseModel):
        a: str
        b: str
        meetings: int
        last: Optional[str]


    class WhoMet(BaseModel):
        actor: Optional[str]
        countries: list[str]
        pairs: list[Meeting]


    class Stats(_Open):
        documents: int
        events: int
        sources: int
        figures: int
        quotes: int
        actors: int
        events_with_conflicts: int
        date_range: dict[str, Optional[str]]
        events_by_type: list[dict]
        events_by_pair: list[dict]
        events_by_country: list[dict]
        languages: list[dict]

    return {name: value for name, value in locals().items() 
            if name not in {"BaseModel", "ConfigDict", "Field"}}


def lazy_attributes(module: str, build: Callable[[], dict[str, Any]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` giving the models ``build`` makes (on first use) by name, so a
    module of response models imports no pydantic until a model is asked for."""
    def __getattr__(name: str) -> Any:
        if not name.startswith("__"):
            built = build()
            if name in built:
                return built[name]
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    return __getattr__


__getattr__ = lazy_attributes(__name__, _build)  # models.EventPage, built on first use


def export_responses() -> dict:
    """The export's documented answer: one content type per registered export format."""
    content = {}
    for fmt in export_formats():
        content[fmt.media_type] = {"schema": {"type": "string", **({"format": "binary"} if fmt.binary else {})}}
    return {200: {"description": "The export file (attachment)", "content": content}}


def record_view(record: dict) -> dict:
    """The stored record as the API shows it: ``sources[].evidence`` is the evidence text (as in
    the event line) and ``evidence_spans`` the sentences with offsets."""
    out = dict(record)
    out["goldstein"], out["quad_class"] = cameo_scale(record.get("cameo"))
    out["sources"] = [{**s, "evidence": " ".join(dict.fromkeys(x["text"] for x in s["evidence"])),
                       "evidence_spans": s["evidence"]} for s in record["sources"]]
    return out
