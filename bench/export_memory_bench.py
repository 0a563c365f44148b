#!/usr/bin/env python
"""A worker's memory and speed while it writes a very large export (issue 15: "a worker's memory during a
1,000,000-row export, which must stay flat"), sampled over time.

    .venv/bin/python bench/export_memory_bench.py synthetic --rows 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h6_publicapi .venv/bin/python bench/export_memory_bench.py job

- `synthetic`: the report writer (`reports/workbook.py`, XlsxWriter constant_memory) fed `--rows` rows shaped like
  the list of initiatives (its 21 columns, titles of 20 to 160 characters so row heights vary, dates, amounts),
  with no database: what the writer itself costs as the rows go by.
- `job`: the list of initiatives of the database named by DATABASE_URL (fill it with `manage.py seed_bulk`), run as
  a background job exactly as a worker runs it (`jobs.runner.execute`), owned by a superuser; a second thread
  watches the job's row as the page's poll would and notes when the first progress reaches it.
- `worker`: the same list through the whole job path: a real Celery worker (`celery -A vinhlinh_portal.celery:app
  worker --concurrency 1`, prefork) on Redis (CELERY_BROKER_URL, default redis://127.0.0.1:6379/7) and a queue of
  its own, the job started with `jobs.runner.start` as the page starts it; this process samples the resident
  memory of the worker's pool process (the one that runs the job) and polls the job's row as the page does.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hC_bench .venv/bin/python bench/export_memory_bench.py worker

All print the resident memory (VmRSS) sampled every half second, the rows per second, and the peak. Not a test.
"""

import argparse
import datetime
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402  (the machine line, memory, the bench accounts)


class Sampler(threading.Thread):
    def __init__(self, interval=0.5):
        super().__init__(daemon=True)
        self.interval, self.samples, self.stop = interval, [], threading.Event()
        self.start_time = time.monotonic()

    def run(self):
        while not self.stop.is_set():
            self.samples.append((time.monotonic() - self.start_time, common.memory_mb("VmRSS")))
            time.sleep(self.interval)


