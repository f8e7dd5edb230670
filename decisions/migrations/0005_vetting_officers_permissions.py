"""The Vetting officers group (created by linksite 0003) may add, change and view vetting
records; no other group gets any permission on them."""

from django.db import migrations

ACTIONS = ["add", "change", "view"]


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="decisions", model="vettingrecord")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_vettingrecord",
            defaults={"name": f"Can {action} vetting record"},
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Vetting officers")
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Vetting officers"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_information_requests_and_osc_referrals"),
        ("linksite", "0003_moderation_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
