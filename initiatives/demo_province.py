"""`seed_demo --province`: the union as it is in 2026, beside the Vĩnh Linh demo (which it leaves as it is, but for
the three branches that moved on 01/07/2025).

LĐLĐ tỉnh Quảng Trị (province) ─┬─ Công đoàn xã Cửa Tùng ── 3 CĐCS moved from Vĩnh Linh on 01/07/2025, 1 new
                                 ├─ Công đoàn phường Đông Hà ── 3 CĐCS
                                 ├─ Công đoàn xã Gio Linh ── 2 CĐCS
                                 └─ Công đoàn các Khu kinh tế tỉnh (industrial zones) ── 3 CĐCS
The 2026 programme (rounds 01/01–30/06 and 01/07–31/12) is the province's; the province gives each union its
targets for the two rounds, and Công đoàn xã Cửa Tùng gives its branches theirs. Công đoàn xã Cửa Tùng runs its own
programme beside it (01/07/2025–31/12/2026), so its branches have two programmes open and their members choose where
an initiative counts. Accounts: `tinh` (province officer), `xa` (officer of Công đoàn xã Cửa Tùng), `canbo.cuatung`
(officer of a branch under it), `doanvien.cuatung` (a member of that branch). Running it again adds nothing twice."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from . import access, targets, workflow
from .demo_accounts import demo_account
from .models import (
    Branch,
    Category,
    Federation,
    Initiative,
    InitiativeAuthor,
    Member,
    Programme,
    ProgrammePeriod,
    RecognitionBody,
    Reorganisation,
)

JULY_1_2025 = datetime.date(2025, 7, 1)
REASON = ("Kết luận 157-KL/TW và Hướng dẫn 4173/TLĐ-ToC ngày 28/05/2025: kết thúc hoạt động công đoàn cấp huyện; "
          "CĐCS chuyển về công đoàn xã, phường, khu kinh tế")
PROVINCE = {"name": "Liên đoàn Lao động tỉnh Quảng Trị", "short_name": "LĐLĐ tỉnh Quảng Trị",
            "parent_name": "Tổng Liên đoàn Lao động Việt Nam", "place_name": "Quảng Trị", "chair_title": "Chủ tịch",
            "chair_name": "Trần Thị Thu Hương"}
NODES = [
    ("Công đoàn xã Cửa Tùng", "CĐ xã Cửa Tùng", "Cửa Tùng", "Nguyễn Văn Tùng"),
    ("Công đoàn phường Đông Hà", "CĐ phường Đông Hà", "Đông Hà", "Lê Thị Hà"),
    ("Công đoàn xã Gio Linh", "CĐ xã Gio Linh", "Gio Linh", "Phan Văn Linh"),
    ("Công đoàn các Khu kinh tế tỉnh Quảng Trị", "CĐ các KKT tỉnh", "Đông Hà", "Hoàng Minh Quân"),
]
# Targets the province gives its unions for the 2026 rounds (they add up to the programme's 25 + 35), and those
# Công đoàn xã Cửa Tùng gives its branches (adding up to its own 6 + 9): {node index or branch code: (round 1,
# round 2)}.
NODE_TARGETS = {0: (6, 9), 1: (7, 10), 2: (4, 6), 3: (8, 10)}
CUA_TUNG_TARGETS = {"tt-cua-tung": (2, 3), "xa-vinh-thach": (2, 3), "th-vinh-thach": (1, 2), "mn-cua-tung": (1, 1)}
MOVED = ["tt-cua-tung", "xa-vinh-thach", "th-vinh-thach"]  # from Vĩnh Linh to Công đoàn xã Cửa Tùng
NEW_BRANCHES = [  # (node index, code, name, kind, members)
    (0, "mn-cua-tung", "CĐCS Trường Mầm non Cửa Tùng", "education", 24),
    (1, "thpt-le-quy-don", "CĐCS Trường THPT chuyên Lê Quý Đôn", "education", 78),
    (1, "bvdk-tinh", "CĐCS Bệnh viện Đa khoa tỉnh Quảng Trị", "health", 540),
    (1, "so-gddt", "CĐCS Sở Giáo dục và Đào tạo", "administrative", 64),
    (2, "thcs-gio-linh", "CĐCS Trường THCS Gio Linh", "education", 41),
    (2, "tyt-gio-linh", "CĐCS Trạm Y tế xã Gio Linh", "health", 14),
    (3, "may-quang-tri", "CĐCS Công ty TNHH May Quảng Trị", "enterprise", 820),
    (3, "go-quang-tri", "CĐCS Công ty CP Gỗ Quảng Trị", "enterprise", 260),
    (3, "dien-gio-huong-linh", "CĐCS Công ty CP Điện gió Hướng Linh", "enterprise", 45),
]
TITLES = [
    ("Số hóa hồ sơ học sinh bằng mã QR", Category.OPERATIONAL, "Giáo dục"),
    ("Cải tiến gá kẹp giảm lỗi đường may", Category.TECHNICAL, "Dệt may"),
    ("Quy trình tiếp nhận bệnh nhân qua tin nhắn Zalo", Category.MANAGEMENT, "Y tế"),
    ("Sấy gỗ bằng nhiệt thừa của lò hơi", Category.TECHNOLOGY_APPLICATION, "Chế biến gỗ"),
    ("Sổ tay công đoàn viên điện tử", Category.UNION_WORK, "Công đoàn"),
]


def _node(parent, name, short_name, place_name, chair_name):
    existing = Federation.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    fields = {"name": name, "short_name": short_name, "place_name": place_name, "chair_title": "Chủ tịch",
              "chair_name": chair_name}
    return Federation.objects.add_child(Federation.objects.get(pk=parent.pk), fields), True


@transaction.atomic
def seed_province(*, password, admin_user):
    province = Federation.objects.filter(name=PROVINCE["name"], depth=1).first()
    if province is None:
        province = Federation.objects.add_root(PROVINCE)
    nodes = []
    for name, short_name, place_name, chair_name in NODES:
        node, created = _node(province, name, short_name, place_name, chair_name)
        if created:
            Reorganisation.objects.create(kind=Reorganisation.Kind.CREATE_NODE, effective_on=JULY_1_2025,
                                          node=node, to_node=province, new_name=node.name, reason=REASON,
                                          made_by=admin_user)
        nodes.append(node)
    tinh = demo_account("tinh", password=password, first_name="Hương", last_name="Trần Thị Thu")
    province.officers.add(tinh)
    xa = demo_account("xa", password=password, first_name="Tùng", last_name="Nguyễn Văn")
    nodes[0].officers.add(xa)

    for code in MOVED:
        branch = Branch.objects.filter(code=code).first()
        if branch is None or branch.federation_id == nodes[0].pk:
            continue
        Reorganisation.objects.create(kind=Reorganisation.Kind.MOVE_BRANCH, effective_on=JULY_1_2025,
                                      branch=branch, from_node_id=branch.federation_id, to_node=nodes[0],
                                      reason=REASON, made_by=admin_user)
        Branch.objects.filter(pk=branch.pk).update(federation=nodes[0])

    programme = Programme.objects.filter(federation=province, window_start=datetime.date(2026, 1, 1)).first()
    if programme is None:
        programme = Programme.objects.create(
            name="Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2026 (Kế hoạch 237/KH-TLĐ)",
            window_start=datetime.date(2026, 1, 1), window_end=datetime.date(2026, 12, 31),
            research_applied_from=datetime.date(2026, 1, 1), total_target=60,
            participation_target_rate=Decimal("0.100"), exemplar_first_year=2026, exemplar_last_year=2027,
            is_current=True, federation=province)
        ProgrammePeriod.objects.create(programme=programme, number=1, start=datetime.date(2026, 1, 1),
                                       end=datetime.date(2026, 6, 30), target=25)
        ProgrammePeriod.objects.create(programme=programme, number=2, start=datetime.date(2026, 7, 1),
                                       end=datetime.date(2026, 12, 31), target=35)

    _commune_programme(nodes[0])
    for index, (node_index, code, name, kind, members) in enumerate(NEW_BRANCHES):
        branch, created = Branch.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "member_count": members,
                                 "federation": nodes[node_index]})
        officer = demo_account("canbo.cuatung" if code == "mn-cua-tung" else f"cb.{code}",
                        password=password if code == "mn-cua-tung" else None,
                        first_name="Cán bộ", last_name=name[:30])
        branch.officers.add(officer)
        if created:
            _initiatives(branch, programme, officer, tinh, index)
    _give_targets(province, nodes, programme, admin_user)
    _member(password)
    return province


def _give_targets(province, nodes, programme, acting_user):
    """The province's targets to its unions and Cửa Tùng's to its branches, each given once (a body's later changes
    are left as they are)."""
    periods = list(programme.periods.order_by("number"))
    branches = {b.code: b for b in Branch.objects.filter(code__in=CUA_TUNG_TARGETS, federation=nodes[0])}
    givings = [
        (province, [(nodes[index], rounds) for index, rounds in NODE_TARGETS.items()]),
        (nodes[0], [(branches[code], rounds) for code, rounds in CUA_TUNG_TARGETS.items() if code in branches]),
    ]
    for giver, children in givings:
        if targets.given_by(giver, programme):
            continue
        targets.do_give_targets(giver=giver, programme=programme, acting_user=acting_user, rows=[
            targets.Given(child=child, periods=dict(zip(periods, rounds, strict=True)), total=sum(rounds),
                          participation_rate=Decimal("0.100"))
            for child, rounds in children])


def _commune_programme(commune):
    """The commune union's own programme, open beside the province's for the branches under it (started earlier,
    so the province's stays the one its dashboards show first)."""
    if Programme.objects.filter(federation=commune).exists():
        return
    programme = Programme.objects.create(
        name="Phong trào “Sáng kiến vì đoàn viên” của Công đoàn xã Cửa Tùng (07/2025–12/2026)",
        window_start=datetime.date(2025, 7, 1), window_end=datetime.date(2026, 12, 31),
        research_applied_from=datetime.date(2025, 7, 1), total_target=8, participation_target_rate=Decimal("0.150"),
        exemplar_first_year=2025, exemplar_last_year=2026, is_current=True, federation=commune)
    ProgrammePeriod.objects.create(programme=programme, number=1, start=datetime.date(2025, 7, 1),
                                   end=datetime.date(2026, 12, 31), target=8)


def _member(password):
    """`doanvien.cuatung`: a member of CĐCS Trường Mầm non Cửa Tùng, where two programmes are open."""
    user = demo_account("doanvien.cuatung", password=password, first_name="Trang", last_name="Lê Thị Thu")
    user.groups.add(Group.objects.get_or_create(name=access.MEMBER)[0])
    if not Member.objects.filter(user=user).exists():
        Member.objects.create(full_name="Lê Thị Thu Trang", branch=Branch.objects.get(code="mn-cua-tung"),
                              position="Giáo viên mầm non", date_of_birth=datetime.date(1992, 5, 19), user=user,
                              email=user.email)


def _initiatives(branch, programme, officer, tinh, index):
    """Two initiatives per branch in 2026: one sent to the province in round 1, one waiting at the branch."""
    author = Member.objects.create(full_name=f"Võ Thị Demo {branch.code}", branch=branch, position="Tổ trưởng",
                                   date_of_birth=datetime.date(1985, 1 + index % 12, 1 + index))
    for number, (title, category, field) in enumerate(TITLES[index % 3: index % 3 + 2]):
        applied = datetime.date(2026, 1 + number * 4 + index % 3, 5)
        initiative = Initiative.objects.create(
            programme=programme, branch=branch, title=f"{title} tại {branch.name.removeprefix('CĐCS ')}",
            category=category, field_of_work=field, problem="Cách làm cũ tốn thời gian.",
            solution="Tổ chức lại cách làm.", application_summary="Đã áp dụng tại đơn vị.",
            application_date=applied, application_place=branch.name.removeprefix("CĐCS "),
            recognition_body=RecognitionBody.HEAD, recognition_decision_no=f"{5 + number}/QĐ-{branch.code[:6]}",
            recognition_date=applied + datetime.timedelta(days=20), social_benefit="Giảm thời gian, nâng chất lượng.",
            economic_benefit_vnd=15_000_000 * (number + 1), entered_by=officer)
        InitiativeAuthor.objects.create(initiative=initiative, member=author, share_percent=Decimal(100), order=0)
        initiative.refresh_credit_and_search()
        workflow.apply(initiative, "submit", officer)
        if number == 0:
            workflow.apply(initiative, "approve", officer, novelty_confirmed=True, lawful_confirmed=True)
            workflow.apply(initiative, "verify", tinh)
            workflow.apply(initiative, "send", tinh, sent_date=applied + datetime.timedelta(days=45))
