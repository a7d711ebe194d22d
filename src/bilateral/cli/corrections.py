"""The linker's decisions: show an event or why its sources are one (``events --id ID
[--explain]``), and an analyst's corrections ``split`` and ``merge``.

Why apart from the query commands: these show and change *why* sources are one event
(``bilateral.store.corrections``); the query commands only read events.
"""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from bilateral.cli.common import open_store
from bilateral.cli.options import Db
from bilateral.store.corrections import CorrectionError, explain as explain_event, merge as merge_events
from bilateral.store.corrections import split as split_event
from bilateral.store.db import Store
from bilateral.store.query import get_event


def show_event(store: Store, event_id: str, explain: bool, as_json: bool) -> None:
    """Print one event (contract line), or why its sources are together (``--explain``)."""
    found = get_event(store, event_id)
    if found is None:
        print(f"bilateral: no event {event_id!r} in {store.path}", file=sys.stderr)
        raise typer.Exit(1)
    if not explain:
        sys.stdout.write(json.dumps(found.to_contract(), ensure_ascii=False) + "\n")
        return
    why = explain_event(store, event_id) or {"event_id": event_id, "sources": []}
    if as_json:
        sys.stdout.write(json.dumps(why, ensure_ascii=False) + "\n")
        return
    print(f"event {event_id} (story {why.get('story_id')}): {len(why['sources'])} sources")
    for s in why["sources"]:
        link = s["link"]
        if "correction" in link:
            reason = f"merged by an analyst with {link.get('with')}"
        elif s["score"] is None:
            reason = "alone"
        else:
            parts = ", ".join(f"{k} {v:+.2f}" for k, v in link.get("parts", {}).items())
            reason = f"score {s['score']:.2f} with {link.get('with')}: {parts}"
        print(f"  {s['doc_id']} ({s['type']}, {s['date'] or 'no date'}): {reason}")
    for e in why.get("story_events", []):
        print(f"  same story, other event: {e['event_id']} {e['type']} ({', '.join(e['doc_ids'])})")
    for c in why.get("corrections", []):
        print(f"  correction: {c['kind']} {c['doc_a']} / {c['doc_b']} at {c['at']}" + (f" ({c['note']})" if c["note"] else ""))


def split(
    event_id: str = typer.Argument(..., help="The event to take sources out of."),
    docs: list[str] = typer.Option(..., "--doc", help="A source (doc_id) to take out (repeatable)."),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the correction)."),
    db: Db = None,
) -> None:
    """Take sources out of an event; they never join its other sources again (survives re-ingest)."""
    with open_store(db) as store:
        try:
            ids = split_event(store, event_id, docs, note)
        except CorrectionError as exc:
            print(f"bilateral: split: {exc}", file=sys.stderr)
            raise typer.Exit(1)
    sys.stdout.write(json.dumps({"events": ids}) + "\n")


def merge(
    event_ids: list[str] = typer.Argument(..., help="Two or more events that are one."),
    note: Optional[str] = typer.Option(None, "--note", help="Why (kept with the correction)."),
    db: Db = None,
) -> None:
    """Merge events into one; their sources stay together from now on (survives re-ingest)."""
    with open_store(db) as store:
        try:
            eid = merge_events(store, event_ids, note)
        except CorrectionError as exc:
            print(f"bilateral: merge: {exc}", file=sys.stderr)
            raise typer.Exit(1)
    sys.stdout.write(json.dumps({"event_id": eid}) + "\n")
