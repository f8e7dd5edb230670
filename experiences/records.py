"""What a member of the public tells the LINk about care: the `Experience`, who opened it
(`ExperienceAccess`), and the separate, unlinked answers about who they are (`WhoseVoice`).

Experiences are special-category personal data. They are plain models: never a page, never in
a page revision, never in the search index. Only the Experience handlers group and
administrators read them (experiences/wagtail_hooks.py), and every opening is recorded.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from linksite.models import Organisation, Premises

# Letters and digits that cannot be mistaken for one another when read over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"EXP-{code[:4]}-{code[4:]}"


@register_setting(icon="lock")
class ExperienceSettings(BaseSiteSetting):
    """Who hears at once of a story that says someone is at risk, and how long stories are kept."""

    safeguarding_lead_email = models.EmailField(
        _("safeguarding lead's email"),
        blank=True,
        help_text=_(
            "Mailed at once, with the reference only, when someone shares an experience that "
            "says a person is at risk."
        ),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep stories for (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "After this, the story and contact details of an experience are removed; only "
            "what it is counted by stays."
        ),
    )

    class Meta:
        verbose_name = _("experience settings")


class Experience(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("New")
        READ = "read", _("Read")
        FOLLOW_UP = "follow_up", _("Needs follow-up")
        EVIDENCE = "evidence", _("Used as evidence")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        WEBSITE = "website", _("The website")
        PHONE = "phone", _("By phone")
        PAPER = "paper", _("On paper")
        EVENT = "event", _("At an event")
        EMAIL = "email", _("By email")

    class Relationship(models.TextChoices):
        SELF = "self", _("I used the service")
        ON_BEHALF = "on_behalf", _("On behalf of someone who used it")

    class Rating(models.IntegerChoices):
        VERY_POOR = 1, _("Very poor")
        POOR = 2, _("Poor")
        OK = 3, _("All right")
        GOOD = 4, _("Good")
        VERY_GOOD = 5, _("Very good")

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference, editable=False
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    source = models.CharField(
        _("heard"), max_length=16, choices=Source.choices, default=Source.WEBSITE
    )
    source_detail = models.CharField(
        _("where or from whom"),
        max_length=200,
        blank=True,
        help_text=_("For an experience heard by phone, on paper or at an event: which one."),
    )
    language = models.CharField(_("language it was written in"), max_length=8, default="en")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
        verbose_name=_("organisation"),
    )
    premises = models.ForeignKey(
        Premises,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
        verbose_name=_("premises"),
    )
    service_described = models.CharField(
        _("service, as they named it"),
        max_length=200,
        blank=True,
        help_text=_("When the service was not in the list."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    story = models.TextField(_("what happened"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, choices=Rating.choices
    )
    relationship = models.CharField(
        _("told by"), max_length=16, choices=Relationship.choices, default=Relationship.SELF
    )

    may_quote = models.BooleanField(_("may be quoted without their name"), default=False)
    may_share_with_provider = models.BooleanField(_("may be passed to the provider"), default=False)
    may_contact = models.BooleanField(_("may be contacted"), default=False)
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)

    says_at_risk = models.BooleanField(_("says someone is at risk"), default=False)
    harm_words = models.CharField(
        _("words that suggest harm"), max_length=255, blank=True, editable=False
    )
    safeguarding = models.BooleanField(
        _("safeguarding"), default=False, db_index=True, editable=False
    )

    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.NEW, db_index=True
    )
    topics = models.ManyToManyField(
        "taggit.Tag",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Topics already used on the site's pages."),
    )
    deidentified_story = models.TextField(
        _("de-identified version"),
        blank=True,
        help_text=_(
            "For quotation: no names, dates, places or details that could identify anyone. "
            "The original is never published."
        ),
    )
    evidence_for = models.ManyToManyField(
        "publications.ReportPage",
        blank=True,
        related_name="+",
        verbose_name=_("evidence for reports"),
    )
    handler_notes = models.TextField(_("handler's notes"), blank=True)
    story_removed_on = models.DateField(
        _("story removed on"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-safeguarding", "-received_at"]
        verbose_name = _("experience")
        indexes = [models.Index(fields=["received_at"])]

    def __str__(self):
        return f"{self.reference} ({self.service_name()})"

    def save(self, *args, **kwargs):
        if self.state == self.State.CLOSED:
            self.forget_contact_details()
        if self.premises_id and not self.organisation_id:
            self.organisation_id = self.premises.organisation_id
        super().save(*args, **kwargs)

    def service_name(self):
        if self.premises_id:
            return str(self.premises)
        if self.organisation_id:
            return str(self.organisation)
        return self.service_described or _("service not named")

    @property
    def quarter(self):
        """The quarter it was received in, as the first day of that quarter."""
        day = timezone.localtime(self.received_at).date()
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)

    def forget_contact_details(self):
        self.contact_name = self.contact_email = self.contact_phone = ""

    def remove_story(self, on):
        """What retention leaves: where, when, the state and topics; no words of theirs."""
        self.story = self.deidentified_story = self.handler_notes = self.source_detail = ""
        self.service_described = ""
        self.forget_contact_details()
        self.story_removed_on = on


class ExperienceAccess(models.Model):
    """Who opened, changed or deleted an experience, and when. Kept after the experience is
    deleted (with its reference, never its content)."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted on request")
        STORY_REMOVED = "story_removed", _("Story removed at the end of the retention period")
        RECORDED = "recorded", _("Recorded by staff")

    experience = models.ForeignKey(
        Experience, null=True, on_delete=models.SET_NULL, related_name="accesses"
    )
    reference = models.CharField(_("reference"), max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("opening of an experience")

    def __str__(self):
        return f"{self.reference}: {self.get_action_display()} by {self.user} at {self.at}"

    @classmethod
    def record(cls, experience, user, action):
        return cls.objects.create(
            experience=experience if action != cls.Action.DELETED else None,
            reference=experience.reference,
            user=user if user and user.is_authenticated else None,
            action=action,
        )


class WhoseVoice(models.Model):
    """The optional answers about who shared an experience: kept apart from the story, with no
    link to it, and reported only in aggregate (fewer than 5 is never shown as a number)."""

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        FROM_18 = "18_34", _("18 to 34")
        FROM_35 = "35_54", _("35 to 54")
        FROM_55 = "55_74", _("55 to 74")
        OVER_75 = "75_over", _("75 or over")

    class Ethnicity(models.TextChoices):
        ASIAN = "asian", _("Asian or Asian British")
        BLACK = "black", _("Black, Black British, Caribbean or African")
        MIXED = "mixed", _("Mixed or multiple ethnic groups")
        WHITE = "white", _("White")
        OTHER = "other", _("Another ethnic group")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    quarter = models.DateField(_("quarter"))
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)
    ethnicity = models.CharField(
        _("ethnic group"), max_length=16, choices=Ethnicity.choices, blank=True
    )
    disability = models.CharField(
        _("disabled or a long-term condition"),
        max_length=8,
        choices=Disability.choices,
        blank=True,
    )
    postcode_district = models.CharField(_("postcode district"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("answers about who we heard from")
        verbose_name_plural = _("answers about who we heard from")

    def __str__(self):
        return f"{self.quarter:%Y-%m}"
