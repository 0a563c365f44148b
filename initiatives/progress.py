"""The dashboard's figures (DESIGN section 5): the programme and each period against target, participation,
branches mobilised, pledges, and counts by status, category, branch, cluster and quarter.

Everything is counted in the database with grouped, conditional aggregates: the number of queries is fixed,
whatever the number of initiatives or branches. Each figure has a one-line definition in DEFINITIONS; the page,
the JSON and the Excel reports all show that same text.

Scoping is not decided here: a `Scope` holds querysets that start from `access` (see `scope_for_user`).
"""

import calendar
import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import ExtractMonth, ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access
from .models import (
    APPROVED_STATUSES,
    SUBMITTED_STATUSES,
    Branch,
    Category,
    Initiative,
    InitiativeAuthor,
    PledgeTarget,
    Programme,
    ProgrammePeriod,
    Status,
)
from .text import fold

DAYS_PER_MONTH = 365.25 / 12
STATUS_CODES = tuple(Status.values)
CATEGORY_CODES = tuple(Category.values)
SUBMITTED_CODES = tuple(str(code) for code in SUBMITTED_STATUSES)
APPROVED_CODES = tuple(str(code) for code in APPROVED_STATUSES)
MOBILISED_TARGET_RATE = 1.0  # plan V.1: every branch mobilised

# One line per figure: which statuses, which date. Used verbatim on the page, in the JSON and in the reports.
DEFINITIONS = {
    "period_sent": _(
        "Initiatives with the status “Sent to the province”, counted by their date sent to the province, "
        "from the first to the last day of the period inclusive."
    ),
    "programme_sent": _(
        "Initiatives of the programme with the status “Sent to the province”, whatever the date they were sent."
    ),
    "target": _(
        "For the whole district, the programme's target; for some branches, the sum of their emulation pledges."
    ),
    "share": _("Initiatives sent divided by the target."),
    "days_left": _("Days from today to the last day of the period, both included; 0 once the period is over."),
    "pace": _("Initiatives still to send divided by the months left until the last day of the period."),
    "participation": _(
        "Members credited with an initiative (the lead of a research topic, otherwise the author with the largest "
        "share) that is “Approved by the branch”, “Verified by the district” or “Sent to the province”, each "
        "counted once, over the members (member_count) of the active branches."
    ),
    "participation_with_coauthors": _(
        "The same initiatives, counting every author once, co-authors included, over the same members."
    ),
    "mobilised": _(
        "Active branches with at least one initiative submitted to them: submitted, returned, approved, verified, "
        "sent or rejected (drafts do not count)."
    ),
    "pledge": _(
        "Initiatives the branch committed in its emulation pledge to send to the province in the period, against "
        "those it sent in the period (by date sent)."
    ),
    "pledge_sum": _("The sum of the active branches' pledges for the period, against the district's target."),
    "behind": _(
        "A branch is behind when it has sent fewer initiatives in the period than its pledge prorated to the days "
        "gone by (all of it once the period is over)."
    ),
    "by_status": _("Initiatives of the programme at each status today, drafts included."),
    "by_category": _(
        "Initiatives with the status “Sent to the province”, by category, counted by their date sent "
        "(within the chosen period, if any); submitted counts every status except draft, whatever the date."
    ),
    "by_branch": _(
        "Per branch: initiatives submitted (every status except draft), approved by the branch or later, and sent "
        "to the province by date sent; its participants and pledge as defined above."
    ),
    "by_cluster": _("The branches' figures added up by emulation cluster."),
    "by_quarter": _(
        "Initiatives with the status “Sent to the province”, by the calendar quarter of their date sent."
    ),
    "quarter_leader": _(
        "In each emulation cluster and quarter, the branch that sent the most initiatives to the province "
        "(by date sent; ties are all named)."
    ),
    "burnup": _(
        "Initiatives sent to the province, added up month by month from the start of the period (by date sent), "
        "against a straight line from 0 to the target on the last day."
    ),
}


