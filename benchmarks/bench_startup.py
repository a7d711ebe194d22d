"""Start-up time of the command line: what a user waits for before any work starts.

    python benchmarks/bench_startup.py [--runs N]

Prints, for each command, the fastest of N runs (default 7) in CPU seconds (user + system of
the child) and in wall seconds. CPU time is the number to compare on a shared machine: wall time
also counts the waits for a core while others run. ``extract-one`` reads one short sentence with no
event in it, so it measures loading the pipeline's code and models, not extraction.

Bytecode: an installed ``bilateral`` has its modules compiled once (pip does it at install), so
the commands run here may write ``__pycache__`` even when PYTHONDONTWRITEBYTECODE is set, and a
first run of each command, not counted, compiles them. Without that, every start would measure
Python's compiler rather than the start-up.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("The weather was mild this week.\n", encoding="utf-8")
        cli = [str(BIN / "bilateral")] if (BIN / "bilateral").exists() else [sys.executable, "-m", "bilateral.cli"]
        commands = {
            "import bilateral": [sys.executable, "-c", "import bilateral"],
            "bilateral --help": cli + ["--help"],
            "bilateral extract --help": cli + ["extract", "--help"],
            "extract-one": cli + ["extract", "--quiet", str(one)],
        }
        for name, argv in commands.items():
            timed(argv)  # compiles what was never compiled
            runs = [timed(argv) for _ in range(args.runs)]
            cpu, wall = min(r[0] for r in runs), min(r[1] for r in runs)
            print(f"{name:<26} cpu {cpu:6.3f} s   wall {wall:6.3f} s  (fastest of {args.runs})", flush=True)


if __name__ == "__main__":
    main()
