"""`manage.py import_cqc_directory FILE.csv`: add and update organisations and premises from
CQC's care directory (linksite/directory.py). Safe to run again with the same file."""

from django.core.management.base import BaseCommand, CommandError

from linksite.directory import DirectoryError, import_cqc_directory, read_rows


class Command(BaseCommand):
    help = "Import organisations and their premises from a CQC care directory CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        def progress(report):
            if report.rows % 500 == 0:
                self.stderr.write(f"  {report.rows} rows read")

        try:
            # CQC publishes in UTF-8, sometimes with a byte order mark.
            with open(path, encoding="utf-8-sig", newline="") as handle:
                report = import_cqc_directory(read_rows(handle), progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not a UTF-8 CSV file.") from error
        except DirectoryError as error:
            raise CommandError(str(error)) from error
        for label, names in [
            ("Organisation added", report.organisations_added),
            ("Organisation changed", report.organisations_changed),
            ("Premises added", report.premises_added),
            ("Premises changed", report.premises_changed),
        ]:
            for name in names:
                self.stdout.write(f"{label}: {name}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
