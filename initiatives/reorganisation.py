"""Reorganising the union tree, as data with history (issue 14).

Each change is one service, `do_<verb>_<noun>(*, acting_user, effective_on, reason, ...)`, in one transaction: it
checks that the acting user oversees everything it touches, changes the tree (treebeard's materialized path; a
branch's `federation`), and writes one `Reorganisation` row (what, when it took effect, who, why).

- Nothing is lost: an initiative keeps the branch it was submitted under; a branch keeps its initiatives.
- A merged branch stays, inactive, beside the branch it merged into (same node, so every figure of that node and
  above holds its initiatives); from the merger's date its initiatives count for the surviving branch
  (`counting_branch`).
- A dissolved node hands its bodies and branches to the node that takes it over and keeps its own row, with the
  date, so its history and its old reports still name it. Each body and branch it hands over gets a row of its
  own (moved, on the dissolution's date), so that its page shows the move and `node_of_branch_on` answers for
  the days before.
- Changes are recorded once they have taken effect (an effective date after today is refused): the tree always
  stands as of today, and `node_of_branch_on` answers where a branch stood on an earlier day.
"""

import datetime

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import programmes, tallies
from .models import Branch, Federation, Reorganisation, tally_sql

Kind = Reorganisation.Kind


class ReorganisationError(Exception):
    """A change that cannot be made, with a message for people."""


# --- checks -------------------------------------------------------------------------------------------------


def _check_common(acting_user, effective_on, reason):
    if not isinstance(effective_on, datetime.date):
        raise ReorganisationError(_("Enter the date the change took effect."))
    if effective_on > timezone.localdate():
        raise ReorganisationError(_("Record a change once it has taken effect: the date cannot be after today."))
    if not (reason or "").strip():
        raise ReorganisationError(_("Say why (the decision or the reason for the change)."))


def _require(user, *checks):
    """Every (permission, object) of `checks` holds for `user` (the rules of `permissions`): a body in their subtree
    ("initiatives.change_federation"), strictly below their own nodes ("initiatives.reorganise_federation"), a
    branch under their nodes ("initiatives.reorganise_branch")."""
    if not all(rules.has_perm(perm, user, obj) for perm, obj in checks):
        raise PermissionDenied(_("This change reaches outside the union bodies you oversee."))


def _record(kind, *, acting_user, effective_on, reason, **fields):
    return Reorganisation.objects.create(kind=kind, effective_on=effective_on, reason=reason.strip(),
                                         made_by=acting_user, **fields)


def _fresh(node):
    return Federation.objects.get(pk=node.pk)


# --- what a user may start from a body's page --------------------------------------------------------------

# The changes a body's page offers, in the order it lists them (the site's forms and the admin's links use these).
CREATE, RENAME, MOVE, MOVE_BRANCH, MERGE, DISSOLVE = "create", "rename", "move", "move-branch", "merge", "dissolve"
CHANGES = (CREATE, RENAME, MOVE, MOVE_BRANCH, MERGE, DISSOLVE)


def _ancestor_ids(node):
    """The bodies above `node` (not itself)."""
    paths = programmes.ancestor_paths(node.path)[:-1]
    return set(Federation.objects.filter(path__in=paths).values_list("pk", flat=True))


def _check_depth(depth):
    """The tallies find a branch's bodies through the prefixes of its body's path, up to MAX_DEPTH levels."""
    if depth > tally_sql.MAX_DEPTH:
        raise ReorganisationError(_("The union tree cannot be deeper than %(levels)d levels.")
                                  % {"levels": tally_sql.MAX_DEPTH})


def _move_with_counts(node, new_parent):
    """treebeard's move of the body and its subtree, and the subtree's counts moved with it: out of the bodies
    above its old place, into those above the new one (a branch moved alone moves its own: a trigger)."""
    deepest = Federation.objects.filter(path__startswith=node.path).aggregate(depth=Max("depth"))["depth"]
    _check_depth(new_parent.depth + 1 + deepest - node.depth)
    before = _ancestor_ids(node)
    Federation.objects.move(node, new_parent, "last-child")
    moved = _fresh(node)
    after = _ancestor_ids(moved)
    tallies.shift_subtree(moved.path, before - after, after - before)


def changes_allowed(user, node):
    """The changes `user` may start from `node`: none outside their subtree or on a dissolved body; moving or
    dissolving a body only below their own (one officer cannot move the body they work for). No query beyond the
    user's nodes, read once per request (the rules "initiatives.change_federation" and
    "initiatives.reorganise_federation", which the services check again)."""
    if node is None or node.dissolved_on is not None or not rules.has_perm("initiatives.change_federation", user, node):
        return ()
    strictly = rules.has_perm("initiatives.reorganise_federation", user, node)
    return tuple(c for c in CHANGES if strictly or c not in (MOVE, DISSOLVE))


