"""`manage.py remove_old_stories`: remove the words and contact details of experiences older
than the retention period (experiences/retention.py). The daily run does this too."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from experiences.retention import remove_old_stories


class Command(BaseCommand):
    help = "Remove the stories and contact details of experiences past the retention period."

    def handle(self, *args, **options):
        removed = remove_old_stories(timezone.localdate(), out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Stories removed: {removed}"))
