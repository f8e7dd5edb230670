"""The daily mail run: workflow items waiting too long, reminders of replies due soon or
overdue, the apps' daily jobs (alerts: deleting unconfirmed addresses), the daily digests.
Safe to run twice, or again after a crash: each reminder is recorded under a unique key
before it is queued, so none is ever sent twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from linksite import daily, notifications
from linksite.reply_reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the day's reminders and digests (idempotent: run it daily, from cron)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        self.stdout.write(f"Reminders for {today.isoformat()}")
        waiting = notifications.remind_waiting(today=today, out=self.stdout.write)
        self.stdout.write(f"Waiting workflow items reminded: {waiting}")
        send_due_reminders(today=today, out=self.stdout.write)
        for job in daily.jobs():
            job(today=today, out=self.stdout.write)
        digests = notifications.send_digests(out=self.stdout.write)
        self.stdout.write(f"Digests sent: {digests}")
