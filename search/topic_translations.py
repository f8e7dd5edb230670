"""A topic's name in each language.

A topic is one `taggit.Tag` in every language (one slug, one topic page address), and the
tag's name is the English one editors typed. Each tag has a `TopicName` in the default
language, kept equal to the tag's name; translators translate it like any snippet with
wagtail-localize (Snippets → Topic names → Translate, in its editor or as a PO file), which
makes the `TopicName` of that language. Where a topic has no name in a language yet, its
English name is shown, marked as English (linksite/languages.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from linksite.languages import Worded


class TopicName(TranslatableMixin, models.Model):
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="translated_names", verbose_name=_("topic")
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("tag")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic name")
        verbose_name_plural = _("topic names")
        constraints = [
            models.UniqueConstraint(fields=["tag", "locale"], name="one_topic_name_a_language")
        ]

    def __str__(self):
        return self.name


def default_locale():
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()


def name_the_tag(sender, instance, created=False, raw=False, **kwargs):
    """post_save of a Tag: its name in the default language, for translators to translate."""
    if raw:
        return
    locale = default_locale()
    if locale is None:
        return
    TopicName.objects.update_or_create(
        tag=instance, locale=locale, defaults={"name": instance.name}
    )


def names_in(tags, locale):
    """{tag id: the topic's name in `locale`, a `Worded` that knows its language}, in one
    query; the tag's own (English) name where there is no translation."""
    tags = list(tags)
    found = dict(
        TopicName.objects.filter(tag__in=tags, locale=locale).values_list("tag_id", "name")
    )
    code = locale.language_code if locale is not None else settings.LANGUAGE_CODE
    return {
        tag.pk: Worded(found[tag.pk], code)
        if tag.pk in found
        else Worded(tag.name, settings.LANGUAGE_CODE)
        for tag in tags
    }
