"""The workflow's finish action (WAGTAIL_FINISH_WORKFLOW_ACTION).

Kept free of model imports at module level: Wagtail imports it while its own models are
still loading.
"""

from django.core.exceptions import PermissionDenied


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision the final step approved, and nothing else."""
    from .workflow import every_step_approved

    approved = workflow_state.current_task_state.revision
    if not every_step_approved(workflow_state, approved):
        raise PermissionDenied("Not every step of the workflow approved this revision.")
    latest = workflow_state.content_object.get_latest_revision()
    if latest is not None and latest.pk != approved.pk:
        raise PermissionDenied("A newer draft exists than the revision that was approved.")
    barriers = approved.as_object().publication_barriers()
    if barriers:
        raise PermissionDenied(" ".join(str(b) for b in barriers))
    # The workflow is the authority here: approvers hold no publish permission of their own.
    approved.publish(user=user, skip_permission_checks=True)
