"""`manage.py import_archive PATH`: rebuild the site from a handover archive, in an empty,
freshly migrated database (opendata.archive)."""

from django.core.management.base import BaseCommand, CommandError

from opendata.archive import ArchiveRefused, import_archive
from opendata.archive.sealing import SealError, read_passphrase


class Command(BaseCommand):
    help = (
        "Rebuild the site from a handover archive, in an empty database (run migrate first). "
        "Refuses, writing nothing, a damaged archive, one from another version of the site, "
        "or a site that is not empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive export_archive wrote.")
        parser.add_argument(
            "--passphrase-file",
            help="A file holding the passphrase the vetting records were sealed with.",
        )
        parser.add_argument(
            "--without-vetting",
            action="store_true",
            help="Import an archive with sealed vetting records, leaving them out.",
        )

    def handle(self, *args, path, passphrase_file=None, without_vetting=False, **options):
        passphrase = None
        if passphrase_file:
            try:
                passphrase = read_passphrase(passphrase_file)
            except SealError as error:
                raise CommandError(str(error)) from error
        try:
            counts = import_archive(
                path,
                passphrase=passphrase,
                without_vetting=without_vetting,
                out=self.stdout.write,
            )
        except ArchiveRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Site rebuilt from {path}: {sum(counts.values()):,} records. Accounts have no "
                "password: set one with `manage.py changepassword NAME` (or make a new "
                "administrator with `manage.py createsuperuser`)."
            )
        )
