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
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
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


def peak_mb():
    """The process's peak resident memory. VmHWM belongs to this program's own memory map; ru_maxrss would
    also carry the peak of the process that forked it (Linux keeps it across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- the worker: one export in a fresh process ------------------------------------------------------------


def worker(mode, rows, out_dir):
    setup_django()
    from django.contrib.auth import get_user_model

    from initiatives.models import Initiative, Programme
    from initiatives.reports import columns, exports, registry
    from initiatives.reports import workbook as wb

    district = get_user_model()(username="bench", is_superuser=True)
    programme = Programme.current()
    queryset = exports.initiatives_for_report(district, registry.ReportFilters(), programme)
    last_pk = queryset.order_by("pk").values_list("pk", flat=True)[rows - 1]
    queryset = queryset.filter(pk__lte=last_pk)
    list(exports.choice_labels())  # load the translations before measuring
    before = peak_mb()
    out = Path(out_dir) / f"export-bench-{mode}-{rows}.xlsx"
    cpu_started = cpu_seconds()
    started = time.perf_counter()
    if mode == "streamed":
        book = wb.OfficialWorkbook(wb.Issuer.district(exports.Federation.current()))
        result = book.add_table("List", title="List of initiatives", columns=columns.list_columns(),
                                rows=exports.initiative_rows(queryset), total_label="Total")
        book.save(out)
        written = result.rows
    else:
        written = naive_export(queryset, out)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    assert written == rows, (written, rows)
    print(json.dumps({"mode": mode, "rows": rows, "seconds": seconds, "cpu": cpu, "before_mb": before,
                      "peak_mb": peak_mb(),
                      "file_mb": out.stat().st_size / 1048576, "queryset_rows": Initiative.objects.count()}))


def naive_export(queryset, out):
    """The usual first attempt: every row loaded at once, then openpyxl's normal (in-memory) workbook."""
    from openpyxl import Workbook

    from initiatives.reports import columns, exports
    from initiatives.reports import workbook as wb

    fields = columns.list_columns()
    labels = exports.choice_labels()
    records = list(queryset.order_by(*exports.LIST_ORDER).values(*exports.LIST_FIELDS))
    authors = exports.authors_of(queryset.values("pk"))
    book = Workbook()
    ws = book.active
    ws.append([str(column.header) for column in fields])
    formats = {index: {wb.DATE: wb.DATE_FORMAT, wb.MONEY: wb.MONEY_FORMAT}.get(column.kind)
               for index, column in enumerate(fields, 1)}
    for number, record in enumerate(records, 1):
        ws.append(exports.initiative_row(number, record, authors.get(record["pk"], ()), labels))
        for index, number_format in formats.items():
            if number_format:
                ws.cell(row=number + 1, column=index).number_format = number_format
    book.save(out)
    return len(records)


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


def machine():
    from django.db import connection

    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django
    import openpyxl

    database = connection.vendor
    if database == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    return (f"{cpu}, {os.cpu_count()} CPUs; Python {platform.python_version()}, Django {django.get_version()}, "
            f"openpyxl {openpyxl.__version__}, {database}")


def main():
    args = parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.out)
        return
    setup_django()
    seed(max(args.rows), args)
    print(machine())
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
