"""The data every stage hands to the next.

Data flows one way: ``RawDocument`` (read) -> ``Document`` (clean) -> ``Analysis`` (analyse +
resolve: mentions with offsets) -> ``Event`` (extract) -> linked ``Event`` clusters (link).
Offsets in mentions are into ``Document.text`` (the cleaned text); ``Document.to_original``
maps them back to the text as read, which is what evidence records.
"""
from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.cameo import cameo_scale


# ---------------------------------------------------------------- read / clean

@dataclass
class RawDocument:
    """One article as a reader found it, before any cleaning."""

    doc_id: str
    source: str  # the file path, or "path#line-N" / "path#<record-id>" inside a container
    text: str | None = None  # plain text (txt, or jsonl "text")
    html: str | None = None  # raw HTML (html files, WARC responses, jsonl "html")
    url: str | None = None
    title: str | None = None
    published: str | None = None  # from the input's metadata only
    language: str | None = None  # from the input's metadata only
    fmt: str = "txt"  # txt | html | jsonl | warc
    # a reader already read title, published and url from the page's own metadata
    # (read.html.html_metadata): clean does not read them again
    page_metadata: bool = False


@dataclass
class ReadError:
    """A file (or a record in it) that could not be read; reported, never fatal."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Document:
    """A cleaned article. ``text`` keeps every paragraph, title and dateline of ``original``.

    ``segments`` maps cleaned text back to the original: each kept piece is
    ``(text_start, original_start, length)``, sorted by ``text_start``.
    """

    doc_id: str
    source: str
    original: str
    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY; None when unknown
    language: str | None = None  # ISO 639-1
    url: str | None = None

    def to_original(self, pos: int) -> int:
        """Offset in ``original`` of the character at ``pos`` in ``text``."""
        if not self.segments:
            return pos
        i = max(0, bisect.bisect_right(self.segments, pos, key=lambda seg: seg[0]) - 1)
        t0, o0, length = self.segments[i]
        return o0 + min(max(pos - t0, 0), length)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offsets into Document.text
    end: int
    text: str


# ---------------------------------------------------------------- analyse / resolve

@dataclass
class Mention:
    """Base of every mention: a span of ``Document.text``."""

    start: int
    end: int
    surface: str


@dataclass
class CountryMention(Mention):
    code: str = ""  # ISO 3166-1 alpha-2, "EU" for the Union as a party, "XK" for Kosovo
    kind: str = "name"  # name | adjective | demonym | capital | compound | group (Hamas -> PS)


@dataclass
class OrgMention(Mention):
    code: str = ""  # short canonical name: EAEU, UN, OSCE, ...
    kind: str = "organization"  # organization | summit | ministry


@dataclass
class PlaceMention(Mention):
    name: str = ""  # canonical English GeoNames name
    country: str | None = None
    geonameid: int | None = None
    population: int = 0
    is_capital: bool = False


@dataclass
class PersonMention(Mention):
    name: str = ""  # canonical Latin-script name
    country: str | None = None
    role: str | None = None  # as the text gives it, normalised to English ("President")
    person_id: str | None = None  # knowledge-base id when known
    from_role_only: bool = False  # resolved from a role ("der belarussische Staatschef")


@dataclass
class TimeMention(Mention):
    value: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY | --MM-DD | None
    precision: str = "day"  # day | month | year | week (value None) | range ("YYYY-01/YYYY-08")
    relative: bool = False  # resolved against the publication date ("heute", "on Thursday")
    year_explicit: bool = True  # the text itself states the year
    weekday: int | None = None  # 0 = Monday: the day of the week the text names ("am Mittwoch")


@dataclass
class OrdinalMention(Mention):
    """Which occasion of a series a phrase names: "his second trip to China this year"."""

    number: int = 0
    kind: str = ""  # visit | summit | meeting | session (data/occasions.yaml)
    scope: str = "all"  # year: counted within the current year; all: overall
    deictic: bool = False  # the sentence speaks of the reported occasion ("this is his second ...")
    background: bool = False  # put in the past ("last year's first meeting")


@dataclass
class ProtocolMention(Mention):
    """The rank of a visit a phrase names: "state visit", "Arbeitsbesuch" (data/occasions.yaml)."""

    rank: str = ""  # state | working | private


@dataclass
class FigureMention(Mention):
    kind: str = "trade"  # trade | investment | growth | other lower-case word
    flow: str | None = None  # total | export | import | None
    value: float = 0.0
    unit: str = "USD"  # ISO 4217 or "%"
    period: str | None = None  # YYYY | YYYY-MM | YYYY-01/YYYY-08 | None
    qualifier: str | None = None  # more_than | less_than | about | None
    countries: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "sum_mismatch"


@dataclass
class QuoteMention(Mention):
    text: str = ""
    speaker: str | None = None  # canonical name of the speaker when resolved


@dataclass
class TriggerMatch(Mention):
    type: str = "CONSULT"  # PLOVER type
    mode: str | None = None
    cameo: str | None = None
    future: bool = False  # announced / planned rather than happened
    negated: bool = False


@dataclass
class Analysis:
    """A document and its annotation layers: what the components of ``pipeline.FLOW`` assign.

    Each field below is one layer, written by one component (see ``bilateral.components``);
    layers outside this core model (clean's page ``layout``, an added component's own) live in
    ``layers`` under their names.
    """

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    organizations: list[OrgMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    ordinals: list[OrdinalMention] = field(default_factory=list)
    protocols: list[ProtocolMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    # each sentence's triggers with their priority in context, offsets into the sentence's text:
    # one list per sentence, in the order of ``sentences`` (found once, read by extract)
    triggers: list[list[tuple[TriggerMatch, int]]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    raw: RawDocument | None = None  # the input the document was cleaned from
    layers: dict[str, Any] = field(default_factory=dict)

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None


# ---------------------------------------------------------------- extract / link

@dataclass
class Evidence:
    """Where a value was read: the sentence and its character offsets in the original text."""

    doc_id: str
    text: str
    start: int
    end: int


@dataclass
class Actor:
    name: str
    country: str | None = None
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Location:
    name: str
    country: str | None = None
    geonameid: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    lat: float | None = None  # GeoNames coordinates of ``geonameid`` (decimal degrees)
    lon: float | None = None


@dataclass
class Ordinal:
    """Which occasion of a series the event is, as its text says ("the second visit this year"):
    evidence for linking (the second visit is not the first), not part of the contract."""

    number: int
    kind: str  # visit | summit | meeting | session
    scope: str = "all"  # year | all
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple[int, str, str]:
        return (self.number, self.kind, self.scope)


@dataclass
class Figure:
    kind: str
    flow: str | None
    value: float
    unit: str
    period: str | None = None
    countries: list[str] = field(default_factory=list)
    qualifier: str | None = None
    flags: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.kind, self.flow, round(self.value, 4), self.unit, self.period)


@dataclass
class Quote:
    speaker: str | None
    text: str
    doc_id: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Source:
    doc_id: str
    language: str | None
    published: str | None
    title: str | None
    evidence: list[Evidence] = field(default_factory=list)  # the sentences stating the event
    url: str | None = None
    source_path: str | None = None
    date: str | None = None  # the event date as this source gives it (before merging)


@dataclass
class Event:
    type: str
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    countries: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    location: Location | None = None
    actors: list[Actor] = field(default_factory=list)
    # who acts on whom (subsets of ``countries``); both empty for a symmetric event
    initiator: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    direction_evidence: list[Evidence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    date_evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # sources that disagree (dates, figures)
    future: bool = False  # announced for later
    # linking evidence kept off the contract: the weekday the text gives when the date cannot be
    # resolved (0 = Monday; its evidence is in date_evidence), which occasion of a series it is
    weekday: int | None = None
    weekday_evidence: list[Evidence] = field(default_factory=list)
    ordinal: Ordinal | None = None
    # the visit's rank as the text names it (state | working | private) and where
    protocol: str | None = None
    protocol_evidence: list[Evidence] = field(default_factory=list)
    lead: str = ""  # title + lead sentence(s) of the first source, for similarity
    event_id: str = ""

    def compute_id(self) -> str:
        """Stable across runs on the same input: a hash of what defines the event, including
        where each source states it (two meetings of one pair on one day in one article differ)."""
        spans = sorted((s.doc_id, e.start, e.end) for s in self.sources for e in s.evidence)
        key = json.dumps([sorted(s.doc_id for s in self.sources), self.type, self.mode,
                          self.date, sorted(self.countries), spans], ensure_ascii=False)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_contract(self) -> dict[str, Any]:
        """The line ``bilateral extract`` prints (see shared/CONTRACT.md and docs/FORMAT.md)."""
        goldstein, quad_class = cameo_scale(self.cameo)
        return {
            "event_id": self.event_id or self.compute_id(),
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "date": self.date,
            "countries": sorted(set(self.countries)),
            "organizations": sorted(set(self.organizations)),
            "initiator": sorted(set(self.initiator)),
            "recipient": sorted(set(self.recipient)),
            "goldstein": goldstein,
            "quad_class": quad_class,
            "location": None if self.location is None else _location(self.location),
            "actors": [{"name": a.name, "country": a.country, "role": a.role} for a in self.actors],
            "figures": [{"kind": f.kind, "flow": f.flow, "value": _plain_number(f.value),
                         "unit": f.unit, "period": f.period, "countries": sorted(f.countries),
                         "qualifier": f.qualifier} for f in self.figures],
            "quotes": [{"speaker": q.speaker, "text": q.text, "doc_id": q.doc_id} for q in self.quotes],
            "sources": [_source(s) for s in self.sources],
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, evidence offsets included (for the store and rich exports)."""
        d = asdict(self)
        d["event_id"] = self.event_id or self.compute_id()
        return d


def _location(loc: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"name": loc.name, "country": loc.country, "geonameid": loc.geonameid}
    if loc.lat is not None and loc.lon is not None:  # optional keys: only where known
        out["lat"], out["lon"] = loc.lat, loc.lon
    return out


def _source(s: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"doc_id": s.doc_id, "language": s.language, "published": s.published,
                           "title": s.title, "evidence": " ".join(dict.fromkeys(e.text for e in s.evidence))}
    if s.url:  # optional key: only where the input gives one
        out["url"] = s.url
    return out


def _plain_number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 6)


@dataclass
class DocResult:
    """What one document gave: its cleaned form and events, or the reason it failed.

    Here rather than in ``pipeline``: the engines that run the pipeline (``distributed``) make
    them too, and must not import the pipeline that calls them."""

    source: str
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
