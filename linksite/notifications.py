"""Workflow notifications: the people who can act on a page are told, and only them.

These replace Wagtail's own workflow mails (wagtail/admin/mail.py), which would tell every
member of a step's group and every administrator, and which send inside the request. Ours
go through the task queue (`linksite.mail.queue_mail`):

- submitted to the editorial check: the editorial reviewers, not the submitter;
- at the steering group step: every member who may approve this page (asked of
  `linksite.workflow.approval_barrier` for each, so the rule lives in one place) and has
  not already approved, with how many approvals are still needed; after each approval the
  remaining members are told the new count;
- changes requested: the submitter and the authors of the page's revisions, with the comment;
- published: the submitter and the approvers;
- a quorum that cannot be reached: the editor and the steering group, naming who is
  conflicted (`notify_quorum_unreachable`, called by the workflow);
- an item waiting longer than `WORKFLOW_REMINDER_WORKING_DAYS` at a step: that step's
  people, once (`remind_waiting`, run daily by `manage.py send_reminders`).

Nobody is told about a page they may not see in the admin, and a mail says only the page's
title, what kind of page it is, which organisations it is about, the count and the links:
never the page's text or anything from vetting records. Each person chooses, in their
account settings, a mail per item or one daily digest (`send_digests`).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import working_days
from .mail import queue_mail

DEFAULT_WAITING_WORKING_DAYS = 5


class MailPreference(models.Model):
    """How one admin user wants workflow notifications: one mail each, or a daily digest."""

    class Delivery(models.TextChoices):
        EACH = "each", _("A mail for each item")
        DAILY = "daily", _("One daily digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference"
    )
    delivery = models.CharField(
        _("workflow notifications"),
        max_length=8,
        choices=Delivery.choices,
        default=Delivery.EACH,
        help_text=_("What awaits your approval and what happened to your pages."),
    )

    class Meta:
        verbose_name = _("mail preference")

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"


class DigestItem(models.Model):
    """A notification held for someone's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_items"
    )
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject


class StepNotice(models.Model):
    """That the people of one workflow step were told something said once per step: that
    it has waited too long, or that its quorum cannot be reached."""

    class Kind(models.TextChoices):
        WAITING = "waiting", _("Waiting reminder")
        QUORUM_UNREACHABLE = "quorum_unreachable", _("Quorum cannot be reached")

    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="linksite_notices"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_state", "kind"], name="one_notice_per_step")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.task_state_id})"


def once_per_step(task_state, kind, send):
    """Run `send()` (returning how many were told) unless this notice was given already."""
    from django.db import IntegrityError, transaction

    try:
        with transaction.atomic():
            notice = StepNotice.objects.create(task_state=task_state, kind=kind)
            notice.recipients = send()
            notice.save(update_fields=["recipients"])
    except IntegrityError:
        return None  # given before (or by a run at the same time)
    return notice.recipients


# Who may see what


def may_see(user, page):
    """May this user see the page (its drafts) in the admin?"""
    if not (user and user.is_active and user.email):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return page.permissions_for_user(user).can_edit()


def delivery_for(user):
    preference = getattr(user, "mail_preference", None)
    return preference.delivery if preference else MailPreference.Delivery.EACH


def tell(users, page, subject, body, kind):
    """Send (or hold for the digest) one notification to each user who may see the page."""
    told = 0
    for user in _distinct(users):
        if not may_see(user, page):
            continue
        if delivery_for(user) == MailPreference.Delivery.DAILY:
            DigestItem.objects.create(user=user, subject=str(subject), body=body)
        else:
            queue_mail(user.email, subject, body, kind=kind)
        told += 1
    return told


def _distinct(users):
    seen = set()
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            yield user


# What a mail says


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def review_link(page):
    return admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def preview_link(page, revision):
    return admin_url(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))


def about(page):
    """What the page is about, in a few words: its kind and the organisations it concerns."""
    kind = str(page.specific_class._meta.verbose_name).capitalize()
    finder = getattr(page, "concerned_organisations", None)
    names = [str(o) for o in finder()] if finder else []
    if names:
        return _("%(kind)s about %(names)s") % {"kind": kind, "names": ", ".join(names)}
    return kind


def page_lines(page, revision=None):
    lines = [
        _("Title: %(title)s") % {"title": page.get_admin_display_title()},
        _("What it is about: %(about)s") % {"about": about(page)},
        _("Review it: %(url)s") % {"url": review_link(page)},
    ]
    if revision is not None:
        lines.append(_("Preview it: %(url)s") % {"url": preview_link(page, revision)})
    return lines


def compose(*paragraphs):
    out = []
    for paragraph in paragraphs:
        if isinstance(paragraph, list | tuple):
            out.append("\n".join(str(line) for line in paragraph))
        elif paragraph:
            out.append(str(paragraph))
    return "\n\n".join(out) + "\n"


