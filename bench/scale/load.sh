#!/usr/bin/env bash
# The load run at national scale: bench/load/run.sh (gunicorn, 2 × cores + 1 sync workers, and the load test's
# locust users: district staff browsing the home page, the list and its filters, an initiative and the dashboard's
# JSON; members submitting; officers approving) on a copy of the 1M data set of bench/scale_bench.py.
#
#   bench/scale/load.sh                      # 50 users (+10/s) for 60 s on a copy of scale_1m
#   SOURCE=scale_1k bench/scale/load.sh      # the same on the 1,000-initiative set
#   STEADY=1 bench/scale/load.sh             # figures from the end of the ramp-up on (locust --reset-stats):
#                                            # without the 50 logins' Argon2 hashing (~0.3 s of CPU each)
set -euo pipefail
cd "$(dirname "$0")/../.."
TEMPLATE=${SOURCE:-scale_1m} DATABASE=${DATABASE:-scale_load} PORT=${PORT:-8110} exec bench/load/run.sh "$@"
