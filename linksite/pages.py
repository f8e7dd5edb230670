"""Behaviour every page type of the LINk shares."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page


class LinkPage(Page):
    """Abstract base for the LINk's page types.

    `listing_date` is the date shown for the page in listings and search results.
    `concerned_organisations` names the organisations a page is about (a report's
    recipients, a decision's organisations, a visit's provider, a reply's author). The
    moderation workflow uses it to stop a steering group member with a declared interest
    in one of them approving the page.
    """

    # Subclasses build on this (`LinkPage.content_panels + [...]`), so every page type
    # offers alternative formats near the top of the page (linksite/alternative_formats.py).
    content_panels = Page.content_panels + [
        InlinePanel(
            "alternative_formats",
            heading=_("Other formats of this page"),
            label=_("alternative format"),
            help_text=_("An easy read version, large print or audio, shown near the top."),
        ),
    ]

    class Meta:
        abstract = True

    def listing_date(self):
        """The date that belongs to this page in listings and search: subclasses give the
        domain's own date (a report's publication, a decision's date, a visit's date)."""
        return self.first_published_at.date() if self.first_published_at else None

    def concerned_organisations(self):
        from linksite.models import Organisation

        return Organisation.objects.none()
