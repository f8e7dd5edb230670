"""`manage.py start_annual_report 2026`: start the draft annual report on April 2026 to
March 2027, its figures made from the records, as the admin's button does."""

from django.core.management.base import BaseCommand, CommandError

from annual_report.starting import Refused, start_annual_report
from annual_report.year import parse_year
from linksite.working_days import current_date


class Command(BaseCommand):
    help = "Start the draft annual report on a year from April to March (e.g. 2026 for 2026/27)."

    def add_arguments(self, parser):
        parser.add_argument("year", help="The year the report starts in: 2026 for 2026/27.")

    def handle(self, *args, year, **options):
        try:
            reporting_year = parse_year(year, current_date())
            self.stdout.write(f"Counting the records of {reporting_year.label} ...")
            page = start_annual_report(reporting_year)
        except (ValueError, Refused) as refusal:
            raise CommandError(str(refusal.args[0])) from None
        figures = page.figures
        self.stdout.write(
            f"Started {page.title} (draft, page {page.pk}): "
            f"{figures['decisions']['total']} decisions, {len(figures['reports'])} reports, "
            f"{len(figures['visits'])} visits, spending £{figures['spending']['total']}. "
            "Add the narrative in the admin and submit it for approval."
        )