# --- the changes ----------------------------------------------------------------------------------------------


@transaction.atomic
def do_create_node(*, parent, acting_user, effective_on, reason, name, short_name, place_name,
                   chair_title="Chủ tịch", chair_name=""):
    """A new union body under `parent` (a commune, ward, sector or industrial-zone union)."""
    _check_common(acting_user, effective_on, reason)
    _require(acting_user, ("initiatives.change_federation", parent))
    _check_depth(parent.depth + 1)
    node = Federation.objects.add_child(_fresh(parent), {
        "name": name.strip(), "short_name": short_name.strip(), "place_name": place_name.strip(),
        "chair_title": chair_title, "chair_name": chair_name,
    })
    _record(Kind.CREATE_NODE, acting_user=acting_user, effective_on=effective_on, reason=reason, node=node,
            to_node=parent, new_name=node.name)
    return node


@transaction.atomic
def do_rename_node(*, node, acting_user, effective_on, reason, name, short_name=None):
    _check_common(acting_user, effective_on, reason)
    _require(acting_user, ("initiatives.change_federation", node))
    node = Federation.objects.select_for_update().get(pk=node.pk)
    old_name = node.name
    node.name = name.strip()
    if short_name:
        node.short_name = short_name.strip()
    node.save(update_fields=["name", "short_name"])
    _record(Kind.RENAME_NODE, acting_user=acting_user, effective_on=effective_on, reason=reason, node=node,
            old_name=old_name, new_name=node.name)
    return node


@transaction.atomic
def do_move_node(*, node, new_parent, acting_user, effective_on, reason):
    """The body and everything under it go under `new_parent` (one update of the paths of its subtree)."""
    _check_common(acting_user, effective_on, reason)
    node, new_parent = _fresh(node), _fresh(new_parent)
    _require(acting_user, ("initiatives.reorganise_federation", node), ("initiatives.change_federation", new_parent))
    if new_parent.path.startswith(node.path):
        raise ReorganisationError(_("A union body cannot be moved under itself or under one of its own bodies."))
    old_parent = Federation.objects.get_parent(node)
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise ReorganisationError(_("The union body is already under %(parent)s.") % {"parent": new_parent.name})
    _move_with_counts(node, new_parent)
    _record(Kind.MOVE_NODE, acting_user=acting_user, effective_on=effective_on, reason=reason, node=node,
            from_node=old_parent, to_node=new_parent)
    return _fresh(node)


@transaction.atomic
def do_move_branch(*, branch, to_node, acting_user, effective_on, reason):
    """The branch goes under another body; its initiatives, members and pledges go with it."""
    _check_common(acting_user, effective_on, reason)
    tallies.take_branch_locks([branch.pk])  # a tally writer's locks, before the branch's row (their order)
    branch = Branch.objects.select_for_update().get(pk=branch.pk)
    _require(acting_user, ("initiatives.reorganise_branch", branch), ("initiatives.change_federation", to_node))
    if branch.federation_id == to_node.pk:
        raise ReorganisationError(_("The branch is already under %(node)s.") % {"node": to_node.name})
    from_node_id = branch.federation_id
    branch.federation = to_node
    branch.save(update_fields=["federation"])
    _record(Kind.MOVE_BRANCH, acting_user=acting_user, effective_on=effective_on, reason=reason, branch=branch,
            from_node_id=from_node_id, to_node=to_node)
    return branch


@transaction.atomic
def do_merge_branches(*, branch, into, acting_user, effective_on, reason):
    """`branch` merges into `into`: it stays, inactive, under the same body as `into`; from `effective_on` its
    initiatives count for `into` (they keep their own branch)."""
    _check_common(acting_user, effective_on, reason)
    if branch.pk == into.pk:
        raise ReorganisationError(_("Choose another branch to merge into."))
    # Both rows locked, in key order (after a tally writer's locks): two mergers of the same pair cannot deadlock.
    tallies.take_branch_locks([branch.pk, into.pk])
    locked = {b.pk: b for b in Branch.objects.select_for_update().filter(pk__in=[branch.pk, into.pk]).order_by("pk")}
    branch, into = locked[branch.pk], locked[into.pk]
    _require(acting_user, ("initiatives.reorganise_branch", branch), ("initiatives.reorganise_branch", into))
    if branch.merged_into_id is not None:
        raise ReorganisationError(_("This branch has already merged into another."))
    if into.merged_into_id is not None:
        raise ReorganisationError(_("%(branch)s has itself merged into another branch.") % {"branch": into.name})
    from_node_id = branch.federation_id
    branch.merged_into, branch.merged_on, branch.is_active = into, effective_on, False
    branch.federation_id = into.federation_id
    branch.save(update_fields=["merged_into", "merged_on", "is_active", "federation"])
    _record(Kind.MERGE_BRANCH, acting_user=acting_user, effective_on=effective_on, reason=reason, branch=branch,
            into_branch=into, from_node_id=from_node_id, to_node_id=into.federation_id)
    return branch


