"""What a reorganisation will do, said in plain words before it is made (the confirmation step of the site's forms).

Each function takes the arguments of the matching service in `reorganisation` (without the acting user and the
reason) and returns the sentences to show, counted from the tree as it stands: a few queries each, whatever the
size of the subtree (counts, never rows).
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Branch, Federation, Initiative, Member


def _bodies(count):
    return ngettext("%(count)d union body", "%(count)d union bodies", count) % {"count": count}


def _branches(count):
    return ngettext("%(count)d branch", "%(count)d branches", count) % {"count": count}


def _initiatives(count):
    return ngettext("%(count)d initiative", "%(count)d initiatives", count) % {"count": count}


def _members(count):
    return ngettext("%(count)d member", "%(count)d members", count) % {"count": count}


def _day(day):
    return date_format(day, "d/m/Y")


def _subtree(node):
    """(bodies under the node, branches in its subtree, their initiatives): three counts."""
    bodies = Federation.objects.filter(path__startswith=node.path).exclude(pk=node.pk).count()
    branches = Branch.objects.filter(federation__path__startswith=node.path)
    return bodies, branches.count(), Initiative.objects.filter(branch__in=branches.values("pk")).count()


def _of_branch(branch):
    """(initiatives submitted under the branch, members on its roster): two counts."""
    return (Initiative.objects.filter(branch=branch).count(),
            Member.objects.filter(branch=branch, is_active=True).count())


def create(*, parent, name, effective_on, **_fields):
    return [
        _("A new union body “%(name)s” is set up under %(parent)s, in force from %(date)s.") % {
            "name": name, "parent": parent.name, "date": _day(effective_on)},
        _("It has no officers and no branch yet: add its officers in the administration, then move branches "
          "under it."),
    ]


def rename(*, node, name, effective_on, **_fields):
    return [_("“%(old)s” is called “%(new)s” from %(date)s; the former name stays in its history and in the reports "
              "already made.") % {"old": node.name, "new": name, "date": _day(effective_on)}]


def move(*, node, new_parent, effective_on):
    bodies, branches, initiatives = _subtree(node)
    return [
        _("%(node)s goes under %(parent)s from %(date)s, with everything under it: %(bodies)s, %(branches)s and "
          "%(initiatives)s.") % {"node": node.name, "parent": new_parent.name, "date": _day(effective_on),
                                  "bodies": _bodies(bodies), "branches": _branches(branches),
                                  "initiatives": _initiatives(initiatives)},
        _("The officers of %(parent)s see them from now on; those of its present upper body no longer do, unless "
          "they also oversee %(parent)s.") % {"parent": new_parent.name},
    ]


def move_branch(*, branch, to_node, effective_on):
    initiatives, members = _of_branch(branch)
    return [
        _("%(branch)s goes from %(from)s to %(to)s from %(date)s, with its %(initiatives)s and %(members)s.") % {
            "branch": branch.name, "from": branch.federation.name, "to": to_node.name, "date": _day(effective_on),
            "initiatives": _initiatives(initiatives), "members": _members(members)},
        _("Every initiative keeps the branch it was submitted under."),
    ]


def merge(*, branch, into, effective_on):
    initiatives, members = _of_branch(branch)
    return [
        _("%(branch)s merges into %(into)s from %(date)s and is no longer active.") % {
            "branch": branch.name, "into": into.name, "date": _day(effective_on)},
        _("Its %(initiatives)s keep their branch and count for %(into)s from that date; its %(members)s stay on "
          "its roster.") % {"initiatives": _initiatives(initiatives), "into": into.name,
                            "members": _members(members)},
    ]


def dissolve(*, node, taken_over_by, effective_on):
    bodies, branches, initiatives = _subtree(node)
    officers = node.officers.count()
    return [
        _("%(node)s is dissolved from %(date)s.") % {"node": node.name, "date": _day(effective_on)},
        _("%(bodies)s, %(branches)s and %(initiatives)s go to %(to)s.") % {
            "bodies": _bodies(bodies), "branches": _branches(branches), "initiatives": _initiatives(initiatives),
            "to": taken_over_by.name},
        ngettext("Its %(count)d officer loses access to it.", "Its %(count)d officers lose access to it.",
                 officers) % {"count": officers},
        _("It keeps its name and its history; it is not deleted."),
    ]

