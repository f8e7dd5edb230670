"""`manage.py update_index`: rebuild the site search's entries from the live, public pages,
then every search index (Wagtail's own command, which this one extends). The entries are
built a batch at a time, and the count so far is shown after each batch."""

import time

from wagtail.search.management.commands.update_index import Command as IndexCommand

from search.entries import rebuild_entries


class Command(IndexCommand):
    def handle(self, **options):
        verbosity = options.get("verbosity", 1)
        started = time.monotonic()

        def progress(done, total):
            if verbosity:
                elapsed = time.monotonic() - started
                self.stdout.write(
                    f"Site search: {done:,} of {total:,} pages recorded ({elapsed:.0f} s)"
                )

        count = rebuild_entries(progress=progress)
        if verbosity:
            self.stdout.write(f"Site search: {count:,} live, public pages recorded.")
        super().handle(**options)
