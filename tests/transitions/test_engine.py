"""The transitions engine, move by declared move of both machines: each role the move names may make it (status,
history row, audit row), every other role is refused, a move that needs a comment refuses none, and the same post
made twice moves once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from initiatives import workflow
from initiatives.models import Initiative, StatusChange
from models_awards import nomination_workflow
from models_awards.models import NominationMove, UpwardLevel
from portal_security.models import AuditEvent
from tests import factories
from tests.models_awards import helpers
from transitions.machine import TransitionError

ROLES = ("author", "officer", "district")
INPUTS = {
    "approve": {"novelty_confirmed": True, "lawful_confirmed": True},
    "send": {"sent_date": datetime.date(2022, 5, 31)},
    "propose_upward": {"level": UpwardLevel.values[0]},
}
CASES = [(workflow.MACHINE, move) for move in workflow.MOVES.values()] + [
    (nomination_workflow.MACHINE, move) for move in nomination_workflow.MOVES.values()
]
IDS = [f"{machine.name}.{move.action}" for machine, move in CASES]


@pytest.fixture
def people(member_a, officer_a, district):
    return {"author": member_a.user, "officer": officer_a, "district": district}


@pytest.fixture
def make_row(branch_a, member_a):
    def make(machine, status):
        if machine is workflow.MACHINE:
            row = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
        else:
            row = helpers.nomination(branch_a)
        machine.model.objects.filter(pk=row.pk).update(status=status)
        return machine.model.objects.get(pk=row.pk)

    return make


def inputs_for(move, row):
    inputs = dict(INPUTS.get(move.action, {}))
    if "duplicate_of" in move.inputs:
        inputs["duplicate_of"] = factories.initiative(row.branch, title="Sáng kiến trước đó").pk
    if move.needs_comment:
        inputs["comment"] = "Lý do cụ thể."
    return inputs


def history_of(row):
    if isinstance(row, Initiative):
        return StatusChange.objects.filter(initiative=row)
    return NominationMove.objects.filter(nomination=row)


def audit_of(machine, row):
    return AuditEvent.objects.filter(target_type=row._meta.label_lower, target_id=row.pk,
                                     action__startswith=f"{machine.name}.")


@pytest.mark.parametrize(("machine", "move"), CASES, ids=IDS)
def test_each_role_the_move_names_makes_it_once(machine, move, make_row, people):
    for role in move.actors:
        row = make_row(machine, move.sources[0])
        stale = machine.model.objects.get(pk=row.pk)  # the same page, posted a second time
        inputs = inputs_for(move, row)
        saved = machine.apply(row, move.action, people[role], **inputs)
        assert saved.status == row.status == move.target  # the caller's instance shows the new state
        assert machine.model.objects.get(pk=row.pk).status == move.target
        [history] = history_of(row)
        assert (history.action, history.from_status, history.to_status, history.actor) == (
            move.action, move.sources[0], move.target, people[role])
        [event] = audit_of(machine, row)
        assert (event.action, event.actor, event.details["from_status"], event.details["to_status"]) == (
            f"{machine.name}.{move.action}", people[role], move.sources[0], move.target)
        with pytest.raises(TransitionError):
            machine.apply(stale, move.action, people[role], **inputs)
        assert history_of(row).count() == 1 and audit_of(machine, row).count() == 1


@pytest.mark.parametrize(("machine", "move"), CASES, ids=IDS)
def test_every_other_role_is_refused(machine, move, make_row, people, officer_b):
    row = make_row(machine, move.sources[0])
    inputs = inputs_for(move, row)
    outsiders = [people[role] for role in ROLES if role not in move.actors] + [officer_b]
    for user in outsiders:
        assert not machine.may(user, row, move.action)
        with pytest.raises(PermissionDenied):
            machine.apply(row, move.action, user, **inputs)
    assert machine.model.objects.get(pk=row.pk).status == move.sources[0]
    assert not history_of(row).exists() and not audit_of(machine, row).exists()


@pytest.mark.parametrize(("machine", "move"), [c for c in CASES if c[1].needs_comment],
                         ids=[i for i, c in zip(IDS, CASES, strict=True) if c[1].needs_comment])
def test_a_move_that_needs_a_comment_refuses_none(machine, move, make_row, people):
    row = make_row(machine, move.sources[0])
    inputs = {**inputs_for(move, row), "comment": "   "}
    with pytest.raises(TransitionError) as refused:
        machine.apply(row, move.action, people[move.actors[0]], **inputs)
    assert refused.value.message == str(machine.messages.comment)
    assert not history_of(row).exists() and not audit_of(machine, row).exists()


@pytest.mark.parametrize(("machine", "move"), CASES, ids=IDS)
def test_a_move_is_refused_from_any_other_status(machine, move, make_row, people):
    others = [s for s in machine.model._meta.get_field("status").choices if s[0] not in move.sources]
    for status, _label in others[:2]:
        row = make_row(machine, status)
        if machine.may(people["district"], row, move.action):  # the district's extra starting points
            continue
        with pytest.raises(TransitionError):
            machine.apply(row, move.action, people[move.actors[-1]], **inputs_for(move, row))
        assert not history_of(row).exists()


def test_inputs_a_machine_does_not_declare_are_a_programming_error(make_row, people):
    row = make_row(workflow.MACHINE, "draft")
    with pytest.raises(TypeError):
        workflow.apply(row, "submit", people["author"], level="x")
