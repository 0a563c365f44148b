"""The audit table starts with every status move already made: one row per StatusChange (initiatives) and per
NominationMove (nominations), with its time, who, from, to and comment. Those tables stay as the workflows'
history; nothing is taken from them."""

from django.db import migrations

BATCH = 2000


def copy_moves(apps, model_name, app_label, subject, target_type, fk):
    source = apps.get_model(app_label, model_name)
    AuditEvent = apps.get_model("portal_security", "AuditEvent")
    batch = []
    for row in source.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(AuditEvent(
            at=row.created_at, actor_id=row.actor_id, action=f"{subject}.{row.action}", target_type=target_type,
            target_id=getattr(row, fk), details={"from_status": row.from_status, "to_status": row.to_status,
                                                 "comment": row.comment},
        ))
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)


def forwards(apps, schema_editor):
    copy_moves(apps, "StatusChange", "initiatives", "initiative", "initiatives.initiative", "initiative_id")
    copy_moves(apps, "NominationMove", "models_awards", "nomination", "models_awards.nomination", "nomination_id")


def backwards(apps, schema_editor):
    AuditEvent = apps.get_model("portal_security", "AuditEvent")
    AuditEvent.objects.filter(action__regex=r"^(initiative|nomination)\.").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal_security", "0001_audit_event"),
        ("initiatives", "0014_union_tree"),
        ("models_awards", "0002_seed_criteria_and_thresholds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
