"""What the admin's lists of initiatives need at national scale: branch and cluster filters that do not list five
thousand links, and the count of a filtered list from the tallies rather than COUNT(*) over a million rows."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import access
from ..collation import by_vietnamese
from ..models import EmulationCluster
from ..paging import LargeListPaginator, long_list
from ..selectors import tally_count

BRANCH_PARAMETER = "branch__id__exact"  # the same as Django's own branch filter, so links keep working
# The list's parameters that the tallies can count by (anything else: the paginator counts).
TALLY_PARAMETERS = {"status", "category__exact", BRANCH_PARAMETER, "o", "p"}


def many(queryset):
    """Whether `queryset` has more rows than a select can usefully offer (reads at most long_list() + 1 keys)."""
    return queryset.order_by().values_list("pk", flat=True)[:long_list() + 1].count() > long_list()


class ClusterFilter(admin.SimpleListFilter):
    title = _("emulation cluster")
    parameter_name = "cluster"

    def lookups(self, request, model_admin):
        clusters = EmulationCluster.objects.filter(pk__in=access.branches_for(request.user).values("cluster_id"))
        return list(clusters.order_by(by_vietnamese("name")).values_list("pk", "name"))

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(branch__cluster_id=value) if value and value.isdigit() else queryset


class BranchFilter(admin.SimpleListFilter):
    """The user's branches; when there are thousands, those of the cluster chosen (and the branch chosen)."""

    title = _("branch")
    parameter_name = BRANCH_PARAMETER

    def lookups(self, request, model_admin):
        branches = access.branches_for(request.user).order_by(by_vietnamese("name"))
        rows = list(branches.values_list("pk", "name")[:long_list() + 1])
        if len(rows) <= long_list():
            return rows
        cluster = request.GET.get(ClusterFilter.parameter_name, "")
        chosen = request.GET.get(self.parameter_name, "")
        narrowed = branches.filter(cluster_id=cluster) if cluster.isdigit() else branches.none()
        if chosen.isdigit():
            narrowed = narrowed | branches.filter(pk=chosen)
        return list(narrowed.values_list("pk", "name"))

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(branch_id=value) if value and value.isdigit() else queryset


def tally_count_for(request):
    """The count of the admin's initiative list from the tallies, when its filters allow it; else None."""
    if set(request.GET) - TALLY_PARAMETERS:
        return None
    user = request.user
    branch = request.GET.get(BRANCH_PARAMETER, "")
    body_path = access.whole_body_path(user)  # one body's whole subtree: its own tallies
    if body_path is not None and not branch:
        return tally_count(body_path=body_path, status=request.GET.get("status") or None,
                           category=request.GET.get("category__exact") or None)
    branch_ids = access.branch_ids_in_scope(user)
    if branch.isdigit():
        branch_ids = {int(branch)} if branch_ids is None else branch_ids & {int(branch)}
    return tally_count(branch_ids=branch_ids, status=request.GET.get("status") or None,
                       category=request.GET.get("category__exact") or None)


def paginator_for(request, queryset, per_page, orphans=0, allow_empty_first_page=True):
    return LargeListPaginator(queryset, per_page, orphans, allow_empty_first_page, count=tally_count_for(request))
