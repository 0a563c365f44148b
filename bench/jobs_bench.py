#!/usr/bin/env python
"""A background export measured: rows/s, the time until the page's first progress update, what the job's
bookkeeping costs, and the worker's resident memory all along (it must stay flat).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobs_bench .venv/bin/python bench/jobs_bench.py --rows 100000

It migrates the database and fills it with `manage.py seed_bulk` up to ROWS initiatives (a second run reuses
the data), then, in this process: (1) the list of initiatives written directly (`ReportKind.write`, as the
download view does), (2) the same report as a job (`jobs.runner.execute`, as a Celery worker or the web
process's thread runs it), while a second thread with a database connection of its own polls the job's row
every 50 ms, as the progress bar's JSON does, and samples the process's memory (VmRSS). Not a test.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402  (the machine line, memory, the bench accounts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--branches", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jobs_bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.models import Initiative
    from jobs import runner
    from jobs.models import Job
    from reporting import registry

    call_command("migrate", verbosity=0)
    if not Initiative.objects.exists():
        call_command("seed_demo", "--force", verbosity=0)
    missing = args.rows - Initiative.objects.count()
    if missing > 0:
        print(f"seeding {missing:,} initiatives…", flush=True)
        call_command("seed_bulk", initiatives=missing, branches=args.branches, members=max(1000, missing // 2))
    User = get_user_model()
    owner, _ = User.objects.get_or_create(username="jobs_bench", defaults={"is_superuser": True, "is_staff": True})
    report = registry.get("initiatives")
    filters = registry.ReportFilters()

    # (1) directly
    started = time.perf_counter()
    with open("/tmp/jobs_bench_direct.xlsx", "wb") as handle:
        rows = report.write(handle, user=owner, filters=filters)
    direct = time.perf_counter() - started
    now_mb = common.memory_mb("VmRSS")
    print(f"direct write: {rows:,} rows in {direct:.1f} s = {rows / direct:,.0f} rows/s; memory now {now_mb:.0f} MB")

    # (2) as a job, watched
    job = Job.objects.create(owner=owner, kind="report", title="bench", params={"report": "initiatives"})
    samples, first_progress, stop = [], [], threading.Event()

    def watch(start):
        from django.db import connection as own

        while not stop.is_set():
            done = Job.objects.filter(pk=job.pk).values_list("done", flat=True).first()
            samples.append((time.perf_counter() - start, done, common.memory_mb("VmRSS")))
            if done and not first_progress:
                first_progress.append(time.perf_counter() - start)
            time.sleep(0.05)
        own.close()

    baseline = common.memory_mb("VmRSS")
    started = time.perf_counter()
    watcher = threading.Thread(target=watch, args=(started,))
    watcher.start()
    with CaptureQueriesContext(connection) as queries:
        finished = runner.execute(job.pk)
    elapsed = time.perf_counter() - started
    stop.set()
    watcher.join()
    bookkeeping = [q for q in queries.captured_queries if "jobs_job" in q["sql"]]
    memory = [mb for _, _, mb in samples]
    print(f"as a job:     {finished.done:,} rows in {elapsed:.1f} s = {finished.done / elapsed:,.0f} rows/s "
          f"(state {finished.state}; {elapsed - direct:+.1f} s against the direct write)")
    print(f"first progress visible to a poller after {first_progress[0]:.2f} s" if first_progress else
          "no progress seen before the end")
    print(f"job bookkeeping: {len(bookkeeping)} queries on jobs_job "
          f"({sum(float(q['time']) for q in bookkeeping) * 1000:.0f} ms in all); file stored as {finished.file.name}")
    print(f"memory: {baseline:.0f} MB before; during the job min {min(memory):.0f} / median "
          f"{statistics.median(memory):.0f} / max {max(memory):.0f} MB over {len(memory)} samples")
    for fraction in (0.1, 0.25, 0.5, 0.75, 0.9):
        at = next(((t, done, mb) for t, done, mb in samples if done and done >= fraction * finished.done), None)
        if at:
            print(f"  {fraction:>4.0%} of the rows at {at[0]:5.1f} s: {at[2]:.0f} MB")
    finished.file.delete(save=False)
    finished.delete()


if __name__ == "__main__":
    main()
