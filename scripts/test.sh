#!/usr/bin/env bash
# Set everything up (venv, pkuseg model, Neo4j jars, Chromium) and run the whole test suite.
# Tests marked `neo4j` start the real local Neo4j through the launcher; none is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --all
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
