"""What the dashboard adds up, read from the tallies (models/tally.py): a fixed number of small queries, never a
row per initiative. A `progress.Scope` says what is counted; its querysets start from `access`.

Each function is one query. Those over every branch in scope return one short typed row per branch (a few
thousand at national scale); everything else comes back already added up by the database.
"""

from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from .models import (
    APPROVED_STATUSES,
    SUBMITTED_STATUSES,
    Branch,
    Pledge,
    PledgeTarget,
    Status,
    TallyBody,
    TallyBodyCell,
    TallyBranch,
    TallyCell,
    TallyMember,
    TallyPerson,
    TallyProgramme,
)
from .sent import branch_rows as sent_rows
from .sent import by_branch_and_period

STATUS_CODES = tuple(Status.values)
# What a branch has received (every status but draft: "mobilised") and what it has approved or further on
# ("participation"), as the tallies' column names.
SUBMITTED_CODES = tuple(str(code) for code in SUBMITTED_STATUSES)
APPROVED_CODES = tuple(str(code) for code in APPROVED_STATUSES)


def _branch_ids(scope):
    """None for the whole district (no filter), else the subquery of the scope's branches."""
    return None if scope.every_branch else scope.branches.order_by().values("pk")


def _in_scope(scope, column):
    """The raw SQL condition " AND <column> IN (the scope's branches)" and its parameters ("" for every branch)."""
    branch_ids = _branch_ids(scope)
    if branch_ids is None:
        return "", []
    sql, params = branch_ids.query.sql_with_params()
    return f" AND {column} IN ({sql})", list(params)


def _sql_of(queryset):
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def versions(scope):
    """What identifies the state of the data behind the scope's figures: the sum of its branches' tally versions
    and their latest change stamp, and the programme's version and stamp (moved by writes to branches, clusters,
    pledges and periods). Any write the figures depend on changes one of them."""
    programme = scope.programme.pk
    in_scope, branch_params = _in_scope(scope, "t.branch_id")
    params = [programme, programme, programme, *branch_params]
    tallies, programmes = TallyBranch._meta.db_table, TallyProgramme._meta.db_table
    query = (f"SELECT COALESCE(SUM(t.version), 0), COALESCE(MAX(t.changed), 0), "
             f"(SELECT version FROM {programmes} WHERE programme_id = %s), "
             f"(SELECT changed FROM {programmes} WHERE programme_id = %s) "
             f"FROM {tallies} t WHERE t.programme_id = %s{in_scope}")
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return tuple(cursor.fetchone())


class Cell(NamedTuple):
    """The scope's initiatives of one category at one status, sent in one month and period (0: not sent)."""

    category: str
    status: str
    month: int  # yyyymm of the date sent
    period: int  # the number of the period of the date sent
    n: int


def cells(scope):
    """[Cell] over the scope: its body's cells (pending rows folded in first: tallies.fold), else its branches'
    cells added up."""
    if scope.body_path:
        rows = TallyBodyCell.objects.filter(programme=scope.programme, body__path=scope.body_path)
        return [cell for cell in map(Cell._make, rows.values_list("category", "status", "sent_month", "period", "n"))
                if cell.n]
    rows = TallyCell.objects.filter(programme=scope.programme)
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        rows = rows.filter(branch_id__in=branch_ids)
    rows = rows.values_list("category", "status", "sent_month", "period").annotate(total=Sum("n")).order_by()
    return [cell for cell in map(Cell._make, rows) if cell.n]


def with_tally(branches, programme):
    """`branches` with their tally row in `programme` joined as "t" (none: its counts read NULL)."""
    return branches.order_by().annotate(
        t=FilteredRelation("tally_rows", condition=Q(tally_rows__programme=programme)))


def tally_sum(codes):
    """The initiatives at any of the statuses `codes` on the tally row joined by `with_tally` (0 without one)."""
    return Coalesce(sum((F(f"t__{code}") for code in codes[1:]), F(f"t__{codes[0]}")), 0)


