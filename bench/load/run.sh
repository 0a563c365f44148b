#!/usr/bin/env bash
# The load test: gunicorn on PostgreSQL (127.0.0.1), seeded with seed_demo and seed_bulk, under locust users that
# browse, submit and approve. Prints requests/s, p95 and the error count; exits 1 on any error. Stops everything
# it started and drops its database, whatever happens.
#
#   bench/load/run.sh            the full run: 50 users (10 more each second) for 60 s, on a larger data set
#   bench/load/run.sh --short    the CI form: 10 users for 15 s, on the demo data
#   TEMPLATE=scale_1m bench/load/run.sh
#                                the run on a copy (CREATE DATABASE … TEMPLATE) of a data set already seeded, e.g.
#                                the million initiatives of bench/scale_bench.py (bench/scale/load.sh)
#
# Settings from the environment: USERS, SPAWN_RATE, DURATION, PORT (8106), BULK_INITIATIVES, BULK_MEMBERS,
# BULK_BRANCHES, PG_PORT (5432), DATABASE (fuzz_load), TEMPLATE, STEADY=1 (figures from the end of the ramp-up on:
# locust --reset-stats, without the logins' Argon2 hashing). Figures of the full run: docs/RELIABILITY.md.
#
# Several app servers (docs/PERFORMANCE.md): INSTANCES=2 runs two gunicorn instances (APP_PORTS, default
# "8196 8197") behind nginx on PORT (bench/load/nginx.conf.template; nginx runs as this script's own process),
# sharing PostgreSQL, Redis (REDIS_URL, default redis://127.0.0.1:6379/7: the cache and the sessions) and one
# media folder. KILL_AFTER=20 kills one instance (SIGKILL, master and workers) 20 s into the run; then the run
# passes when fewer than MAX_ERROR_RATE (default 0.01) of the requests failed, instead of none.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = "--short" ]; then
  USERS=${USERS:-10} SPAWN_RATE=${SPAWN_RATE:-5} DURATION=${DURATION:-15s} BULK_INITIATIVES=${BULK_INITIATIVES:-0}
else
  USERS=${USERS:-50} SPAWN_RATE=${SPAWN_RATE:-10} DURATION=${DURATION:-60s}
  BULK_INITIATIVES=${BULK_INITIATIVES:-20000}
fi
BULK_BRANCHES=${BULK_BRANCHES:-100} BULK_MEMBERS=${BULK_MEMBERS:-20000}
PORT=${PORT:-8106} PG_PORT=${PG_PORT:-5432}
DATABASE=${DATABASE:-fuzz_load} TEMPLATE=${TEMPLATE:-}
WORKERS=${WORKERS:-$(( 2 * $(nproc) + 1 ))}
INSTANCES=${INSTANCES:-1} APP_PORTS=${APP_PORTS:-"8196 8197"} KILL_AFTER=${KILL_AFTER:-}

export DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT}/${DATABASE}"
export DEBUG=0 SECRET_KEY="load-test-only-$(head -c 24 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60 EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export PYTHONDONTWRITEBYTECODE=1
unset DJANGO_ENV

work=$(mktemp -d /tmp/vinhlinh-load.XXXXXX)
server_pid=""
app_pids=()
nginx_prefix=""
if [ "$INSTANCES" -gt 1 ]; then
  export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/7} CACHE_KEY_PREFIX="load-$$" TRUSTED_PROXIES=127.0.0.1
  export MEDIA_ROOT="$work/media"
  WORKERS=${WORKERS_PER_INSTANCE:-$(( $(nproc) + 1 ))}
fi
psql_admin() { PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "$1"; }
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  for pid in "${app_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$nginx_prefix" ] && [ -f "$nginx_prefix/nginx.pid" ]; then kill -QUIT "$(cat "$nginx_prefix/nginx.pid")" 2>/dev/null || true; fi
  psql_admin "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== load test: ${USERS} users (+${SPAWN_RATE}/s) for ${DURATION}, gunicorn ${WORKERS} workers on $(nproc) cores${TEMPLATE:+, copy of ${TEMPLATE}}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
