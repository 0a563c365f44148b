#!/usr/bin/env bash
# Sets up and runs the test suite (SQLite unless DATABASE_URL says otherwise). Extra arguments go to pytest.
#   scripts/test.sh         the fast suite: everything except the browser tests and the fault tests
#   scripts/test.sh --all   everything (what CI runs): browser tests in Debian's Chromium, and the fault tests,
#                           which on PostgreSQL restart the local cluster
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
if [ "${1:-}" = "--all" ]; then
  shift
  exec .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest -m "not browser and not faults and not printing" "$@"
