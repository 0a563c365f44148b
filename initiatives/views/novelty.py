"""Novelty on the site: the author's warning while typing (JSON), dismissing a match, the request form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, permissions, request_form, similarity
from ..models import Initiative
from .params import parse_id

# What the author's form sends: the fields the check reads (nothing else is needed, no file is uploaded).
TYPED_FIELDS = similarity.TEXT_FIELDS


def warning_message(warning):
    return _("Looks like #%(number)s of %(branch)s (%(percent)s%%)") % {
        "number": warning.number,
        "branch": warning.branch,
        "percent": warning.percent,
    }


@login_required
@require_POST
def initiative_novelty(request):
    """The author's novelty warning: what is typed now against what the author may see and what was submitted to
    their branch. Polled by static/js/novelty.js."""
    pk = parse_id(request.POST.get("initiative_id"))
    initiative = Initiative()  # the check reads only the typed text
    if pk:
        initiative = get_object_or_404(access.initiatives_for(request.user), pk=pk)
    for name in TYPED_FIELDS:
        setattr(initiative, name, (request.POST.get(name) or "")[:20_000])
    warnings = similarity.author_warnings(request.user, initiative, similarity.typed_text(initiative))
    return JsonResponse(
        {
            "matches": [
                {
                    "number": w.number,
                    "branch": w.branch,
                    "percent": w.percent,
                    "message": warning_message(w),
                    "url": reverse("initiative-detail", args=[w.number]) if w.visible else None,
                }
                for w in warnings
            ],
            "unread_files": similarity.unread_files(initiative),
        }
    )


@login_required
@require_POST
def dismiss_match(request, pk, other_pk):
    """A reviewer says a match is not a copy, with a reason: it is not shown again for this initiative."""
    initiative = get_object_or_404(access.initiatives_for(request.user), pk=pk)
    permissions.require(request.user, "initiatives.review_initiative", initiative)
    other = get_object_or_404(access.initiatives_for(request.user), pk=other_pk)
    reason = (request.POST.get("reason") or "").strip()
    if not reason:
        messages.error(request, _("Say why #%(number)s is not a copy before dismissing it.") % {"number": other.pk})
    else:
        similarity.dismiss(initiative, other, reason=reason[:2000], acting_user=request.user)
        messages.success(request, _("#%(number)s will no longer be shown as similar.") % {"number": other.pk})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(back)  # the admin's change page
    return redirect(f"{reverse('initiative-detail', args=[pk])}#novelty")


@login_required
def request_form_docx(request, pk):
    """The legal request form (Circular 18/2013/TT-BKHCN, Appendix I) filled from the initiative's data."""
    initiative = get_object_or_404(
        access.initiatives_for(request.user).select_related("branch", "programme"), pk=pk
    )
    response = HttpResponse(
        request_form.build(initiative),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="don-yeu-cau-cong-nhan-sang-kien-{initiative.pk}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response
