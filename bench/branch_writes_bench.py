#!/usr/bin/env python
"""Tally writes on two branches at once: do they wait for one another? (issue 14, item 7)

    createdb -h 127.0.0.1 -U postgres writes_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/writes_bench .venv/bin/python bench/branch_writes_bench.py

It migrates the database, adds two branches with initiatives and authors of their own (once), then measures:

1. writes/s: transactions that each move one initiative between "submitted" and "approved by the branch" (the
   tally triggers count the cells, the branch's row, its people), by one connection on one branch, then by two
   connections at once, each on its own branch;
2. a long write held open: one connection moves 200 initiatives of branch A in one transaction (an import's size)
   while the other keeps writing on branch B: how many of B's writes committed meanwhile, and the slowest.

With one lock for the whole portal, two connections give no more than one, and branch B stops while A's long
transaction is open. Needs only the ORM (Initiative, InitiativeAuthor, Member, Branch), so the same file measures
an older checkout too. Not a test; nothing is asserted.
"""

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(os.environ.get("PORTAL_ROOT", Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(ROOT))
CODE = "writes-bench-"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each writes/s run")
    parser.add_argument("--per-branch", type=int, default=300, help="initiatives of each branch")
    return parser.parse_args()


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (e.g. .../writes_bench).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def prepare(per_branch):
    from decimal import Decimal

    from django.db import transaction

    from initiatives.models import Branch, Federation, Initiative, InitiativeAuthor, Member, Programme, Status

    branches = list(Branch.objects.filter(code__startswith=CODE).order_by("code"))
    if len(branches) == 2:
        return branches
    programme = Programme.current()
    with transaction.atomic():
        owner = Federation.objects.order_by("pk").first()
        extra = {"federation": owner} if owner is not None and hasattr(Branch, "federation") else {}
        branches = [Branch.objects.create(name=f"CĐCS đo ghi {n}", code=f"{CODE}{n}", kind="education",
                                          member_count=60, **extra) for n in (1, 2)]
        for branch in branches:
            members = [Member.objects.create(full_name=f"Nguyễn Văn Đo {branch.pk}-{n}", branch=branch,
                                             position="Giáo viên") for n in range(40)]
            for n in range(per_branch):
                initiative = Initiative.objects.create(
                    programme=programme, branch=branch, title=f"Sáng kiến đo {branch.pk}-{n}",
                    category="operational", application_date=programme.window_start,
                    status=Status.SUBMITTED, economic_benefit_vnd=1_000_000, problem="Vấn đề", solution="Giải pháp",
                )
                for order, member in enumerate((members[n % 40], members[(n + 7) % 40])):
                    InitiativeAuthor.objects.create(initiative=initiative, member=member, order=order,
                                                    share_percent=Decimal(60 if order == 0 else 40))
                initiative.refresh_credit_and_search()
    return branches


def move(initiative_id, status):
    from django.db import transaction

    from initiatives.models import Initiative

    with transaction.atomic():
        Initiative.objects.filter(pk=initiative_id).update(status=status)


def writes_per_second(branches, seconds):
    """[writes/s of each connection], one connection per branch given, all for `seconds`."""
    from django.db import connection

    from initiatives.models import Initiative, Status

    results = [0] * len(branches)
    barrier = threading.Barrier(len(branches))

    def run(index, branch):
        ids = list(Initiative.objects.filter(branch=branch).order_by("pk").values_list("pk", flat=True))
        barrier.wait()
        done, flip, end = 0, 0, time.monotonic() + seconds
        while time.monotonic() < end:
            status = Status.BRANCH_APPROVED if flip % 2 == 0 else Status.SUBMITTED
            move(ids[done % len(ids)], status)
            done += 1
            if done % len(ids) == 0:
                flip += 1
        results[index] = done / seconds
        connection.close()

    threads = [threading.Thread(target=run, args=(i, b)) for i, b in enumerate(branches)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reset(branches)
    return results


def reset(branches):
    from initiatives.models import Initiative, Status

    Initiative.objects.filter(branch__in=branches).update(status=Status.SUBMITTED)


def long_write_beside(branches):
    """Branch A: 200 moves in one transaction. Branch B meanwhile: single moves. (A's duration, B's writes during
    it, B's slowest write in ms)."""
    from django.db import connection, transaction

    from initiatives.models import Initiative, Status

    a_ids = list(Initiative.objects.filter(branch=branches[0]).order_by("pk").values_list("pk", flat=True))[:200]
    b_ids = list(Initiative.objects.filter(branch=branches[1]).order_by("pk").values_list("pk", flat=True))
    started, finished = threading.Event(), threading.Event()
    a_time, b_times = [], []

    def long_one():
        t0 = time.monotonic()
        with transaction.atomic():
            Initiative.objects.filter(pk=a_ids[0]).update(status=Status.BRANCH_APPROVED)
            started.set()
            for pk in a_ids[1:]:
                Initiative.objects.filter(pk=pk).update(status=Status.BRANCH_APPROVED)
        a_time.append(time.monotonic() - t0)
        finished.set()
        connection.close()

    def short_ones():
        started.wait()
        n = 0
        while not finished.is_set():  # every write begun while A's transaction is open, the last one included
            t0 = time.monotonic()
            move(b_ids[n % len(b_ids)], Status.BRANCH_APPROVED if (n // len(b_ids)) % 2 == 0 else Status.SUBMITTED)
            b_times.append((time.monotonic() - t0, not finished.is_set()))
            n += 1
        connection.close()

    threads = [threading.Thread(target=long_one), threading.Thread(target=short_ones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reset(branches)
    during = [seconds for seconds, before_a_committed in b_times if before_a_committed]
    slowest = max(seconds for seconds, _ in b_times) if b_times else 0
    return a_time[0], len(during), slowest * 1000, statistics.median(during) * 1000 if during else 0


def main():
    args = parse_args()
    setup_django()
    from django.db import connection

    branches = prepare(args.per_branch)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"{platform.node()}: {os.cpu_count()} CPUs, PostgreSQL {version}, portal at {ROOT}")
    one = writes_per_second(branches[:1], args.seconds)
    two = writes_per_second(branches, args.seconds)
    print(f"writes/s, one connection on one branch: {one[0]:.0f}")
    print(f"writes/s, two connections on two branches: {sum(two):.0f} ({' + '.join(f'{w:.0f}' for w in two)})")
    duration, count, slowest, median = long_write_beside(branches)
    print(f"branch A's 200 moves in one transaction: {duration * 1000:.0f} ms; meanwhile branch B committed "
          f"{count} writes (median {median:.1f} ms); B's slowest write begun meanwhile: {slowest:.0f} ms")


if __name__ == "__main__":
    main()
