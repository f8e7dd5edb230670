"""Partners' email alerts: an address (no account), confirmed by a link, and what it follows.

Kept: the address, the language it subscribed in, when it subscribed and confirmed, its
choices (what it follows, and for each whether at once or in a weekly digest), when its last
weekly digest was made, and which pages it was alerted about. An unconfirmed address is
deleted after `CONFIRM_DAYS` days (`manage.py send_reminders` runs the clean-up daily);
unsubscribing from everything deletes the address.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFIRM_DAYS = 7
DIGEST_DAYS = 7


class Frequency(models.TextChoices):
    """How often a subscription's alerts come: a mail as each page goes live, or a weekly
    digest listing them (sent by the daily `send_reminders`, alerts/digests.py)."""

    IMMEDIATE = "immediate", _("As soon as something is published")
    WEEKLY = "weekly", _("Once a week, in one email")


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the last weekly digest was made (sent, or found to have nothing new): the next is
    # due DIGEST_DAYS later (the first DIGEST_DAYS after confirming).
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscriber")

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class Subscription(models.Model):
    """One thing an address follows: a scope such as `reports`, `decisions`, `replies:12`
    (a report's replies), `topic:care-homes` or `organisation:7`."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    scope = models.CharField(max_length=120)
    label = models.CharField(max_length=255)
    language = models.CharField(max_length=8, default="en")
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "scope"], name="one_subscription_each")
        ]

    def __str__(self):
        return f"{self.subscriber}: {self.scope}"


class AlertSent(models.Model):
    """That a subscriber was alerted about a page, at once or in a weekly digest: never
    twice about one page."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="one_alert_per_page")
        ]

    def __str__(self):
        return f"{self.subscriber} about {self.page_id}"


def delete_unconfirmed(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=CONFIRM_DAYS)
    deleted, _counts = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted
