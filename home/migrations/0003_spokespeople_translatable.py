"""Spokespeople become translatable with their page (linksite/translatable_inlines.py)."""

from django.db import migrations

from linksite.translatable_inlines import add_nullable_fields, fill_in, make_required


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_who_speaks_for_us"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *add_nullable_fields("spokesperson"),
        fill_in("home", "Spokesperson", "page", lambda row: row.sort_order),
        *make_required("spokesperson"),
    ]
