"""The ``bilateral`` command line. Results go to stdout (JSON Lines, tables on a terminal); logs
and progress to stderr.

One module per group of commands; the table below is the whole command line, in the order
``bilateral --help`` lists it. Options that several commands share are declared once in
``options.py``; one-line errors and opening the store live in ``common.py``.

    extract.py      extract, similarity          articles in, no store
    corrections.py  split, merge (events --id)   the linker's decisions and an analyst's corrections
    ingest.py       ingest                       articles into the store
    query.py        events, figures, who-met     questions to the store
    export.py       export                       any format of the export registry (store/export.py)
    serve.py        serve                        the HTTP API and dashboard
    watch.py        watch                        feeds into the store
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

import typer
from typer import Abort
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # typer ships its own click

from bilateral.cli import corrections, export, extract, ingest, query, serve, watch
from bilateral.cli.common import check_engine

__all__ = ["app", "main", "check_engine"]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news about international relations into a database of interstate events.")


def _version(value: bool) -> None:
    if value:
        try:
            v = version("bilateral")
        except PackageNotFoundError:  # a source tree that was never installed
            v = "unknown"
        print(f"bilateral {v}")
        raise typer.Exit(0)


@app.callback()
def _root(show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                             help="Print the version and exit.")) -> None:
    """Turn news about international relations into a database of interstate events."""


# ---------------------------------------------------------------- the commands, in --help order

app.command()(extract.extract)
app.command()(extract.similarity)
app.command()(corrections.split)
app.command()(corrections.merge)
app.command()(ingest.ingest)
app.command()(query.events)
app.command()(query.figures)
app.command("who-met")(query.who_met)
app.command()(export.export)
app.command()(serve.serve)
app.command()(watch.watch)


def main() -> None:
    """The console entry point: a usage error (unknown option, bad number) is one line on stderr
    and exit status 2, like a bad filter value; everything else is typer's."""
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:  # `bilateral` alone: the help, as typer shows it
        print(exc.format_message(), file=sys.stderr)
        sys.exit(2)
    except UsageError as exc:
        ctx = exc.ctx
        where = f"{ctx.command_path}: " if ctx is not None else ""
        print(f"bilateral: {where}{exc.format_message()} (see --help)", file=sys.stderr)
        sys.exit(2)
    except Abort:
        print("bilateral: interrupted", file=sys.stderr)
        sys.exit(130)
    except ClickException as exc:
        print(f"bilateral: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
