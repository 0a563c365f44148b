"""The tally triggers again, as initiatives/tally_sql.py now writes them (every writer takes the tally write lock
first on PostgreSQL). Databases migrated before keep the old functions otherwise: a change to the triggers' SQL
comes with a migration like this one."""

from django.db import migrations

from initiatives import tally_sql


def reinstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        with schema_editor.connection.cursor() as cursor:
            for statement in tally_sql.install_statements(vendor):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_member_name_order")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
