"""Giving targets to the units under a union body (giao chỉ tiêu cho đơn vị trực thuộc): one row per body or branch
directly under it, its figures so far beside the targets. The rules are initiatives.targets'."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access, node_figures, programmes, targets
from ..forms.targets import ChildTargetFormSet, initial_rows
from .params import parse_id


def _node_and_programme(request, node_id):
    """The body (one the viewer oversees, else 404; one they may not give for, 403) and the programme
    (`?programme=<id>` covering it, else its latest open one), with the programmes covering it."""
    if not access.is_district(request.user):
        raise PermissionDenied
    node = get_object_or_404(access.nodes_for(request.user), pk=node_id)
    if not rules.has_perm("initiatives.give_targets", request.user, node):
        raise PermissionDenied
    covering = list(programmes.covering(node).prefetch_related("periods"))
    wanted = request.GET.get("programme")
    if wanted is None:
        programme = programmes.latest_for(node, covering)
    else:
        programme = next((p for p in covering if p.pk == parse_id(wanted)), None)
    if programme is None:
        raise Http404("No programme covers this union body.")
    return node, programme, covering


def _rows(request, node, programme, periods, children, formset):
    """Each child with its form and its figures so far (sent in each round and in all, submitted, members)."""
    today = timezone.localdate()
    scope = access.branches_for(request.user)
    figures = {(row["kind"], row["id"]): row for row in node_figures.children(node, programme, scope, today)}
    sent = node_figures.sent_by_child_and_period(node, programme, scope, today,
                                                 whole=access.whole_body_path(request.user, node) is not None)
    rows = []
    for child, form in zip(children, formset.forms, strict=False):
        kind, pk = targets.child_key(child)
        row = figures.get((kind, pk), {})
        rows.append({
            "child": child, "kind": kind, "form": form,
            "sent": row.get("sent", 0), "submitted": row.get("submitted", 0), "members": row.get("members", 0),
            "rounds": [(sent.get((kind, pk, p.number), 0), form[form.period_field(p)]) for p in periods],
        })
    return rows


@login_required
def give_targets(request, node_id):
    node, programme, covering = _node_and_programme(request, node_id)
    periods = list(programme.periods.all())
    bodies, branches = targets.direct_children(node)
    children = [*bodies, *branches]
    given = targets.given_by(node, programme)
    posted = request.method == "POST"
    formset = ChildTargetFormSet(request.POST if posted else None, children=children, periods=periods,
                                 initial=initial_rows(children, given, periods), prefix="targets")
    if posted:
        if formset.is_valid():
            warnings = targets.do_give_targets(giver=node, programme=programme,
                                               rows=[form.given() for form in formset.forms],
                                               acting_user=request.user)
            messages.success(request, _("The targets given by %(node)s are saved.") % {"node": node.name})
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(f"{reverse('give-targets', args=[node.pk])}?programme={programme.pk}")
        messages.error(request, _("Some fields need your attention; nothing you typed has been lost."))
    own = targets.own_targets(node, programme, periods)
    return render(request, "initiatives/targets_form.html", {
        "node": node, "programme": programme, "programmes": covering, "periods": periods,
        "formset": formset, "rows": _rows(request, node, programme, periods, children, formset),
        "own": [(period, own.get(period.pk)) for period in periods], "own_total": own.get(None),
        "runs_programme": programme.node.pk == node.pk,
        "warnings": [] if posted else targets.shortfalls(
            own, ({pid: t.initiatives for pid, t in by_period.items()} for by_period in given.values()), periods),
    })
