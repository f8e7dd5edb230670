"""The one moderation mechanism: nothing goes live in the LINk's name until the steering group
has approved it, by a quorum of distinct members, none of them conflicted or the submitter.

The workflow "LINk publication approval" (set up by a data migration) has two steps:
`Editorial check` (Wagtail's group approval, by Editorial reviewers) and
`Steering group approval` (`SteeringGroupApprovalTask` below). When the last step is
approved, `linksite.publishing.publish_approved_revision` publishes exactly the revision
that was approved.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Task, TaskState

EDITORS = "Editors"
EDITORIAL_REVIEWERS = "Editorial reviewers"
STEERING_GROUP = "Steering group"
VETTING_OFFICERS = "Vetting officers"
WORKFLOW_NAME = "LINk publication approval"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def in_group(user, name):
    if not (user and user.is_authenticated and user.is_active):
        return False
    cache = user.__dict__.setdefault("_linksite_groups", {})
    if name not in cache:
        cache[name] = user.groups.filter(name=name).exists()
    return cache[name]


def is_steering_member(user):
    return in_group(user, STEERING_GROUP)


def concerned_organisation_ids(obj):
    """Organisations a page (or a revision of it) is about, by id."""
    finder = getattr(obj, "concerned_organisations", None)
    if finder is None:
        return set()
    return set(finder().values_list("pk", flat=True))


def conflicting_interests(user, obj, on=None):
    """The user's current declared interests in organisations the page is about."""
    from .models import DeclaredInterest

    organisation_ids = concerned_organisation_ids(obj)
    if not organisation_ids:
        return DeclaredInterest.objects.none()
    return (
        DeclaredInterest.objects.current(on)
        .filter(person__user=user, organisation_id__in=organisation_ids)
        .select_related("organisation")
    )


def approval_barrier(task_state, user):
    """Why this user may not approve or reject this steering group step, or None if they may."""
    if not is_steering_member(user):
        return _("Only members of the steering group approve what the LINk publishes.")
    if task_state.workflow_state.requested_by_id == user.pk:
        return _("You submitted this page for approval, so you cannot also approve it.")
    page = task_state.revision.as_object()
    interests = list(conflicting_interests(user, page))
    if interests:
        names = ", ".join(f"{i.organisation} ({i.get_nature_display().lower()})" for i in interests)
        return _(
            "You have declared an interest in %(names)s, which this page is about, so you "
            "cannot approve or reject it."
        ) % {"names": names}
    return None


class SteeringGroupApprovalTask(Task):
    """Needs `quorum` distinct, unconflicted steering group members to approve."""

    quorum = models.PositiveSmallIntegerField(
        _("approvals needed"),
        default=2,
        validators=[MinValueValidator(2)],
        help_text=_(
            "How many different steering group members must approve. At least two: no one "
            "member can speak for the LINk alone."
        ),
    )

    admin_form_fields = Task.admin_form_fields + ["quorum"]

    class Meta:
        verbose_name = _("steering group approval task")

    def user_can_access_editor(self, obj, user):
        return is_steering_member(user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or is_steering_member(user))

    def current_state_for(self, obj):
        state = getattr(obj, "current_workflow_task_state", None)
        if state is not None and state.task_id == self.pk:
            return state
        return None

    def get_actions(self, obj, user):
        state = self.current_state_for(obj)
        if state is None or approval_barrier(state, user):
            return []
        if state.steering_approvals.filter(user=user).exists():
            # Approving twice counts once; a member who approved may still ask for changes.
            return [("reject", _("Request changes"), True)]
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        barrier = approval_barrier(task_state, user)
        if barrier:
            raise PermissionDenied(barrier)
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            approval, created = SteeringApproval.objects.get_or_create(
                task_state=task_state, user=user, defaults={"comment": comment}
            )
            count = task_state.steering_approvals.count()
            if created:
                log(
                    instance=task_state.revision.as_object(),
                    action="linksite.steering_approval",
                    user=user,
                    revision=task_state.revision,
                    data={"approvals": count, "quorum": self.quorum, "comment": comment},
                )
            if count >= self.quorum:
                task_state.approve(user=user, comment=comment)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not is_steering_member(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            steering_approvals__user=user
        )

    @classmethod
    def get_description(cls):
        return _(
            "A quorum of different steering group members approves; members with a declared "
            "interest in an organisation the page is about, and the submitter, cannot."
        )


class SteeringApproval(models.Model):
    """One steering group member's approval of one revision at the steering group step."""

    task_state = models.ForeignKey(
        TaskState, on_delete=models.CASCADE, related_name="steering_approvals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="steering_approvals"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_state", "user"], name="one_approval_per_member")
        ]
        ordering = ["approved_at"]

    def __str__(self):
        return f"{self.user} approved {self.task_state.revision}"


@dataclass(frozen=True)
class Publication:
    """One version of a page that went live, and on whose authority."""

    revision_id: int
    published_at: datetime.datetime
    approved_at: datetime.datetime | None
    approver_names: tuple
    by_administrator: bool

    @property
    def approved(self):
        return self.approved_at is not None

    @property
    def approver_count(self):
        return len(self.approver_names)


def publication_record(page):
    """Every publication of the page, newest first, with the approval behind it."""
    entries = list(
        PageLogEntry.objects.filter(page=page, action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    states = {
        state.revision_id: state
        for state in TaskState.objects.filter(
            revision_id__in=[e.revision_id for e in entries],
            task__in=SteeringGroupApprovalTask.objects.all(),
            status=TaskState.STATUS_APPROVED,
        ).prefetch_related("steering_approvals__user__link_person")
    }
    record = []
    for entry in entries:
        state = states.get(entry.revision_id)
        names = ()
        if state is not None:
            names = tuple(display_name(a.user) for a in state.steering_approvals.all())
        record.append(
            Publication(
                revision_id=entry.revision_id,
                published_at=entry.timestamp,
                approved_at=state.finished_at if state else None,
                approver_names=names,
                by_administrator=state is None and bool(entry.user and entry.user.is_superuser),
            )
        )
    return record


def current_publication(page):
    """The record of the live version of the page, or None."""
    if not page.live or not page.live_revision_id:
        return None
    return next(
        (p for p in publication_record(page) if p.revision_id == page.live_revision_id), None
    )


def display_name(user):
    person = getattr(user, "link_person", None)
    return person.display_name if person else (user.get_full_name() or user.get_username())


def groups_with_publish_permission():

    return Group.objects.filter(page_permissions__permission__codename="publish_page").distinct()


def may_take_down(user):
    """Taking something down is faster than putting it up: an administrator or any one
    steering group member may do it, with a recorded reason."""
    return bool(user and user.is_active and (user.is_superuser or is_steering_member(user)))
