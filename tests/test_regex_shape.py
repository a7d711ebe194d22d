"""The shape of a regular expression (extract/regex_shape.py): first letters and fewest literals,
read without the standard library's private parser."""
from __future__ import annotations

import random
import re

import pytest

from bilateral.extract.regex_shape import first_chars, min_literals, parse
from bilateral.extract.triggers import _split_top
from bilateral.kb import load_yaml


@pytest.mark.parametrize("pattern, chars", [
    ("protest", {"p"}),
    ("Protest", {"p"}),
    ("(?:lodged|filed)\\s+a\\s+protest", {"l", "f"}),
    ("провел[аи]?\\s+переговоры", {"п"}),
    ("[а-в]ызвал", {"а", "б", "в"}),
    ("(?:re)?call", {"r", "c"}),
    ("a?b?c", {"a", "b", "c"}),
    ("\\bmet\\b", {"m"}),
    ("(?<![\\w-])visit", {"v"}),
    ("(?=v)visit|tour", {"v", "t"}),
    ("\\w+gespräch", None),  # \w: any letter
    ("[^x]y", None),  # a negated class
    (".+", None),
    ("a?", None),  # may be empty
    ("(?:a|\\w)b", None),
    ("[0-ÿ]x", None),  # a wide range is no bucket
])
def test_first_chars(pattern: str, chars: set[str] | None) -> None:
    assert first_chars(pattern) == chars


@pytest.mark.parametrize("pattern, n", [
    ("protest", 7),
    ("lodged\\s+a\\s+protest", 14),
    ("\\w+gespräch", 8),
    ("visit(?:ed|s)?", 5),
    ("met|meeting", 3),
    ("(?:talks){2}", 10),
    ("[^x]y", 2),
    ("[\\w-]y", 1),  # a class with a category counts 0
    (".y", 1),
    ("(?<=a)b(?!c)\\b", 1),  # lookarounds and anchors count 0
    ("a{0,3}b{2,}", 2),
])
def test_min_literals(pattern: str, n: int) -> None:
    assert min_literals(pattern) == n


def test_tree_is_simplified_as_the_standard_library_does() -> None:
    # a one-character class is a literal; one-character alternatives are a class
    assert parse("[a]") == [("LITERAL", ord("a"))]
    assert parse("[^a]") == [("NOT_LITERAL", ord("a"))]
    assert parse("a|b") == [("IN", [("LITERAL", ord("a")), ("LITERAL", ord("b"))])]
    # a common first item is taken out of an alternation, but only a simple one
    assert parse("ab|ac") == [("LITERAL", ord("a")),
                              ("IN", [("LITERAL", ord("b")), ("LITERAL", ord("c"))])]
    assert parse("\\s+a|\\s+b")[0][0] == "BRANCH"
    # non-capturing groups are flattened, capturing ones kept
    assert parse("(?:ab)c") == [("LITERAL", 97), ("LITERAL", 98), ("LITERAL", 99)]
    assert parse("(ab)")[0][0] == "SUBPATTERN"
    assert parse("{x}") == [("LITERAL", ord("{")), ("LITERAL", ord("x")), ("LITERAL", ord("}"))]


@pytest.mark.parametrize("bad", ["(ab", "ab)", "[ab", "a**", "*a", "\\q", "(?x)a b"])
def test_unreadable_patterns_raise(bad: str) -> None:
    with pytest.raises(ValueError):
        parse(bad)


def _random_pattern(rnd: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", "б", "\\w", "\\s", "\\b", "[ab]", "[^a]", "[a-c]", ".", "(?=a)", "(?<!b)",
             "x"]
    parts = []
    for _ in range(rnd.randint(1, 3)):
        if depth < 2 and rnd.random() < 0.3:
            atom = "(?:" + "|".join(_random_pattern(rnd, depth + 1)
                                    for _ in range(rnd.randint(1, 3))) + ")"
        else:
            atom = rnd.choice(atoms)
        if atom.startswith("(?:"):  # quantify single atoms only: nested ones backtrack for ever
            atom += rnd.choice(["", "?"])
        elif not atom.startswith(("\\b", "(?=", "(?<")):
            atom += rnd.choice(["", "", "?", "*", "+", "{1,2}"])
        parts.append(atom)
    return "".join(parts)


def test_every_match_starts_with_a_first_char_and_holds_the_literals() -> None:
    """Against the regex engine itself: a match found in random text starts with one of the
    first letters and is at least as long as the fewest literals."""
    rnd = random.Random(7)
    checked = 0
    for _ in range(400):
        pattern = _random_pattern(rnd)
        rx = re.compile(pattern, re.IGNORECASE)
        chars, least = first_chars(pattern), min_literals(pattern)
        for _ in range(20):
            text = "".join(rnd.choice("abcxAB б-") for _ in range(8))
            m = rx.match(text)
            if not m:
                continue
            assert len(m.group(0)) >= least, (pattern, text)
            if chars is not None and m.group(0):
                assert text[0].lower() in chars, (pattern, text)
                checked += 1
    assert checked > 100


def test_every_trigger_pattern_is_readable() -> None:
    """Each branch of every language's trigger lexicon parses, so none falls back silently."""
    rows = load_yaml("triggers.yaml")["triggers"]
    n = 0
    for lang_rows in rows.values():
        for row in lang_rows:
            for piece in _split_top(row["p"]):
                parse(piece)
                n += 1
    assert n > 500
