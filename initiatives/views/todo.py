"""The "to do" page: what waits for the signed-in officer or district office (initiatives/todo.py decides)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import todo

# Each section lists the longest-waiting first; the rest is one click away in the filtered list.
SHOWN = 50

SECTIONS = {
    "to_review": (
        _("Initiatives to review"),
        _("Open each one, then approve it, return it for completion or reject it."),
    ),
    "to_verify": (
        _("Initiatives to verify"),
        _("Approved by their branch: verify them, or return them with a comment."),
    ),
    "to_send": (
        _("Initiatives to send to the province"),
        _("Verified by the district: send them to the provincial federation."),
    ),
}


@login_required
def todo_page(request):
    counts = todo.counts_for(request.user)
    sections = []
    for key, queryset in todo.initiatives_waiting(request.user).items():
        title, what_to_do = SECTIONS[key]
        rows = list(queryset.select_related("branch").order_by("updated_at", "pk")[:SHOWN])
        sections.append({
            "key": key, "title": title, "what_to_do": what_to_do, "rows": rows, "count": getattr(counts, key),
            "list_url": f"{reverse('initiative-list')}?status={rows[0].status}" if rows else "",
        })
    join_requests = list(
        todo.join_requests_waiting(request.user).select_related("branch", "user").order_by("created_at", "pk")[:SHOWN]
    )
    return render(request, "initiatives/todo.html", {
        "counts": counts,
        "sections": sections,
        "join_requests": join_requests,
        "shows_join_requests": counts.join_requests or join_requests,
        "join_requests_url": reverse("admin:initiatives_membershiprequest_changelist") + "?state__exact=pending",
    })
