#!/usr/bin/env bash
# Sets everything up and serves the portal with demo data on SQLite at http://127.0.0.1:8000
# It installs only what the portal needs (requirements.txt; the test tools are scripts/test.sh's business) and
# says what it is doing at each step.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n==> %s\n' "$*"; }
say "1/4 Python packages the portal needs (requirements.txt) into .venv — the first time takes a minute or two"
scripts/setup.sh requirements.txt
echo "    ready."
export DEBUG=${DEBUG:-1}
say "2/4 Database (SQLite file db.sqlite3): creating or updating its tables"
.venv/bin/python manage.py migrate --noinput -v 1 | grep -E "Apply|No migrations" || true
say "3/4 Demo data: federation, branches, members, initiatives, nominations, awards (nothing is added twice)${PROVINCE:+; the 2026 province beside it}"
.venv/bin/python manage.py seed_demo ${PROVINCE:+--province}
say "4/4 Serving on http://${HOST:-127.0.0.1}:${PORT:-8000}/ — log in as doanvien, canbo, vanphong or quantri${PROVINCE:+ (or tinh, xa, canbo.cuatung, doanvien.cuatung)} (password VinhLinh@2021); Ctrl+C stops it"
exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
