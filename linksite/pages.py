"""Behaviour every page type of the LINk shares."""

from wagtail.models import Page


class LinkPage(Page):
    """Abstract base for the LINk's page types.

    `concerned_organisations` names the organisations a page is about (a report's
    recipients, a decision's organisations, a visit's provider, a reply's author). The
    moderation workflow uses it to stop a steering group member with a declared interest
    in one of them approving the page.
    """

    class Meta:
        abstract = True

    def concerned_organisations(self):
        from linksite.models import Organisation

        return Organisation.objects.none()
