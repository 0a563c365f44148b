"""The province tree that the target and node-dashboard tests share: the province federation running the 2026
programme, a commune union and an industrial-zone union under it, and the branches and officers a test asks for.

    LĐLĐ tỉnh (programme 2026: 50 + 70 = 120) ─┬─ Công đoàn xã Vĩnh Hoàng ─┬─ school
                                               │                          └─ clinic
                                               ├─ Công đoàn KCN Quán Ngang ── factory
                                               └─ office (a branch directly under the province)
"""

import datetime

from initiatives.models import Programme, ProgrammePeriod, Status
from tests import factories

# The branches a tree may hold: name, the body it is under, its member count.
BRANCHES = {
    "school": ("CĐCS Trường Tiểu học Vĩnh Hoàng", "commune", 40),
    "clinic": ("CĐCS Trạm Y tế Vĩnh Hoàng", "commune", 12),
    "factory": ("CĐCS Công ty May Quán Ngang", "zone", 200),
    "office": ("CĐCS Văn phòng LĐLĐ tỉnh", "province", 20),
}
# The upper-union officers a tree may hold: the body each one is an officer of.
OFFICERS = {"tinh": "province", "xa": "commune", "kcn": "zone"}


def province_tree(branches, officers=("tinh", "xa"), *, usernames=None):
    """The tree with the `branches` asked for (keys of BRANCHES, made in that order) and the `officers` (keys of
    OFFICERS; each account is named by its key unless `usernames` maps the key to another name). Returns the rows
    by key: province, commune, zone, programme, periods ([round 1, round 2]), and each branch and officer."""
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Vĩnh Hoàng")
    zone = factories.node(province, "Công đoàn Khu công nghiệp Quán Ngang")
    programme = Programme.objects.create(
        name="Chương trình thi đua 2026", window_start=datetime.date(2026, 1, 1),
        window_end=datetime.date(2026, 12, 31), research_applied_from=datetime.date(2026, 1, 1), total_target=120,
        participation_target_rate="0.100", is_current=True, federation=province)
    first = ProgrammePeriod.objects.create(programme=programme, number=1, start=datetime.date(2026, 1, 1),
                                           end=datetime.date(2026, 6, 30), target=50)
    second = ProgrammePeriod.objects.create(programme=programme, number=2, start=datetime.date(2026, 7, 1),
                                            end=datetime.date(2026, 12, 31), target=70)
    tree = {"province": province, "commune": commune, "zone": zone, "programme": programme,
            "periods": [first, second]}
    for key in branches:
        name, body, member_count = BRANCHES[key]
        tree[key] = factories.branch(name, federation=tree[body], member_count=member_count)
    for key in officers:
        tree[key] = factories.district_user((usernames or {}).get(key, key), of_node=tree[OFFICERS[key]])
    return tree


def sent(branch, programme, on):
    """An initiative of `branch` in `programme` (applied on 1/2/2026, recognised on 1/3/2026), sent to the province
    on the date `on`."""
    record = factories.initiative(branch, status=Status.SENT_TO_PROVINCE, application_date=datetime.date(2026, 2, 1),
                                  recognition_date=datetime.date(2026, 3, 1))
    type(record).objects.filter(pk=record.pk).update(programme=programme, sent_to_province_date=on)
    return record
