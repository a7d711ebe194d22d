"""The clean stage on the five seed articles (read from ../shared/seeds, never copied here).

Expectations are given as positions of non-blank lines in each seed, so no article text lives
in the repository: what must go (menus, share/subscribe lines, page date, disclaimer), what
must stay (title, dateline, every paragraph), the title, the publication date and language.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.clean import clean_document
from bilateral.models import RawDocument

# seed prefix -> (non-blank line indices that must be dropped, index of the title line or
# None when the title is glued after a date marker, published, language)
# negative indices count from the end
EXPECT = {
    "000": ([0, 1, 2, 3, 4, 5, 6, -3, -2, -1], 7, "2019-10-25", "de"),
    "001": ([], None, "2019-10-25", "en"),
    "002": ([1], 0, None, "en"),
    "003": ([0, 1, 3, 4, 5, -3, -2, -1], 2, None, "de"),
    "004": ([], 0, None, "de"),
}


def _seed(seeds_dir: Path, prefix: str) -> tuple[str, list[str]]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, [ln.strip() for ln in text.splitlines() if ln.strip()]


def _clean(seeds_dir: Path, prefix: str):
    text, lines = _seed(seeds_dir, prefix)
    doc = clean_document(RawDocument(doc_id=prefix, source=prefix, text=text))
    return doc, lines


@pytest.mark.parametrize("prefix", sorted(EXPECT))
def test_furniture_goes_and_paragraphs_stay(seeds_dir: Path, prefix: str) -> None:
    doc, lines = _clean(seeds_dir, prefix)
    dropped_idx, title_idx, _pub, _lang = EXPECT[prefix]
    dropped = {i % len(lines) for i in dropped_idx}
    kept_lines = set(doc.text.split("\n"))
    for i, line in enumerate(lines):
        if i in dropped:
            assert line not in kept_lines, f"furniture line {i} kept: {line!r}"
        elif i == 0 and title_idx is None:
            continue  # the date-marker line: checked in test_title_after_date_marker
        else:
            assert line in kept_lines, f"line {i} lost: {line[:60]!r}"
    # every long line (a paragraph) survives unless it is the listed disclaimer
    for i, line in enumerate(lines):
        if len(line) > 80 and i not in dropped and not (i == 0 and title_idx is None):
            assert line in doc.text


@pytest.mark.parametrize("prefix", sorted(EXPECT))
def test_segments_map_back_exactly(seeds_dir: Path, prefix: str) -> None:
    doc, _ = _clean(seeds_dir, prefix)
    assert doc.segments
    for t, o, n in doc.segments:
        assert doc.original[o:o + n] == doc.text[t:t + n]
    # every character of text outside the separators maps back to the same character
    for t, o, n in doc.segments:
        for k in (0, n // 2, n - 1):
            assert doc.original[doc.to_original(t + k)] == doc.text[t + k]


@pytest.mark.parametrize("prefix", sorted(EXPECT))
def test_title_date_language(seeds_dir: Path, prefix: str) -> None:
    doc, lines = _clean(seeds_dir, prefix)
    _dropped, title_idx, published, lang = EXPECT[prefix]
    if title_idx is not None:
        assert doc.title == lines[title_idx]
    assert doc.published == published
    assert doc.language == lang


def test_title_after_date_marker(seeds_dir: Path) -> None:
    """Seed 001 starts with "date YYYY-MM-DD <title>": the marker goes, the title stays."""
    doc, lines = _clean(seeds_dir, "001")
    assert doc.title and lines[0].endswith(doc.title)
    assert "2019-10-25" not in doc.title and not doc.title.lower().startswith("date")
    assert doc.text.startswith(doc.title + "\n")


def test_page_date_is_not_the_publication_date(seeds_dir: Path) -> None:
    """Seed 000's header shows the crawl day (weekday + 2024) above the real timestamp."""
    doc, lines = _clean(seeds_dir, "000")
    assert "2024" in lines[2]
    assert doc.published == "2019-10-25"
    assert "2024" not in doc.text


def test_dateline_kept_with_its_paragraph(seeds_dir: Path) -> None:
    for prefix in ("000", "001"):
        doc, lines = _clean(seeds_dir, prefix)
        dateline = next(ln for ln in lines if ln.startswith("NUR-SULTAN"))
        assert dateline in doc.text
