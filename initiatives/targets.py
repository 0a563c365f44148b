"""Targets given down the union tree (giao chỉ tiêu, issue 14 item 3): a union body gives each body and branch
directly under it the initiatives it expects it to send to the province in each round of a programme and over the
whole programme. The province gives them to its commune unions, a commune union to its branches; a branch's own
accepted pledge (pledges.py) is the bottom level, shown where the body above gave the branch nothing.

The rules, in one place:
- who may give: upper-union staff who oversee the giving body (its officers, and those of the bodies above it, who
  act on its whole subtree), for a programme that covers that body;
- to whom: only the bodies and active branches directly under it (never a grandchild, never another subtree);
- the sum of what a body gives compared with its own target (the programme's, for the body that runs it; else
  what the body above gave it) is a warning, never a block: a body may give more, or fill the rest in later.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from . import programmes
from .collation import by_vietnamese
from .models import Branch, ChildTarget, Federation, PledgeTarget

audit = logging.getLogger("portal.audit")

NODE = "federation"
BRANCH = "branch"
# Where a child's target comes from, as the dashboard and the JSON name it.
FROM_NODE = "node"
FROM_PLEDGE = "pledge"


def covers(programme, node, covering=None):
    """Whether `programme` covers `node` (run by it or by a body above it). `covering`: the covering programmes,
    already read."""
    if covering is None:
        return programmes.covering(node).filter(pk=programme.pk).exists()
    return any(p.pk == programme.pk for p in covering)


def child_key(child):
    """A stable key for a child: ("federation", id) or ("branch", id)."""
    return (BRANCH, child.pk) if isinstance(child, Branch) else (NODE, child.pk)


def direct_children(node):
    """The bodies (not dissolved) and the active branches directly under `node`, each list in Vietnamese order.
    Two queries, whatever their number."""
    bodies = list(Federation.objects.get_children(node).filter(dissolved_on__isnull=True)
                  .order_by(by_vietnamese("name")))
    branches = list(Branch.objects.filter(federation=node, is_active=True).order_by(by_vietnamese("name")))
    return bodies, branches


def is_direct_child(node, child):
    if isinstance(child, Branch):
        return child.federation_id == node.pk and child.is_active
    return (isinstance(child, Federation) and child.dissolved_on is None and child.depth == node.depth + 1
            and child.path.startswith(node.path))


def own_targets(node, programme, periods):
    """The giving body's own targets {period id, or None for the whole programme: initiatives}: the programme's
    for the body that runs it, else those the body above gave it (empty when none). At most one query."""
    if programme.node.pk == node.pk:
        return {None: programme.total_target, **{p.pk: p.target for p in periods}}
    return dict(ChildTarget.objects.filter(programme=programme, child_node=node)
                .values_list("period_id", "initiatives"))


def received(node_path, programme):
    """What the body at `node_path` was given in `programme` by the body above it, as
    ((period id or None, initiatives, participation rate), ...) in a stable order; None when nothing. One query.
    Its own dashboard's headline shows these (progress.headline_given), the same figures the body above sees in its
    row."""
    return _received(ChildTarget.objects.filter(programme=programme, child_node__path=node_path))


def received_by_branch(branch_id, programme):
    """What the branch `branch_id` was given in `programme` by the body above it, as `received`: its officer's
    dashboard shows these before the branch's own pledge, as the body above sees it in its row. One query."""
    return _received(ChildTarget.objects.filter(programme=programme, branch_id=branch_id))


def _received(targets):
    rows = tuple(targets.order_by("pk").values_list("period_id", "initiatives", "participation_rate"))
    return rows or None


def given_by(node, programme):
    """{child key: {period id or None: ChildTarget}} for the targets `node` gave in `programme`. One query."""
    given = {}
    for target in ChildTarget.objects.filter(giver=node, programme=programme):
        key = (NODE, target.child_node_id) if target.child_node_id else (BRANCH, target.branch_id)
        given.setdefault(key, {})[target.period_id] = target
    return given


def shortfalls(own, given_rows, periods):
    """Warnings, as sentences: where the targets given add up to less than the body's own target. `own` is
    {period id or None: initiatives}; `given_rows` an iterable of {period id or None: initiatives or None}."""
    warnings = []
    rows = list(given_rows)
    for period in [*periods, None]:
        key = None if period is None else period.pk
        mine = own.get(key)
        if not mine:
            continue
        total = sum(row.get(key) or 0 for row in rows)
        if total < mine:
            values = {"given": total, "own": mine}
            if period is None:
                warnings.append(_("Over the whole programme the targets given add up to %(given)s, less than this "
                                  "body's own target of %(own)s.") % values)
            else:
                warnings.append(_("In %(period)s the targets given add up to %(given)s, less than this body's own "
                                  "target of %(own)s.") % {**values, "period": period})
    return warnings


@dataclass
class Given:
    """What a giver types for one child: {period: initiatives or None} per round, the whole programme's, and the
    participation target (a fraction). None removes a target."""

    child: object
    periods: dict = field(default_factory=dict)
    total: int | None = None
    participation_rate: Decimal | None = None


