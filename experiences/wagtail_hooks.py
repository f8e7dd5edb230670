"""The handlers' side in the admin: the queue of experiences (read only by the Experience
handlers group and administrators, every opening recorded), recording one heard by phone,
on paper or at an event (editors too), who we heard from, and the access log."""

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from linksite.permissions import HeldOnlyBy

from . import admin_views
from .access import EXPERIENCE_HANDLERS, is_handler, may_record
from .records import Experience, ExperienceAccess
from .retention import delete_on_request

# Held only by the Experience handlers group and administrators.
register_permission_policy(
    Experience,
    HeldOnlyBy(
        Experience,
        may_hold=is_handler,
        holders=lambda users: users.filter(
            Q(groups__name=EXPERIENCE_HANDLERS) | Q(is_superuser=True)
        ).distinct(),
    ),
)


class QueueView(IndexView):
    """Safeguarding first, then the newest (the model's ordering)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "premises")


class OpenExperienceView(EditView):
    def get(self, request, *args, **kwargs):
        experience = self.get_object()
        ExperienceAccess.record(experience, request.user, ExperienceAccess.Action.OPENED)
        if experience.state == Experience.State.NEW:
            Experience.objects.filter(pk=experience.pk).update(state=Experience.State.READ)
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        ExperienceAccess.record(instance, self.request.user, ExperienceAccess.Action.CHANGED)
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accesses"] = self.object.accesses.select_related("user")[:20]
        return context


class DeleteOnRequestView(DeleteView):
    def delete_action(self):
        delete_on_request(self.object, self.request.user)


class ExperienceViewSet(ModelViewSet):
    model = Experience
    icon = "comment"
    menu_label = _("Experiences")
    menu_order = 790
    add_to_admin_menu = True
    url_namespace = "experiences"
    index_view_class = QueueView
    edit_view_class = OpenExperienceView
    delete_view_class = DeleteOnRequestView
    edit_template_name = "experiences/admin/edit.html"
    list_display = ["reference", "service_name", "received_at", "state", "safeguarding"]
    list_filter = ["state", "safeguarding", "source", "organisation"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("story", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("month", read_only=True),
                        FieldPanel("year", read_only=True),
                        FieldPanel("rating", read_only=True),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("relationship", read_only=True),
                        FieldPanel("source", read_only=True),
                        FieldPanel("source_detail", read_only=True),
                    ]
                ),
                FieldPanel("says_at_risk", read_only=True),
                FieldPanel("harm_words", read_only=True),
            ],
            heading=_("What they told us"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("may_quote", read_only=True),
                FieldPanel("may_share_with_provider", read_only=True),
                FieldPanel("may_contact", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name", read_only=True),
                        FieldPanel("contact_email", read_only=True),
                        FieldPanel("contact_phone", read_only=True),
                    ]
                ),
            ],
            heading=_("What they agreed to"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("state"),
                FieldRowPanel([FieldPanel("organisation"), FieldPanel("premises")]),
                FieldPanel("service_described"),
                FieldPanel("topics"),
                FieldPanel("evidence_for"),
                FieldPanel("deidentified_story"),
                FieldPanel("handler_notes"),
            ],
            heading=_("Handling"),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_experiences():
    return ExperienceViewSet("experiences")


@hooks.register("register_admin_urls")
def register_experience_urls():
    return [
        path("experiences-record/", admin_views.record, name="experiences_record"),
        path(
            "experiences-record/<str:reference>/",
            admin_views.recorded,
            name="experiences_recorded",
        ),
        path("experiences-voices/", admin_views.whose_voices, name="experiences_voices"),
        path("experiences-access-log/", admin_views.access_log, name="experiences_access_log"),
        path(
            "experiences/<int:pk>/draft-story/",
            admin_views.draft_story_page,
            name="experiences_draft_story",
        ),
    ]


class ShownTo(MenuItem):
    def __init__(self, label, url_name, shown_to, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


@hooks.register("register_admin_menu_item")
def record_menu_item():
    return ShownTo(
        _("Record an experience"), "experiences_record", may_record, icon_name="edit", order=791
    )


@hooks.register("register_admin_menu_item")
def voices_menu_item():
    return ShownTo(
        _("Who we heard from"), "experiences_voices", is_handler, icon_name="group", order=792
    )


@hooks.register("register_admin_menu_item")
def access_log_menu_item():
    return ShownTo(
        _("Experience access log"),
        "experiences_access_log",
        lambda user: user.is_superuser,
        icon_name="history",
        order=793,
    )
