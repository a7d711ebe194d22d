"""Russian NER and morphology at run time: natasha's NER model through slovnet and navec, and
pymorphy3 with its packaged dictionary; neither natasha's package module nor pymorphy2 is
imported (pymorphy2 needs pkg_resources and a getargspec that Python 3.11 removed)."""
from __future__ import annotations

import json
import subprocess
import sys

from bilateral.resolve.people import _natasha
from bilateral.resolve.ru_case import morph, nominative_name

_PROBE = """
import json, sys
from bilateral.resolve.people import _natasha
from bilateral.resolve.ru_case import nominative_name
markup = next(_natasha().map(["Министр Сергей Лавров встретился с Ахмедом Ибрагимовым."]))
name = nominative_name(["Ахмедом", "Ибрагимовым"])
print(json.dumps({"spans": [s.type for s in markup.spans], "name": name,
                  "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                                    ("natasha", "pymorphy2", "pymorphy3", "slovnet", "navec"))}))
"""


def test_ner_and_morphology_need_neither_natasha_module_nor_pymorphy2() -> None:
    """In a fresh interpreter: the models work, and what got imported is checked."""
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          check=True, timeout=600)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["spans"].count("PER") == 2
    assert out["name"] == ["Ахмед", "Ибрагимов"]
    tops = {m.split(".")[0] for m in out["modules"]}
    assert tops == {"pymorphy3", "slovnet", "navec"}, out["modules"]


def test_ner_finds_people_with_their_offsets() -> None:
    text = "В Минске Александр Лукашенко принял премьер-министра Казахстана."
    spans = next(_natasha().map([text])).spans
    people = [text[s.start:s.stop] for s in spans if s.type == "PER"]
    assert people == ["Александр Лукашенко"]


def test_pymorphy3_dictionary_is_the_packaged_russian_one() -> None:
    analyser = morph()
    assert analyser.lang == "ru"
    assert analyser.word_is_known("переговоры")
    best = analyser.parse("Ташкенте")[0]
    assert best.normal_form == "ташкент" and "Geox" in best.tag
