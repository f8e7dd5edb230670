"""`manage.py build_open_data`: build the open data downloads now (opendata/downloads.py),
printing each file as it is written. The nightly run and the background task do the same."""

from django.core.management.base import BaseCommand

from opendata.downloads import build_open_data


class Command(BaseCommand):
    help = "Build the open data files (CSV and JSON of every record type, in every language)."

    def handle(self, *args, **options):
        built = build_open_data(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Done: {built} files."))
