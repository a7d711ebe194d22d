"""Remove web leftovers (menus, share buttons, disclaimers, captions, page dates) from plain text.

Two kinds of knowledge meet here. Phrases ("Teile diesen Artikel", "Читайте также", cookie
notices) are per-language data in ``boilerplate.yaml``. Structure is code and language-free:

* the article body runs from the first to the last line that reads like prose (a sentence of
  five words or more, or a long line);
* above the body only the headline (and a kicker or deck right next to it) and a dateline
  survive - menu items, rubrics and page dates do not;
* below the body nothing survives (share blocks, "latest news", disclaimers);
* inside the body, lines go only when a phrase names them or when three or more short
  unpunctuated lines come in a row (a link list, a tag cloud);
* a "related / latest news / share" marker after the article's middle cuts the page tail.

The result is a ``Layout``: every line, which ones are kept (possibly trimmed at the start),
where the title and body are, and the date lines found on the way (for the publication date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bilateral.clean.dates import trie_regex
from bilateral.clean.lines import Line, split_lines, trimmed
from bilateral.clean.date_lines import DateLine, date_marker_at_start, metadata_prefix_end, scan_date_line
from bilateral.clean.datelines import is_dateline
from bilateral.deadline import loader
from bilateral.kb import load_yaml


@dataclass(frozen=True)
class _Patterns:
    furniture: re.Pattern[str]
    disclaimers: tuple[re.Pattern[str], ...]
    disclaimer_keywords: re.Pattern[str]
    disclaimer_max_words: int
    tail: re.Pattern[str]
    teaser: re.Pattern[str]
    caption: re.Pattern[str]
    furniture_max_words: int
    caption_max_words: int


def _union(groups: dict[str, list[str]] | None) -> str:
    pats = [p for lang_pats in (groups or {}).values() for p in lang_pats]
    return "|".join(f"(?:{p})" for p in pats) or r"(?!x)x"


@loader(maxsize=1)
def patterns() -> _Patterns:
    d = load_yaml("boilerplate.yaml")
    return _Patterns(
        furniture=re.compile(r"(?:" + _union(d["furniture"]) + r")", re.I),
        disclaimers=tuple(re.compile(p, re.I) for ps in d["disclaimers"].values() for p in ps),
        disclaimer_keywords=re.compile(trie_regex({str(k).lower() for k in d["disclaimer_keywords"]})),
        disclaimer_max_words=int(d.get("disclaimer_max_words", 120)),
        tail=re.compile(r"(?:" + _union(d["tail_markers"]) + r")", re.I),
        teaser=re.compile(r"(?:" + _union(d["teasers"]) + r")", re.I),
        caption=re.compile(r"(?:" + _union(d["captions"]) + r")", re.I),
        furniture_max_words=int(d.get("furniture_max_words", 12)),
        caption_max_words=int(d.get("caption_max_words", 30)),
    )


_LABEL_STRIP = " \t:|>»›•·-–—/"


@dataclass
class Layout:
    """The page as lines, with the cleaner's verdict on each."""

    original: str
    lines: list[Line]
    kept: dict[int, Line] = field(default_factory=dict)  # line index -> kept (maybe trimmed) line
    reasons: dict[int, str] = field(default_factory=dict)  # line index -> why it was dropped
    date_lines: dict[int, DateLine] = field(default_factory=dict)
    heads: list[int] = field(default_factory=list)  # headline lines kept above the body
    first_content: int | None = None
    last_content: int | None = None

    @property
    def title_index(self) -> int | None:
        if self.heads:
            return self.heads[0]
        return None

    def kept_lines(self) -> list[Line]:
        return [self.kept[i] for i in sorted(self.kept)]


def _furniture(line: Line, p: _Patterns) -> bool:
    if line.sentence_end or line.words > p.furniture_max_words:
        return False
    return bool(p.furniture.fullmatch(line.text.strip(_LABEL_STRIP)))


def _is_counter(line: Line) -> bool:
    """"• 23", "|", "12", "1/5": no words to speak of."""
    if len(line.text) > 40:
        return False
    return line.letters < 2 or (line.letters <= 3 and not any(w.isalpha() and len(w) > 1 for w in line.text.split()))


def _disclaimer(line: Line, p: _Patterns) -> bool:
    if line.words > p.disclaimer_max_words:
        return False
    if not p.disclaimer_keywords.search(line.text.lower()):
        return False
    return any(rx.search(line.text) for rx in p.disclaimers)


# date lines, and titles glued to a date marker, are short; long paragraphs are not scanned
_DATE_LINE_MAX_WORDS = 30
_DIGIT = re.compile(r"\d")


_LEADING_JUNK = " \t|•·:-–—*#>»›"


def _starts_with_date_or_marker(text: str) -> bool:
    """Cheap test for "25.10.2019 09:31 Title" / "date 2019-10-25 Title" / "Published: ..."."""
    t = text.lstrip(_LEADING_JUNK)
    return bool(t) and (t[0].isdigit() or date_marker_at_start(t))


def _classify(line: Line, p: _Patterns, layout: Layout) -> str | None:
    """Why this line is furniture regardless of where it stands, or None."""
    text = line.text
    dl = None
    w = line.words
    # a date line is short; a title glued to a date marker has the date at its very start
    if w <= 12 and _DIGIT.search(text):
        dl = scan_date_line(text)
    elif w <= _DATE_LINE_MAX_WORDS and _starts_with_date_or_marker(text):
        # only a date at the very start matters here (a marker glued to a title): scan the head
        head = text[:80].rsplit(" ", 1)[0] if len(text) > 80 else text
        dl = scan_date_line(head)
        if dl is not None:
            dl = replace(dl, whole=False)
    if dl is not None:
        layout.date_lines[line.index] = dl
        if dl.whole and not (dl.leftover and dl.value is None and is_dateline(text)):
            return "date"  # a standalone dateline without a year ("Baku, 17. Mai, AZERTAC") stays
    if _is_counter(line):
        return "counter"
    if _disclaimer(line, p):
        return "disclaimer"
    if not line.sentence_end and line.words <= p.furniture_max_words and p.tail.fullmatch(text.strip(_LABEL_STRIP)):
        return "tail"
    if line.words <= 25 and p.teaser.match(text.lstrip(_LABEL_STRIP)):
        return "teaser"
    if _furniture(line, p):
        return "furniture"
    if line.words <= p.caption_max_words and p.caption.match(text):
        return "caption"
    return None


