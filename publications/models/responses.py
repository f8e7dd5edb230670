"""A reply from an organisation a report was sent to, with an outcome per recommendation."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from linksite import plausible_dates
from linksite.models import Organisation
from linksite.pages import LinkPage

from ..admin_forms import ResponsePageForm
from .reports import Recommendation


class ResponsePage(LinkPage):
    """The reply a commissioner or provider sent to a report (a child of the report)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("reply from"),
        help_text=_("One of the organisations the report was sent to."),
    )
    received_on = models.DateField(_("received on"), validators=plausible_dates.PAST_DATE)
    letter = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the reply letter"),
    )
    summary = models.TextField(
        _("summary"), help_text=_("What the organisation said, in a few plain sentences.")
    )

    base_form_class = ResponsePageForm
    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organisation"), FieldPanel("received_on")]),
                FieldPanel("letter"),
            ],
            heading=_("The reply"),
        ),
        FieldPanel("summary"),
        InlinePanel(
            "outcomes",
            heading=_("Outcome of each recommendation"),
            label=_("outcome"),
            help_text=_(
                "One for each recommendation addressed to this organisation. A recommendation "
                "left out is shown as not answered."
            ),
        ),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    parent_page_types = ["publications.ReportPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("response")

    def listing_date(self):
        return self.received_on

    def own_organisations(self):
        return {self.organisation_id}

    def about_through(self):
        # A reply is about the report it answers, and so about everyone the report was
        # sent to or names.
        return [self.get_parent()]

    @cached_property
    def report(self):
        return self.get_parent().specific

    @cached_property
    def recipient(self):
        """The report's record of sending it to this organisation, with this reply as its
        answer, so its status is this reply's (on time or late)."""
        recipient = next(
            (r for r in self.report.recipients.all() if r.organisation_id == self.organisation_id),
            None,
        )
        if recipient is not None:
            recipient.reply = self
        return recipient

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # By number, unique in a report: a translated reply's outcomes name the original
        # report's recommendations, its report (the translation) has copies of them.
        outcomes = {
            o.recommendation.number: o for o in self.outcomes.select_related("recommendation")
        }
        context["report"] = self.report
        context["recipient"] = self.recipient
        context["answers"] = [
            (recommendation, outcomes.get(recommendation.number))
            for recommendation in self.report.recommendations.all()
            if recommendation.organisation_id == self.organisation_id
        ]
        return context


class RecommendationOutcome(TranslatableMixin, Orderable):
    """What an organisation said it will do about one recommendation addressed to it.

    Translatable with its reply: the explanation and the commitment are offered to the
    reply's translator. The recommendation stays the original's (a translated reply's
    outcomes are matched to its report's recommendations by number)."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        NOT_ANSWERED = "not_answered", _("Not answered")

    response = ParentalKey(ResponsePage, on_delete=models.CASCADE, related_name="outcomes")
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("recommendation"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    explanation = models.TextField(
        _("their explanation"),
        blank=True,
        help_text=_("Why they accepted it, or did not, in their own words where possible."),
    )
    commitment = models.TextField(
        _("what they will do"), blank=True, help_text=_("Any commitment they made.")
    )
    commitment_by = models.DateField(_("by when"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("recommendation"), FieldPanel("outcome")]),
        FieldPanel("explanation"),
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("commitment_by")]),
    ]

    override_translatable_fields = [SynchronizedField("recommendation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("outcome")

    def __str__(self):
        return f"{self.recommendation}: {self.get_outcome_display()}"
