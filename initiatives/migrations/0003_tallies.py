"""Tallies of the initiatives, kept by triggers (initiatives/tally_sql.py)."""

import django.db.models.deletion
from django.db import migrations, models

from initiatives.migrations import _tally_sql_0014 as tally_sql


def install_triggers(apps, schema_editor):
    """The triggers that keep the tallies, then a first count of whatever is already there.

    The SQL is that of migration 0014's time, frozen in _tally_sql_0014.py (it also writes tables created by later
    migrations: on a new database, with no initiative yet, there is nothing to count here, and 0007 counts
    everything once its table exists). Migration 0015 replaces these triggers."""
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    Programme = apps.get_model("initiatives", "Programme")
    statements = list(tally_sql.INSTALL[vendor])
    if apps.get_model("initiatives", "Initiative").objects.exists():
        for programme_id in Programme.objects.values_list("pk", flat=True):
            statements += tally_sql.recount(vendor, programme_id)
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        with schema_editor.connection.cursor() as cursor:
            for statement in tally_sql.UNINSTALL[vendor]:
                cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_seed_plan'),
    ]

    operations = [
        migrations.CreateModel(
            name='TallyProgramme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('participants', models.IntegerField(default=0)),
                ('authors', models.IntegerField(default=0)),
                ('version', models.BigIntegerField(default=0)),
                ('changed', models.BigIntegerField(default=0, help_text='microseconds since 1970 of the last write')),
                ('programme', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_programme',
            },
        ),
        migrations.CreateModel(
            name='TallyBranch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('draft', models.IntegerField(default=0)),
                ('submitted', models.IntegerField(default=0)),
                ('returned', models.IntegerField(default=0)),
                ('branch_approved', models.IntegerField(default=0)),
                ('rejected', models.IntegerField(default=0)),
                ('district_verified', models.IntegerField(default=0)),
                ('sent_to_province', models.IntegerField(default=0)),
                ('participants', models.IntegerField(default=0)),
                ('authors', models.IntegerField(default=0)),
                ('version', models.BigIntegerField(default=0)),
                ('changed', models.BigIntegerField(default=0, help_text='microseconds since 1970 of the last write')),
                ('branch', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tally_rows', to='initiatives.branch')),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_branch',
                'constraints': [models.UniqueConstraint(fields=('programme', 'branch'), name='tally_branch_key')],
            },
        ),
        migrations.CreateModel(
            name='TallyBranchSent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sent_quarter', models.PositiveIntegerField(help_text='year × 10 + quarter of the date sent')),
                ('period', models.PositiveSmallIntegerField(default=0)),
                ('sent', models.IntegerField(default=0)),
                ('benefit', models.BigIntegerField(default=0)),
                ('branch', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.branch')),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_branch_sent',
                'indexes': [models.Index(fields=['programme', 'sent_quarter'], name='tally_branch_sent_quarter')],
                'constraints': [models.UniqueConstraint(fields=('programme', 'branch', 'sent_quarter', 'period'), name='tally_branch_sent_key')],
            },
        ),
        migrations.CreateModel(
            name='TallyCell',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(max_length=30)),
                ('status', models.CharField(max_length=20)),
                ('sent_month', models.PositiveIntegerField(default=0, help_text='yyyymm of the date sent')),
                ('period', models.PositiveSmallIntegerField(default=0, help_text='number of the period of the date sent')),
                ('n', models.IntegerField(default=0)),
                ('branch', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.branch')),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_cell',
                'constraints': [models.UniqueConstraint(fields=('programme', 'branch', 'category', 'status', 'sent_month', 'period'), name='tally_cell_key')],
            },
        ),
        migrations.CreateModel(
            name='TallyMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('authored', models.IntegerField(default=0)),
                ('credited', models.IntegerField(default=0)),
                ('member', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.member')),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_member',
                'constraints': [models.UniqueConstraint(fields=('programme', 'member'), name='tally_member_key')],
            },
        ),
        migrations.CreateModel(
            name='TallyPerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('authored', models.IntegerField(default=0)),
                ('credited', models.IntegerField(default=0)),
                ('branch', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.branch')),
                ('member', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.member')),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_person',
                'constraints': [models.UniqueConstraint(fields=('programme', 'branch', 'member'), name='tally_person_key')],
            },
        ),
        migrations.CreateModel(
            name='TallyTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(max_length=30)),
                ('status', models.CharField(max_length=20)),
                ('sent_month', models.PositiveIntegerField(default=0)),
                ('period', models.PositiveSmallIntegerField(default=0)),
                ('n', models.IntegerField(default=0)),
                ('programme', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.programme')),
            ],
            options={
                'db_table': 'initiatives_tally_total',
                'constraints': [models.UniqueConstraint(fields=('programme', 'category', 'status', 'sent_month', 'period'), name='tally_total_key')],
            },
        ),
        migrations.RunPython(install_triggers, remove_triggers),
        # Created above; from here on Django leaves them to the triggers (see models/tally.py).
        migrations.AlterModelOptions(name='tallybranch', options={'managed': False}),
        migrations.AlterModelOptions(name='tallybranchsent', options={'managed': False}),
        migrations.AlterModelOptions(name='tallycell', options={'managed': False}),
        migrations.AlterModelOptions(name='tallymember', options={'managed': False}),
        migrations.AlterModelOptions(name='tallyperson', options={'managed': False}),
        migrations.AlterModelOptions(name='tallyprogramme', options={'managed': False}),
        migrations.AlterModelOptions(name='tallytotal', options={'managed': False}),
    ]
