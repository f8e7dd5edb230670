"""The workflow's first step becomes an `EditorialCheckTask`: Wagtail's group approval, but
never by the person who submitted the page or wrote part of it (linksite/workflow.py).

The new step takes the old one's place, name and groups in every workflow; the old step is
deactivated and renamed, so its history stays readable.
"""

from django.db import migrations


def replace_the_editorial_check(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    EditorialCheckTask = apps.get_model("linksite", "EditorialCheckTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="linksite", model="editorialchecktask"
    )
    for old in GroupApprovalTask.objects.filter(name="Editorial check"):
        new = EditorialCheckTask.objects.create(name=old.name, content_type=content_type)
        new.groups.set(old.groups.all())
        WorkflowTask.objects.filter(task_id=old.pk).update(task_id=new.pk)
        old.name = f"{old.name} (replaced)"
        old.active = False
        old.save(update_fields=["name", "active"])


class Migration(migrations.Migration):
    dependencies = [
        ("linksite", "0005_editorial_check_task"),
        ("linksite", "0003_moderation_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(replace_the_editorial_check, migrations.RunPython.noop)]
