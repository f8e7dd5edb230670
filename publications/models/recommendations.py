"""The accountability view (/recommendations/): every recommendation and what became of it."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.visibility import public

from ..accountability import accountability, csv_lines, filtered_rows
from ..filters import RecommendationFilterForm
from .reports import ReportIndexPage, ReportPage


class RecommendationsPage(NamesNoOrganisation, RoutablePageMixin, LinkPage):
    """Every recommendation from every published report, its outcome and the totals, with a
    CSV download of the same rows."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("recommendations page")

    def live_reports(self):
        return public(ReportPage.objects.live()).filter(locale_id=self.locale_id)

    # Recommendations shown on one page of the view; the totals count them all.
    rows_per_page = 50

    def filters(self, request):
        """The filter form, and what it asks for as the arguments of `accountability` and
        `filtered_rows` (the live reports, looked up once, and the filters)."""
        reports = self.live_reports()
        form = RecommendationFilterForm(request.GET, reports, edition_key=self.pk)
        found = form.filters()
        chosen = {
            "organisation": found.get("organisation"),
            "year": found.get("year"),
            "state": found.get("outcome"),
        }
        return form, bool(found), reports, chosen

    def accountability(self, request):
        form, filtered, reports, chosen = self.filters(request)
        context = accountability(reports, **chosen)
        context["filter_form"] = form
        context["filtered"] = filtered
        context["rows_page"] = Paginator(context["rows"], self.rows_per_page).get_page(
            request.GET.get("page")
        )
        return context

    @path("")
    def recommendation_list(self, request):
        context = self.accountability(request)
        context["report_index"] = public(ReportIndexPage.objects.sibling_of(self).live()).first()
        return self.render(request, context_overrides=context)

    @path("csv/")
    def recommendation_csv(self, request):
        """Every recommendation the filters match (not one page of them), streamed."""
        _form, _filtered, reports, chosen = self.filters(request)
        rows = filtered_rows(reports, **chosen)
        response = StreamingHttpResponse(
            csv_lines(rows, request), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
        return response
