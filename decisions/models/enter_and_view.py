"""Enter and view: private vetting, the public list of authorised representatives, and visits.

Regulation 9: someone may be authorised to enter and view only after a criminal records
certificate about them has been considered by a person the LINk nominated, who is not that
same person. The certificate and the vetting notes are private: `VettingRecord` is a plain
model, not a page and not indexed, shown in the admin only to the `Vetting officers` group
(see `decisions.wagtail_hooks`). The public list is the inline `Authorisation` entries on the
`EnterAndViewPage`, so it is moderated and versioned with that page.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from linksite import plausible_dates
from linksite.models import CareSector, Organisation, Person
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.topic_names import TopicsFieldForm
from linksite.visibility import public

from .common import DecisionKind


def day(value):
    return date_format(value)


def date_span(start, end):
    if not end or end == start:
        return day(start)
    return _("%(start)s to %(end)s") % {"start": day(start), "end": day(end)}


class VettingRecord(models.Model):
    """The consideration of one criminal records certificate about one person. Private."""

    class Outcome(models.TextChoices):
        SATISFACTORY = "satisfactory", _("Satisfactory: may be authorised")
        NOT_SATISFACTORY = "not_satisfactory", _("Not satisfactory: may not be authorised")

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="vetting_records",
        verbose_name=_("person vetted"),
    )
    certificate_reference = models.CharField(
        _("certificate reference"),
        max_length=64,
        help_text=_("The criminal records certificate number. Never published."),
    )
    issued_on = models.DateField(_("certificate issued on"))
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="vetting_records_considered",
        verbose_name=_("considered by"),
        help_text=_(
            "The person the LINk nominated to consider the certificate. It must not be the "
            "person vetted (regulation 9)."
        ),
    )
    considered_on = models.DateField(_("considered on"))
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True)

    # Keep these rows out of Wagtail's reference index, so no "usage" screen of a person or
    # user lists them.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["person__display_name", "-considered_on", "-pk"]
        verbose_name = _("vetting record")
        verbose_name_plural = _("vetting records")

    def __str__(self):
        # Used in admin titles and the audit log: never the certificate details.
        return _("Vetting of %(person)s, considered on %(date)s") % {
            "person": self.person,
            "date": day(self.considered_on) if self.considered_on else "?",
        }

    def clean(self):
        errors = {}
        if self.person_id and self.considered_by_id:
            if Person.objects.filter(pk=self.person_id, user_id=self.considered_by_id).exists():
                errors["considered_by"] = _(
                    "Nobody may consider their own certificate (regulation 9): choose another "
                    "person the LINk has nominated."
                )
        if self.issued_on and self.considered_on:
            if self.considered_on < self.issued_on:
                errors["considered_on"] = _("A certificate is considered after it was issued.")
            elif self.considered_on > datetime.date.today():
                errors["considered_on"] = _("Record the consideration once it has happened.")
        if errors:
            raise ValidationError(errors)


def vetting_clears(person_id, on):
    """Whether the latest certificate considered on or before `on` was satisfactory, and
    considered by someone other than the person vetted."""
    latest = (
        VettingRecord.objects.filter(person_id=person_id, considered_on__lte=on)
        .select_related("person")
        .order_by("-considered_on", "-pk")
        .first()
    )
    return (
        latest is not None
        and latest.outcome == VettingRecord.Outcome.SATISFACTORY
        and latest.considered_by_id != latest.person.user_id
    )


class EnterAndViewPage(NamesNoOrganisation, LinkPage):
    """Who may enter and view on the LINk's behalf, and the LINk's visits."""

    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], blank=True
    )

    content_panels = LinkPage.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "authorisations",
            heading=_("Authorised representatives"),
            label=_("authorisation"),
            help_text=_(
                "Someone can be authorised only once a vetting officer has recorded a "
                "satisfactory criminal records check for them."
            ),
        ),
    ]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["decisions.VisitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("enter and view page")

    def listed_visits(self):
        """The live visits under this page. On a translation, also the original's visits that
        have no translation yet: a reader must never be told there were no visits only
        because none has been translated."""
        original = (
            EnterAndViewPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .exclude(pk=self.pk)
            .first()
        )
        under = VisitPage.objects.child_of(self)
        if original is not None:
            under = under | VisitPage.objects.child_of(original)
        visits = list(public(under.live()).only("pk", "path", "translation_key"))
        own = {v.translation_key for v in visits if v.path.startswith(self.path)}
        return VisitPage.objects.filter(
            pk__in=[
                v.pk for v in visits if v.path.startswith(self.path) or v.translation_key not in own
            ]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = datetime.date.today()
        authorisations = sorted(
            self.authorisations.select_related("person"),
            key=lambda a: (a.person.display_name, a.authorised_from),
        )
        context["current_authorisations"] = [
            a for a in authorisations if a.in_force_or_to_come(today)
        ]
        context["former_authorisations"] = [
            a for a in authorisations if not a.in_force_or_to_come(today)
        ]
        visits = list(
            self.listed_visits()
            .select_related("provider")
            .prefetch_related("representatives__person")
        )
        context["upcoming_visits"] = sorted(
            (v for v in visits if v.is_upcoming(today)), key=lambda v: v.visit_from
        )
        context["past_visits"] = sorted(
            (v for v in visits if not v.is_upcoming(today)),
            key=lambda v: v.visit_from,
            reverse=True,
        )
        return context


class AuthorisationQuerySet(models.QuerySet):
    def approved(self):
        """Entries on a live enter and view page: the list the steering group approved.
        Rows of a page's draft are not here (a live page's rows change only when a new
        version is published)."""
        return self.filter(page__live=True)

    def covering(self, start, end=None):
        end = end or start
        return self.filter(authorised_from__lte=start, authorised_until__gte=end).filter(
            models.Q(revoked_on__isnull=True) | models.Q(revoked_on__gt=end)
        )


class Authorisation(Orderable):
    """One person's authorisation to enter and view, from one day until another."""

    class State(models.TextChoices):
        CURRENT = "current", _("Authorised")
        TO_COME = "to_come", _("Authorised from a later date")
        ENDED = "ended", _("Authorisation ended")
        REVOKED = "revoked", _("Authorisation revoked")

    page = ParentalKey(EnterAndViewPage, on_delete=models.CASCADE, related_name="authorisations")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="authorisations", verbose_name=_("person")
    )
    authorised_from = models.DateField(_("authorised from"))
    authorised_until = models.DateField(_("authorised until"))
    revoked_on = models.DateField(
        _("revoked on"),
        null=True,
        blank=True,
        help_text=_("If the LINk withdrew the authorisation early: the day it stopped."),
    )

    objects = AuthorisationQuerySet.as_manager()

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("authorised_from"), FieldPanel("authorised_until")]),
        FieldPanel("revoked_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("authorisation")

    def __str__(self):
        return _("%(person)s, authorised %(dates)s") % {
            "person": self.person,
            "dates": date_span(self.authorised_from, self.authorised_until),
        }

    def covers(self, start, end=None):
        end = end or start
        return (
            self.authorised_from <= start
            and self.authorised_until >= end
            and (self.revoked_on is None or self.revoked_on > end)
        )

    def state(self, on=None):
        on = on or datetime.date.today()
        if self.revoked_on and self.revoked_on <= on:
            return self.State.REVOKED
        if self.authorised_until < on:
            return self.State.ENDED
        if self.authorised_from > on:
            return self.State.TO_COME
        return self.State.CURRENT

    def in_force_or_to_come(self, on=None):
        return self.state(on) in (self.State.CURRENT, self.State.TO_COME)

    def clean(self):
        errors = {}
        start, end, revoked = self.authorised_from, self.authorised_until, self.revoked_on
        if start and end and end < start:
            errors["authorised_until"] = _("An authorisation cannot end before it starts.")
        if revoked and start and end and not start <= revoked <= end:
            errors["revoked_on"] = _("A revocation falls within the authorisation's dates.")
        if self.person_id and start and not vetting_clears(self.person_id, start):
            # Says nothing about any certificate: editors are not vetting officers.
            errors["person"] = _(
                "%(person)s cannot be authorised from %(date)s: no satisfactory criminal "
                "records check, considered on or before that day by someone other than "
                "themselves, is recorded for them (regulation 9). Ask a vetting officer."
            ) % {"person": Person.objects.get(pk=self.person_id), "date": day(start)}
        if errors:
            raise ValidationError(errors)


class VisitPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "decisions.VisitPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class VisitPageForm(TopicsFieldForm, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each representative is checked against the visit's dates (VisitRepresentative.clean);
        # the inline forms do not otherwise know which visit they belong to until saved.
        for form in self.formsets["representatives"].forms:
            form.instance.page = self.instance


class VisitPage(LinkPage):
    """An enter and view visit: where, when, who goes, the decision behind it, what came of it."""

    class ServiceKind(models.TextChoices):
        CARE_HOME = "care_home", _("Care home")
        NURSING_HOME = "nursing_home", _("Care home with nursing")
        HOSPITAL = "hospital", _("Hospital ward or department")
        GP_PRACTICE = "gp_practice", _("GP practice")
        CLINIC = "clinic", _("Clinic or health centre")
        DAY_CENTRE = "day_centre", _("Day centre")
        OTHER = "other", _("Other premises where care is given")
        # Listed so that an editor who picks one is told why the law excludes it.
        OWN_HOME = "own_home", _("Someone's own home (held under a tenancy or licence)")
        STAFF_QUARTERS = "staff_quarters", _("Staff living quarters")
        CHILDRENS_SOCIAL_CARE = "childrens_social_care", _("Children's social care")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    CARE_HOMES = (ServiceKind.CARE_HOME, ServiceKind.NURSING_HOME)
    EXCLUDED = {
        ServiceKind.OWN_HOME: _(
            "A LINk may not enter and view someone's own home held under a tenancy or licence."
        ),
        ServiceKind.STAFF_QUARTERS: _(
            "A LINk may not enter and view parts of premises used only as staff living quarters."
        ),
        ServiceKind.CHILDRENS_SOCIAL_CARE: _(
            "Children's social care services are outside a LINk's remit: they cannot be "
            "entered and viewed."
        ),
    }

    premises = models.ForeignKey(
        "linksite.Premises",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        verbose_name=_("premises in the directory"),
        help_text=_("Choose it when it is listed: experiences of it can then be found."),
    )
    premises_name = models.CharField(_("premises"), max_length=200)
    premises_address = models.TextField(_("address of the premises"))
    service_kind = models.CharField(
        _("kind of service"), max_length=32, choices=ServiceKind.choices
    )
    communal_areas_only = models.BooleanField(
        _("limited to communal areas"),
        default=False,
        help_text=_("In a care home the visit must be limited to the communal areas."),
    )
    sector = models.CharField(_("health or social care"), max_length=16, choices=CareSector.choices)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("services-provider"),
    )
    visit_from = models.DateField(_("visit on (or from)"), validators=plausible_dates.PLANNED_DATE)
    visit_until = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("For a window of days: the last day."),
        validators=plausible_dates.PLANNED_DATE,
    )
    decision = models.ForeignKey(
        "decisions.DecisionPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("decision"),
        help_text=_("The decision (kind (f)) that chose these premises and when."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    status_note = models.CharField(
        _("about the status"),
        max_length=255,
        blank=True,
        help_text=_("e.g. why a visit was cancelled or moved."),
    )
    purpose = RichTextField(
        _("what the visit looks at"), features=["bold", "italic", "link", "ul", "ol"]
    )
    topics = ClusterTaggableManager(through=VisitPageTag, blank=True, verbose_name=_("topics"))

    base_form_class = VisitPageForm
    content_panels = LinkPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("premises"),
                FieldPanel("premises_name"),
                FieldPanel("premises_address"),
                FieldPanel("service_kind"),
                FieldPanel("communal_areas_only"),
                FieldPanel("sector"),
                FieldPanel("provider"),
            ],
            heading=_("The premises"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("visit_from"), FieldPanel("visit_until")]),
                FieldPanel("status"),
                FieldPanel("status_note"),
                FieldPanel("decision"),
            ],
            heading=_("When, and why"),
        ),
        FieldPanel("purpose"),
        InlinePanel(
            "representatives",
            heading=_("Authorised representatives going"),
            label=_("representative"),
            min_num=1,
        ),
        FieldPanel("topics"),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("premises_name"),
        index.SearchField("premises_address"),
        index.SearchField("purpose"),
        index.FilterField("visit_from"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["decisions.EnterAndViewPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("enter and view visit")

    def listing_date(self):
        return self.visit_from

    def own_organisations(self):
        return {self.provider_id}

    @property
    def last_day(self):
        return self.visit_until or self.visit_from

    def when(self):
        return date_span(self.visit_from, self.visit_until)

    def is_upcoming(self, today=None):
        today = today or datetime.date.today()
        return self.status == self.Status.PLANNED and self.last_day >= today

    def publication_barriers(self):
        # Checked again when the steering group's approval would publish the visit: an
        # authorisation can be revoked while the visit waits for approval.
        errors = (r.authorisation_error(self) for r in self.representatives.all())
        return [e for e in errors if e]

    def resulting_reports(self):
        """The live reports of this visit (`publications.ReportPage.visit`)."""
        return list(public(self.reports.live()))

    def clean(self):
        super().clean()
        errors = {}
        if self.visit_from and self.visit_until and self.visit_until < self.visit_from:
            errors["visit_until"] = _("The last day of the window cannot be before the first.")
        if self.service_kind in self.EXCLUDED:
            errors["service_kind"] = self.EXCLUDED[self.service_kind]
        elif self.service_kind in self.CARE_HOMES and not self.communal_areas_only:
            errors["communal_areas_only"] = _(
                "In a care home, authorised representatives may enter and view only the "
                "communal areas, not residents' own rooms: limit the visit to communal areas."
            )
        if (
            self.premises_id
            and self.provider_id
            and self.premises.organisation_id != self.provider_id
        ):
            errors["premises"] = _(
                "These premises belong to %(owner)s, not to the services-provider chosen."
            ) % {"owner": self.premises.organisation}
        decision_error = self.decision_error()
        if decision_error:
            errors["decision"] = decision_error
        if errors:
            raise ValidationError(errors)

    def decision_error(self):
        from .decision_log import decision_behind_error

        return decision_behind_error(
            self.decision_id, DecisionKind.ENTER_AND_VIEW, _("visit"), self.visit_from
        )


class VisitRepresentative(Orderable):
    """An authorised representative going on a visit."""

    page = ParentalKey(VisitPage, on_delete=models.CASCADE, related_name="representatives")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="visits_as_representative",
        verbose_name=_("authorised representative"),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("representative on a visit")

    def clean(self):
        try:
            visit = self.page
        except ObjectDoesNotExist:
            return
        error = self.authorisation_error(visit)
        if error:
            raise ValidationError({"person": error})

    def authorisation_error(self, visit):
        """Why this person may not go on this visit, or None: they must be on the published
        list of authorised representatives for every day of it, not revoked."""
        if visit is None or not (self.person_id and visit.visit_from):
            return None
        authorised = (
            Authorisation.objects.approved()
            .covering(visit.visit_from, visit.last_day)
            .filter(person_id=self.person_id)
            .exists()
        )
        if authorised:
            return None
        return _(
            "%(person)s is not an authorised representative for %(dates)s. Only "
            "people on the published list of authorised representatives, "
            "authorised for every day of the visit, may go."
        ) % {
            "person": Person.objects.get(pk=self.person_id),
            "dates": visit.when(),
        }
