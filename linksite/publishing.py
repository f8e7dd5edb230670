"""The workflow's finish action (WAGTAIL_FINISH_WORKFLOW_ACTION).

Kept free of model imports: Wagtail imports it while its own models are still loading.
"""

from django.core.exceptions import PermissionDenied


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision the final step approved, and nothing else."""
    approved = workflow_state.current_task_state.revision
    latest = workflow_state.content_object.get_latest_revision()
    if latest is not None and latest.pk != approved.pk:
        raise PermissionDenied("A newer draft exists than the revision that was approved.")
    barriers = approved.as_object().publication_barriers()
    if barriers:
        raise PermissionDenied(" ".join(str(b) for b in barriers))
    # The workflow is the authority here: approvers hold no publish permission of their own.
    approved.publish(user=user, skip_permission_checks=True)
