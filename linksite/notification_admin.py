"""The admin side of workflow notifications: each person's choice of a mail per item or a
daily digest (account settings), and the dashboard's list of items waiting too long."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .notifications import MailPreference, may_see, waiting_limit, waiting_too_long


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["delivery"]
        widgets = {"delivery": forms.RadioSelect}


class MailPreferenceSettingsPanel(BaseSettingsPanel):
    name = "linksite_mail"
    title = _("Workflow mail")
    tab = notifications_tab
    order = 90
    form_class = MailPreferenceForm

    def get_form(self):
        instance = MailPreference.objects.filter(user=self.user).first() or MailPreference(
            user=self.user
        )
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=instance, prefix=self.name)


class WaitingPanel(Component):
    """Items that have waited at a workflow step longer than the reminder limit, with how
    long, for anyone who may see them."""

    template_name = "linksite/admin/waiting_panel.html"
    order = 185

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = []
        for state, days in waiting_too_long():
            page = state.revision.as_object()
            if may_see(request.user, page) or request.user.is_superuser:
                rows.append({"page": page, "step": state.task.name, "days": days})
        return {"rows": rows, "limit": waiting_limit(), "request": request}


def is_editor(user):
    from .workflow import EDITORS, in_group

    return user.is_superuser or in_group(user, EDITORS)


class RepliesOwedPanel(Component):
    """For editors: every reply owed to the LINk, the overdue first, then by due date, with
    the reminders already sent."""

    template_name = "linksite/admin/replies_owed_panel.html"
    order = 200

    def get_context_data(self, parent_context):
        from django.db.models import Count

        from .reply_reminders import ReplyReminder, owed_replies

        request = parent_context["request"]
        rows = []
        if is_editor(request.user):
            owed = owed_replies()
            sent = {
                (r["content_type_id"], r["object_id"]): r["n"]
                for r in ReplyReminder.objects.values("content_type_id", "object_id").annotate(
                    n=Count("pk")
                )
            }
            rows = [{"owed": o, "reminders": sent.get(o.key, 0)} for o in owed]
        return {"rows": rows, "request": request}


def reminders_message(request, page):
    """On a page's editor: the reply reminders sent about it, for editors."""
    from django.contrib import messages
    from django.utils.formats import date_format

    from .reply_reminders import reminders_for_page

    if request.method != "GET" or not is_editor(request.user):
        return
    reminders = list(reminders_for_page(page))
    if not reminders:
        return
    lines = "; ".join(
        f"{r.get_which_display()} to {r.organisation} ({r.sent_to}), {date_format(r.sent_at)}"
        for r in reminders
    )
    messages.info(request, _("Reply reminders sent: %(lines)s") % {"lines": lines})
