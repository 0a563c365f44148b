"""What the dashboard adds up, read from the tallies (models/tally.py): a fixed number of small queries, never a
row per initiative. A `progress.Scope` says what is counted; its querysets start from `access`.

Each function is one query. Those over every branch in scope return one short tuple per branch (a few thousand
at national scale); everything else comes back already added up by the database.
"""

from django.db import connection
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from .models import (
    Branch,
    Pledge,
    PledgeTarget,
    Status,
    TallyBranch,
    TallyBranchSent,
    TallyCell,
    TallyMember,
    TallyPerson,
    TallyProgramme,
)

STATUS_CODES = tuple(Status.values)


def _branch_ids(scope):
    """None for the whole district (no filter), else the subquery of the scope's branches."""
    return None if scope.every_branch else scope.branches.order_by().values("pk")


def versions(scope):
    """What identifies the state of the data behind the scope's figures: the sum of its branches' tally versions
    and their latest change stamp, and the programme's version and stamp (moved by writes to branches, clusters,
    pledges and periods). Any write the figures depend on changes one of them."""
    programme = scope.programme.pk
    params = [programme, programme, programme]
    in_scope = ""
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        sql, branch_params = branch_ids.query.sql_with_params()
        in_scope = f" AND t.branch_id IN ({sql})"
        params.extend(branch_params)
    tallies, programmes = TallyBranch._meta.db_table, TallyProgramme._meta.db_table
    query = (f"SELECT COALESCE(SUM(t.version), 0), COALESCE(MAX(t.changed), 0), "
             f"(SELECT version FROM {programmes} WHERE programme_id = %s), "
             f"(SELECT changed FROM {programmes} WHERE programme_id = %s) "
             f"FROM {tallies} t WHERE t.programme_id = %s{in_scope}")
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return tuple(cursor.fetchone())


def cells(scope):
    """[(category, status, sent_month, period, n)] over the scope: its branches' cells added up."""
    rows = TallyCell.objects.filter(programme=scope.programme)
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        rows = rows.filter(branch_id__in=branch_ids)
    rows = rows.values_list("category", "status", "sent_month", "period").annotate(total=Sum("n")).order_by()
    return [row for row in rows if row[4]]


def _with_tally(branches, programme):
    return branches.order_by().annotate(
        t=FilteredRelation("tally_rows", condition=Q(tally_rows__programme=programme)))


def _sum_of(codes):
    return Coalesce(sum((F(f"t__{code}") for code in codes[1:]), F(f"t__{codes[0]}")), 0)


# The columns of `branches`, in order.
BRANCH_COLUMNS = ("id", "name", "cluster_id", "cluster_name", "is_active", "member_count", "has_pledge",
                  "submitted", "approved", "sent")


def branches(scope, submitted_codes, approved_codes):
    """Every branch in scope, with what it has submitted, had approved and sent (zeros when it has no initiative)
    and whether it has a pledge: tuples in BRANCH_COLUMNS order."""
    programme = scope.programme
    pledged = PledgeTarget.objects.filter(pledge__branch=OuterRef("pk"), pledge__programme=programme)
    rows = _with_tally(scope.branches, programme).annotate(
        cluster_name=F("cluster__name"), has_pledge=Exists(pledged), submitted=_sum_of(submitted_codes),
        approved=_sum_of(approved_codes), sent=Coalesce(F(f"t__{Status.SENT_TO_PROVINCE}"), 0),
    )
    return list(rows.values_list(*BRANCH_COLUMNS))


# The columns of `branch_details`, in order.
DETAIL_COLUMNS = ("id", "code", "kind", *STATUS_CODES, "participants", "authors")


def branch_details(scope, branch_ids):
    """{branch id: tuple in DETAIL_COLUMNS order}: each status and the people, for the rows of the table shown."""
    counts = {f"n_{name}": Coalesce(F(f"t__{name}"), 0) for name in (*STATUS_CODES, "participants", "authors")}
    rows = _with_tally(scope.branches.filter(pk__in=branch_ids), scope.programme).annotate(**counts)
    return {row[0]: row for row in rows.values_list("id", "code", "kind", *counts)}


def sent_by_branch_and_period(scope, branch_ids):
    """{(branch id, period number): sent} for these branches."""
    rows = (TallyBranchSent.objects.filter(programme=scope.programme, branch_id__in=branch_ids)
            .values_list("branch_id", "period").annotate(total=Sum("sent")).order_by())
    return {(branch_id, period): total for branch_id, period, total in rows}


def sent_by_cluster(scope, period):
    """{cluster id: sent in the period} over the scope."""
    rows = TallyBranchSent.objects.filter(programme=scope.programme, period=period.number)
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        rows = rows.filter(branch_id__in=branch_ids)
    return dict(rows.values_list("branch__cluster_id").annotate(total=Sum("sent")).order_by())


