"""Separation of duties (issue 12, item 6): nobody approves, verifies, sends or reopens an initiative they wrote,
nor moves forward a nomination of themselves; another officer of the branch or the district must. The rule is
initiatives/duties.py, asked by both workflows; the site and the admin offer no such move."""

import pytest
from django.contrib.messages import get_messages

from initiatives import duties, workflow
from initiatives.models import Initiative, Status
from models_awards import nomination_workflow
from models_awards.models import Nomination, NominationStatus
from tests import factories
from tests.models_awards import helpers as awards

APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}
OWN_CASE = "tác giả của sáng kiến này"


def roster_entry_for(user, branch):
    member = factories.member(branch)
    member.user = user
    member.save()
    return member


@pytest.fixture
def officer_author(branch_a, officer_a):
    """Officer A, who is also the author of an initiative of their branch, submitted for review."""
    member = roster_entry_for(officer_a, branch_a)
    initiative = factories.initiative(branch_a, authors=[(member, 100)], entered_by=officer_a)
    workflow.apply(initiative, "submit", officer_a)
    return initiative


def status_of(initiative):
    return Initiative.objects.values_list("status", flat=True).get(pk=initiative.pk)


def test_an_officer_cannot_approve_their_own_initiative_but_a_colleague_can(officer_author, officer_a, branch_a):
    assert "approve" not in [m.action for m in workflow.available_actions(officer_a, officer_author)]
    assert "return" in [m.action for m in workflow.available_actions(officer_a, officer_author)]
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(officer_author, "approve", officer_a, **APPROVE)
    assert OWN_CASE in refused.value.message and "cán bộ khác" in refused.value.message
    assert status_of(officer_author) == Status.SUBMITTED
    colleague = factories.officer(branch_a, "officer_a2")
    workflow.apply(Initiative.objects.get(pk=officer_author.pk), "approve", colleague, **APPROVE)
    assert status_of(officer_author) == Status.BRANCH_APPROVED


def test_a_co_author_is_refused_too(branch_a, officer_a):
    member = roster_entry_for(officer_a, branch_a)
    initiative = factories.initiative(branch_a, authors=[(factories.member(branch_a), 90), (member, 10)])
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.SUBMITTED)
    initiative.refresh_from_db()
    assert not workflow.may(officer_a, initiative, "approve")


def test_entering_an_initiative_for_a_member_is_not_authoring_it(branch_a, officer_a):
    initiative = factories.initiative(branch_a, entered_by=officer_a)  # brought on paper by a member
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.SUBMITTED)
    initiative.refresh_from_db()
    workflow.apply(initiative, "approve", officer_a, **APPROVE)
    assert status_of(initiative) == Status.BRANCH_APPROVED


def test_the_district_cannot_verify_send_or_reopen_what_it_wrote(branch_a, district):
    member = roster_entry_for(district, branch_a)
    initiative = factories.initiative(branch_a, authors=[(member, 100)])
    for status, action, details in (
        (Status.BRANCH_APPROVED, "verify", {}),
        (Status.DISTRICT_VERIFIED, "send", {}),
        (Status.REJECTED, "reopen", {"comment": "Xem lại"}),
    ):
        Initiative.objects.filter(pk=initiative.pk).update(status=status)
        initiative.refresh_from_db()
        assert not workflow.may(district, initiative, action)
        with pytest.raises(workflow.TransitionError):
            workflow.apply(initiative, action, district, **details)
        assert status_of(initiative) == status
    # A decision against their own initiative harms nobody else: allowed.
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.BRANCH_APPROVED)
    initiative.refresh_from_db()
    workflow.apply(initiative, "reject", district, comment="Trùng lặp")
    assert status_of(initiative) == Status.REJECTED


def test_the_site_offers_no_approve_button_and_refuses_the_post(client, officer_author, officer_a):
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/initiatives/{officer_author.pk}/").content.decode()
    assert f"/initiatives/{officer_author.pk}/approve/" not in page
    response = client.post(f"/initiatives/{officer_author.pk}/approve/",
                           {"novelty_confirmed": "on", "lawful_confirmed": "on"})
    assert response.status_code == 302
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert OWN_CASE in said
    assert status_of(officer_author) == Status.SUBMITTED


def test_the_admin_hides_the_move_and_refuses_the_bulk_action(client, officer_author, officer_a):
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/admin/initiatives/initiative/{officer_author.pk}/change/").content.decode()
    assert "/move/approve/" not in page
    assert "/move/return/" in page  # the other moves are still offered
    response = client.post(
        "/admin/initiatives/initiative/",
        {"action": "approve_selected", "_selected_action": [officer_author.pk], "confirm": "1",
         "novelty_confirmed": "on", "lawful_confirmed": "on"},
        follow=True,
    )
    assert OWN_CASE in response.content.decode()
    assert status_of(officer_author) == Status.SUBMITTED
    response = client.post(f"/admin/initiatives/initiative/{officer_author.pk}/move/approve/",
                           {"confirm": "1", "novelty_confirmed": "on", "lawful_confirmed": "on"}, follow=True)
    assert OWN_CASE in response.content.decode()
    assert status_of(officer_author) == Status.SUBMITTED


def test_nobody_moves_forward_a_nomination_of_themselves(branch_a, officer_a, district):
    officer_member = roster_entry_for(officer_a, branch_a)
    own = awards.nomination(branch_a, member=officer_member)
    assert not nomination_workflow.may(officer_a, own, "propose")
    with pytest.raises(nomination_workflow.TransitionError) as refused:
        nomination_workflow.apply(own, "propose", officer_a)
    assert "về chính bạn" in refused.value.message
    nomination_workflow.apply(own, "propose", district)  # the district proposes it instead
    district_member = roster_entry_for(district, branch_a)
    theirs = awards.nomination(branch_a, member=district_member, status=NominationStatus.PROPOSED)
    for action in ("shortlist",):
        assert not nomination_workflow.may(district, theirs, action)
        with pytest.raises(nomination_workflow.TransitionError):
            nomination_workflow.apply(theirs, action, district)
    assert Nomination.objects.get(pk=theirs.pk).status == NominationStatus.PROPOSED
    # A collective nomination of their branch is not about them.
    collective = awards.nomination(branch_a)
    assert nomination_workflow.may(officer_a, collective, "propose")


def test_the_rule_names_the_decisions_of_both_workflows():
    assert duties.INITIATIVE_DECISIONS <= set(workflow.MOVES)
    assert duties.NOMINATION_DECISIONS <= set(nomination_workflow.MOVES)
