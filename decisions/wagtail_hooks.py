from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from linksite.permissions import HeldOnlyBy
from linksite.workflow import VETTING_OFFICERS, in_group

from . import admin_views
from .models import VettingRecord

# Held only through the Vetting officers group. An administrator who is not a vetting officer
# does not see vetting records either: certificates are seen by the people the LINk nominated,
# and no one else.
register_permission_policy(
    VettingRecord,
    HeldOnlyBy(
        VettingRecord,
        may_hold=lambda user: in_group(user, VETTING_OFFICERS),
        holders=lambda users: users.filter(groups__name=VETTING_OFFICERS),
    ),
)


class VettingRecordViewSet(ModelViewSet):
    model = VettingRecord
    icon = "lock"
    menu_label = _("Vetting records")
    menu_order = 800
    add_to_admin_menu = True
    form_fields = [
        "person",
        "certificate_reference",
        "issued_on",
        "considered_by",
        "considered_on",
        "outcome",
        "notes",
    ]
    list_display = ["person", "considered_on", "outcome"]
    list_filter = ["outcome"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_vetting_records():
    return VettingRecordViewSet("vetting_records")


@hooks.register("register_admin_urls")
def register_letter_urls():
    return [
        path(
            "authorisation-letters/",
            admin_views.authorisation_letters,
            name="decisions_authorisation_letters",
        ),
        path(
            "authorisation-letters/<int:authorisation_id>/",
            admin_views.authorisation_letter,
            name="decisions_authorisation_letter",
        ),
    ]


class LettersMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_issue_letters(request.user)


@hooks.register("register_admin_menu_item")
def register_letters_menu_item():
    return LettersMenuItem(
        _("Authorisation letters"),
        reverse("decisions_authorisation_letters"),
        icon_name="doc-full",
        order=810,
    )
