"""Outputs never clobber inputs, and every output file is whole or not there.

The refusals come before any model loads, so these call `main()` directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sottovoce.cli import main
from sottovoce.cli.outputs import same_file
from sottovoce.voice.audio import WavFileSink, write_wav

WORLD = "name: Tiny\nareas: [kitchen]\ndevices: []\n"
CASES = "cases:\n  - id: one\n    say: turn on the light\n    expect: {state: {}}\n"


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    path = tmp_path / "in.wav"
    write_wav(path, b"\x01\x02" * 16000, 16000)
    return path


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOTTOVOCE_DATA_DIR", str(tmp_path / "data"))


def _refused(capsys: pytest.CaptureFixture[str], code: int, *words: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sottovoce: error: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_run_refuses_the_input_as_its_output(
    recording: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = recording.read_bytes()
    code = main(["run", "--input", str(recording), "--output", str(recording)])
    _refused(capsys, code, "--output", "same file as --input", "nothing was written")
    assert recording.read_bytes() == before
    assert sorted(p.name for p in recording.parent.iterdir()) == ["in.wav"]


@pytest.mark.parametrize("link", ["symlink", "hardlink", "dotted"])
def test_run_refuses_another_name_for_the_input(
    recording: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = recording.read_bytes()
    other = recording.parent / "out.wav"
    if link == "symlink":
        other.symlink_to(recording)
    elif link == "hardlink":
        os.link(recording, other)
    else:
        other = recording.parent / "." / ".." / recording.parent.name / "in.wav"
    code = main(["run", "--input", str(recording), "--output", str(other)])
    _refused(capsys, code, "same file as --input")
    assert recording.read_bytes() == before


def test_run_refuses_its_world_and_its_store_as_the_output(
    recording: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = tmp_path / "home.yaml"
    world.write_text(WORLD)
    args = ["run", "--input", str(recording), "--world", str(world), "--output"]
    _refused(capsys, main([*args, str(world)]), "same file as --world")
    assert world.read_text() == WORLD
    store = tmp_path / "data" / "store.sqlite3"
    _refused(capsys, main([*args, str(store)]), "same file as the store")
    assert not store.exists()  # refused before the store was opened


def test_speak_refuses_its_voice_as_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    voice = tmp_path / "v.onnx"
    voice.write_bytes(b"weights")
    code = main(["speak", "hello", "--voice", str(voice), "--output", str(voice)])
    _refused(capsys, code, "same file as --voice")
    config = tmp_path / "v.onnx.json"
    code = main(["speak", "hello", "--voice", str(voice), "--output", str(config)])
    _refused(capsys, code, "same file as its config")
    assert voice.read_bytes() == b"weights"


def test_speak_refuses_a_directory_as_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(capsys, main(["speak", "hello", "--output", str(tmp_path)]), "is a directory")


def test_demo_refuses_an_output_dir_that_would_overwrite_its_world(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = tmp_path / "home.yaml"
    world.write_text(WORLD)
    out = tmp_path / "wavs"
    out.mkdir()
    (out / "01-user.wav").symlink_to(world)
    code = main(["demo", "--world", str(world), "--output-dir", str(out)])
    _refused(capsys, code, "would overwrite 01-user.wav, which is --world")
    assert world.read_text() == WORLD
    code = main(["demo", "--world", str(world), "--output-dir", str(world)])
    _refused(capsys, code, "is a file, not a directory")


def test_eval_refuses_its_case_file_as_the_json_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES)
    link = tmp_path / "report.json"
    link.symlink_to(cases)
    for out in (cases, link):
        code = main(["eval", str(cases), "--engine", "none", "--json", str(out)])
        _refused(capsys, code, "--json", "same file as the case file")
    assert cases.read_text() == CASES
    code = main(["eval", str(cases), "--engine", "none", "--json", str(tmp_path / "no/r.json")])
    _refused(capsys, code, "no such directory")


def test_eval_writes_its_report_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES)
    report = tmp_path / "report.json"
    assert main(["eval", str(cases), "--engine", "none", "--json", str(report)]) in (0, 1)
    assert report.read_text().startswith("{")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_wav_sink_left_by_an_exception_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.wav"
    path.write_bytes(b"the old take")
    with pytest.raises(KeyboardInterrupt), WavFileSink(path, 16000) as sink:
        sink.write(b"\0\0" * 100)
        raise KeyboardInterrupt
    assert path.read_bytes() == b"the old take"
    assert [p.name for p in tmp_path.iterdir()] == ["out.wav"]  # no temporary left
    with WavFileSink(path, 16000) as sink:
        sink.write(b"\0\0" * 100)
        assert path.read_bytes() == b"the old take"  # not in place until closed
    assert path.read_bytes().startswith(b"RIFF")


def test_a_wav_through_a_symlink_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.wav"
    real.write_bytes(b"old")
    link = tmp_path / "link.wav"
    link.symlink_to(real)
    write_wav(link, b"\0\0" * 10, 16000)
    assert link.is_symlink() and real.read_bytes().startswith(b"RIFF")


def test_a_device_is_written_directly(tmp_path: Path) -> None:
    write_wav(Path(os.devnull), b"\0\0" * 10, 16000)  # no temporary file in /dev
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


def test_same_file_sees_through_links_and_missing_files(tmp_path: Path) -> None:
    first = tmp_path / "a"
    first.write_text("x")
    assert same_file(first, tmp_path / "." / "a")
    assert not same_file(first, tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "c")  # a dangling link to where "c" would be
    assert same_file(tmp_path / "b", tmp_path / "c")


def test_plugin_new_leaves_nothing_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sottovoce.tools import scaffold

    written: list[Path] = []
    real = scaffold._write

    def fail_on_the_third(path: Path, text: str) -> Path:
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(real(path, text))
        return path

    monkeypatch.setattr(scaffold, "_write", fail_on_the_third)
    code = main(["plugin", "new", "garden_hose", "--dir", str(tmp_path)])
    _refused(capsys, code, "No space left on device")
    assert list(tmp_path.iterdir()) == []  # no package, no hidden half-made one
    assert all(not path.exists() for path in written)


def test_plugin_new_never_writes_into_an_existing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "garden_hose").mkdir()
    (tmp_path / "garden_hose" / "mine.py").write_text("# the user's own")
    code = main(["plugin", "new", "garden_hose", "--dir", str(tmp_path)])
    _refused(capsys, code, "already exists; not overwriting it")
    assert [p.name for p in (tmp_path / "garden_hose").iterdir()] == ["mine.py"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_run_that_fails_midway_leaves_the_old_output_as_it_was(
    recording: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stt_loaded_once: None,
) -> None:
    import sottovoce.voice.audio as audio

    class Damaged(audio.FileSource):
        def __iter__(self) -> Iterator[audio.AudioChunk]:
            for number, chunk in enumerate(super().__iter__()):
                if number == 10:
                    raise audio.AudioError(f"{self.path}: the audio is damaged after 0.3 s")
                yield chunk

    monkeypatch.setattr(audio, "FileSource", Damaged)
    out = tmp_path / "out.wav"
    out.write_bytes(b"the old take")
    code = main(["run", "--input", str(recording), "--output", str(out), "--engine", "none"])
    _refused(capsys, code, "damaged after 0.3 s")
    assert out.read_bytes() == b"the old take"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
