"""The progress dashboard (DESIGN section 5): the district's view for the district office, the branch view for
an officer, as a page of figures and tables and as the JSON its charts read. Both count the same way:
`progress.compute` over a scope that starts from `access`."""

import rules
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import (
    access,
    dashboard_panels,
    node_figures,
    permissions,
    programmes,
    progress,
    quarters,
    reorganisation,
    targets,
)
from ..dashboard_forms import DashboardFilterForm
from ..models import Category, Programme, Status
from ..paging import long_list
from . import reorganisation as reorganisation_views
from .params import parse_id


def current_programme():
    """The programme under way with its periods, for the pages that need one (404 before one is set up)."""
    programme = Programme.current(with_periods=True)
    if programme is None:
        raise Http404("No current programme.")
    return programme


BRANCH_PAGE = "branch_page"
LEADERS_QUARTER = "leaders_quarter"


def chosen_node(request):
    """The union body the dashboard is about: `?federation=<id>` (one the viewer oversees, else 404), else the
    viewer's own body for upper-union staff, else None (a branch officer's branches)."""
    user = request.user
    wanted = request.GET.get("federation")
    if wanted is not None:
        node = access.nodes_for(user).filter(pk=parse_id(wanted)).first() if parse_id(wanted) else None
        if node is None:
            raise Http404("No such union body in your scope.")
        return node, True
    return (access.home_node(user), False) if access.is_district(user) else (None, False)


def chosen_programme(request, node):
    """(`?programme=<id>` (one covering the body, else 404), else the body's latest open programme; the programmes
    covering the body, read once with their periods)."""
    wanted = request.GET.get("programme")
    covering = (list(programmes.covering(node).prefetch_related("periods"))
                if node is not None else None)
    if wanted is None:
        # A branch officer's: their branch's body's latest open programme (the Vĩnh Linh plan for Vĩnh Linh's).
        programme = (programmes.latest_for(node, covering) if node is not None
                     else programmes.for_viewer(request.user))
        return programme or current_programme(), covering
    candidates = covering if covering is not None else list(Programme.objects.prefetch_related("periods"))
    programme = next((p for p in candidates if p.pk == parse_id(wanted)), None)
    if programme is None:
        raise Http404("No such programme for this union body.")
    return programme, covering


def _figures(request):
    permissions.require(request.user, "initiatives.view_dashboard")
    node, node_chosen = chosen_node(request)
    programme, covering = chosen_programme(request, node)
    form = DashboardFilterForm(request.GET or None, user=request.user, periods=programme.periods.all())
    chosen = form.filters()
    scope = progress.scope_for_user(request.user, programme, node=node if node_chosen else None, **chosen)
    # A province or the whole federation has thousands of branches: the branch table shows one page of them and
    # the leading branches one quarter at a time (every other figure covers the whole scope).
    leaders_quarter = quarters.clean_key(request.GET.get(LEADERS_QUARTER)) or progress.AUTO
    figures = progress.compute_cached(scope, branch_page=parse_id(request.GET.get(BRANCH_PAGE)) or 1,
                                      leaders_quarter=leaders_quarter, long_list=long_list())
    panels = dashboard_panels.collect(request, scope)
    figures["federation"] = node_payload(node, programme, covering or [])
    figures["federation_node"] = node
    children, sent_by_period = (node_figures.children_and_sent(node, programme, scope.branches, scope.today,
                                                               figures.get("version"),
                                                               whole=scope.body_path == node.path)
                                if node else ([], {}))
    figures["children"] = children
    if children:
        # Each child's target (given by the body, else a branch's accepted pledge) and its pace, round by round.
        targets.for_children(node, programme, list(programme.periods.all()), children, sent_by_period)
    return programme, form, chosen, scope, figures, panels


HISTORY_ROWS = 20


def node_history(node):
    """The latest reorganisations of the body's subtree, newest first (one query)."""
    return list(reorganisation.history_of(node)[:HISTORY_ROWS]) if node is not None else []


def branch_of_page(user, chosen):
    """The one branch the dashboard is about, if any: the one chosen, else a branch officer's only branch."""
    if chosen["branch"] is not None:
        return chosen["branch"]
    ids = access.officer_branch_ids(user)
    if not access.is_district(user) and len(ids) == 1:
        return access.branches_for(user).filter(pk__in=ids).first()
    return None


def reachable_nodes(user, payload):
    """The ids of the breadcrumbs' bodies the viewer may open (those above their own are names only): from the
    paths, no query."""
    if payload is None:
        return set()
    return {crumb["id"] for crumb in payload["breadcrumbs"] if access.oversees_node(user, crumb["node"])}


