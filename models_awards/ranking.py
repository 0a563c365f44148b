"""Ranking of branches and members for awards (plan IV.1): by initiatives sent to the province and by
their economic benefit, overall, per emulation cluster and per quarter.

Each ranking is one query; ranks are computed in Python over the ordered rows (competition ranking: equal values
share a rank, the next rank skips, 1, 1, 3). Branches are ranked from the tallies (initiatives sent per branch and
quarter with their benefit, kept by triggers: see initiatives/models/tally.py), members from the sent initiatives
grouped by their credited author: neither reads a row per member or per initiative of the whole federation.
"""

from dataclasses import dataclass, replace

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.utils.translation import gettext_lazy as _

from initiatives import access, progress, progress_counts, quarters, sent
from initiatives.models import Initiative, Member, Programme, Status, TallyBranchSent, TallyCreditedSent
from initiatives.quarters import Quarter

COUNTED_STATUS = Status.SENT_TO_PROVINCE
BY_SENT, BY_BENEFIT = "sent", "benefit"
BASES = {
    BY_SENT: _("Initiatives sent to the province"),
    BY_BENEFIT: _("Economic benefit (VND)"),
}
DEFINITION = _(
    "Initiatives with the status “Sent to the province”, counted by their date sent (within the chosen quarter, "
    "if any), and the sum of their estimated economic benefit in VND. A branch counts the initiatives submitted "
    "under it; a member counts those they are the credited author of."
)
MEMBER_LIMIT = 50
SMALL_SCOPE = 100  # branches: up to it, members are ranked from the scope's roster (_sent_by_member_tally): measured
# at a million initiatives, a body of 50 branches 92 -> 16 ms; of 500 branches, the index of the best is faster (160 ms
# from the roster against 10)


def programme_quarters(programme):
    """The quarters in which the programme's initiatives can be sent: from the window's opening to the end
    of its last period."""
    if programme is None:
        return []
    periods = list(programme.periods.all())
    end = max([p.end for p in periods] + [programme.window_end])
    return quarters.between(programme.window_start, end)


@dataclass
class RankRow:
    rank: int
    pk: int
    name: str
    sent: int
    benefit: int
    branch_name: str = ""
    cluster_id: int | None = None
    cluster_name: str = ""


def assign_ranks(rows, basis):
    """Competition ranking over rows already ordered best first."""
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        value = getattr(row, basis)
        if value != previous:
            rank, previous = position, value
        row.rank = rank
    return rows


def _order(basis, name_field):
    other = BY_BENEFIT if basis == BY_SENT else BY_SENT
    return [f"-{basis}", f"-{other}", name_field, "pk"]


def _counted(quarter, cluster_id, programme):
    """The initiatives a ranking counts: sent to the province (within the quarter: sent.initiatives_in)."""
    condition = sent.initiatives_in(quarter) if quarter is not None else Q(status=COUNTED_STATUS)
    if programme is not None:
        condition &= Q(programme=programme)
    if cluster_id is not None:
        condition &= Q(branch__cluster_id=cluster_id)
    return condition


def _sent_tally(field, quarter, programme):
    """Per branch (OuterRef), the tallied initiatives sent (or their benefit), in the quarter and programme."""
    rows = TallyBranchSent.objects.filter(branch=OuterRef("pk"))
    rows = rows.filter(programme=programme) if programme is not None else rows.filter(
        programme_id__in=Programme.objects.values("pk"))
    if quarter is not None:
        rows = rows.filter(sent_quarter=quarter.tally)
    return Coalesce(Subquery(rows.values("branch").annotate(total=Sum(field)).values("total")), 0)


def rank_branches(user, *, basis=BY_SENT, quarter=None, cluster_id=None, programme=None):
    """Every active branch `user` may see, ranked; those with nothing sent rank last, together."""
    basis = basis if basis in BASES else BY_SENT
    branches = access.branches_for(user).filter(is_active=True)
    if cluster_id is not None:
        branches = branches.filter(cluster_id=cluster_id)
    rows = (
        branches.annotate(sent=_sent_tally("sent", quarter, programme),
                          benefit=_sent_tally("benefit", quarter, programme))
        .order_by(*_order(basis, "name"))
        .values("pk", "name", "sent", "benefit", "cluster_id", "cluster__name")
    )
    return assign_ranks(
        [
            RankRow(
                rank=0, pk=r["pk"], name=r["name"], sent=r["sent"], benefit=r["benefit"],
                cluster_id=r["cluster_id"], cluster_name=r["cluster__name"] or "",
            )
            for r in rows
        ],
        basis,
    )


def group_by_cluster(rows, *, basis=BY_SENT):
    """[(cluster name, rows ranked within the cluster)] from rows of `rank_branches` (no further query)."""
    groups = {}
    for row in rows:
        groups.setdefault((row.cluster_name or "", row.cluster_id), []).append(replace(row))  # ranked anew
    ordered = sorted(groups.items(), key=lambda item: (item[0][1] is None, item[0][0]))
    return [(name, assign_ranks(rows, basis if basis in BASES else BY_SENT)) for (name, _pk), rows in ordered]


