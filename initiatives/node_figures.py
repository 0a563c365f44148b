"""Each level sees its own: a union body's figures over its subtree, with each child (a body under it, or a
branch directly under it) as a row, and the programmes that cover it.

Figures come from the per-branch tallies (TallyBranch), summed over the subtree through the tree's path index:
one grouped query for every child row, whatever the depth or the number of branches. A merged branch's row is
folded into the branch it merged into from the merger's date (reorganisation.counting_branch)."""

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Substr
from django.db.models.lookups import GreaterThan

from . import programmes, progress, progress_counts, sent, tallies
from .models import Federation, Reorganisation, Status, TallyBodyCell
from .models.tally import NOT_SENT


def breadcrumbs(node):
    """The bodies from the root down to `node`: one query on the path's prefixes."""
    return list(Federation.objects.filter(path__in=programmes.ancestor_paths(node.path)).order_by("depth"))


def _sum(expression):
    return Coalesce(Sum(expression), 0)


def children(node, programme, branches, today):
    """One row per child of `node` within `branches` (the viewer's scope): each body directly under it with its
    subtree's figures, and each branch directly under it. Two queries (the child bodies; the grouped sums)."""
    child_nodes = list(Federation.objects.get_children(node).filter(dissolved_on__isnull=True))
    width = len(node.path) + Federation.steplen
    submitted = progress_counts.tally_sum(progress_counts.SUBMITTED_CODES)
    # A branch directly under the node is its own row (a merged one counts for the branch it merged into).
    own_row = Case(
        When(federation_id=node.pk, merged_into__isnull=False, merged_on__lte=today, then=F("merged_into_id")),
        When(federation_id=node.pk, then=F("pk")),
        default=Value(None), output_field=IntegerField(),
    )
    own_name = Case(
        When(federation_id=node.pk, merged_into__isnull=False, merged_on__lte=today, then=F("merged_into__name")),
        When(federation_id=node.pk, then=F("name")),
        default=Value(""),
    )
    rows = (
        progress_counts.with_tally(branches.filter(federation__path__startswith=node.path), programme)
        .annotate(prefix=Substr("federation__path", 1, width), own=own_row)
        .values("prefix", "own")
        .annotate(
            branch_count=Count("pk", filter=Q(is_active=True)),
            members=_sum(Case(When(is_active=True, then=F("member_count")), default=Value(0))),
            mobilised=Count("pk", filter=Q(GreaterThan(submitted, 0), is_active=True)),
            submitted=_sum(submitted), approved=_sum(progress_counts.tally_sum(progress_counts.APPROVED_CODES)),
            sent=_sum(F(f"t__{Status.SENT_TO_PROVINCE}")),
            participants=_sum(F("t__participants")),
            branch_name=Max(own_name),  # a branch's own row: its name, read along
        )
    )
    by_node, by_branch, names = {}, {}, {}
    for row in rows:
        if row["own"] is not None:
            names[row["own"]] = row["branch_name"]
        target = by_branch if row["own"] is not None else by_node
        key = row["own"] if row["own"] is not None else row["prefix"]
        into = target.setdefault(key, dict.fromkeys(
            ("branch_count", "members", "mobilised", "submitted", "approved", "sent", "participants"), 0))
        for field in into:
            into[field] += row[field] or 0
    result = []
    for child in child_nodes:
        figures = by_node.get(child.path)
        if figures is None:
            continue  # nothing of this body lies in the viewer's scope
        result.append({"kind": "federation", "id": child.pk, "name": child.name, **_rates(figures)})
    for branch_id, figures in by_branch.items():
        result.append({"kind": "branch", "id": branch_id, "name": names.get(branch_id, ""), **_rates(figures)})
    return result


def _rates(figures):
    members, active = figures["members"], figures["branch_count"]
    return {**figures,
            "participation_rate": figures["participants"] / members if members else None,
            "mobilised_rate": figures["mobilised"] / active if active else None}


