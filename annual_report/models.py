"""The annual report: one page a year, under the home page, from April to March.

Its figures are computed from the year's records (`annual_report.figures`) and frozen into
the page when the report is started, so the steering group approves them with the
narrative; "Refresh the figures" makes them again while the report is not live. It goes
live only through the approval workflow, like any page, and prints as a PDF made from the
same page (`annual_report.printing`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from linksite.blocks import BodyBlock
from linksite.pages import LinkPage, NamesNoOrganisation

from .year import ReportingYear


class AnnualReportPage(NamesNoOrganisation, RoutablePageMixin, LinkPage):
    """What the LINk did in one year from April to March (s.227 of the 2007 Act)."""

    start_year = models.PositiveSmallIntegerField(
        _("year starting in April"), editable=False, db_index=True
    )
    # Made by the site, never typed: the edit form does not offer them.
    figures = models.JSONField(_("figures"), default=dict, editable=False)
    figures_made_at = models.DateTimeField(_("figures made at"), null=True, editable=False)
    introduction = RichTextField(
        _("the year in brief"),
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text=_("What the LINk did and what changed because of it, before the figures."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("more about the year"),
        help_text=_("Stories, thanks and what comes next, after the figures."),
    )

    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [
                HelpPanel(
                    template="annual_report/admin/figures_panel.html",
                    heading=_("Figures from the records"),
                )
            ],
            heading=_("Figures"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("start_year"),
    ]
    # Figures are the records' and the same in every language: translations copy them.
    override_translatable_fields = [
        SynchronizedField("start_year", overridable=False),
        SynchronizedField("figures", overridable=False),
        SynchronizedField("figures_made_at", overridable=False),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # Made only by "Start the annual report" (admin, or `manage.py start_annual_report`), so
    # every report begins with its figures from the records.
    is_creatable = False

    class Meta:
        verbose_name = _("annual report")

    @property
    def year(self):
        return ReportingYear(self.start_year)

    def listing_date(self):
        return self.year.ends_on

    def clean(self):
        super().clean()
        if not self.start_year:
            raise ValidationError(
                _("An annual report is started from Annual reports in the admin menu.")
            )
        others = AnnualReportPage.objects.filter(
            start_year=self.start_year, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("There is already an annual report for %(year)s.") % {"year": self.year.label}
            )

    def get_context(self, request, *args, **kwargs):
        from .reading import FiguresReading

        context = super().get_context(request, *args, **kwargs)
        context["reading"] = FiguresReading(self, request)
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .printing import pdf_response

        return pdf_response(self, request)
