"""Awards: the district records its own and upward awards; an officer records those the branch funds."""

import rules
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from initiatives import access, permissions
from initiatives.permissions import permission_required
from initiatives.views.params import parse_id

from .. import selectors
from ..forms import AwardEditForm
from ..models import Award, AwardLevel

PAGE_SIZE = 25


@permission_required("models_awards.view_awards")
def award_list(request):
    awards = selectors.award_list_for(request.user)
    year = parse_id(request.GET.get("year"))
    if year:
        awards = awards.filter(year=year)
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    for award in page:
        award.may_edit = rules.has_perm("models_awards.change_award", request.user, award)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "models_awards/award_list.html",
        {"page": page, "query": query.urlencode(), "year": year, "is_district": access.is_district(request.user)},
    )


def _initial_from_nomination(user, pk):
    nomination = selectors.nominations_for(user).filter(pk=pk).first() if pk else None
    if nomination is None:
        return {}
    return {
        "nomination": nomination.pk,
        "year": nomination.year,
        "subject": nomination.subject,
        "branch": nomination.branch_id,
        "team_name": nomination.team_name,
        "member": nomination.member_id,
        "citation": nomination.achievements[:500],
        "initiatives": list(nomination.initiatives.values_list("pk", flat=True)),
        "level": AwardLevel.DISTRICT_FEDERATION if rules.has_perm("models_awards.record_any_award", user)
        else AwardLevel.BRANCH,
    }


def _edit(request, award):
    user = request.user
    initial = {} if award.pk else _initial_from_nomination(user, parse_id(request.GET.get("nomination")))
    form = AwardEditForm(request.POST or None, instance=award, user=user, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            if saved.pk is None:
                saved.recorded_by = user
            saved.save()
            form.save_m2m()
            messages.success(request, _("The award is recorded."))
            return redirect("awards:award-list")
        messages.error(request, _("Some fields need your attention; nothing you typed has been lost."))
    return render(request, "models_awards/award_form.html", {"form": form, "award": award})


@permission_required("models_awards.view_awards")
def award_create(request):
    return _edit(request, Award())


@permission_required("models_awards.view_awards")
def award_edit(request, pk):
    award = get_object_or_404(selectors.awards_for(request.user), pk=pk)
    permissions.require(request.user, "models_awards.change_award", award)
    return _edit(request, award)
