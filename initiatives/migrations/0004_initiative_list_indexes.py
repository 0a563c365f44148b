"""Indexes for the lists at scale: the newest-first order (overall and per status), and on PostgreSQL trigram
indexes on the folded search text of initiatives and members, so that search finds any part of a title or a
name without reading every row. Built CONCURRENTLY on PostgreSQL (writes go on meanwhile), hence not atomic."""

from django.conf import settings
from django.db import migrations, models

TRIGRAM_INDEXES = {
    "initiative_search_trgm": ("initiatives_initiative", "search_text"),
    "member_search_trgm": ("initiatives_member", "search_name"),
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite reads the whole (small) table; nothing to build
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, (table, column) in TRIGRAM_INDEXES.items():
            cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} "
                           f"USING gin ({column} gin_trgm_ops)")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in TRIGRAM_INDEXES:
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('initiatives', '0003_tallies'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['-created_at', '-id'], name='initiative_created'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['status', '-created_at', '-id'], name='initiative_status_created'),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
