#!/usr/bin/env python
"""Every page at national scale, measured side by side with the stock Django way and the SQL floor.

    createdb -h 127.0.0.1 -U postgres scale_1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_1m .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_1m .venv/bin/python manage.py seed_bulk \\
        --initiatives 1000000 --branches 5000 --members 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_1m .venv/bin/python bench/scale_bench.py \\
        --compare postgres://postgres@127.0.0.1:5432/scale_1k --json /tmp/scale_1m.json

Each measurement runs in a Python process of its own (so that no cache or warm connection of one helps
another): the page requested in-process through Django's test client (server time: middleware, views, SQL,
templates; no network), 2 warm-up requests then --runs timed ones; the median and p95, and the number of SQL
queries of one more request. Beside each page:

- stock: the same content the stock Django way, on the same data in the same run: the admin's default
  changelist (a ModelAdmin with no tuning, bench/stock.py) for the lists, the same views without
  select_related/prefetch for the detail page, a plain ORM loop for the dashboard figures;
- floor: the single cheapest SQL query that could answer the page, timed alone through the same connection
  (for the district dashboard and the home page, one COUNT(*) over the initiatives).

With --compare URL the same pages are requested once on a second database (e.g. 1,000 initiatives) and the query
counts are printed side by side: they must be equal. Not a test; prints a table (and --json writes the figures).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402  (the machine line, memory, the bench accounts)

SEARCH = "nguyen van an"
PAGE_SIZE = 20
STOCK_PAGE_SIZE = 100  # the admin's default list_per_page


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per fast page (default 20)")
    parser.add_argument("--slow-runs", type=int, default=3, help="timed runs of a measurement over a second")
    parser.add_argument("--only", nargs="*", help="measurement names to run (default: all)")
    parser.add_argument("--skip-stock", action="store_true", help="leave out the stock measurements")
    parser.add_argument("--compare", help="DATABASE_URL of a small data set: compare query counts")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--context", help=argparse.SUPPRESS)
    return parser.parse_args()


def setup_django():
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database holding the data (see the module's docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"  # production-like: no query log, cached templates
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


# -- what is measured -----------------------------------------------------------------------------------------


def context():
    """Users and ids the measurements need, made once per database (in the driver)."""
    from django.db.models import Count

    from initiatives.models import Initiative, Status

    district, officer, branch = common.bench_accounts()
    detail = (Initiative.objects.filter(status=Status.SENT_TO_PROVINCE).annotate(n=Count("authors"))
              .filter(n__gte=2).order_by("pk").values_list("pk", flat=True).first())
    total = Initiative.objects.count()
    return {
        "district": district.pk, "officer": officer.pk, "branch": branch.pk, "branch_name": branch.name,
        "branch_initiatives": Initiative.objects.filter(branch=branch).count(),
        "detail": detail, "initiatives": total, "deep_page": max(1, total // PAGE_SIZE // 2),
    }


def measurements(ctx):
    """name → (who, what, stock, floor). `what` and `stock` are ("page", url) or ("call", name); floor is SQL."""
    deep = ctx["deep_page"]
    offset = (deep - 1) * PAGE_SIZE
    branch = ctx["branch"]
    rows = ("SELECT i.id, i.title, i.category, i.status, i.application_date, i.sent_to_province_date, b.name, "
            "m.full_name FROM initiatives_initiative i JOIN initiatives_branch b ON b.id = i.branch_id "
            "LEFT JOIN initiatives_member m ON m.id = i.credited_author_id ")
    order = "ORDER BY i.created_at DESC, i.id DESC "
    count_all = "SELECT COUNT(*) FROM initiatives_initiative"
    return {
        "home": ("anonymous", ("page", "/"), ("call", "home_loop"), count_all),
        "list_first": ("district", ("page", "/initiatives/"),
                       ("page", "/stock-admin/initiatives/initiative/"), rows + order + "LIMIT 20"),
        "list_filtered": ("district", ("page", "/initiatives/?status=submitted&category=technical"),
                          ("page", "/stock-admin/initiatives/initiative/?status__exact=submitted"
                                   "&category__exact=technical"),
                          rows + "WHERE i.status = 'submitted' AND i.category = 'technical' " + order + "LIMIT 20"),
        "list_search": ("district", ("page", f"/initiatives/?q={SEARCH.replace(' ', '+')}"),
                        ("page", f"/stock-admin/initiatives/initiative/?q={SEARCH.replace(' ', '+')}"),
                        rows + f"WHERE i.search_text LIKE '%{SEARCH}%' " + order + "LIMIT 20"),
        "list_deep": ("district", ("page", f"/initiatives/?page={deep}"),
                      ("page", f"/stock-admin/initiatives/initiative/?p={offset // STOCK_PAGE_SIZE + 1}"),
                      rows + order + f"LIMIT 20 OFFSET {offset}"),
        "list_officer": ("officer", ("page", "/initiatives/"),
                         ("page", "/stock-admin/initiatives/initiative/"),
                         rows + f"WHERE i.branch_id = {branch} " + order + "LIMIT 20"),
        "detail": ("district", ("page", f"/initiatives/{ctx['detail']}/"),
                   ("stock_detail", f"/initiatives/{ctx['detail']}/"),
                   rows + f"WHERE i.id = {ctx['detail']}"),
        "dashboard": ("district", ("page", "/dashboard/"), ("call", "dashboard_loop"), count_all),
        "dashboard_json": ("district", ("page", "/dashboard/progress.json"), ("call", "dashboard_loop"), count_all),
        # The same with the figures' cache off: every request counts from the tallies.
        "dashboard_cold": ("district", ("page", "/dashboard/"), ("call", "dashboard_loop"), count_all),
        "dashboard_json_cold": ("district", ("page", "/dashboard/progress.json"), ("call", "dashboard_loop"),
                                count_all),
        "dashboard_branch": ("officer", ("page", "/dashboard/"), ("call", "dashboard_loop"),
                             f"SELECT COUNT(*) FROM initiatives_initiative WHERE branch_id = {branch}"),
        "dashboard_branch_json": ("officer", ("page", "/dashboard/progress.json"), ("call", "dashboard_loop"),
                                  f"SELECT COUNT(*) FROM initiatives_initiative WHERE branch_id = {branch}"),
        "admin_officer": ("officer", ("page", "/admin/initiatives/initiative/"),
                          ("page", "/stock-admin/initiatives/initiative/"),
                          rows + f"WHERE i.branch_id = {branch} " + order + "LIMIT 50"),
        "admin_district": ("district", ("page", "/admin/initiatives/initiative/"),
                           ("page", "/stock-admin/initiatives/initiative/"), rows + order + "LIMIT 50"),
        # The awards ranking (branches a page at a time, the top 50 members): the floor is the branches' sums.
        "ranking": ("district", ("page", "/awards/ranking/"), ("call", "ranking_grouped"),
                    "SELECT branch_id, SUM(sent), SUM(benefit) FROM initiatives_tally_branch_sent GROUP BY branch_id"),
        # The list of initiatives sent in period 1 (about 100,000 at a million): the portal's streamed export
        # against openpyxl's normal mode over the same rows; the floor reads the rows alone.
        "export": ("district", ("export", "streamed"), ("export", "normal"),
                   rows + "WHERE i.status = 'sent_to_province' AND i.sent_to_province_date BETWEEN "
                   "(SELECT start FROM initiatives_programmeperiod WHERE number = 1 ORDER BY id LIMIT 1) AND "
                   "(SELECT \"end\" FROM initiatives_programmeperiod WHERE number = 1 ORDER BY id LIMIT 1) "
                   "ORDER BY b.name, i.sent_to_province_date, i.id"),
    }


# -- the worker: one measurement in a fresh process ---------------------------------------------------------


def timed(function, runs, warmups=2):
    from django.db import connection

    database_ms = []

    def wrapper(execute, sql, params, many, ctx):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, ctx)
        finally:
            database_ms[-1] += (time.perf_counter() - started) * 1000

    for _ in range(warmups):
        function()
    times = []
    with connection.execute_wrapper(wrapper):
        for _ in range(runs):
            database_ms.append(0.0)
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "min": times[0],
        "db": statistics.median(database_ms),
        "runs": runs,
    }


def count_queries(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = function()
    return len(queries.captured_queries), result


def client_for(who, ctx):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if who != "anonymous":
        user = get_user_model().objects.get(pk=ctx[who])
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def stock_call(name, who, ctx):
    from django.contrib.auth import get_user_model

    from bench import stock
    from initiatives import access
    from initiatives.models import Initiative, Programme

    programme = Programme.objects.prefetch_related("periods").get(is_current=True)
    periods = list(programme.periods.all())
    if name == "ranking_grouped":
        return lambda: stock.ranking_grouped(programme)
    if name == "home_loop":
        initiatives = Initiative.objects.filter(programme=programme)
    else:
        user = get_user_model().objects.get(pk=ctx[who])
        initiatives = access.reviewable_initiatives_for(user).filter(programme=programme)
    return lambda: stock.dashboard_figures_loop(initiatives, periods)


def export(mode, ctx):
    """One export of the list of initiatives sent in period 1, in this fresh process: wall time, rows a second and
    the process's peak memory (which includes Django itself, about 60 MB)."""
    import tempfile

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import stock
    from initiatives.models import Programme
    from reporting import exports, registry

    user = get_user_model().objects.get(pk=ctx["district"])
    programme = Programme.current()
    filters = registry.ReportFilters(period=programme.periods.get(number=1), status="sent_to_province")
    exports.choice_labels()  # translations loaded before measuring
    before = common.memory_mb()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as out, CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        if mode == "streamed":
            written = registry.get("initiatives").write(out.name, user=user, filters=filters)
        else:
            written = stock.normal_mode_export(exports.initiatives_for_report(user, filters, programme), out.name)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"cpu_seconds": cpu, "rows_per_cpu_second": written / cpu, "median": seconds * 1000,
            "p95": seconds * 1000, "min": seconds * 1000, "db": None, "runs": 1,
            "queries": len(queries.captured_queries), "bytes": None, "rows": written,
            "rows_per_second": written / seconds, "peak_mb": common.memory_mb(), "before_mb": before}


