"""The one moderation mechanism: nothing goes live in the LINk's name until the steering group
has approved it, by people free to approve it.

The workflow "LINk publication approval" (set up by data migrations) has two steps:
`Editorial check` (`EditorialCheckTask`, by Editorial reviewers) and `Steering group approval`
(`SteeringGroupApprovalTask`, a quorum of distinct members). `approval_barrier` is the one
rule for who may act at either step: nobody who submitted the page or wrote a version of it
since it was last published, and at the steering step nobody with a declared interest in what
the page is about (linksite/about.py). A page sent back for changes starts again from the first
step. When the last step is approved, `linksite.publishing.publish_approved_revision`
publishes exactly the revision that was approved; `quorum_shortfall` says when too few members
are free for the quorum.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Task, TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask

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
    """Organisations a page (or a revision of it) is about, by id (linksite/about.py)."""
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


def interest_barrier(user, obj, action=None):
    """Why the user's declared interests bar them from acting on this page, or None."""
    names = interest_names(conflicting_interests(user, obj))
    if not names:
        return None
    return _(
        "You have declared an interest in %(names)s, which this page is about, so you "
        "cannot %(action)s it."
    ) % {"names": names, "action": action or _("approve or reject")}


def interest_names(interests):
    return ", ".join(f"{i.organisation} ({i.get_nature_display().lower()})" for i in interests)


def authors_since_publication(page):
    """Ids of everyone who saved a version of the page since it was last published (all its
    versions, if it never was)."""
    revisions = page.revisions.exclude(user=None)
    if page.last_published_at:
        revisions = revisions.filter(created_at__gt=page.last_published_at)
    return set(revisions.values_list("user_id", flat=True))


def personal_barrier(user, page, submitter_id, author_ids):
    """What bars this person, whatever their role, from approving or rejecting this page."""
    if user.pk == submitter_id:
        return _("You submitted this page for approval, so you cannot also approve or reject it.")
    if user.pk in author_ids:
        return _(
            "You wrote part of this version of the page, so you cannot also approve or reject "
            "it: another reviewer or member must check it."
        )
    return None


def approval_barrier(task_state, user):
    """Why this user may not approve or reject this step of the workflow, or None if they
    may. The one rule, for every step: only the step's own people; never the submitter or
    anyone who wrote a version since the page was last published; at the steering group
    step, never a member with a declared interest in what the page is about."""
    task = task_state.task.specific
    role = task.role_barrier(user) if hasattr(task, "role_barrier") else None
    if role:
        return role
    page = task_state.workflow_state.content_object
    author_ids = authors_since_publication(page)
    barrier = personal_barrier(user, page, task_state.workflow_state.requested_by_id, author_ids)
    if barrier or not getattr(task, "checks_interests", False):
        return barrier
    return interest_barrier(user, task_state.revision.as_object())


def current_state_of(task, obj):
    state = getattr(obj, "current_workflow_task_state", None)
    if state is not None and state.task_id == task.pk:
        return state
    return None


class BarredApproversMixin:
    """What both steps share: `approval_barrier` decides who may act, in the buttons shown,
    in the action itself, and in the dashboard's list of what awaits the user."""

    checks_interests = False

    def get_actions(self, obj, user):
        state = current_state_of(self, obj)
        if state is None or approval_barrier(state, user):
            return []
        return super().get_actions(obj, user)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        barrier = approval_barrier(task_state, user)
        if barrier:
            raise PermissionDenied(barrier)
        return self.act(task_state, user, action_name, **kwargs)

    def act(self, task_state, user, action_name, **kwargs):
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        allowed = [s.pk for s in states if approval_barrier(s, user) is None]
        return TaskState.objects.filter(pk__in=allowed)


class EditorialCheckTask(BarredApproversMixin, AbstractGroupApprovalTask):
    """The first step: an editorial reviewer who did not write or submit the page checks
    facts, house style, accessibility and legal risk."""

    class Meta:
        verbose_name = _("editorial check task")

    def role_barrier(self, user):
        if user.is_superuser or self._user_in_groups(user):
            return None
        return _("Only editorial reviewers carry out the editorial check.")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups check the page; not one who submitted it or wrote "
            "part of it."
        )


class SteeringGroupApprovalTask(BarredApproversMixin, Task):
    """Needs `quorum` distinct, unconflicted steering group members to approve."""

    checks_interests = True

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

    def role_barrier(self, user):
        if is_steering_member(user):
            return None
        return _("Only members of the steering group approve what the LINk publishes.")

    def user_can_access_editor(self, obj, user):
        return is_steering_member(user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or is_steering_member(user))

    def get_actions(self, obj, user):
        state = current_state_of(self, obj)
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

    def act(self, task_state, user, action_name, **kwargs):
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
            if count < self.quorum:
                return
            barriers = task_state.revision.as_object().publication_barriers()
            if barriers:
                # Facts changed while the page waited (an authorisation revoked...): it is
                # not published, and goes back to its editor saying why.
                task_state.reject(user=user, comment=refusal_comment(barriers))
            else:
                task_state.approve(user=user, comment=comment)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not is_steering_member(user):
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            steering_approvals__user=user
        )
        allowed = [s.pk for s in states if approval_barrier(s, user) is None]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _(
            "A quorum of different steering group members approves; members with a declared "
            "interest in an organisation the page is about, the submitter and the page's "
            "authors cannot."
        )