def definitions():
    """The definitions as plain strings in the active language."""
    return {key: str(text) for key, text in DEFINITIONS.items()}


@dataclass(frozen=True)
class Scope:
    """What a dashboard counts: the programme, the branches and initiatives a user may see, one period or all."""

    programme: Programme
    branches: QuerySet
    initiatives: QuerySet
    period: ProgrammePeriod | None = None
    whole_district: bool = False
    today: datetime.date | None = None
    cluster_id: int | None = None
    branch_id: int | None = None


def scope_for_user(user, programme, *, period=None, branch=None, cluster=None, today=None):
    """The dashboard scope of `user`: every branch for the district, their own for an officer; narrowed by the
    filters. The querysets start from `access`."""
    branches = access.branches_for(user)
    whole_district = access.is_district(user) and branch is None and cluster is None
    if cluster is not None:
        branches = branches.filter(cluster=cluster)
    if branch is not None:
        branches = branches.filter(pk=branch.pk)
    initiatives = access.initiatives_for(user).filter(programme=programme)
    if not whole_district:
        initiatives = initiatives.filter(branch__in=branches.values("pk"))
    return Scope(
        programme=programme, branches=branches, initiatives=initiatives, period=period,
        whole_district=whole_district, today=today or timezone.localdate(),
        cluster_id=cluster.pk if cluster is not None else None, branch_id=branch.pk if branch is not None else None,
    )


def district_scope(programme, *, today=None):
    """The whole district, for the public headline figures (aggregates only, no rows reach the page)."""
    return Scope(
        programme=programme, branches=Branch.objects.all(), initiatives=Initiative.objects.filter(programme=programme),
        whole_district=True, today=today or timezone.localdate(),
    )


# --- Plain arithmetic, no database -------------------------------------------------------------------------


def share(part, whole):
    return part / whole if whole else None


def days_left(start, end, today):
    """Days from today (or the start, if later) to `end`, both included; 0 once `end` is past."""
    if today > end:
        return 0
    return (end - max(today, start)).days + 1


def pace_per_month(remaining, days):
    """Initiatives a month needed to send `remaining` in `days`; None once there is no time left."""
    if remaining <= 0:
        return 0.0
    if days <= 0:
        return None
    return remaining / (days / DAYS_PER_MONTH)


def elapsed_fraction(start, end, today):
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def against_target(*, start, end, target, sent, today):
    """A period's (or the programme's) figures against its target."""
    left = days_left(start, end, today)
    return {
        "start": start,
        "end": end,
        "target": target,
        "sent": sent,
        "share": share(sent, target),
        "remaining": max(target - sent, 0) if target is not None else None,
        "days_left": left,
        "pace_per_month": pace_per_month(target - sent, left) if target is not None else None,
        "is_open": start <= today <= end,
        "is_over": today > end,
    }


def quarter_key(year, quarter):
    return f"{year}-Q{quarter}"


