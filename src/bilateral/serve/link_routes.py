"""API for the linker's decisions: why an event's sources are together; split and merge.

``GET /api/events/{id}/explain`` reads (like every other route); ``POST /api/events/{id}/split``
and ``POST /api/merge`` write an analyst's correction, so the server's guard
(``bilateral.serve.security``) lets them through only when it was started with a write token
and the request carries it. A write opens the database for writing for that request only.
"""
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from bilateral.store.corrections import CorrectionError, explain, merge, split
from bilateral.store.db import Store
from bilateral.store.query import ReadOnlyStore

if TYPE_CHECKING:
    from fastapi import APIRouter  # lazy (as above)

# No ``from __future__ import annotations`` here: FastAPI reads the routes' parameter types (the
# request bodies), which are names inside ``router``.


def router(db_path: Path) -> "APIRouter":
    """The routes, bound to the served database."""
    # lazy: FastAPI and pydantic cost ~0.8 s of CPU; only `bilateral serve` (and its tests) builds routes
    from fastapi import APIRouter
    from pydantic import BaseModel, Field  # lazy (as above)
    from starlette.exceptions import HTTPException

    class SplitRequest(BaseModel):
        docs: list[str] = Field(..., min_length=1, description="Sources (doc_id) to take out of the event")
        note: Optional[str] = Field(None, max_length=2000, description="Why (kept with the correction)")

    class MergeRequest(BaseModel):
        events: list[str] = Field(..., min_length=2, description="Event ids that are one event")
        note: Optional[str] = Field(None, max_length=2000, description="Why (kept with the correction)")

    api = APIRouter()

    def need_db() -> None:
        if not db_path.exists():
            raise HTTPException(503, f"no database at {db_path} (run `bilateral ingest` first)")

    @api.get("/api/events/{event_id}/explain",
             summary="Why an event's sources were merged: per source its best link (score and parts)")
    def explain_event(event_id: str) -> dict:
        need_db()
        with ReadOnlyStore(db_path) as store:
            why = explain(store, event_id)
        if why is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return why

    @api.post("/api/events/{event_id}/split",
              summary="Take sources out of an event for good (an analyst's correction; needs the write token)")
    def split_event(event_id: str, body: SplitRequest) -> dict:
        need_db()
        with Store(db_path) as store:
            try:
                return {"events": split(store, event_id, body.docs, body.note)}
            except CorrectionError as exc:
                raise HTTPException(404 if "no event" in str(exc) else 400, str(exc))

    @api.post("/api/merge", summary="Merge events into one for good (an analyst's correction; needs the write token)")
    def merge_events(body: MergeRequest) -> dict:
        need_db()
        with Store(db_path) as store:
            try:
                return {"event_id": merge(store, body.events, body.note)}
            except CorrectionError as exc:
                raise HTTPException(404 if "no event" in str(exc) else 400, str(exc))

    return api