def _drop(layout: Layout, i: int, reason: str) -> None:
    layout.kept.pop(i, None)
    layout.reasons.setdefault(i, reason)


def analyse_layout(text: str) -> Layout:
    """Decide, line by line, what of ``text`` is article and what is page furniture."""
    p = patterns()
    layout = Layout(text, split_lines(text))
    lines = layout.lines
    work: dict[int, Line] = {}
    for ln in lines:
        if ln.blank:
            continue
        meta = metadata_prefix_end(ln.text)
        if meta is not None and ln.text[meta:].strip():
            ln = trimmed(ln, ln.start + meta)  # "date 2023-09-29 Title ...": the title stays
        reason = _classify(ln, p, layout)
        dl = layout.date_lines.get(ln.index)
        if reason is None and dl is not None and dl.prefix_end is not None:
            ln2 = trimmed(ln, ln.start + dl.prefix_end)
            if ln2.text:
                work[ln.index] = ln2
                continue
        if reason is None:
            work[ln.index] = ln
        else:
            layout.reasons[ln.index] = reason
    layout.kept = dict(work)

    content = [i for i, ln in work.items() if ln.is_content]
    if not content:
        _no_body(layout)
        return layout
    first, last = content[0], content[-1]

    # a tail marker after the middle of the article cuts everything below it
    total = sum(len(work[i].text) for i in content)
    for i in sorted(layout.reasons):
        if layout.reasons[i] == "tail" and i > first:
            before = sum(len(work[j].text) for j in content if j < i)
            if before * 2 >= total:
                for j in range(i, len(lines)):
                    _drop(layout, j, "tail")
                content = [j for j in content if j < i]
                last = content[-1]
                break

    # a short closing sentence ("Talks will continue.") right below the last paragraph is
    # still article, as long as no furniture line came in between
    j = last + 1
    while j < len(lines):
        if lines[j].blank:
            j += 1
            continue
        ln = layout.kept.get(j)
        if ln is None or not ln.sentence_end or ln.words < 2:
            break
        last = j
        j += 1
    layout.first_content, layout.last_content = first, last
    for i in list(layout.kept):
        if i > last:
            _drop(layout, i, "below body")
    _header(layout, first)
    _body(layout, first, last)
    return layout


def _header(layout: Layout, first: int) -> None:
    """Above the body keep the headline (plus a kicker/deck right next to it) and a dateline."""
    keep: set[int] = set()
    heads: list[int] = []
    i = first - 1
    blank_or_dropped_only = True  # nothing kept between i and the body yet
    while i >= 0:
        ln = layout.lines[i]
        if ln.blank:
            i -= 1
            continue
        if i not in layout.kept:
            if heads:
                break  # a dropped line (menu, date) above the headline ends the header
            i -= 1
            continue
        cur = layout.kept[i]
        if not heads and blank_or_dropped_only and is_dateline(cur.text) and cur.words <= 12:
            keep.add(i)
            blank_or_dropped_only = False
            i -= 1
            continue
        if cur.headline_like and len(heads) < 2:
            heads.append(i)
            keep.add(i)
            i -= 1
            continue
        if heads:
            break
        i -= 1  # a fragment between headline and body ("on", "by"), skip it
    heads.sort()
    for j in [j for j in layout.kept if j < first]:
        if j not in keep:
            _drop(layout, j, "header")
    layout.heads = heads


def _body(layout: Layout, first: int, last: int) -> None:
    """Inside the body: teasers and their headline, runs of menu lines, one-word fragments."""
    idx = [i for i in sorted(layout.kept) if first <= i <= last]
    # "Read more:" teasers: drop the headline that follows a bare marker
    for i in sorted(layout.reasons):
        if layout.reasons[i] != "teaser" or not first <= i <= last:
            continue
        marker = layout.lines[i]
        if marker.words <= 3 or marker.text.rstrip().endswith(":"):
            nxt = next((j for j in idx if j > i), None)
            if nxt is not None and not layout.kept[nxt].sentence_end and nxt - i <= 2:
                _drop(layout, nxt, "teaser")
    idx = [i for i in sorted(layout.kept) if first <= i <= last]
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            for j in run:
                _drop(layout, j, "menu run")
        run.clear()

    for i in idx:  # consecutive kept lines (blank or dropped lines between do not matter)
        ln = layout.kept[i]
        if not ln.is_content and not ln.sentence_end and ln.words <= 5:
            run.append(i)
        else:
            flush()
    flush()
    for i in [i for i in sorted(layout.kept) if first < i < last]:
        ln = layout.kept[i]
        if ln.words <= 1 and not ln.sentence_end:
            _drop(layout, i, "fragment")


def _no_body(layout: Layout) -> None:
    """No prose line at all (a title alone, a list): keep what has a few words of text."""
    for i, ln in list(layout.kept.items()):
        if ln.words < 3 and not ln.sentence_end:
            _drop(layout, i, "fragment")
    kept = sorted(layout.kept)
    if kept and layout.kept[kept[0]].headline_like:
        layout.heads = [kept[0]]
