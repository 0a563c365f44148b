"""Who may do what with one object: the portal's rule set (django-rules).

`access.py` says which rows a user sees (the querysets every page starts from); this module says, for one object,
whether the user may do something with it. Each permission is a rule: a predicate built on access's scoping
helpers, registered under the name of Django's permission where one exists ("initiatives.change_initiative") and a
plain name for the portal's own actions ("initiatives.export_report"). Views, the admin and services ask

    rules.has_perm("initiatives.change_initiative", user, initiative)

or `require(user, perm, obj)`, which raises PermissionDenied with the permission's message. models_awards adds its
own rules in `models_awards/permissions.py` (it may import this app, never the reverse).

Why `rules.has_perm` and not `user.has_perm`: Django's `User.has_perm` answers yes to a superuser for every
permission, whatever the object's state, so a superuser could edit a submitted initiative. Here a superuser is the
top of the tree (they oversee every branch) but is held to the same states as everyone. The rules are also
served to Django through `rules.permissions.ObjectPermissionBackend` (settings), so `user.has_perm(perm, obj)`
gives the same answer for everyone but a superuser. Without an object, a rule named like a Django permission
answers no (every predicate on an object is false for None), so model-level permissions stay the groups'
(`roles.py`, read by the ModelBackend); the rules that do answer without an object say so.

The table of permissions and their predicates is in docs/SECURITY.md ("Who may do what").
"""

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import access
from .models import Branch, BranchReport, Status


def branch_id_of(obj):
    """The branch an object belongs to: a Branch itself, or anything with a `branch` (initiative, pledge, report,
    nomination, award...)."""
    if obj is None:
        return None
    return obj.pk if isinstance(obj, Branch) else obj.branch_id


# -- who the user is to the object ----------------------------------------------------------------------------


@rules.predicate
def is_author_side(user, initiative):
    """The person who entered it or one of its authors (with an account)."""
    if initiative is None or not user.is_authenticated:
        return False
    if initiative.entered_by_id == user.pk:
        return True
    member = access.member_of(user)
    return member is not None and initiative.authors.filter(member=member).exists()


@rules.predicate
def is_branch_officer(user, obj):
    """An officer of the object's own branch."""
    return obj is not None and branch_id_of(obj) in access.officer_branch_ids(user)


@rules.predicate
def is_live_node(user, node):
    """A union body that has not been dissolved."""
    return node is not None and node.dissolved_on is None


@rules.predicate
def is_member_of_branch(user, obj):
    """A member on the roster of the object's branch."""
    member = access.member_of(user) if obj is not None else None
    return member is not None and member.branch_id == branch_id_of(obj)


@rules.predicate
def oversees_branch_of(user, obj):
    """An officer of the object's branch or of a union body above it (a superuser oversees every branch)."""
    return obj is not None and access.oversees_branch(user, branch_id_of(obj))


@rules.predicate
def is_upper_reviewer(user, obj):
    """Upper-union staff whose subtree holds the object's branch (a superuser's holds every branch)."""
    return obj is not None and access.in_upper_scope(user, branch_id_of(obj))


@rules.predicate
def is_upper_staff_with_a_node(user):
    """A superuser, or upper-union staff who is officer of a node (unassigned staff fail closed)."""
    return access.is_district(user)


@rules.predicate
def no_object(user, obj):
    """Asked without an object: whether the user may do it to some object (an admin form before one is chosen)."""
    return obj is None


# Upper-union staff over the object's branch; without an object, upper-union staff with a node.
upper_reviewer_or_may_be = is_upper_reviewer | (no_object & is_upper_staff_with_a_node)


@rules.predicate
def oversees_branches(user):
    """Upper-union staff with a node or a branch officer: those who review, count, report and import."""
    return access.oversees_branches(user)


@rules.predicate
def oversees_node(user, node):
    """The union body lies in the subtree of one of `user`'s nodes (a superuser oversees every body): its path
    against the user's nodes, read once per request, no query."""
    return node is not None and access.oversees_node(user, node)


@rules.predicate
def is_own_top_node(user, node):
    """One of the bodies `user` is officer of at the top of their scope (it is moved or dissolved from above)."""
    return node is not None and node.path in access.node_scope(user).paths


@rules.predicate
def sees_initiative(user, initiative):
    return initiative is not None and access.initiatives_for(user).filter(pk=initiative.pk).exists()


# -- the object's state -----------------------------------------------------------------------------------------


@rules.predicate
def is_open_initiative(user, initiative):
    """A draft or returned: its fields and files can change."""
    return initiative is not None and initiative.status in (Status.DRAFT, Status.RETURNED)


@rules.predicate
def is_never_submitted_draft(user, initiative):
    return initiative is not None and initiative.status == Status.DRAFT and not initiative.was_submitted


