"""The decision log: every relevant decision with its reasons (reg 2(1)(d))."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from linksite import plausible_dates
from linksite.identity import site_identity
from linksite.models import CareSector, Organisation, Person
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.topic_names import TopicsFieldForm
from linksite.visibility import public

from .common import DecisionKind, is_blank_rich_text
from .procedures import ProcedurePage

DECISIONS_PER_PAGE = 20
REASONS_REQUIRED = _(
    "Give the reasons for the decision: the law requires the LINk to publish every relevant "
    "decision with its reasons."
)


class DecisionFilters(forms.Form):
    """The decision log's filters: a plain GET form; values that do not fit are ignored."""

    kind = forms.ChoiceField(
        label=_("Kind of decision"),
        required=False,
        choices=[("", _("All kinds"))] + DecisionKind.choices,
    )
    year = forms.TypedChoiceField(label=_("Year decided"), required=False, coerce=int)
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int)

    def __init__(self, data, years, organisations):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(d.year, d.year) for d in years]
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (o.pk, o.name) for o in organisations
        ]

    def values(self):
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in ("", None)}


class DecisionIndexPage(NamesNoOrganisation, RoutablePageMixin, LinkPage):
    """The decision log: newest first, filtered by kind, year and organisation, with counts."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["decisions.DecisionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("decision log")

    def decisions(self):
        return public(DecisionPage.objects.child_of(self).live())

    @path("")
    def decision_log(self, request):
        return self.render(request, context_overrides=self.listing(request.GET))

    @path("feed/")
    def feed(self, request):
        return DecisionFeed(self)(request)

    def listing(self, params):
        """Everything the log shows, in the same number of queries whatever its length."""
        published = self.decisions()
        years = published.dates("decided_on", "year", order="DESC")
        organisations = Organisation.objects.filter(decisions__in=published).distinct()
        filters = DecisionFilters(params, years, organisations)
        chosen = filters.values()

        matching = published
        if "year" in chosen:
            matching = matching.filter(decided_on__year=chosen["year"])
        if "organisation" in chosen:
            matching = matching.filter(organisations=chosen["organisation"])
        counted = dict(
            matching.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
        )
        if "kind" in chosen:
            matching = matching.filter(kind=chosen["kind"])
        matching = (
            matching.select_related("procedure")
            .prefetch_related("organisations")
            .order_by("-decided_on", "-pk")
        )
        page = Paginator(matching, DECISIONS_PER_PAGE).get_page(params.get("page"))
        return {
            "filters": filters,
            "filtered": bool(chosen),
            "kind_counts": [
                {"code": code, "label": label, "count": counted.get(code, 0)}
                for code, label in DecisionKind.choices
            ],
            "decisions": page,
        }


class DecisionFeed(Feed):
    """The newest decisions with their reasons, for partners who subscribe to updates."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        name = site_identity(self.request).link_name
        return f"{self.index_page.title} – {name}"

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return _("Relevant decisions of the LINk, with their reasons.")

    def items(self):
        return self.index_page.decisions().order_by("-decided_on", "-pk")[:DECISIONS_PER_PAGE]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_description(self, item):
        return (
            f"<p>{item.kind_label} · {date_format(item.decided_on)}</p>"
            f"{expand_db_html(item.statement)}<h2>{_('Reasons')}</h2>{expand_db_html(item.reasons)}"
        )


class DecisionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "decisions.DecisionPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class DecisionPageForm(TopicsFieldForm, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].error_messages["required"] = REASONS_REQUIRED


class SpendingPurpose(models.TextChoices):
    """What a spending decision (kind (c)) pays for: the annual report totals by these."""

    ENGAGEMENT = "engagement", _("Hearing from people: surveys, events, outreach")
    ENTER_AND_VIEW = "enter_and_view", _("Enter and view visits")
    ACCESSIBLE_INFORMATION = "accessible_information", _("Accessible information and translation")
    VOLUNTEERS = "volunteers", _("Volunteers' expenses and training")
    RUNNING = "running", _("Running the LINk: meetings, venues, equipment")
    OTHER = "other", _("Other")