def still_needed_text(needed):
    return ngettext(
        "%(count)d more approval is needed.", "%(count)d more approvals are needed.", needed
    ) % {"count": needed}


# The steering group step


def steering_candidates(task_state):
    """Members who may approve this step now: asked of the workflow's own rule, for every
    member of the steering group, then without those who have already approved."""
    from .workflow import STEERING_GROUP, approval_barrier

    approved = set(task_state.steering_approvals.values_list("user_id", flat=True))
    members = get_user_model().objects.filter(groups__name=STEERING_GROUP, is_active=True)
    return [
        user
        for user in members.distinct().order_by("pk")
        if user.pk not in approved and approval_barrier(task_state, user) is None
    ]


def is_steering_step(task_state):
    from .workflow import SteeringGroupApprovalTask

    return isinstance(task_state.task.specific, SteeringGroupApprovalTask)


def tell_steering_members(task_state, exclude=()):
    page = task_state.revision.as_object()
    quorum = task_state.task.specific.quorum
    approvals = task_state.steering_approvals.count()
    needed = max(quorum - approvals, 0)
    if needed == 0:
        return 0
    users = [u for u in steering_candidates(task_state) if u.pk not in exclude]
    if approvals:
        subject = _("Approval count now %(count)d of %(quorum)d: %(title)s")
    else:
        subject = _("Awaiting your approval: %(title)s")
    subject = subject % {"count": approvals, "quorum": quorum, "title": page.title}
    body = compose(
        _("A page awaits the steering group's approval, and you may approve it."),
        page_lines(page, task_state.revision),
        _("Approvals so far: %(count)d of %(quorum)d.") % {"count": approvals, "quorum": quorum}
        + " "
        + still_needed_text(needed),
    )
    return tell(users, page, subject, body, kind="workflow.steering")


# Signal handlers


def on_task_submitted(sender, instance, user=None, **kwargs):
    task_state = instance
    if is_steering_step(task_state):
        tell_steering_members(task_state)
        return
    groups = getattr(task_state.task.specific, "groups", None)
    if groups is None:
        return
    page = task_state.revision.as_object()
    submitter = task_state.workflow_state.requested_by
    reviewers = (
        get_user_model()
        .objects.filter(groups__in=groups.all(), is_active=True)
        .exclude(pk__in=[u.pk for u in (submitter, user) if u is not None])
        .distinct()
        .order_by("pk")
    )
    subject = _("Awaiting %(step)s: %(title)s") % {
        "step": task_state.task.name.lower(),
        "title": page.title,
    }
    body = compose(
        _("A page awaits the %(step)s, and you may review it.")
        % {"step": task_state.task.name.lower()},
        page_lines(page, task_state.revision),
    )
    tell(reviewers, page, subject, body, kind="workflow.review")


def on_steering_approval(sender, instance, created, raw=False, **kwargs):
    # `raw`: a record loaded as it was (the handover archive's import) is not a new approval.
    if raw or not created:
        return
    task_state = instance.task_state
    tell_steering_members(task_state, exclude={instance.user_id})


def authors_of(page):
    from wagtail.models import Revision

    ids = (
        Revision.objects.for_instance(page)
        .exclude(user__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return list(get_user_model().objects.filter(pk__in=list(ids)).order_by("pk"))


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    workflow_state = instance
    page = workflow_state.content_object
    task_state = workflow_state.current_task_state
    comment = task_state.get_comment() if task_state else ""
    people = [workflow_state.requested_by, *authors_of(page)]
    people = [p for p in people if p is not None and (user is None or p.pk != user.pk)]
    subject = _("Changes requested: %(title)s") % {"title": page.title}
    body = compose(
        _("Changes were requested at the %(step)s.")
        % {"step": task_state.task.name.lower() if task_state else ""},
        _("Comment: %(comment)s") % {"comment": comment} if comment else "",
        page_lines(page),
    )
    tell(people, page, subject, body, kind="workflow.changes_requested")


def on_workflow_approved(sender, instance, user=None, **kwargs):
    workflow_state = instance
    page = workflow_state.content_object
    if page is None:
        return
    page.refresh_from_db()
    approvers = []
    for task_state in workflow_state.task_states.all():
        if hasattr(task_state, "steering_approvals"):
            approvers += [a.user for a in task_state.steering_approvals.select_related("user")]
    people = [workflow_state.requested_by, *approvers]
    subject = _("Published: %(title)s") % {"title": page.title}
    public = page.full_url if page.live else ""
    body = compose(
        _("The steering group approved this page and it is now live."),
        _("On the site: %(url)s") % {"url": public} if public else "",
        page_lines(page),
    )
    tell(people, page, subject, body, kind="workflow.published")


def notify_quorum_unreachable(task_state, free_members, quorum, conflicted):
    """Tell the editor and the steering group that this step cannot reach its quorum.

    `free_members`: how many members may still approve; `conflicted`: (user, reason) pairs.
    Said once per step (a second call for the same step sends nothing).
    """
    from .workflow import STEERING_GROUP, display_name

    page = task_state.revision.as_object()
    names = [display_name(member) for member, _reason in conflicted]
    subject = _("Quorum cannot be reached: %(title)s") % {"title": page.title}
    body = compose(
        _(
            "The steering group step needs %(quorum)d approvals, but only %(free)d members may "
            "approve this page."
        )
        % {"quorum": quorum, "free": free_members},
        _("Members who have declared an interest or otherwise may not approve it: %(names)s.")
        % {"names": ", ".join(names) or "-"},
        page_lines(page),
    )
    group = Group.objects.filter(name=STEERING_GROUP).first()
    members = list(group.user_set.filter(is_active=True).order_by("pk")) if group else []
    people = [task_state.workflow_state.requested_by, *members]
    return once_per_step(
        task_state,
        StepNotice.Kind.QUORUM_UNREACHABLE,
        lambda: tell(people, page, subject, body, "workflow.quorum"),
    )


# Waiting reminders and digests (run daily by `manage.py send_reminders`)


def waiting_working_days(task_state, today=None):
    today = today or timezone.localdate()
    return working_days.working_days_between(timezone.localdate(task_state.started_at), today)


def waiting_limit():
    return getattr(settings, "WORKFLOW_REMINDER_WORKING_DAYS", DEFAULT_WAITING_WORKING_DAYS)


def waiting_too_long(today=None):
    """In-progress steps that have waited more than the limit, oldest first, with days."""
    from wagtail.models import TaskState

    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "revision", "workflow_state")
        .order_by("started_at")
    )
    limit = waiting_limit()
    out = []
    for state in states:
        days = waiting_working_days(state, today)
        if days > limit:
            out.append((state, days))
    return out