def worker(name, side, ctx):
    setup_django()
    from django.db import connection
    from django.test import override_settings

    who, what, stock, floor = measurements(ctx)[name]
    plan = {"ours": what, "stock": stock, "floor": ("sql", floor)}[side]
    kind, target = plan
    plain_storage = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                     "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    cache = {"PROGRESS_CACHE_SECONDS": 0} if name.endswith("_cold") else {}
    with override_settings(STORAGES=plain_storage, ROOT_URLCONF="bench.stock", **cache):
        size = None
        if kind == "page":
            client = client_for(who, ctx)
            function = lambda: get(client, target)  # noqa: E731
        elif kind == "stock_detail":
            from initiatives import access
            from initiatives.views import initiatives as views

            # The same view and template with the reads as they come: no select_related, no prefetch.
            views.initiative_detail_for = lambda user: access.initiatives_for(user)
            client = client_for(who, ctx)
            function = lambda: get(client, target)  # noqa: E731
        elif kind == "call":
            function = stock_call(target, who, ctx)
        elif kind == "export":
            print(json.dumps(export(target, ctx)))
            return
        else:
            def function():
                with connection.cursor() as cursor:
                    cursor.execute(target)
                    return cursor.fetchall()
        started = time.perf_counter()
        queries, result = count_queries(function)
        once = (time.perf_counter() - started) * 1000
        if hasattr(result, "content"):
            size = len(result.content)
        if once > 10_000:  # minutes per run: the one run above is the figure
            figures = {"median": once, "p95": once, "min": once, "db": None, "runs": 1}
        else:
            slow = once > 1000
            figures = timed(function, ctx["slow_runs"] if slow else ctx["runs"], warmups=0 if slow else 2)
    figures.update({"queries": queries, "bytes": size})
    print(json.dumps(figures))