class DecisionPage(LinkPage):
    """A relevant decision: what was decided, by whom, when, why, and under which procedure."""

    kind = models.CharField(_("kind of decision"), max_length=1, choices=DecisionKind.choices)
    decided_on = models.DateField(_("decided on"), validators=plausible_dates.PAST_DATE)
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        help_text=_(
            "The body or meeting that decided, e.g. 'Steering group meeting, 4 March 2027' or "
            "'The chair, as an urgent decision'."
        ),
    )
    statement = RichTextField(
        _("what was decided"), features=["bold", "italic", "link", "ul", "ol"]
    )
    reasons = RichTextField(
        _("reasons"),
        features=["bold", "italic", "link", "ul", "ol"],
        error_messages={"blank": REASONS_REQUIRED},
    )
    organisations = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="decisions",
        verbose_name=_("organisations concerned"),
    )
    sector = models.CharField(
        _("health or social care"), max_length=16, choices=CareSector.choices, blank=True
    )
    topics = ClusterTaggableManager(through=DecisionPageTag, blank=True, verbose_name=_("topics"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the decision paper (PDF)"),
        help_text=_("The minutes or paper recording the decision, if it is published."),
    )
    procedure = models.ForeignKey(
        ProcedurePage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("procedure followed"),
        help_text=_("The version of the procedure in force on the day of the decision."),
    )
    amount = models.DecimalField(
        _("amount agreed (£)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For a decision to spend money (kind (c)): the most that may be spent."),
    )
    spending_purpose = models.CharField(
        _("what it pays for"), max_length=32, choices=SpendingPurpose.choices, blank=True
    )
    took_part = ParentalManyToManyField(
        Person,
        blank=True,
        related_name="decisions_taken_part_in",
        verbose_name=_("who took part"),
        help_text=_("Everyone who took part in making the decision: the annual report names them."),
    )

    base_form_class = DecisionPageForm
    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("decided_on"),
                FieldPanel("decided_by"),
                FieldPanel("procedure"),
                FieldPanel("took_part"),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("spending_purpose")]),
            ],
            heading=_("The decision"),
        ),
        FieldPanel("statement"),
        FieldPanel("reasons"),
        FieldPanel("document"),
        MultiFieldPanel(
            [FieldPanel("organisations"), FieldPanel("sector"), FieldPanel("topics")],
            heading=_("What it concerns"),
        ),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("statement"),
        index.SearchField("reasons"),
        index.SearchField("decided_by"),
        index.FilterField("kind"),
        index.FilterField("decided_on"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["decisions.DecisionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("decision")

    @property
    def kind_label(self):
        return DecisionKind(self.kind).label if self.kind else ""

    def listing_date(self):
        return self.decided_on

    def own_organisations(self):
        return {o.pk for o in self.organisations.all()}

    def what_followed(self):
        """The live reports, visits, information requests and OSC referrals that name this
        decision, oldest first (`reports` is `publications.ReportPage.decision`)."""
        naming = models.Q(pk__in=[])
        for related in (self.reports, self.visits, self.information_requests, self.osc_referrals):
            naming |= models.Q(pk__in=related.values("pk"))
        followed = public(Page.objects.live()).filter(naming).specific()
        return sorted(followed, key=lambda p: (p.listing_date() or datetime.date.min, p.pk))

    def clean(self):
        super().clean()
        errors = {}
        # An empty editor posts "<p></p>": blank to a reader, not to the field's own check.
        if self.reasons and is_blank_rich_text(self.reasons):
            errors["reasons"] = REASONS_REQUIRED
        procedure_error = self.procedure_error()
        if procedure_error:
            errors["procedure"] = procedure_error
        errors.update(self.spending_errors())
        if errors:
            raise ValidationError(errors)

    def spending_errors(self):
        """A decision to spend says how much and on what; no other kind names an amount."""
        errors = {}
        if self.kind == DecisionKind.SPENDING:
            if self.amount is None:
                errors["amount"] = _("A decision to spend money says the amount agreed.")
            if not self.spending_purpose:
                errors["spending_purpose"] = _("Say what the money pays for.")
        elif self.amount is not None or self.spending_purpose:
            errors["amount"] = _("Only a decision to spend money (kind (c)) names an amount.")
        return errors

    def procedure_error(self):
        """Why the procedure named does not fit the decision (reg 2(1)): None if it does."""
        if not (self.kind and self.decided_on):
            return None
        day = date_format(self.decided_on)
        in_force = list(ProcedurePage.objects.in_force(self.decided_on, self.kind))
        if not in_force:
            return _(
                "No published procedure for decisions about “%(kind)s” was in force on "
                "%(date)s. The law requires the LINk to publish its procedure before it makes "
                "a decision of that kind."
            ) % {"kind": self.kind_label, "date": day}
        if self.procedure_id in {p.pk for p in in_force}:
            return None
        suggestion = "; ".join(f"“{p.version_label()}”" for p in in_force)
        if self.procedure_id is None:
            return _(
                "Choose the procedure this decision was made under. On %(date)s that was "
                "%(suggestion)s."
            ) % {"date": day, "suggestion": suggestion}
        chosen = ProcedurePage.objects.filter(pk=self.procedure_id).first()
        if chosen is not None and not chosen.covers(self.kind):
            problem = _("“%(chosen)s” does not cover decisions about “%(kind)s”.")
        else:
            problem = _("“%(chosen)s” was not in force on %(date)s.")
        return (
            problem
            % {
                "chosen": chosen.version_label() if chosen else "?",
                "kind": self.kind_label,
                "date": day,
            }
            + " "
            + _("The procedure in force that day was %(suggestion)s.") % {"suggestion": suggestion}
        )


def decision_behind_error(decision_id, kind, thing, on=None):
    """Why `decision_id` cannot be the decision behind a visit, request or referral: it must
    exist, be of `kind`, and have been made on or before `on`. None if it fits."""
    label = DecisionKind(kind).label
    if not decision_id:
        return _(
            "Choose the decision behind this %(thing)s: a kind (%(code)s) decision, “%(label)s”. "
            "If it is not in the decision log yet, record it there first."
        ) % {"thing": thing, "code": kind, "label": label}
    decision = DecisionPage.objects.filter(pk=decision_id).first()
    if decision is None:
        return None
    if decision.kind != kind:
        return _(
            "“%(title)s” is a decision about “%(other)s”, but this %(thing)s needs a kind "
            "(%(code)s) decision: “%(label)s”."
        ) % {
            "title": decision.title,
            "other": decision.kind_label,
            "thing": thing,
            "code": kind,
            "label": label,
        }
    if on and decision.decided_on > on:
        return _(
            "“%(title)s” was made on %(decided)s, after this %(thing)s (%(on)s): the decision "
            "comes first."
        ) % {
            "title": decision.title,
            "decided": date_format(decision.decided_on),
            "thing": thing,
            "on": date_format(on),
        }
    return None
