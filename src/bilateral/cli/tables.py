"""Readable terminal tables for the query commands (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from bilateral.models import Event


def _console() -> Console:
    return Console(soft_wrap=False)


def _states(e: Event) -> str:
    """``BY>CN`` for a directed event (initiator > recipient), ``BY-KZ`` for a symmetric one."""
    if e.initiator and e.recipient:
        return "+".join(sorted(e.initiator)) + ">" + "+".join(sorted(e.recipient))
    return "-".join(sorted(set(e.countries)))


def print_events(events: list[Event], total: int | None = None, exact: bool = True) -> None:
    """One row per event, its id first (what `events --json`, the API and exports key on). At
    80 columns the table keeps id, date, type, states and place; wider terminals add people
    and sources. ``total``: how many match (at least that many when not ``exact``), when the
    table shows only the first of them."""
    console = _console()
    wide = console.width >= 120
    title = f"{len(events)} events"
    if total is not None and (total > len(events) or not exact):
        title = (f"first {len(events)} of {total:,}{'' if exact else '+'} events "
                 "(--limit N shows more, --json lists them all)")
    t = Table(title=title, show_lines=False, pad_edge=False, **({} if wide else {"box": None}))
    t.add_column("id", no_wrap=True, style="dim")
    t.add_column("date", no_wrap=True)
    t.add_column("type", overflow="fold")
    t.add_column("states", no_wrap=True)
    t.add_column("place", overflow="fold")
    if wide:
        t.add_column("actors", overflow="fold")
        t.add_column("figures", justify="right")
        t.add_column("sources", overflow="fold")
    for e in events:
        row = [e.event_id, e.date or "?", e.type + (f"/{e.mode}" if e.mode else ""), _states(e),
               e.location.name if e.location else ""]
        if wide:
            row += [", ".join(a.name for a in e.actors), str(len(e.figures)),
                    ", ".join(f"{s.doc_id} ({s.language})" for s in e.sources)]
        else:
            row[-1] = (row[-1] + f" [{len(e.sources)} src]").strip()
        t.add_row(*row)
    console.print(t)


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
