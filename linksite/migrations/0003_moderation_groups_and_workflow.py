"""Groups, permissions and the approval workflow, so a fresh database is safe from the start.

- Editors: add and change pages, upload documents and images, submit for approval.
- Editorial reviewers: change pages; the first workflow step.
- Steering group: change pages; the second workflow step.
- Vetting officers: admin access only here (the decisions app grants the vetting records).
- No group may publish: only superusers can, and the workflow does when it is approved.
- Wagtail's default Moderators group and "Moderators approval" workflow are removed.
"""

from django.db import migrations

ROOT_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Editorial reviewers": ["change_page"],
    "Steering group": ["change_page"],
}
COLLECTION_PERMISSIONS = {
    "Editors": [("wagtaildocs", "document", ["add", "choose"]),
                ("wagtailimages", "image", ["add", "choose"])],
    "Editorial reviewers": [("wagtaildocs", "document", ["add", "choose"]),
                            ("wagtailimages", "image", ["add", "choose"])],
}
# Reference data shown on public pages is changed by administrators only.
MODEL_PERMISSIONS = {
    "Editors": [("linksite", "organisation", ["add", "view"]), ("linksite", "person", ["view"])],
    "Editorial reviewers": [("linksite", "organisation", ["view"]), ("linksite", "person", ["view"])],
    "Steering group": [("linksite", "organisation", ["view"]), ("linksite", "person", ["view"])],
}
GROUPS = ["Editors", "Editorial reviewers", "Steering group", "Vetting officers"]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return perm


def set_up(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    SteeringGroupApprovalTask = apps.get_model("linksite", "SteeringGroupApprovalTask")

    Group.objects.filter(name="Moderators").delete()
    default_workflows = Workflow.objects.filter(name="Moderators approval")
    WorkflowPage.objects.filter(workflow__in=default_workflows).delete()
    Task.objects.filter(workflow_tasks__workflow__in=default_workflows).delete()
    default_workflows.delete()

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.clear()
        group.permissions.add(access_admin)
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        groups[name] = group
        for codename in ROOT_PAGE_PERMISSIONS.get(name, []):
            GroupPagePermission.objects.create(
                group=group, page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, actions in COLLECTION_PERMISSIONS.get(name, []):
            for action in actions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection,
                    permission=permission(apps, app_label, model, f"{action}_{model}"),
                )
        for app_label, model, actions in MODEL_PERMISSIONS.get(name, []):
            for action in actions:
                group.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))

    editorial_check = GroupApprovalTask.objects.create(
        name="Editorial check",
        content_type=ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask")[0],
    )
    editorial_check.groups.set([groups["Editorial reviewers"]])
    steering = SteeringGroupApprovalTask.objects.create(
        name="Steering group approval", quorum=2,
        content_type=ContentType.objects.get_or_create(
            app_label="linksite", model="steeringgroupapprovaltask")[0],
    )
    workflow = Workflow.objects.create(name="LINk publication approval", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=editorial_check, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=steering, sort_order=1)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("linksite", "0002_steering_group_approval"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
