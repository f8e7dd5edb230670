"""Replies chased: the organisations that owe the LINk a reply are reminded, and editors see
what is owed.

Anything that "awaits a reply" (`linksite.clock.AwaitsReply`: reports sent to an
organisation, information requests, OSC referrals) is offered here by its app through
`register_owed_replies(source)`; the core never imports the apps. Each organisation may have
a contact address for replies and may be set not to be reminded. The daily
`manage.py send_reminders` sends:

- "due soon" when the reply is due within five working days (`DUE_SOON_WORKING_DAYS`);
- "overdue" from the first working day it is overdue (within the first
  `OVERDUE_CATCH_UP_WORKING_DAYS`, so a missed day is caught up, an old debt not re-chased).

Each reminder is recorded (`ReplyReminder`) under a unique (what, which reminder) before its
mail is queued, in one transaction: a rerun, or a run after a crash, never sends it twice.
The deadlines are always the clock's own (`reply_status()`), never computed here.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import working_days
from .clock import ReplyStatus

DUE_SOON_WORKING_DAYS = 5
OVERDUE_CATCH_UP_WORKING_DAYS = 5

_sources = []


def register_owed_replies(source):
    """Register a function `source()` returning an iterable of `OwedReply` (the live items)."""
    if source not in _sources:
        _sources.append(source)
    return source


@dataclass
class OwedReply:
    """One reply an organisation owes: what it is about and where editors find it."""

    item: models.Model  # the AwaitsReply object (a report's recipient, a request...)
    page: object  # the page it belongs to (reminders are shown on it)
    organisation: object
    what: str  # "the report 'Hospital discharge'"
    recommendations: list
    status: ReplyStatus

    @property
    def key(self):
        return (ContentType.objects.get_for_model(self.item).pk, self.item.pk)


def owed_replies(today=None):
    """Every reply owed and not yet given, overdue first, then by due date."""
    out = []
    for source in _sources:
        for owed in source(today=today):
            if not owed.status.answered:
                out.append(owed)
    out.sort(key=lambda o: (o.status.state != ReplyStatus.OVERDUE, o.status.due_by))
    return out


class ReplyReminder(models.Model):
    """One reminder sent to an organisation about one reply it owes."""

    class Which(models.TextChoices):
        DUE_SOON = "due_soon", _("Due in five working days")
        OVERDUE = "overdue", _("Overdue")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    which = models.CharField(_("which reminder"), max_length=16, choices=Which.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reply_reminders"
    )
    organisation = models.ForeignKey(
        "linksite.Organisation", on_delete=models.CASCADE, related_name="reply_reminders"
    )
    sent_to = models.EmailField(_("sent to"))
    due_by = models.DateField(_("reply due by"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reply reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "which"], name="one_reminder_of_each_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_which_display()}: {self.organisation} ({self.sent_at:%Y-%m-%d})"


def which_reminder(status, today):
    """Which reminder is due today for a reply in this state, or None."""
    if status.state == ReplyStatus.AWAITING:
        left = working_days.working_days_between(today, status.due_by)
        if left <= DUE_SOON_WORKING_DAYS:
            return ReplyReminder.Which.DUE_SOON
    elif status.state == ReplyStatus.OVERDUE:
        if status.working_days_late <= OVERDUE_CATCH_UP_WORKING_DAYS:
            return ReplyReminder.Which.OVERDUE
    return None


def reminder_text(owed, which):
    due = date_format(owed.status.due_by)
    link_name = site_name()
    if which == ReplyReminder.Which.DUE_SOON:
        subject = _("Reply due by %(date)s: %(what)s") % {"date": due, "what": owed.what}
        opening = _("%(link)s awaits your organisation's reply to %(what)s, due by %(date)s.")
    else:
        subject = _("Reply overdue (due %(date)s): %(what)s") % {"date": due, "what": owed.what}
        opening = _(
            "%(link)s has not yet had your organisation's reply to %(what)s, which was due "
            "by %(date)s."
        )
    lines = [opening % {"link": link_name, "what": owed.what, "date": due}]
    if owed.recommendations:
        lines.append(
            str(_("The recommendations to your organisation:"))
            + "\n"
            + "\n".join(f"- {r}" for r in owed.recommendations)
        )
    url = owed.page.full_url if getattr(owed.page, "live", False) else ""
    if url:
        lines.append(str(_("Read it online: %(url)s")) % {"url": url})
    contact = reply_address()
    if contact:
        how = _("How to reply: answer this mail, or write to %(address)s.") % {"address": contact}
    else:
        how = _("How to reply: answer this mail.")
    lines.append(how)
    return str(subject), "\n\n".join(str(line) for line in lines) + "\n"


def site_name():
    from django.conf import settings

    from .identity import site_identity

    # The mail is written in English, the language of the organisations it goes to.
    return str(site_identity(language=settings.LANGUAGE_CODE).link_name) or "The LINk"


def reply_address():
    from wagtail.models import Site

    from .models import LinkSettings

    site = Site.objects.filter(is_default_site=True).first()
    return LinkSettings.for_site(site).contact_email if site else ""


def send_due_reminders(today, out=None):
    """Send today's reminders; returns how many were sent."""
    from .mail import queue_mail

    sent = 0
    for owed in owed_replies(today=today):
        organisation = owed.organisation
        contact = organisation.reply_contact_email
        if not contact or organisation.do_not_remind:
            continue
        which = which_reminder(owed.status, today)
        if which is None:
            continue
        content_type, object_id = owed.key
        if ReplyReminder.objects.filter(
            content_type_id=content_type, object_id=object_id, which=which
        ).exists():
            continue
        subject, body = reminder_text(owed, which)
        try:
            with transaction.atomic():
                ReplyReminder.objects.create(
                    content_type_id=content_type,
                    object_id=object_id,
                    which=which,
                    page_id=owed.page.pk,
                    organisation=organisation,
                    sent_to=contact,
                    due_by=owed.status.due_by,
                )
                queue_mail(
                    contact,
                    subject,
                    body,
                    reply_to=reply_address(),
                    kind=f"reply_reminder.{which}",
                )
        except IntegrityError:
            continue  # another run sent it first
        sent += 1
        if out:
            out(f"{which}: {organisation} about {owed.what} (due {owed.status.due_by})")
    if out:
        out(f"Reply reminders sent: {sent}")
    return sent


def reminders_for_page(page):
    return ReplyReminder.objects.filter(page=page).select_related("organisation")
