#!/usr/bin/env bash
# Sets up sottovoce in ./.venv from the pinned lock file, then runs the demo:
# `sottovoce demo`, a spoken conversation with the built-in home through the
# whole voice pipeline, no sound hardware needed. `./setup.sh --install-only`
# only installs.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON="${PYTHON:-python3}"
say() { printf 'setup: %s\n' "$*"; }
need() { say "$1"; say "run: $2"; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || need "python3 is missing" "sudo apt-get install -y python3 python3-venv"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || need "Python 3.11 or newer is needed ($("$PYTHON" --version 2>&1) found)" "sudo apt-get install -y python3.11 python3.11-venv (then PYTHON=python3.11 ./setup.sh)"

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv 2>/dev/null || { rm -rf .venv; need "the venv module is missing" "sudo apt-get install -y python3-venv"; }
fi

stamp=.venv/.sottovoce-installed
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  say "installing pinned dependencies (requirements.lock)"
  # pip builds llama.cpp from source: portable CPU code, a few minutes the first time.
  command -v c++ >/dev/null 2>&1 || need "a C++ compiler is needed to build llama.cpp" "sudo apt-get install -y build-essential"
  export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}"
  say "building llama.cpp if it is not cached (about 5 minutes on 2 cores)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  touch "$stamp"
fi
say "ready: .venv/bin/sottovoce"

[ "${1:-}" = "--install-only" ] && exit 0
say "the demo: a user speaks to the built-in home; sottovoce hears, acts and answers"
.venv/bin/sottovoce demo "$@"
say "next: .venv/bin/sottovoce run (microphone and speaker), or .venv/bin/sottovoce chat (typed)"

