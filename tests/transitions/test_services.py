"""Services check the acting user themselves, called straight (no view in front), and each change they make leaves
one row in the audit table."""

import pytest
from django.core.exceptions import PermissionDenied

from initiatives import membership, pledges
from initiatives.models import MembershipRequest, Pledge, Programme
from models_awards import nomination_workflow, services
from models_awards.models import Candidate, Criterion, Nomination, NominationStatus, Subject
from portal_security.models import AuditEvent
from tests import factories
from tests.models_awards import helpers


def audit_actions(target):
    return list(AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
                .values_list("action", "actor"))


@pytest.fixture
def pledge(branch_a):
    return Pledge.objects.create(branch=branch_a, programme=Programme.current())


def test_pledge_acceptance_is_the_districts_and_is_audited(pledge, officer_a, officer_b, member_a, district):
    for outsider in (officer_a, officer_b, member_a.user):
        with pytest.raises(PermissionDenied):
            pledges.accept_pledge(pledge=pledge, user=outsider)
    pledges.accept_pledge(pledge=pledge, user=district)
    assert Pledge.objects.get(pk=pledge.pk).accepted_by_district
    assert audit_actions(pledge) == [("pledge.accept", district.pk)]


def test_a_pledge_is_saved_only_by_who_oversees_its_branch(branch_a, officer_b, officer_a):
    periods = list(Programme.current().periods.all())
    with pytest.raises(PermissionDenied):
        pledges.save_pledge(branch=branch_a, programme=Programme.current(), user=officer_b, targets={})
    saved = pledges.save_pledge(branch=branch_a, programme=Programme.current(), user=officer_a,
                                targets={periods[0]: 3})
    assert audit_actions(saved) == [("pledge.save", officer_a.pk)]


def test_publishing_is_the_districts_and_is_audited(branch_a, officer_a, district):
    selected = helpers.nomination(branch_a, status=NominationStatus.SELECTED)
    with pytest.raises(PermissionDenied):
        nomination_workflow.set_published(selected, True, officer_a)
    nomination_workflow.set_published(selected, True, district)
    nomination_workflow.set_published(selected, False, district)
    assert audit_actions(selected) == [("nomination.publish", district.pk), ("nomination.unpublish", district.pk)]


def test_a_nomination_is_saved_only_within_the_users_branches_and_while_editable(branch_a, officer_a, officer_b):
    criterion = Criterion.objects.create(subject=Subject.COLLECTIVE, text="Tiêu chí")
    fields = {"year": 2022, "subject": Subject.COLLECTIVE, "branch": branch_a, "achievements": "Tốt."}
    with pytest.raises(PermissionDenied):
        services.save_nomination(user=officer_b, criteria_met={criterion: "QĐ 1"}, **fields)
    saved = services.save_nomination(user=officer_a, criteria_met={criterion: "QĐ 1"}, **fields)
    assert (saved.created_by, list(saved.criteria_met.values_list("evidence", flat=True))) == (officer_a, ["QĐ 1"])
    assert audit_actions(saved) == [("nomination.save", officer_a.pk)]
    Nomination.objects.filter(pk=saved.pk).update(status=NominationStatus.PROPOSED)  # no longer the officer's
    with pytest.raises(PermissionDenied):
        services.save_nomination(user=officer_a, nomination=saved, criteria_met={}, **fields)


def test_scores_are_the_district_panels(branch_a, officer_a, district):
    candidate = Candidate.objects.create(year=2022, initiative=factories.initiative(branch_a), added_by=district)
    scores = {"novelty": 7, "applicability": 8, "benefit": 6}
    with pytest.raises(PermissionDenied):
        services.save_score(candidate=candidate, scorer=officer_a, **scores)
    services.save_score(candidate=candidate, scorer=district, **scores)
    assert audit_actions(candidate) == [("candidate.score", district.pk)]


def test_membership_requests_are_decided_by_their_branchs_officers(branch_a, officer_a, officer_b):
    confirmed = MembershipRequest.objects.create(user=factories.user(), branch=branch_a, full_name="Phan Văn Hùng")
    refused = MembershipRequest.objects.create(user=factories.user(), branch=branch_a, full_name="Hồ Thị Lan")
    for service, request_obj in ((membership.confirm_request, confirmed), (membership.refuse_request, refused)):
        with pytest.raises(PermissionDenied):
            service(request_obj, acting_user=officer_b)
        service(request_obj, acting_user=officer_a)
    assert audit_actions(confirmed) == [("membership.confirm", officer_a.pk)]
    assert audit_actions(refused) == [("membership.refuse", officer_a.pk)]


def test_a_draft_is_deleted_only_by_who_may_edit_it_and_is_audited(branch_a, member_a, officer_b, district):
    from initiatives import services as initiative_services
    from initiatives.models import Initiative

    draft = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    for outsider in (officer_b, district):
        with pytest.raises(PermissionDenied):
            initiative_services.delete_draft(initiative=draft, user=outsider)
    pk = draft.pk
    initiative_services.delete_draft(initiative=draft, user=member_a.user)
    assert not Initiative.objects.filter(pk=pk).exists()
    assert list(AuditEvent.objects.filter(target_id=pk, target_type="initiatives.initiative")
                .values_list("action", "actor")) == [("initiative.delete", member_a.user.pk)]
