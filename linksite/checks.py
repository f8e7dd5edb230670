"""System checks that keep the moderation promise enforceable."""

from django.core.checks import Error, register
from django.db import DatabaseError


@register()
def no_group_can_publish(app_configs, **kwargs):
    """Only superusers publish directly; a group with page publish permission is a way round
    the steering group's approval."""
    from .workflow import groups_with_publish_permission

    try:
        names = list(groups_with_publish_permission().values_list("name", flat=True))
    except DatabaseError:
        return []  # no database yet (a fresh checkout before migrate): nothing to check
    return [
        Error(
            f"The group '{name}' has page publish permission.",
            hint="Only administrators publish directly; everything else goes through the "
            "'LINk publication approval' workflow. Remove the publish permission from the group.",
            obj=name,
            id="linksite.E001",
        )
        for name in names
    ]
