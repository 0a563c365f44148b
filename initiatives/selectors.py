"""Reads of initiatives for pages, each starting from `access` and fetching related rows in a
fixed number of queries, however many rows are shown."""
from django.db.models import Prefetch

from . import access
from .models import InitiativeAuthor, StatusChange


def initiative_list_for(user):
    return (
        access.initiatives_for(user)
        .select_related("branch", "credited_author")
        .only("pk", "title", "category", "status", "application_date", "sent_to_province_date", "created_at",
              "branch__name", "credited_author__full_name")
        .order_by("-created_at", "-pk")
    )


def initiative_detail_for(user):
    return access.initiatives_for(user).select_related(
        "branch", "programme", "entered_by", "credited_author"
    ).prefetch_related(
        Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("member__branch")),
        "attachments",
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("actor")),
    )
