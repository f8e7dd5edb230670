"""Benchmark of partners' alerts: `python bench/alerts.py [SUBSCRIBERS]` (default 10,000).

In a throwaway database (the test database of whatever `DATABASE_URL` names: SQLite when it
is unset) it makes SUBSCRIBERS confirmed subscribers to new reports, then publishes one
report and runs the task worker, sending into a local SMTP sink (aiosmtpd) as production
would send to its mail server. It prints, as `FIGURE <name> <value> <unit>` lines:

- the queries publishing costs with 0 and with SUBSCRIBERS subscribers (the same: the
  publish only enqueues one task);
- the time to queue the alerts (the alert task: match, record, queue one mail each);
- the time to send them all through SMTP, and the mails the sink received;
- then, with every subscription made weekly and their digests due: the mails queued when
  one more report goes live (none), the time the daily run takes to queue the weekly
  digests, how many it queued, and how many a second run queues (none);
- the peak memory (resident set) of the process.
"""

import os
import resource
import socket
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linksite.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402


def figure(name, value, unit):
    print(f"FIGURE {name} {value} {unit}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site():
    from wagtail.models import Page, Site

    from home.models import HomePage
    from linksite.models import Organisation
    from publications.models import ReportIndexPage

    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Bench LINk", slug="home", introduction="Bench.")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
    )
    index = ReportIndexPage(title="Reports", slug="reports")
    home.add_child(instance=index)
    index.save_revision().publish()
    trust = Organisation.objects.create(name="Bench Hospitals NHS Trust", kind="nhs_trust")
    return index, trust


def new_report(index, trust, title):
    from publications.models import ReportPage, ReportRecipient

    report = ReportPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        live=False,
        summary="A report for the benchmark.",
        report_date=date(2026, 1, 5),
        kind=ReportPage.Kind.ENGAGEMENT,
        care_sector="health",
        recipients=[ReportRecipient(organisation=trust, sent_on=date(2026, 1, 5))],
    )
    index.add_child(instance=report)
    return report.save_revision()


def publish_queries(revision):
    with CaptureQueriesContext(connection) as captured:
        revision.publish()
    return len(captured)


def add_subscribers(count):
    from django.utils import timezone

    from alerts.models import Subscriber, Subscription

    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"partner{n}@example.org", confirmed_at=now) for n in range(count)],
        batch_size=1000,
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, scope="reports", label="New reports") for s in subscribers],
        batch_size=1000,
    )


def run_worker(max_tasks=None):
    args = ["db_worker", "--backend", "mail", "--batch", "--no-reload", "--no-startup-delay"]
    args += ["--interval", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args, verbosity=0)


def weekly_digests(index, trust, count):
    """Every subscriber weekly, confirmed 8 days ago: a report going live queues nothing, and
    the daily run queues one digest each (listing that report), then nothing on a rerun."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from alerts.digests import send_weekly_digests
    from alerts.models import Subscriber, Subscription
    from linksite.mail import OutgoingMail

    Subscription.objects.update(frequency="weekly")
    Subscriber.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=8))
    DBTaskResult.objects.all().delete()
    new_report(index, trust, "Weekend discharges").publish()
    run_worker(max_tasks=1)  # the alert task: no immediate subscriber left
    figure(
        "mails_queued_at_publish_for_weekly_subscribers",
        OutgoingMail.objects.filter(kind="alert", status="queued").count(),
        "mails",
    )
    started = time.perf_counter()
    sent = send_weekly_digests()
    figure(f"time_to_queue_{count}_weekly_digests", round(time.perf_counter() - started, 2), "s")
    figure("digests_queued", sent, "mails")
    figure("digests_queued_on_a_second_run", send_weekly_digests(), "mails")


def main():
    import logging

    from aiosmtpd.controller import Controller
    from django_tasks_db.models import DBTaskResult

    from linksite.mail import OutgoingMail

    logging.disable(logging.INFO)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    settings.ALLOWED_HOSTS = ["*"]
    created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        index, trust = build_site()
        empty = publish_queries(new_report(index, trust, "Before anyone subscribed"))
        DBTaskResult.objects.all().delete()
        add_subscribers(count)
        full = publish_queries(new_report(index, trust, "Ward moves at night"))
        figure("publish_queries_0_subscribers", empty, "queries")
        figure(f"publish_queries_{count}_subscribers", full, "queries")

        # Only the alert task is timed: Wagtail's own tasks from publishing (its reference
        # index) are not part of alerting.
        DBTaskResult.objects.exclude(task_path="alerts.sending.alert_subscribers").delete()
        started = time.perf_counter()
        run_worker(max_tasks=1)  # the alert task: match, record, queue
        queued = OutgoingMail.objects.filter(kind="alert").count()
        figure("time_to_queue", round(time.perf_counter() - started, 2), "s")
        figure("mails_queued", queued, "mails")

        class Sink:
            received = 0

            async def handle_DATA(self, server, session, envelope):
                Sink.received += 1
                return "250 OK"

        port = free_port()
        sink = Controller(Sink(), hostname="127.0.0.1", port=port)
        sink.start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        try:
            started = time.perf_counter()
            run_worker()
            figure("time_to_send", round(time.perf_counter() - started, 2), "s")
        finally:
            sink.stop()
        figure("mails_received_by_smtp_sink", Sink.received, "mails")
        figure(
            "mails_sent_recorded",
            OutgoingMail.objects.filter(kind="alert", status="sent").count(),
            "mails",
        )
        weekly_digests(index, trust, count)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        figure("peak_memory", round(peak_kib / 1024, 1), "MiB")
    finally:
        teardown_databases(created, verbosity=0)


if __name__ == "__main__":
    main()
