"""Mail is a real part: sent only by the task worker, through SMTP, retried when the mail
server fails, and recorded when it finally cannot be sent."""

import email
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linksite.mail import OutgoingMail, queue_mail, retry_wait

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_queued_mail_is_not_sent_until_the_worker_runs(run_worker):
    queue_mail("member@example.org", "Something awaits you", "Please look.")
    assert mail.outbox == []
    run_worker()
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_the_worker_never_sends_the_same_mail_twice(run_worker):
    sent = queue_mail("member@example.org", "Once", "Only once.")
    run_worker()
    from linksite.mail import send_queued_mail

    send_queued_mail.enqueue(sent.pk)
    run_worker()
    assert len(mail.outbox) == 1


def test_mail_goes_through_a_real_smtp_server(run_worker, smtp_server):
    queue_mail("partner@example.org", "A new report", "Read it online.", headers={"X-Test": "1"})
    with override_settings(
        EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=smtp_server.port, EMAIL_USE_TLS=False
    ):
        run_worker()
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["partner@example.org"]
    message = email.message_from_bytes(envelope.content)
    assert message["Subject"] == "A new report"
    assert message["X-Test"] == "1"
    assert "Read it online." in message.get_payload()


def make_retries_due():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_send_that_fails_is_kept_and_tried_again_later(run_worker):
    queued = queue_mail("member@example.org", "Retry me", "Body.")
    with override_settings(
        EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port(), EMAIL_TIMEOUT=2
    ):
        run_worker()
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.QUEUED
    assert queued.attempts == 1
    assert "ConnectionRefused" in queued.last_error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now()  # waits before trying again
    make_retries_due()
    run_worker()
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT
    assert queued.attempts == 2
    assert len(mail.outbox) == 1


def test_the_wait_between_tries_grows_and_is_bounded():
    waits = [retry_wait(n).total_seconds() for n in range(1, 12)]
    assert waits[:4] == [60, 120, 240, 480]
    assert waits == sorted(waits)
    assert max(waits) == 6 * 3600


def test_a_send_that_keeps_failing_is_recorded_as_failed_not_lost(run_worker):
    queued = queue_mail("member@example.org", "Never delivered", "Body.")
    with override_settings(
        EMAIL_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=2,
        MAIL_MAX_ATTEMPTS=3,
    ):
        for _ in range(3):
            make_retries_due()
            run_worker()
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.FAILED
    assert queued.attempts == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_failed_mail_is_listed_for_administrators(client, people):
    OutgoingMail.objects.create(
        to="member@example.org",
        subject="Never delivered",
        body="x",
        status="failed",
        attempts=8,
        last_error="ConnectionRefusedError",
    )
    from .admin_forms import as_user

    response = as_user(client, people["admin"]).get(
        "/admin/snippets/linksite/outgoingmail/?status=failed"
    )
    assert response.status_code == 200
    assert b"Never delivered" in response.content


def settings_value(env, expression):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="linksite.settings.dev")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(({expression})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_without_email_host_development_mail_is_written_to_the_mail_folder():
    backend = settings_value({}, "settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH.name")
    assert backend == "('django.core.mail.backends.filebased.EmailBackend', 'mail')"


def test_email_host_in_the_environment_switches_to_smtp():
    env = {
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "link",
        "EMAIL_HOST_PASSWORD": "pw",
        "DEFAULT_FROM_EMAIL": "LINk <link@example.org>",
    }
    value = settings_value(
        env,
        "settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS,"
        " settings.DEFAULT_FROM_EMAIL",
    )
    assert value == (
        "('django.core.mail.backends.smtp.EmailBackend', 'smtp.example.org', 2525, True, "
        "'LINk <link@example.org>')"
    )
