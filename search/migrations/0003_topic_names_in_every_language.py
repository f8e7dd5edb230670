"""Each topic gets its name in the default language, for translators to translate
(search/topic_translations.py)."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


def name_every_tag(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    Locale = apps.get_model("wagtailcore", "Locale")
    TopicName = apps.get_model("search", "TopicName")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:
        return
    TopicName.objects.bulk_create(
        TopicName(tag=tag, locale=locale, name=tag.name, translation_key=uuid.uuid4())
        for tag in Tag.objects.all()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_topics_have_slugs'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='TopicName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translated_names', to='taggit.tag', verbose_name='topic')),
            ],
            options={
                'verbose_name': 'topic name',
                'verbose_name_plural': 'topic names',
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('tag', 'locale'), name='one_topic_name_a_language')],
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(name_every_tag, migrations.RunPython.noop),
    ]
