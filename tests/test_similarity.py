"""Article similarity: same event ~1, unrelated ~0, across languages.

Hard cases: a German/English translation pair must beat an unrelated article in the same
language as the query; two articles on the same two leaders but different events must score
below the translation; empty text and unknown languages must not break the score; more
evidence of sameness (any feature, in any amount) must never lower the score; one name in
German, English and Russian spelling must get one key.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from bilateral.similarity.model import (ARTICLE, LEAD, article_similarity, detect_language, features, head,
                                       judge, language_pair, lead_profile, load_model, log_odds, predict,
                                       pair_features, profile, profile_code)
from bilateral.similarity.text import CHUNK_CHARS, chunk_text, fold, name_key, parse_article, shingles
from conftest import shared_path

EN = ("Lukashenko and Tokayev sign roadmap in Astana  Belarusian President Alexander Lukashenko "
      "arrived in Astana on Friday for talks with Kazakh President Kassym-Jomart Tokayev. "
      "The two leaders signed a roadmap to raise bilateral trade to 1.5 billion dollars by 2025. "
      "Lukashenko said Belarus was ready to build tractor plants in Kazakhstan. "
      "Tokayev praised the cooperation in agriculture and transport.")
DE = ("Lukaschenko und Tokajew unterzeichnen Fahrplan in Astana  Der belarussische Präsident "
      "Alexander Lukaschenko ist am Freitag zu Gesprächen mit dem kasachischen Präsidenten "
      "Kassym-Schomart Tokajew in Astana eingetroffen. Die beiden Staatschefs unterzeichneten einen "
      "Fahrplan, um den bilateralen Handel bis 2025 auf 1,5 Milliarden Dollar zu steigern. "
      "Lukaschenko sagte, Belarus sei bereit, Traktorenwerke in Kasachstan zu bauen. "
      "Tokajew lobte die Zusammenarbeit in Landwirtschaft und Verkehr.")
UNRELATED_EN = ("Heavy rain floods coastal towns in Portugal  Storms brought heavy rain to the Algarve "
                "on Tuesday, flooding streets and closing schools in three towns. Firefighters rescued "
                "dozens of residents from their cars. Forecasters expect the rain to ease by the weekend.")
SAME_LEADERS_OTHER_EVENT = ("Lukashenko and Tokayev discuss energy by phone  Alexander Lukashenko and "
                            "Kassym-Jomart Tokayev talked by telephone on Monday about oil supplies. "
                            "The presidents congratulated each other on the New Year holidays.")


def test_article_with_itself_is_one():
    assert article_similarity(EN, EN, "en", "en") == pytest.approx(1.0, abs=0.02)
    # the same text with other whitespace is the same article
    assert article_similarity(EN, EN.replace("  ", "\n"), "en", "en") == pytest.approx(1.0, abs=0.02)


def test_unrelated_article_is_low():
    assert article_similarity(EN, UNRELATED_EN, "en", "en") < 0.25


def test_translation_beats_unrelated_article_of_the_same_language():
    translation = article_similarity(DE, EN, "de", "en")
    unrelated = article_similarity(EN, UNRELATED_EN, "en", "en")
    assert translation > 0.6
    assert translation > unrelated + 0.4


def test_same_leaders_different_event_scores_below_the_translation():
    assert article_similarity(EN, SAME_LEADERS_OTHER_EVENT, "en", "en") < article_similarity(DE, EN, "de", "en")


def test_symmetric_enough():
    assert article_similarity(DE, EN, "de", "en") == pytest.approx(article_similarity(EN, DE, "en", "de"), abs=0.02)


def test_empty_and_unknown_language():
    assert article_similarity("", EN, None, "en") == 0.0
    assert article_similarity("   ", "", None, None) == 0.0
    s = article_similarity(DE, EN, None, None)  # languages detected
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(article_similarity(DE, EN, "de", "en"), abs=1e-6)
    assert detect_language(DE) == "de" and detect_language(EN) == "en"
    assert detect_language("") is None


def test_scores_in_unit_interval_on_odd_input():
    for a, b in [("1 2 3", "4 5 6"), ("x", "y" * 5000), ("Привет, мир. Это тест.", EN), ("!!!", "???")]:
        s = article_similarity(a, b, None, None)
        assert 0.0 <= s <= 1.0


def test_text_pieces_are_language_independent():
    art = parse_article(DE)
    assert art.title.startswith("Lukaschenko und Tokajew")
    assert len(art.sentences) == 4  # "1,5 Milliarden" does not split a sentence
    assert "2025" in art.years and "15" in art.numbers
    en = parse_article(EN)
    assert fold("Lukaschenko")[:5] == fold("Lukashenko")[:5]
    assert fold("Tokajew")[:4] == fold("Tokayev")[:4]
    f = features(DE, EN, "de", "en")
    assert f["numbers_overlap"] == 1.0 and f["cross_lingual"] == 1.0
    assert f["names_overlap"] > 0.3
    assert en.names & art.names


@pytest.mark.parametrize("view", [ARTICLE, LEAD])
def test_model_file_is_small_and_fitted_on_train_only(view):
    model = load_model()
    assert "training" in model["about"] and model["n_train"] < 1000
    curves = head(view)
    assert curves["terms"] and "de-en" in curves["pair_offsets"] and 0 < curves["same_event"]["prior"] < 1
    for term in curves["terms"].values():
        if "knots" in term:
            assert len(term["weights"]) == len(term["knots"]) - 1
            assert term["knots"] == sorted(term["knots"])


@pytest.mark.parametrize("view", [ARTICLE, LEAD])
def test_more_evidence_never_lowers_the_score(view):
    """Every evidence curve and the calibration are non-decreasing: raising any similarity or
    overlap (with the rest fixed) may not lower the score; a year mismatch may not raise it."""
    curves = head(view)
    cal = curves["calibration"]
    assert cal["x"] == sorted(cal["x"]) and cal["y"] == sorted(cal["y"])
    rng = np.random.default_rng(0)
    names = list(curves["terms"])
    for _ in range(200):
        f = {n: float(rng.uniform(0, 1)) for n in names}
        f["years_mismatch"] = float(rng.integers(0, 2))
        f["cross_lingual"] = float(rng.integers(0, 2))
        pair = str(rng.choice(["de-en", "de-de", "en-en", "en-ru", "?-?"]))
        base = predict(f, pair, curves)
        for n in names:
            if n in ("years_mismatch", "cross_lingual", "verbatim_shared"):
                continue
            assert predict(dict(f, **{n: min(1.0, f[n] + 0.2)}), pair, curves) >= base - 1e-12, n
        if "years_mismatch" in curves["terms"]:
            assert (predict(dict(f, years_mismatch=1.0), pair, curves)
                    <= predict(dict(f, years_mismatch=0.0), pair, curves) + 1e-12)
        if "verbatim_shared" in curves["terms"]:  # an outlet's template: a discount, never a gain
            assert (predict(dict(f, verbatim_shared=min(1.0, f["verbatim_shared"] + 0.2)), pair, curves)
                    <= base + 1e-12)


def test_verbatim_runs_mark_a_shared_template_not_a_paraphrase():
    """Eight-word runs copied verbatim (a press office's header) are shared; a paraphrase of the
    same news shares none; the lead view never computes them (the linker does not pay for it)."""
    header = "Police headquarters Northtown press office: witnesses wanted after the night to Monday. "
    a = header + "Unknown persons broke into a construction container on the ring road and stole tools."
    b = header + "A cyclist was injured in a collision with a delivery van near the central station."
    c = "Tools were stolen from a building-site container by unknown burglars overnight, police said."
    assert len(shingles(a) & shingles(b)) >= 5
    assert not shingles(a) & shingles(c)
    assert pair_features(profile(a), profile(b), "en", "en")["verbatim_shared"] > 0.2
    assert pair_features(profile(a), profile(c), "en", "en")["verbatim_shared"] == 0.0
    assert pair_features(lead_profile(a), lead_profile(b), "en", "en")["verbatim_shared"] == 0.0


def test_lead_view_judges_titles_and_leads():
    """The linker's view: a translated title + lead beats an unrelated one; the rounded code the
    store keeps gives the judgment of the fresh vectors; a one-vector code of older stores works."""
    de, en, other = lead_profile(DE), lead_profile(EN), lead_profile(UNRELATED_EN)
    same = judge(de, en, "de", "en", LEAD)
    assert same > judge(en, other, "en", "en", LEAD) + 0.3
    code = profile_code(en)
    assert code.dtype == np.int8 and code.shape == (1024,)
    assert judge(de, lead_profile(EN, code), "de", "en", LEAD) == pytest.approx(same, abs=0.02)
    legacy = lead_profile(EN, code[512:])
    assert 0.0 <= judge(de, legacy, "de", "en", LEAD) <= 1.0


def test_log_odds_is_evidence_of_one_story_against_the_prior():
    """Evidence never falls as the score rises, is finite at 0 and 1, and a score whose
    same-story rate is the prior adds nothing."""
    curve = head(LEAD)["same_event"]
    assert curve["y"] == sorted(curve["y"]) and 0 < curve["prior"] < 1
    grid = [log_odds(s, LEAD) for s in np.linspace(0, 1, 41)]
    assert grid == sorted(grid) and all(np.isfinite(grid))
    assert grid[-1] > 0 > grid[0]
    at_prior = float(np.interp(curve["prior"], curve["y"], curve["x"]))
    assert abs(log_odds(at_prior, LEAD)) < 0.5


def test_language_pair_key_is_order_free():
    assert language_pair("en", "de") == language_pair("de", "en") == "de-en"
    assert language_pair(None, "ru") == "?-ru"


def test_one_name_in_three_spellings_gets_one_key():
    assert name_key("Lukaschenko") == name_key("Lukashenko") == name_key("Лукашенко")
    assert name_key("Tokajew") == name_key("Tokayev")
    assert name_key("Saidow") == name_key("Saidov")
    assert name_key("Lukaschenkos") == name_key("Lukashenko")  # a German genitive
    assert name_key("Tokayev") != name_key("Toyota")


def test_chunks_cover_the_text_in_order_and_bound_the_cost():
    text = EN + " " + UNRELATED_EN
    pieces = chunk_text(text)
    assert " ".join(pieces).split() == text.split()  # nothing lost, nothing reordered
    assert all(len(p) <= CHUNK_CHARS for p in pieces) and len(pieces) >= 2
    long_text = " ".join(f"Sentence number {i} says something about the talks." for i in range(400))
    long_pieces = chunk_text(long_text)
    assert len(long_pieces) <= 7
    assert long_pieces[0].startswith("Sentence number 0 ") and long_pieces[-1].endswith("number 399 says something about the talks.")
    one = "A single sentence without any break " * 30
    assert chunk_text(one) == [one.strip()]  # a sentence longer than a chunk is a chunk


def test_semeval_sample_correlates():
    """A sample of the SemEval test pairs: the score must follow the human Overall judgment."""
    path = shared_path("corpora", "semeval2022_task8", "pairs.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["source_file"] == "testing_set.csv"][::12]
    s = [article_similarity(r["text1"], r["text2"], r["lang1"], r["lang2"]) for r in rows]
    g = [-float(r["Overall"]) for r in rows]
    assert np.corrcoef(s, g)[0, 1] > 0.55


def test_cyrillic_names_meet_their_latin_spelling():
    pytest.importorskip("bilateral.resolve.translit")
    assert fold("Лукашенко")[:5] == fold("Lukashenko")[:5]


def test_cli_similarity_command(tmp_path):
    from typer.testing import CliRunner

    from bilateral.cli import app

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r) for r in [
        {"id": "t", "text1": DE, "text2": EN, "lang1": "de", "lang2": "en"},
        {"id": "u", "text1": EN, "text2": UNRELATED_EN},
        {"id": "e", "text1": "", "text2": EN},
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["similarity", str(pairs)])
    assert result.exit_code == 0, result.output
    scores = {r["id"]: r["similarity"] for r in map(json.loads, result.stdout.splitlines())}
    assert scores["t"] > scores["u"] and scores["e"] == 0.0


def test_linker_text_part_is_the_similarity_judgment():
    """One text judgment: the linker's text part is ``bilateral similarity``'s model (lead view)
    on the reports' titles and leads, as log-odds; the store's rounded code judges alike."""
    from bilateral.link.linker import lead_code, lead_text, text_evidence
    from bilateral.models import Event, Source

    def report(doc: str, lang: str, text: str) -> Event:
        title, _, body = text.partition("  ")
        return Event(type="CONSULT", countries=["BY", "KZ"], lead=f"{title} {body}",
                     sources=[Source(doc_id=doc, language=lang, published=None, title=title)])

    de, en, other = report("d", "de", DE), report("e", "en", EN), report("o", "en", UNRELATED_EN)
    assert lead_text(en).startswith(EN.partition("  ")[0] + "\n")  # the title on a line of its own
    expected = log_odds(judge(lead_profile(lead_text(de)), lead_profile(lead_text(en)), "de", "en", LEAD), LEAD)
    assert text_evidence(de, en) == pytest.approx(expected, abs=1e-9)
    assert text_evidence(de, en) > 0 > text_evidence(en, other)
    assert text_evidence(de, en, lead_code(de), lead_code(en)) == pytest.approx(text_evidence(de, en), abs=0.15)
