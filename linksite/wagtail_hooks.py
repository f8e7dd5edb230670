from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, notification_admin
from .models import Organisation, OutgoingMail, Person, PublicCollection
from .translations import may_submit_translation, translation_of
from .workflow import approval_barrier, may_take_down, quorum_shortfall, restart_if_sent_back


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    # No `search_fields` here: naming fields makes the search backend match them as index
    # columns, which SQLite's full-text index does not have ("no such column: name"). The
    # model's own search_fields (name, autocompleted) are what the admin search uses.


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["display_name", "role"]
    list_filter = ["role"]


class PublicCollectionViewSet(SnippetViewSet):
    """Administrators only (no group holds its permissions): documents in these collections
    are public whether or not a page shows them."""

    model = PublicCollection
    icon = "folder-open-inverse"
    menu_label = "Public document collections"
    add_to_settings_menu = True


class OutgoingMailViewSet(SnippetViewSet):
    """What the site has sent, or is trying to: administrators see failed sends here."""

    model = OutgoingMail
    icon = "mail"
    menu_label = "Outgoing mail"
    list_display = ["subject", "to", "kind", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(OrganisationViewSet)
register_snippet(PublicCollectionViewSet)
register_snippet(PersonViewSet)
register_snippet(OutgoingMailViewSet)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    @actions.register_action("linksite.steering_approval")
    class SteeringApprovalFormatter(LogFormatter):
        label = _("Steering group: member approved")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Approved by a steering group member (%(count)s of %(quorum)s needed)") % {
                "count": data.get("approvals", "?"),
                "quorum": data.get("quorum", "?"),
            }

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    @actions.register_action("linksite.takedown")
    class TakedownFormatter(LogFormatter):
        label = _("Taken down")

        def format_message(self, log_entry):
            return _("Taken down from the public site")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


def withdraw_bulk_publish():
    """Wagtail shows "Publish" among the page listing's bulk actions to everyone and checks
    permission only when it runs. Nobody but an administrator may publish, and an
    administrator publishes one page at a time, deliberately: the bulk action is withdrawn so
    that no editor is shown a way to publish."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # loads the registry
    bulk_action_registry.actions.get("wagtailcore", {}).get("page", {}).pop("publish", None)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    withdraw_bulk_publish()
    return [
        path("take-down/<int:page_id>/", admin_views.take_down, name="linksite_take_down"),
        path(
            "submit-translation/<int:page_id>/",
            admin_views.submit_translation,
            name="linksite_submit_translation",
        ),
    ]


class TakeDownButton(PageMenuItem):
    label = _("Take down")
    icon_name = "download"

    @property
    def url(self):
        return reverse("linksite_take_down", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.live and self.page.depth > 1 and may_take_down(user, self.page)


@hooks.register("register_page_header_buttons")
def take_down_header_button(page, user, view_name, next_url=None):
    yield TakeDownButton(page=page, priority=61)


@hooks.register("register_page_listing_more_buttons")
def take_down_listing_button(page, user, next_url=None):
    yield TakeDownButton(page=page, priority=41)


class SubmitTranslationButton(PageMenuItem):
    """Shown on a translation's editor and in listings: the translation's way into the
    workflow (wagtail-localize's own editor offers only "publish")."""

    label = _("Submit translation for approval")
    icon_name = "resubmit"

    @property
    def url(self):
        return reverse("linksite_submit_translation", args=[self.page.pk])

    def is_shown(self, user):
        return translation_of(self.page) is not None and may_submit_translation(self.page, user)


@hooks.register("before_edit_page")
def offer_to_submit_a_translation(request, page):
    """wagtail-localize's translation editor replaces Wagtail's page editor for a translation
    and has no "submit for approval" of its own: say, on it, how the translation goes live."""
    if request.method != "GET" or translation_of(page) is None:
        return
    if not may_submit_translation(page, request.user):
        return
    admin_messages.info(
        request,
        _(
            "When the translation is ready, submit it for approval: it goes live when the "
            "steering group approves it."
        ),
        buttons=[
            admin_messages.button(
                reverse("linksite_submit_translation", args=[page.pk]),
                _("Submit translation for approval"),
            )
        ],
    )


@hooks.register("register_page_listing_more_buttons")
def submit_translation_listing_button(page, user, next_url=None):
    yield SubmitTranslationButton(page=page, priority=5)


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    panels.append(admin_views.QuorumShortfallPanel())
    panels.append(admin_views.SteeringApprovalsPanel())
    panels.append(admin_views.SentBackPanel())
    panels.append(notification_admin.WaitingPanel())
    panels.append(notification_admin.RepliesOwedPanel())


@hooks.register("before_edit_page")
def show_reply_reminders_sent(request, page):
    notification_admin.reminders_message(request, page)


@hooks.register("register_account_settings_panel")
def register_mail_preference_panel(request, user, profile):
    return notification_admin.MailPreferenceSettingsPanel(request, user, profile)


@hooks.register("before_edit_page")
def explain_why_a_user_cannot_approve(request, page):
    """Tell a reviewer or steering group member, on the page itself, why they have no approve
    button."""
    if request.method != "GET":
        return
    state = page.current_workflow_task_state
    if state is None:
        return
    task = state.task.specific
    if not hasattr(task, "role_barrier") or task.role_barrier(request.user):
        return  # not this step's people: nothing to explain
    barrier = approval_barrier(state, request.user)
    if barrier:
        messages.warning(request, barrier)


@hooks.register("before_edit_page")
def restart_a_resubmitted_page(request, page):
    """Submitting a page that was sent back for changes starts the workflow from its first
    step (linksite.workflow.restart_if_sent_back)."""
    if request.method == "POST" and "action-submit" in request.POST:
        restart_if_sent_back(page, request.user)


def warn_of_quorum_shortfall(request, page):
    shortfall = quorum_shortfall(page.current_workflow_state)
    if shortfall is not None:
        messages.warning(request, admin_views.shortfall_message(shortfall))


@hooks.register("before_edit_page")
def show_quorum_shortfall_on_the_page(request, page):
    if request.method == "GET":
        warn_of_quorum_shortfall(request, page)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def show_quorum_shortfall_on_submission(request, page):
    if "action-submit" in request.POST:
        warn_of_quorum_shortfall(request, page)
