"""The editorial check as a task of its own (linksite.workflow.EditorialCheckTask)."""

import django.db.models.deletion
import linksite.workflow
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('linksite', '0004_alternative_formats'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='EditorialCheckTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'editorial check task',
            },
            bases=(linksite.workflow.BarredApproversMixin, 'wagtailcore.task'),
        ),
    ]
