"""The admin's annual reports: the list of years, "Start the annual report for 2026/27",
"Refresh the figures", and the dashboard's notice that a report is due."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from linksite.working_days import current_date

from .due import annual_report_due
from .models import AnnualReportPage
from .starting import Refused, refresh_figures, refresh_refusal, site_home, start_annual_report
from .year import ReportingYear, parse_year, startable_years

# Years offered on the list: the one running and the few before it (older ones by number).
YEARS_LISTED = 4


def may_start(user):
    try:
        home = site_home()
    except Refused:
        return False
    return home.permissions_for_user(user).can_add_subpage()


def index(request):
    if not may_start(request.user):
        raise PermissionDenied
    today = current_date()
    reports = {
        page.start_year: page
        for page in AnnualReportPage.objects.filter(locale=Locale.get_default())
    }
    years = [ReportingYear(y) for y in list(startable_years(today))[:YEARS_LISTED]]
    listed = {year.start_year for year in years}
    years += [ReportingYear(y) for y in sorted(reports, reverse=True) if y not in listed]
    rows = [{"year": year, "report": reports.get(year.start_year)} for year in years]
    return TemplateResponse(
        request,
        "annual_report/admin/index.html",
        {"rows": rows, "due": annual_report_due(today)},
    )


def start(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may_start(request.user):
        raise PermissionDenied
    try:
        year = parse_year(request.POST.get("year"), current_date())
        page = start_annual_report(year, user=request.user)
    except (ValueError, Refused) as refusal:
        messages.error(request, str(refusal.args[0]))
        return redirect("annual_report_index")
    messages.success(
        request,
        _(
            "The annual report for %(year)s was started, with its figures from the records. "
            "Add the narrative, then submit it for approval."
        )
        % {"year": year.label},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def refresh(request, pk):
    page = get_object_or_404(AnnualReportPage, pk=pk)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    refusal = refresh_refusal(page)
    if request.method == "POST" and refusal is None:
        try:
            refresh_figures(page, user=request.user)
        except Refused as refused:
            messages.error(request, str(refused.args[0]))
        else:
            messages.success(
                request,
                _("The figures were made again from the records, in a new version of the draft."),
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "annual_report/admin/refresh.html",
        {
            "page": page,
            "refusal": refusal,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


class AnnualReportDuePanel(Component):
    """For those who can start it: from April, the annual report on the year just ended is
    due (by 30 June), until it is live; and to whom it goes."""

    template_name = "annual_report/admin/due_panel.html"
    order = 210

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        due = annual_report_due() if may_start(request.user) else None
        return {"due": due, "request": request}
