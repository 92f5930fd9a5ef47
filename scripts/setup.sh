#!/usr/bin/env bash
# Set up govkg on a fresh machine: a virtualenv with govkg and its dependencies, and the
# pkuseg segmentation model (fetched once from the pkuseg==0.0.25 sdist on PyPI into
# ~/.cache/govkg/pkuseg/default).
#   bash scripts/setup.sh          # what `govkg extract` needs
#   bash scripts/setup.sh --all    # also the local Neo4j server and headless Chromium + CJK fonts (tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi
echo "== installing govkg into .venv"
.venv/bin/pip install -q --disable-pip-version-check numpy cython wheel
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
echo "== pkuseg model"
.venv/bin/python -m govkg.extract.models fetch
if [ "${1:-}" = "--all" ]; then
  if [ -f scripts/setup-neo4j.sh ]; then echo "== Neo4j (local launcher)"; bash scripts/setup-neo4j.sh; fi
  if [ -f scripts/setup-browser.sh ]; then echo "== Chromium and CJK fonts"; bash scripts/setup-browser.sh; fi
fi
echo "== ready: .venv/bin/govkg --help"