@rules.predicate
def is_submitted_report(user, report):
    return report is not None and report.state == BranchReport.State.SUBMITTED


# -- the permissions ----------------------------------------------------------------------------------------------

writes_initiative = is_author_side | is_branch_officer
changes_initiative = is_open_initiative & writes_initiative

PERMISSIONS = {
    # Initiatives
    "initiatives.view_initiative": sees_initiative,
    "initiatives.add_initiative_to_branch": is_member_of_branch | oversees_branch_of,  # a Branch
    "initiatives.write_initiative": writes_initiative,  # whatever its status: may have opened its form
    "initiatives.change_initiative": changes_initiative,  # its fields and its files
    "initiatives.delete_initiative": is_never_submitted_draft & changes_initiative,
    "initiatives.review_initiative": oversees_branch_of,  # the review moves, the novelty matches, internal notes
    "initiatives.publish_initiative": upper_reviewer_or_may_be,  # the national portal's fields, publishing
    # The workflow's actors: which moves each makes, in which status, is the workflow's table.
    "initiatives.move_as_author": is_author_side,
    "initiatives.move_as_branch_officer": is_branch_officer,
    "initiatives.move_as_upper_union": is_upper_reviewer,
    # Branches and union bodies (the admin)
    "initiatives.add_under_own_nodes": is_upper_staff_with_a_node,  # a branch or a body (and the group's add_*)
    "initiatives.set_up_branch": upper_reviewer_or_may_be,  # name, code, node, officers... (an officer: member count)
    "initiatives.add_top_federation": rules.is_superuser,  # a new root of the tree
    # Reorganising the tree (reorganisation.py): a body in one's subtree takes new bodies, a new name, moved or
    # taken-over bodies and branches; a body strictly below one's own nodes is moved or dissolved; a branch under
    # one's nodes is moved or merged.
    "initiatives.change_federation": oversees_node,
    # Targets a body gives the bodies and branches under it: upper-union staff over it (not a branch officer, not
    # the officer of a sibling or of a body below it), while it is not dissolved.
    "initiatives.give_targets": is_live_node & is_upper_staff_with_a_node & oversees_node,
    "initiatives.reorganise_federation": rules.is_superuser | (~is_own_top_node & oversees_node),
    "initiatives.reorganise_branch": is_upper_reviewer,
    # Membership requests: confirmed or refused by the officers of its branch or of a body above it.
    "initiatives.change_membershiprequest": oversees_branch_of,
    # Pledges. The pages and the admin are for those who oversee branches (rows scoped by access.branches_for);
    # one branch's pledge is edited by its officers and the upper-union staff over it, who alone accept, adjust
    # or delete it.
    "initiatives.keep_pledges": oversees_branches,
    "initiatives.edit_pledge": oversees_branch_of,  # a Branch or a Pledge
    "initiatives.accept_pledge": upper_reviewer_or_may_be,
    # Reports, imports, dashboards
    "initiatives.export_report": oversees_branches,
    "initiatives.import_data": oversees_branches,
    "initiatives.view_dashboard": oversees_branches,
    # The branches' periodic reports (a BranchReport, saved or not)
    "initiatives.view_branchreport": oversees_branch_of,
    "initiatives.write_branchreport": is_branch_officer,  # the service's check; its state is checked under lock
    "initiatives.change_branchreport": is_branch_officer & ~is_submitted_report,
    "initiatives.review_branchreport": is_upper_reviewer,  # hand it back (the service's check)
    "initiatives.hand_back_branchreport": is_upper_reviewer & is_submitted_report,
    # Maintenance jobs (recount the tallies, back up): the portal's administrator
    "initiatives.run_maintenance": rules.is_superuser,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)

# What a refusal says (to the person on a page without a form, to the audit log, to a background job).
MESSAGES = {
    "initiatives.export_report": _("Reports are for branch officers and the district office."),
    "initiatives.import_data": _("Imports are for branch officers and the district office."),
    "initiatives.write_branchreport": _("Only the branch's officers write its report."),
    "initiatives.review_branchreport": _("Only the district office hands a report back."),
    "initiatives.run_maintenance": _("Only an administrator may run this."),
    "initiatives.change_initiative": _(
        "Files can be changed only by its author or branch officer, while a draft or returned."),
}


def require(user, perm, obj=None):
    """Raise PermissionDenied (with the permission's message, if it has one) unless `user` has `perm` on `obj`."""
    if not rules.has_perm(perm, user, obj):
        message = MESSAGES.get(perm)
        raise PermissionDenied(message) if message else PermissionDenied


def permission_required(perm):
    """A view decorator: a signed-in user (else the login page) who has `perm`, a rule without an object (else
    PermissionDenied). rules' own decorator asks `user.has_perms`, which lets a superuser through everything and
    reads the model permissions from the database; this asks the rule alone."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
