"""Evidence: the sentence a value was read from, with offsets in the original text."""
from __future__ import annotations

from bilateral.models import Analysis, Evidence, Sentence


def sentence_evidence(a: Analysis, sentence: Sentence) -> Evidence:
    """The sentence as it stands in the original text (offsets mapped back through cleaning)."""
    doc = a.document
    start, end = doc.to_original(sentence.start), doc.to_original(max(sentence.end - 1, sentence.start)) + 1
    text = doc.original[start:end] if 0 <= start < end <= len(doc.original) else sentence.text
    return Evidence(doc_id=doc.doc_id, text=" ".join(text.split()), start=start, end=end)


def span_evidence(a: Analysis, start: int, end: int) -> Evidence:
    """Evidence for a mention: the whole sentence around it (or the span alone outside any)."""
    sentence = a.sentence_at(start)
    if sentence is not None:
        return sentence_evidence(a, sentence)
    doc = a.document
    o_start, o_end = doc.to_original(start), doc.to_original(max(end - 1, start)) + 1
    return Evidence(doc_id=doc.doc_id, text=doc.original[o_start:o_end], start=o_start, end=o_end)
