#!/usr/bin/env bash
# Sets up and runs the test suite (SQLite unless DATABASE_URL says otherwise). Extra arguments go to pytest.
#   scripts/test.sh         the fast suite: everything except the browser, printing and fault tests
#   scripts/test.sh --all   everything (what CI runs): browser tests in Debian's Chromium, reports printed through
#                           LibreOffice, then the fault tests, which on PostgreSQL restart the local cluster
# Tests run in parallel (pytest-xdist), one worker per CPU unless TEST_WORKERS says otherwise (TEST_WORKERS=0: in
# this process); each worker has its own test database. The fault tests always run alone, after the others.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
workers=(-n "${TEST_WORKERS:-auto}")
if [ "${1:-}" = "--all" ]; then
  shift
  .venv/bin/python -m pytest "${workers[@]}" -m "not faults" "$@"
  status=0
  .venv/bin/python -m pytest -m faults "$@" || status=$?
  [ "$status" -eq 5 ] && status=0  # no fault test among those asked for
  exit "$status"
fi
exec .venv/bin/python -m pytest "${workers[@]}" -m "not browser and not faults and not printing" "$@"
