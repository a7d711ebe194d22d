"""Similarity: how likely two texts, in any two languages, report the same event.

A package of its own (not part of ``link``) because two surfaces use one judgment:
``bilateral similarity`` scores whole articles, and the linker's text part scores two
reports' titles and leads. ``embed`` wraps the multilingual sentence encoder, ``text`` cuts a
text into the language-independent pieces compared (chunks, name keys, numbers), ``model``
holds the features and the fitted model (``data/similarity_model.json``).

Layer: below ``link`` (which imports it), above ``resolve`` (whose transliteration keys it
uses); it never imports ``link``, ``store`` or a surface.
"""
from bilateral.similarity.model import article_similarity, detect_language, language_pair, profile

__all__ = ["article_similarity", "detect_language", "language_pair", "profile"]
