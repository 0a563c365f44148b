"""Who may see and do what: the one place for scoping.

Every list, detail page, admin queryset, dashboard figure and export starts from the querysets
here, so an officer of branch A never reaches branch B through any path.
"""

from django.db.models import Q

from .models import SUBMITTED_STATUSES, Branch, Initiative, InitiativeAuthor, Member, MembershipRequest, Status

MEMBER = "member"
BRANCH_OFFICER = "branch_officer"
DISTRICT_OFFICE = "district_office"
ROLES = (MEMBER, BRANCH_OFFICER, DISTRICT_OFFICE)


def _group_names(user):
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._portal_groups = cached
    return cached


def is_district(user):
    return user.is_authenticated and (user.is_superuser or DISTRICT_OFFICE in _group_names(user))


def officer_branch_ids(user):
    """The ids of the branches `user` is an officer of (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_portal_officer_branch_ids", None)
    if cached is None:
        cached = set(Branch.objects.filter(officers=user).values_list("pk", flat=True))
        user._portal_officer_branch_ids = cached
    return cached


def is_officer(user):
    return bool(officer_branch_ids(user))


def oversees_branches(user):
    """The district office or a branch officer: those who review, count, report and award (a member does not)."""
    return is_district(user) or is_officer(user)


def member_of(user):
    """The roster entry linked to `user`, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def role_of(user):
    """The user's main role, for landing pages and navigation."""
    if is_district(user):
        return DISTRICT_OFFICE
    if is_officer(user):
        return BRANCH_OFFICER
    if user.is_authenticated:
        return MEMBER
    return None


def branches_for(user):
    if is_district(user):
        return Branch.objects.all()
    return Branch.objects.filter(pk__in=officer_branch_ids(user))


def members_for(user):
    """The roster entries `user` may read and edit."""
    if is_district(user):
        return Member.objects.all()
    return Member.objects.filter(branch_id__in=officer_branch_ids(user))


def membership_requests_for(user):
    if is_district(user):
        return MembershipRequest.objects.all()
    return MembershipRequest.objects.filter(branch_id__in=officer_branch_ids(user))


def initiatives_for(user):
    """The initiatives `user` may see: all for the district, their branches' for an officer,
    their own (as author or as the one who entered it) for a member."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if is_district(user):
        return Initiative.objects.all()
    condition = Q(entered_by=user)
    branch_ids = officer_branch_ids(user)
    if branch_ids:
        condition |= Q(branch_id__in=branch_ids)
    member = member_of(user)
    if member is not None:
        # A member authors a handful of initiatives: their keys, so that the database answers the three
        # conditions from three indexes (a join or a subquery here makes it read the table at a million rows).
        authored = list(InitiativeAuthor.objects.filter(member=member).values_list("initiative_id", flat=True))
        if authored:
            condition |= Q(pk__in=authored)
    return Initiative.objects.filter(condition)


def reviewable_initiatives_for(user):
    """Initiatives `user` reviews as an officer or the district (never those they only author)."""
    if is_district(user):
        return Initiative.objects.all()
    return Initiative.objects.filter(branch_id__in=officer_branch_ids(user))


def can_view_initiative(user, initiative):
    return initiatives_for(user).filter(pk=initiative.pk).exists()


def is_reviewer_of(user, initiative):
    return is_district(user) or initiative.branch_id in officer_branch_ids(user)


def is_author_side(user, initiative):
    """The person who entered it or one of its authors (with an account)."""
    if not user.is_authenticated:
        return False
    if initiative.entered_by_id == user.pk:
        return True
    member = member_of(user)
    return member is not None and initiative.authors.filter(member=member).exists()


def can_edit_initiative(user, initiative):
    """Fields can be changed while a draft or returned, by its author side or its branch's officer."""
    if initiative.status not in (Status.DRAFT, Status.RETURNED):
        return False
    return is_author_side(user, initiative) or initiative.branch_id in officer_branch_ids(user)


def can_delete_initiative(user, initiative):
    """Only a draft that was never submitted can go; a submitted initiative is only ever rejected."""
    return initiative.status == Status.DRAFT and not initiative.was_submitted and can_edit_initiative(user, initiative)


def can_see_internal_notes(user, initiative):
    return is_reviewer_of(user, initiative)


def novelty_peers_for(user):
    """What an author's text is compared with while they type, beyond what they may see: what was submitted to
    their own branch. Of these the author is told only the number, the branch and the score (never the title or
    the text), so that a repeated submission is caught before it is sent."""
    member = member_of(user)
    if member is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(branch_id=member.branch_id, status__in=SUBMITTED_STATUSES)
