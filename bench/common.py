"""What every bench shares: the line that says on what machine a figure was measured, a process's memory, and the
accounts the page benches log in as. Import after Django is set up (each bench's setup_django())."""

import os
import platform
from pathlib import Path


def machine():
    """CPU, memory, load, Python, Django and the database, in one line for the figures' heading."""
    import django
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1048576:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"SQLite {connection.Database.sqlite_version}"
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (f"{cpu}, {os.cpu_count()} CPUs{memory}{load}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, Django {django.get_version()}, {database} (same host)")


def memory_mb(field="VmHWM"):
    """This process's memory from /proc/self/status, in MB: VmHWM its peak (it belongs to this program's own
    memory map; ru_maxrss would also carry the peak of the process that forked it), VmRSS its present size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def bench_accounts():
    """(district, officer, branch): upper-union staff of the root node (the whole tree) and the officer of the
    branch with the most initiatives, made once per database."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from initiatives import access
    from initiatives.models import Branch, Federation

    User = get_user_model()
    district, _ = User.objects.get_or_create(username="bench_district", defaults={"is_staff": True})
    district.groups.add(Group.objects.get_or_create(name=access.DISTRICT_OFFICE)[0])
    Federation.current().officers.add(district)
    officer, _ = User.objects.get_or_create(username="bench_officer", defaults={"is_staff": True})
    branch = Branch.objects.filter(officers=officer).first()
    if branch is None:
        branch = Branch.objects.annotate(n=Count("initiatives")).order_by("-n", "pk").first()
        branch.officers.add(officer)
    return district, officer, branch
