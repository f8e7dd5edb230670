"""Making an existing inline model translatable (wagtail-localize), for the data migrations.

An inline row (a report's recommendation, a reply's outcome, a spokesperson, a work plan
outcome) becomes translatable by gaining `TranslatableMixin`'s `translation_key` and `locale`.
The rows already in the database get their page's locale, and the rows that are the same
item in the translations of one page (the same recommendation number, the same position)
share one translation key, as wagtail-localize would have given them, so a translation made
before the change is recognised as one.
"""

import uuid

from django.db import migrations, models


def add_nullable_fields(model_name):
    """The two fields, nullable until the rows have them."""
    return [
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=models.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


def fill_in(app_label, model_name, parent_field, position):
    """A RunPython operation giving each row its page's locale and a translation key shared
    with the same item (`position(row)`) in the page's translations."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        keys = {}
        used = set()
        for row in model.objects.select_related(parent_field).order_by("pk"):
            parent = getattr(row, parent_field)
            key = keys.setdefault((parent.translation_key, position(row)), uuid.uuid4())
            if (key, parent.locale_id) in used:  # two rows at one position: keep them apart
                key = uuid.uuid4()
            used.add((key, parent.locale_id))
            model.objects.filter(pk=row.pk).update(translation_key=key, locale_id=parent.locale_id)

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def make_required(model_name):
    """The fields as `TranslatableMixin` declares them, and its unique pair."""
    return [
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=models.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=model_name, unique_together={("translation_key", "locale")}
        ),
    ]
