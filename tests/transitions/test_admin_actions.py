"""The admin's move actions are made from the moves: one per move with an admin label, offered to exactly the roles
the move names, and the move's rules still refuse, row by row, what the role may not do."""

import pytest

from initiatives import workflow
from initiatives.models import Status, StatusChange
from models_awards import nomination_workflow
from tests import factories

ADMINS = {
    "/admin/initiatives/initiative/": workflow.MOVES,
    "/admin/models_awards/nomination/": nomination_workflow.MOVES,
}


def offered(client, path):
    choices = client.get(path).context["action_form"].fields["action"].choices
    return {name for name, _label in choices if name}


@pytest.mark.parametrize("path", ADMINS)
@pytest.mark.parametrize(("who", "roles"), [("officer_a", {"officer"}), ("district", {"district"})])
def test_each_role_is_offered_the_moves_it_may_make(path, who, roles, request, login, db):
    client = login(request.getfixturevalue(who))
    expected = {f"{m.action}_selected" for m in ADMINS[path].values() if m.admin_label and roles & set(m.actors)}
    assert offered(client, path) == expected
    assert expected  # each role has some


def test_every_admin_labelled_move_is_an_action_and_no_other():
    from django.contrib import admin

    from initiatives.models import Initiative
    from models_awards.models import Nomination

    for model, moves in ((Initiative, workflow.MOVES), (Nomination, nomination_workflow.MOVES)):
        names = {action.__name__ for action in admin.site._registry[model].actions}
        assert names == {f"{m.action}_selected" for m in moves.values() if m.admin_label}


def test_an_action_posted_by_a_role_not_offered_it_moves_nothing(login, officer_a, branch_a, member_a):
    approved = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.BRANCH_APPROVED)
    client = login(officer_a)
    response = client.post("/admin/initiatives/initiative/",
                           {"action": "verify_selected", "_selected_action": [approved.pk], "confirm": "1"})
    assert response.status_code in (200, 302)
    approved.refresh_from_db()
    assert approved.status == Status.BRANCH_APPROVED and not StatusChange.objects.exists()


def test_a_return_through_the_admin_needs_its_comment(login, officer_a, branch_a, member_a):
    submitted = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)
    client = login(officer_a)
    page = client.post("/admin/initiatives/initiative/",
                       {"action": "return_selected", "_selected_action": [submitted.pk], "confirm": "1",
                        "comment": "  "})
    assert page.status_code == 200 and page.context["form"].errors["comment"]
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