psql_admin "DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)"
# A copy keeps the run's writes out of the benchmark's data set.
psql_admin "CREATE DATABASE ${DATABASE}${TEMPLATE:+ TEMPLATE ${TEMPLATE}}"
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py seed_demo --force >/dev/null  # the demo branches the load accounts belong to
if [ -z "$TEMPLATE" ] && [ "$BULK_INITIATIVES" -gt 0 ]; then
  .venv/bin/python manage.py seed_bulk --initiatives "$BULK_INITIATIVES" --branches "$BULK_BRANCHES" \
    --members "$BULK_MEMBERS" >/dev/null
fi
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/python bench/load/prepare.py "$work/accounts.json"
.venv/bin/python manage.py shell --no-imports -c "from initiatives.models import Initiative, Member; \
print(f'data: {Initiative.objects.count():,} initiatives, {Member.objects.count():,} members')"

if [ "$INSTANCES" -gt 1 ]; then
  echo "== ${INSTANCES} gunicorn instances (${WORKERS} workers each) on ports ${APP_PORTS} behind nginx on ${PORT}; Redis ${REDIS_URL}"
  for app_port in $APP_PORTS; do
    # setsid: each instance its own process group, so that killing one kills its master and workers only.
    setsid .venv/bin/gunicorn vinhlinh_portal.wsgi --workers "$WORKERS" --bind "127.0.0.1:${app_port}" --timeout 60 \
      --log-level warning >"$work/gunicorn-${app_port}.log" 2>&1 &
    app_pids+=($!)
  done
  nginx_prefix="$work/nginx"
  mkdir -p "$nginx_prefix" "$MEDIA_ROOT"
  set -- $APP_PORTS
  sed -e "s|@PORT@|${PORT}|; s|@APP1@|$1|; s|@APP2@|$2|; s|@PREFIX@|${nginx_prefix}|g; s|@STATIC@|$(pwd)/staticfiles|" \
    bench/load/nginx.conf.template >"$nginx_prefix/nginx.conf"
  nginx -p "$nginx_prefix" -c "$nginx_prefix/nginx.conf" -e "$nginx_prefix/error.log"
  for app_port in $APP_PORTS; do
    for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:${app_port}/" 2>/dev/null && break; sleep 0.5; done
  done
else
  .venv/bin/gunicorn vinhlinh_portal.wsgi --workers "$WORKERS" --bind "127.0.0.1:${PORT}" --timeout 60 \
    --log-level warning >"$work/gunicorn.log" 2>&1 &
  server_pid=$!
fi
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/"

steady=""; [ "${STEADY:-0}" = "1" ] && steady="--reset-stats"
if [ -n "$KILL_AFTER" ] && [ "${#app_pids[@]}" -gt 1 ]; then
  victim=${app_pids[1]}
  ( sleep "$KILL_AFTER"; echo "== killing one instance (pid ${victim}) ${KILL_AFTER} s into the run"; kill -KILL -- "-${victim}" ) &
fi
LOAD_ACCOUNTS="$work/accounts.json" .venv/bin/locust -f bench/load/locustfile.py --headless --only-summary $steady \
  -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --host "http://127.0.0.1:${PORT}" --csv "$work/load" \
  --loglevel WARNING >"$work/locust.log" 2>&1 || true
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
allowed=""; [ -n "$KILL_AFTER" ] && allowed="${MAX_ERROR_RATE:-0.01}"
.venv/bin/python bench/load/summary.py "$work/load_stats.csv" "$work/load_failures.csv" $allowed || status=$?
if [ "$status" -ne 0 ] || cat "$work"/gunicorn*.log | grep -q "Traceback"; then
  echo "gunicorn's log (last lines):"; cat "$work"/gunicorn*.log | grep -v "^\s*$" | tail -40
  exit 1
fi
exit $status
