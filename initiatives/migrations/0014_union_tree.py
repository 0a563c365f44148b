"""The union as a tree: every existing federation becomes a root node (django-treebeard's materialized path),
every existing branch hangs under the first of them (the district that owned the portal), nodes get officers, and
the tree keeps its history (Reorganisation; Branch.merged_into, Federation.dissolved_on)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from initiatives.migrations import _tally_sql_0014 as tally_sql

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node.alphabet, steplen 4


def root_path(position):
    digits = ""
    while position:
        position, digit = divmod(position, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(4, "0")


def make_roots(apps, schema_editor):
    Federation = apps.get_model("initiatives", "Federation")
    Branch = apps.get_model("initiatives", "Branch")
    for position, federation in enumerate(Federation.objects.order_by("pk"), start=1):
        Federation.objects.filter(pk=federation.pk).update(path=root_path(position), depth=1, numchild=0)
    owner = Federation.objects.order_by("pk").first()
    if owner is None and Branch.objects.exists():
        owner = Federation.objects.create(
            name="Liên đoàn Lao động huyện Vĩnh Linh", short_name="LĐLĐ huyện Vĩnh Linh",
            parent_name="Liên đoàn Lao động tỉnh Quảng Trị", place_name="Vĩnh Linh", chair_title="Chủ tịch",
            path=root_path(1), depth=1, numchild=0,
        )
    if owner is not None:
        Branch.objects.filter(federation__isnull=True).update(federation=owner)


def reinstall_triggers_on_sqlite(apps, schema_editor):
    """SQLite rebuilds the branch table to add its foreign key, dropping the table's triggers (the tallies' bump on
    a branch's write): put them back. PostgreSQL alters the table in place and keeps them."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for statement in list(tally_sql.INSTALL[vendor]):
                cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("initiatives", "0013_initiative_form_token"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="federation",
            options={"verbose_name": "union body", "verbose_name_plural": "union bodies"},
        ),
        migrations.AddField(
            model_name="federation", name="path", field=models.CharField(max_length=255, null=True),
        ),
        migrations.AddField(
            model_name="federation", name="depth", field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="federation", name="numchild", field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="federation",
            name="officers",
            field=models.ManyToManyField(
                blank=True,
                help_text="Upper-union staff of this body: they see and act on every branch in its subtree.",
                related_name="federation_officer_of", to=settings.AUTH_USER_MODEL, verbose_name="officers",
            ),
        ),
        migrations.AlterField(
            model_name="federation",
            name="parent_name",
            field=models.CharField(
                blank=True,
                help_text="The body above this one when it is not itself in the portal (reports are headed by it).",
                max_length=200, verbose_name="parent federation",
            ),
        ),
        migrations.AddField(
            model_name="branch",
            name="federation",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="branches",
                to="initiatives.federation", verbose_name="upper union",
                help_text="The union body this branch sits under.",
            ),
        ),
        migrations.RunPython(make_roots, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="federation", name="path", field=models.CharField(max_length=255, unique=True),
        ),
        migrations.AlterField(
            model_name="federation", name="depth", field=models.PositiveIntegerField(),
        ),
        migrations.AlterField(
            model_name="branch",
            name="federation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="branches", to="initiatives.federation",
                verbose_name="upper union", help_text="The union body this branch sits under.",
            ),
        ),
        # The tree's history (initiatives/reorganisation.py).
        migrations.AddField(
            model_name='branch',
            name='merged_into',
            field=models.ForeignKey(blank=True, help_text="Set by a merger: from `merged_on` this branch's initiatives count for that branch.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='initiatives.branch', verbose_name='merged into'),
        ),
        migrations.AddField(
            model_name='branch',
            name='merged_on',
            field=models.DateField(blank=True, null=True, verbose_name='merged on'),
        ),
        migrations.AddField(
            model_name='federation',
            name='dissolved_on',
            field=models.DateField(blank=True, help_text="Set by a dissolution: the body's branches and bodies went to the one that took it over.", null=True, verbose_name='dissolved on'),
        ),
        migrations.CreateModel(
            name='Reorganisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('create_node', 'Union body set up'), ('rename_node', 'Union body renamed'), ('move_node', 'Union body moved'), ('dissolve_node', 'Union body dissolved'), ('move_branch', 'Branch moved'), ('merge_branch', 'Branches merged')], max_length=20, verbose_name='change')),
                ('effective_on', models.DateField(verbose_name='effective from')),
                ('old_name', models.CharField(blank=True, max_length=200, verbose_name='former name')),
                ('new_name', models.CharField(blank=True, max_length=200, verbose_name='new name')),
                ('reason', models.TextField(verbose_name='reason')),
                ('made_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('branch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reorganisations', to='initiatives.branch', verbose_name='branch')),
                ('from_node', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='initiatives.federation', verbose_name='from')),
                ('into_branch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='initiatives.branch', verbose_name='merged into')),
                ('made_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('node', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reorganisations', to='initiatives.federation', verbose_name='union body')),
                ('to_node', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='initiatives.federation', verbose_name='to')),
            ],
            options={
                'verbose_name': 'reorganisation',
                'verbose_name_plural': 'reorganisations',
                'ordering': ['-effective_on', '-pk'],
                'indexes': [models.Index(fields=['branch', 'effective_on'], name='reorg_branch_date'), models.Index(fields=['node', 'effective_on'], name='reorg_node_date')],
            },
        ),
        migrations.AddField(
            model_name="programme",
            name="federation",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="programmes",
                to="initiatives.federation", verbose_name="run by",
                help_text="The union body that runs the programme; it covers that body's subtree. Empty: the "
                          "portal's owner.",
            ),
        ),
        migrations.RunPython(reinstall_triggers_on_sqlite, migrations.RunPython.noop),
    ]