@transaction.atomic
def do_give_targets(*, giver, programme, rows, acting_user):
    """Record the targets `giver` gives its children in `programme` (`rows`: Given), in one transaction: every
    row or none. A target the giver leaves empty is removed. A child's target given earlier by another body (before
    the child moved) becomes this giver's. Returns the warnings of `shortfalls` after the change."""
    giver = Federation.objects.get(pk=giver.pk)  # as it stands now, not as the caller read it
    if not rules.has_perm("initiatives.give_targets", acting_user, giver) or not covers(programme, giver):
        raise PermissionDenied(_("You may not give targets on behalf of this union body for this programme."))
    periods = list(programme.periods.all())
    period_ids = {p.pk for p in periods}
    for row in rows:
        if not is_direct_child(giver, row.child) or not set(p.pk for p in row.periods) <= period_ids:
            raise PermissionDenied(_("Targets are given only to the bodies and branches directly under yours."))
    nodes = [r.child.pk for r in rows if not isinstance(r.child, Branch)]
    branches = [r.child.pk for r in rows if isinstance(r.child, Branch)]
    existing = {}
    for target in ChildTarget.objects.select_for_update().filter(
            Q(child_node__in=nodes) | Q(branch__in=branches), programme=programme):
        key = (NODE, target.child_node_id) if target.child_node_id else (BRANCH, target.branch_id)
        existing[(key, target.period_id)] = target
    create, update, remove = [], [], []
    for row in rows:
        key = child_key(row.child)
        wanted = {p.pk: n for p, n in row.periods.items()}
        wanted[None] = row.total
        for period_id, initiatives in wanted.items():
            rate = row.participation_rate if period_id is None else None
            target = existing.get((key, period_id))
            if initiatives is None:
                if target is not None:
                    remove.append(target.pk)
                continue
            if target is None:
                create.append(ChildTarget(
                    programme=programme, period_id=period_id, giver=giver, initiatives=initiatives,
                    participation_rate=rate, updated_by=acting_user,
                    **({"branch": row.child} if key[0] == BRANCH else {"child_node": row.child})))
            elif (target.initiatives, target.participation_rate, target.giver_id) != (initiatives, rate, giver.pk):
                target.initiatives, target.participation_rate, target.giver = initiatives, rate, giver
                target.updated_by = acting_user
                update.append(target)
    if remove:
        ChildTarget.objects.filter(pk__in=remove).delete()
    if update:
        ChildTarget.objects.bulk_update(update, ["initiatives", "participation_rate", "giver", "updated_by",
                                                 "updated_at"])
    if create:
        ChildTarget.objects.bulk_create(create)
    audit.info("targets giver=%s programme=%s created=%s updated=%s removed=%s user=%s", giver.pk, programme.pk,
               len(create), len(update), len(remove), acting_user.pk)
    given = given_by(giver, programme)
    return shortfalls(own_targets(giver, programme, periods),
                      ({pid: t.initiatives for pid, t in by_period.items()} for by_period in given.values()), periods)


# --- What the dashboard shows beside each child's figures ------------------------------------------------------


def pace(sent, target):
    """Sent as a share of the target (None without a target)."""
    return sent / target if target else None


def for_children(node, programme, periods, child_rows, sent_by_period):
    """Add each child's targets and pace to `child_rows` (node_figures.children's rows), in place:
    `target`, `target_source` (FROM_NODE: given by `node`; FROM_PLEDGE: the branch's accepted pledge; None),
    `pace` (sent / target) for the whole programme, and `rounds`: [{number, sent, target, pace}].
    `sent_by_period` is {(kind, id, period number): sent}. Two queries at most, whatever the number of children."""
    given = given_by(node, programme)
    unset = [row["id"] for row in child_rows if row["kind"] == BRANCH and (BRANCH, row["id"]) not in given]
    pledged = {}
    if unset:
        for branch_id, period_id, initiatives in PledgeTarget.objects.filter(
                pledge__programme=programme, pledge__accepted_by_district=True,
                pledge__branch_id__in=unset).values_list("pledge__branch_id", "period_id", "initiatives"):
            pledged.setdefault((BRANCH, branch_id), {})[period_id] = initiatives
    for row in child_rows:
        key = (row["kind"], row["id"])
        if key in given:
            source, targets = FROM_NODE, {pid: t.initiatives for pid, t in given[key].items()}
            rate = given[key][None].participation_rate if None in given[key] else None
        elif key in pledged:
            source, targets, rate = FROM_PLEDGE, pledged[key], None
        else:
            source, targets, rate = None, {}, None
        rounds = []
        for period in periods:
            sent = sent_by_period.get((row["kind"], row["id"], period.number), 0)
            target = targets.get(period.pk)
            rounds.append({"number": period.number, "sent": sent, "target": target, "pace": pace(sent, target)})
        total = targets.get(None)
        if total is None and any(r["target"] is not None for r in rounds):
            total = sum(r["target"] or 0 for r in rounds)  # the rounds' targets add up to the programme's
        row.update(target=total, target_source=source, pace=pace(row["sent"], total), rounds=rounds,
                   participation_target_rate=float(rate) if rate is not None else None)
    return child_rows