def quarters_between(start, end):
    """The calendar quarters from `start` to `end`, as keys "2021-Q3"."""
    keys = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
        keys.append(quarter_key(year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return keys


def months_between(start, end):
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def focus_period(periods, today, selected=None):
    """The period the branch table is judged on: the chosen one, else the one running today, else the last
    started, else the first."""
    if selected is not None:
        return selected
    for period in periods:
        if period.start <= today <= period.end:
            return period
    started = [p for p in periods if p.start <= today]
    if started:
        return started[-1]
    return periods[0] if periods else None


def quarter_leaders(branch_quarters, branches, quarter_keys):
    """In each cluster and quarter, the branches with the most sent (ties all named); none when nobody sent."""
    best = {}
    for (branch_id, key), count in branch_quarters.items():
        branch = branches.get(branch_id)
        if branch is None or count <= 0:
            continue
        slot = (key, branch["cluster_id"])
        top = best.get(slot)
        if top is None or count > top[0]:
            best[slot] = (count, [branch])
        elif count == top[0]:
            top[1].append(branch)
    leaders = []
    for key in quarter_keys:
        slots = sorted((slot for slot in best if slot[0] == key), key=lambda s: _cluster_name(best[s][1][0]))
        for slot in slots:
            count, tied = best[slot]
            leaders.append({
                "quarter": key,
                "cluster_id": slot[1],
                "cluster": _cluster_name(tied[0]),
                "sent": count,
                "branches": [{"id": b["id"], "name": b["name"]} for b in sorted(tied, key=lambda b: b["name"])],
            })
    return leaders


def _cluster_name(branch):
    return branch["cluster_name"] or ""


# --- The figures ---------------------------------------------------------------------------------------------


def _sent(period=None):
    condition = Q(status=Status.SENT_TO_PROVINCE)
    if period is not None:
        condition &= Q(sent_to_province_date__gte=period.start, sent_to_province_date__lte=period.end)
    return condition


def _period_key(period):
    return f"sent_p{period.number}"


def compute(scope: Scope):
    """Every figure of the dashboard for `scope`, as plain data (dates as dates, rates as fractions)."""
    programme = scope.programme
    today = scope.today
    periods = list(programme.periods.all())
    window = scope.period  # None: the whole programme
    approved = Q(status__in=APPROVED_STATUSES)
    initiatives = scope.initiatives.order_by()

    # 1. Branches in scope.
    branch_values = scope.branches.order_by().values(
        "id", "code", "name", "kind", "member_count", "is_active", "cluster_id", cluster_name=F("cluster__name")
    )
    # Sorted as people read Vietnamese, diacritics aside ("Điện lực" among the D's), not by code point.
    branches = {row["id"]: row for row in sorted(branch_values, key=lambda r: (fold(r["name"]), r["id"]))}
    # 2. One pass over the initiatives, grouped by branch and category: the pipeline and what was sent per
    #    period; added up below by branch and by category.
    per_branch = {}
    categories = {}
    counted = [*(f"status_{code}" for code in STATUS_CODES), *(_period_key(p) for p in periods), "sent_window"]
    for row in initiatives.values("branch_id", "category").annotate(
        **{f"status_{code}": Count("pk", filter=Q(status=code)) for code in STATUS_CODES},
        **{_period_key(p): Count("pk", filter=_sent(p)) for p in periods},
        sent_window=Count("pk", filter=_sent(window)),
    ):
        branch_counts = per_branch.setdefault(row["branch_id"], dict.fromkeys(counted, 0))
        for key in counted:
            branch_counts[key] += row[key]
        category = categories.setdefault(row["category"], {"sent": 0, "submitted": 0})
        category["sent"] += row["sent_window"]
        category["submitted"] += sum(row[f"status_{code}"] for code in SUBMITTED_CODES)
    # 3. Participation, in one pass over the authors of approved initiatives: each (branch, member) once, with
    #    whether the member is credited there. Per branch and over the whole scope (a member counts once, even if
    #    credited in two branches); the credited author is always one of the authors.
    people_per_branch = {}
    participants, authors = set(), set()
    for branch_id, member_id, credited in (
        InitiativeAuthor.objects.filter(initiative__in=initiatives.filter(approved).values("pk"))
        .order_by()
        .values_list("initiative__branch_id", "member_id")
        .annotate(credited=Max(Case(When(member_id=F("initiative__credited_author_id"), then=1), default=0)))
    ):
        people = people_per_branch.setdefault(branch_id, {"participants": 0, "authors": 0})
        people["authors"] += 1
        authors.add(member_id)
        if credited:
            people["participants"] += 1
            participants.add(member_id)
    totals = {"participants": len(participants), "authors": len(authors)}
    # 4. Sent per branch and quarter (the quarter's leaders), and per month and period (the burn-up).
    dated = initiatives.filter(status=Status.SENT_TO_PROVINCE, sent_to_province_date__isnull=False)
    if window is not None:
        dated_window = dated.filter(sent_to_province_date__gte=window.start, sent_to_province_date__lte=window.end)
    else:
        dated_window = dated
    branch_quarters = {}
    for row in dated_window.annotate(
        year=ExtractYear("sent_to_province_date"), quarter=ExtractQuarter("sent_to_province_date")
    ).values("branch_id", "year", "quarter").annotate(n=Count("pk")):
        key = (row["branch_id"], quarter_key(row["year"], row["quarter"]))
        branch_quarters[key] = branch_quarters.get(key, 0) + row["n"]
    monthly = {
        (row["year"], row["month"]): row
        for row in dated.annotate(
            year=ExtractYear("sent_to_province_date"), month=ExtractMonth("sent_to_province_date")
        ).values("year", "month").annotate(**{_period_key(p): Count("pk", filter=_sent(p)) for p in periods})
    }
    # 5. Pledges of the branches in scope.
    pledges = {}
    for row in PledgeTarget.objects.filter(pledge__programme=programme, pledge__branch__in=scope.branches.values("pk")
                                           ).values("pledge__branch_id", "period_id", "initiatives"):
        pledges[(row["pledge__branch_id"], row["period_id"])] = row["initiatives"]

    focus = focus_period(periods, today, window)
    by_branch = _branch_rows(branches, per_branch, people_per_branch, pledges, periods, focus, today)
    active_rows = [row for row in by_branch if row["is_active"]]
    members = sum(row["members"] for row in active_rows)
    pledged_by_period = {p.pk: sum(pledges.get((row["id"], p.pk), 0) for row in active_rows) for p in periods}
    # A few branches are judged against their pledges; with no pledge at all there is no target to show.
    pledge_targets = {
        p.pk: pledged_by_period[p.pk] if any((row["id"], p.pk) in pledges for row in active_rows) else None
        for p in periods
    }
    by_status = {code: sum(row["by_status"][code] for row in by_branch) for code in STATUS_CODES}
    # Initiatives of branches outside the branch list cannot exist (the scope filters by branch), except for the
    # whole district where every branch is listed; the sums above are therefore complete.

    period_rows = []
    for period in periods:
        sent = sum(row[_period_key(period)] for row in per_branch.values())
        target = period.target if scope.whole_district else pledge_targets[period.pk]
        figures = against_target(start=period.start, end=period.end, target=target, sent=sent, today=today)
        figures.update({
            "number": period.number,
            "label": str(period),
            "target_source": "programme" if scope.whole_district else "pledges",
            "pledged": pledged_by_period[period.pk],
            "programme_target": period.target,
            "is_selected": window is not None and window.pk == period.pk,
            "is_focus": focus is not None and focus.pk == period.pk,
            "definition": str(DEFINITIONS["period_sent"]),
        })
        period_rows.append(figures)

    programme_sent = by_status[Status.SENT_TO_PROVINCE]
    programme_start = periods[0].start if periods else programme.window_start
    programme_end = periods[-1].end if periods else programme.window_end
    if scope.whole_district:
        programme_target = programme.total_target
    elif any(target is not None for target in pledge_targets.values()):
        programme_target = sum(pledged_by_period.values())
    else:
        programme_target = None
    programme_figures = against_target(
        start=programme_start, end=programme_end, target=programme_target, sent=programme_sent, today=today
    )
    programme_figures.update({
        "name": programme.name,
        "programme_target": programme.total_target,
        "target_source": "programme" if scope.whole_district else "pledges",
        "pledged": sum(pledged_by_period.values()),
        "definition": str(DEFINITIONS["programme_sent"]),
    })

    mobilised = [row for row in active_rows if row["mobilised"]]
    target_rate = float(programme.participation_target_rate)
    quarter_span = (window.start, window.end) if window is not None else (programme_start, programme_end)
    quarter_keys = quarters_between(*quarter_span)
    for _branch_id, key in branch_quarters:
        if key not in quarter_keys:
            quarter_keys.append(key)  # sent outside the periods still shows
    quarter_keys.sort()
    by_quarter = dict.fromkeys(quarter_keys, 0)
    for (_branch_id, key), count in branch_quarters.items():
        by_quarter[key] += count

    return {
        "programme": programme_figures,
        "periods": period_rows,
        "selected_period": window.number if window is not None else None,
        "focus_period": focus.number if focus is not None else None,
        "participation": {
            "members": members,
            "participants": totals["participants"],
            "rate": share(totals["participants"], members),
            "target_rate": target_rate,
            "target_participants": _at_least(programme.participation_target_rate, members),
            "authors": totals["authors"],
            "authors_rate": share(totals["authors"], members),
            "definition": str(DEFINITIONS["participation"]),
            "authors_definition": str(DEFINITIONS["participation_with_coauthors"]),
        },
        "branches": {
            "active": len(active_rows),
            "mobilised": len(mobilised),
            "rate": share(len(mobilised), len(active_rows)),
            "target_rate": MOBILISED_TARGET_RATE,
            "not_mobilised": [{"id": r["id"], "name": r["name"]} for r in active_rows if not r["mobilised"]],
            "behind": sum(1 for r in active_rows if r["behind"]),
            "without_pledge": sum(1 for r in active_rows if not r["has_pledge"]),
            "definition": str(DEFINITIONS["mobilised"]),
        },
        "by_status": by_status,
        "by_category": {code: categories.get(code, {}).get("sent", 0) for code in CATEGORY_CODES},
        "by_category_submitted": {code: categories.get(code, {}).get("submitted", 0) for code in CATEGORY_CODES},
        "by_branch": by_branch,
        "by_cluster": _cluster_rows(by_branch),
        "by_quarter": by_quarter,
        "quarter_leaders": quarter_leaders(branch_quarters, branches, quarter_keys),
        "burnup": [_burnup(p, row, monthly, today) for p, row in zip(periods, period_rows, strict=True)],
        "scope": {
            "whole_district": scope.whole_district,
            "branch_count": len(branches),
            "cluster": scope.cluster_id,
            "branch": scope.branch_id,
            "today": today,
        },
        "labels": {
            "status": {code: str(label) for code, label in Status.choices},
            "category": {code: str(label) for code, label in Category.choices},
        },
        "definitions": definitions(),
    }


def _at_least(rate, members):
    """The smallest whole number of members that reaches `rate` (exact decimal arithmetic)."""
    return math.ceil(Decimal(rate) * members)


def _branch_rows(branches, per_branch, people_per_branch, pledges, periods, focus, today):
    rows = []
    for branch_id, branch in branches.items():
        counts = per_branch.get(branch_id, {})
        by_status = {code: counts.get(f"status_{code}", 0) for code in STATUS_CODES}
        submitted = sum(by_status[code] for code in SUBMITTED_CODES)
        approved = sum(by_status[code] for code in APPROVED_CODES)
        people = people_per_branch.get(branch_id, {})
        participants = people.get("participants", 0)
        period_rows = []
        behind = False
        has_pledge = False
        for period in periods:
            sent = counts.get(_period_key(period), 0)
            pledged = pledges.get((branch_id, period.pk))
            has_pledge = has_pledge or pledged is not None
            expected = (pledged or 0) * elapsed_fraction(period.start, period.end, today)
            period_behind = bool(pledged) and sent < expected
            if focus is not None and period.pk == focus.pk:
                behind = period_behind
            period_rows.append({
                "number": period.number, "sent": sent, "pledged": pledged, "share": share(sent, pledged),
                "behind": period_behind,
            })
        rows.append({
            "id": branch_id,
            "code": branch["code"],
            "name": branch["name"],
            "kind": branch["kind"],
            "cluster_id": branch["cluster_id"],
            "cluster": branch["cluster_name"],
            "is_active": branch["is_active"],
            "members": branch["member_count"],
            "by_status": by_status,
            "submitted": submitted,
            "approved": approved,
            "sent": counts.get("sent_window", 0),
            "periods": period_rows,
            "participants": participants,
            "rate": share(participants, branch["member_count"]),
            "authors": people.get("authors", 0),
            "mobilised": branch["is_active"] and submitted > 0,
            "has_pledge": has_pledge,
            "behind": behind,
        })
    return rows


def _cluster_rows(by_branch):
    clusters = {}
    for row in by_branch:
        cluster = clusters.setdefault(row["cluster_id"], {
            "id": row["cluster_id"], "name": row["cluster"] or "", "branches": 0, "active": 0, "mobilised": 0,
            "members": 0, "submitted": 0, "approved": 0, "sent": 0,
        })
        cluster["branches"] += 1
        cluster["submitted"] += row["submitted"]
        cluster["approved"] += row["approved"]
        cluster["sent"] += row["sent"]
        if row["is_active"]:
            cluster["active"] += 1
            cluster["members"] += row["members"]
            cluster["mobilised"] += int(row["mobilised"])
    return sorted(clusters.values(), key=lambda c: (c["id"] is None, c["name"]))


def _burnup(period, period_row, monthly, today):
    """Month by month within `period`: sent that month, sent so far (None for months not yet begun), and the
    straight target line."""
    points = []
    cumulative = 0
    target = period_row["target"]
    length = (period.end - period.start).days + 1
    for year, month in months_between(period.start, period.end):
        month_end = min(datetime.date(year, month, calendar.monthrange(year, month)[1]), period.end)
        sent = monthly.get((year, month), {}).get(_period_key(period), 0)
        cumulative += sent
        begun = datetime.date(year, month, 1) <= today
        points.append({
            "month": f"{year}-{month:02d}",
            "end": month_end,
            "sent": sent if begun else None,
            "cumulative": cumulative if begun else None,
            "target": round(target * ((month_end - period.start).days + 1) / length, 1) if target else None,
        })
    return {"period": period.number, "label": period_row["label"], "target": target, "points": points}


def headline(programme, *, today=None):
    """The programme's public figures for the home page: each period and the whole programme against target,
    participation and branches mobilised, for the whole district. Aggregates only: no names."""
    today = today or timezone.localdate()
    periods = list(programme.periods.all())
    initiatives = Initiative.objects.filter(programme=programme)
    counts = initiatives.aggregate(
        **{_period_key(p): Count("pk", filter=_sent(p)) for p in periods},
        sent=Count("pk", filter=_sent()),
        participants=Count("credited_author", distinct=True, filter=Q(status__in=APPROVED_STATUSES)),
    )
    # Mobilised: one indexed probe per active branch rather than a distinct count over every initiative.
    received = initiatives.filter(branch=OuterRef("pk"), status__in=SUBMITTED_STATUSES)
    branches = Branch.objects.filter(is_active=True).aggregate(
        active=Count("pk"), members=Sum("member_count"), mobilised=Count("pk", filter=Q(Exists(received)))
    )
    counts["mobilised"] = branches["mobilised"]
    members = branches["members"] or 0
    programme_start = periods[0].start if periods else programme.window_start
    programme_end = periods[-1].end if periods else programme.window_end
    period_rows = []
    for period in periods:
        figures = against_target(start=period.start, end=period.end, target=period.target,
                                 sent=counts[_period_key(period)], today=today)
        figures.update({"number": period.number, "label": str(period)})
        period_rows.append(figures)
    return {
        "programme": against_target(start=programme_start, end=programme_end, target=programme.total_target,
                                    sent=counts["sent"], today=today),
        "periods": period_rows,
        "participation": {
            "members": members, "participants": counts["participants"],
            "rate": share(counts["participants"], members),
            "target_rate": float(programme.participation_target_rate),
        },
        "branches": {
            "active": branches["active"], "mobilised": counts["mobilised"],
            "rate": share(counts["mobilised"], branches["active"]), "target_rate": MOBILISED_TARGET_RATE,
        },
        "definitions": definitions(),
    }
