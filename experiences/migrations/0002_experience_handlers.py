"""The Experience handlers group may view, change and delete experiences; no other group gets
any permission on them (editors record one through their own admin screen, without then
seeing it)."""

from django.db import migrations

ACTIONS = ["change", "delete", "view"]


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="experiences", model="experience")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_experience",
            defaults={"name": f"Can {action} experience"},
        )[0]
        for action in ACTIONS
    ]


def access_admin(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Experience handlers")
    group.permissions.add(access_admin(apps), *permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Experience handlers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("experiences", "0001_experiences_and_their_pages"),
        ("linksite", "0003_moderation_groups_and_workflow"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
