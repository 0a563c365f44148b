"""The members' tally of initiatives sent as credited author (the awards' ranking of members), its triggers, and a
first count of it (every tally is recounted: they are recounted together)."""

import django.db.models.deletion
from django.db import migrations, models

from initiatives.migrations import _tally_sql_0014 as tally_sql


def install_and_count(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    statements = list(tally_sql.INSTALL[vendor])
    for programme_id in apps.get_model("initiatives", "Programme").objects.values_list("pk", flat=True):
        statements += tally_sql.recount(vendor, programme_id)
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_reinstall_tally_triggers")]

    operations = [
        migrations.CreateModel(
            name="TallyCreditedSent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sent", models.IntegerField(default=0)),
                ("benefit", models.BigIntegerField(default=0)),
                ("member", models.ForeignKey(db_constraint=False, db_index=False,
                                             on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                             to="initiatives.member")),
                ("programme", models.ForeignKey(db_constraint=False, db_index=False,
                                                on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                to="initiatives.programme")),
            ],
            options={
                "db_table": "initiatives_tally_credited_sent",
                "indexes": [
                    models.Index(fields=["programme", "-sent", "-benefit"], name="tally_credited_by_sent"),
                    models.Index(fields=["programme", "-benefit", "-sent"], name="tally_credited_by_benefit"),
                ],
                "constraints": [models.UniqueConstraint(fields=("programme", "member"),
                                                        name="tally_credited_sent_key")],
            },
        ),
        migrations.RunPython(install_and_count, migrations.RunPython.noop),
        migrations.AlterModelOptions(name="tallycreditedsent", options={"managed": False}),
    ]
