"""Where the annual reports sit in the admin: a menu item, their URLs, the dashboard notice."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [
        path("annual-reports/", admin_views.index, name="annual_report_index"),
        path("annual-reports/start/", admin_views.start, name="annual_report_start"),
        path(
            "annual-reports/<int:pk>/refresh/",
            admin_views.refresh,
            name="annual_report_refresh",
        ),
    ]


class AnnualReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_start(request.user)


@hooks.register("register_admin_menu_item")
def annual_reports_menu_item():
    return AnnualReportsMenuItem(
        _("Annual reports"), reverse("annual_report_index"), icon_name="doc-full", order=250
    )


@hooks.register("construct_homepage_panels")
def add_due_panel(request, panels):
    panels.append(admin_views.AnnualReportDuePanel())
