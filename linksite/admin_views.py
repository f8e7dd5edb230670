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
from .workflow import SteeringGroupApprovalTask, approval_barrier, is_steering_member, may_take_down


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
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_take_down(request.user) or page.depth <= 1:
        raise PermissionDenied
    if not page.live:
        messages.info(request, _("'%(title)s' is not live.") % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            UnpublishPageAction(page, user=request.user).execute(skip_permission_checks=True)
            log(
                instance=page,
                action="linksite.takedown",
                user=request.user,
                data={"reason": form.cleaned_data["reason"]},
            )
        messages.success(request, _("'%(title)s' has been taken down.") % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "linksite/admin/take_down.html", {"page": page, "form": form})


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
