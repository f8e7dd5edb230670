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