class BranchRow(NamedTuple):
    """A branch in scope: what it has submitted, had approved and sent (zeros when it has no initiative), whether
    it has a pledge."""

    id: int
    name: str
    cluster_id: int | None
    cluster_name: str | None
    is_active: bool
    members: int  # the members it declares
    has_pledge: bool
    submitted: int
    approved: int
    sent: int


def branches(scope):
    """[BranchRow] for every branch in scope."""
    programme = scope.programme
    pledged = PledgeTarget.objects.filter(pledge__branch=OuterRef("pk"), pledge__programme=programme)
    rows = with_tally(scope.branches, programme).annotate(
        cluster_name=F("cluster__name"), has_pledge=Exists(pledged), submitted=tally_sum(SUBMITTED_CODES),
        approved=tally_sum(APPROVED_CODES), sent=Coalesce(F(f"t__{Status.SENT_TO_PROVINCE}"), 0),
    )
    columns = ("id", "name", "cluster_id", "cluster_name", "is_active", "member_count", "has_pledge", "submitted",
               "approved", "sent")
    return [BranchRow._make(row) for row in rows.values_list(*columns)]


class ActiveBranches(NamedTuple):
    """The active branches added up: how many, the members they declare, how many have something submitted."""

    active: int
    members: int
    mobilised: int


def active_branches(branches, programme):
    """ActiveBranches over `branches` (a queryset) in `programme`, added up by the database."""
    counts = with_tally(branches.filter(is_active=True), programme).aggregate(
        active=Count("pk"), members=Sum("member_count"),
        mobilised=Count("pk", filter=GreaterThan(tally_sum(SUBMITTED_CODES), 0)))
    return ActiveBranches(counts["active"], counts["members"] or 0, counts["mobilised"])


class BranchDetail(NamedTuple):
    """A row of the branch table shown: its code and kind, its initiatives at each status, its people."""

    id: int
    code: str
    kind: str
    by_status: dict
    participants: int
    authors: int


def branch_details(scope, branch_ids):
    """{branch id: BranchDetail} for the rows of the table shown."""
    counts = {f"n_{name}": Coalesce(F(f"t__{name}"), 0) for name in (*STATUS_CODES, "participants", "authors")}
    rows = with_tally(scope.branches.filter(pk__in=branch_ids), scope.programme).annotate(**counts)
    details = {}
    for branch_id, code, kind, *numbers in rows.values_list("id", "code", "kind", *counts):
        by_status = dict(zip(STATUS_CODES, numbers[:len(STATUS_CODES)], strict=True))
        details[branch_id] = BranchDetail(branch_id, code, kind, by_status, *numbers[len(STATUS_CODES):])
    return details


def sent_by_branch_and_period(scope, branch_ids):
    """{(branch id, period number): sent in that period} for these branches."""
    return by_branch_and_period(scope.programme, branch_ids)


def sent_by_cluster(scope, period):
    """{cluster id: sent in the period} over the scope."""
    rows = sent_rows(scope.programme, branch_ids=_branch_ids(scope), period=period)
    return dict(rows.values_list("branch__cluster_id").annotate(total=Sum("sent")).order_by())


def pledges_of(scope, branch_ids):
    """{(branch id, period id): initiatives pledged} for these branches."""
    rows = PledgeTarget.objects.filter(pledge__programme=scope.programme, pledge__branch_id__in=branch_ids)
    return {(b, p): n for b, p, n in rows.values_list("pledge__branch_id", "period_id", "initiatives")}


class PeriodPledges(NamedTuple):
    """A period's pledges over the active branches in scope."""

    pledged: int  # initiatives pledged
    pledges: int  # branches with a pledge for it
    behind: int  # branches behind their pledge, in the focus period (0 for the others)


NO_PLEDGES = PeriodPledges(0, 0, 0)


