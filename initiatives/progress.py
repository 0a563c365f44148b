"""The dashboard's figures (DESIGN section 5): the programme and each period against target, participation,
branches mobilised, pledges, and counts by status, category, branch, cluster and quarter.

Everything is read from the tallies, the running counts that triggers keep in the same transaction as every
write (models/tally.py, progress_counts.py): a fixed number of small queries, whatever the number of initiatives,
and none of them reads a row per initiative. Each figure has a one-line definition in DEFINITIONS; the page,
the JSON and the Excel reports all show that same text.

Scoping is not decided here: a `Scope` holds querysets that start from `access` (see `scope_for_user`).
"""

import calendar
import datetime
import functools
import hashlib
import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import access, progress_counts, targets
from .models import (
    APPROVED_STATUSES,
    SUBMITTED_STATUSES,
    Branch,
    Category,
    Programme,
    ProgrammePeriod,
    Status,
    TallyCell,
)
from .text import fold

DAYS_PER_MONTH = 365.25 / 12
# Branch names folded for sorting, remembered: the district's table sorts thousands of them on every request.
_sort_name = functools.lru_cache(maxsize=50_000)(fold)
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
        "For the whole of the body that runs the programme, the programme's target; for a union body under it, the "
        "target the body above gave it, else the sum of its branches' emulation pledges; for some branches, the sum "
        "of their emulation pledges."
    ),
    "share": _("Initiatives sent divided by the target."),
    "days_left": _("Days from today to the last day of the period, both included; 0 once the period is over."),
    "pace": _("Initiatives still to send divided by the months left until the last day of the period."),
    "participation": _(
        "Members credited with an initiative (the lead of a research topic, otherwise the author with the largest "
        "share) that is “Approved by the branch”, “Verified by the district” or “Sent to the province”, each "
        "counted once, over the number of members each active branch declares."
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
    """What a dashboard counts: the programme, the branches a user may see (their initiatives are counted in the
    tallies), one period or all."""

    programme: Programme
    branches: QuerySet
    period: ProgrammePeriod | None = None
    whole_district: bool = False  # the whole of the body that runs the programme: its own targets
    every_branch: bool = False  # nothing to filter: the programme's totals are the scope's
    today: datetime.date | None = None
    cluster_id: int | None = None
    branch_id: int | None = None
    key: str = ""  # which branches the scope holds, for the cache (see compute_cached)
    # The whole of one union body under the programme's: what the body above gave it (targets.received), as
    # ((period id or None, initiatives, participation rate), ...); None when it gave it nothing or the scope is not
    # one such body. Its headline targets are those, else its branches' pledges.
    given: tuple | None = None


def scope_for_user(user, programme, *, period=None, branch=None, cluster=None, today=None, node=None):
    """The dashboard scope of `user`: every branch of their subtree for upper-union staff, their own for an
    officer; narrowed to a union body's subtree (`node`) and by the filters. The querysets start from `access`."""
    branches = access.branches_for(user)
    if node is not None:
        branches = branches.filter(federation__path__startswith=node.path)
    # The programme's own targets when the scope is the whole of the body that runs it; else the pledges.
    whole_district = (branch is None and cluster is None and access.oversees_programme(user, programme)
                      and (node is None or programme.node.path.startswith(node.path)))
    if cluster is not None:
        branches = branches.filter(cluster=cluster)
    if branch is not None:
        branches = branches.filter(pk=branch.pk)
    given = None
    if not whole_district and branch is None and cluster is None:
        path = node.path if node is not None else access.sole_node_path(user)
        given = targets.received(path, programme) if path else None
    cluster_id = cluster.pk if cluster is not None else None
    branch_id = branch.pk if branch is not None else None
    seen = access.scope_key(user) + (f"@{node.path}" if node is not None else "")
    return Scope(
        programme=programme, branches=branches, period=period,
        whole_district=whole_district, today=today or timezone.localdate(),
        # Counted from the programme's totals only when the viewer sees every branch (branches moved out of the
        # programme's body keep their initiatives in it, and those are not the body's any more).
        every_branch=whole_district and node is None and access.sees_everything(user),
        cluster_id=cluster_id, branch_id=branch_id, key=f"{seen}|{cluster_id}|{branch_id}", given=given,
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


# --- The figures ---------------------------------------------------------------------------------------------

BRANCH_PAGE_SIZE = 50  # rows of the branch table per page on the dashboard (the JSON pages the same way)
CACHE_SECONDS = 600  # how long computed figures stay in the cache (settings.PROGRESS_CACHE_SECONDS; 0: never)
AUTO = "auto"
TOP_BRANCHES = 20  # the branches that sent the most in the whole programme, for the chart (any page of the table)


def _period_key(period):
    return f"sent_p{period.number}"


def _latest_begun(quarter_keys, today):
    """The last of the quarters that has begun by `today` (the first one if none has)."""
    begun = [key for key in quarter_keys if key <= quarter_key(today.year, (today.month - 1) // 3 + 1)]
    return begun[-1] if begun else (quarter_keys[0] if quarter_keys else None)


def _quarter_number(key):
    """"2022-Q3" → 20223 (the tallies' quarter)."""
    year, quarter = key.split("-Q")
    return int(year) * 10 + int(quarter)


def _quarter_of_month(month):
    """yyyymm → "yyyy-Qn"."""
    return quarter_key(month // 100, (month % 100 - 1) // 3 + 1)


def compute(scope: Scope, *, branch_page=None, branch_page_size=BRANCH_PAGE_SIZE, leaders_quarter=None,
            long_list=None):
    """Every figure of the dashboard for `scope`, as plain data (dates as dates, rates as fractions).

    Counted from the tallies (progress_counts): the cost does not grow with the number of initiatives. `by_branch`
    holds every branch in scope, or, with `branch_page` (1, 2…), that page of `branch_page_size` rows in the same
    order; `by_branch_page` says which. `quarter_leaders` covers every quarter, or only `leaders_quarter`
    ("2022-Q3"; AUTO: the latest begun quarter when the scope has more than `long_list` branches, else every
    quarter); `quarter_leaders_quarter` says which. Every other figure covers the whole scope either way."""
    programme = scope.programme
    today = scope.today
    periods = list(programme.periods.all())
    window = scope.period  # None: the whole programme

    # 1. The scope's cells: pipeline, categories, what was sent per period, quarter and month.
    by_status = dict.fromkeys(STATUS_CODES, 0)
    categories = {code: {"sent": 0, "submitted": 0} for code in CATEGORY_CODES}
    period_sent = {p.number: 0 for p in periods}
    quarter_counts = {}
    monthly = {}
    period_keys = {p.number: _period_key(p) for p in periods}
    for category, status, month, period_number, n in progress_counts.cells(scope):
        by_status[status] = by_status.get(status, 0) + n
        counts = categories.setdefault(category, {"sent": 0, "submitted": 0})
        if status in SUBMITTED_CODES:
            counts["submitted"] += n
        if status != Status.SENT_TO_PROVINCE:
            continue
        in_window = window is None or period_number == window.number
        if in_window:
            counts["sent"] += n
        if period_number in period_sent:
            period_sent[period_number] += n
        if month:
            if in_window:
                key = _quarter_of_month(month)
                quarter_counts[key] = quarter_counts.get(key, 0) + n
            if period_number in period_keys:
                cell = monthly.setdefault((month // 100, month % 100), {})
                cell[period_keys[period_number]] = cell.get(period_keys[period_number], 0) + n

    # 2. Every branch in scope, one short row each: clusters, mobilised, the order of the branch table.
    rows = progress_counts.branches(scope, SUBMITTED_CODES, APPROVED_CODES)
    # Sorted as people read Vietnamese, diacritics aside ("Điện lực" among the D's), not by code point.
    rows.sort(key=lambda r: (_sort_name(r[1]), r[0]))
    window_sent = progress_counts.sent_by_cluster(scope, window) if window is not None else None
    clusters = {}
    active = members = mobilised = without_pledge = 0
    not_mobilised = []
    for branch_id, name, cluster_id, cluster_name, is_active, size, has_pledge, submitted, approved, sent in rows:
        cluster = clusters.get(cluster_id)
        if cluster is None:
            cluster = clusters[cluster_id] = {
                "id": cluster_id, "name": cluster_name or "", "branches": 0, "active": 0, "mobilised": 0,
                "members": 0, "submitted": 0, "approved": 0, "sent": 0,
            }
        cluster["branches"] += 1
        cluster["submitted"] += submitted
        cluster["approved"] += approved
        if window_sent is None:
            cluster["sent"] += sent
        if is_active:
            active += 1
            members += size
            cluster["active"] += 1
            cluster["members"] += size
            if submitted:
                mobilised += 1
                cluster["mobilised"] += 1
            else:
                not_mobilised.append({"id": branch_id, "name": name})
            if not has_pledge:
                without_pledge += 1
    if window_sent is not None:
        for cluster_id, sent in window_sent.items():
            if cluster_id in clusters:
                clusters[cluster_id]["sent"] += sent
    by_cluster = sorted(clusters.values(), key=lambda c: (c["id"] is None, c["name"]))
    # The branches of the scope that sent the most in the whole programme (the table may show only a page).
    top = sorted(rows, key=lambda r: (-r[9], -r[7], _sort_name(r[1]), r[0]))[:TOP_BRANCHES]
    top_branches = [{"id": r[0], "name": r[1], "sent": r[9], "submitted": r[7]} for r in top]

    # 3. Pledges against the focus period, and the branch table (one page of it, or all).
    focus = focus_period(periods, today, window)
    elapsed = elapsed_fraction(focus.start, focus.end, today) if focus is not None else 0.0
    pledged = progress_counts.pledges_by_period(scope, focus, elapsed) if periods else {}
    pledged_by_period = {p.pk: pledged.get(p.pk, (0, 0, 0))[0] or 0 for p in periods}
    pledge_targets = {p.pk: pledged_by_period[p.pk] if pledged.get(p.pk, (0, 0, 0))[1] else None for p in periods}
    behind = pledged.get(focus.pk, (0, 0, 0))[2] if focus is not None else 0
    page = _page(len(rows), branch_page, branch_page_size)
    shown = rows[page["first"]:page["last"]]
    by_branch = _branch_rows(scope, shown, periods, window, focus, today)

    # 4. Participation, and each cluster's leading branches per quarter.
    participants, authors = progress_counts.participation(scope)
    given = headline_given(scope)
    rate = given["participation_rate"] if given is not None and given["participation_rate"] is not None else (
        programme.participation_target_rate)
    target_rate = float(rate)
    quarter_span = (window.start, window.end) if window is not None else (
        (periods[0].start, periods[-1].end) if periods else (programme.window_start, programme.window_end))
    quarter_keys = quarters_between(*quarter_span)
    quarter_keys += [key for key in quarter_counts if key not in quarter_keys]  # sent outside the periods shows
    quarter_keys.sort()
    by_quarter = {key: quarter_counts.get(key, 0) for key in quarter_keys}
    if leaders_quarter is not None and leaders_quarter not in quarter_keys:
        leaders_quarter = AUTO
    if leaders_quarter == AUTO:
        many = long_list is not None and len(rows) > long_list
        leaders_quarter = _latest_begun(quarter_keys, today) if many else None
    leaders = _quarter_leaders(progress_counts.quarter_leaders(
        scope, window, _quarter_number(leaders_quarter) if leaders_quarter else None), quarter_keys)

    source = "programme" if scope.whole_district else ("node" if given is not None else "pledges")
    period_rows = []
    for period in periods:
        if scope.whole_district:
            target = period.target
        elif given is not None:
            target = given["periods"].get(period.pk)
        else:
            target = pledge_targets[period.pk]
        figures = against_target(start=period.start, end=period.end, target=target, sent=period_sent[period.number],
                                 today=today)
        figures.update({
            "number": period.number,
            "label": str(period),
            "target_source": source,
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
    elif given is not None:
        programme_target = given["total"]
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
        "target_source": source,
        "pledged": sum(pledged_by_period.values()),
        "definition": str(DEFINITIONS["programme_sent"]),
    })

    return {
        "programme": programme_figures,
        "periods": period_rows,
        "selected_period": window.number if window is not None else None,
        "focus_period": focus.number if focus is not None else None,
        "participation": {
            "members": members,
            "participants": participants,
            "rate": share(participants, members),
            "target_rate": target_rate,
            "target_participants": _at_least(rate, members),
            "authors": authors,
            "authors_rate": share(authors, members),
            "definition": str(DEFINITIONS["participation"]),
            "authors_definition": str(DEFINITIONS["participation_with_coauthors"]),
        },
        "branches": {
            "active": active,
            "mobilised": mobilised,
            "rate": share(mobilised, active),
            "target_rate": MOBILISED_TARGET_RATE,
            "not_mobilised": not_mobilised,
            "behind": behind,
            "without_pledge": without_pledge,
            "definition": str(DEFINITIONS["mobilised"]),
        },
        "by_status": by_status,
        "by_category": {code: categories.get(code, {}).get("sent", 0) for code in CATEGORY_CODES},
        "by_category_submitted": {code: categories.get(code, {}).get("submitted", 0) for code in CATEGORY_CODES},
        "by_branch": by_branch,
        "by_branch_page": {key: page[key] for key in ("number", "pages", "size", "count")},
        "top_branches": top_branches,
        "by_cluster": by_cluster,
        "by_quarter": by_quarter,
        "quarter_leaders": leaders,
        "quarter_leaders_quarter": leaders_quarter,
        "burnup": [_burnup(p, row, monthly, today) for p, row in zip(periods, period_rows, strict=True)],
        "scope": {
            "whole_district": scope.whole_district,
            "branch_count": len(rows),
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


def headline_given(scope):
    """The targets the body above gave the scope's body, as its headline shows them, or None (then its branches'
    pledges, as before): {"periods": {period id: initiatives}, "total": the whole programme's (else the rounds'
    added up, as the body above sees it in its table of children: targets.for_children), "participation_rate"}."""
    if not scope.given:
        return None
    by_period = {period_id: initiatives for period_id, initiatives, _rate in scope.given}
    rate = next((rate for period_id, _initiatives, rate in scope.given if period_id is None), None)
    periods = {period_id: n for period_id, n in by_period.items() if period_id is not None}
    total = by_period.get(None)
    if total is None and periods:
        total = sum(periods.values())
    return {"periods": periods, "total": total, "participation_rate": rate}


def cache_seconds():
    return getattr(settings, "PROGRESS_CACHE_SECONDS", CACHE_SECONDS)


def compute_cached(scope: Scope, **options):
    """`compute`, remembered in the cache until anything it counts changes.

    The key holds the versions of the data (progress_counts.versions: every write to an initiative, an author, a
    branch, a cluster, a pledge or a period moves them, in the same transaction) read before counting, so the
    figures stored under a key are never older than the data the key names; and the day, the language, the scope
    and the options. One small query on a hit; with a shared cache (Redis) every worker and host shares them.
    The figures carry that key as their "version": whatever is drawn from them alone (the dashboard's tables)
    may be cached under it too."""
    seconds = cache_seconds()
    if not seconds or not scope.key:
        return compute(scope, **options)
    state = progress_counts.versions(scope)
    window = scope.period.pk if scope.period is not None else None
    material = repr((scope.programme.pk, scope.key, window, state, scope.today.isoformat(), get_language(),
                     sorted(options.items()), scope.given))
    version = hashlib.sha256(material.encode()).hexdigest()
    figures = cache.get("progress:" + version)
    if figures is None:
        figures = compute(scope, **options)
        figures["version"] = version
        cache.set("progress:" + version, figures, seconds)
    return figures


def _page(count, number, size):
    """Which rows of the branch table to show: all of them without a page number, else that page (clamped)."""
    if number is None or not size or count <= size:
        return {"number": 1, "pages": 1, "size": None, "count": count, "first": 0, "last": count}
    pages = -(-count // size)
    number = min(max(int(number), 1), pages)
    return {"number": number, "pages": pages, "size": size, "count": count,
            "first": (number - 1) * size, "last": number * size}


def _at_least(rate, members):
    """The smallest whole number of members that reaches `rate` (exact decimal arithmetic)."""
    return math.ceil(Decimal(rate) * members)


def _branch_rows(scope, rows, periods, window, focus, today):
    """The branch table's rows for these branches (tuples from progress_counts.branches, in order)."""
    ids = [row[0] for row in rows]
    details = progress_counts.branch_details(scope, ids) if ids else {}
    sent = progress_counts.sent_by_branch_and_period(scope, ids) if ids and periods else {}
    pledges = progress_counts.pledges_of(scope, ids) if ids and periods else {}
    result = []
    for branch_id, name, cluster_id, cluster_name, is_active, size, has_pledge, submitted, approved, _sent in rows:
        _id, code, kind, *counts = details[branch_id]
        by_status = dict(zip(STATUS_CODES, counts[:len(STATUS_CODES)], strict=True))
        participants, authors = counts[-2:]
        period_rows = []
        behind = False
        for period in periods:
            period_sent = sent.get((branch_id, period.number), 0)
            pledged = pledges.get((branch_id, period.pk))
            expected = (pledged or 0) * elapsed_fraction(period.start, period.end, today)
            period_behind = bool(pledged) and period_sent < expected
            if focus is not None and period.pk == focus.pk:
                behind = period_behind
            period_rows.append({
                "number": period.number, "sent": period_sent, "pledged": pledged,
                "share": share(period_sent, pledged), "behind": period_behind,
            })
        result.append({
            "id": branch_id,
            "code": code,
            "name": name,
            "kind": kind,
            "cluster_id": cluster_id,
            "cluster": cluster_name,
            "is_active": is_active,
            "members": size,
            "by_status": by_status,
            "submitted": submitted,
            "approved": approved,
            "sent": by_status[Status.SENT_TO_PROVINCE] if window is None else sent.get((branch_id, window.number), 0),
            "periods": period_rows,
            "participants": participants,
            "rate": share(participants, size),
            "authors": authors,
            "mobilised": is_active and submitted > 0,
            "has_pledge": has_pledge,
            "behind": behind,
        })
    return result


def _quarter_leaders(rows, quarter_keys):
    """The leaders' rows (progress_counts.quarter_leaders) in the page's order: quarter, cluster name, branch."""
    slots = {}
    for cluster_id, cluster_name, quarter, branch_id, branch_name, sent in rows:
        key = quarter_key(quarter // 10, quarter % 10)
        slot = slots.setdefault((key, cluster_id), {"quarter": key, "cluster_id": cluster_id,
                                                    "cluster": cluster_name or "", "sent": sent, "branches": []})
        slot["branches"].append({"id": branch_id, "name": branch_name})
    leaders = []
    for key in quarter_keys:
        for slot in sorted((s for (k, _c), s in slots.items() if k == key), key=lambda s: s["cluster"]):
            slot["branches"].sort(key=lambda b: b["name"])
            leaders.append(slot)
    return leaders


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
    # From the tallies: the programme's cells, its participants, and the branches with something submitted.
    sent = Q(status=Status.SENT_TO_PROVINCE)
    counts = TallyCell.objects.filter(programme=programme).aggregate(
        **{_period_key(p): Coalesce(Sum("n", filter=sent & Q(period=p.number)), 0) for p in periods},
        sent=Coalesce(Sum("n", filter=sent), 0),
    )
    counts["participants"] = progress_counts.programme_participation(programme)[0]
    received = sum((F(f"t__{code}") for code in SUBMITTED_CODES[1:]), F(f"t__{SUBMITTED_CODES[0]}"))
    branches = (
        Branch.objects.filter(is_active=True)
        .annotate(t=FilteredRelation("tally_rows", condition=Q(tally_rows__programme=programme)))
        .aggregate(active=Count("pk"), members=Sum("member_count"),
                   mobilised=Count("pk", filter=GreaterThan(received, 0)))
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


def headline_cached(programme, *, today=None):
    """`headline`, remembered in the cache until anything it counts changes: keyed, as the dashboard's figures, by
    the versions of every branch's tallies and the programme's (one small query on a hit). The whole programme's
    figures are its branches' rows added up (no portal-wide row: issue 14), worth counting once per change."""
    today = today or timezone.localdate()
    seconds = cache_seconds()
    if not seconds:
        return headline(programme, today=today)
    state = progress_counts.versions(Scope(programme=programme, branches=Branch.objects.none(), every_branch=True))
    material = repr(("headline", programme.pk, state, today.isoformat(), get_language()))
    key = "progress:" + hashlib.sha256(material.encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = headline(programme, today=today)
        cache.set(key, figures, seconds)
    return figures
