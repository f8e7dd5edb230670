"""Admin screens of the moderation mechanism: taking a page down, and what waits for whom."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translations import may_submit_translation, submit_translation_for_approval, translation_of
from .workflow import (
    EDITORS,
    SteeringGroupApprovalTask,
    approval_barrier,
    in_group,
    is_steering_member,
    quorum_shortfall,
    take_down_barrier,
)


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this page being taken down?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=False,
        help_text=_("Recorded in the page's history and the audit log."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for taking the page down."))
        return reason


def take_down(request, page_id):
    """Take a live page down at once, with what hangs under it (a report's replies)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if page.depth <= 1 or not (request.user.is_superuser or is_steering_member(request.user)):
        raise PermissionDenied
    if not page.live:
        messages.info(request, _("'%(title)s' is not live.") % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    barrier = take_down_barrier(request.user, page)
    if barrier:
        return TemplateResponse(
            request, "linksite/admin/take_down.html", {"page": page, "barrier": barrier}, status=403
        )
    below = list(page.get_descendants().live().specific())
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        take_down_now(page, request.user, form.cleaned_data["reason"])
        messages.success(request, _("'%(title)s' has been taken down.") % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request, "linksite/admin/take_down.html", {"page": page, "form": form, "below": below}
    )


def take_down_now(page, user, reason):
    """Unpublish the page and every live page under it in one transaction, with the reason in
    each one's history. The front cache is purged of them once it commits
    (linksite/front_cache.py, on Wagtail's `page_unpublished`)."""
    below = list(page.get_descendants().live().specific())
    with transaction.atomic():
        # Wagtail would take down only the descendants the user has unpublish permission
        # for (none, for a steering member): everything under the page goes with it.
        for taken in [page, *below]:
            UnpublishPageAction(taken, user=user).execute(skip_permission_checks=True)
        log(
            instance=page,
            action="linksite.takedown",
            user=user,
            data={"reason": reason, "with": [p.pk for p in below]},
        )
        for descendant in below:
            log(
                instance=descendant,
                action="linksite.takedown",
                user=user,
                data={"reason": reason, "under": page.pk},
            )
    return below


def submit_translation(request, page_id):
    """Send a translation, as the translator has left it, to the approval workflow.

    wagtail-localize's translation editor offers only "publish", which editors may not do;
    this is the editor's way to put a translation in front of the reviewers and the steering
    group, who publish it by approving it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if translation_of(page) is None:
        raise Http404
    if not may_submit_translation(page, request.user):
        raise PermissionDenied
    if request.method == "POST":
        submit_translation_for_approval(page, request.user)
        messages.success(
            request,
            _("The %(language)s translation of '%(title)s' has been submitted for approval.")
            % {"language": page.locale.get_display_name(), "title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "linksite/admin/submit_translation.html", {"page": page})


class SteeringApprovalsPanel(Component):
    """For steering group members: pages at the steering step, and which they are barred from."""

    template_name = "linksite/admin/steering_approvals_panel.html"
    order = 190

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        rows = []
        if is_steering_member(user):
            states = (
                TaskState.objects.filter(
                    status=TaskState.STATUS_IN_PROGRESS,
                    task__in=SteeringGroupApprovalTask.objects.all(),
                )
                .select_related("workflow_state", "revision", "task")
                .prefetch_related("steering_approvals")
                .order_by("started_at")
            )
            for state in states:
                approvers = {a.user_id for a in state.steering_approvals.all()}
                page = state.revision.as_object()
                rows.append(
                    {
                        "page": page,
                        "approvals": len(approvers),
                        "quorum": state.task.specific.quorum,
                        "approved_by_you": user.pk in approvers,
                        "barred_because": approval_barrier(state, user),
                    }
                )
        return {"rows": rows, "request": request}


def shortfall_message(shortfall):
    return _(
        "Only %(free)s steering group members are free to approve this page, and it needs "
        "%(needed)s more approvals: it cannot be published until interests change or the "
        "steering group grows. Not free: %(barred)s."
    ) % {
        "free": len(shortfall.free),
        "needed": shortfall.needed,
        "barred": "; ".join(f"{name} ({why})" for name, why in shortfall.barred) or "-",
    }


class QuorumShortfallPanel(Component):
    """For editors and the steering group: pages in the workflow that cannot reach their
    quorum, with who is not free to approve them and why."""

    template_name = "linksite/admin/quorum_shortfall_panel.html"
    order = 185

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        rows = []
        if user.is_superuser or is_steering_member(user) or in_group(user, EDITORS):
            states = WorkflowState.objects.active().select_related(
                "current_task_state__task", "workflow"
            )
            for state in states:
                shortfall = quorum_shortfall(state)
                if shortfall is not None and state.content_object is not None:
                    rows.append({"page": state.content_object, "shortfall": shortfall})
        return {"rows": rows, "request": request}


class SentBackPanel(Component):
    """For editors: their pages sent back with the reviewer's or member's comment."""

    template_name = "linksite/admin/sent_back_panel.html"
    order = 195

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES, requested_by=request.user
            )
            .select_related("current_task_state__finished_by", "current_task_state__task")
            .order_by("-current_task_state__finished_at")
        )
        rows = []
        for state in states:
            task_state = state.current_task_state
            rows.append(
                {
                    "page": state.content_object,
                    "step": task_state.task.name if task_state else "",
                    "comment": task_state.comment if task_state else "",
                    "returned_by": task_state.finished_by if task_state else None,
                    "returned_at": task_state.finished_at if task_state else None,
                }
            )
        return {"rows": [r for r in rows if r["page"] is not None], "request": request}


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias" makes a translation's address show the source
    page's latest version at once, without the workflow. Only an administrator may do it (it
    is then their direct publication), and only when the source has no draft waiting."""
    from wagtail_localize.views.convert import convert_to_alias as localize_convert_to_alias

    page = get_object_or_404(Page, pk=page_id)
    source = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    if not request.user.is_superuser:
        refusal = _(
            "Converting a translation to an alias would put the original page live at this "
            "address without the steering group's approval, so only an administrator can do "
            "it. To change the translation, edit it and submit it for approval."
        )
    elif source.filter(has_unpublished_changes=True).exists():
        refusal = _(
            "The original page has changes waiting for approval, and an alias would show them "
            "at once. Convert it once those changes are approved or withdrawn."
        )
    else:
        return localize_convert_to_alias(request, page_id)
    messages.error(request, refusal)
    return redirect("wagtailadmin_pages:edit", page.pk)


class UpdateTranslationsWithoutPublishing(UpdateTranslationsView):
    """wagtail-localize's "update translations", without "publish immediately" for anyone who
    is not an administrator: a translation goes live through the approval workflow like any
    other page."""

    def get_form(self):
        form = super().get_form()
        if not self.request.user.is_superuser:
            field = form.fields["publish_translations"]
            field.disabled = True  # a posted value is ignored; the initial False is used
            field.widget = forms.HiddenInput()
        return form
