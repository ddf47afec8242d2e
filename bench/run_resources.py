"""Benchmark: peak memory and idle CPU of `sottovoce run` (and the peak memory of `demo`).

Every figure is of a real `sottovoce` subprocess, with the default models
(whisper, Silero VAD, the default language model through llama.cpp, piper,
openWakeWord when a wake word is on), fed from a file at microphone pace
(`--realtime`: 30 ms chunks, as the microphone path delivers them).

- Peak memory: piper speaks several commands of different kinds (grammar,
  timer, a question the grammar does not know, which goes to the language
  model) into one WAV, with pauses for the replies; `sottovoce run --input
  F --output G --realtime` hears them once with `--always` and once with
  each command after "hey jarvis" and `--wake hey_jarvis`. `sottovoce demo`
  runs once. The peak resident set size is the kernel's, reported by
  /usr/bin/time ("maximum resident set size"); `VmHWM` when the input file
  is first opened gives the peak while loading, before any audio is heard.
  Python importing the libraries (numpy, av, faster-whisper, piper,
  llama-cpp, pyopen-wakeword) without loading a model is the baseline.
- Idle CPU: `--idle-s` seconds of near-silence (gaussian noise at -60 dBFS;
  `--chatter` adds quiet speech without the wake word) through `sottovoce run
  --input F --realtime --wake hey_jarvis`, and the same with `--always`
  (VAD listening, no wake word). /proc/PID/stat is sampled every 0.2 s; CPU
  (user + system, all threads) is counted only while the input file is open,
  i.e. over the listening itself, without loading and shutdown. An idle
  `python -c "import time; time.sleep(N)"` is the same-run floor.

    .venv/bin/python bench/run_resources.py [--idle-s 60] [--chatter] [--skip-commands]
        [--skip-demo] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from sottovoce.cli.speak import open_voice
from sottovoce.voice.audio import write_wav
from sottovoce.voice.audio.convert import resample_s16

RATE = 16_000
SOTTOVOCE = [str(Path(sys.executable).parent / "sottovoce")]  # the console script
TICK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024
# (words, seconds to wait after them for the reply); the llm one waits longest.
COMMANDS = [
    ("Turn on the kitchen light.", 5.0),
    ("Set a timer for two minutes.", 5.0),
    ("I'm a bit cold, could you make it warmer in here?", 12.0),
    ("What's on my shopping list?", 6.0),
    ("What time is it?", 5.0),
]
LIBRARIES = "import sottovoce.cli, numpy, av, faster_whisper, piper, llama_cpp, pyopen_wakeword"
CHATTER = [
    "And now the weather for the weekend, with some rain in the north.",
    "I think we should leave a bit earlier tomorrow morning.",
    "The match was postponed until next Saturday afternoon.",
]


@dataclass
class Run:
    """One subprocess: what the kernel and /proc said about it."""

    name: str
    command: list[str]
    wall_s: float = 0.0
    cpu_s: float = 0.0  # user + system over the whole run
    peak_rss_mib: float = 0.0  # ru_maxrss
    load_peak_mib: float | None = None  # VmHWM when the input was first opened
    startup_s: float | None = None  # from the start until the input file was opened
    listen_wall_s: float | None = None  # while the input file was open
    listen_cpu_s: float | None = None
    returncode: int = 0
    output: list[str] = field(default_factory=list)

    def listen_cpu_percent(self) -> float | None:
        """CPU while listening, in percent of one core."""
        if not self.listen_wall_s:
            return None
        return 100 * (self.listen_cpu_s or 0.0) / self.listen_wall_s


def _cpu_s(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def _hwm_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / MIB
    except OSError:
        return None
    return None


def _has_open(pid: int, path: str) -> bool:
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def _child(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            pids = f.read().split()
    except OSError:
        return None
    return int(pids[0]) if pids else None


def run(name: str, command: list[str], watch: Path | None = None) -> Run:
    """Run `command` under /usr/bin/time; its peak RSS and CPU, and its CPU while `watch` is open.

    /usr/bin/time reports its child alone: a child forked from this (larger)
    process would start its `ru_maxrss` from this process's size.
    """
    result = Run(name, command)
    with tempfile.TemporaryDirectory() as tmp:
        log, usage = Path(tmp) / "log", Path(tmp) / "usage"
        timed = ["/usr/bin/time", "-o", str(usage), "-f", "%M %U %S %e %x", *command]
        started = time.perf_counter()
        with log.open("w") as out:
            proc = subprocess.Popen(timed, stdout=out, stderr=subprocess.STDOUT)
            opened: tuple[float, float, float | None] | None = None
            closed: tuple[float, float] | None = None
            target = str(watch.resolve()) if watch else ""
            pid = None
            while proc.poll() is None:
                time.sleep(0.2)
                pid = pid or _child(proc.pid)
                if pid is None or not watch:
                    continue
                now, cpu = time.perf_counter(), _cpu_s(pid)
                if cpu is not None and _has_open(pid, target):
                    if opened is None:
                        opened = (now, cpu, _hwm_mib(pid))
                    closed = (now, cpu)
        result.output = log.read_text(encoding="utf-8", errors="replace").splitlines()
        fields = usage.read_text(encoding="ascii").split()[-5:]
    kib, user, system, wall, status = fields
    result.peak_rss_mib = int(kib) * 1024 / MIB
    result.cpu_s = float(user) + float(system)
    result.wall_s = float(wall)
    result.returncode = int(status)
    if opened is not None and closed is not None:
        result.startup_s = opened[0] - started
        result.listen_wall_s = closed[0] - opened[0]
        result.listen_cpu_s = closed[1] - opened[1]
        result.load_peak_mib = opened[2]
    if result.returncode != 0:
        print("\n".join(result.output[-20:]), file=sys.stderr)
        raise SystemExit(f"{name}: exit status {result.returncode}")
    return result


def _noise(seconds: float, dbfs: float, rng: np.random.Generator) -> np.ndarray:
    return rng.normal(0.0, 32768 * 10 ** (dbfs / 20), round(seconds * RATE))


def _speech(voice: object, text: str) -> np.ndarray:
    audio = voice.speak(text)  # type: ignore[attr-defined]
    pcm = resample_s16(audio.pcm, audio.sample_rate, RATE)
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64)


def _write(path: Path, samples: np.ndarray) -> float:
    pcm = np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()
    write_wav(path, pcm, RATE)
    return len(samples) / RATE


def commands_wav(voice: object, path: Path, wake: bool, rng: np.random.Generator) -> float:
    """The spoken commands, each followed by time for the reply; the length in seconds."""
    parts = [_noise(1.0, -60, rng)]
    for text, wait_s in COMMANDS:
        said = _speech(voice, f"Hey Jarvis, {text}" if wake else text)
        parts += [said + _noise(len(said) / RATE, -60, rng), _noise(wait_s, -60, rng)]
    return _write(path, np.concatenate(parts))


def idle_wav(
    voice: object, path: Path, seconds: float, chatter: bool, rng: np.random.Generator
) -> float:
    """Noise at -60 dBFS; with `chatter`, quiet speech (-30 dB below piper's level) now and then."""
    samples = _noise(seconds, -60, rng)
    if chatter:
        every = seconds / (len(CHATTER) + 1)
        for index, text in enumerate(CHATTER):
            said = _speech(voice, text) * 10 ** (-30 / 20)
            at = int((index + 1) * every * RATE)
            samples[at : at + len(said)] += said[: len(samples) - at]
    return _write(path, samples)


def _routes(output: list[str]) -> list[str]:
    return [line.strip() for line in output if "route:" in line or line.startswith("you:")]


def _row(r: Run) -> str:
    listen = r.listen_cpu_percent()
    cells = [
        r.name,
        f"{r.peak_rss_mib:.0f}",
        "-" if r.load_peak_mib is None else f"{r.load_peak_mib:.0f}",
        f"{r.wall_s:.1f}",
        f"{r.cpu_s:.1f}",
        "-" if r.startup_s is None else f"{r.startup_s:.1f}",
        "-" if r.listen_wall_s is None else f"{r.listen_wall_s:.1f}",
        "-" if listen is None else f"{listen:.1f}",
        "-" if listen is None else f"{listen / (os.cpu_count() or 1):.1f}",
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-s", type=float, default=60.0, help="length of the idle file")
    parser.add_argument("--chatter", action="store_true", help="quiet non-wake speech when idle")
    parser.add_argument("--skip-commands", action="store_true", help="no spoken-commands runs")
    parser.add_argument("--skip-demo", action="store_true", help="do not run `sottovoce demo`")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    voice = open_voice(None)
    runs: list[Run] = []
    loads = [os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)

        def sv(name: str, *extra: str, watch: Path | None = None) -> Run:
            data = tmp / f"data-{name}"
            command = [*SOTTOVOCE, *extra]
            if extra[0] == "run":
                command += ["--data-dir", str(data)]
            print(f"{name}: {' '.join(command[1:])}", flush=True)
            result = run(name, command, watch)
            runs.append(result)
            return result

        idle = tmp / "idle.wav"
        idle_len = idle_wav(voice, idle, args.idle_s, args.chatter, rng)
        print(f"{os.cpu_count()} CPUs; idle file {idle_len:.1f} s", flush=True)
        floor = run(
            "python sleep", [sys.executable, "-c", f"import time; time.sleep({args.idle_s})"]
        )
        floor.listen_wall_s, floor.listen_cpu_s = floor.wall_s, floor.cpu_s
        runs.append(floor)
        runs.append(run("python + libraries, no model", [sys.executable, "-c", LIBRARIES]))
        wake = sv(
            "idle, wake word",
            "run",
            "--input",
            str(idle),
            "--realtime",
            "--wake",
            "hey_jarvis",
            watch=idle,
        )
        always = sv(
            "idle, --always",
            "run",
            "--input",
            str(idle),
            "--realtime",
            "--always",
            "--trace",
            watch=idle,
        )
        for r in (wake, always):
            heard = _routes(r.output) + [line for line in r.output if "woke" in line]
            print(f"  {r.name} heard: {heard or 'nothing'}", flush=True)
        loads.append(os.getloadavg())
        if not args.skip_commands:
            for woken in (False, True):
                wav = tmp / f"commands-{woken}.wav"
                length = commands_wav(voice, wav, woken, rng)
                how = ["--wake", "hey_jarvis"] if woken else ["--always"]
                name = "commands, " + ("wake word" if woken else "--always")
                out = tmp / f"replies-{woken}.wav"
                r = sv(
                    name,
                    "run",
                    "--input",
                    str(wav),
                    "--output",
                    str(out),
                    "--realtime",
                    *how,
                    "--trace",
                    watch=wav,
                )
                woke = sum("(woke:" in line for line in r.output)
                print(
                    f"  {length:.1f} s of input, woke {woke} times; "
                    + "; ".join(_routes(r.output)),
                    flush=True,
                )
        if not args.skip_demo:
            sv("demo", "demo")
        loads.append(os.getloadavg())
    print(f"\nload average (1, 5, 15 min) at the start, middle and end: {loads}")
    print(
        "\n| run | peak RSS (MiB) | peak while loading (MiB) | wall (s) | CPU (s) | startup (s)"
        " | listening (s) | CPU listening (% of a core) | (% of the machine) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(_row(r))
    if args.json is not None:
        rows = []
        for r in runs:
            row = asdict(r)
            row.update(listen_cpu_percent=r.listen_cpu_percent())
            rows.append(row)
        data = {"cpus": os.cpu_count(), "loadavg": loads, "idle_s": args.idle_s, "runs": rows}
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
