"""Every move of a nomination for every role, allowed and refused; history rows; messages for people."""

import pytest
import rules
from django.core.exceptions import PermissionDenied

from models_awards import nomination_workflow as flow
from models_awards.models import Candidate, Nomination, NominationMove, NominationStatus, UpwardLevel
from tests import factories

from . import helpers

S = NominationStatus
DETAILS = {
    "decline": {"comment": "Thành tích chưa nổi bật."},
    "propose_upward": {"level": UpwardLevel.PROVINCIAL_FEDERATION},
}
# action → (sources, target, who may make it)
GRID = {
    "propose": ((S.DRAFT,), S.PROPOSED, {"officer", "district"}),
    "withdraw": ((S.PROPOSED,), S.DRAFT, {"officer", "district"}),
    "shortlist": ((S.PROPOSED,), S.SHORTLISTED, {"district"}),
    "select": ((S.SHORTLISTED,), S.SELECTED, {"district"}),
    "propose_upward": ((S.SELECTED,), S.PROPOSED_UPWARD, {"district"}),
    "recognise": ((S.PROPOSED_UPWARD,), S.RECOGNISED, {"district"}),
    "decline": ((S.PROPOSED, S.SHORTLISTED, S.SELECTED, S.PROPOSED_UPWARD), S.DECLINED, {"district"}),
    "reopen": ((S.DECLINED,), S.PROPOSED, {"district"}),
}
ROLES = ("officer", "other_officer", "district", "member")


@pytest.fixture
def people(officer_a, officer_b, district, member_a):
    return {"officer": officer_a, "other_officer": officer_b, "district": district, "member": member_a.user}


def test_the_grid_covers_every_move():
    assert set(GRID) == set(flow.MOVES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(GRID))
def test_every_move_for_every_role_from_its_sources(action, role, people, branch_a, member_a):
    sources, target, actors = GRID[action]
    for source in sources:
        nomination = helpers.nomination(branch_a, member=member_a, status=source)
        user = people[role]
        if role in actors:
            saved = flow.apply(nomination, action, user, **DETAILS.get(action, {}))
            assert saved.status == target
            assert Nomination.objects.get(pk=nomination.pk).status == target
            move = NominationMove.objects.get(nomination=nomination)
            assert (move.action, move.from_status, move.to_status, move.actor_id) == (action, source, target, user.pk)
            assert move.created_at is not None
        else:
            with pytest.raises(PermissionDenied):
                flow.apply(nomination, action, user, **DETAILS.get(action, {}))
            assert Nomination.objects.get(pk=nomination.pk).status == source
            assert not NominationMove.objects.filter(nomination=nomination).exists()


@pytest.mark.parametrize("action", list(GRID))
def test_every_move_is_refused_with_a_message_from_other_statuses(action, district, branch_a, member_a):
    sources, _target, _actors = GRID[action]
    for status in set(S.values) - set(sources):
        nomination = helpers.nomination(branch_a, member=member_a, status=status)
        with pytest.raises(flow.TransitionError) as refused:
            flow.apply(nomination, action, district, **DETAILS.get(action, {}))
        assert refused.value.message
        assert Nomination.objects.get(pk=nomination.pk).status == status


@pytest.mark.parametrize("status", [S.PROPOSED, S.SHORTLISTED, S.SELECTED, S.PROPOSED_UPWARD])
def test_the_officer_may_not_decline_or_move_on_even_their_own(status, officer_a, branch_a, member_a):
    nomination = helpers.nomination(branch_a, member=member_a, status=status)
    for action in ("shortlist", "select", "propose_upward", "recognise", "decline"):
        with pytest.raises(PermissionDenied):
            flow.apply(nomination, action, officer_a, **DETAILS.get(action, {}))


def test_an_officer_of_another_branch_may_not_propose(officer_b, branch_a):
    nomination = helpers.nomination(branch_a)
    with pytest.raises(PermissionDenied):
        flow.apply(nomination, "propose", officer_b)


def test_decline_needs_a_reason_which_is_kept(district, branch_a):
    nomination = helpers.nomination(branch_a, status=S.SHORTLISTED)
    with pytest.raises(flow.TransitionError):
        flow.apply(nomination, "decline", district, comment="   ")
    flow.apply(nomination, "decline", district, comment="Chưa đủ tiêu chí.")
    nomination.refresh_from_db()
    assert nomination.status == S.DECLINED and nomination.decline_reason == "Chưa đủ tiêu chí."
    assert nomination.moves.get().comment == "Chưa đủ tiêu chí."
    flow.apply(nomination, "reopen", district)
    nomination.refresh_from_db()
    assert nomination.status == S.PROPOSED and nomination.decline_reason == ""


