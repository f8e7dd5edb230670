"""Behaviour every page type of the LINk shares."""

from wagtail.models import Page


class LinkPage(Page):
    """Abstract base for the LINk's page types.

    `listing_date` is the date shown for the page in listings and search results.
    `concerned_organisations` names the organisations a page is about (a report's
    recipients, a decision's organisations, a visit's provider, a reply's author). The
    moderation workflow uses it to stop a steering group member with a declared interest
    in one of them approving the page.
    """

    class Meta:
        abstract = True

    def listing_date(self):
        """The date that belongs to this page in listings and search: subclasses give the
        domain's own date (a report's publication, a decision's date, a visit's date)."""
        return self.first_published_at.date() if self.first_published_at else None

    def concerned_organisations(self):
        from linksite.models import Organisation

        return Organisation.objects.none()
