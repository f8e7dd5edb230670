"""The LINk's name, area and host move from the site settings to the home page, where they are
translated and approved with it (linksite/identity.py). Each site's home page takes its
settings' values, and so do its saved versions, so publishing an older draft keeps them; the
translations are left empty, which shows the original's words marked with their language until
they are translated."""

from django.db import migrations, models

FIELDS = ("link_name", "area_name", "host_organisation")


def copy_from_settings(apps, schema_editor):
    LinkSettings = apps.get_model("linksite", "LinkSettings")
    HomePage = apps.get_model("home", "HomePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    # Translations start empty: they show the original's words, marked, until translated.
    HomePage.objects.update(**dict.fromkeys(FIELDS, ""))
    for found in LinkSettings.objects.select_related("site"):
        values = {name: getattr(found, name) for name in FIELDS}
        home = HomePage.objects.filter(pk=found.site.root_page_id).first()
        if home is None:
            continue
        HomePage.objects.filter(pk=home.pk).update(**values)
        for revision in Revision.objects.filter(object_id=str(home.pk)):
            if isinstance(revision.content, dict) and "introduction" in revision.content:
                revision.content.update(values)
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0003_spokespeople_translatable'),
        ('linksite', '0011_site_edition'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='homepage',
            name='area_name',
            field=models.CharField(blank=True, help_text='The local authority area the LINk covers, as it reads after “in”, e.g. “the Borough of Aldermoor”.', max_length=120, verbose_name='council area covered'),
        ),
        migrations.AddField(
            model_name='homepage',
            name='host_organisation',
            field=models.CharField(blank=True, help_text='The organisation paid by the council to support the LINk.', max_length=160, verbose_name='host organisation'),
        ),
        migrations.AddField(
            model_name='homepage',
            name='link_name',
            field=models.CharField(default='Local Involvement Network', max_length=120, verbose_name='LINk name'),
        ),
        migrations.RunPython(copy_from_settings, migrations.RunPython.noop),
    ]
