"""The ``bilateral`` command line. Results go to stdout as JSON Lines; logs and progress to stderr."""
from __future__ import annotations

import json
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from typing import Optional

import typer
from typer import Abort
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # typer ships its own click

from bilateral import pipeline
from bilateral.budget import DEFAULT_DOC_TIMEOUT
from bilateral.languages import VocabularyGaps
from bilateral.progress import Progress, warn

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


def check_engine(engine: str, ray_address: str | None) -> None:
    """``--engine`` is known and Ray is installed when asked for: one line and exit 2 otherwise."""
    if engine not in pipeline.ENGINES:
        warn(f"--engine: {engine!r} is not an engine ({', '.join(pipeline.ENGINES)})")
        raise typer.Exit(2)
    if ray_address and engine != "ray":
        warn("--ray-address needs --engine ray")
        raise typer.Exit(2)
    if engine == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            warn("--engine ray needs Ray (pip install 'ray==2.60.0')")
            raise typer.Exit(2)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files or folders to read; '-' reads JSON Lines from stdin."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for extraction (0 = all cores)."),
    max_bytes: int = typer.Option(pipeline.DEFAULT_MAX_BYTES, help="Refuse files larger than this many bytes."),
    no_link: bool = typer.Option(False, "--no-link", help="Print each document's events without cross-document linking."),
    doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT, "--doc-timeout", min=0,
                                      help="Skip a document still running after this many seconds (0 = no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or ray (Ray tasks)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address",
                                              help="With --engine ray: a Ray cluster (HOST:PORT); default: a local Ray."),
) -> None:
    """Read articles, extract their interstate events, link them across documents; print contract JSON Lines."""
    import os

    jobs = jobs or os.cpu_count() or 1
    events, processed = [], 0
    progress = Progress(quiet=quiet)
    gaps = VocabularyGaps()
    check_engine(engine, ray_address)
    for result in pipeline.process_many(pipeline.read_all(paths, max_bytes), jobs=jobs, doc_timeout=doc_timeout,
                                        engine=engine, ray_address=ray_address):
        if result.error:
            warn(f"{result.source}: {result.error}")
            progress.update(error=True)
            continue
        processed += 1
        gaps.add(result.document.language if result.document else None)
        events.extend(result.events)
        progress.update()
    progress.close()
    if gaps.message():
        warn(gaps.message())
    if not no_link:
        events = pipeline.link(events)
    out = sys.stdout
    for event in events:
        out.write(json.dumps(event.to_contract(), ensure_ascii=False) + "\n")
    out.flush()
    if processed == 0:
        warn("no document could be processed")
        raise typer.Exit(1)


@app.command()
def similarity(
    pairs: str = typer.Argument(..., help="JSON Lines of {id, text1, text2, lang1?, lang2?}; '-' for stdin."),
) -> None:
    """Score how likely two articles report the same event (1) or nothing in common (0)."""
    from bilateral.similarity.model import article_similarity
    from bilateral.read.pairs import parse_pair

    fh = sys.stdin if pairs == "-" else None
    if fh is None:
        path = Path(pairs)
        if not path.exists():
            warn(f"{pairs}: no such file")
            raise typer.Exit(2)
        fh = path.open(encoding="utf-8", errors="replace")
    scored = 0
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        pair = parse_pair(line)
        if isinstance(pair, str):
            warn(f"{pairs}: line {n}: skipped ({pair})")
            continue
        if pair.note:
            warn(f"{pairs}: line {n}: {pair.note}")
        pid = pair.id
        s = article_similarity(pair.text1, pair.text2, pair.lang1, pair.lang2)
        sys.stdout.write(json.dumps({"id": pid, "similarity": round(float(s), 4)}) + "\n")
        scored += 1
    if scored == 0:
        warn("no pair could be scored")
        raise typer.Exit(1)


def _register_optional_commands() -> None:
    """Store, query, export and serve commands live beside the store they use."""
    try:
        from bilateral.store.commands import register
    except ImportError as exc:  # pragma: no cover - only while the store package is incomplete
        if "bilateral.store.commands" not in str(exc):
            raise
        return
    register(app)
    from bilateral.watch.cli import register as register_watch

    register_watch(app)


_register_optional_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
