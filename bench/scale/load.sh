#!/usr/bin/env bash
# The load run at national scale: gunicorn (2 × cores + 1 sync workers) on a copy of the 1M data set, under the
# load test's users (bench/load/locustfile.py: district staff browsing the home page, the list and its filters, an
# initiative and the dashboard's JSON; members registering and submitting; officers approving), headless.
#
#   bench/scale/load.sh                      # 50 users (+10/s) for 60 s on a copy of scale_1m
#   SOURCE=scale_1k bench/scale/load.sh      # the same on the 1,000-initiative set
#   STEADY=1 bench/scale/load.sh             # figures from the end of the ramp-up on (locust --reset-stats):
#                                            # without the 50 logins' Argon2 hashing (~0.3 s of CPU each)
#
# The copy (CREATE DATABASE … TEMPLATE) keeps the writes out of the benchmark's data; seed_demo adds the demo
# branches the load accounts (bench/load/prepare.py) belong to. Prints each request's count, errors, median and
# p95, then the totals; exits 1 on any error. Drops the copy and stops gunicorn whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."

SOURCE=${SOURCE:-scale_1m} DATABASE=${DATABASE:-scale_load} PORT=${PORT:-8110} PG_PORT=${PG_PORT:-5432}
USERS=${USERS:-50} SPAWN_RATE=${SPAWN_RATE:-10} DURATION=${DURATION:-60s}
WORKERS=${WORKERS:-$(( 2 * $(nproc) + 1 ))}
export DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT}/${DATABASE}"
export DEBUG=0 SECRET_KEY="scale-load-only-$(head -c 24 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60 EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export PYTHONDONTWRITEBYTECODE=1
unset DJANGO_ENV

work=$(mktemp -d /tmp/scale-load.XXXXXX)
server_pid=""
psql_admin() { PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "$1"; }
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  psql_admin "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== ${USERS} users (+${SPAWN_RATE}/s) for ${DURATION}; gunicorn ${WORKERS} workers on $(nproc) cores; copy of ${SOURCE}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_admin "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)"
psql_admin "CREATE DATABASE ${DATABASE} TEMPLATE ${SOURCE}"
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py seed_demo --force >/dev/null
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/python bench/load/prepare.py "$work/accounts.json"
.venv/bin/python manage.py shell --no-imports -c "from initiatives.models import Initiative, Member, Branch; \
print(f'data: {Initiative.objects.count():,} initiatives, {Branch.objects.count():,} branches, {Member.objects.count():,} members')"

.venv/bin/gunicorn vinhlinh_portal.wsgi --workers "$WORKERS" --bind "127.0.0.1:${PORT}" --timeout 60 \
  --log-level warning >"$work/gunicorn.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/"

steady=""; [ "${STEADY:-0}" = "1" ] && steady="--reset-stats"
LOAD_ACCOUNTS="$work/accounts.json" .venv/bin/locust -f bench/load/locustfile.py --headless --only-summary $steady \
  -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --host "http://127.0.0.1:${PORT}" --csv "$work/load" \
  --loglevel WARNING >"$work/locust.log" 2>&1 || true
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
.venv/bin/python bench/load/summary.py "$work/load_stats.csv" "$work/load_failures.csv" || status=$?
if [ "$status" -ne 0 ] || grep -q "Traceback" "$work/gunicorn.log"; then
  echo "gunicorn's log (last lines):"; grep -v "^\s*$" "$work/gunicorn.log" | tail -40
  exit 1
fi
exit $status