def summary(sampler, rows, seconds, cpu):
    samples = sampler.samples
    tenth = max(len(samples) // 10, 1)
    timeline = [(round(t, 1), round(mb, 1)) for t, mb in samples[::tenth]]
    return {"rows": rows, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "rows_per_second": round(rows / seconds), "rows_per_cpu_second": round(rows / cpu),
            "rss_first_mb": round(samples[0][1], 1) if samples else None,
            "rss_peak_mb": round(max(mb for _t, mb in samples), 1) if samples else None,
            "rss_last_mb": round(samples[-1][1], 1) if samples else None,
            "timeline_s_mb": timeline}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


TITLE_WORDS = ("cải tiến quy trình tiếp nhận hồ sơ một cửa liên thông phần mềm dùng chung giảng dạy trực tuyến "
               "tiết kiệm điện năng nâng cao chất lượng khám chữa bệnh tại trạm y tế xã ứng dụng công nghệ").split()


def synthetic(rows):
    setup_django()
    from reporting import columns
    from reporting import workbook as wb

    random.seed(2021)
    cols = columns.list_columns()

    def generate():
        day = datetime.date(2022, 3, 1)
        for number in range(1, rows + 1):
            title = "Sáng kiến " + " ".join(random.choices(TITLE_WORDS, k=random.randint(3, 30)))
            yield [number, title, "Nguyễn Văn An (60%)", "CĐCS Trường THPT Vĩnh Linh", "Giải pháp kỹ thuật",
                   f"{number}/QĐ", day, day, random.randint(0, 50) * 1_000_000, "Giảm thời gian chờ.",
                   "Đã gửi LĐLĐ tỉnh", day, "Lê Thị Bình (40%)", "Giáo dục", "", "", "", "", "", None, ""]

    book = wb.OfficialWorkbook(wb.Issuer("LĐLĐ TỈNH", "LĐLĐ HUYỆN", "Số: /BC", "TM.", "CHỦ TỊCH", "A", "Vĩnh Linh"))
    sampler = Sampler()
    sampler.start()
    started, cpu = time.monotonic(), time.process_time()
    book.add_table("Danh sách", title="Danh sách", columns=cols, rows=generate(), total_label="Tổng cộng")
    with open("/tmp/export_memory_bench.xlsx", "wb") as handle:
        book.save(handle)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    sampler.stop.set()
    sampler.join()
    result = summary(sampler, rows, seconds, cpu)
    result["file_mb"] = round(os.path.getsize("/tmp/export_memory_bench.xlsx") / 1e6, 1)
    return result


def job():
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from jobs import runner
    from jobs.models import Job
    from reporting import background  # noqa: F401  (registers the job kinds)

    owner, _created = get_user_model().objects.get_or_create(username="bench-export", defaults={"is_superuser": True})
    record = Job.objects.create(owner=owner, kind="report", title="bench", params={"report": "initiatives"})
    first_progress = {}

    def watch():  # what the page's poll sees, on a connection of its own
        while "at" not in first_progress:
            done = Job.objects.filter(pk=record.pk).values_list("done", flat=True).first()
            if done:
                first_progress.update(at=time.monotonic() - started, done=done)
            time.sleep(0.1)
        connection.close()

    sampler = Sampler()
    sampler.start()
    started, cpu = time.monotonic(), time.process_time()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    finished = runner.execute(record.pk)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    sampler.stop.set()
    sampler.join()
    first_progress.setdefault("at", None)
    result = summary(sampler, finished.done, seconds, cpu)
    result.update(state=finished.state, message=finished.message,
                  first_progress_seconds=round(first_progress["at"], 2) if first_progress["at"] else None,
                  first_progress_rows=first_progress.get("done"))
    finished.file.delete(save=False)
    finished.delete()
    return result


def _rss_of(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_seconds_of(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _children(pid):
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def worker():
    import signal
    import subprocess
    import uuid

    queue = f"bench-export-{uuid.uuid4().hex[:8]}"
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/7")
    os.environ.pop("REDIS_URL", None)  # the cache stays this process's own; only the broker is Redis
    os.environ["CELERY_QUEUE"] = queue
    setup_django()
    from django.contrib.auth import get_user_model

    from jobs.models import Job
    from reporting import background

    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "vinhlinh_portal.celery:app", "worker", "--pool=prefork",
         "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=ROOT, env={**os.environ, "DEBUG": "0"}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not _children(process.pid):
            assert time.monotonic() < deadline and process.poll() is None, "the worker did not start"
            time.sleep(0.2)
        pool = _children(process.pid)[0]
        time.sleep(2)  # the pool process settles (Django set up in the parent, forked)
        owner, _created = get_user_model().objects.get_or_create(
            username="bench-export", defaults={"is_superuser": True})
        from reporting import registry as report_registry

        idle_rss = _rss_of(pool)
        cpu_before = _cpu_seconds_of(pool)
        started = time.monotonic()
        record = background.start_export(owner, report_registry.get("initiatives"), {})
        samples, first_progress, done = [], None, 0
        while True:
            row = Job.objects.filter(pk=record.pk).values("state", "done", "total").get()
            now = time.monotonic() - started
            samples.append((now, _rss_of(pool), row["done"]))
            if first_progress is None and row["done"]:
                first_progress = (now, row["done"])
            if row["state"] in (Job.State.DONE, Job.State.FAILED):
                break
            time.sleep(0.5)
        seconds = time.monotonic() - started
        cpu = _cpu_seconds_of(pool) - cpu_before
        finished = Job.objects.get(pk=record.pk)
        done = finished.done
        run_seconds = (finished.finished_at - finished.started_at).total_seconds()
        file_mb = round(finished.file.size / 1e6, 1) if finished.file else None
        rss = [mb for _t, mb, _d in samples if mb is not None]
        tenth = max(len(samples) // 20, 1)
        result = {
            "rows": done, "total": finished.total, "state": finished.state, "message": finished.message,
            "seconds_from_start_click": round(seconds, 1), "seconds_claim_to_finish": round(run_seconds, 1),
            "rows_per_second": round(done / run_seconds) if run_seconds else None,
            "worker_cpu_seconds": round(cpu, 1), "rows_per_cpu_second": round(done / cpu) if cpu else None,
            "first_progress_seconds": round(first_progress[0], 2) if first_progress else None,
            "first_progress_rows": first_progress[1] if first_progress else None,
            "pool_rss_idle_mb": round(idle_rss, 1), "pool_rss_peak_mb": round(max(rss), 1),
            "pool_rss_last_mb": round(rss[-1], 1), "samples": len(samples), "file_mb": file_mb,
            "timeline": " ".join(f"{t:.0f}s:{mb:.1f}MB:{d}rows" for t, mb, d in samples[::tenth] if mb),
        }
        if finished.file:
            finished.file.delete(save=False)
        finished.delete()
        return result
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["synthetic", "job", "worker"])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    run = {"synthetic": lambda: synthetic(args.rows), "job": job, "worker": worker}[args.mode]
    print(json.dumps(run(), ensure_ascii=False, indent=1))
