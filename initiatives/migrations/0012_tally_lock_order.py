"""The tally triggers again, as initiatives/tally_sql.py now writes them: an author trigger locks its initiative's
row before the tallies' write lock, the one lock order of every writer (issue 12, item 4)."""

from django.db import migrations

from initiatives import tally_sql


def reinstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        with schema_editor.connection.cursor() as cursor:
            for statement in tally_sql.install_statements(vendor):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_branch_chair_and_vietnamese_name_order")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
