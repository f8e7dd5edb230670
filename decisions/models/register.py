"""The public register of interests of the LINk's decision makers.

The entries themselves are `linksite.models.DeclaredInterest`, kept with each `Person` (the
moderation workflow reads them to bar a member from approving a page about an organisation
they have an interest in). This page is their public face.
"""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from linksite.models import DeclaredInterest, Person
from linksite.pages import LinkPage, NamesNoOrganisation


class RegisterOfInterestsPage(NamesNoOrganisation, LinkPage):
    """Each current steering group member and the interests they have declared."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("register of interests")

    def members(self, on=None):
        on = on or datetime.date.today()
        current = (
            DeclaredInterest.objects.current(on)
            .select_related("organisation")
            .order_by("organisation__name", "declared_on")
        )
        return Person.objects.filter(role=Person.Role.STEERING_GROUP).prefetch_related(
            Prefetch("interests", queryset=current, to_attr="current_interest_list")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.members()
        return context
