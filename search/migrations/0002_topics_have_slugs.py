"""Give every topic stored without a slug (a name of only punctuation) the slug
linksite/topic_names.py gives new ones, so its page can be reached."""

from django.db import migrations


def give_slugs(apps, schema_editor):
    from linksite.topic_names import fallback_slug

    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = fallback_slug(tag.name)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(give_slugs, migrations.RunPython.noop)]