# -- the driver ---------------------------------------------------------------------------------------------


def run_worker(name, side, ctx, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", f"{name}:{side}", "--context", json.dumps(ctx)],
        capture_output=True, text=True, env=env, check=False,
    )
    if completed.returncode != 0:
        print(completed.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def prepare(database_url, args):
    """The context of one database, made in a child process so that the driver stays free of Django state."""
    env = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run([sys.executable, __file__, "--worker", "context"], capture_output=True, text=True,
                               env=env, check=True)
    ctx = json.loads(completed.stdout.strip().splitlines()[-1])
    ctx.update({"runs": args.runs, "slow_runs": args.slow_runs})
    return ctx


def fmt(value, unit="ms"):
    if value is None:
        return "—"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def main():
    args = parse_args()
    if args.worker == "context":
        setup_django()
        ctx = context()
        ctx["machine"] = common.machine()
        print(json.dumps(ctx))
        return
    if args.worker:
        name, side = args.worker.split(":")
        worker(name, side, json.loads(args.context))
        return
    database_url = os.environ.get("DATABASE_URL") or sys.exit("Set DATABASE_URL (see the docstring).")
    ctx = prepare(database_url, args)
    small = prepare(args.compare, args) if args.compare else None
    names = [n for n in measurements(ctx) if not args.only or n in args.only]
    print(f"Machine: {ctx['machine']}")
    print(f"Data: {ctx['initiatives']:,} initiatives; officer of {ctx['branch_name']} "
          f"({ctx['branch_initiatives']:,} initiatives)")
    header = (f"{'page':<22}{'median':>10}{'p95':>10}{'SQL':>10}{'queries':>8}{'q@small':>8}"
              f"{'stock':>13}{'stock q':>9}{'×':>9}{'floor':>10}{'/floor':>8}")
    print(header)
    results = {}
    for name in names:
        ours = run_worker(name, "ours", ctx, database_url)
        stock = None if args.skip_stock else run_worker(name, "stock", ctx, database_url)
        floor = run_worker(name, "floor", ctx, database_url)
        small_ours = run_worker(name, "ours", {**small, "runs": 1}, args.compare) if small else None
        results[name] = {"ours": ours, "stock": stock, "floor": floor, "small": small_ours}
        if ours is None:
            print(f"{name:<22} failed")
            continue
        ratio = stock["median"] / ours["median"] if stock else None
        over_floor = ours["median"] / floor["median"] if floor and floor["median"] else None
        print(f"{name:<22}{fmt(ours['median']):>10}{fmt(ours['p95']):>10}{fmt(ours['db']):>10}{ours['queries']:>8}"
              f"{(small_ours or {}).get('queries', '—'):>8}"
              f"{fmt(stock['median'] if stock else None):>13}{(stock or {}).get('queries', '—'):>9}"
              f"{(f'{ratio:,.1f}' if ratio else '—'):>9}{fmt(floor['median'] if floor else None):>10}"
              f"{(f'{over_floor:,.2f}' if over_floor else '—'):>8}", flush=True)
    exported = results.get("export") or {}
    for side in ("ours", "stock"):
        figures = exported.get(side)
        if figures and "rows" in figures:
            print(f"export ({'streamed' if side == 'ours' else 'openpyxl normal mode'}): {figures['rows']:,} rows in "
                  f"{figures['median'] / 1000:.1f} s = {figures['rows_per_second']:,.0f} rows/s "
                  f"({figures['cpu_seconds']:.1f} s of CPU: {figures['rows_per_cpu_second']:,.0f} rows/CPU-second), "
                  f"peak memory "
                  f"{figures['peak_mb']:.0f} MB (before the export {figures['before_mb']:.0f} MB), "
                  f"{figures['queries']} queries")
    if args.json:
        Path(args.json).write_text(json.dumps({"context": ctx, "small": small, "results": results}, indent=1))


if __name__ == "__main__":
    main()
