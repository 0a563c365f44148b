"""Nominations of exemplars: officers propose for their own branches, the district moves them on."""

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import access, permissions, programmes
from initiatives.permissions import permission_required
from initiatives.views.params import parse_id

from .. import exemplars, nomination_workflow, selectors, services
from ..forms import CriteriaForm, MoveForm, NominationForm, criteria_for_user
from ..models import Nomination, NominationStatus, Subject

PAGE_SIZE = 25


@permission_required("models_awards.view_awards")
def awards_home(request):
    user = request.user
    programme = programmes.for_viewer(user)  # the viewer's body's programme (Vĩnh Linh: its plan)
    nominations = selectors.nominations_for(user)
    by_status = dict(nominations.order_by().values_list("status").annotate(n=Count("pk")))
    return render(
        request,
        "models_awards/home.html",
        {
            "programme": programme,
            "years": exemplars.yearly_exemplars(nominations, programme),
            "exemplar_definition": exemplars.DEFINITION,
            "by_status": [(status, label, by_status.get(status, 0)) for status, label in NominationStatus.choices],
            "is_district": access.is_district(user),
        },
    )


@permission_required("models_awards.view_awards")
def nomination_list(request):
    nominations = selectors.nomination_list_for(request.user)
    year = parse_id(request.GET.get("year"))
    status = request.GET.get("status") or ""
    subject = request.GET.get("subject") or ""
    if year:
        nominations = nominations.filter(year=year)
    if status in NominationStatus.values:
        nominations = nominations.filter(status=status)
    if subject in Subject.values:
        nominations = nominations.filter(subject=subject)
    page = Paginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "models_awards/nomination_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "years": exemplars.offered_years(),
            "year": year,
            "status": status,
            "subject": subject,
            "statuses": NominationStatus.choices,
            "subjects": Subject.choices,
        },
    )


def _existing_criteria(nomination):
    if not nomination.pk:
        return {}
    return {row.criterion_id: row.evidence for row in nomination.criteria_met.all()}


def _edit(request, nomination):
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = NominationForm(data, instance=nomination, user=user)
    criteria_form = CriteriaForm(data, criteria=criteria_for_user(user), existing=_existing_criteria(nomination),
                                 prefix="criteria")
    if request.method == "POST":
        valid = form.is_valid() & criteria_form.is_valid()
        if valid:
            branch = form.cleaned_data["branch"]
            met, wrong = criteria_form.met(branch_kind=branch.kind, subject=form.cleaned_data["subject"])
            if wrong:
                valid = False
                criteria_form.add_error(
                    None,
                    _("These criteria are not for this kind of branch or recipient: %(list)s")
                    % {"list": "; ".join(c.text[:60] for c in wrong)},
                )
        if valid:
            saved = services.save_nomination(
                user=user, nomination=nomination if nomination.pk else None, criteria_met=met,
                initiatives=form.cleaned_data["initiatives"],
                **{name: form.cleaned_data[name] for name in services.NOMINATION_FIELDS if name in form.cleaned_data},
            )
            if "propose" in request.POST and nomination_workflow.may(user, saved, "propose"):
                try:
                    nomination_workflow.apply(saved, "propose", user)
                    messages.success(request, _("The nomination is proposed to the district."))
                except nomination_workflow.TransitionError as error:
                    messages.error(request, _("Saved, but not proposed: %(reason)s") % {"reason": error.message})
            else:
                messages.success(request, _("Saved. Propose it to the district when it is complete."))
            return redirect("awards:nomination-detail", pk=saved.pk)
        messages.error(request, _("Some fields need your attention; nothing you typed has been lost."))
    return render(
        request,
        "models_awards/nomination_form.html",
        {"form": form, "criteria_form": criteria_form, "nomination": nomination,
         # A new nomination can be proposed as it is saved; a saved one when the workflow allows it.
         "can_propose": nomination.pk is None or nomination_workflow.may(request.user, nomination, "propose")},
    )


@permission_required("models_awards.view_awards")
def nomination_create(request):
    return _edit(request, Nomination())


@permission_required("models_awards.view_awards")
def nomination_edit(request, pk):
    nomination = get_object_or_404(selectors.nominations_for(request.user).select_related("branch", "member"), pk=pk)
    if not rules.has_perm("models_awards.change_nomination", request.user, nomination):
        messages.warning(request, _("This nomination can no longer be edited in its present status."))
        return redirect("awards:nomination-detail", pk=pk)
    return _edit(request, nomination)


@permission_required("models_awards.view_awards")
def nomination_detail(request, pk):
    nomination = get_object_or_404(selectors.nomination_detail_for(request.user), pk=pk)
    user = request.user
    return render(
        request,
        "models_awards/nomination_detail.html",
        {
            "nomination": nomination,
            "moves": nomination_workflow.available_moves(user, nomination),
            "move_form": MoveForm(),
            "can_edit": rules.has_perm("models_awards.change_nomination", user, nomination),
            "can_delete": rules.has_perm("models_awards.delete_nomination", user, nomination),
            "is_district": access.is_district(user),
            "awards": list(nomination.awards.all()),
        },
    )


@permission_required("models_awards.view_awards")
@require_POST
def nomination_move(request, pk, action):
    nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    if action not in nomination_workflow.MOVES:
        raise Http404
    form = MoveForm(request.POST)
    form.is_valid()
    try:
        nomination_workflow.apply(
            nomination, action, request.user,
            comment=form.cleaned_data.get("comment", ""), level=form.cleaned_data.get("level", ""),
        )
    except nomination_workflow.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Done: the nomination is now “%(status)s”.") % {"status": nomination.get_status_display()}
        )
    return redirect("awards:nomination-detail", pk=pk)


@permission_required("models_awards.view_awards")
@require_POST
def nomination_publish(request, pk):
    """The district shows an exemplar in the public showcase, or takes it out."""
    nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        nomination_workflow.set_published(nomination, publish, request.user)
    except nomination_workflow.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Published in the showcase.") if publish else _("Taken out of the showcase."))
    return redirect("awards:nomination-detail", pk=pk)


@permission_required("models_awards.view_awards")
@require_POST
def nomination_delete(request, pk):
    nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
    permissions.require(request.user, "models_awards.delete_nomination", nomination)
    nomination.delete()
    messages.success(request, _("The draft nomination is deleted."))
    return redirect("awards:nomination-list")
