"""Published procedures for relevant decisions (reg 2(1)(a)-(c)).

A procedure is amended by publishing a new version that names the one it supersedes; the
old version stays public and says when, and by what, it was superseded.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from linksite.blocks import BodyBlock
from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.visibility import public

from .common import DecisionKind, DecisionKindsField


class ProcedureQuerySet(PageQuerySet):
    def successors_of(self, outer):
        return ProcedurePage.objects.live().filter(supersedes=outer).order_by("in_force_from")

    def in_force(self, on, kind=None):
        """Live procedures in force on a day: in force from then or earlier, and not yet
        superseded by a live newer version in force by then."""
        superseded = self.successors_of(OuterRef("pk")).filter(in_force_from__lte=on)
        procedures = self.live().filter(in_force_from__lte=on).exclude(Exists(superseded))
        if kind:
            procedures = procedures.filter(kinds__contains=kind)
        return procedures

    def with_successor(self):
        """Annotate `next_version_id` and `next_version_from` from the live newer version."""
        successors = self.successors_of(OuterRef("pk"))
        return self.annotate(
            next_version_id=Subquery(successors.values("pk")[:1]),
            next_version_from=Subquery(successors.values("in_force_from")[:1]),
        )


class ProcedureIndexPage(NamesNoOrganisation, LinkPage):
    """The LINk's procedures for relevant decisions: those in force, then older versions."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]
    search_fields = LinkPage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["decisions.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("procedures index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = datetime.date.today()
        procedures = list(
            public(ProcedurePage.objects.child_of(self).live())
            .with_successor()
            .order_by("title", "-in_force_from")
        )
        by_pk = {p.pk: p for p in procedures}
        for procedure in procedures:
            procedure.next_version = by_pk.get(procedure.next_version_id)
        context["current_procedures"] = [
            p for p in procedures if p.next_version_from is None or p.next_version_from > today
        ]
        context["superseded_procedures"] = sorted(
            (p for p in procedures if p.next_version_from and p.next_version_from <= today),
            key=lambda p: p.next_version_from,
            reverse=True,
        )
        return context


class ProcedurePage(NamesNoOrganisation, LinkPage):
    """One version of a procedure: which kinds of decision it covers, who may make them, how,
    and the day it comes into force."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence, shown under the title and in listings."),
    )
    kinds = DecisionKindsField(
        _("kinds of decision covered"),
        help_text=_("The kinds of relevant decision (regulation 2(2)) made under this procedure."),
    )
    who_may_decide = RichTextField(
        _("who may make these decisions"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "e.g. the steering group at a quorate meeting; a named sub-group; the chair in "
            "urgent cases, reporting to the next meeting."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("how decisions are made"))
    in_force_from = models.DateField(
        _("in force from"), help_text=_("Decisions made on or after this day follow this version.")
    )
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseding_versions",
        verbose_name=_("supersedes"),
        help_text=_("When this is an amended procedure, the version it replaces."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)

    objects = PageManager.from_queryset(ProcedureQuerySet)()

    content_panels = LinkPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("in_force_from"), FieldPanel("supersedes")], heading=_("Version")
        ),
        FieldPanel("kinds"),
        FieldPanel("who_may_decide"),
        FieldPanel("body"),
    ]
    search_fields = LinkPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_may_decide"),
        index.SearchField("body"),
        index.FilterField("in_force_from"),
    ]

    parent_page_types = ["decisions.ProcedureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("procedure")

    def listing_date(self):
        return self.in_force_from

    def kind_labels(self):
        return [DecisionKind(code).label for code in self.kinds]

    def kinds_with_labels(self):
        return [(code, DecisionKind(code).label) for code in self.kinds]

    def covers(self, kind):
        return bool(kind) and kind in self.kinds

    @property
    def superseded_by(self):
        """The live newer version, if one has been published."""
        if not self.pk:
            return None
        if not hasattr(self, "_superseded_by"):
            self._superseded_by = self.superseding_versions.live().order_by("in_force_from").first()
        return self._superseded_by

    @property
    def superseded_on(self):
        successor = self.superseded_by
        return successor.in_force_from if successor else None

    def in_force_on(self, day):
        if not self.live or not self.in_force_from or self.in_force_from > day:
            return False
        return self.superseded_on is None or self.superseded_on > day

    def version_label(self):
        return _("%(title)s (version %(version)s, in force from %(date)s)") % {
            "title": self.title,
            "version": self.version,
            "date": date_format(self.in_force_from),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        successor = self.superseded_by
        context["successor"] = successor
        if successor is not None:
            context["superseded"] = successor.in_force_from <= datetime.date.today()
            context["in_force_until"] = successor.in_force_from - datetime.timedelta(days=1)
        context["decisions_made"] = (
            public(self.decisions.live()).order_by("-decided_on", "-pk") if self.pk else []
        )
        return context

    def clean(self):
        super().clean()
        errors = {}
        if not self.kinds:
            # Checked here too, because a draft saved in the admin defers required fields.
            errors["kinds"] = _("Choose the kinds of decision this procedure covers.")
        previous = self.supersedes
        if previous is not None:
            if self.pk and previous.pk == self.pk:
                errors["supersedes"] = _("A procedure cannot supersede itself.")
            else:
                other = (
                    ProcedurePage.objects.filter(supersedes=previous, locale_id=self.locale_id)
                    .exclude(pk=self.pk)
                    .first()
                )
                if other is not None:
                    errors["supersedes"] = _(
                        "“%(previous)s” already has a newer version, “%(other)s”. Amend that "
                        "version instead, so there is one line of versions."
                    ) % {"previous": previous.title, "other": other.title}
                elif self.in_force_from and previous.in_force_from >= self.in_force_from:
                    errors["in_force_from"] = _(
                        "A new version must come into force after the version it supersedes, "
                        "which is in force from %(date)s."
                    ) % {"date": date_format(previous.in_force_from)}
        if errors:
            raise ValidationError(errors)
        self.version = previous.version + 1 if previous is not None else 1
