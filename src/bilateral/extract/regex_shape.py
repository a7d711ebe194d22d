"""The shape of a regular expression, read from its text: the letters a match can start with
and the fewest literal characters a match contains.

The trigger lexicon (``extract/triggers.py``) needs both: the first letters put each branch in
the buckets the scanner tries at a word start, the literal count orders branches most specific
first. The standard library parses patterns only in a private module (``re._parser``, formerly
``sre_parse``) that is no part of the language's API, so this module has its own small parser.
It builds the tree the standard library builds, with the same simplifications (a one-character
class is a literal, an alternation gives up its common prefix and becomes a class when every
alternative is one character, non-capturing groups are flattened), so both questions get the
answers they got from the standard library's tree. Patterns it cannot read (verbose mode)
raise ``ValueError``.

Public:
    parse(pattern) -> list of nodes          the tree: (op, argument) tuples, ops named as in ``re``
    first_chars(pattern) -> set[str] | None   lower-case letters a match starts with; None: unknown
    min_literals(pattern) -> int              literal characters every match contains
"""
from __future__ import annotations

import unicodedata
from typing import Any

MAXREPEAT = -1  # an unbounded repeat ({m,}, *, +)

Node = tuple[str, Any]

_CATEGORIES = {"d": "DIGIT", "D": "NOT_DIGIT", "s": "SPACE", "S": "NOT_SPACE", "w": "WORD",
               "W": "NOT_WORD"}
_ANCHORS = {"A": "BEGINNING_STRING", "b": "BOUNDARY", "B": "NON_BOUNDARY", "Z": "END_STRING"}
_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_FLAGS = "aiLmsux"
_HEX = "0123456789abcdefABCDEF"
_OCT = "01234567"
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
# Items holding a sub-sequence are never one alternative's common prefix (the standard library
# compares those by identity, so it never takes them out)
_NESTED = frozenset({*_REPEATS, "SUBPATTERN", "BRANCH", "ASSERT", "ASSERT_NOT", "ATOMIC_GROUP",
                     "GROUPREF_EXISTS"})


