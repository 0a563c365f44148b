#!/usr/bin/env bash
# Sets up and runs the test suite (SQLite unless DATABASE_URL says otherwise). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