def remind_waiting(today=None, out=None):
    """Remind each step's people, once, of an item waiting there too long."""
    reminded = 0
    for state, days in waiting_too_long(today):
        if StepNotice.objects.filter(task_state=state, kind=StepNotice.Kind.WAITING).exists():
            continue
        told = once_per_step(
            state, StepNotice.Kind.WAITING, lambda state=state, days=days: tell_waiting(state, days)
        )
        if told is None:
            continue
        reminded += 1
        if out:
            out(f"Waiting {days} working days: '{state.revision.object_str}', told {told}")
    return reminded


def tell_waiting(state, days):
    page = state.revision.as_object()
    if is_steering_step(state):
        users = steering_candidates(state)
    else:
        groups = getattr(state.task.specific, "groups", None)
        submitter = state.workflow_state.requested_by_id
        users = (
            list(
                get_user_model()
                .objects.filter(groups__in=groups.all(), is_active=True)
                .exclude(pk=submitter)
                .distinct()
                .order_by("pk")
            )
            if groups is not None
            else []
        )
    subject = _("Waiting %(days)d working days: %(title)s") % {"days": days, "title": page.title}
    body = compose(
        ngettext(
            "This page has waited %(days)d working day at the %(step)s.",
            "This page has waited %(days)d working days at the %(step)s.",
            days,
        )
        % {"days": days, "step": state.task.name.lower()},
        page_lines(page, state.revision),
    )
    return tell(users, page, subject, body, kind="workflow.waiting")


def send_digests(out=None):
    """One mail per person with the notifications held for their daily digest."""
    sent = 0
    pending = DigestItem.objects.filter(sent_at__isnull=True).select_related("user")
    by_user = {}
    for item in pending:
        by_user.setdefault(item.user, []).append(item)
    for user, items in by_user.items():
        if not (user.is_active and user.email):
            continue
        subject = ngettext(
            "Your LINk digest: %(count)d item", "Your LINk digest: %(count)d items", len(items)
        ) % {"count": len(items)}
        body = compose(*[[f"## {item.subject}", item.body] for item in items])
        queue_mail(user.email, subject, body, kind="workflow.digest")
        DigestItem.objects.filter(pk__in=[i.pk for i in items]).update(sent_at=timezone.now())
        sent += 1
        if out:
            out(f"Digest of {len(items)} item(s) to {user.get_username()}")
    return sent


def connect():
    """Connect our notifications, and keep Wagtail's own workflow mails from connecting."""
    from wagtail.admin import signal_handlers
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

    from .workflow import SteeringApproval

    # Wagtail's admin app connects its mails in its ready(), which runs after ours (the
    # linksite app comes first in INSTALLED_APPS): give it nothing to connect.
    signal_handlers.register_signal_handlers = _wagtail_workflow_mails_replaced
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid="linksite_submitted")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="linksite_rejected"
    )
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="linksite_approved"
    )
    post_save.connect(
        on_steering_approval, sender=SteeringApproval, dispatch_uid="linksite_steering_approval"
    )


def _wagtail_workflow_mails_replaced():
    """Stands in for wagtail.admin.signal_handlers.register_signal_handlers: see connect()."""
