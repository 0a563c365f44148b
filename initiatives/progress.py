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
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import access, progress_counts, quarters, tallies, targets
from .models import (
    Branch,
    Category,
    Programme,
    ProgrammePeriod,
    Status,
)
from .quarters import Quarter
from .text import fold

DAYS_PER_MONTH = 365.25 / 12
# Branch names folded for sorting, remembered: the district's table sorts thousands of them on every request.
_sort_name = functools.lru_cache(maxsize=50_000)(fold)
STATUS_CODES = tuple(Status.values)
CATEGORY_CODES = tuple(Category.values)
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
    "pledge_sum": _("The sum of the active branches' pledges for the period, against the target."),
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
    # The path of the union body whose whole subtree the scope is (no cluster or branch filter, and the viewer
    # oversees all of it): its cells and people are read from the body's own tallies, not summed per branch.
    body_path: str | None = None


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
        own_branch = access.sole_branch_id(user) if node is None and not path else None
        if path:
            given = targets.received(path, programme)
        elif own_branch is not None:  # a branch officer's own dashboard: what its body gave the branch
            given = targets.received_by_branch(own_branch, programme)
    cluster_id = cluster.pk if cluster is not None else None
    branch_id = branch.pk if branch is not None else None
    body_path = access.whole_body_path(user, node) if cluster is None and branch is None else None
    seen = access.scope_key(user) + (f"@{node.path}" if node is not None else "")
    return Scope(
        programme=programme, branches=branches, period=period,
        whole_district=whole_district, today=today or timezone.localdate(),
        # Counted from the programme's totals only when the viewer sees every branch (branches moved out of the
        # programme's body keep their initiatives in it, and those are not the body's any more).
        every_branch=whole_district and node is None and access.sees_everything(user),
        cluster_id=cluster_id, branch_id=branch_id, key=f"{seen}|{cluster_id}|{branch_id}", given=given,
        body_path=body_path,
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


@dataclass(frozen=True)
class Pace:
    """A period's (or the programme's) figures against its target: what was sent, what is left, how fast."""

    start: datetime.date
    end: datetime.date
    target: int | None
    sent: int
    today: datetime.date

    @property
    def days_left(self):
        return days_left(self.start, self.end, self.today)

    def as_dict(self):
        left = self.days_left
        target, sent = self.target, self.sent
        return {
            "start": self.start,
            "end": self.end,
            "target": target,
            "sent": sent,
            "share": share(sent, target),
            "remaining": max(target - sent, 0) if target is not None else None,
            "days_left": left,
            "pace_per_month": pace_per_month(target - sent, left) if target is not None else None,
            "is_open": self.start <= self.today <= self.end,
            "is_over": self.today > self.end,
        }


def against_target(*, start, end, target, sent, today):
    """A period's (or the programme's) figures against its target, as the page and the JSON show them."""
    return Pace(start=start, end=end, target=target, sent=sent, today=today).as_dict()


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


def programme_span(programme, periods):
    """The programme's first and last day: its periods' span, else its window."""
    if periods:
        return periods[0].start, periods[-1].end
    return programme.window_start, programme.window_end


@dataclass
class CellCounts:
    """What the scope's tally cells add up to: the pipeline, the categories, and what was sent in each period,
    quarter and month."""

    by_status: dict  # status: initiatives at it today
    by_category: dict  # category: {"sent": in the window, "submitted": whatever the date}
    sent_by_period: dict  # period number: sent in it (sent.py)
    sent_by_quarter: dict  # quarter key: sent in it (within the window)
    monthly: dict  # (year, month): {_period_key(period): sent that month in that period}

    @property
    def sent(self):
        """Sent to the province, whatever the date."""
        return self.by_status[Status.SENT_TO_PROVINCE]


def cell_counts(cells, periods, window=None):
    """CellCounts of `cells` (progress_counts.cells) for the programme's `periods`, within `window` (a period, or
    None for the whole programme)."""
    counts = CellCounts(by_status=dict.fromkeys(STATUS_CODES, 0),
                        by_category={code: {"sent": 0, "submitted": 0} for code in CATEGORY_CODES},
                        sent_by_period={p.number: 0 for p in periods}, sent_by_quarter={}, monthly={})
    period_keys = {p.number: _period_key(p) for p in periods}
    for cell in cells:
        counts.by_status[cell.status] = counts.by_status.get(cell.status, 0) + cell.n
        category = counts.by_category.setdefault(cell.category, {"sent": 0, "submitted": 0})
        if cell.status in progress_counts.SUBMITTED_CODES:
            category["submitted"] += cell.n
        if cell.status != Status.SENT_TO_PROVINCE:
            continue  # below: sent, in the period the tallies filed it under (sent.py)
        in_window = window is None or cell.period == window.number
        if in_window:
            category["sent"] += cell.n
        if cell.period in counts.sent_by_period:
            counts.sent_by_period[cell.period] += cell.n
        if cell.month:
            if in_window:
                key = Quarter.of_month(cell.month).key
                counts.sent_by_quarter[key] = counts.sent_by_quarter.get(key, 0) + cell.n
            if cell.period in period_keys:
                month = counts.monthly.setdefault((cell.month // 100, cell.month % 100), {})
                month[period_keys[cell.period]] = month.get(period_keys[cell.period], 0) + cell.n
    return counts


@dataclass
class Mobilisation:
    """Active branches, and those of them with at least one initiative submitted."""

    active: int = 0
    mobilised: int = 0

    def as_dict(self):
        return {"active": self.active, "mobilised": self.mobilised, "rate": share(self.mobilised, self.active),
                "target_rate": MOBILISED_TARGET_RATE}


@dataclass(frozen=True)
class Participation:
    """Members credited with an approved initiative (and its authors, co-authors included) over the members the
    active branches declare, against the programme's target rate."""

    members: int
    participants: int
    authors: int
    target_rate: Decimal

    def as_dict(self):
        return {"members": self.members, "participants": self.participants,
                "rate": share(self.participants, self.members), "target_rate": float(self.target_rate)}

    def in_full(self):
        """as_dict, with the target in members, the authors and the definitions."""
        return {
            **self.as_dict(),
            "target_participants": _at_least(self.target_rate, self.members),
            "authors": self.authors,
            "authors_rate": share(self.authors, self.members),
            "definition": str(DEFINITIONS["participation"]),
            "authors_definition": str(DEFINITIONS["participation_with_coauthors"]),
        }


def participation(members, people, target_rate):
    """The Participation of `members` declared, `people` (progress_counts.Participation) taking part."""
    return Participation(members=members, participants=people.participants, authors=people.authors,
                         target_rate=target_rate)


@dataclass
class BranchTotals:
    """The branches in scope added up: mobilisation, the members declared, the clusters' rows, the branches not
    mobilised and those without a pledge."""

    mobilisation: Mobilisation
    members: int
    clusters: list
    not_mobilised: list
    without_pledge: int


def branch_totals(rows, window_sent=None):
    """BranchTotals of `rows` (progress_counts.BranchRow, in the table's order); `window_sent`: {cluster id: sent in
    the chosen period} (None: the rows' own sent, over the whole programme)."""
    clusters = {}
    mobilisation = Mobilisation()
    members = without_pledge = 0
    not_mobilised = []
    for row in rows:
        cluster = clusters.get(row.cluster_id)
        if cluster is None:
            cluster = clusters[row.cluster_id] = {
                "id": row.cluster_id, "name": row.cluster_name or "", "branches": 0, "active": 0, "mobilised": 0,
                "members": 0, "submitted": 0, "approved": 0, "sent": 0,
            }
        cluster["branches"] += 1
        cluster["submitted"] += row.submitted
        cluster["approved"] += row.approved
        if window_sent is None:
            cluster["sent"] += row.sent
        if row.is_active:
            mobilisation.active += 1
            members += row.members
            cluster["active"] += 1
            cluster["members"] += row.members
            if row.submitted:
                mobilisation.mobilised += 1
                cluster["mobilised"] += 1
            else:
                not_mobilised.append({"id": row.id, "name": row.name})
            if not row.has_pledge:
                without_pledge += 1
    if window_sent is not None:
        for cluster_id, cluster_sent in window_sent.items():
            if cluster_id in clusters:
                clusters[cluster_id]["sent"] += cluster_sent
    return BranchTotals(mobilisation=mobilisation, members=members,
                        clusters=sorted(clusters.values(), key=lambda c: (c["id"] is None, c["name"])),
                        not_mobilised=not_mobilised, without_pledge=without_pledge)


def top_branches(rows):
    """The branches that sent the most in the whole programme (the table may show only a page)."""
    top = sorted(rows, key=lambda r: (-r.sent, -r.submitted, _sort_name(r.name), r.id))[:TOP_BRANCHES]
    return [{"id": r.id, "name": r.name, "sent": r.sent, "submitted": r.submitted} for r in top]


@dataclass(frozen=True)
class Pledges:
    """The active branches' pledges in scope: initiatives pledged per period (id), the targets they make (None for
    a period nobody pledged), the branches behind their pledge in the focus period."""

    pledged: dict
    targets: dict
    behind: int

    @property
    def total(self):
        return sum(self.pledged.values())


def pledges(scope, periods, focus, today):
    """The scope's Pledges, judged on the `focus` period."""
    elapsed = elapsed_fraction(focus.start, focus.end, today) if focus is not None else 0.0
    by_period = progress_counts.pledges_by_period(scope, focus, elapsed) if periods else {}
    none = progress_counts.NO_PLEDGES
    pledged = {p.pk: by_period.get(p.pk, none).pledged or 0 for p in periods}
    return Pledges(
        pledged=pledged,
        targets={p.pk: pledged[p.pk] if by_period.get(p.pk, none).pledges else None for p in periods},
        behind=by_period.get(focus.pk, none).behind if focus is not None else 0,
    )


def headline_given(scope):
    """The targets the body above gave the scope's body (or a branch officer's branch), as its headline shows them,
    or None (then the pledges, as before): {"periods": {period id: initiatives}, "total": the whole programme's
    (else the rounds' added up, as the body above sees it in its table of children: targets.for_children),
    "participation_rate"}."""
    if not scope.given:
        return None
    by_period = {period_id: initiatives for period_id, initiatives, _rate in scope.given}
    rate = next((rate for period_id, _initiatives, rate in scope.given if period_id is None), None)
    periods = {period_id: n for period_id, n in by_period.items() if period_id is not None}
    total = by_period.get(None)
    if total is None and periods:
        total = sum(periods.values())
    return {"periods": periods, "total": total, "participation_rate": rate}


@dataclass(frozen=True)
class Targets:
    """What the scope is judged against: the programme's own targets for the whole of the body that runs it, those
    the body above gave a union body under it (headline_given), else its branches' pledges."""

    source: str  # "programme", "node" or "pledges"
    periods: dict  # period id: initiatives, or None
    total: int | None  # the whole programme's
    participation_rate: Decimal


def targets_for(scope, periods, pledged):
    """The scope's Targets; `pledged`: its Pledges."""
    programme = scope.programme
    given = headline_given(scope)
    rate = given["participation_rate"] if given is not None and given["participation_rate"] is not None else (
        programme.participation_target_rate)
    if scope.whole_district:
        return Targets("programme", {p.pk: p.target for p in periods}, programme.total_target, rate)
    if given is not None:
        return Targets("node", {p.pk: given["periods"].get(p.pk) for p in periods}, given["total"], rate)
    total = pledged.total if any(target is not None for target in pledged.targets.values()) else None
    return Targets("pledges", dict(pledged.targets), total, rate)


def period_row(period, *, target, sent, today):
    """A period against its target, with its number and name."""
    return {**against_target(start=period.start, end=period.end, target=target, sent=sent, today=today),
            "number": period.number, "label": str(period)}


def quarter_keys(programme, periods, window, sent_by_quarter):
    """The quarters the figures cover: those of the window (else of the periods, else of the programme's window),
    and any other in which something was sent."""
    keys = quarters.keys_between(*((window.start, window.end) if window is not None
                                   else programme_span(programme, periods)))
    keys += [key for key in sent_by_quarter if key not in keys]  # sent outside the periods shows
    keys.sort()
    return keys


def pick_leaders_quarter(asked, keys, branch_count, long_list, today):
    """Which quarter's leaders to show: the one asked for, if it is among `keys`; else, or for AUTO, the latest
    begun quarter when the scope has more than `long_list` branches; else None (every quarter)."""
    if asked is not None and asked not in keys:
        asked = AUTO
    if asked == AUTO:
        many = long_list is not None and branch_count > long_list
        return quarters.latest_begun(keys, today) if many else None
    return asked


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
    if scope.body_path:  # a body's own tallies: what writes left pending for it first
        tallies.fold()
    counts = cell_counts(progress_counts.cells(scope), periods, window)

    # 2. Every branch in scope, one short row each: clusters, mobilised, the order of the branch table.
    rows = progress_counts.branches(scope)
    # Sorted as people read Vietnamese, diacritics aside ("Điện lực" among the D's), not by code point.
    rows.sort(key=lambda r: (_sort_name(r.name), r.id))
    totals = branch_totals(rows, progress_counts.sent_by_cluster(scope, window) if window is not None else None)

    # 3. Pledges against the focus period, and the branch table (one page of it, or all).
    focus = focus_period(periods, today, window)
    pledged = pledges(scope, periods, focus, today)
    page = _page(len(rows), branch_page, branch_page_size)
    by_branch = _branch_rows(scope, rows[page["first"]:page["last"]], periods, window, focus, today)

    # 4. Participation, and each cluster's leading branches per quarter.
    judged_on = targets_for(scope, periods, pledged)
    people = participation(totals.members, progress_counts.participation(scope), judged_on.participation_rate)
    keys = quarter_keys(programme, periods, window, counts.sent_by_quarter)
    shown_quarter = pick_leaders_quarter(leaders_quarter, keys, len(rows), long_list, today)
    leaders = _quarter_leaders(progress_counts.quarter_leaders(
        scope, window, Quarter.of_key(shown_quarter) if shown_quarter else None), keys)

    period_rows = []
    for period in periods:
        row = period_row(period, target=judged_on.periods[period.pk], sent=counts.sent_by_period[period.number],
                         today=today)
        row.update({
            "target_source": judged_on.source,
            "pledged": pledged.pledged[period.pk],
            "programme_target": period.target,
            "is_selected": window is not None and window.pk == period.pk,
            "is_focus": focus is not None and focus.pk == period.pk,
            "definition": str(DEFINITIONS["period_sent"]),
        })
        period_rows.append(row)

    start, end = programme_span(programme, periods)
    programme_figures = against_target(start=start, end=end, target=judged_on.total, sent=counts.sent, today=today)
    programme_figures.update({
        "name": programme.name,
        "programme_target": programme.total_target,
        "target_source": judged_on.source,
        "pledged": pledged.total,
        "definition": str(DEFINITIONS["programme_sent"]),
    })

    return {
        "programme": programme_figures,
        "periods": period_rows,
        "selected_period": window.number if window is not None else None,
        "focus_period": focus.number if focus is not None else None,
        "participation": people.in_full(),
        "branches": {
            **totals.mobilisation.as_dict(),
            "not_mobilised": totals.not_mobilised,
            "behind": pledged.behind,
            "without_pledge": totals.without_pledge,
            "definition": str(DEFINITIONS["mobilised"]),
        },
        "by_status": counts.by_status,
        "by_category": {code: counts.by_category.get(code, {}).get("sent", 0) for code in CATEGORY_CODES},
        "by_category_submitted": {code: counts.by_category.get(code, {}).get("submitted", 0)
                                  for code in CATEGORY_CODES},
        "by_branch": by_branch,
        "by_branch_page": {key: page[key] for key in ("number", "pages", "size", "count")},
        "top_branches": top_branches(rows),
        "by_cluster": totals.clusters,
        "by_quarter": {key: counts.sent_by_quarter.get(key, 0) for key in keys},
        "quarter_leaders": leaders,
        "quarter_leaders_quarter": shown_quarter,
        "burnup": [_burnup(p, row, counts.monthly, today) for p, row in zip(periods, period_rows, strict=True)],
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


def cache_seconds():
    return getattr(settings, "PROGRESS_CACHE_SECONDS", CACHE_SECONDS)


def compute_cached(scope: Scope, **options):
    """`compute`, remembered in the cache until anything it counts changes (`remembered`). The figures carry the
    key they are remembered under as their "version": whatever is drawn from them alone (the dashboard's tables)
    may be cached under it too."""
    def figures(version):
        counted = compute(scope, **options)
        if version:
            counted["version"] = version
        return counted

    window = scope.period.pk if scope.period is not None else None
    return remembered(scope, "progress", (window, scope.today.isoformat(), sorted(options.items()), scope.given),
                      figures)


def remembered(scope: Scope, name, options, produce):
    """`produce(version)`, remembered in the cache until anything the tallies over `scope` count changes.

    The key (`version`) holds the versions of the data (progress_counts.versions: every write to an initiative,
    an author, a branch, a cluster, a pledge or a period moves them, in the same transaction) read before
    producing, so what is stored under a key is never older than the data the key names; and `name`, the scope,
    the language and `options`. One small query on a hit; with a shared cache (Redis) every worker and host
    shares it. With the cache off, `produce(None)` every time. The dashboard's figures and the awards ranking."""
    seconds = cache_seconds()
    if not seconds or not scope.key:
        return produce(None)
    state = progress_counts.versions(scope)
    material = repr((name, scope.programme.pk, scope.key, state, get_language(), options))
    version = hashlib.sha256(material.encode()).hexdigest()
    value = cache.get(f"{name}:{version}")
    if value is None:
        value = produce(version)
        cache.set(f"{name}:{version}", value, seconds)
    return value


def viewer_scope(user, programme):
    """The whole of `user`'s scope in `programme`, without the dashboard's filters and targets: what
    `remembered` keys on."""
    return Scope(programme=programme, branches=access.branches_for(user), every_branch=access.sees_everything(user),
                 today=timezone.localdate(), key=access.scope_key(user))


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
    """The branch table's rows for these branches (progress_counts.BranchRow, in order)."""
    ids = [row.id for row in rows]
    details = progress_counts.branch_details(scope, ids) if ids else {}
    sent = progress_counts.sent_by_branch_and_period(scope, ids) if ids and periods else {}
    pledges = progress_counts.pledges_of(scope, ids) if ids and periods else {}
    result = []
    for row in rows:
        detail = details[row.id]
        period_rows = []
        behind = False
        for period in periods:
            period_sent = sent.get((row.id, period.number), 0)
            pledged = pledges.get((row.id, period.pk))
            expected = (pledged or 0) * elapsed_fraction(period.start, period.end, today)
            period_behind = bool(pledged) and period_sent < expected
            if focus is not None and period.pk == focus.pk:
                behind = period_behind
            period_rows.append({
                "number": period.number, "sent": period_sent, "pledged": pledged,
                "share": share(period_sent, pledged), "behind": period_behind,
            })
        result.append({
            "id": row.id,
            "code": detail.code,
            "name": row.name,
            "kind": detail.kind,
            "cluster_id": row.cluster_id,
            "cluster": row.cluster_name,
            "is_active": row.is_active,
            "members": row.members,
            "by_status": detail.by_status,
            "submitted": row.submitted,
            "approved": row.approved,
            "sent": (detail.by_status[Status.SENT_TO_PROVINCE] if window is None
                     else sent.get((row.id, window.number), 0)),
            "periods": period_rows,
            "participants": detail.participants,
            "rate": share(detail.participants, row.members),
            "authors": detail.authors,
            "mobilised": row.is_active and row.submitted > 0,
            "has_pledge": row.has_pledge,
            "behind": behind,
        })
    return result


def _quarter_leaders(rows, quarter_keys):
    """The leaders' rows (progress_counts.LeaderRow) in the page's order: quarter, cluster name, branch."""
    slots = {}
    for row in rows:
        key = Quarter.of_tally(row.quarter).key
        slot = slots.setdefault((key, row.cluster_id), {"quarter": key, "cluster_id": row.cluster_id,
                                                        "cluster": row.cluster_name or "", "sent": row.sent,
                                                        "branches": []})
        slot["branches"].append({"id": row.branch_id, "name": row.branch_name})
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
    participation and branches mobilised, for the whole district. Aggregates only: no names. Counted by the
    dashboard's own figure functions over the programme's tallies and every active branch."""
    today = today or timezone.localdate()
    periods = list(programme.periods.all())
    whole = Scope(programme=programme, branches=Branch.objects.all(), every_branch=True, today=today)
    counts = cell_counts(progress_counts.cells(whole), periods)
    people = progress_counts.programme_participation(programme)
    branches = progress_counts.active_branches(Branch.objects.all(), programme)
    start, end = programme_span(programme, periods)
    return {
        "programme": against_target(start=start, end=end, target=programme.total_target, sent=counts.sent,
                                    today=today),
        "periods": [period_row(period, target=period.target, sent=counts.sent_by_period[period.number], today=today)
                    for period in periods],
        "participation": participation(branches.members, people, programme.participation_target_rate).as_dict(),
        "branches": Mobilisation(active=branches.active, mobilised=branches.mobilised).as_dict(),
        "definitions": definitions(),
    }


def headline_cached(programme, *, today=None):
    """`headline`, remembered in the cache until anything it counts changes (`remembered`, over every branch).
    The whole programme's figures are its branches' rows added up (no portal-wide row: issue 14), worth counting
    once per change."""
    today = today or timezone.localdate()
    whole = Scope(programme=programme, branches=Branch.objects.none(), every_branch=True, today=today, key="all")
    return remembered(whole, "headline", today.isoformat(), lambda _version: headline(programme, today=today))
