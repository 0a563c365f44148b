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

Both print the resident memory (VmRSS of this process) sampled every half second, the rows per second, and the
peak. Not a test.
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


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    def __init__(self, interval=0.5):
        super().__init__(daemon=True)
        self.interval, self.samples, self.stop = interval, [], threading.Event()
        self.start_time = time.monotonic()

    def run(self):
        while not self.stop.is_set():
            self.samples.append((time.monotonic() - self.start_time, rss_mb()))
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
    from initiatives.reports import columns
    from initiatives.reports import workbook as wb

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

    from initiatives import background  # noqa: F401  (registers the job kinds)
    from jobs import runner
    from jobs.models import Job

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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["synthetic", "job"])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    print(json.dumps(synthetic(args.rows) if args.mode == "synthetic" else job(), ensure_ascii=False, indent=1))