class _Source:
    """The pattern text with a read position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    @property
    def next(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def get(self) -> str | None:
        ch = self.next
        if ch is not None:
            self.pos += 1
        return ch

    def match(self, ch: str) -> bool:
        if self.next == ch:
            self.pos += 1
            return True
        return False

    def get_while(self, n: int, chars: str) -> str:
        out = ""
        while len(out) < n and self.next is not None and self.next in chars:
            out += self.get()  # type: ignore[operator]
        return out

    def get_until(self, end: str) -> str:
        start = self.pos
        while self.next is not None and self.next != end:
            self.pos += 1
        if self.next is None:
            raise ValueError(f"missing {end!r} in {self.text!r}")
        self.pos += 1
        return self.text[start:self.pos - 1]

    def error(self, what: str) -> ValueError:
        return ValueError(f"{what} at position {self.pos} in {self.text!r}")


def _code_escape(src: _Source, c: str) -> int | None:
    """The code point of a numeric or named escape (\\x41, \\u0410, \\N{EM DASH}), else None."""
    if c == "x":
        digits = src.get_while(2, _HEX)
        if len(digits) != 2:
            raise src.error("incomplete escape \\x")
        return int(digits, 16)
    if c in "uU":
        n = 4 if c == "u" else 8
        digits = src.get_while(n, _HEX)
        if len(digits) != n:
            raise src.error(f"incomplete escape \\{c}")
        return int(digits, 16)
    if c == "N":
        if not src.match("{"):
            raise src.error("missing { after \\N")
        return ord(unicodedata.lookup(src.get_until("}")))
    return None


def _class_escape(src: _Source, c: str) -> Node:
    """An escape inside [...]: a category or a literal (\\b is a backspace there)."""
    if c in _CATEGORIES:
        return ("CATEGORY", _CATEGORIES[c])
    if c == "b":
        return ("LITERAL", 8)
    if c in _ESCAPES:
        return ("LITERAL", _ESCAPES[c])
    code = _code_escape(src, c)
    if code is not None:
        return ("LITERAL", code)
    if c in _OCT:
        return ("LITERAL", int(c + src.get_while(2, _OCT), 8))
    if c.isascii() and (c.isalpha() or c.isdigit()):
        raise src.error(f"bad escape \\{c}")
    return ("LITERAL", ord(c))


def _escape(src: _Source, c: str, groups: int) -> Node:
    """An escape outside a class."""
    if c in _CATEGORIES:
        return ("IN", [("CATEGORY", _CATEGORIES[c])])
    if c in _ANCHORS:
        return ("AT", _ANCHORS[c])
    if c in _ESCAPES:
        return ("LITERAL", _ESCAPES[c])
    code = _code_escape(src, c)
    if code is not None:
        return ("LITERAL", code)
    if c == "0":
        return ("LITERAL", int(c + src.get_while(2, _OCT), 8))
    if c.isascii() and c.isdigit():
        digits = c
        if src.next is not None and src.next.isascii() and src.next.isdigit():
            digits += src.get()  # type: ignore[operator]
            if digits[0] in _OCT and digits[1] in _OCT and src.next is not None \
                    and src.next in _OCT:
                return ("LITERAL", int(digits + src.get(), 8))  # type: ignore[operator]
        if int(digits) > groups:
            raise src.error(f"invalid group reference {digits}")
        return ("GROUPREF", int(digits))
    if c.isascii() and c.isalpha():
        raise src.error(f"bad escape \\{c}")
    return ("LITERAL", ord(c))


def _uniq(items: list[Node]) -> list[Node]:
    return list(dict.fromkeys(items))


class _Parser:
    def __init__(self, text: str) -> None:
        self.src = _Source(text)
        self.groups = 0
        self.names: dict[str, int] = {}

    def parse_sub(self, nested: int) -> list[Node]:
        """An alternation a|b|c, simplified as the standard library simplifies it."""
        items = [self.parse_seq(nested + 1, first=not nested)]
        while self.src.match("|"):
            items.append(self.parse_seq(nested + 1))
        if len(items) == 1:
            return items[0]
        out: list[Node] = []
        while all(items) and items[0][0][0] not in _NESTED \
                and all(item[0] == items[0][0] for item in items):
            prefix = items[0][0]  # every alternative starts with this item: take it out
            for item in items:
                del item[0]
            out.append(prefix)
        chars: list[Node] = []
        for item in items:
            if len(item) != 1:
                break
            op, arg = item[0]
            if op == "LITERAL":
                chars.append(item[0])
            elif op == "IN" and arg[0][0] != "NEGATE":
                chars.extend(arg)
            else:
                break
        else:  # every alternative is one character: a class
            out.append(("IN", _uniq(chars)))
            return out
        out.append(("BRANCH", (None, items)))
        return out

    def _class_item(self, ch: str) -> Node:
        """One member of a character class: ``ch`` itself, or the escape it starts."""
        if ch != "\\":
            return ("LITERAL", ord(ch))
        esc = self.src.get()
        if esc is None:
            raise self.src.error("bad escape (end of pattern)")
        return _class_escape(self.src, esc)

    def parse_class(self) -> Node:
        src = self.src
        items: list[Node] = []
        negate = src.match("^")
        while True:
            ch = src.get()
            if ch is None:
                raise src.error("unterminated character set")
            if ch == "]" and items:
                break
            first = self._class_item(ch)
            if src.match("-"):
                that = src.get()
                if that is None:
                    raise src.error("unterminated character set")
                if that == "]":
                    items.append(first)
                    items.append(("LITERAL", ord("-")))
                    break
                last = self._class_item(that)
                if first[0] != "LITERAL" or last[0] != "LITERAL" or last[1] < first[1]:
                    raise src.error("bad character range")
                items.append(("RANGE", (first[1], last[1])))
            else:
                items.append(first)
        items = _uniq(items)
        if len(items) == 1 and items[0][0] == "LITERAL":
            return ("NOT_LITERAL", items[0][1]) if negate else items[0]
        return ("IN", [("NEGATE", None)] + items if negate else items)

    def parse_repeat(self, this: str, seq: list[Node]) -> bool:
        """Apply a quantifier to the last item; False when "{" is a literal brace."""
        src = self.src
        if this == "?":
            lo, hi = 0, 1
        elif this == "*":
            lo, hi = 0, MAXREPEAT
        elif this == "+":
            lo, hi = 1, MAXREPEAT
        else:
            here = src.pos
            if src.next == "}":
                return False
            low = src.get_while(len(src.text), "0123456789")
            high = src.get_while(len(src.text), "0123456789") if src.match(",") else low
            if not src.match("}"):
                src.pos = here
                return False
            lo = int(low) if low else 0
            hi = int(high) if high else MAXREPEAT
            if hi != MAXREPEAT and hi < lo:
                raise src.error("min repeat greater than max repeat")
        if not seq or seq[-1][0] == "AT":
            raise src.error("nothing to repeat")
        if seq[-1][0] in _REPEATS:
            raise src.error("multiple repeat")
        item = seq[-1:]
        if item[0][0] == "SUBPATTERN":
            group, add, delete, body = item[0][1]
            if group is None and not add and not delete:
                item = body
        kind = "MIN_REPEAT" if src.match("?") else "POSSESSIVE_REPEAT" if src.match("+") \
            else "MAX_REPEAT"
        seq[-1] = (kind, (lo, hi, item))
        return True

    def parse_flags(self, ch: str) -> tuple[str, str] | None:
        """Inline flags after "(?": (added, removed) for a scoped group, None for global ones."""
        src = self.src
        add = ""
        while ch in _FLAGS:
            add += ch
            ch = src.get() or ""
        delete = ""
        if ch == "-":
            ch = src.get() or ""
            while ch in _FLAGS:
                delete += ch
                ch = src.get() or ""
        if "x" in add:
            raise src.error("verbose patterns are not supported")
        if ch == ")":
            if delete:
                raise src.error("missing flag or ':'")
            return None
        if ch != ":":
            raise src.error("unknown flag")
        return add, delete

    def parse_group(self, seq: list[Node], first: bool) -> None:
        """After "(": a group, a lookaround, a comment, a backreference or inline flags."""
        src = self.src
        capture, atomic, name = True, False, None
        add = delete = ""
        if src.match("?"):
            ch = src.get()
            if ch is None:
                raise src.error("unexpected end of pattern")
            if ch == "P":
                if src.match("<"):
                    name = src.get_until(">")
                elif src.match("="):
                    ref = src.get_until(")")
                    if ref not in self.names:
                        raise src.error(f"unknown group name {ref!r}")
                    seq.append(("GROUPREF", self.names[ref]))
                    return
                else:
                    raise src.error("unknown extension ?P")
            elif ch == ":":
                capture = False
            elif ch == "#":
                src.get_until(")")
                return
            elif ch in "=!<":
                direction = 1
                if ch == "<":
                    ch = src.get()
                    if ch is None or ch not in "=!":
                        raise src.error("unknown extension ?<")
                    direction = -1
                body = self.parse_sub(1)
                if not src.match(")"):
                    raise src.error("missing ), unterminated subpattern")
                seq.append(("ASSERT" if ch == "=" else "ASSERT_NOT", (direction, body)))
                return
            elif ch == "(":
                cond = src.get_until(")")
                yes = self.parse_seq(1)
                no = self.parse_seq(1) if src.match("|") else None
                if not src.match(")"):
                    raise src.error("missing ), unterminated subpattern")
                seq.append(("GROUPREF_EXISTS", (cond, yes, no)))
                return
            elif ch == ">":
                capture, atomic = False, True
            elif ch in _FLAGS or ch == "-":
                flags = self.parse_flags(ch)
                if flags is None:
                    if not first or seq:
                        raise src.error("global flags not at the start of the expression")
                    return
                add, delete = flags
                capture = False
            else:
                raise src.error(f"unknown extension ?{ch}")
        group = None
        if capture:
            self.groups += 1
            group = self.groups
            if name is not None:
                self.names[name] = group
        body = self.parse_sub(1)
        if not src.match(")"):
            raise src.error("missing ), unterminated subpattern")
        if atomic:
            seq.append(("ATOMIC_GROUP", body))
        else:
            seq.append(("SUBPATTERN", (group, add, delete, body)))

    def parse_seq(self, nested: int, first: bool = False) -> list[Node]:
        """A sequence up to "|" or ")"."""
        src = self.src
        seq: list[Node] = []
        while True:
            this = src.next
            if this is None or this in "|)":
                break
            src.get()
            if this == "\\":
                esc = src.get()
                if esc is None:
                    raise src.error("bad escape (end of pattern)")
                seq.append(_escape(src, esc, self.groups))
            elif this == "[":
                seq.append(self.parse_class())
            elif this in "?*+{":
                if not self.parse_repeat(this, seq):
                    seq.append(("LITERAL", ord(this)))
            elif this == ".":
                seq.append(("ANY", None))
            elif this == "(":
                self.parse_group(seq, first)
            elif this == "^":
                seq.append(("AT", "BEGINNING"))
            elif this == "$":
                seq.append(("AT", "END"))
            else:
                seq.append(("LITERAL", ord(this)))
        for i in range(len(seq) - 1, -1, -1):  # flatten non-capturing groups without flags
            op, arg = seq[i]
            if op == "SUBPATTERN":
                group, add, delete, body = arg
                if group is None and not add and not delete:
                    seq[i:i + 1] = body
        return seq


def parse(pattern: str) -> list[Node]:
    """The tree of ``pattern``: a list of (op, argument) nodes."""
    parser = _Parser(pattern)
    tree = parser.parse_sub(0)
    if parser.src.next is not None:
        raise parser.src.error("unbalanced parenthesis")
    return tree


def _first(items: list[Node]) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of a sequence of nodes."""
    out: set[str] = set()
    for op, arg in items:
        if op in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        if op == "LITERAL":
            ch = chr(arg)
            return out | {ch.lower(), ch.upper().lower()}, False
        if op == "IN":
            chars: set[str] = set()
            for iop, iarg in arg:
                if iop == "LITERAL":
                    chars.add(chr(iarg).lower())
                elif iop == "RANGE" and iarg[1] - iarg[0] < 64:
                    chars.update(chr(c).lower() for c in range(iarg[0], iarg[1] + 1))
                else:  # a category, a negated class or a wide range
                    return None, False
            return out | chars, False
        if op == "SUBPATTERN":
            sub, empty = _first(arg[-1])
        elif op == "BRANCH":
            sub, empty = set(), False
            for alt in arg[1]:
                f, e = _first(alt)
                if f is None:
                    return None, False
                sub |= f
                empty = empty or e
        elif op in ("MAX_REPEAT", "MIN_REPEAT"):
            sub, empty = _first(arg[2])
            empty = empty or arg[0] == 0
        else:  # any character, a negated literal, a backreference ...
            return None, False
        if sub is None:
            return None, False
        out |= sub
        if not empty:
            return out, False
    return out, True


def first_chars(pattern: str) -> set[str] | None:
    """Lower-case letters a match of ``pattern`` can start with; None when that is unknown
    (the match may start with \\w, any character, or be empty)."""
    chars, empty = _first(parse(pattern))
    return None if chars is None or empty else chars


def _least(items: list[Node]) -> int:
    n = 0
    for op, arg in items:
        if op in ("LITERAL", "NOT_LITERAL"):
            n += 1
        elif op == "IN":
            n += 0 if any(i[0] == "CATEGORY" for i in arg) else 1
        elif op == "SUBPATTERN":
            n += _least(arg[-1])
        elif op == "BRANCH":
            n += min(_least(alt) for alt in arg[1])
        elif op in ("MAX_REPEAT", "MIN_REPEAT"):
            n += arg[0] * _least(arg[2])
    return n


def min_literals(pattern: str) -> int:
    """Fewest literal characters a match of ``pattern`` contains (\\w, \\s, "." count 0, so do
    lookarounds and anchors)."""
    return _least(parse(pattern))
