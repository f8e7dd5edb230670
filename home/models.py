"""The site's front door and its plain pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from linksite.blocks import BodyBlock
from linksite.identity import LinkIdentity
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.routing import RoutesInOneLookup


class HomePage(RoutesInOneLookup, NamesNoOrganisation, LinkIdentity, LinkPage):
    """The root of the LINk's site: what it is, how to take part, what is new. It holds the
    LINk's name, area and host in its language (linksite/identity.py), translated with it."""

    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences: what the LINk is and does.")
    )
    get_involved = RichTextField(
        _("how to get involved"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = (
        LinkPage.content_panels
        + LinkIdentity.identity_panels
        + [FieldPanel("introduction"), FieldPanel("get_involved"), FieldPanel("body")]
    )
    search_fields = LinkPage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # Later sections (reports, decisions, work plan) add their index pages here.
    subpage_types = [
        "home.StandardPage",
        "home.SpokespeoplePage",
        "decisions.ProcedureIndexPage",
        "decisions.DecisionIndexPage",
        "decisions.RegisterOfInterestsPage",
        "decisions.EnterAndViewPage",
        "decisions.RequestsAndReferralsIndexPage",
        "publications.ReportIndexPage",
        "publications.RecommendationsPage",
        "publications.WorkPlanIndexPage",
        "experiences.ShareExperiencePage",
        "experiences.WhatPeopleToldUsPage",
        "annual_report.AnnualReportPage",
        "opendata.OpenDataPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_items"] = latest_items(self)
        return context


def latest_items(home, limit=6):
    """The newest reports and decisions, by their own dates (home/front_door.py)."""
    from .front_door import latest

    return latest(home, limit)


class StandardPage(NamesNoOrganisation, LinkPage):
    """About us, how we work, the accessibility statement, the privacy notice."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence, shown under the title and in listings."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = LinkPage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = LinkPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class SpokespeoplePage(NamesNoOrganisation, LinkPage):
    """Who may speak for the LINk to outside bodies (the public answer to "who speaks for you?")."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "spokespeople",
            heading=_("People who may speak for the LINk"),
            label=_("spokesperson"),
            min_num=1,
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("who speaks for us page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["spokespeople"] = self.spokespeople.select_related("person")
        return context


class Spokesperson(TranslatableMixin, Orderable):
    """Someone who may speak for the LINk; the role and what they speak on are translated
    with the page (wagtail-localize)."""

    page = ParentalKey(SpokespeoplePage, on_delete=models.CASCADE, related_name="spokespeople")
    person = models.ForeignKey(
        "linksite.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    role = models.CharField(
        _("role"), max_length=120, help_text=_("e.g. Chair of the steering group")
    )
    speaks_on = models.CharField(
        _("may speak on"),
        max_length=255,
        blank=True,
        help_text=_("What, or to whom, they may speak for the LINk, e.g. 'the press'."),
    )

    panels = [FieldPanel("person"), FieldPanel("role"), FieldPanel("speaks_on")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("spokesperson")
