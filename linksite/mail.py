"""The one way the site sends mail: `queue_mail(...)` records the message and enqueues a
background task that sends it.

Nothing is ever sent inside the request that caused it: the message is a row in the site's
database (`OutgoingMail`), written in the same transaction as whatever caused it, and the task
worker (`manage.py db_worker`) sends it. A send that fails (SMTP down, refused) is tried again
later, with a growing wait, up to `MAIL_MAX_ATTEMPTS` times; one that still fails stays
recorded as failed, with the error, in the admin's "Outgoing mail" list, never silently lost.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

logger = logging.getLogger(__name__)

FIRST_RETRY_AFTER = datetime.timedelta(minutes=1)
LONGEST_RETRY_WAIT = datetime.timedelta(hours=6)


class OutgoingMail(models.Model):
    """One message to one address, from queued to sent (or finally failed)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=64, blank=True, help_text=_("What the mail is for.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    def as_message(self, connection=None):
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
            reply_to=[self.reply_to] if self.reply_to else None,
            headers=self.headers or None,
            connection=connection,
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        return message


def queue_mail(to, subject, body, *, html_body="", headers=None, reply_to="", kind=""):
    """Record a message to one address and enqueue its sending; returns the `OutgoingMail`."""
    mail = OutgoingMail.objects.create(
        to=to,
        subject=" ".join(str(subject).split())[:255],
        body=body,
        html_body=html_body,
        headers=headers or {},
        reply_to=reply_to,
        kind=kind,
    )
    after_commit(lambda: send_queued_mail.enqueue(mail.pk))
    return mail


def after_commit(enqueue):
    """Enqueue so that no worker runs the task before the message it sends is committed.

    The database backend's queue is a table in the same database: enqueuing inside the
    transaction commits the task with the message, or neither (and works inside tests'
    transactions). Any other backend (RQ) is told only once the transaction has committed.
    """
    from django_tasks_db import DatabaseBackend

    if isinstance(send_queued_mail.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def queue_many(messages):
    """Record many messages at once (dicts of `queue_mail`'s arguments) and enqueue one task
    that sends them over one connection; for alerts to many subscribers."""
    mails = OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                to=m["to"],
                subject=" ".join(str(m["subject"]).split())[:255],
                body=m["body"],
                html_body=m.get("html_body", ""),
                headers=m.get("headers") or {},
                reply_to=m.get("reply_to", ""),
                kind=m.get("kind", ""),
            )
            for m in messages
        ],
        batch_size=500,
    )
    ids = [m.pk for m in mails]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        after_commit(lambda chunk=chunk: send_queued_batch.enqueue(chunk))
    return len(ids)


BATCH = 200


def retry_wait(attempts):
    """How long to wait before the next try, after `attempts` failed ones."""
    return min(FIRST_RETRY_AFTER * (2 ** max(attempts - 1, 0)), LONGEST_RETRY_WAIT)


def _deliver(mail, connection=None):
    """Send one message; on failure, schedule another try or record the final failure.
    Returns True when sent."""
    if mail.status != OutgoingMail.Status.QUEUED:
        return mail.status == OutgoingMail.Status.SENT  # already handled: never send twice
    mail.attempts += 1
    try:
        mail.as_message(connection=connection).send()
    except Exception as error:  # noqa: BLE001  (any failure of the mail server is retried)
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
            mail.status = OutgoingMail.Status.FAILED
            logger.error("Mail %s to %s finally failed: %s", mail.pk, mail.to, mail.last_error)
            mail.save(update_fields=["attempts", "last_error", "status"])
        else:
            mail.save(update_fields=["attempts", "last_error"])
            _enqueue_retry(mail)
        return False
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


def _enqueue_retry(mail):
    runner = send_queued_mail
    if runner.get_backend().supports_defer:
        runner = runner.using(run_after=timezone.now() + retry_wait(mail.attempts))
    runner.enqueue(mail.pk)


@task(backend="mail")
def send_queued_mail(mail_id):
    """Send one queued message (the task `queue_mail` enqueues)."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            return False
        return _deliver(mail)


@task(backend="mail")
def send_queued_batch(mail_ids):
    """Send many queued messages over one connection to the mail server."""
    from django.core.mail import get_connection

    sent = 0
    connection = get_connection()
    try:
        for mail in OutgoingMail.objects.filter(
            pk__in=mail_ids, status=OutgoingMail.Status.QUEUED
        ).iterator():
            sent += _deliver(mail, connection=connection)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110  (a connection that never opened)
            pass
    return sent
