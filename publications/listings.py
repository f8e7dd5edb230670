"""What the report index shows: its reports and the replies to them, one page at a time, in
a fixed number of queries however many there are."""

from django.core.paginator import Paginator

from linksite.visibility import public

from .filters import ReportFilterForm
from .replies import (
    parent_path_expression,
    recipients_prefetch,
    replies_with_reports,
    with_replies,
)


def report_listing(index, request):
    reports = index.live_reports()
    form = ReportFilterForm(request.GET, reports, edition_key=index.pk)
    found = form.apply(reports).order_by("-report_date", "-pk")
    page = Paginator(found, index.reports_per_page).get_page(request.GET.get("page"))
    page.object_list = with_replies(
        page.object_list.prefetch_related(recipients_prefetch()),
        with_outcomes=False,
        of_the_edition=True,
    )
    organisation = form.filters().get("organisation")
    return {
        "filter_form": form,
        "filtered": bool(form.filters()),
        "reports": page,
        # Filtered to one organisation, the list offers alerts about that organisation's
        # reports (alerts/scopes.py); else about every new report.
        "alert_organisation": organisation,
        "alert_scope": f"organisation:{organisation.pk}" if organisation else "reports",
    }


def live_replies_under(index):
    """Live, public replies to live reports under `index`, newest first."""
    from .models import ReportPage, ResponsePage

    return (
        public(ResponsePage.objects.descendant_of(index).live())
        .annotate(parent_path=parent_path_expression())
        .filter(parent_path__in=ReportPage.objects.live().values("path"))
        .select_related("organisation")
        .order_by("-received_on", "-pk")
    )


def reply_listing(index, request):
    page = Paginator(live_replies_under(index), index.replies_per_page).get_page(
        request.GET.get("page")
    )
    page.object_list = replies_with_reports(page.object_list)
    return {"replies": page}
