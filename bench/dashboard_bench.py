#!/usr/bin/env python
"""Server time of the progress dashboard and its JSON on a large data set.

    createdb -h 127.0.0.1 -U postgres dash_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dash_bench \\
        .venv/bin/python bench/dashboard_bench.py --initiatives 100000 --branches 1000 --members 60000

It migrates the database, fills it with `manage.py seed_bulk` up to the sizes asked (once: a second run reuses the
data), then requests /dashboard/ and /dashboard/progress.json in-process through Django's test client as the
district office and as the officer of the largest branch, and prints the median, 90th percentile and query count
of each, with the machine it ran on. Server time only: no network, no browser. Not a test; nothing is asserted.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402  (the machine line, memory, the bench accounts)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--branches", type=int, default=1_000)
    parser.add_argument("--members", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=15, help="timed requests per page (after 2 warm-ups)")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite when DATABASE_URL is unset")
    return parser.parse_args()


def setup_django(args):
    if not os.environ.get("DATABASE_URL") and not args.allow_sqlite:
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (e.g. .../dash_bench), or pass --allow-sqlite.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"  # production-like: no query log, cached templates
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def seed(args):
    from django.core.management import call_command

    from initiatives.models import Branch, Initiative, Member

    call_command("migrate", verbosity=0)
    have = Initiative.objects.count(), Branch.objects.count(), Member.objects.count()
    wanted = args.initiatives, args.branches, args.members
    if all(h >= w for h, w in zip(have, wanted, strict=True)):
        print(f"Reusing the data in place: {have[0]} initiatives, {have[1]} branches, {have[2]} members.")
        return
    missing = [max(w - h, 0) for h, w in zip(have, wanted, strict=True)]
    branches = max(missing[1], 1)
    call_command("seed_bulk", initiatives=missing[0], branches=branches, members=max(missing[2], branches))


def users():
    district, officer, branch = common.bench_accounts()
    return {"district": district, f"officer of {branch.name}": officer}


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    times.sort()
    return {
        "median": statistics.median(times),
        "p90": times[min(len(times) - 1, int(len(times) * 0.9))],
        "min": times[0],
        "queries": len(queries.captured_queries),
        "kb": len(response.content) / 1024,
    }


def main():
    args = parse_args()
    setup_django(args)
    from django.test import Client, override_settings

    from initiatives.models import Branch, Initiative, Member

    seed(args)
    print(f"Machine: {common.machine()}")
    print(f"Data: {Initiative.objects.count()} initiatives, {Branch.objects.count()} branches, "
          f"{Member.objects.count()} members")
    print(f"{'who':58} {'page':28} {'median':>9} {'p90':>9} {'min':>9} {'queries':>8} {'size':>9}")
    plain_static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with override_settings(STORAGES=plain_static):
        for who, user in users().items():
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            for url in ("/dashboard/", "/dashboard/progress.json", "/dashboard/progress.json?period=1"):
                r = measure(client, url, args.runs)
                print(f"{who[:58]:58} {url:28} {r['median']:7.0f}ms {r['p90']:7.0f}ms {r['min']:7.0f}ms "
                      f"{r['queries']:8d} {r['kb']:7.0f}kB")
        client = Client()
        r = measure(client, "/", args.runs)
        print(f"{'anonymous':58} {'/ (home, headline figures)':28} {r['median']:7.0f}ms {r['p90']:7.0f}ms "
              f"{r['min']:7.0f}ms {r['queries']:8d} {r['kb']:7.0f}kB")


if __name__ == "__main__":
    main()
