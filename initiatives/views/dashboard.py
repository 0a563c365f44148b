"""The progress dashboard (DESIGN section 5): the district's view for the district office, the branch view for
an officer, as a page of figures and tables and as the JSON its charts read. Both count the same way:
`progress.compute` over a scope that starts from `access`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import access, dashboard_panels, progress
from ..dashboard_forms import DashboardFilterForm
from ..models import Category, Programme, Status


def may_see_dashboard(user):
    """The district office and branch officers; a member has no dashboard."""
    return access.is_district(user) or access.is_officer(user)


def current_programme():
    programme = Programme.objects.filter(is_current=True).order_by("-window_start").prefetch_related("periods").first()
    if programme is None:
        raise Http404("No current programme.")
    return programme


def _figures(request):
    if not may_see_dashboard(request.user):
        raise PermissionDenied
    programme = current_programme()
    form = DashboardFilterForm(request.GET or None, user=request.user, periods=programme.periods.all())
    chosen = form.filters()
    scope = progress.scope_for_user(request.user, programme, **chosen)
    figures = progress.compute(scope)
    panels = dashboard_panels.collect(request, scope)
    return programme, form, chosen, scope, figures, panels


def scope_title(user, chosen, figures):
    if chosen["branch"] is not None:
        return chosen["branch"].name
    if chosen["cluster"] is not None:
        return chosen["cluster"].name
    if access.is_district(user):
        return _("Whole district")
    return "; ".join(row["name"] for row in figures["by_branch"])


@login_required
def dashboard(request):
    programme, form, chosen, scope, figures, panels = _figures(request)
    query = request.GET.urlencode()
    json_url = reverse("dashboard-progress-json") + (f"?{query}" if query else "")
    return render(request, "initiatives/dashboard.html", {
        "programme": programme,
        "form": form,
        "filter_fields": form.options(),
        "chosen": chosen,
        "scope_title": scope_title(request.user, chosen, figures),
        "figures": figures,
        "is_district": access.is_district(request.user),
        "status_rows": [(code, label, figures["by_status"][code]) for code, label in Status.choices],
        "category_rows": [
            (code, label, figures["by_category"][code], figures["by_category_submitted"][code])
            for code, label in Category.choices
        ],
        "quarter_rows": list(figures["by_quarter"].items()),
        "panels": dashboard_panels.render(request, panels),
        "json_url": json_url,
        "definitions": figures["definitions"],
    })


@login_required
def progress_json(request):
    _programme, _form, _chosen, _scope, figures, panels = _figures(request)
    figures["panels"] = dashboard_panels.data(panels)
    response = JsonResponse(figures, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
