"""The accountability view (/recommendations/): every recommendation and what became of it."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from linksite.pages import LinkPage, NamesNoOrganisation

from ..accountability import accountability, write_csv
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
        return ReportPage.objects.live().public().filter(locale_id=self.locale_id)

    def accountability(self, request):
        reports = self.live_reports()
        form = RecommendationFilterForm(request.GET, reports)
        found = form.filters()
        context = accountability(
            reports,
            organisation=found.get("organisation"),
            year=found.get("year"),
            state=found.get("outcome"),
        )
        context["filter_form"] = form
        context["filtered"] = bool(found)
        return context

    @path("")
    def recommendation_list(self, request):
        context = self.accountability(request)
        context["report_index"] = ReportIndexPage.objects.sibling_of(self).live().public().first()
        return self.render(request, context_overrides=context)

    @path("csv/")
    def recommendation_csv(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
        write_csv(self.accountability(request)["rows"], response, request)
        return response
