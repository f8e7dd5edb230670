"""The daily mail run: workflow items waiting too long, the daily digests, and reminders of
replies due soon or overdue. Safe to run twice, or again after a crash: each reminder is
recorded under a unique key before it is queued, so none is ever sent twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from linksite import notifications


class Command(BaseCommand):
    help = "Send the day's reminders and digests (idempotent: run it daily, from cron)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        self.stdout.write(f"Reminders for {today.isoformat()}")
        waiting = notifications.remind_waiting(today=today, out=self.stdout.write)
        self.stdout.write(f"Waiting workflow items reminded: {waiting}")
        for step in self.reply_steps():
            step(today=today, out=self.stdout.write)
        digests = notifications.send_digests(out=self.stdout.write)
        self.stdout.write(f"Digests sent: {digests}")

    def reply_steps(self):
        from linksite.reply_reminders import send_due_reminders

        return [send_due_reminders]
