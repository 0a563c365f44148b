#!/usr/bin/env python
"""Every page of a union body, at each level of the four-level tree, at 1,000 and at 1,000,000 initiatives, side by
side with the stock way (issue 14, item 7).

    createdb -h 127.0.0.1 -U postgres h4_scale_1k && createdb -h 127.0.0.1 -U postgres h4_scale_1m
    for db in h4_scale_1k h4_scale_1m; do DATABASE_URL=postgres://postgres@127.0.0.1:5432/$db \\
        .venv/bin/python manage.py migrate; done
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h4_scale_1k .venv/bin/python manage.py seed_bulk \\
        --tree 20,200 --branches 10000 --initiatives 1000 --members 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h4_scale_1m .venv/bin/python manage.py seed_bulk \\
        --tree 20,200 --branches 10000 --initiatives 1000000 --members 500000
    .venv/bin/python bench/tree_bench.py --small postgres://postgres@127.0.0.1:5432/h4_scale_1k \\
        --large postgres://postgres@127.0.0.1:5432/h4_scale_1m --json /tmp/tree.json

Both databases have the same tree (a province, 20 bodies, 200 bodies, 10,000 branches: `seed_bulk --tree`) and
the same officers: `bulk.tinh` (the province), `bulk.cd2` (a body at level 2, 500 branches), `bulk.cd3` (a body
at level 3, 50 branches) and `bulk.cdcs` (one branch). Each page is requested as each of them, through Django's
test client in a Python process of its own (server time, no network; bench/scale_bench.py's method): 2 warm-up
requests, then --runs timed ones (median, p95) and the number of SQL queries of one more request, on the small
and on the large set. Then, on the large set, the same content the stock way (bench/stock.py): the admin's
default changelist for the list, a plain ORM loop over the initiatives in scope for the dashboard's figures, the
ranking grouped over the initiatives sent. A stock run over 10 s is timed once.

The criterion: on the large set each page makes as many queries as on the small one, and takes at most 1.5 times
as long (the "×1k" column).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common, scale_bench  # noqa: E402  (its timing, counting and client helpers)

LEVELS = {  # who → (username, what they are officer of)
    "province": ("bulk.tinh", "province (10,000 branches)"),
    "level2": ("bulk.cd2", "level-2 body (500 branches)"),
    "level3": ("bulk.cd3", "level-3 body (50 branches)"),
    "branch": ("bulk.cdcs", "one branch"),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", required=False, help="DATABASE_URL of the 1,000-initiative tree")
    parser.add_argument("--large", required=False, help="DATABASE_URL of the 1,000,000-initiative tree")
    parser.add_argument("--runs", type=int, default=15, help="timed requests per page (default 15)")
    parser.add_argument("--only", nargs="*", help="page names to run (default: all)")
    parser.add_argument("--levels", nargs="*", default=list(LEVELS), help="levels to run (default: all)")
    parser.add_argument("--skip-stock", action="store_true", help="leave out the stock measurements")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--context", help=argparse.SUPPRESS)
    return parser.parse_args()


def context():
    """Each level's officer and body, the province's programme (made once per database, in a child process)."""
    from django.contrib.auth import get_user_model

    from initiatives import access
    from initiatives.models import Federation, Initiative

    users = {who: get_user_model().objects.get(username=name) for who, (name, _label) in LEVELS.items()}
    ctx = {"initiatives": Initiative.objects.count(), "machine": common.machine()}
    for who, user in users.items():
        node = Federation.objects.filter(officers=user).first()
        ctx[who] = user.pk
        ctx[f"{who}_node"] = node.pk if node is not None else None
        ctx[f"{who}_initiatives"] = access.reviewable_initiatives_for(user).count()
        ctx[f"{who}_branches"] = access.branches_for(user).count()
    return ctx


def pages(ctx, who):
    """name → (ours, stock): ("page", url) or ("call", name) or None."""
    node = ctx.get(f"{who}_node")
    federation = f"?federation={node}" if node else ""
    dashboard_stock = ("call", "dashboard_loop")
    listing_stock = ("page", "/stock-admin/initiatives/initiative/")
    found = {
        "dashboard": (("page", f"/dashboard/{federation}"), dashboard_stock),
        "dashboard_json": (("page", f"/dashboard/progress.json{federation}"), None),
        # The first look after a write (figures' cache off): everything counted afresh from the tallies.
        "dashboard_cold": (("page", f"/dashboard/{federation}"), None),
        "dashboard_json_cold": (("page", f"/dashboard/progress.json{federation}"), None),
        "list": (("page", "/initiatives/"), listing_stock),
        "list_filtered": (("page", "/initiatives/?status=submitted"), None),
        "admin_list": (("page", "/admin/initiatives/initiative/"), None),
        "reports": (("page", "/reports/"), None),
        "branch_reports": (("page", "/reports/branch/"), None),
    }
    if node:  # the ranking and the pledges' list are for upper-union staff
        found["ranking"] = (("page", "/awards/ranking/"), ("call", "ranking_grouped"))
        found["pledges"] = (("page", "/dashboard/pledges/"), None)
    return found


def stock_call(name, who, ctx):
    from django.contrib.auth import get_user_model

    from bench import stock
    from initiatives import access, programmes
    from initiatives.models import Federation

    user = get_user_model().objects.get(pk=ctx[who])
    node = Federation.objects.get(pk=ctx["province_node"])
    programme = programmes.latest_for(node)
    if name == "ranking_grouped":
        return lambda: stock.ranking_grouped(programme)
    initiatives = access.reviewable_initiatives_for(user).filter(programme=programme)
    return lambda: stock.dashboard_figures_loop(initiatives, list(programme.periods.all()))


def worker(spec, ctx):
    scale_bench.setup_django()
    import time

    from django.test import override_settings

    name, who, side = spec.split(":")
    ours, stock = pages(ctx, who)[name]
    kind, target = ours if side != "stock" else stock
    plain_storage = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                     "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    cache = {"PROGRESS_CACHE_SECONDS": 0} if name.endswith("_cold") else {}
    with override_settings(STORAGES=plain_storage, ROOT_URLCONF="bench.stock", **cache):
        if kind == "page":
            client = scale_bench.client_for(who, ctx)
            function = lambda: scale_bench.get(client, target)  # noqa: E731
        else:
            function = stock_call(target, who, ctx)
        # The queries of the first request (the figures counted afresh, as in a new process), then the time of a
        # second one decides how many timed runs a page gets (a cached page is timed warm even when its first
        # look took seconds).
        queries, result = scale_bench.count_queries(function)
        started = time.perf_counter()
        function()
        once = (time.perf_counter() - started) * 1000
        if once > 10_000:
            figures = {"median": once, "p95": once, "min": once, "db": None, "runs": 1}
        else:
            figures = scale_bench.timed(function, ctx["runs"] if once < 1000 else 3, warmups=2 if once < 1000 else 0)
    figures.update({"queries": queries, "bytes": len(result.content) if hasattr(result, "content") else None})
    print(json.dumps(figures))


def run_worker(spec, ctx, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", spec, "--context", json.dumps(ctx)],
        capture_output=True, text=True, env=env, check=False,
    )
    if completed.returncode != 0:
        print(completed.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def prepare(database_url, runs):
    env = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run([sys.executable, __file__, "--worker", "context"], capture_output=True, text=True,
                               env=env, check=True)
    ctx = json.loads(completed.stdout.strip().splitlines()[-1])
    ctx["runs"] = runs
    return ctx


def main():
    args = parse_args()
    if args.worker == "context":
        scale_bench.setup_django()
        print(json.dumps(context()))
        return
    if args.worker:
        worker(args.worker, json.loads(args.context))
        return
    small = prepare(args.small, args.runs)
    large = prepare(args.large, args.runs)
    fmt = scale_bench.fmt
    print(f"Machine: {large['machine']}")
    print(f"Data: {small['initiatives']:,} and {large['initiatives']:,} initiatives")
    results = {}
    stock_done = {}
    for who in args.levels:
        print(f"\n{LEVELS[who][0]}: officer of the {LEVELS[who][1]}; {small[f'{who}_initiatives']:,} / "
              f"{large[f'{who}_initiatives']:,} initiatives in scope")
        print(f"{'page':<22}{'1k med':>10}{'1k p95':>10}{'1M med':>10}{'1M p95':>10}{'q 1k':>6}{'q 1M':>6}"
              f"{'×1k':>7}{'stock':>12}{'stock q':>9}{'stock÷1M':>10}", flush=True)
        for name, (_ours, stock) in pages(large, who).items():
            if args.only and name not in args.only:
                continue
            spec = f"{name}:{who}"
            at_1k = run_worker(f"{spec}:ours", small, args.small)
            at_1m = run_worker(f"{spec}:ours", large, args.large)
            stocked = None
            if stock is not None and not args.skip_stock:
                key = (stock, who)
                if key not in stock_done:
                    stock_done[key] = run_worker(f"{spec}:stock", {**large, "runs": 3}, args.large)
                stocked = stock_done[key]
            results[spec] = {"1k": at_1k, "1m": at_1m, "stock": stocked}
            if at_1k is None or at_1m is None:
                print(f"{name:<22} failed", flush=True)
                continue
            ratio = at_1m["median"] / at_1k["median"]
            over = stocked["median"] / at_1m["median"] if stocked else None
            print(f"{name:<22}{fmt(at_1k['median']):>10}{fmt(at_1k['p95']):>10}{fmt(at_1m['median']):>10}"
                  f"{fmt(at_1m['p95']):>10}{at_1k['queries']:>6}{at_1m['queries']:>6}{ratio:>7.2f}"
                  f"{fmt(stocked['median'] if stocked else None):>12}{(stocked or {}).get('queries', '—'):>9}"
                  f"{(f'{over:,.1f}' if over else '—'):>10}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"small": small, "large": large, "results": results}, indent=1))


if __name__ == "__main__":
    main()
