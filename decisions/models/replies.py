"""Information requests and OSC referrals: each awaits a reply on the one statutory clock
(`linksite.clock.AwaitsReply`), with the same status words as replies to reports."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from linksite import plausible_dates
from linksite.clock import AwaitsReply
from linksite.models import Organisation
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.visibility import public

from .common import DecisionKind
from .decision_log import DecisionPage, decision_behind_error


class RequestsAndReferralsIndexPage(NamesNoOrganisation, LinkPage):
    """What the LINk has asked providers for and referred to the OSC, and whether they replied."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["decisions.InformationRequestPage", "decisions.OSCReferralPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("requests and referrals index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["information_requests"] = (
            public(InformationRequestPage.objects.child_of(self).live())
            .select_related("recipient", "decision")
            .order_by("-sent_on", "-pk")
        )
        context["osc_referrals"] = (
            public(OSCReferralPage.objects.child_of(self).live())
            .select_related("osc", "decision")
            .order_by("-sent_on", "-pk")
        )
        return context


class SentByTheLink(AwaitsReply):
    """Checks shared by what the LINk sends and awaits a reply to."""

    class Meta:
        abstract = True

    def reply_date_errors(self, reply_field):
        errors = {}
        replied_on = self.replied_on
        if replied_on and self.sent_on and replied_on < self.sent_on:
            errors[reply_field] = _("A reply cannot come before the day it was sent.")
        return errors


class InformationRequestPage(LinkPage, SentByTheLink):
    """A request for information to a services-provider (a kind (d) decision)."""

    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("asked"),
        help_text=_("The services-provider or commissioner the request went to."),
    )
    decision = models.ForeignKey(
        DecisionPage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("decision"),
        help_text=_("The decision (kind (d)) to make this request."),
    )
    request = RichTextField(_("what we asked for"), features=["bold", "italic", "link", "ul", "ol"])
    replied_on = models.DateField(
        _("reply received on"), null=True, blank=True, validators=plausible_dates.PAST_DATE
    )
    reply = RichTextField(
        _("what they told us"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )

    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("recipient"),
                FieldPanel("decision"),
                FieldRowPanel([FieldPanel("sent_on"), FieldPanel("reply_within")]),
            ],
            heading=_("The request"),
        ),
        FieldPanel("request"),
        MultiFieldPanel([FieldPanel("replied_on"), FieldPanel("reply")], heading=_("The reply")),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("request"),
        index.SearchField("reply"),
        index.FilterField("sent_on"),
        index.RelatedFields("recipient", [index.SearchField("name")]),
    ]

    parent_page_types = ["decisions.RequestsAndReferralsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information request")

    def listing_date(self):
        return self.sent_on

    def own_organisations(self):
        return {self.recipient_id}

    def clean(self):
        super().clean()
        errors = self.reply_date_errors("replied_on")
        decision_error = decision_behind_error(
            self.decision_id, DecisionKind.INFORMATION_REQUEST, _("request"), self.sent_on
        )
        if decision_error:
            errors["decision"] = decision_error
        if errors:
            raise ValidationError(errors)


class OSCReferralPage(LinkPage, SentByTheLink):
    """A matter referred to the Overview and Scrutiny Committee (a kind (g) decision).

    The committee must acknowledge it within 20 working days beginning with the day it was
    referred: that period is the law's, so it is not offered in the editor.
    """

    osc = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="osc_referrals",
        limit_choices_to={"kind": Organisation.Kind.OSC},
        verbose_name=_("Overview and Scrutiny Committee"),
    )
    decision = models.ForeignKey(
        DecisionPage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="osc_referrals",
        verbose_name=_("decision"),
        help_text=_("The decision (kind (g)) to make this referral."),
    )
    matter = RichTextField(_("what we referred"), features=["bold", "italic", "link", "ul", "ol"])
    organisations = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="osc_referrals_about",
        verbose_name=_("organisations the matter concerns"),
    )
    acknowledged_on = models.DateField(
        _("acknowledged on"), null=True, blank=True, validators=plausible_dates.PAST_DATE
    )
    osc_response = RichTextField(
        _("what the committee did"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )

    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("osc"), FieldPanel("decision"), FieldPanel("sent_on")],
            heading=_("The referral"),
        ),
        FieldPanel("matter"),
        FieldPanel("organisations"),
        MultiFieldPanel(
            [FieldPanel("acknowledged_on"), FieldPanel("osc_response")],
            heading=_("The committee's reply"),
        ),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("matter"),
        index.SearchField("osc_response"),
        index.FilterField("sent_on"),
    ]

    parent_page_types = ["decisions.RequestsAndReferralsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("OSC referral")

    @property
    def replied_on(self):
        """The clock stops when the committee acknowledges the referral."""
        return self.acknowledged_on

    def listing_date(self):
        return self.sent_on

    def own_organisations(self):
        return {o.pk for o in self.organisations.all()} | {self.osc_id}

    def clean(self):
        super().clean()
        errors = self.reply_date_errors("acknowledged_on")
        if (
            self.osc_id
            and not Organisation.objects.filter(pk=self.osc_id, kind=Organisation.Kind.OSC).exists()
        ):
            errors["osc"] = _("Referrals go to an Overview and Scrutiny Committee.")
        decision_error = decision_behind_error(
            self.decision_id, DecisionKind.OSC_REFERRAL, _("referral"), self.sent_on
        )
        if decision_error:
            errors["decision"] = decision_error
        if errors:
            raise ValidationError(errors)
