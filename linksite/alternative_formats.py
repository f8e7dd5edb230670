"""Other formats of a page: an easy read version, large print, audio.

One inline model with a parental key to `wagtailcore.Page`, so every page type has it without
a migration of its own, and it is versioned, moderated and translated with the page it
belongs to (a change to it is a change to the page, approved by the steering group). It is
translatable: a translation of a page can offer its own easy read document in that language.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, TranslatableMixin


class AlternativeFormat(TranslatableMixin, Orderable):
    class Kind(models.TextChoices):
        EASY_READ = "easy_read", _("Easy read")
        LARGE_PRINT = "large_print", _("Large print")
        AUDIO = "audio", _("Audio")

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="alternative_formats"
    )
    kind = models.CharField(_("format"), max_length=20, choices=Kind.choices)
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("The easy read PDF, the large print document or the audio file."),
    )
    description = models.CharField(
        _("description"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. '12 pages with pictures' or '25 minutes'."),
    )

    panels = [FieldPanel("kind"), FieldPanel("document"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("alternative format")
        verbose_name_plural = _("alternative formats")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.document}"

    def clean(self):
        super().clean()
        if self.kind == self.Kind.AUDIO and self.document_id:
            extension = self.document.file_extension.lower()
            if extension not in AUDIO_EXTENSIONS:
                raise ValidationError(
                    {"document": _("Choose an audio file (%(types)s).") % {"types": "MP3"}}
                )


AUDIO_EXTENSIONS = {"mp3"}
