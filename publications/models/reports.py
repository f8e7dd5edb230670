"""Reports, the recommendations in them, and the reply each organisation sent one owes."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from linksite import plausible_dates
from linksite.blocks import BodyBlock
from linksite.clock import AwaitsReply
from linksite.models import CareSector, Organisation
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.serving import per_edition
from linksite.visibility import public

from ..admin_forms import ReportPageForm


class ReportIndexPage(NamesNoOrganisation, RoutablePageMixin, LinkPage):
    """All the LINk's reports, newest first, with the replies each one is owed (/reports/)."""

    # Routes of this page; a report with one of these slugs would be unreachable.
    RESERVED_SLUGS = ("feed", "replies")

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.ReportPage"]
    max_count_per_parent = 1

    reports_per_page = 20
    replies_per_page = 20

    class Meta:
        verbose_name = _("report index page")

    def live_reports(self):
        return public(ReportPage.objects.child_of(self).live())

    @path("")
    def report_list(self, request):
        from ..listings import report_listing

        return self.render(request, context_overrides=report_listing(self, request))

    @path("replies/")
    def reply_list(self, request):
        from ..listings import reply_listing

        return self.render(
            request,
            template="publications/report_index_page_replies.html",
            context_overrides=reply_listing(self, request),
        )

    @path("feed/")
    def report_feed(self, request):
        from ..feeds import ReportsFeed

        return ReportsFeed(self)(request)

    @path("replies/feed/")
    def reply_feed(self, request):
        from ..feeds import RepliesFeed

        return RepliesFeed(self)(request)


