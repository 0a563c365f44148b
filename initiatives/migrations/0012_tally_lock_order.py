"""The tally triggers again, as initiatives/tally_sql.py now writes them: an author trigger locks its initiative's
row before the tallies' write lock, the one lock order of every writer (issue 12, item 4).

The SQL is frozen in _tally_sql_0014.py (no live code in migrations); 0015 replaces these triggers."""

from django.db import migrations

from initiatives.migrations import _tally_sql_0014 as tally_sql


def reinstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        with schema_editor.connection.cursor() as cursor:
            for statement in list(tally_sql.INSTALL[vendor]):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_branch_chair_and_vietnamese_name_order")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
