"""The migration that starts the audit table copies every move already in the workflows' history."""

import importlib

from django.apps import apps

from initiatives.models import Status, StatusChange
from models_awards.models import NominationMove, NominationStatus
from portal_security.models import AuditEvent
from tests import factories
from tests.models_awards import helpers

backfill = importlib.import_module("portal_security.migrations.0002_audit_from_history")


def test_every_earlier_move_gets_its_audit_row(branch_a, officer_a, district):
    initiative = factories.initiative(branch_a)
    nomination = helpers.nomination(branch_a)
    change = StatusChange.objects.create(initiative=initiative, action="approve", from_status=Status.SUBMITTED,
                                         to_status=Status.BRANCH_APPROVED, actor=officer_a, comment="Tốt")
    NominationMove.objects.create(nomination=nomination, action="propose", from_status=NominationStatus.DRAFT,
                                  to_status=NominationStatus.PROPOSED, actor=district)
    backfill.forwards(apps, None)
    rows = AuditEvent.objects.order_by("pk")
    assert list(rows.values_list("action", "target_type", "target_id", "actor")) == [
        ("initiative.approve", "initiatives.initiative", initiative.pk, officer_a.pk),
        ("nomination.propose", "models_awards.nomination", nomination.pk, district.pk),
    ]
    assert rows[0].at == change.created_at
    assert rows[0].details == {"from_status": "submitted", "to_status": "branch_approved", "comment": "Tốt"}
    backfill.backwards(apps, None)
    assert not AuditEvent.objects.exists()