def pledges_of(scope, branch_ids):
    """{(branch id, period id): initiatives pledged} for these branches."""
    rows = PledgeTarget.objects.filter(pledge__programme=scope.programme, pledge__branch_id__in=branch_ids)
    return {(b, p): n for b, p, n in rows.values_list("pledge__branch_id", "period_id", "initiatives")}


def pledges_by_period(scope, focus, elapsed):
    """{period id: (initiatives pledged by the active branches in scope, pledges, branches behind their pledge in
    the focus period)}. Behind: fewer sent in the focus period than the pledge × the share of it gone by."""
    programme = scope.programme.pk
    params = [focus.pk if focus else 0, float(elapsed), focus.number if focus else 0, programme, programme]
    in_scope = ""
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        sql, branch_params = branch_ids.query.sql_with_params()
        in_scope = f" AND p.branch_id IN ({sql})"
        params.extend(branch_params)
    query = (
        "SELECT pt.period_id, SUM(pt.initiatives), COUNT(*), "
        "SUM(CASE WHEN pt.period_id = %s AND pt.initiatives > 0 AND COALESCE(s.sent, 0) < pt.initiatives * %s "
        "THEN 1 ELSE 0 END) "
        f"FROM {PledgeTarget._meta.db_table} pt JOIN {Pledge._meta.db_table} p ON p.id = pt.pledge_id "
        f"JOIN {Branch._meta.db_table} b ON b.id = p.branch_id "
        f"LEFT JOIN (SELECT branch_id, SUM(sent) AS sent FROM {TallyBranchSent._meta.db_table} "
        "WHERE period = %s AND programme_id = %s GROUP BY branch_id) s ON s.branch_id = p.branch_id "
        f"WHERE p.programme_id = %s AND b.is_active{in_scope} GROUP BY pt.period_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {period_id: (total or 0, pledges, behind or 0) for period_id, total, pledges, behind in cursor}


def participation(scope):
    """(participants, authors): members counted once over the scope."""
    if scope.every_branch:
        return programme_participation(scope.programme)
    counts = TallyPerson.objects.filter(programme=scope.programme, branch_id__in=_branch_ids(scope)).aggregate(
        participants=Count("member_id", distinct=True, filter=Q(credited__gt=0)),
        authors=Count("member_id", distinct=True, filter=Q(authored__gt=0)),
    )
    return counts["participants"], counts["authors"]


def programme_participation(programme):
    """(participants, authors) of the whole programme: the members' rows with a credited (an authored) approved
    initiative, each member once whatever their branches."""
    counts = TallyMember.objects.filter(programme=programme).aggregate(
        participants=Count("pk", filter=Q(credited__gt=0)), authors=Count("pk", filter=Q(authored__gt=0)))
    return counts["participants"], counts["authors"]


def quarter_leaders(scope, period=None, quarter=None):
    """[(cluster id, cluster name, quarter (year × 10 + q), branch id, branch name, sent)]: in each cluster and
    quarter (or only that quarter, year × 10 + q), the branches in scope that sent the most (ties all named), by
    the date sent (within the period)."""
    params = [scope.programme.pk]
    conditions = ["s.programme_id = %s"]
    if period is not None:
        conditions.append("s.period = %s")
        params.append(period.number)
    if quarter is not None:
        conditions.append("s.sent_quarter = %s")
        params.append(quarter)
    branch_ids = _branch_ids(scope)
    if branch_ids is not None:
        sql, branch_params = branch_ids.query.sql_with_params()
        conditions.append(f"s.branch_id IN ({sql})")
        params.extend(branch_params)
    sent, branch, cluster = TallyBranchSent._meta.db_table, Branch._meta.db_table, "initiatives_emulationcluster"
    query = (
        "SELECT r.cluster_id, c.name, r.sent_quarter, r.branch_id, b.name, r.n FROM ("
        "SELECT cluster_id, sent_quarter, branch_id, n, MAX(n) OVER (PARTITION BY cluster_id, sent_quarter) AS top "
        "FROM (SELECT b.cluster_id, s.sent_quarter, s.branch_id, SUM(s.sent) AS n "
        f"FROM {sent} s JOIN {branch} b ON b.id = s.branch_id WHERE {' AND '.join(conditions)} "
        "GROUP BY b.cluster_id, s.sent_quarter, s.branch_id) g) r "
        f"JOIN {branch} b ON b.id = r.branch_id LEFT JOIN {cluster} c ON c.id = r.cluster_id "
        "WHERE r.n = r.top AND r.n > 0"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()
