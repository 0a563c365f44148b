"""What waits for a user: the work the portal expects of them next ("Việc cần làm").

A branch officer reviews what was submitted (or resubmitted) to their branches and confirms members asking to join;
the district office verifies what the branches approved and sends what it verified to the province. Every
queryset starts from access.py, so the scope (a branch, a subtree of unions, the whole district) is the one the
user has everywhere else. `counts_for` asks the database a fixed number of questions, whatever the data, and
reads the per-branch tallies rather than the initiatives.
"""

from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Coalesce

from . import access
from .models import MembershipRequest, Status, TallyBranch

# (key, status waiting) for the reviewers' and the district office's work on initiatives.
OFFICER_WORK = (("to_review", Status.SUBMITTED),)
DISTRICT_WORK = (("to_verify", Status.BRANCH_APPROVED), ("to_send", Status.DISTRICT_VERIFIED))


@dataclass(frozen=True)
class Counts:
    to_review: int = 0
    join_requests: int = 0
    to_verify: int = 0
    to_send: int = 0

    @property
    def total(self):
        return self.to_review + self.join_requests + self.to_verify + self.to_send


def _initiative_work(user):
    if not user.is_authenticated:
        return ()
    if access.is_district(user):
        return DISTRICT_WORK
    if access.is_officer(user):
        return OFFICER_WORK
    return ()


def _asks_to_join(user):
    """Membership requests are the branch officers' work (the district office does not keep rosters)."""
    if not user.is_authenticated or access.is_district(user) or not access.is_officer(user):
        return MembershipRequest.objects.none()
    return access.membership_requests_for(user).filter(state=MembershipRequest.State.PENDING)


def initiatives_waiting(user):
    """{key: queryset of the initiatives waiting for `user` under that key}."""
    reviewable = access.reviewable_initiatives_for(user)
    return {key: reviewable.filter(status=status) for key, status in _initiative_work(user)}


def join_requests_waiting(user):
    return _asks_to_join(user)


def counts_for(user):
    """How much waits for `user`, in at most two queries (besides the role look-ups access.py caches)."""
    counts = {}
    work = _initiative_work(user)
    if work:
        # From the per-branch tallies (one row per programme and branch, kept by triggers), not by counting the
        # initiatives: the menu shows these on every page, and a province's officer would count hundreds of
        # thousands of rows each time. The same scope as the lists (access.branch_condition on the branch).
        rows = TallyBranch.objects.all()
        condition = access.branch_condition(user)
        if condition is not None:
            rows = rows.filter(condition)
        counts.update(rows.aggregate(**{key: Coalesce(Sum(str(status)), 0) for key, status in work}))
    if user.is_authenticated and access.is_officer(user) and not access.is_district(user):
        counts["join_requests"] = _asks_to_join(user).count()
    return Counts(**counts)
