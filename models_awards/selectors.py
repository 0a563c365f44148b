"""Reads for the awards pages. Every queryset a user sees starts from `initiatives.access`; the public
ones show only what the district published, and never more than name, unit and achievement."""

from django.db.models import Prefetch

from initiatives import access
from initiatives.models import APPROVED_STATUSES, Initiative

from .models import EXEMPLAR_STATUSES, Award, Candidate, Nomination, NominationCriterion, NominationMove


def _in_branches_of(queryset, user):
    condition = access.branch_condition(user)
    return queryset if condition is None else queryset.filter(condition)


def nominations_for(user):
    return _in_branches_of(Nomination.objects.all(), user)


def nomination_list_for(user):
    return nominations_for(user).select_related("branch", "member").order_by("-year", "-created_at", "-pk")


def nomination_detail_for(user):
    return nominations_for(user).select_related("branch", "member", "created_by").prefetch_related(
        Prefetch("initiatives", queryset=Initiative.objects.select_related("credited_author")),
        Prefetch("criteria_met", queryset=NominationCriterion.objects.select_related("criterion")),
        Prefetch("moves", queryset=NominationMove.objects.select_related("actor")),
    )


def awards_for(user):
    return _in_branches_of(Award.objects.all(), user)


def award_list_for(user):
    return awards_for(user).select_related("branch", "member", "nomination").order_by("-year", "-decision_date", "-pk")


def candidates_for(user):
    """The scoring sheet is the district panel's."""
    if not access.is_district(user):
        return Candidate.objects.none()
    return Candidate.objects.filter(initiative__in=access.initiatives_for(user).values("pk"))


def supporting_initiatives_for(user, *, branch=None, member=None):
    """Initiatives a nomination or award may rest on: recognised by the branch or later, of the branch
    (a collective) or by the member (an individual), within what `user` may see."""
    initiatives = access.initiatives_for(user).filter(status__in=APPROVED_STATUSES)
    if member is not None:
        return initiatives.filter(authors__member=member).distinct()
    if branch is not None:
        return initiatives.filter(branch=branch)
    return initiatives


# --- The public showcase ---------------------------------------------------------------------------------


def published_initiatives():
    """Initiatives the district published that are approved by their branch or further on."""
    return (
        Initiative.objects.filter(is_published=True, status__in=APPROVED_STATUSES)
        .select_related("branch", "credited_author")
        .only(
            "pk", "title", "category", "field_of_work", "problem", "solution", "application_summary",
            "economic_benefit_vnd", "economic_benefit_description", "social_benefit", "application_date",
            "status", "created_at", "branch__name", "credited_author__full_name",
        )
        .order_by("-sent_to_province_date", "-pk")
    )


def published_exemplars():
    """Exemplars (selected by the district or further on) the district published."""
    return (
        Nomination.objects.filter(is_published=True, status__in=EXEMPLAR_STATUSES)
        .select_related("branch", "member")
        .only(
            "pk", "year", "subject", "team_name", "movement", "achievements", "status", "upward_level",
            "branch__name", "member__full_name",
        )
        .order_by("-year", "subject", "pk")
    )


def published_awards():
    return (
        Award.objects.filter(is_published=True)
        .select_related("branch", "member")
        .only(
            "pk", "year", "subject", "team_name", "level", "form", "decision_no", "decision_date", "occasion",
            "occasion_note", "citation", "branch__name", "member__full_name",
        )
        .order_by("-year", "-decision_date", "-pk")
    )
