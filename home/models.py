"""The site's front door and its plain pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from linksite.blocks import BodyBlock
from linksite.pages import LinkPage


class HomePage(LinkPage):
    """The root of the LINk's site: what it is, how to take part, what is new."""

    introduction = models.TextField(
        _("introduction"), help_text=_("One or two sentences: what the LINk is and does.")
    )
    get_involved = RichTextField(
        _("how to get involved"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = LinkPage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("get_involved"),
        FieldPanel("body"),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # Later sections (reports, decisions, work plan) add their index pages here.
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_items"] = latest_items(self)
        return context


def latest_items(home, limit=6):
    """The newest live, public pages under the home page, for the front door."""
    return (
        Page.objects.live()
        .public()
        .descendant_of(home)
        .not_type(HomePage, StandardPage)
        .filter(depth__gt=home.depth + 1)
        .order_by("-first_published_at")
        .specific()[:limit]
    )


class StandardPage(LinkPage):
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