def _sent_by_member_tally(programme, cluster_id, user):
    """(member, sent, benefit) over a whole programme, of the members `user` may see: from the tally's index of
    the best (the whole programme's best are the scope's when the scope is large), or, for a scope of at most
    SMALL_SCOPE branches, from its roster, each member's tally row read by key — reading the programme's best
    until enough of a small body's turned up grows with the programme (10,000 rows for 50 branches at a
    million initiatives); the roster does not."""
    branch_ids = None if access.sees_everything(user) else access.branch_ids_in_scope(user)
    if branch_ids is not None and len(branch_ids) <= SMALL_SCOPE:
        tally = TallyCreditedSent.objects.filter(programme=programme, member_id=OuterRef("pk"))
        rows = (Member.objects.filter(branch_id__in=sorted(branch_ids))
                .annotate(sent=Subquery(tally.values("sent")), benefit=Subquery(tally.values("benefit")))
                .filter(sent__gt=0))
        if cluster_id is not None:
            rows = rows.filter(branch__cluster_id=cluster_id)
        return rows.values("sent", "benefit", member_id=F("pk"), member_name=F("full_name"),
                           branch_name=F("branch__name"))
    rows = TallyCreditedSent.objects.filter(programme=programme, sent__gt=0)
    if cluster_id is not None:
        rows = rows.filter(member__branch__cluster_id=cluster_id)
    if branch_ids is not None:
        rows = rows.filter(member_id__in=access.members_for(user).values("pk"))
    return rows.values("member_id", "sent", "benefit", member_name=F("member__full_name"),
                       branch_name=F("member__branch__name"))


def _sent_by_member_counted(quarter, cluster_id, programme):
    """(member, sent, benefit) counted from the initiatives sent (within a quarter: a few thousand rows)."""
    counted = Initiative.objects.filter(_counted(quarter, cluster_id, programme), credited_author__isnull=False)
    return (counted.order_by()
            .values(member_id=F("credited_author_id"), member_name=F("credited_author__full_name"),
                    branch_name=F("credited_author__branch__name"))
            .annotate(sent=Count("pk"), benefit=Coalesce(Sum("economic_benefit_vnd"), 0)))


def rank_members(user, *, basis=BY_SENT, quarter=None, cluster_id=None, programme=None, limit=MEMBER_LIMIT):
    """Members `user` may see who are credited with at least one counted initiative, best first: over a whole
    programme from the tally of what each member sent, within a quarter from the initiatives sent in it."""
    basis = basis if basis in BASES else BY_SENT
    other = BY_BENEFIT if basis == BY_SENT else BY_SENT
    if quarter is None and programme is not None:
        rows = _sent_by_member_tally(programme, cluster_id, user)
    else:
        rows = _sent_by_member_counted(quarter, cluster_id, programme)
        if not access.sees_everything(user):
            rows = rows.filter(member_id__in=access.members_for(user).values("pk"))
    rows = rows.order_by(f"-{basis}", f"-{other}", "member_name", "member_id")[:limit]
    return assign_ranks(
        [RankRow(rank=0, pk=r["member_id"], name=r["member_name"], sent=r["sent"], benefit=r["benefit"],
                 branch_name=r["branch_name"]) for r in rows],
        basis,
    )


def cluster_leaders_by_quarter(user, *, programme=None):
    """{(cluster name, quarter key): (count, [branch names])}: in each cluster and quarter, the branches that sent
    the most initiatives (ties all named). One query (over the tallies, for a programme)."""
    if programme is not None:
        scope = progress.scope_for_user(user, programme)
        best = {}
        for row in progress_counts.quarter_leaders(scope):
            if row.cluster_name is None:
                continue
            key = (row.cluster_name, Quarter.of_tally(row.quarter).key)
            best.setdefault(key, (row.sent, []))[1].append(row.branch_name)
        return {key: (count, sorted(names)) for key, (count, names) in best.items()}
    initiatives = access.initiatives_for(user).filter(status=COUNTED_STATUS, sent_to_province_date__isnull=False)
    rows = (
        initiatives.filter(branch__cluster__isnull=False)
        .annotate(y=ExtractYear("sent_to_province_date"), q=ExtractQuarter("sent_to_province_date"))
        .order_by()
        .values("branch__cluster__name", "branch__name", "y", "q")
        .annotate(n=Count("pk"))
    )
    best = {}
    for row in rows:
        key = (row["branch__cluster__name"], Quarter(row["y"], row["q"]).key)
        top = best.get(key)
        if top is None or row["n"] > top[0]:
            best[key] = (row["n"], [row["branch__name"]])
        elif row["n"] == top[0]:
            top[1].append(row["branch__name"])
    return {key: (count, sorted(names)) for key, (count, names) in best.items()}