def sent_by_child_and_period(node, programme, branches, today, *, whole=False):
    """{(kind, id, period number): sent to the province in that period} for each child of `node` within
    `branches`, read from the per-branch tallies by the same path prefix as `children`: one grouped query. With
    `whole` (`branches` are the node's whole subtree), the child bodies' figures are their own tallies' (after
    folding what writes left pending) and only the branches directly under the node are read per branch: what is
    read no longer grows with what each branch has sent (the province at a million: 76,874 rows, 125 ms)."""
    if whole:
        tallies.fold()
        return _sent_by_child_body(node, programme, today)
    width = len(node.path) + Federation.steplen
    own_row = Case(
        When(branch__federation_id=node.pk, branch__merged_into__isnull=False, branch__merged_on__lte=today,
             then=F("branch__merged_into_id")),
        When(branch__federation_id=node.pk, then=F("branch_id")),
        default=Value(None), output_field=IntegerField(),
    )
    rows = (
        sent.branch_rows(programme, branch_ids=branches.order_by().values("pk"))
        .filter(branch__federation__path__startswith=node.path)
        .annotate(prefix=Substr("branch__federation__path", 1, width), own=own_row)
        .values_list("prefix", "own", "period").annotate(total=Sum("sent")).order_by()
    )
    by_prefix = {}
    result = {}
    for prefix, own, period, total in rows:
        if own is not None:
            key = ("branch", own, period)
            result[key] = result.get(key, 0) + total
        else:
            by_prefix[(prefix, period)] = by_prefix.get((prefix, period), 0) + total
    if by_prefix:
        ids = dict(Federation.objects.filter(path__in={prefix for prefix, _period in by_prefix})
                   .values_list("path", "pk"))
        for (prefix, period), total in by_prefix.items():
            if prefix in ids:
                result[("federation", ids[prefix], period)] = total
    return result


def _sent_by_child_body(node, programme, today):
    """sent_by_child_and_period of the node's whole subtree, its bodies' pending rows folded in already."""
    rows = (TallyBodyCell.objects.filter(programme=programme, status=Status.SENT_TO_PROVINCE,
                                         body__path__startswith=node.path, body__depth=node.depth + 1)
            .exclude(period=NOT_SENT).values_list("body_id", "period").annotate(total=Sum("n")).order_by())
    result = {("federation", body_id, period): total for body_id, period, total in rows if total}
    own_row = Case(When(branch__merged_into__isnull=False, branch__merged_on__lte=today,
                        then=F("branch__merged_into_id")), default=F("branch_id"), output_field=IntegerField())
    own = (sent.branch_rows(programme).filter(branch__federation_id=node.pk).annotate(own=own_row)
           .values_list("own", "period").annotate(total=Sum("sent")).order_by())
    for branch_id, period, total in own:
        key = ("branch", branch_id, period)
        result[key] = result.get(key, 0) + total
    return result


def _sent_of_children(node, programme, branches, today, whole):
    # The dashboard's figures were counted just before (which folds the pending rows), or found under the same
    # versions of the data (no write left pending since): the bodies' rows are current without folding again.
    if whole:
        return _sent_by_child_body(node, programme, today)
    return sent_by_child_and_period(node, programme, branches, today)


def children_and_sent(node, programme, branches, today, version=None, *, whole=False):
    """`children` and `sent_by_child_and_period` together, for the dashboard after its figures (with `whole`, the
    bodies' rows are current: see sent_by_child_and_period), remembered in the cache beside the dashboard's own
    figures: under their `version` (progress.compute_cached: the tallies' versions, the day, the language and the
    scope) and the tree's latest recorded change (a body set up, renamed, moved, merged or dissolved regroups the
    rows without a tally moving). A look at unchanged data then reads neither again: at a province's 10,000
    branches they are the page's two largest reads. Without a version (the cache off) both are read."""
    seconds = progress.cache_seconds()
    if not version or not seconds:
        return (children(node, programme, branches, today),
                _sent_of_children(node, programme, branches, today, whole))
    latest = Reorganisation.objects.aggregate(latest=Max("pk"))["latest"]
    key = f"node-children:{version}:{node.pk}:{latest}"
    found = cache.get(key)
    if found is None:
        found = (children(node, programme, branches, today),
                 _sent_of_children(node, programme, branches, today, whole))
        cache.set(key, found, seconds)
    return found
