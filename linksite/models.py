"""What more than one app needs: the LINk's settings, organisations and people."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index


class CareSector(models.TextChoices):
    """Whether something concerns health care, social care or both (reports, work, search)."""

    HEALTH = "health", _("Health")
    SOCIAL_CARE = "social_care", _("Social care")
    BOTH = "both", _("Health and social care")


@register_setting(icon="site")
class LinkSettings(BaseSiteSetting):
    """How to reach the LINk, and the footer's links; shown in the footer of every page.

    Its name, area and host are words in each language, so they are fields of the home page,
    translated and approved with it (linksite/identity.py)."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )
    open_data_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("open data page"),
        help_text=_("The page with the downloads of the LINk's records."),
    )

    show_approver_names = models.BooleanField(
        _("name the approving members in publication records"),
        default=False,
        help_text=_(
            "Off by default: volunteers can be harassed. When off, the public record says how "
            "many members approved each version, not who."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("postal_address")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
                FieldPanel("open_data_page"),
            ],
            heading=_("Footer links"),
        ),
        FieldPanel("show_approver_names"),
    ]

    class Meta:
        verbose_name = _("LINk settings")


class Organisation(index.Indexed, ClusterableModel):
    """A body the LINk deals with: commissioners, providers, the OSC, regulators."""

    class Kind(models.TextChoices):
        COMMISSIONER = "commissioner", _("Commissioner")
        NHS_TRUST = "nhs_trust", _("NHS trust (hospital, community or mental health)")
        GP_PRACTICE = "gp_practice", _("GP practice")
        CARE_HOME_PROVIDER = "care_home_provider", _("Care home provider")
        HOME_CARE_PROVIDER = "home_care_provider", _("Home care provider")
        PROVIDER = "provider", _("Other services-provider")
        COUNCIL_DEPARTMENT = "council_department", _("Council department")
        OSC = "osc", _("Overview and Scrutiny Committee")
        REGULATOR = "regulator", _("Regulator")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    reply_contact_email = models.EmailField(
        _("contact address for replies"),
        blank=True,
        help_text=_(
            "Who is reminded when a reply to a report, request or referral is due or overdue. "
            "Not shown on the site."
        ),
    )
    do_not_remind = models.BooleanField(
        _("do not send reply reminders"),
        default=False,
        help_text=_("Tick when this organisation has asked not to be reminded."),
    )
    cqc_provider_id = models.CharField(
        _("CQC provider id"),
        max_length=32,
        blank=True,
        help_text=_("As in the Care Quality Commission's care directory, e.g. 1-101639192."),
    )
    ods_code = models.CharField(
        _("ODS code"),
        max_length=16,
        blank=True,
        help_text=_("The NHS Organisation Data Service code, e.g. RXX or A81001."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("address"),
        MultiFieldPanel(
            [FieldPanel("cqc_provider_id"), FieldPanel("ods_code")],
            heading=_("Identifiers"),
        ),
        InlinePanel("premises", heading=_("Premises"), label=_("premises")),
        MultiFieldPanel(
            [FieldPanel("reply_contact_email"), FieldPanel("do_not_remind")],
            heading=_("Reply reminders"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self):
        return self.name


class Premises(Orderable):
    """A place where an organisation gives care (a CQC "location"): a surgery, a ward block, a
    care home. Visits and the public's experiences name premises."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="premises")
    name = models.CharField(_("name"), max_length=200)
    cqc_location_id = models.CharField(
        _("CQC location id"), max_length=32, blank=True, help_text=_("e.g. 1-1000210669")
    )
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("cqc_location_id"),
        FieldPanel("address"),
        FieldPanel("postcode"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        constraints = [
            models.UniqueConstraint(
                fields=["cqc_location_id"],
                condition=~models.Q(cqc_location_id=""),
                name="premises_cqc_location_id_unique",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Person(index.Indexed, ClusterableModel):
    """Someone who takes part in the LINk; interests and authorisations attach here."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        STEERING_GROUP = "steering_group", _("Steering group member")
        HOST_STAFF = "host_staff", _("Host staff")

    display_name = models.CharField(_("display name"), max_length=120)
    role = models.CharField(_("role in the LINk"), max_length=32, choices=Role.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="link_person",
        verbose_name=_("admin user account"),
    )

    panels = [
        FieldPanel("display_name"),
        FieldPanel("role"),
        FieldPanel("user"),
        InlinePanel("interests", heading=_("Declared interests"), label=_("interest")),
    ]
    search_fields = [index.SearchField("display_name"), index.AutocompleteField("display_name")]

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name

    def current_interests(self, on=None):
        return self.interests.current(on)


class DeclaredInterestQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or datetime.date.today()
        return self.filter(declared_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on)
        )


class DeclaredInterest(Orderable):
    """An entry in the public register of interests of a decision maker."""

    class Nature(models.TextChoices):
        EMPLOYMENT = "employment", _("Employment")
        CONTRACT = "contract", _("Contract")
        TRUSTEESHIP = "trusteeship", _("Trusteeship")
        FAMILY = "family", _("Family")
        OTHER = "other", _("Other")

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="declared_interests",
        verbose_name=_("organisation"),
    )
    nature = models.CharField(_("nature of the interest"), max_length=32, choices=Nature.choices)
    details = models.CharField(_("details"), max_length=255, blank=True)
    declared_on = models.DateField(_("declared on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = DeclaredInterestQuerySet.as_manager()

    panels = [
        FieldPanel("organisation"),
        FieldPanel("nature"),
        FieldPanel("details"),
        FieldPanel("declared_on"),
        FieldPanel("ended_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("declared interest")

    def __str__(self):
        return f"{self.person}: {self.get_nature_display()} – {self.organisation}"

    def clean(self):
        if self.ended_on and self.declared_on and self.ended_on < self.declared_on:
            raise ValidationError({"ended_on": _("An interest cannot end before it was declared.")})


# The moderation workflow's models and the alternative formats of pages live in their own
# modules; Django finds them through here.
from .alternative_formats import AlternativeFormat  # noqa: E402,F401
from .approved_files import PublicCollection, PublishedFile  # noqa: E402,F401
from .furniture import SiteEdition  # noqa: E402,F401
from .mail import OutgoingMail  # noqa: E402,F401
from .notifications import DigestItem, MailPreference, StepNotice  # noqa: E402,F401
from .reply_reminders import ReplyReminder  # noqa: E402,F401
from .workflow import (  # noqa: E402,F401
    EditorialCheckTask,
    SteeringApproval,
    SteeringGroupApprovalTask,
)
