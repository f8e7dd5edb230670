"""Behaviour every page type of the LINk shares."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel
from wagtail.models import Page


class LinkPage(Page):
    """Abstract base for the LINk's page types.

    `listing_date` is the date shown for the page in listings and search results.
    `concerned_organisations` names the organisations a page is about: those it names
    itself (`own_organisations`, which every page type defines) and those of the pages it
    links to or hangs under (linksite/about.py). The moderation workflow uses it to stop a
    steering group member with a declared interest in one of them approving the page or
    taking it down.
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

    def get_view_restrictions(self):
        """As Wagtail's, without a question when no page of the site has a view restriction
        (read once per edition, linksite/visibility.py): then none can apply."""
        from wagtail.models import PageViewRestriction

        from .visibility import restricted_paths

        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def listing_date(self):
        """The date that belongs to this page in listings and search: subclasses give the
        domain's own date (a report's publication, a decision's date, a visit's date)."""
        return self.first_published_at.date() if self.first_published_at else None

    def own_organisations(self):
        """Ids of the organisations this page names itself. Each page type defines it (an
        empty set when it names none): `manage.py check` fails on one that does not."""
        raise NotImplementedError(f"{type(self).__name__} does not say what it is about.")

    def about_through(self):
        """Pages this one belongs to and is therefore also about (a reply's report)."""
        return []

    def concerned_organisations(self):
        from linksite.models import Organisation

        from .about import organisation_ids_about

        return Organisation.objects.filter(pk__in=organisation_ids_about(self))

    def publication_barriers(self):
        """Reasons this version may not go live now, checked again when the steering group's
        approval would publish it (facts can change while a page waits)."""
        return []


class NamesNoOrganisation:
    """For page types that name no organisation of their own (index pages, procedures, the
    home page): what they are about is then only what they link to (linksite/about.py).
    Listed first among a page type's bases, so it is a deliberate statement."""

    def own_organisations(self):
        return set()
