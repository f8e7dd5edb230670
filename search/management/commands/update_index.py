"""`manage.py update_index`: rebuild the site search's entries from the live, public pages,
then every search index (Wagtail's own command, which this one extends)."""

from wagtail.search.management.commands.update_index import Command as IndexCommand

from search.entries import rebuild_entries


class Command(IndexCommand):
    def handle(self, **options):
        count = rebuild_entries()
        if options.get("verbosity", 1):
            self.stdout.write(f"Site search: {count} live, public pages recorded.")
        super().handle(**options)
