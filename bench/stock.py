"""The stock Django way, for comparison in bench/scale_bench.py: what a first version would do on the same data.

- `stock_site`: an AdminSite with a ModelAdmin for initiatives and no tuning at all (default paginator with its
  COUNT(*), the full result count, no list_select_related, the eligibility column reading each row's authors
  with a query of its own, search with `icontains`), scoped like the portal's admin so both show the same rows.
- `dashboard_figures_loop`: the dashboard's main figures from a plain ORM loop over the initiatives in scope.
- `ranking_grouped`: the awards ranking grouped over the initiatives sent.
- `urlpatterns`: the portal's URLs plus /stock-admin/.
"""

from collections import Counter

from django.contrib import admin
from django.db.models import Count, Q, Sum
from django.urls import include, path

from initiatives import access, eligibility
from initiatives.models import APPROVED_STATUSES, SUBMITTED_STATUSES, Branch, Initiative, Status


class StockSite(admin.AdminSite):
    site_header = "Stock admin (benchmark)"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_staff


stock_site = StockSite(name="stock_admin")


class StockInitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "branch", "credited_author", "category", "status", "eligible", "application_date",
                    "sent_to_province_date")
    list_filter = ("status", "category", "application_date", "sent_to_province_date")
    search_fields = ("search_text",)

    def get_queryset(self, request):
        # The same rows as the portal's admin; everything else as Django ships it.
        return access.reviewable_initiatives_for(request.user)

    def get_list_filter(self, request):
        return (*self.list_filter, "branch") if access.is_district(request.user) else self.list_filter

    @admin.display(description="eligible")
    def eligible(self, obj):
        return not eligibility.check(obj, authors=list(obj.authors.all()))

    def has_view_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


stock_site.register(Initiative, StockInitiativeAdmin)

urlpatterns = [
    path("stock-admin/", stock_site.urls),
    path("", include("vinhlinh_portal.urls")),
]


def dashboard_figures_loop(initiatives, periods):
    """The dashboard's headline figures the plain way: read every initiative in scope (and its authors) and add
    up in Python. Returns what the page shows at the top: by status, by category, by branch, per period,
    participants and authors."""
    by_status, by_category, by_branch, per_period = Counter(), Counter(), Counter(), Counter()
    participants, authors = set(), set()
    for initiative in initiatives.prefetch_related("authors").iterator(chunk_size=2000):
        by_status[initiative.status] += 1
        if initiative.status in SUBMITTED_STATUSES:
            by_branch[initiative.branch_id] += 1
        if initiative.status == Status.SENT_TO_PROVINCE:
            by_category[initiative.category] += 1
            for period in periods:
                if initiative.sent_to_province_date and period.start <= initiative.sent_to_province_date <= period.end:
                    per_period[period.number] += 1
        if initiative.status in APPROVED_STATUSES:
            for author in initiative.authors.all():
                authors.add(author.member_id)
                if author.member_id == initiative.credited_author_id:
                    participants.add(author.member_id)
    return {"by_status": by_status, "by_category": by_category, "by_branch": by_branch, "periods": per_period,
            "participants": len(participants), "authors": len(authors)}


def ranking_grouped(programme, limit=50):
    """The awards ranking the plain ORM way: every active branch with its initiatives sent grouped and summed, and
    the members credited with the most, grouped over the initiatives sent (no tallies)."""
    sent = Q(initiatives__status=Status.SENT_TO_PROVINCE, initiatives__programme=programme)
    branches = list(
        Branch.objects.filter(is_active=True)
        .annotate(sent=Count("initiatives", filter=sent), benefit=Sum("initiatives__economic_benefit_vnd", filter=sent))
        .order_by("-sent", "-benefit", "name", "pk").values("pk", "name", "cluster__name", "sent", "benefit"))
    members = list(
        Initiative.objects.filter(status=Status.SENT_TO_PROVINCE, programme=programme, credited_author__isnull=False)
        .values("credited_author_id", "credited_author__full_name", "credited_author__branch__name")
        .annotate(sent=Count("pk"), benefit=Sum("economic_benefit_vnd"))
        .order_by("-sent", "-benefit", "credited_author__full_name")[:limit])
    return branches, members


def normal_mode_export(queryset, path):
    """The usual first attempt at the initiatives list: every row loaded at once, then openpyxl's normal
    (in-memory) workbook with the list's date and money formats."""
    from openpyxl import Workbook

    from reporting import columns, exports
    from reporting import workbook as wb

    fields = columns.list_columns()
    labels = exports.choice_labels()
    records = list(queryset.order_by(*exports.LIST_ORDER).values(*exports.LIST_FIELDS))
    authors = exports.authors_of(queryset.values("pk"))
    book = Workbook()
    sheet = book.active
    sheet.append([str(column.header) for column in fields])
    formats = {index: {wb.DATE: wb.DATE_FORMAT, wb.MONEY: wb.MONEY_FORMAT}.get(column.kind)
               for index, column in enumerate(fields, 1)}
    for number, record in enumerate(records, 1):
        sheet.append(exports.initiative_row(number, record, authors.get(record["pk"], ()), labels))
        for index, number_format in formats.items():
            if number_format:
                sheet.cell(row=number + 1, column=index).number_format = number_format
    book.save(path)
    return len(records)
