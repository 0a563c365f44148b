"""Emulation pledges on the site: every branch's pledge for the district (which adjusts and accepts them), the
officer's own branches' pledges, the pledge form and the scanned pledge. Each page is about one programme,
`?programme=<id>`: for a branch, one open for it (pledges.programme_for_branch); for the list, one covering the
viewer's body (pledges.programmes_for_viewer)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal_security.downloads import private_download

from .. import access, permissions, pledges, progress, uploads
from ..dashboard_forms import PledgeForm
from ..models import Pledge
from .params import parse_id

PLEDGES_PER_PAGE = 50


def _branch(request, branch_id):
    permissions.require(request.user, "initiatives.keep_pledges")
    return get_object_or_404(access.branches_for(request.user), pk=branch_id)


def _wanted(request):
    """The programme asked for, `?programme=<id>` (None when absent; 0 when not a number, which matches none)."""
    wanted = request.GET.get("programme")
    return None if wanted is None else (parse_id(wanted) or 0)


def list_url(programme):
    return f"{reverse('pledge-list')}?programme={programme.pk}"


def _branch_programme(request, branch):
    """The programme of a branch's pledge page: the one asked for when open for the branch, else the newest open;
    404 when the one asked for is not open for it or none is."""
    programme, offered = pledges.programme_for_branch(branch, _wanted(request))
    if programme is None:
        raise Http404(_("No programme is open for this branch at the moment."))
    return programme, offered


@login_required
def pledge_list(request):
    permissions.require(request.user, "initiatives.keep_pledges")
    programme, choices = pledges.programmes_for_viewer(request.user, _wanted(request))
    if programme is None:
        raise Http404("No such programme for your union body.")
    overview = pledges.overview(request.user, programme)
    # A province has thousands of branches: the totals cover them all, the table shows a page of them.
    page = Paginator(overview["rows"], PLEDGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "initiatives/dashboard_pledges.html", {
        "programme": programme,
        "programme_choices": choices if len(choices) > 1 else [],
        "overview": {**overview, "rows": page.object_list},
        "page": page,
        "is_district": access.is_district(request.user),
        "definitions": progress.definitions(),
    })


@login_required
def pledge_edit(request, branch_id):
    branch = _branch(request, branch_id)
    permissions.require(request.user, "initiatives.edit_pledge", branch)
    programme, offered = _branch_programme(request, branch)
    periods = list(programme.periods.all())
    pledge, targets = pledges.pledge_of(branch, programme)
    is_district = rules.has_perm("initiatives.accept_pledge", request.user, branch)
    posted = request.method == "POST"
    # Bound whenever posted, even with no field at all, so that an empty post is a form error and not a crash.
    form = PledgeForm(request.POST if posted else None, request.FILES if posted else None, periods=periods,
                      pledge=pledge, targets=targets, district=is_district)
    kept_token = request.POST.get("kept_document", "") if posted else ""
    kept_name = pledges.kept_document(kept_token, branch=branch, user=request.user) if kept_token else None
    if posted:
        try:
            if form.is_valid():
                pledges.save_pledge(
                    branch=branch, programme=programme, user=request.user, targets=form.targets(),
                    signed_on=form.cleaned_data["signed_on"], document=form.cleaned_data.get("document"),
                    accepted=form.cleaned_data.get("accepted_by_district") if is_district else None,
                    kept_document_name=kept_name,
                )
                messages.success(request, _("The pledge of %(branch)s is saved.") % {"branch": branch.name})
                return redirect(list_url(programme))
            if form.cleaned_data.get("document"):
                kept_token = pledges.keep_document(branch=branch, user=request.user,
                                                   document=form.cleaned_data["document"])
                kept_name = pledges.kept_document(kept_token, branch=branch, user=request.user)
                messages.info(request, _("The scanned pledge is kept; correct the other fields and save again."))
        except OSError:  # a full disk while storing the scan: nothing is saved, the form is shown again
            form.add_error("document", uploads.DISK_FULL_MESSAGE)
        messages.error(request, _("Some fields need your attention; nothing you typed has been lost."))
    return render(request, "initiatives/dashboard_pledge_form.html", {
        "branch": branch, "programme": programme, "pledge": pledge, "form": form, "is_district": is_district,
        "kept_token": kept_token if kept_name else "", "programme_choices": offered if len(offered) > 1 else [],
    })


@login_required
@require_POST
def pledge_accept(request, branch_id):
    branch = _branch(request, branch_id)
    permissions.require(request.user, "initiatives.accept_pledge", branch)
    programme, _offered = _branch_programme(request, branch)
    pledge = get_object_or_404(Pledge, branch=branch, programme=programme)
    pledges.accept_pledge(pledge=pledge, user=request.user)
    messages.success(request, _("The pledge of %(branch)s is accepted.") % {"branch": branch.name})
    return redirect(list_url(programme))


@login_required
def pledge_document(request, branch_id):
    branch = _branch(request, branch_id)
    # Any programme's scanned pledge of a branch the viewer oversees, an old one's too (by default the newest open).
    wanted = _wanted(request)
    if wanted is None:
        programme, _offered = pledges.programme_for_branch(branch)
        wanted = programme.pk if programme is not None else 0
    pledge = Pledge.objects.filter(branch=branch, programme_id=wanted).first()
    if pledge is None or not pledge.document:
        raise Http404
    name = f"giao-uoc-thi-dua-{branch.code}{pledge.document.name[pledge.document.name.rfind('.'):]}"
    return private_download(pledge.document, name)
