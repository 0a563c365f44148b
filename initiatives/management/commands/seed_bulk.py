"""Synthetic data at scale, for benchmarks: branches (with clusters and pledges), members and initiatives.

    manage.py seed_bulk --initiatives 100000 --branches 1000 --members 60000

Rows go in with bulk_create in batches, so 100,000 initiatives take about a minute on PostgreSQL. The
distributions look like a real district: branch sizes spread from a dozen to a few hundred members, more
initiatives in bigger branches, a few branches with none, most initiatives sent to the province and the rest
spread along the pipeline, dates inside the programme's window and periods. It adds to what is there (new
branch codes start with "bulk-"); no account is created, no e-mail sent, no history row written.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from initiatives import demo_data
from initiatives.authorship import credited_author
from initiatives.models import (
    ApplicationKind,
    Branch,
    BranchKind,
    Category,
    EmulationCluster,
    Initiative,
    InitiativeAuthor,
    Member,
    Pledge,
    PledgeTarget,
    Programme,
    RecognitionBody,
    ResearchLevel,
    Status,
)
from initiatives.text import fold_for_index

CODE_PREFIX = "bulk-"
BRANCHES_PER_CLUSTER = 40
# Shares of branch kinds in a district like Vĩnh Linh: schools first, then communes, offices, firms.
KIND_WEIGHTS = {
    BranchKind.EDUCATION: 35, BranchKind.COMMUNE: 20, BranchKind.ADMINISTRATIVE: 15,
    BranchKind.ENTERPRISE: 15, BranchKind.HEALTH: 10, BranchKind.OTHER: 5,
}
KIND_NAMES = {
    BranchKind.EDUCATION: ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT"],
    BranchKind.COMMUNE: ["xã", "thị trấn"],
    BranchKind.ADMINISTRATIVE: ["Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Chi cục Thuế", "Kho bạc Nhà nước"],
    BranchKind.ENTERPRISE: ["Công ty TNHH", "Công ty CP", "Hợp tác xã"],
    BranchKind.HEALTH: ["Trạm Y tế xã", "Phòng khám đa khoa khu vực"],
    BranchKind.OTHER: ["Ban Quản lý", "Trung tâm Văn hóa - Thể thao"],
}
PLACES = [
    "Vĩnh Thạch", "Vĩnh Giang", "Vĩnh Hiền", "Vĩnh Tú", "Vĩnh Chấp", "Vĩnh Nam", "Vĩnh Khê", "Vĩnh Long",
    "Vĩnh Hà", "Vĩnh Hòa", "Vĩnh Lâm", "Vĩnh Sơn", "Vĩnh Thủy", "Vĩnh Ô", "Vĩnh Trung", "Vĩnh Thái",
    "Vĩnh Thành", "Vĩnh Kim", "Hồ Xá", "Cửa Tùng", "Bến Quan", "Trung Nam", "Kim Thạch", "Hiền Thành",
]
# The pipeline of a programme well under way: most sent, the rest spread along the way.
STATUS_WEIGHTS = {
    Status.DRAFT: 8, Status.SUBMITTED: 7, Status.RETURNED: 4, Status.BRANCH_APPROVED: 8, Status.REJECTED: 4,
    Status.DISTRICT_VERIFIED: 9, Status.SENT_TO_PROVINCE: 60,
}
CATEGORY_WEIGHTS = {
    Category.OPERATIONAL: 25, Category.MANAGEMENT: 20, Category.TECHNICAL: 15, Category.UNION_WORK: 12,
    Category.COVID19: 12, Category.TECHNOLOGY_APPLICATION: 12, Category.RESEARCH: 4,
}
BIRTH_DAYS = 14983  # a prime
SILENT_BRANCH_SHARE = 0.06  # branches with no initiative at all (not mobilised)
PLEDGED_BRANCH_SHARE = 0.75
SHARES = {1: [100], 2: [60, 40], 3: [50, 30, 20]}
AUTHOR_COUNT_WEIGHTS = {1: 60, 2: 28, 3: 12}


class Command(BaseCommand):
    help = "Add synthetic branches, members and initiatives at scale (for benchmarks), with bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=1000, help="initiatives to add (default 1000)")
        parser.add_argument("--branches", type=int, default=50, help="branches to add (default 50)")
        parser.add_argument("--members", type=int, default=5000, help="roster entries to add (default 5000)")
        parser.add_argument("--seed", type=int, default=2021, help="random seed, for the same data every time")
        parser.add_argument("--batch-size", type=int, default=5000, help="rows per INSERT (default 5000)")

    def handle(self, *args, initiatives, branches, members, seed, batch_size, **options):
        if branches < 1 or members < branches or initiatives < 0 or batch_size < 1:
            raise CommandError("Give at least one branch, at least as many members as branches, and N ≥ 0.")
        programme = Programme.current()
        if programme is None:
            raise CommandError("No current programme: run `manage.py migrate` first.")
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.started = time.monotonic()
        self.today = timezone.localdate()
        self.programme = programme
        self.periods = list(programme.periods.order_by("number"))
        with transaction.atomic():
            branch_rows = self.seed_branches(branches)
            rosters = self.seed_members(branch_rows, members)
            self.seed_pledges(branch_rows)
            self.seed_initiatives(branch_rows, rosters, initiatives)
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would give them later: without them the first dashboards
            # after a bulk load plan for empty tables and run ten times slower.
            with connection.cursor() as cursor:
                for model in (Branch, Member, Pledge, PledgeTarget, Initiative, InitiativeAuthor):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            self.say("planner statistics refreshed (ANALYZE)")
        self.say(self.style.SUCCESS(
            f"Done: {branches} branches, {members} members, {initiatives} initiatives added "
            f"(now {Branch.objects.count()} branches, {Initiative.objects.count()} initiatives)."
        ))

    def say(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f} s] {message}")

    # --- branches and clusters ------------------------------------------------------------------------------

    def seed_branches(self, count):
        first = Branch.objects.filter(code__startswith=CODE_PREFIX).count()
        kinds = self.rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=count)
        per_kind = {kind: kinds.count(kind) for kind in KIND_WEIGHTS}
        clusters = {}
        for kind, n in per_kind.items():
            label = str(dict(BranchKind.choices)[kind])
            for number in range(1, max(1, -(-n // BRANCHES_PER_CLUSTER)) + 1):
                name = f"Cụm thi đua {label} số {number}" if n > BRANCHES_PER_CLUSTER else f"Cụm thi đua {label}"
                clusters[(kind, number)] = EmulationCluster.objects.get_or_create(name=name)[0]
        seen = dict.fromkeys(KIND_WEIGHTS, 0)
        rows = []
        for index, kind in enumerate(kinds):
            seen[kind] += 1
            cluster = clusters[(kind, (seen[kind] - 1) // BRANCHES_PER_CLUSTER + 1)]
            place = PLACES[index % len(PLACES)]
            number = first + index + 1
            name = f"CĐCS {self.rng.choice(KIND_NAMES[kind])} {place} số {number}"
            rows.append(Branch(
                name=name, code=f"{CODE_PREFIX}{number:06d}", kind=kind, cluster=cluster,
                member_count=self.branch_size(kind), is_active=self.rng.random() > 0.02,
            ))
        created = Branch.objects.bulk_create(rows, batch_size=self.batch_size)
        self.say(f"{len(created)} branches in {len(clusters)} emulation clusters")
        return created

    def branch_size(self, kind):
        # Log-normal: most branches have 15 to 80 members, a few firms and hospitals several hundred.
        median = {BranchKind.ENTERPRISE: 90, BranchKind.HEALTH: 45, BranchKind.COMMUNE: 30}.get(kind, 35)
        return max(5, min(3000, int(self.rng.lognormvariate(0, 0.75) * median)))

    # --- members -------------------------------------------------------------------------------------------

    def seed_members(self, branches, count):
        """Spread `count` roster entries over the branches in proportion to their size (at least one each)."""
        total = sum(b.member_count for b in branches)
        sizes = [1 + int((count - len(branches)) * b.member_count / total) for b in branches]
        for index in range(count - sum(sizes)):  # what rounding left over
            sizes[index % len(branches)] += 1
        rosters = {}
        batch = []
        born = datetime.date(1965, 1, 1)
        done = 0
        for branch, size in zip(branches, sizes, strict=True):
            if branch.member_count < size:
                branch.member_count = size
            positions = demo_data.POSITIONS[branch.kind]
            for n in range(size):
                name = " ".join((self.rng.choice(demo_data.SURNAMES), self.rng.choice(demo_data.MIDDLE_NAMES),
                                 self.rng.choice(demo_data.GIVEN_NAMES)))
                batch.append(Member(
                    full_name=name, search_name=fold_for_index(name), branch=branch,
                    position=positions[n % len(positions)], date_of_birth=self.birth_date(born, n),
                ))
            if len(batch) >= self.batch_size:
                done += self.flush_members(batch, rosters)
                self.say(f"members {done}/{count}")
        done += self.flush_members(batch, rosters)
        Branch.objects.bulk_update(branches, ["member_count"], batch_size=self.batch_size)
        self.say(f"members {done}/{count}")
        return rosters

    @staticmethod
    def birth_date(born, n):
        """Distinct within a branch (a roster entry is unique by branch, name and birth date): n ↦ n·7919 mod a
        prime is one-to-one below the prime, about 41 years of days; beyond it, no date (NULLs never clash)."""
        return born + datetime.timedelta(days=n * 7919 % BIRTH_DAYS) if n < BIRTH_DAYS else None

    def flush_members(self, batch, rosters):
        created = Member.objects.bulk_create(batch, batch_size=self.batch_size)
        for member in created:
            rosters.setdefault(member.branch_id, []).append(member.pk)
        batch.clear()
        return len(created)

    # --- pledges --------------------------------------------------------------------------------------------

    def seed_pledges(self, branches):
        """Three branches in four sign a pledge, in proportion to their size, roughly adding up to the targets."""
        total = sum(b.member_count for b in branches if b.is_active) or 1
        pledged = [b for b in branches if b.is_active and self.rng.random() < PLEDGED_BRANCH_SHARE]
        first_start = self.periods[0].start if self.periods else self.programme.window_start
        pledges = Pledge.objects.bulk_create([
            Pledge(branch=b, programme=self.programme, accepted_by_district=self.rng.random() < 0.8,
                   signed_on=min(first_start + datetime.timedelta(days=self.rng.randint(0, 120)), self.today))
            for b in pledged
        ], batch_size=self.batch_size)
        targets = [
            PledgeTarget(pledge=pledge, period=period, initiatives=max(0, round(
                period.target * pledge.branch.member_count / total / PLEDGED_BRANCH_SHARE * self.rng.uniform(0.7, 1.3)
            )))
            for pledge in pledges for period in self.periods
        ]
        PledgeTarget.objects.bulk_create(targets, batch_size=self.batch_size)
        self.say(f"{len(pledges)} pledges")

    # --- initiatives ----------------------------------------------------------------------------------------

    def seed_initiatives(self, branches, rosters, count):
        if count == 0:
            return
        active = [b for b in branches if b.pk in rosters]
        silent = set(self.rng.sample(range(len(active)), int(len(active) * SILENT_BRANCH_SHARE)))
        speaking = [b for i, b in enumerate(active) if i not in silent] or active
        weights = [b.member_count ** 0.8 for b in speaking]
        statuses = self.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
        categories = self.rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()), k=count)
        owners = self.rng.choices(speaking, weights=weights, k=count)
        done = 0
        for start in range(0, count, self.batch_size):
            stop = min(start + self.batch_size, count)
            batch = [
                self.initiative(owners[i], statuses[i], categories[i], i)
                for i in range(start, stop)
            ]
            authors_of = [self.authors(record, rosters[record.branch_id]) for record in batch]
            created = Initiative.objects.bulk_create(batch, batch_size=self.batch_size)
            rows = [
                InitiativeAuthor(initiative_id=record.pk, member_id=member_id, share_percent=share, is_lead=lead,
                                 order=order)
                for record, authors in zip(created, authors_of, strict=True)
                for order, (member_id, share, lead) in enumerate(authors)
            ]
            InitiativeAuthor.objects.bulk_create(rows, batch_size=self.batch_size)
            done = stop
            self.say(f"initiatives {done}/{count}")

    def authors(self, record, roster):
        """Pick the authors from the branch roster and set the credited author (as refresh_credit_and_search)."""
        wanted = self.rng.choices(list(AUTHOR_COUNT_WEIGHTS), weights=list(AUTHOR_COUNT_WEIGHTS.values()))[0]
        members = self.rng.sample(roster, min(len(roster), wanted))
        is_research = record.category == Category.RESEARCH
        authors = [
            (member, Decimal(share), is_research and order == 0)
            for order, (member, share) in enumerate(zip(members, SHARES[len(members)], strict=True))
        ]
        lead = credited_author(
            [_Author(member_id=m, share_percent=s, is_lead=lead) for m, s, lead in authors], is_research=is_research
        )
        record.credited_author_id = lead.member_id if lead else None
        return authors

    def initiative(self, branch, status, category, index):
        programme = self.programme
        latest = min(programme.window_end, self.today)
        span = max((latest - programme.window_start).days, 1)
        # Applications lean towards the programme's later months, as a programme gathers pace.
        applied = programme.window_start + datetime.timedelta(days=int(span * self.rng.random() ** 0.8))
        recognised = min(applied + datetime.timedelta(days=self.rng.randint(7, 60)), self.today)
        title, _category, field, social, economic = demo_data.INITIATIVES[index % len(demo_data.INITIATIVES)]
        title = f"{title} – {branch.name.removeprefix('CĐCS ')} ({index + 1})"
        record = Initiative(
            programme=programme, branch=branch, title=title[:300], category=category, field_of_work=field,
            problem="Cách làm cũ tốn thời gian và dễ sai sót.",
            solution="Tổ chức lại quy trình, áp dụng công cụ phù hợp với đơn vị.",
            application_summary="Đã áp dụng tại đơn vị.",
            application_kind=ApplicationKind.APPLIED if self.rng.random() < 0.8 else ApplicationKind.TRIAL,
            application_date=applied, application_place=branch.name.removeprefix("CĐCS "),
            recognition_body=RecognitionBody.COUNCIL if self.rng.random() < 0.6 else RecognitionBody.HEAD,
            recognition_decision_no=f"{self.rng.randint(1, 300)}/QĐ-{branch.code[-6:]}",
            recognition_date=recognised,
            economic_benefit_vnd=economic if economic and self.rng.random() < 0.7 else None,
            social_benefit=social, status=status,
            search_text=fold_for_index(f"{title} {field}"),
        )
        if category == Category.RESEARCH:
            record.research_level = ResearchLevel.PROVINCIAL
            record.research_accepted_date = applied - datetime.timedelta(days=20)
            record.research_effect_confirmed = True
        if status != Status.DRAFT:
            submitted = min(recognised + datetime.timedelta(days=self.rng.randint(1, 30)), self.today)
            record.submitted_at = datetime.datetime.combine(submitted, datetime.time(9), tzinfo=datetime.UTC)
        if status == Status.SENT_TO_PROVINCE:
            record.sent_to_province_date = self.sent_date(recognised)
            record.national_portal_upload_date = record.sent_to_province_date
        return record

    def sent_date(self, recognised):
        first = self.periods[0].start if self.periods else self.programme.window_start
        last = self.periods[-1].end if self.periods else self.programme.window_end
        sent = recognised + datetime.timedelta(days=self.rng.randint(20, 120))
        return max(first, min(sent, last, self.today))


class _Author:
    """What `credited_author` reads of an author, without a database row."""

    def __init__(self, *, member_id, share_percent, is_lead):
        self.member_id = member_id
        self.share_percent = share_percent
        self.is_lead = is_lead
