"""Readable terminal tables for the query commands (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from bilateral.models import Event


def _console() -> Console:
    return Console(soft_wrap=False)


def print_events(events: list[Event]) -> None:
    t = Table(title=f"{len(events)} events", show_lines=False)
    for col in ("date", "type", "mode", "states", "place", "actors", "figures", "sources"):
        t.add_column(col, overflow="fold")
    for e in events:
        t.add_row(e.date or "?", e.type, e.mode or "", "-".join(sorted(set(e.countries))),
                  e.location.name if e.location else "",
                  ", ".join(a.name for a in e.actors), str(len(e.figures)),
                  ", ".join(f"{s.doc_id} ({s.language})" for s in e.sources))
    _console().print(t)


def print_figures(points: list) -> None:
    t = Table(title=f"{len(points)} figures")
    for col in ("period", "kind", "flow", "value", "unit", "qualifier", "states", "event date", "flags"):
        t.add_column(col, justify="right" if col == "value" else "left")
    for p in points:
        t.add_row(p.period or "?", p.kind, p.flow or "", _human(p.value, p.unit), p.unit, p.qualifier or "",
                  p.countries.replace(",", "-"), p.date or "?", p.flags)
    _console().print(t)


def print_meetings(rows: list[tuple]) -> None:
    t = Table(title=f"{len(rows)} pairs of people who met")
    for col in ("person", "met", "times", "last"):
        t.add_column(col)
    for a, b, n, last in rows:
        t.add_row(a, b, str(n), last or "?")
    _console().print(t)


def _human(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:g}"
    for scale, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:,.4g} {word}"  # 514.9 m, not 515 m: figures are quoted as stated
    return f"{value:,.6g}"