@transaction.atomic
def do_dissolve_node(*, node, taken_over_by, acting_user, effective_on, reason):
    """The body is dissolved: its bodies and branches go under `taken_over_by`; it keeps its row (dated), loses
    its officers, and stays in the history."""
    _check_common(acting_user, effective_on, reason)
    node, taken_over_by = _fresh(node), _fresh(taken_over_by)
    _require(acting_user, ("initiatives.reorganise_federation", node),
             ("initiatives.change_federation", taken_over_by))
    if taken_over_by.path.startswith(node.path):
        raise ReorganisationError(_("The body that takes over cannot be the dissolved one or one of its own."))
    if node.dissolved_on is not None:
        raise ReorganisationError(_("This union body is already dissolved."))
    children = list(Federation.objects.get_children(node))
    tallies.take_branch_locks(Branch.objects.filter(federation=node).values_list("pk", flat=True))
    branch_ids = list(Branch.objects.select_for_update().filter(federation=node).order_by("pk")
                      .values_list("pk", flat=True))
    for child in children:
        _move_with_counts(_fresh(child), _fresh(taken_over_by))
    Branch.objects.filter(pk__in=branch_ids).update(federation=taken_over_by)
    Federation.objects.filter(pk=node.pk).update(dissolved_on=effective_on)
    node.officers.clear()
    # One row per body and branch handed over (`node` names the dissolved body), then the dissolution's own.
    handed = dict(effective_on=effective_on, reason=reason.strip(), made_by=acting_user, from_node=node,
                  to_node=taken_over_by)
    Reorganisation.objects.bulk_create(
        [Reorganisation(kind=Kind.MOVE_NODE, node=child, **handed) for child in children]
        + [Reorganisation(kind=Kind.MOVE_BRANCH, branch_id=branch_id, node=node, **handed) for branch_id in branch_ids])
    _record(Kind.DISSOLVE_NODE, acting_user=acting_user, effective_on=effective_on, reason=reason, node=node,
            from_node=Federation.objects.get_parent(node), to_node=taken_over_by, old_name=node.name)
    return _fresh(node)


# --- reading the history ----------------------------------------------------------------------------------------


def history_of(node):
    """Every change that touched the node, a body under it or a branch under it (today's subtree), newest first:
    one query."""
    subtree = Federation.objects.filter(path__startswith=node.path).values("pk")
    return (Reorganisation.objects.filter(
        Q(node__in=subtree) | Q(from_node__in=subtree) | Q(to_node__in=subtree) | Q(branch__federation__in=subtree))
        .select_related("node", "branch", "from_node", "to_node", "into_branch", "made_by"))


def history_of_branch(branch):
    """Every change that touched the branch (moved, merged, handed over by a dissolution, or merged into by
    another), newest first: one query."""
    return (Reorganisation.objects.filter(Q(branch=branch) | Q(into_branch=branch))
            .select_related("node", "branch", "from_node", "to_node", "into_branch", "made_by"))


def node_of_branch_on(branch, day):
    """The body the branch stood under on `day`, from its moves and merger (today's body when none is later)."""
    changes = list(Reorganisation.objects.filter(branch=branch, kind__in=(Kind.MOVE_BRANCH, Kind.MERGE_BRANCH))
                   .order_by("effective_on", "pk").values_list("effective_on", "from_node_id", "to_node_id"))
    later = [c for c in changes if c[0] > day]
    node_id = later[0][1] if later else Branch.objects.values_list("federation_id", flat=True).get(pk=branch.pk)
    return Federation.objects.get(pk=node_id)


def counting_branch(branch, day):
    """The branch an initiative of `branch` counts for on `day`: the branch it merged into from the merger's date,
    else itself."""
    if branch.merged_into_id is not None and branch.merged_on is not None and branch.merged_on <= day:
        return branch.merged_into
    return branch
