"""Options and arguments that several commands take, declared once.

Why: ``--db``, the event filters, ``--json``, ``--jobs`` and the engine options mean the same in
every command that has them; declaring each once (as ``Annotated`` types typer reads) keeps their
flags and help identical everywhere and makes a new command's signature one line per option.
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from bilateral.store.export import export_formats

DB_HELP = ("SQLite database file or postgresql://user@host/dbname URL "
           "(default: $BILATERAL_DB or ~/.local/share/bilateral/bilateral.sqlite).")

# ---------------------------------------------------------------- reading articles

Paths = Annotated[list[str], typer.Argument(help="Files or folders to read; '-' reads JSON Lines from stdin.")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for extraction (0 = all cores).")]
MaxBytes = Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")]
DocTimeout = Annotated[float, typer.Option("--doc-timeout", min=0,
                                           help="Skip a document still running after this many seconds (0 = no limit).")]
Engine = Annotated[str, typer.Option("--engine", help="local (processes on this machine) or ray (Ray tasks).")]
RayAddress = Annotated[Optional[str], typer.Option(
    "--ray-address", help="With --engine ray: a Ray cluster (HOST:PORT); default: a local Ray.")]

# ---------------------------------------------------------------- the store and its queries

Db = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
AsJson = Annotated[bool, typer.Option("--json", help="JSON Lines (the default when piped).")]
Pair = Annotated[Optional[str], typer.Option("--pair", help="Two states, e.g. BY-KZ.")]
Country = Annotated[Optional[str], typer.Option(
    "--country", help="A state taking part, e.g. KZ (ISO 3166-1 alpha-2; EU, XK).")]
FromCountry = Annotated[Optional[str], typer.Option(
    "--from-country", help="The state that acts (initiator of a directed event), e.g. BY.")]
ToCountry = Annotated[Optional[str], typer.Option(
    "--to-country", help="The state acted upon (recipient of a directed event), e.g. CN.")]
DateFrom = Annotated[Optional[str], typer.Option("--from", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD).")]
DateTo = Annotated[Optional[str], typer.Option("--to", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
EventType = Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. CONSULT.")]
Actor = Annotated[Optional[str], typer.Option("--actor", help="Part of a person's name.")]
Text = Annotated[Optional[str], typer.Option("--text", help="Words in the evidence or title.")]
Limit = Annotated[Optional[int], typer.Option("--limit", help="At most this many events.")]

# ---------------------------------------------------------------- exports

FORMAT_HELP = " | ".join(f.name + "".join(f" (= {a})" for a in f.aliases) for f in export_formats())
Format = Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)]
