# Files removed or replaced before submission stay, with who removed them and when.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0008_initiative_branch_created'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='attachment',
            name='removed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='removed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='removed by'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='replaced_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaces', to='initiatives.attachment', verbose_name='replaced by'),
        ),
    ]
