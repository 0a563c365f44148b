"""Accounts for the load test, one per simulated user (so no two share a session or a lock-out counter): members
with their roster entry and officers, spread over the first demo branches (each officer reviews their own
branch, as in the district), and district office staff. Writes them, with each member's roster id and branch, to
the JSON file the locustfile reads.

    DATABASE_URL=... .venv/bin/python bench/load/prepare.py OUT.json [--branches 5 --members 30 --officers 10]
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "VinhLinh@2021"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--branches", type=int, default=5)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--district", type=int, default=15)
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from initiatives import access
    from initiatives.demo_data import BRANCHES
    from initiatives.models import Branch, Federation, Member

    User = get_user_model()
    hashed = make_password(PASSWORD)  # hashed once: thirty Argon2 hashes would only slow the set-up
    branches = [Branch.objects.get(code=code) for code, *_rest in BRANCHES[: options.branches]]
    accounts = {"members": [], "officers": [], "district": [], "password": PASSWORD}
    with transaction.atomic():
        member_group = Group.objects.get_or_create(name=access.MEMBER)[0]
        district_group = Group.objects.get_or_create(name=access.DISTRICT_OFFICE)[0]
        for n in range(options.members):
            branch = branches[n % len(branches)]
            user, _ = User.objects.get_or_create(username=f"load.member{n}", defaults={
                "password": hashed, "email": f"load.member{n}@example.vn"})
            user.groups.add(member_group)
            member, _ = Member.objects.get_or_create(user=user, defaults={
                "branch": branch, "full_name": f"Nguyễn Văn Tải {n}", "position": "Giáo viên",
                "email": user.email})
            accounts["members"].append({"username": user.username, "member": member.pk, "branch": branch.pk})
        for n in range(options.officers):
            branch = branches[n % len(branches)]
            user, _ = User.objects.get_or_create(username=f"load.officer{n}", defaults={
                "password": hashed, "email": f"load.officer{n}@example.vn"})
            branch.officers.add(user)  # the portal's signal gives the role
            accounts["officers"].append({"username": user.username})
        for n in range(options.district):
            user, _ = User.objects.get_or_create(username=f"load.district{n}", defaults={
                "password": hashed, "email": f"load.district{n}@example.vn", "is_staff": True})
            user.groups.add(district_group)
            Federation.current().officers.add(user)  # upper-union staff of the root node: the whole tree
            accounts["district"].append({"username": user.username})
    Path(options.out).write_text(json.dumps(accounts, indent=1))
    print(f"{sum(len(v) for v in accounts.values() if isinstance(v, list))} load accounts in {options.out}")


if __name__ == "__main__":
    main()
