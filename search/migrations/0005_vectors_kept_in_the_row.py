"""On PostgreSQL, each entry's search vector is kept in its own row (storage MAIN) rather
than moved out to the TOAST table. A vector is about 1.5 KB, so with the entry's text the row
passed the 2 KB line and the vector, the column every search reads, went out of line:
matching and ranking fetched it from there for every entry (matching one word in 3,000
entries: 11 ms so, 3 ms with the vectors in the row). The entry's text, read only for the
twenty results shown, goes out of line instead. The vectors already there are rewritten so
they move; other databases are untouched."""

from django.db import migrations


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE MAIN"
    )
    # Concatenating nothing gives a new value, stored afresh under the new rule.
    schema_editor.execute(
        "UPDATE search_searchentry SET search_vector = search_vector || ''::tsvector"
        " WHERE search_vector IS NOT NULL"
    )


def let_out_of_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_entries_keep_their_own_vectors")]

    operations = [migrations.RunPython(keep_in_row, let_out_of_row)]