def refusal_comment(barriers):
    return _("Not published: %(reasons)s Correct the page and submit it again.") % {
        "reasons": " ".join(str(b) for b in barriers)
    }


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
    files: tuple = ()  # the PublishedFile rows: what it showed, by name and SHA-256

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
    from .approved_files import PublishedFile

    files = {}
    for shown in PublishedFile.objects.filter(revision_id__in=[e.revision_id for e in entries]):
        files.setdefault(shown.revision_id, []).append(shown)
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
                files=tuple(files.get(entry.revision_id, ())),
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


def take_down_barrier(user, page):
    """Why this user may not take the page down, or None. Taking something down is faster
    than putting it up: an administrator or any one steering group member may, with a
    recorded reason, but not a member with a declared interest in what the page is about."""
    if not (user and user.is_active and (user.is_superuser or is_steering_member(user))):
        return _("Only a steering group member or an administrator can take a page down.")
    if user.is_superuser:
        return None
    return interest_barrier(user, page.specific, action=_("take down"))


def may_take_down(user, page):
    return take_down_barrier(user, page) is None


def restart_for_a_new_version(revision):
    """A version saved while its page is in the workflow starts the workflow again from the
    first step, for the original submitter: every step checks the version that will go live.
    (Wagtail would restart only the current step and send the page back to earlier steps
    after it, so the editorial check would run after the steering group had approved.)"""
    page = Page.objects.get(pk=revision.object_id)
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return
    current = state.current_task_state
    if current is None or current.revision_id == revision.pk:
        return
    submitter = state.requested_by
    state.cancel(user=revision.user)
    state.workflow.start(page, submitter)


@receiver(post_save)
def restart_when_a_version_is_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Page.save_revision saves the page with `latest_revision` once the revision exists; only
    # then does the workflow see the new version as the one to check.
    if raw or not update_fields or "latest_revision" not in update_fields:
        return
    if isinstance(instance, Page) and instance.latest_revision_id:
        restart_for_a_new_version(instance.latest_revision)


def every_step_approved(workflow_state, revision):
    """Whether each active step of the workflow approved this very revision, in this run."""
    steps = Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
    approved = TaskState.objects.filter(
        workflow_state=workflow_state, revision=revision, status=TaskState.STATUS_APPROVED
    ).values_list("task_id", flat=True)
    return set(steps.values_list("pk", flat=True)) <= set(approved)


def restart_if_sent_back(page, user):
    """A page sent back for changes starts the workflow again from its first step when it is
    submitted again: every step checks the new version, and approvals given to an earlier
    version never count for it (Wagtail would resume at the step that asked for changes)."""
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.cancel(user=user)


@dataclass(frozen=True)
class QuorumShortfall:
    """Too few steering group members are free to approve a page for its quorum."""

    quorum: int
    approvals: int
    free: tuple
    barred: tuple  # (member's name, why they may not approve) pairs

    @property
    def needed(self):
        return self.quorum - self.approvals


def steering_step(workflow_state):
    tasks = (task.specific for task in workflow_state.workflow.tasks.filter(active=True))
    return next((t for t in tasks if isinstance(t, SteeringGroupApprovalTask)), None)


def quorum_shortfall(workflow_state):
    """For a page in the workflow: whether the steering group step can still reach its quorum
    (members who are not the submitter, an author, or conflicted, and have not approved
    already), or None when it can. Computed afresh each time, so it follows interests as
    they are declared and ended."""
    from django.contrib.auth import get_user_model

    if workflow_state is None or workflow_state.status not in (
        workflow_state.STATUS_IN_PROGRESS,
        workflow_state.STATUS_NEEDS_CHANGES,
    ):
        return None
    task = steering_step(workflow_state)
    if task is None:
        return None
    page = workflow_state.content_object
    current = workflow_state.current_task_state
    approved = set()
    if current is not None and current.task_id == task.pk:
        approved = set(current.steering_approvals.values_list("user_id", flat=True))
        version = current.revision.as_object()
    else:
        version = page.get_latest_revision_as_object()
    author_ids = authors_since_publication(page)
    members = get_user_model().objects.filter(groups__name=STEERING_GROUP, is_active=True)
    free, barred = [], []
    for member in members.order_by("pk"):
        if member.pk in approved:
            continue
        if member.pk == workflow_state.requested_by_id:
            why = _("submitted it")
        elif member.pk in author_ids:
            why = _("wrote part of it")
        else:
            names = interest_names(conflicting_interests(member, version))
            why = _("has declared an interest in %(names)s") % {"names": names} if names else None
        if why:
            barred.append((display_name(member), why))
        else:
            free.append(member)
    if len(free) >= task.quorum - len(approved):
        return None
    return QuorumShortfall(
        quorum=task.quorum, approvals=len(approved), free=tuple(free), barred=tuple(barred)
    )
