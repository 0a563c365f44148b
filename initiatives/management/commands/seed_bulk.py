"""Synthetic data at scale, for benchmarks: branches (with clusters and pledges), members and initiatives.

    manage.py seed_bulk --initiatives 1000000 --branches 5000 --members 1000000

On PostgreSQL the members, initiatives and authors go in with COPY, in batches, with keys chosen here so that
nothing is read back: a million initiatives with their authors take a few minutes. Elsewhere (SQLite, small N)
the same rows go in with executemany. The distributions look like a real federation: branch sizes spread from a
dozen to a few thousand members, more initiatives in bigger branches, a few branches with none, most
initiatives sent to the province and the rest spread along the pipeline, dates inside the programme's window
and periods, one to three authors from the branch's own roster. It adds to what is there (new branch codes
start with "bulk-"); no account is created, no e-mail sent, no history row written. It reports progress as it
goes, then refreshes the planner's statistics (and, on PostgreSQL, the visibility map: VACUUM ANALYZE).

    manage.py seed_bulk --tree 20,200 --branches 10000 --initiatives 1000000 --members 500000

`--tree` gives the union's 2026 shape instead of one flat district: a provincial federation (a new root beside
the portal's owner) running a programme of its own, 20 bodies under it, 200 under those (spread evenly, each
level's bodies taken in turn), and the branches spread evenly under the last level; the initiatives count for
the province's programme. Officers for the benchmarks (no password: bench logins are forced): `bulk.tinh` of
the province, `bulk.cd2` of the first body under it, `bulk.cd3` of that body's first child, `bulk.cdcs` of the
branch under that one with the most initiatives. Without `--tree` the branches hang under the portal's owner as
before.
"""

