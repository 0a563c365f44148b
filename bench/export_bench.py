#!/usr/bin/env python
"""Time and peak memory of the Excel list of initiatives at 10,000 and 100,000 rows: streamed (the portal's
way: rows from `.iterator(chunk_size=…)` with select_related and a prefetch per chunk, into openpyxl's
write-only mode) beside the naive way (the whole queryset loaded, then openpyxl's normal mode).

    DATABASE_URL=sqlite:////tmp/export_bench.sqlite3 .venv/bin/python bench/export_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports .venv/bin/python bench/export_bench.py --rows 10000 100000

It migrates the database and fills it with `manage.py seed_bulk` once (a second run reuses the data), then runs
each export in a fresh Python process (three times; the median is shown) and prints its wall and CPU time, the
process's peak resident memory (VmHWM), and the growth of that peak over the process's memory just before
the export. Not a test.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402  (the machine line, memory, the bench accounts)

DEFAULT_DATABASE = "sqlite:////tmp/export_bench.sqlite3"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--modes", nargs="+", default=["streamed", "naive"], choices=["streamed", "naive"])
    parser.add_argument("--branches", type=int, default=300)
    parser.add_argument("--members", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each export; the median time is shown")
    parser.add_argument("--out", default="/tmp", help="folder for the workbooks written")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "ROWS"), help=argparse.SUPPRESS)
    return parser.parse_args()


def setup_django():
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"  # no query log kept in memory
    import django

    django.setup()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- the worker: one export in a fresh process ------------------------------------------------------------


def worker(mode, rows, out_dir):
    setup_django()
    from django.contrib.auth import get_user_model

    from bench import stock
    from initiatives.models import Federation, Initiative, Programme
    from reporting import columns, exports, registry
    from reporting import workbook as wb

    district = get_user_model()(username="bench", is_superuser=True)
    programme = Programme.current()
    queryset = exports.initiatives_for_report(district, registry.ReportFilters(), programme)
    last_pk = queryset.order_by("pk").values_list("pk", flat=True)[rows - 1]
    queryset = queryset.filter(pk__lte=last_pk)
    list(exports.choice_labels())  # load the translations before measuring
    before = common.memory_mb()
    out = Path(out_dir) / f"export-bench-{mode}-{rows}.xlsx"
    cpu_started = cpu_seconds()
    started = time.perf_counter()
    if mode == "streamed":
        book = wb.OfficialWorkbook(wb.Issuer.district(Federation.current()))
        result = book.add_table("List", title="List of initiatives", columns=columns.list_columns(),
                                rows=exports.initiative_rows(queryset), total_label="Total")
        book.save(out)
        written = result.rows
    else:
        written = stock.normal_mode_export(queryset, out)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    assert written == rows, (written, rows)
    print(json.dumps({"mode": mode, "rows": rows, "seconds": seconds, "cpu": cpu, "before_mb": before,
                      "peak_mb": common.memory_mb(),
                      "file_mb": out.stat().st_size / 1048576, "queryset_rows": Initiative.objects.count()}))


# -- the driver -------------------------------------------------------------------------------------------


def seed(rows, args):
    from django.core.management import call_command

    from initiatives.models import Initiative

    call_command("migrate", verbosity=0)
    have = Initiative.objects.exclude(status="draft").count()
    if have >= rows:
        print(f"Reusing the data in place: {have} initiatives beyond draft.")
        return
    # seed_bulk leaves some initiatives as drafts, which the list leaves out: ask for a margin.
    wanted = int((rows - have) * 1.15) + 100
    started = time.perf_counter()
    call_command("seed_bulk", initiatives=wanted, branches=args.branches, members=args.members)
    print(f"Seeded {wanted} initiatives in {time.perf_counter() - started:.0f} s.")


def main():
    args = parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.out)
        return
    setup_django()
    seed(max(args.rows), args)
    print(common.machine())
    print(f"{'mode':<10}{'rows':>9}{'wall (s)':>10}{'CPU (s)':>9}{'peak (MB)':>11}{'growth (MB)':>13}"
          f"{'file (MB)':>11}")
    for rows in args.rows:
        for mode in args.modes:
            runs = [run_worker(mode, rows, args.out) for _ in range(args.repeat)]
            wall = statistics.median(run["seconds"] for run in runs)
            cpu = statistics.median(run["cpu"] for run in runs)
            peak = max(run["peak_mb"] for run in runs)
            growth = max(run["peak_mb"] - run["before_mb"] for run in runs)
            print(f"{mode:<10}{rows:>9,}{wall:>10.1f}{cpu:>9.1f}{peak:>11.0f}{growth:>13.0f}"
                  f"{runs[0]['file_mb']:>11.1f}")


def run_worker(mode, rows, out):
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(rows), "--out", out],
        capture_output=True, text=True, env=os.environ.copy(), check=False,
    )
    if completed.returncode != 0:
        print(completed.stderr[-2000:])
        sys.exit(f"{mode} export of {rows} rows failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