def node_payload(node, programme, covering):
    """The body the figures are about, its way back up (breadcrumbs) and the programmes that cover it."""
    if node is None:
        return None
    return {
        "id": node.pk, "name": node.name, "short_name": node.short_name, "depth": node.depth,
        "breadcrumbs": [{"id": n.pk, "name": n.name, "node": n} for n in node_figures.breadcrumbs(node)],
        "programme": {"id": programme.pk, "name": programme.name},
        "programmes": [{"id": p.pk, "name": p.name, "is_current": p.is_current} for p in covering],
    }


def branch_choices(queryset, figures, chosen):
    """The branches to offer in the filter: all of them, or, when there are thousands, those of the chosen
    cluster, else those in the table's page (and the one chosen)."""
    rows = list(queryset.values_list("pk", "name")[:long_list() + 1])
    if len(rows) <= long_list():
        return rows
    if chosen["cluster"] is not None:
        return list(queryset.filter(cluster=chosen["cluster"]).values_list("pk", "name"))
    shown = [(row["id"], row["name"]) for row in figures["by_branch"]]
    if chosen["branch"] is not None and chosen["branch"].pk not in {pk for pk, _name in shown}:
        shown.insert(0, (chosen["branch"].pk, chosen["branch"].name))
    return shown


def filter_fields(form, figures, chosen):
    """[(name, label, [(value, text, selected)])]: the filters' selects, written out plainly by the template; and,
    for thousands of branches, which page of the branch table and which quarter's leaders to show."""
    fields = []
    for name, field in form.fields.items():
        current = form[name].value()
        current = "" if current is None else str(current)
        if name == "period":
            choices = field.choices
        elif name == "branch":
            choices = [("", field.empty_label), *branch_choices(field.queryset, figures, chosen)]
        else:
            choices = [("", field.empty_label), *field.queryset.values_list("pk", "name")]
        fields.append((name, field.label, [(value, text, str(value) == current) for value, text in choices]))
    page = figures["by_branch_page"]
    if page["pages"] > 1:
        size, count = page["size"], page["count"]
        fields.append((BRANCH_PAGE, _("Branches in the table"), [
            (number, f"{(number - 1) * size + 1}–{min(number * size, count)} / {count}", number == page["number"])
            for number in range(1, page["pages"] + 1)
        ]))
    quarter = figures["quarter_leaders_quarter"]
    if quarter is not None:
        fields.append((LEADERS_QUARTER, _("Leading branches in the quarter"),
                       [(key, key, key == quarter) for key in figures["by_quarter"]]))
    return fields


def scope_title(user, chosen, figures):
    if chosen["branch"] is not None:
        return chosen["branch"].name
    if chosen["cluster"] is not None:
        return chosen["cluster"].name
    if access.sees_everything(user):
        return _("Whole district")
    if access.is_district(user):
        return access.home_node(user).name
    return "; ".join(row["name"] for row in figures["by_branch"])


@login_required
def dashboard(request):
    programme, form, chosen, scope, figures, panels = _figures(request)
    query = request.GET.urlencode()
    json_url = reverse("dashboard-progress-json") + (f"?{query}" if query else "")
    return render(request, "initiatives/dashboard.html", {
        "programme": programme,
        "form": form,
        "filter_fields": filter_fields(form, figures, chosen),
        "chosen": chosen,
        "scope_title": scope_title(request.user, chosen, figures),
        "figures": figures,
        "figures_cache_seconds": progress.cache_seconds(),
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
        "reachable_nodes": reachable_nodes(request.user, figures["federation"]),
        # The children's table when bodies lie under this one, or the body gave targets (with branches only and no
        # targets, the branch table says it all).
        "child_bodies": any(row["kind"] == "federation" or row["target_source"] == targets.FROM_NODE
                            for row in figures["children"]),
        "may_give_targets": rules.has_perm("initiatives.give_targets", request.user, figures["federation_node"]),
        "reorganise_links": reorganisation_views.links_for(request.user, figures["federation_node"]),
        "history": node_history(figures.pop("federation_node")),
        **branch_history(request.user, chosen),
    })


def branch_history(user, chosen):
    """The latest reorganisations of the branch the page is about (moves, mergers, dissolutions above it)."""
    branch = branch_of_page(user, chosen)
    if branch is None:
        return {"branch_history": [], "branch_history_of": None}
    return {"branch_history": list(reorganisation.history_of_branch(branch)[:HISTORY_ROWS]),
            "branch_history_of": branch}


@login_required
def progress_json(request):
    _programme, _form, _chosen, _scope, figures, panels = _figures(request)
    figures.pop("federation_node")
    if figures["federation"] is not None:
        for crumb in figures["federation"]["breadcrumbs"]:
            crumb.pop("node")
    figures["panels"] = dashboard_panels.data(panels)
    response = JsonResponse(figures, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
