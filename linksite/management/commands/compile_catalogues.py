from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the interface catalogues (locale/*/LC_MESSAGES/*.po) into the .mo files Django "
        "reads, with polib: no gettext tools needed. The .mo files are committed."
    )

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"{po_path.with_suffix('.mo')}: {po.percent_translated()}%")
