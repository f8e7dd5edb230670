"""The work plan: one page per LINk year (April to March), one child page per piece of work."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from linksite.blocks import BodyBlock
from linksite.models import CareSector, Person
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.visibility import public

from ..admin_forms import WorkPlanItemPageForm, WorkPlanPageForm
from ..replies import parent_path_expression


class WorkPlanIndexPage(NamesNoOrganisation, LinkPage):
    """Every year's work plan, newest first, each with its progress (/work-plan/)."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.WorkPlanPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("work plan index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = list(public(WorkPlanPage.objects.child_of(self).live()).order_by("-year_starting"))
        counts = {}
        for row in (
            public(WorkPlanItemPage.objects.live())
            .annotate(parent_path=parent_path_expression())
            .filter(parent_path__in=[plan.path for plan in plans])
            .values("parent_path", "status")
            .annotate(items=Count("pk"))
            .order_by()
        ):
            counts.setdefault(row["parent_path"], Counter())[row["status"]] = row["items"]
        for plan in plans:
            plan.progress = Progress.of_counts(counts.get(plan.path, Counter()))
        context["plans"] = plans
        return context


@dataclass(frozen=True)
class Progress:
    """How far a year's work plan has got: items in each state, and outcomes measured."""

    by_status: tuple  # ((status, label, count), ...) in the order of WorkPlanItemPage.Status
    outcomes: int = 0
    outcomes_met: int = 0
    outcomes_measured: int = 0

    @classmethod
    def of_counts(cls, counts, **kwargs):
        return cls(
            by_status=tuple(
                (status.value, status.label, counts[status.value])
                for status in WorkPlanItemPage.Status
            ),
            **kwargs,
        )

    @classmethod
    def of_items(cls, items):
        outcomes = [outcome for item in items for outcome in item.outcomes.all()]
        return cls.of_counts(
            Counter(item.status for item in items),
            outcomes=len(outcomes),
            outcomes_met=sum(o.progress == WorkPlanOutcome.Progress.MET for o in outcomes),
            outcomes_measured=sum(o.progress != WorkPlanOutcome.Progress.PENDING for o in outcomes),
        )

    @property
    def items(self):
        return sum(count for _, _, count in self.by_status)

    @property
    def bar(self):
        """((status, start, count), ...) for the drawn bar: each status's part starts where
        the one before ended, on a scale of one unit per item."""
        parts, start = [], 0
        for status, _label, count in self.by_status:
            if count:
                parts.append((status, start, count))
                start += count
        return tuple(parts)


