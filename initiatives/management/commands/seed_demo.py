"""Builds a believable Vĩnh Linh federation with demo accounts. Running it again adds nothing twice."""

import datetime
import logging
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from initiatives import access, demo_data, demo_province, pledges, workflow
from initiatives.demo_accounts import demo_account
from initiatives.models import (
    ApplicationKind,
    Branch,
    Category,
    EmulationCluster,
    Federation,
    Initiative,
    InitiativeAuthor,
    Member,
    Programme,
    RecognitionBody,
    ResearchLevel,
    Status,
)

DEMO_PASSWORD = "VinhLinh@2021"
DEMO_BRANCH = "thpt-vinh-linh"

# The path each demo initiative takes, in order; the seed cycles through them.
PATHS = [
    [],
    ["submit"],
    ["submit", "approve"],
    ["submit", "approve", "verify"],
    ["submit", "approve", "verify", "send"],
    ["submit", "approve", "verify", "send"],
    ["submit", "return"],
    ["submit", "reject"],
    ["submit", "approve", "verify", "send"],
]


class Command(BaseCommand):
    help = "Create the demo federation, branches, members, initiatives and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Create the demo accounts even when DEBUG is off.")
        parser.add_argument("--province", action="store_true",
                            help="Also add the 2026 union beside Vĩnh Linh: the Quảng Trị province and its unions.")

    def handle(self, *args, force=False, province=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: the demo accounts have a published password. Use --force to create them anyway."
            )
        # The demo's history is made up: its moves e-mail nobody and fill no audit log.
        logging.getLogger("portal.audit").setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            self.rng = random.Random(2021)
            branches = self.seed_branches()
            self.seed_members(branches)
            accounts = self.seed_accounts(branches)
            self.seed_initiatives(branches, accounts)
            self.seed_pledges(branches, accounts)
            if province:
                demo_province.seed_province(password=DEMO_PASSWORD,
                                            admin_user=get_user_model().objects.get(username="quantri"))
        # Other apps add their demo data with their own `seed_demo_<app>` command (awards, ...).
        for name in sorted(get_commands()):
            if name.startswith("seed_demo_"):
                call_command(name, force=force, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Branch.objects.count()} branches, {Member.objects.count()} members, "
                f"{Initiative.objects.count()} initiatives. Accounts doanvien, canbo, vanphong, quantri "
                f"(password {DEMO_PASSWORD})."
            )
        )

    def seed_pledges(self, branches, accounts):
        """Most branches have signed their emulation pledge; a few have not yet, as in real life."""
        programme = Programme.current()
        periods = list(programme.periods.all())
        for index, branch in enumerate(branches):
            if index % 5 == 4 or branch.pledges.filter(programme=programme).exists():
                continue
            size = max(1, branch.member_count // 25)
            targets = {period: size * (1 if period.number == 1 else 3) for period in periods}
            pledges.save_pledge(
                branch=branch, programme=programme, user=accounts["district"], targets=targets,
                signed_on=datetime.date(2021, 10, 1 + index), accepted=index % 3 != 2,
            )

    def seed_branches(self):
        clusters = {
            kind: EmulationCluster.objects.get_or_create(name=name)[0] for kind, name in demo_data.CLUSTERS.items()
        }
        district = Federation.current()  # the Vĩnh Linh node the plan's migration sets up
        branches = []
        for code, name, kind, member_count in demo_data.BRANCHES:
            branch, _ = Branch.objects.get_or_create(
                code=code,
                defaults={"name": name, "kind": kind, "member_count": member_count, "cluster": clusters[kind],
                          "federation": district},
            )
            if not branch.chair_name:  # who signs the branch's own reports (TM. BAN CHẤP HÀNH)
                branch.chair_name = demo_data.BRANCH_CHAIRS[len(branches) % len(demo_data.BRANCH_CHAIRS)]
                branch.save(update_fields=["chair_name"])
            branches.append(branch)
        return branches

    def seed_members(self, branches):
        for index, branch in enumerate(branches):
            if branch.members.exists():
                continue
            positions = demo_data.POSITIONS[branch.kind]
            roster = min(branch.member_count, 6 + index % 5)
            for n in range(roster):
                name = " ".join(
                    [
                        self.rng.choice(demo_data.SURNAMES),
                        self.rng.choice(demo_data.MIDDLE_NAMES),
                        demo_data.GIVEN_NAMES[(index * 7 + n) % len(demo_data.GIVEN_NAMES)],
                    ]
                )
                Member.objects.create(
                    full_name=name,
                    branch=branch,
                    position=positions[n % len(positions)],
                    date_of_birth=datetime.date(1970 + (index + n) % 30, 1 + n % 12, 1 + (index * 3 + n) % 28),
                    qualification=self.rng.choice(["Đại học", "Cao đẳng", "Thạc sĩ", "Trung cấp"]),
                    phone=f"09{self.rng.randint(10_000_000, 99_999_999)}",
                )

    def user(
        self,
        username,
        *,
        first_name="",
        last_name="",
        email="",
        group=None,
        staff=False,
        superuser=False,
        usable_password=True,
    ):
        return demo_account(username, password=DEMO_PASSWORD if usable_password else None, first_name=first_name,
                            last_name=last_name, email=email, group=group, staff=staff, superuser=superuser)

    def seed_accounts(self, branches):
        demo_branch = next(b for b in branches if b.code == DEMO_BRANCH)
        member_user = self.user(
            "doanvien", first_name="An", last_name="Nguyễn Văn", email="doanvien@example.vn", group=access.MEMBER
        )
        member = Member.objects.filter(user=member_user).first()
        if member is None:
            member, _ = Member.objects.get_or_create(
                branch=demo_branch,
                full_name="Nguyễn Văn An",
                date_of_birth=datetime.date(1988, 4, 12),
                defaults={"position": "Giáo viên Vật lý", "qualification": "Thạc sĩ", "email": "doanvien@example.vn"},
            )
            member.user = member_user
            member.save()
        officer = self.user("canbo", first_name="Hoa", last_name="Trần Thị", email="canbo@example.vn")
        demo_branch.officers.add(officer)
        Member.objects.get_or_create(
            branch=demo_branch,
            full_name="Trần Thị Hoa",
            date_of_birth=datetime.date(1979, 9, 2),
            defaults={"position": "Chủ tịch CĐCS", "user": officer, "email": "canbo@example.vn"},
        )
        district = self.user(
            "vanphong",
            first_name="Lan",
            last_name="Lê Thị",
            email="vanphong@example.vn",
            group=access.DISTRICT_OFFICE,
            staff=True,
        )
        Federation.current().officers.add(district)  # upper-union staff of the Vĩnh Linh node: its whole subtree
        self.user("quantri", first_name="Quản trị", email="quantri@example.vn", superuser=True)
        officers = {demo_branch.pk: officer}
        for branch in branches:
            if branch.pk in officers:
                continue
            existing = branch.officers.first()
            if existing is None:
                existing = self.user(
                    f"cb.{branch.code}", first_name="Cán bộ", last_name=branch.name[:30], usable_password=False
                )
                branch.officers.add(existing)
            officers[branch.pk] = existing
        return {"member": member, "member_user": member_user, "officers": officers, "district": district}

    def seed_initiatives(self, branches, accounts):
        programme = Programme.current()
        demo_branch = next(b for b in branches if b.code == DEMO_BRANCH)
        for index, (title, category, field, social, economic) in enumerate(demo_data.INITIATIVES * 2):
            branch = demo_branch if index % 4 == 0 else branches[(index * 5) % len(branches)]
            if index >= len(demo_data.INITIATIVES):
                title = f"{title} (nhân rộng tại {branch.name.removeprefix('CĐCS ')})"
            if Initiative.objects.filter(branch=branch, title=title).exists():
                continue
            applied = datetime.date(2021, 9, 1) + datetime.timedelta(days=(index * 23) % 700)
            initiative = Initiative.objects.create(
                programme=programme,
                branch=branch,
                title=title,
                category=category,
                field_of_work=field,
                problem="Cách làm cũ tốn nhiều thời gian và công sức, dễ sai sót.",
                solution="Tổ chức lại cách làm, áp dụng công cụ phù hợp với điều kiện của đơn vị.",
                application_summary="Đã áp dụng tại đơn vị và được đồng nghiệp hưởng ứng.",
                application_kind=ApplicationKind.APPLIED if index % 3 else ApplicationKind.TRIAL,
                application_date=applied,
                application_place=branch.name.removeprefix("CĐCS "),
                recognition_body=RecognitionBody.COUNCIL if index % 2 else RecognitionBody.HEAD,
                recognition_decision_no=f"{10 + index}/QĐ-{branch.code.upper()[:6]}",
                recognition_date=applied + datetime.timedelta(days=30 + index % 40),
                economic_benefit_vnd=economic,
                social_benefit=social,
                research_level=ResearchLevel.PROVINCIAL if category == Category.RESEARCH else "",
                research_accepted_date=applied - datetime.timedelta(days=20) if category == Category.RESEARCH else None,
                research_effect_confirmed=category == Category.RESEARCH,
                entered_by=accounts["officers"][branch.pk],
            )
            self.add_authors(initiative, branch, accounts, index)
            self.walk(initiative, PATHS[index % len(PATHS)], accounts, applied)

    def add_authors(self, initiative, branch, accounts, index):
        roster = list(branch.members.filter(is_active=True).exclude(user__username="canbo").order_by("pk"))
        if branch.pk == accounts["member"].branch_id and index % 8 == 0:
            roster = [accounts["member"], *[m for m in roster if m.pk != accounts["member"].pk]]
            initiative.entered_by = accounts["member_user"]
            initiative.save(update_fields=["entered_by"])
        count = 1 + index % 3
        shares = {1: [100], 2: [60, 40], 3: [50, 30, 20]}[count]
        for order, (member, share) in enumerate(zip(roster[:count], shares, strict=False)):
            InitiativeAuthor.objects.create(
                initiative=initiative,
                member=member,
                share_percent=Decimal(share),
                is_lead=initiative.is_research and order == 0,
                order=order,
            )
        initiative.refresh_credit_and_search()

    def walk(self, initiative, path, accounts, applied):
        officer = accounts["officers"][initiative.branch_id]
        district = accounts["district"]
        for action in path:
            actor = district if action in ("verify", "send") else officer
            details = {}
            if action == "approve":
                details = {"novelty_confirmed": True, "lawful_confirmed": True}
            elif action in ("return", "reject"):
                details = {
                    "comment": "Đề nghị bổ sung bản scan quyết định công nhận có chữ ký và dấu."
                    if action == "return"
                    else "Sáng kiến trùng với giải pháp đã công nhận năm trước."
                }
            elif action == "send":
                details = {"sent_date": min(applied + datetime.timedelta(days=75), datetime.date(2023, 8, 30))}
            initiative = workflow.apply(initiative, action, actor, **details)
        if initiative.status == Status.SENT_TO_PROVINCE and initiative.pk % 2:
            Initiative.objects.filter(pk=initiative.pk).update(is_published=True)