class ReportTopic(TaggedItemBase):
    content_object = ParentalKey(
        "publications.ReportPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ReportPage(LinkPage):
    """What the LINk found and recommends, and who it was sent to."""

    class Kind(models.TextChoices):
        ENTER_AND_VIEW = "enter_and_view", _("Enter and view visit report")
        ENGAGEMENT = "engagement", _("Engagement or research report")
        CONSULTATION_RESPONSE = "consultation_response", _("Response to a consultation")
        OTHER = "other", _("Other report")

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence: shown under the title, in listings and in the feed."),
    )
    report_date = models.DateField(
        _("date of the report"),
        help_text=_("The date printed on the report."),
        validators=plausible_dates.PAST_DATE,
    )
    kind = models.CharField(_("kind of report"), max_length=32, choices=Kind.choices)
    care_sector = models.CharField(
        _("health or social care"), max_length=16, choices=CareSector.choices
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the report (PDF)"),
    )
    decision = models.ForeignKey(
        "decisions.DecisionPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("decision to send it"),
        help_text=_("The decision (kind (e)) to send this report or its recommendations."),
    )
    visit = models.ForeignKey(
        "decisions.VisitPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("the visit it reports on"),
        help_text=_("For an enter and view visit report: the visit."),
    )
    experiences_drawn_on = models.PositiveIntegerField(
        _("people's experiences drawn on"),
        default=0,
        editable=False,
        help_text=_("Counted from the experiences the handlers linked, when a version is saved."),
    )
    topics = ClusterTaggableManager(
        through=ReportTopic,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("A few words people would look for, e.g. 'hospital discharge'."),
    )

    base_form_class = ReportPageForm
    content_panels = LinkPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("report_date"), FieldPanel("kind"), FieldPanel("care_sector")]
                ),
                FieldPanel("report_document"),
                FieldRowPanel([FieldPanel("decision"), FieldPanel("visit")]),
                FieldPanel("topics"),
            ],
            heading=_("About the report"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "recipients",
            heading=_("Sent to"),
            label=_("organisation sent to"),
            help_text=_(
                "Each organisation the report was sent to owes a reply within the period, "
                "counted in working days from the day it was sent."
            ),
        ),
        InlinePanel("recommendations", heading=_("Recommendations"), label=_("recommendation")),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("recommendations", [index.SearchField("text")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["publications.ReportIndexPage"]
    subpage_types = ["publications.ResponsePage"]

    class Meta:
        verbose_name = _("report")

    def listing_date(self):
        return self.report_date

    def clean(self):
        from ..evidence import count_for

        super().clean()
        self.experiences_drawn_on = count_for(self)
        errors = {}
        decision_error = self.decision_error()
        if decision_error:
            errors["decision"] = decision_error
        visit_error = self.visit_error()
        if visit_error:
            errors["visit"] = visit_error
        if errors:
            raise ValidationError(errors)

    def decision_error(self):
        """The decision named must be a kind (e) decision made on or before the report."""
        from decisions.models import DecisionKind
        from decisions.models.decision_log import decision_behind_error

        if not self.decision_id:
            return None
        return decision_behind_error(
            self.decision_id, DecisionKind.REPORT, _("report"), self.report_date
        )

    def visit_error(self):
        """Only an enter and view visit report names a visit, and comes after it."""
        if not self.visit_id:
            return None
        if self.kind != self.Kind.ENTER_AND_VIEW:
            return _("Only an enter and view visit report names the visit it reports on.")
        visit = self.visit
        if self.report_date and visit.visit_from > self.report_date:
            return _(
                "The visit began on %(visit)s, after the date of this report: a report comes "
                "after its visit."
            ) % {"visit": date_format(visit.visit_from)}
        return None

    def own_organisations(self):
        # Works on a revision too: the recipients are then the revision's, held in memory.
        # The visit and the decision the report names are followed by linksite/about.py.
        ids = {r.organisation_id for r in self.recipients.all()}
        ids |= {r.organisation_id for r in self.recommendations.all()}
        return ids - {None}

    def get_context(self, request, *args, **kwargs):
        from ..accountability import recommendation_rows
        from ..replies import recipients_prefetch, recommendations_prefetch, with_replies

        context = super().get_context(request, *args, **kwargs)

        def with_its_rows():
            prefetch_related_objects([self], recipients_prefetch(), recommendations_prefetch())
            self.report_document  # noqa: B018 (read now, to be kept with the rest)
            return self

        # Its recipients, recommendations and PDF change only when it is published again, and
        # the organisations and documents they name only by a save: each a new edition.
        report = per_edition("report_rows", self.pk, build=with_its_rows)
        if report is not self:
            self.report_document = report.report_document
        with_replies([report], of_the_edition=True)
        context["owed"] = report.owed
        context["replies"] = sorted(report.replies.values(), key=lambda r: (r.received_on, r.pk))
        context["recommendation_rows"] = recommendation_rows([report])
        return context


class ReportRecipient(Orderable, AwaitsReply):
    """One organisation a report was sent to, and the reply it owes (the shared clock)."""

    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="report_recipients",
        verbose_name=_("organisation"),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("organisation"), FieldPanel("sent_on"), FieldPanel("reply_within")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation sent to")
        verbose_name_plural = _("organisations sent to")

    def __str__(self):
        return f"{self.organisation} ({self.sent_on})"

    @cached_property
    def reply(self):
        """The live, public reply from this organisation to this report, or None.
        Listings set this for many recipients at once (`publications.replies`)."""
        from ..replies import live_replies

        return live_replies([self.page]).get(self.page_id, {}).get(self.organisation_id)

    @property
    def replied_on(self):
        return self.reply.received_on if self.reply else None


class Recommendation(TranslatableMixin, Orderable):
    """One recommendation in a report, addressed to one organisation it was sent to.

    Translatable (wagtail-localize): a translation of the report offers each recommendation's
    text to its translator with the rest of the page, and it is approved with the page."""

    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text = models.TextField(_("recommendation"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("addressed to"),
        help_text=_("One of the organisations the report was sent to."),
    )

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("organisation")]), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recommendation")

    def __str__(self):
        return f"{self.number}. {Truncator(self.text).chars(90)}"
