"""Generic code asks the language (bilateral/lang), it never tests a language code.

Why a test: "Languages in one place" (issue 10) holds only while nobody writes
``if lang == "ru"`` again. This scans the package's syntax trees for a comparison (``==``, ``!=``,
``in``, ``not in``) of anything with a language code literal ("ru", ("en", "de"), ...), and for
an identity test against one language's data (``cues is _cues("ru")``). What differs between
languages goes into data/languages.yaml (``profiles``: the ``Language`` traits) or into the
language's own sections of the knowledge files. (English as the fallback for a language without
a section, ``data.get(lang) or data["en"]``, is a default, not a branch, and stays.)
"""
from __future__ import annotations

import ast
from pathlib import Path

from bilateral.languages import vocabulary_languages

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bilateral"

# Where naming a language by its code is the point, not a branch of generic code:
ALLOWED = {
    "lang/__init__.py": "the language objects themselves",
    "clean/language.py": "language identification: it decides which code a text has",
}


def _codes() -> frozenset[str]:
    return frozenset(vocabulary_languages())


def _literal_codes(node: ast.AST, codes: frozenset[str]) -> list[str]:
    """The language codes a literal names: a string, or a tuple/list/set of strings."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value in codes else []
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [c for e in node.elts for c in _literal_codes(e, codes)]
    return []


def language_code_tests(source: str, codes: frozenset[str]) -> list[tuple[int, str]]:
    """(line, code) of each comparison with a language code literal in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        for op, (left, right) in zip(node.ops, zip([node.left, *node.comparators], node.comparators)):
            if isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
                found += [(node.lineno, c) for side in (left, right) for c in _literal_codes(side, codes)]
            elif isinstance(op, (ast.Is, ast.IsNot)):  # cues is _cues("ru")
                found += [(node.lineno, c) for side in (left, right) if isinstance(side, ast.Call)
                          for arg in side.args for c in _literal_codes(arg, codes)]
    return found


def test_the_scan_finds_a_language_branch() -> None:
    codes = frozenset({"ru", "de", "en"})
    assert language_code_tests('if lang == "ru":\n    pass\n', codes) == [(1, "ru")]
    assert language_code_tests('x = row_lang in ("de", "en")\n', codes) == [(1, "de"), (1, "en")]
    assert language_code_tests('ok = cues is _cues("ru")\n', codes) == [(1, "ru")]
    assert language_code_tests('if kind == "name" or lang in data:\n    pass\n', codes) == []


def test_generic_code_never_compares_a_language_code() -> None:
    codes = _codes()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ALLOWED:
            continue
        found += [f"{rel}:{line}: {code!r}" for line, code in
                  language_code_tests(path.read_text(encoding="utf-8"), codes)]
    assert not found, ("generic code tests language codes; ask bilateral.lang.language(code) for a trait "
                       "(data/languages.yaml, profiles) instead:\n" + "\n".join(found))