class WorkPlanPage(NamesNoOrganisation, LinkPage):
    """The LINk's work plan for one year, April to March."""

    year_starting = models.PositiveSmallIntegerField(
        _("year starting in April"),
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text=_("e.g. 2027 for the year April 2027 to March 2028 (2027/28)."),
    )
    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], blank=True
    )

    base_form_class = WorkPlanPageForm
    content_panels = LinkPage.content_panels + [
        FieldPanel("year_starting"),
        FieldPanel("introduction"),
    ]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["publications.WorkPlanIndexPage"]
    subpage_types = ["publications.WorkPlanItemPage"]

    class Meta:
        verbose_name = _("work plan")

    @staticmethod
    def label_for(year):
        return f"{year}/{(year + 1) % 100:02d}"

    @property
    def year_label(self):
        return self.label_for(self.year_starting)

    @property
    def starts_on(self):
        return datetime.date(self.year_starting, 4, 1)

    @property
    def ends_on(self):
        return datetime.date(self.year_starting + 1, 3, 31)

    def listing_date(self):
        return self.starts_on

    def items(self):
        return list(
            public(WorkPlanItemPage.objects.child_of(self).live())
            .select_related("lead")
            .prefetch_related("outcomes")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.items()
        context["items"] = items
        context["progress"] = Progress.of_items(items)
        return context


class WorkPlanItemTopic(TaggedItemBase):
    content_object = ParentalKey(
        "publications.WorkPlanItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class WorkPlanItemPage(NamesNoOrganisation, LinkPage):
    """One piece of work the LINk plans, why it chose it, and how it will know it worked."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped")

    class Priority(models.TextChoices):
        LOCAL = "local", _("A local priority")
        NATIONAL = "national", _("A national priority")
        BOTH = "both", _("A local and a national priority")
        NEITHER = "neither", _("Neither a local nor a national priority")

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One sentence: what this work is about.")
    )
    people_affected = models.TextField(
        _("how many people it affects"), help_text=_("e.g. 'About 2,000 people a year'.")
    )
    harm = models.TextField(_("how serious the harm is"))
    inequality = models.TextField(
        _("inequality"),
        blank=True,
        help_text=_("Who is affected more than others, and how."),
    )
    priority = models.CharField(
        _("local or national priority"), max_length=16, choices=Priority.choices
    )
    care_sector = models.CharField(
        _("health or social care"), max_length=16, choices=CareSector.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    dropped_reason = models.TextField(
        _("why it was dropped"), blank=True, help_text=_("Needed when the status is dropped.")
    )
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="work_plan_items",
        verbose_name=_("lead person"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("what we will do"))
    topics = ClusterTaggableManager(
        through=WorkPlanItemTopic,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("A few words people would look for, e.g. 'hospital discharge'."),
    )

    content_panels = LinkPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("care_sector")]),
                FieldPanel("dropped_reason"),
                FieldRowPanel([FieldPanel("lead"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Status, lead and dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("people_affected"),
                FieldPanel("harm"),
                FieldPanel("inequality"),
                FieldPanel("priority"),
            ],
            heading=_("Why we chose it"),
        ),
        FieldPanel("body"),
        InlinePanel("outcomes", heading=_("Measurable outcomes"), label=_("outcome")),
        InlinePanel(
            "links",
            heading=_("Decisions, reports and visits that belong to this work"),
            label=_("link"),
        ),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    base_form_class = WorkPlanItemPageForm
    parent_page_types = ["publications.WorkPlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("work plan item")

    def listing_date(self):
        return self.starts_on

    @property
    def outcomes_met(self):
        return sum(o.progress == WorkPlanOutcome.Progress.MET for o in self.outcomes.all())

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.DROPPED and not self.dropped_reason.strip():
            errors["dropped_reason"] = _("Say why the work was dropped.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The work cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def linked_pages(self):
        """The live, public pages this work links to, in the editor's order."""
        ids = [link.page_id for link in self.links.all()]
        pages = public(Page.objects.live()).filter(pk__in=ids).select_related("content_type")
        found = {page.pk: page for page in pages}
        for page in found.values():
            page.kind = page.specific_class._meta.verbose_name
        return [found[pk] for pk in ids if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["linked_pages"] = self.linked_pages()
        return context


class WorkPlanOutcome(TranslatableMixin, Orderable):
    """A measurable outcome of a work plan item: a target now, a result later. Its words are
    translated with the item (wagtail-localize)."""

    class Progress(models.TextChoices):
        PENDING = "pending", _("Not measured yet")
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    item = ParentalKey(WorkPlanItemPage, on_delete=models.CASCADE, related_name="outcomes")
    measure = models.CharField(_("what we will measure"), max_length=255)
    target = models.CharField(_("target"), max_length=255)
    result = models.TextField(_("result"), blank=True)
    progress = models.CharField(
        _("met?"), max_length=16, choices=Progress.choices, default=Progress.PENDING
    )

    panels = [
        FieldPanel("measure"),
        FieldPanel("target"),
        FieldRowPanel([FieldPanel("progress"), FieldPanel("result")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("measurable outcome")

    def __str__(self):
        return self.measure

    def clean(self):
        if self.progress != self.Progress.PENDING and not self.result.strip():
            raise ValidationError({"result": _("Say what the result was.")})


class WorkPlanLink(Orderable):
    """A decision, report or visit that belongs to a work plan item."""

    item = ParentalKey(WorkPlanItemPage, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [
        PageChooserPanel(
            "page",
            page_type=["publications.ReportPage", "decisions.DecisionPage", "decisions.VisitPage"],
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("link")

    def __str__(self):
        return str(self.page)
