"""Each search entry keeps its own text search vector on PostgreSQL (search/vectors.py), with
a GIN index that serves the search's word match; the vectors of the entries already there are
written here, so the search keeps working without a rebuild. On other databases the two
columns stay empty and no index is made: their search backend keeps its own index."""

import django.contrib.postgres.search
from django.db import migrations, models

INDEX = "search_searchentry_vector_gin"


def index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.vectors import configuration_for

    SearchEntry = apps.get_model("search", "SearchEntry")
    Locale = apps.get_model("wagtailcore", "Locale")
    for locale in Locale.objects.all():
        SearchEntry.objects.filter(locale=locale).update(
            search_config=configuration_for(locale.language_code)
        )
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON search_searchentry USING gin (search_vector)"
    )
    from search.vectors import refresh_vectors

    ids = list(SearchEntry.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        refresh_vectors(ids[start : start + 1000])


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_topic_names_in_every_language")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="search_config",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_index),
    ]
