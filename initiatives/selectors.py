"""Reads of initiatives for pages, each starting from `access` and fetching related rows in a
fixed number of queries, however many rows are shown."""
from django.db.models import Prefetch, Sum

from . import access, tallies
from .models import InitiativeAuthor, Programme, StatusChange, TallyBodyCell, TallyCell


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


def tally_count(*, branch_ids=None, status=None, category=None, branch=None, body_path=None):
    """How many initiatives of these branches (None: every branch) have this status, category and branch, read
    from the branches' tallies (a hundred rows a branch) instead of counted; from the union body's own tallies
    when the branches are the whole subtree of the body at `body_path` and no branch is chosen."""
    # Every programme's tallies (the lists show them all), by their keys: the tallies' unique keys start with the
    # programme, so a list of ids lets the database read a branch's rows from the index.
    filters = {"programme_id__in": list(Programme.objects.values_list("pk", flat=True))}
    if status:
        filters["status"] = status
    if category:
        filters["category"] = category
    if body_path is not None and branch is None:
        tallies.fold()  # what writes left pending for the body
        return TallyBodyCell.objects.filter(body__path=body_path, **filters).aggregate(n=Sum("n"))["n"] or 0
    rows = TallyCell.objects.filter(**filters)
    if branch_ids is not None:
        rows = rows.filter(branch_id__in=branch_ids)
    if branch is not None:
        rows = rows.filter(branch_id=branch.pk)
        if body_path is not None:  # and within the body's subtree
            rows = rows.filter(branch__federation__path__startswith=body_path)
    return rows.aggregate(n=Sum("n"))["n"] or 0


def list_count(user, filterset):
    """The number of rows of the initiative list, when the tallies can tell: the district's list filtered only by
    status, category or branch. None otherwise (a search, dates, an officer's or a member's own list: those are
    counted by the paginator, at most a few thousand keys)."""
    if not access.is_district(user):
        return None
    body_path = access.whole_body_path(user)  # one body's whole subtree: its own tallies
    branch_ids = access.branch_ids_in_scope(user) if body_path is None else None  # None: the whole tree
    if not filterset.is_bound:
        return tally_count(branch_ids=branch_ids, body_path=body_path)
    if not filterset.form.is_valid():
        return None
    chosen = filterset.form.cleaned_data
    if chosen.get("q") or chosen.get("applied_from") or chosen.get("applied_to"):
        return None
    return tally_count(branch_ids=branch_ids, status=chosen.get("status"), category=chosen.get("category"),
                       branch=chosen.get("branch"), body_path=body_path)
