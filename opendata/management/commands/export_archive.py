"""`manage.py export_archive PATH`: write the handover archive (opendata.archive)."""

from django.core.management.base import BaseCommand, CommandError

from opendata.archive import ArchiveRefused, export_archive
from opendata.archive.sealing import SealError, read_passphrase


class Command(BaseCommand):
    help = (
        "Write the handover archive: every live page in every language with its approval "
        "record, the files they show, organisations, people, interests and the LINk's records. "
        "Vetting records only with --with-vetting, sealed with a passphrase."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write (a new .zip file).")
        parser.add_argument(
            "--with-vetting",
            action="store_true",
            help="Also carry the vetting records, encrypted (needs --passphrase-file).",
        )
        parser.add_argument(
            "--passphrase-file",
            help="A file holding the passphrase that seals the vetting records.",
        )

    def handle(self, *args, path, with_vetting=False, passphrase_file=None, **options):
        passphrase = None
        if with_vetting:
            if not passphrase_file:
                raise CommandError(
                    "--with-vetting needs --passphrase-file FILE: vetting records leave the "
                    "site only encrypted."
                )
            try:
                passphrase = read_passphrase(passphrase_file)
            except SealError as error:
                raise CommandError(str(error)) from error
        elif passphrase_file:
            raise CommandError(
                "--passphrase-file seals vetting records: add --with-vetting to carry them, or "
                "leave it out."
            )
        try:
            manifest = export_archive(path, passphrase=passphrase, out=self.stdout.write)
        except ArchiveRefused as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["records"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Handover archive written: {total:,} records and {len(manifest['files']):,} "
                f"files in {path}."
            )
        )