def pledges_by_period(scope, focus, elapsed):
    """{period id: PeriodPledges}. Behind: fewer sent in the focus period than the pledge × the share of it gone
    by."""
    programme = scope.programme.pk
    sent_sql, sent_params = _sql_of(
        sent_rows(scope.programme, branch_ids=_branch_ids(scope), period=focus)
        .values("branch_id").annotate(total=Sum("sent")).order_by())
    in_scope, branch_params = _in_scope(scope, "p.branch_id")
    params = [focus.pk if focus else 0, float(elapsed), *sent_params, programme, *branch_params]
    query = (
        "SELECT pt.period_id, SUM(pt.initiatives), COUNT(*), "
        "SUM(CASE WHEN pt.period_id = %s AND pt.initiatives > 0 AND COALESCE(s.total, 0) < pt.initiatives * %s "
        "THEN 1 ELSE 0 END) "
        f"FROM {PledgeTarget._meta.db_table} pt JOIN {Pledge._meta.db_table} p ON p.id = pt.pledge_id "
        f"JOIN {Branch._meta.db_table} b ON b.id = p.branch_id "
        f"LEFT JOIN ({sent_sql}) s ON s.branch_id = p.branch_id "
        f"WHERE p.programme_id = %s AND b.is_active{in_scope} GROUP BY pt.period_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {period_id: PeriodPledges(total or 0, pledges, behind or 0)
                for period_id, total, pledges, behind in cursor}


class Participation(NamedTuple):
    participants: int  # members credited with an approved initiative, each once
    authors: int  # members among its authors, co-authors included, each once


def participation(scope):
    """Participation over the scope."""
    if scope.every_branch:
        return programme_participation(scope.programme)
    if scope.body_path:
        row = (TallyBody.objects.filter(programme=scope.programme, body__path=scope.body_path)
               .values_list("participants", "authors").first())
        return Participation(*(row or (0, 0)))
    counts = TallyPerson.objects.filter(programme=scope.programme, branch_id__in=_branch_ids(scope)).aggregate(
        participants=Count("member_id", distinct=True, filter=Q(credited__gt=0)),
        authors=Count("member_id", distinct=True, filter=Q(authored__gt=0)),
    )
    return Participation(counts["participants"], counts["authors"])


def programme_participation(programme):
    """Participation of the whole programme: the members' rows with a credited (an authored) approved
    initiative, each member once whatever their branches."""
    counts = TallyMember.objects.filter(programme=programme).aggregate(
        participants=Count("pk", filter=Q(credited__gt=0)), authors=Count("pk", filter=Q(authored__gt=0)))
    return Participation(counts["participants"], counts["authors"])


class LeaderRow(NamedTuple):
    """A branch that sent the most in its cluster in a quarter (ties: one row each)."""

    cluster_id: int | None
    cluster_name: str | None
    quarter: int  # year × 10 + quarter, as the tallies store it
    branch_id: int
    branch_name: str
    sent: int


def quarter_leaders(scope, period=None, quarter=None):
    """[LeaderRow]: in each cluster and quarter (or only `quarter`, a quarters.Quarter), the branches in scope that
    sent the most (ties all named), by the date sent (within the period)."""
    rows = sent_rows(scope.programme, branch_ids=_branch_ids(scope), period=period, outside_periods=True)
    if quarter is not None:
        rows = rows.filter(sent_quarter=quarter.tally)
    grouped_sql, params = _sql_of(
        rows.values("sent_quarter", "branch_id", cluster=F("branch__cluster_id")).annotate(n=Sum("sent")).order_by())
    branch, cluster = Branch._meta.db_table, "initiatives_emulationcluster"
    query = (
        "SELECT r.cluster, c.name, r.sent_quarter, r.branch_id, b.name, r.n FROM ("
        "SELECT cluster, sent_quarter, branch_id, n, MAX(n) OVER (PARTITION BY cluster, sent_quarter) AS top "
        f"FROM ({grouped_sql}) g) r "
        f"JOIN {branch} b ON b.id = r.branch_id LEFT JOIN {cluster} c ON c.id = r.cluster "
        "WHERE r.n = r.top AND r.n > 0"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [LeaderRow._make(row) for row in cursor.fetchall()]
