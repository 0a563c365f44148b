"""Separation of duties: nobody decides in their own case.

An officer or a district reviewer who is an author of an initiative does not approve, verify, send or reopen it,
and nobody moves forward a nomination whose subject they are (an individual nomination of their own roster
entry): another officer of the branch or the district office must. Both workflows ask here, in `may` (so the
site and the admin offer no such move) and in `apply` (so no path makes it); the message is for people.
"""

from django.utils.translation import gettext as _

from . import access

# The moves that decide in an initiative's favour (a return or a rejection by an author harms no one else).
INITIATIVE_DECISIONS = frozenset({"approve", "verify", "send", "reopen"})
# The moves that carry a nomination forward.
NOMINATION_DECISIONS = frozenset({"propose", "shortlist", "select", "propose_upward", "recognise", "reopen"})


def is_author_of(user, initiative):
    """Whether `user`'s roster entry is one of the initiative's authors (entering it for someone is not)."""
    member = access.member_of(user)
    # .all(): the authors a page has already fetched are read again without a query.
    return member is not None and any(author.member_id == member.pk for author in initiative.authors.all())


def is_subject_of(user, nomination):
    member = access.member_of(user)
    return member is not None and nomination.member_id == member.pk


def initiative_refusal(user, initiative, action, label):
    """Why `user` may not make `action` on `initiative` in their own case, or None."""
    if action in INITIATIVE_DECISIONS and is_author_of(user, initiative):
        return _(
            "You are an author of this initiative, so you cannot “%(action)s” it yourself: another officer of "
            "the branch or the district office must."
        ) % {"action": label}
    return None


def nomination_refusal(user, nomination, action, label):
    """Why `user` may not make `action` on a nomination of themselves, or None."""
    if action in NOMINATION_DECISIONS and is_subject_of(user, nomination):
        return _(
            "This nomination is about you, so you cannot “%(action)s” it yourself: another officer of the branch "
            "or the district office must."
        ) % {"action": label}
    return None