def test_propose_upward_needs_one_of_the_three_bodies(district, branch_a):
    nomination = helpers.nomination(branch_a, status=S.SELECTED)
    for level in ("", "the_moon"):
        with pytest.raises(flow.TransitionError):
            flow.apply(nomination, "propose_upward", district, level=level)
    for level in UpwardLevel.values:
        assert level in ("provincial_federation", "national_federation", "provincial_committee")
    flow.apply(nomination, "propose_upward", district, level=UpwardLevel.PROVINCIAL_COMMITTEE)
    nomination.refresh_from_db()
    assert nomination.upward_level == UpwardLevel.PROVINCIAL_COMMITTEE
    assert nomination.moves.get().upward_level == UpwardLevel.PROVINCIAL_COMMITTEE


def test_an_incomplete_nomination_cannot_be_proposed(officer_a, branch_a):
    nomination = helpers.nomination(branch_a, with_criterion=False)
    with pytest.raises(flow.TransitionError) as refused:
        flow.apply(nomination, "propose", officer_a)
    assert refused.value.message
    Nomination.objects.filter(pk=nomination.pk).update(achievements="")
    nomination.refresh_from_db()
    with pytest.raises(flow.TransitionError):
        flow.apply(nomination, "propose", officer_a)


def test_full_path_writes_one_history_row_per_move(officer_a, district, branch_a, member_a):
    nomination = helpers.nomination(branch_a, member=member_a)
    flow.apply(nomination, "propose", officer_a)
    flow.apply(nomination, "shortlist", district)
    flow.apply(nomination, "select", district)
    flow.apply(nomination, "propose_upward", district, level=UpwardLevel.NATIONAL_FEDERATION)
    flow.apply(nomination, "recognise", district, comment="Quyết định số 100/QĐ-TLĐ.")
    rows = list(nomination.moves.values_list("from_status", "to_status", "actor"))
    assert rows == [
        (S.DRAFT, S.PROPOSED, officer_a.pk),
        (S.PROPOSED, S.SHORTLISTED, district.pk),
        (S.SHORTLISTED, S.SELECTED, district.pk),
        (S.SELECTED, S.PROPOSED_UPWARD, district.pk),
        (S.PROPOSED_UPWARD, S.RECOGNISED, district.pk),
    ]


def test_a_stale_page_is_told_someone_else_handled_it(district, branch_a):
    nomination = helpers.nomination(branch_a, status=S.PROPOSED)
    stale = Nomination.objects.get(pk=nomination.pk)
    flow.apply(nomination, "shortlist", district)
    with pytest.raises(flow.TransitionError) as refused:
        flow.apply(stale, "shortlist", district)
    assert refused.value.message
    assert NominationMove.objects.filter(nomination=nomination).count() == 1


def test_shortlisting_puts_the_supporting_initiatives_before_the_panel(district, branch_a, member_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status="branch_approved")
    nomination = helpers.nomination(branch_a, member=member_a, status=S.PROPOSED, year=2023)
    nomination.initiatives.add(initiative)
    flow.apply(nomination, "shortlist", district)
    assert Candidate.objects.filter(year=2023, initiative=initiative).count() == 1


def test_leaving_the_exemplar_statuses_unpublishes(district, branch_a):
    nomination = helpers.nomination(branch_a, status=S.SELECTED, is_published=True)
    flow.apply(nomination, "decline", district, comment="Có sai sót trong hồ sơ.")
    nomination.refresh_from_db()
    assert not nomination.is_published


def test_unknown_action_is_a_transition_error(district, branch_a):
    with pytest.raises(flow.TransitionError):
        flow.apply(helpers.nomination(branch_a), "promote", district)


def test_can_edit(officer_a, officer_b, district, branch_a):
    draft = helpers.nomination(branch_a)
    proposed = helpers.nomination(branch_a, status=S.PROPOSED)
    selected = helpers.nomination(branch_a, status=S.SELECTED)
    def can_edit(user, nomination):
        return rules.has_perm("models_awards.change_nomination", user, nomination)

    assert can_edit(officer_a, draft) and not can_edit(officer_a, proposed)
    assert not can_edit(officer_b, draft)
    assert can_edit(district, draft) and can_edit(district, proposed)
    assert not can_edit(district, selected)