import argparse
import datetime
import random
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from initiatives import access, demo_data, tallies
from initiatives.bulk_rows import RowWriter, lock_and_next_id, reset_sequence
from initiatives.models import (
    ApplicationKind,
    Branch,
    BranchKind,
    Category,
    EmulationCluster,
    Federation,
    Initiative,
    InitiativeAuthor,
    Member,
    Pledge,
    PledgeTarget,
    Programme,
    ProgrammePeriod,
    RecognitionBody,
    ResearchLevel,
    Status,
    tally_sql,
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


# Most Vietnamese names have one middle name; some two ("Nguyễn Thị Thu Hà").
DOUBLE_MIDDLE_SHARE = 0.35
PROGRESS_EVERY = 50_000  # rows between two progress lines at scale
INITIATIVE_COLUMNS = [
    "id", "programme_id", "branch_id", "title", "category", "field_of_work", "problem", "solution",
    "application_summary", "application_kind", "application_date", "application_place", "recognition_body",
    "recognition_decision_no", "recognition_date", "economic_benefit_vnd", "social_benefit", "research_level",
    "research_accepted_date", "research_effect_confirmed", "status", "credited_author_id", "submitted_at",
    "sent_to_province_date", "national_portal_upload_date", "search_text", "created_at", "updated_at",
    # NOT NULL columns left at their defaults
    "application_conditions", "confidential_info", "investor", "trial_participants", "economic_benefit_description",
    "ip_protected", "national_portal_reference", "is_published",
]
DEFAULTS = ("", "", "", "", "", False, "", False)
MEMBER_COLUMNS = ["id", "full_name", "search_name", "branch_id", "position", "date_of_birth", "qualification", "phone",
                  "email", "is_active"]
TREE_ROOT = {"name": "Liên đoàn Lao động tỉnh (dữ liệu thử)", "short_name": "LĐLĐ tỉnh (thử)",
             "parent_name": "Tổng Liên đoàn Lao động Việt Nam", "place_name": "Quảng Trị", "chair_title": "Chủ tịch",
             "chair_name": "Nguyễn Văn Thử"}
# The bench's officers, from the top down: the province, its first body, that body's first child, a branch.
TREE_OFFICERS = ("bulk.tinh", "bulk.cd2", "bulk.cd3", "bulk.cdcs")
AUTHOR_COLUMNS = ["id", "initiative_id", "member_id", "share_percent", "is_lead", "order"]
PROBLEM = "Cách làm cũ tốn thời gian và dễ sai sót."
SOLUTION = "Tổ chức lại quy trình, áp dụng công cụ phù hợp với đơn vị."
APPLICATION_SUMMARY = "Đã áp dụng tại đơn vị."


def tree_widths(value):
    """"20,200" → [20, 200]: how many union bodies at each level under the province."""
    try:
        widths = [int(part) for part in value.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("give the number of bodies at each level, e.g. 20,200") from None
    if not widths or any(w < 1 for w in widths):
        raise argparse.ArgumentTypeError("each level needs at least one body")
    return widths


@contextmanager
def without_row_triggers():
    """On PostgreSQL, as a superuser: no row trigger at all for this transaction's load (session_replication_role
    'replica': the tallies' triggers and the foreign-key checks, about 0.4 ms a row even when the tallies' own
    switch makes them return at once). The rows are made consistent here, and the tallies are recounted after.
    Elsewhere, or without the right, nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = replica")
    try:
        yield
    finally:
        if superuser:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")


class Command(BaseCommand):
    help = "Add synthetic branches, members and initiatives at scale (for benchmarks), with COPY or bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=1000, help="initiatives to add (default 1000)")
        parser.add_argument("--branches", type=int, default=50, help="branches to add (default 50)")
        parser.add_argument("--members", type=int, default=5000, help="roster entries to add (default 5000)")
        parser.add_argument("--seed", type=int, default=2021, help="random seed, for the same data every time")
        parser.add_argument("--batch-size", type=int, default=20_000,
                            help="rows per COPY or INSERT batch, and between progress lines (default 20000)")
        parser.add_argument("--no-vacuum", action="store_true", help="skip VACUUM ANALYZE at the end (PostgreSQL)")
        parser.add_argument("--tree", type=tree_widths, default=None, metavar="N2,N3,…",
                            help="a province over N2 bodies over N3 bodies… over the branches (e.g. 20,200), with "
                                 "a programme of its own and officers at each level (default: one flat district)")

    def handle(self, *args, initiatives, branches, members, seed, batch_size, no_vacuum, tree, **options):
        if branches < 1 or members < branches or initiatives < 0 or batch_size < 1:
            raise CommandError("Give at least one branch, at least as many members as branches, and N ≥ 0.")
        programme = Programme.current()
        if programme is None:
            raise CommandError("No current programme: run `manage.py migrate` first.")
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.started = time.monotonic()
        self.today = timezone.localdate()
        self.names = {}
        self.leaves = [Federation.current()]  # the nodes the branches hang under, in turn
        with transaction.atomic():
            if tree is not None:
                programme = self.seed_tree(tree, programme)
            self.programme = programme
            self.periods = list(programme.periods.order_by("number"))
            # The tallies' triggers would do a million small updates: off during the load (PostgreSQL), then one
            # recount of the programme, in the same transaction.
            with tallies.triggers_off(), without_row_triggers():
                branch_rows = self.seed_branches(branches)
                rosters = self.seed_members(branch_rows, members)
                self.seed_pledges(branch_rows)
                self.seed_initiatives(branch_rows, rosters, initiatives)
            if connection.vendor == "postgresql":
                tallies.rebuild([programme.pk])
                self.say("tallies recounted")
            if tree is not None:
                self.seed_officers()
        self.refresh_statistics(vacuum=not no_vacuum)
        self.say(self.style.SUCCESS(
            f"Done: {branches} branches, {members} members, {initiatives} initiatives added "
            f"(now {Branch.objects.count()} branches, {Initiative.objects.count()} initiatives)."
        ))

    def say(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f} s] {message}")
        self.stdout.flush()

    def refresh_statistics(self, *, vacuum):
        tables = [m._meta.db_table for m in (Branch, Member, Pledge, PledgeTarget, Initiative, InitiativeAuthor)]
        tables += list(tally_sql.TABLES)
        quote = connection.ops.quote_name
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would give them later: without them the first pages after a
            # bulk load plan for empty tables. VACUUM also sets the visibility map, so that counts and list pages
            # can read indexes alone, as they would on a database that has been running for a while.
            # VACUUM cannot run inside a transaction (a caller's, or a test's).
            verb = "VACUUM (ANALYZE)" if vacuum and not connection.in_atomic_block else "ANALYZE"
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"{verb} {quote(table)}")
            self.say(f"planner statistics refreshed ({verb})")
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # --- the tree -------------------------------------------------------------------------------------------

    def seed_tree(self, widths, model):
        """The province (a root of its own), its programme (the owner's programme's window, periods and rules) and
        `widths` levels of bodies under it, each level's bodies spread evenly over the level above.
        Returns the province's programme."""
        root = Federation.objects.filter(depth=1, name=TREE_ROOT["name"]).first()
        if root is None:
            root = Federation.objects.add_root(TREE_ROOT)
        self.levels = [[root]]
        for level, width in enumerate(widths, start=2):
            parents = self.levels[-1]
            made = []
            for index in range(width):
                parent = Federation.objects.get(pk=parents[index % len(parents)].pk)  # its numchild as it is now
                number = index + 1
                made.append(Federation.objects.add_child(parent, {
                    "name": f"Công đoàn cấp {level} số {number:03d} (thử)", "short_name": f"CĐ {level}.{number:03d}",
                    "place_name": PLACES[index % len(PLACES)], "chair_title": "Chủ tịch"}))
            self.levels.append(made)
            self.say(f"level {level}: {width} union bodies")
        self.leaves = self.levels[-1]
        programme = Programme.objects.filter(federation=root, is_current=True).order_by("pk").first()
        if programme is None:
            programme = Programme.objects.create(
                name=f"{model.name} (LĐLĐ tỉnh, dữ liệu thử)", window_start=model.window_start,
                window_end=model.window_end, research_applied_from=model.research_applied_from,
                total_target=model.total_target, participation_target_rate=model.participation_target_rate,
                exemplar_first_year=model.exemplar_first_year, exemplar_last_year=model.exemplar_last_year,
                is_current=True, federation=root)
            ProgrammePeriod.objects.bulk_create(
                ProgrammePeriod(programme=programme, number=p.number, start=p.start, end=p.end, target=p.target)
                for p in model.periods.order_by("number"))
        return programme

    def seed_officers(self):
        """An officer at each level for the benchmarks: the province, its first body, that body's first child, and
        the branch under that one with the most initiatives (upper-union staff are in the `district_office`
        group; nobody gets a password)."""
        node2 = self.levels[1][0] if len(self.levels) > 1 else self.levels[0][0]
        node3 = next((n for n in self.levels[2] if n.path.startswith(node2.path)), node2) if len(self.levels) > 2 \
            else node2
        branch = (Branch.objects.filter(federation__path__startswith=node3.path, code__startswith=CODE_PREFIX)
                  .annotate(n=Count("initiatives")).order_by("-n", "pk").first())
        staff = Group.objects.get_or_create(name=access.DISTRICT_OFFICE)[0]
        for username, target in zip(TREE_OFFICERS, (self.levels[0][0], node2, node3, branch), strict=True):
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            if isinstance(target, Branch):
                target.officers.add(user)
            else:
                user.groups.add(staff)
                target.officers.add(user)
        self.say(f"officers: {', '.join(TREE_OFFICERS)}")

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
        leaves = self.leaves  # the plan's root node, or the last level of the tree: taken in turn
        for index, kind in enumerate(kinds):
            seen[kind] += 1
            cluster = clusters[(kind, (seen[kind] - 1) // BRANCHES_PER_CLUSTER + 1)]
            place = PLACES[index % len(PLACES)]
            number = first + index + 1
            name = f"CĐCS {self.rng.choice(KIND_NAMES[kind])} {place} số {number}"
            rows.append(Branch(
                name=name, code=f"{CODE_PREFIX}{number:06d}", kind=kind, cluster=cluster,
                member_count=self.branch_size(kind), is_active=self.rng.random() > 0.02,
                federation=leaves[index % len(leaves)],
            ))
        created = Branch.objects.bulk_create(rows, batch_size=5000)
        if any(b.pk is None for b in created):  # a database that does not return keys from bulk inserts
            by_code = dict(Branch.objects.filter(code__in=[b.code for b in created]).values_list("code", "pk"))
            for branch in created:
                branch.pk = branch.id = by_code[branch.code]
        self.say(f"{len(created)} branches in {len(clusters)} emulation clusters")
        return created

    def branch_size(self, kind):
        # Log-normal: most branches have 15 to 80 members, a few firms and hospitals several hundred.
        median = {BranchKind.ENTERPRISE: 90, BranchKind.HEALTH: 45, BranchKind.COMMUNE: 30}.get(kind, 35)
        return max(5, min(3000, int(self.rng.lognormvariate(0, 0.75) * median)))

    # --- members -------------------------------------------------------------------------------------------

    def person_name(self):
        """A name and its folded form; the folded forms of the few thousand names are computed once."""
        rng = self.rng
        parts = (rng.randrange(len(demo_data.SURNAMES)), rng.randrange(len(demo_data.MIDDLE_NAMES)),
                 rng.randrange(len(demo_data.MIDDLE_NAMES)) if rng.random() < DOUBLE_MIDDLE_SHARE else -1,
                 rng.randrange(len(demo_data.GIVEN_NAMES)))
        known = self.names.get(parts)
        if known is None:
            words = [demo_data.SURNAMES[parts[0]], demo_data.MIDDLE_NAMES[parts[1]]]
            if parts[2] >= 0 and parts[2] != parts[1]:
                words.append(demo_data.MIDDLE_NAMES[parts[2]])
            words.append(demo_data.GIVEN_NAMES[parts[3]])
            name = " ".join(words)
            known = self.names[parts] = (name, fold_for_index(name))
        return known

    def seed_members(self, branches, count):
        """Spread `count` roster entries over the branches in proportion to their size (at least one each).
        Returns {branch id: (first member id, roster size)}: each branch's members have consecutive keys."""
        total = sum(b.member_count for b in branches)
        sizes = [1 + int((count - len(branches)) * b.member_count / total) for b in branches]
        for index in range(count - sum(sizes)):  # what rounding left over
            sizes[index % len(branches)] += 1
        next_id = lock_and_next_id(Member)
        writer = RowWriter(Member, MEMBER_COLUMNS, batch_size=self.batch_size)
        rosters = {}
        self.member_names = {}
        born = datetime.date(1965, 1, 1)
        reported = 0
        for branch, size in zip(branches, sizes, strict=True):
            if branch.member_count < size:
                branch.member_count = size
            positions = demo_data.POSITIONS[branch.kind]
            rosters[branch.pk] = (next_id, size)
            for n in range(size):
                name, folded = self.person_name()
                self.member_names[next_id] = folded
                writer.add((next_id, name, folded, branch.pk, positions[n % len(positions)],
                            self.birth_date(born, n), "", "", "", True))
                next_id += 1
            if writer.written - reported >= max(self.batch_size, PROGRESS_EVERY if count > 200_000 else 0):
                reported = writer.written
                self.say(f"members {writer.written}/{count}")
        writer.flush()
        reset_sequence(Member)
        Branch.objects.bulk_update(branches, ["member_count"], batch_size=5000)
        self.say(f"members {writer.written}/{count}")
        return rosters

    @staticmethod
    def birth_date(born, n):
        """Distinct within a branch (a roster entry is unique by branch, name and birth date): n ↦ n·7919 mod a
        prime is one-to-one below the prime, about 41 years of days; beyond it, no date (NULLs never clash)."""
        return born + datetime.timedelta(days=n * 7919 % BIRTH_DAYS) if n < BIRTH_DAYS else None

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
        ], batch_size=5000)
        if any(p.pk is None for p in pledges):
            by_branch = dict(Pledge.objects.filter(programme=self.programme, branch__in=pledged)
                             .values_list("branch_id", "pk"))
            for pledge in pledges:
                pledge.pk = pledge.id = by_branch[pledge.branch_id]
        targets = [
            PledgeTarget(pledge=pledge, period=period, initiatives=max(0, round(
                period.target * pledge.branch.member_count / total / PLEDGED_BRANCH_SHARE * self.rng.uniform(0.7, 1.3)
            )))
            for pledge in pledges for period in self.periods
        ]
        PledgeTarget.objects.bulk_create(targets, batch_size=5000)
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
        author_counts = self.rng.choices(list(AUTHOR_COUNT_WEIGHTS), weights=list(AUTHOR_COUNT_WEIGHTS.values()),
                                         k=count)
        self.branch_text = {
            b.pk: (b.name.removeprefix("CĐCS "), fold_for_index(b.name.removeprefix("CĐCS ")), b.code[-6:])
            for b in speaking
        }
        self.titles = [(t[0], fold_for_index(t[0]), t[2], fold_for_index(t[2]), t[3], t[4])
                       for t in demo_data.INITIATIVES]
        initiative_id = lock_and_next_id(Initiative)
        author_id = lock_and_next_id(InitiativeAuthor)
        initiatives = RowWriter(Initiative, INITIATIVE_COLUMNS, batch_size=self.batch_size)
        authors = RowWriter(InitiativeAuthor, AUTHOR_COLUMNS, batch_size=self.batch_size * 3 // 2)
        step = max(self.batch_size, PROGRESS_EVERY if count > 200_000 else 0)
        for index in range(count):
            branch = owners[index]
            first, size = rosters[branch.pk]
            chosen = self.rng.sample(range(first, first + size), min(size, author_counts[index]))
            is_research = categories[index] == Category.RESEARCH
            for order, (member_id, share) in enumerate(zip(chosen, SHARES[len(chosen)], strict=True)):
                authors.add((author_id, initiative_id, member_id, share, is_research and order == 0, order))
                author_id += 1
            # The credited author (as refresh_credit_and_search sets it): the lead of a research topic, otherwise
            # the largest share, which is the first listed here.
            initiatives.add(self.initiative(initiative_id, branch, statuses[index], categories[index], index, chosen))
            initiative_id += 1
            if (index + 1) % step == 0 or index + 1 == count:
                initiatives.flush()
                authors.flush()
                self.say(f"initiatives {index + 1}/{count}")
        for model in (Initiative, InitiativeAuthor):
            reset_sequence(model)
        self.say(f"{authors.written} authors")

    def initiative(self, pk, branch, status, category, index, author_ids):
        rng = self.rng
        programme = self.programme
        latest = min(programme.window_end, self.today)
        span = max((latest - programme.window_start).days, 1)
        # Applications lean towards the programme's later months, as a programme gathers pace.
        applied = programme.window_start + datetime.timedelta(days=int(span * rng.random() ** 0.8))
        recognised = min(applied + datetime.timedelta(days=rng.randint(7, 60)), self.today)
        title, folded_title, field, folded_field, social, economic = self.titles[index % len(self.titles)]
        place, folded_place, code = self.branch_text[branch.pk]
        title = f"{title} – {place} ({index + 1})"[:300]
        names = " ".join(self.member_names[m] for m in author_ids)
        search_text = f"{folded_title} – {folded_place} ({index + 1}) {folded_field} {names}"
        submitted = sent = None
        if status != Status.DRAFT:
            day = min(recognised + datetime.timedelta(days=rng.randint(1, 30)), self.today)
            submitted = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        if status == Status.SENT_TO_PROVINCE:
            sent = self.sent_date(recognised)
        created = submitted or datetime.datetime.combine(recognised, datetime.time(8), tzinfo=datetime.UTC)
        created += datetime.timedelta(seconds=rng.randrange(36_000))
        updated = created if sent is None else datetime.datetime.combine(sent, datetime.time(10), tzinfo=datetime.UTC)
        research = category == Category.RESEARCH
        return (
            pk, programme.pk, branch.pk, title, category, field, PROBLEM, SOLUTION, APPLICATION_SUMMARY,
            ApplicationKind.APPLIED if rng.random() < 0.8 else ApplicationKind.TRIAL, applied, place,
            RecognitionBody.COUNCIL if rng.random() < 0.6 else RecognitionBody.HEAD,
            f"{rng.randint(1, 300)}/QĐ-{code}", recognised,
            economic if economic and rng.random() < 0.7 else None, social,
            ResearchLevel.PROVINCIAL if research else "",
            applied - datetime.timedelta(days=20) if research else None, research,
            status, author_ids[0], submitted, sent, sent, search_text, created, updated, *DEFAULTS,
        )

    def sent_date(self, recognised):
        first = self.periods[0].start if self.periods else self.programme.window_start
        last = self.periods[-1].end if self.periods else self.programme.window_end
        sent = recognised + datetime.timedelta(days=self.rng.randint(20, 120))
        return max(first, min(sent, last, self.today))
